#!/usr/bin/env node
// The browser half of bench/search_compare.sh: runs the same queries
// through Pagefind's JS API and through gongkai's own index, on one built
// site, in headless Chromium (issue 13's engine comparison).
//
//   node bench/search_compare.mjs recall --site DIR --queries FILE [--pagefind SUBDIR]...
//   node bench/search_compare.mjs cold   --site DIR [--pagefind SUBDIR] QUERY...
//   node bench/search_compare.mjs file   --site DIR [--pagefind SUBDIR]
//
// --no-gongkai / --no-pagefind leave one engine out (cold mode), for a
// site built with `[search] enabled = false` or without a Pagefind bundle.
//
// The site is served by tests/audit/serve.mjs under /portal/, as the
// portal fixture's base_path says. `--pagefind SUBDIR` names a Pagefind
// bundle inside the site (default `pagefind`); several may be given to
// compare bundles built with different settings on the same pages.
//
// recall: for each query, the first 10 results of each engine are compared
//   with the fixture's expected hits; prints recall@10 and name-first per
//   query kind. Pagefind without indexed filters gets the fixture's
//   filters applied to its ranked results afterwards (by URL: YEAR/DEPT/),
//   which is more than it can do in a page, so its filter figure is an
//   upper bound. With `--limit N` (N > 10) it compares the first N
//   results instead, one line per query, with how many each engine
//   returned: for terms with hundreds of hits on a large corpus.
// cold: one fresh browser context per engine and query, opened on a
//   project page; counts the bytes of every response from the moment the
//   query starts (the page itself is already loaded) and the time until
//   the first 10 results have their data (Pagefind: `.data()` resolved;
//   gongkai: names, amounts and excerpt text loaded).
// file: opens the site from file:// and tries both engines; prints what
//   happened, with the browser's console errors quoted.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const audit = path.join(here, '..', 'tests', 'audit');
const { serve } = await import(pathToFileURL(path.join(audit, 'serve.mjs')).href);
const require = createRequire(path.join(audit, 'package.json'));
const { chromium } = require('playwright-core');

const PREFIX = '/portal/';
const argv = process.argv.slice(2);
const mode = argv.shift();
const opts = { limit: 10, site: null, queries: null, chromium: process.env.CHROMIUM || '/usr/bin/chromium', bundles: [], words: [] };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--site') opts.site = path.resolve(argv[++i]);
  else if (a === '--queries') opts.queries = path.resolve(argv[++i]);
  else if (a === '--chromium') opts.chromium = argv[++i];
  else if (a === '--pagefind') opts.bundles.push(argv[++i]);
  else if (a === '--no-pagefind') opts.noPagefind = true;
  else if (a === '--limit') opts.limit = Number(argv[++i]);
  else if (a === '--no-gongkai') opts.noGongkai = true;
  else opts.words.push(a);
}
if (!opts.bundles.length) opts.bundles.push('pagefind');
if (opts.noPagefind) opts.bundles = [];
if (!['recall', 'cold', 'file'].includes(mode) || !opts.site || (mode === 'recall' && !opts.queries)) {
  console.error('usage: node bench/search_compare.mjs (recall --queries FILE | cold QUERY... | file) --site DIR [--pagefind SUBDIR]...');
  process.exit(2);
}

/* Runs in the page: Pagefind's first `limit` results as site-relative
 * hrefs (YEAR/DEPT/slug/index.html). With `filters` and no indexed
 * filters, ranks everything and keeps the hits under the filtered URL. */
async function pagefindQuery({ url, q, filters, limit }) {
  const t0 = performance.now();
  const pf = await import(url);
  await pf.options({ baseUrl: '/' });
  const wanted = filters && Object.keys(filters).length ? filters : null;
  const emulate = wanted ? Object.keys(await pf.filters()).length === 0 : false;
  const search = await pf.search(q, wanted && !emulate ? { filters: wanted } : {});
  const hrefs = [];
  const clean = (url) => url.replace(/^\/+/, '').replace(/^portal\//, '');
  const keep = (href) => !wanted || !emulate || ((!wanted.year || href.startsWith(wanted.year + '/')) && (!wanted.department || href.split('/')[1] === wanted.department));
  for (let i = 0; i < search.results.length && hrefs.length < limit; i += limit) {
    const data = await Promise.all(search.results.slice(i, i + limit).map((r) => r.data()));
    for (const d of data) if (hrefs.length < limit && keep(clean(d.url))) hrefs.push(clean(d.url));
    if (!wanted || !emulate) break;
  }
  return { hrefs, total: search.results.length, emulated: emulate, ms: performance.now() - t0 };
}

/* Runs in the page: gongkai's ranked results through its public API. */
async function gongkaiQuery({ q, filters, limit }) {
  const t0 = performance.now();
  const root = document.querySelector('form[data-root]').getAttribute('data-root');
  const results = await window.gongkaiSearch.query(root, q, filters || {}, limit);
  return { hrefs: results.map((r) => r.href), ms: performance.now() - t0 };
}

async function projectPage(page, base) {
  await page.goto(`${base}index.html`);
  const href = await page.$eval('main a[href$="/index.html"]', (a) => a.href);
  // The home page links departments/years; go one level further to a project.
  await page.goto(href);
  const project = await page.$$eval('main a[href$="/index.html"]', (as) => as.map((a) => a.href).find((h) => /\/\d{4}\/\d{6}\/[^/]+\/index\.html$/.test(h)));
  await page.goto(project || href);
}

const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const server = await serve(opts.site, PREFIX);
const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
const pct = (a, b) => (b ? `${a}/${b} (${((100 * a) / b).toFixed(0)}%)` : '-');

try {
  if (mode === 'recall') {
    const queries = JSON.parse(readFileSync(opts.queries, 'utf8'));
    const engines = [{ name: 'gongkai', run: gongkaiQuery }];
    for (const bundle of opts.bundles) {
      engines.push({ name: `pagefind:${bundle}`, run: pagefindQuery, url: `${base}${bundle}/pagefind.js` });
    }
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}index.html`);
    const table = {};
    const misses = [];
    for (const e of engines) {
      for (const q of queries) {
        const r = await page.evaluate(e.run, { url: e.url, q: q.q, filters: q.filters || null, limit: opts.limit });
        if (r.emulated) e.emulated = true;
        if (opts.limit > 10) {
          const got = new Set(r.hrefs);
          const hit = q.expect.filter((h) => got.has(h)).length;
          const projects = r.hrefs.filter((h) => /^\d{4}\/\d{6}\/[^/]+\/index\.html$/.test(h)).length;
          (e.lines ||= []).push({ q: q.q, expected: q.expect.length, hit, returned: r.total ?? r.hrefs.length, projects, ms: r.ms });
          continue;
        }
        const row = (table[`${e.name}|${q.kind}`] ||= { queries: 0, expected: 0, found: 0, names: 0, first: 0 });
        const all = (table[`${e.name}|all`] ||= { queries: 0, expected: 0, found: 0, names: 0, first: 0 });
        for (const t of [row, all]) t.queries += 1;
        for (const hit of q.expect) {
          for (const t of [row, all]) t.expected += 1;
          if (r.hrefs.includes(hit)) for (const t of [row, all]) t.found += 1;
          else misses.push(`${e.name}: 「${q.q}」 (${q.kind}) misses ${hit}; top: ${r.hrefs.slice(0, 3).join(' ') || '(none)'}`);
        }
        if (q.first) {
          for (const t of [row, all]) t.names += 1;
          if (r.hrefs[0] === q.first) for (const t of [row, all]) t.first += 1;
          else misses.push(`${e.name}: name 「${q.q}」 ranks ${r.hrefs[0] || '(none)'} first`);
        }
      }
      if (e.emulated) console.log(`note: ${e.name} has no indexed filters; the fixture's filters were applied to its ranked results by URL`);
    }
    if (opts.limit > 10) {
      console.log(`| query | expected | ${engines.map((e) => `${e.name}`).join(' | ')} |`);
      console.log(`|---|---:|${engines.map(() => '---:|').join('')}`);
      queries.forEach((q, i) => {
        console.log(`| ${q.q} | ${q.expect.length} | ${engines.map((e) => { const l = e.lines[i]; return `${l.hit} / ${l.projects} (${l.returned})`; }).join(' | ')} |`);
      });
      const sum = (e, k) => e.lines.reduce((a, l) => a + l[k], 0);
      console.log(`| all | ${queries.reduce((a, q) => a + q.expect.length, 0)} | ${engines.map((e) => `${sum(e, 'hit')} / ${sum(e, 'projects')} (${sum(e, 'returned')})`).join(' | ')} |`);
    } else {
      const kinds = ['name', 'term', 'substring', 'department', 'mixed', 'filter', 'all'];
      console.log(`| kind | queries | ${engines.map((e) => `${e.name} recall@10`).join(' | ')} | ${engines.map((e) => `${e.name} name first`).join(' | ')} |`);
      console.log(`|---|---:|${engines.map(() => '---:|').join('')}${engines.map(() => '---:|').join('')}`);
      for (const k of kinds) {
        const rows = engines.map((e) => table[`${e.name}|${k}`]);
        if (!rows[0]) continue;
        console.log(`| ${k} | ${rows[0].queries} | ${rows.map((t) => pct(t.found, t.expected)).join(' | ')} | ${rows.map((t) => (t.names ? pct(t.first, t.names) : '-')).join(' | ')} |`);
      }
    }
    for (const m of misses) console.log(`miss ${m}`);
    for (const m of errors) console.log(`page error: ${m}`);
  } else if (mode === 'cold') {
    for (const q of opts.words) {
      const engines = [...(opts.noGongkai ? [] : [['gongkai', gongkaiQuery, null]]), ...opts.bundles.map((b) => [`pagefind:${b}`, pagefindQuery, `${base}${b}/pagefind.js`])];
      for (const [name, run, url] of engines) {
        const context = await browser.newContext({ locale: 'zh-CN' });
        const page = await context.newPage();
        await projectPage(page, base);
        let bytes = 0, requests = 0;
        const pending = [];
        page.on('response', (r) => {
          requests += 1;
          pending.push(r.body().then((b) => { bytes += b.length; }, () => {}));
        });
        const r = await page.evaluate(run, { url, q, filters: null, limit: 10 });
        await Promise.all(pending);
        console.log(`cold | ${name} | 「${q}」 | ${r.total ?? '-'} | ${requests} | ${(bytes / 1024).toFixed(1)} KB | ${r.ms.toFixed(0)} ms |`);
        await context.close();
      }
    }
  } else {
    const root = pathToFileURL(opts.site).href + '/';
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const log = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url().slice(root.length)} (${r.failure()?.errorText})`));
    await page.goto(`${root}index.html`);
    const g = await page.evaluate(gongkaiQuery, { q: '维权', filters: null, limit: 10 }).catch((e) => ({ error: String(e) }));
    console.log(`file:// gongkai 「维权」: ${g.error ? `error ${g.error}` : `${g.hrefs.length} results, first ${g.hrefs[0]}`}`);
    for (const bundle of opts.bundles) {
      log.length = 0;
      const p = await page.evaluate(pagefindQuery, { url: `${root}${bundle}/pagefind.js`, q: '维权', filters: null, limit: 10 })
        .then((r) => `${r.hrefs.length} results, first ${r.hrefs[0]}`, (e) => `error ${String(e)}`)
        .catch((e) => `error ${String(e)}`);
      // Give console messages a moment to arrive.
      await page.waitForTimeout(300);
      console.log(`file:// pagefind:${bundle} 「维权」: ${p}`);
      for (const l of log) console.log(`  ${l}`);
      // Even with pagefind.js loaded some other way, it fetch()es its
      // entry, metadata, index chunks and WebAssembly: try one.
      log.length = 0;
      const f = await page.evaluate((u) => fetch(u).then((r) => `status ${r.status}`, (e) => `error ${String(e)}`), `${root}${bundle}/pagefind-entry.json`);
      await page.waitForTimeout(300);
      console.log(`file:// fetch('${bundle}/pagefind-entry.json'): ${f}`);
      for (const l of log) console.log(`  ${l}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

