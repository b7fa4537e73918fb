#!/usr/bin/env node
// Search in a real browser, as readers use it.
//
//   node tests/audit/search.mjs --site DIR --queries FILE --chromium PATH [--shots DIR]
//   node tests/audit/search.mjs --site DIR --bench QUERY... --chromium PATH
//
// With --queries (the recall fixture, tests/fixtures/search/queries.json)
// it serves DIR under the sub-path /portal/, types every query into the
// search page (selecting its filters first) and checks:
//   * recall: the share of expected hits among the first 10 results (>= 95%),
//     and that every name query finds its project first;
//   * the role=status region says only how many projects were found;
//   * axe-core finds no violation with results shown, on the search page
//     and in the header box of a project page; the results are links that
//     Tab reaches from the header box;
//   * from file://, the search page (?q=) and the header box find projects;
//   * a query without hits says so visibly, the count equals the results
//     listed, and 单位编码 and 项目编码 find their projects.
// With --bench it types each QUERY into the header box of a project page
// in a fresh browser context and reports the bytes the query loaded and
// the time from the last keystroke to the results.
// The last line is a summary; exit status 0 = all checks passed.

import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

const opts = { site: null, queries: null, chromium: '/usr/bin/chromium', shots: null, bench: [] };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--site') opts.site = path.resolve(argv[++i]);
    else if (a === '--queries') opts.queries = path.resolve(argv[++i]);
    else if (a === '--chromium') opts.chromium = argv[++i];
    else if (a === '--shots') opts.shots = path.resolve(argv[++i]);
    else if (a === '--bench') opts.bench.push(...argv.slice(i + 1)), (i = argv.length);
    else {
      console.error(`search: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!opts.site || (!opts.queries && !opts.bench.length)) {
    console.error('usage: node tests/audit/search.mjs --site DIR (--queries FILE | --bench QUERY...) [--chromium PATH] [--shots DIR]');
    process.exit(2);
  }
}

const PREFIX = '/portal/';
const failures = [];
const fail = (message) => failures.push(message);

/* Types `query` into the search box of `form` and waits for the results. */
async function search(page, formSelector, query, filters = {}) {
  const form = page.locator(formSelector);
  for (const [name, value] of Object.entries(filters)) {
    await form.locator(`select[name=${name}]`).selectOption(value);
  }
  const input = form.locator('input[type=search]');
  await input.fill('');
  await input.pressSequentially(query);
  const started = Date.now();
  await page.waitForFunction((sel) => document.querySelector(sel).getAttribute('data-state') === 'done', formSelector);
  return Date.now() - started;
}

async function results(page, root) {
  return page.$$eval('.search-results a', (links, root) => links.map((a) => a.href.slice(root.length)), root);
}

async function axe(page, label) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  for (const v of violations) fail(`axe on ${label}: ${v}`);
}

async function recall(browser, base) {
  const queries = JSON.parse(readFileSync(opts.queries, 'utf8'));
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  let expected = 0, found = 0, names = 0, namesFirst = 0;
  for (const q of queries) {
    await page.goto(`${base}search/index.html`);
    await search(page, 'form[data-search-page]', q.q, q.filters || {});
    const got = (await results(page, base)).slice(0, 10);
    for (const hit of q.expect) {
      expected += 1;
      if (got.includes(hit)) found += 1;
      else fail(`「${q.q}」 misses ${hit} (got ${got.join(' ')})`);
    }
    if (q.first) {
      names += 1;
      if (got[0] === q.first) namesFirst += 1;
      else fail(`name query 「${q.q}」 ranks ${got[0]} first, not ${q.first}`);
    }
    const status = (await page.locator('[data-search-status]').textContent()).trim();
    if (!/^找到 \d+ 个项目$|^没有找到匹配的项目$/.test(status)) fail(`「${q.q}」: status says 「${status}」`);
  }
  await context.close();
  return { expected, found, names, namesFirst, queries: queries.length };
}

async function accessibility(browser, base) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  await page.goto(`${base}search/index.html`);
  await search(page, 'form[data-search-page]', '康复');
  if ((await results(page, base)).length === 0) fail('the search page shows no result for 康复');
  await axe(page, 'the search page with results (320 px)');
  if (opts.shots) await page.screenshot({ path: path.join(opts.shots, 'search-page-320.png'), fullPage: true });

  const project = (await results(page, base))[0];
  await page.goto(base + project);
  await search(page, 'form.site-search', '残联');
  const shown = await page.locator('#search-panel').isVisible();
  if (!shown) fail('the header box shows no results panel');
  await axe(page, 'a project page with header results (320 px)');
  // Tab from the box: its button, then the first result.
  await page.locator('form.site-search input').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('.search-results') !== null);
  if (!focused) fail('Tab from the header box does not reach the results');
  if (opts.shots) await page.screenshot({ path: path.join(opts.shots, 'search-header-320.png'), fullPage: true });
  // Escape clears.
  await page.locator('form.site-search input').press('Escape');
  if (await page.locator('#search-panel').isVisible()) fail('Escape does not close the results');
  await context.close();
}

/* Issue 26: what the reader sees matches what was found. A query with no
 * hit says so visibly in the header box's panel (not only to screen
 * readers); the count in the status equals the results listed once
 * 「显示更多结果」 has shown them all; 单位编码 and 项目编码 find their
 * projects. */
async function honesty(browser, base) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));
  await page.goto(`${base}index.html`);
  await search(page, 'form.site-search', '没有这样的项目名称');
  const echo = page.locator('#search-panel [data-search-echo]');
  const shown = (await echo.count()) > 0 && (await echo.isVisible());
  const seen = shown ? (await echo.textContent()).trim() : '';
  const box = shown ? await echo.boundingBox() : null;
  if (!seen.includes('没有找到') || !box || box.width < 20 || box.height < 10) {
    fail(`a query without hits shows no visible message in the header panel (got 「${seen}」)`);
  }
  for (const q of ['200', '100', '康复', '残联', '2023 资金', '504001']) {
    await page.goto(`${base}search/index.html`);
    await search(page, 'form[data-search-page]', q);
    const more = page.locator('#search-results .search-more');
    for (let i = 0; i < 20 && (await more.isVisible()); i++) {
      const before = await page.locator('#search-results li').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, before);
    }
    const listed = await page.locator('#search-results li').count();
    const status = (await page.locator('[data-search-status]').textContent()).trim();
    const said = /找到 (\d+) 个项目/.exec(status);
    const count = said ? +said[1] : 0;
    if (count !== listed) fail(`「${q}」: the status says 「${status}」 but ${listed} projects are listed`);
  }
  for (const [q, expect] of [['510000231000000000101', '2023/510001/xueqian-jiaoyu-zizhu/index.html'],
    ['504001', '2023/504001/']]) {
    await page.goto(`${base}search/index.html`);
    await search(page, 'form[data-search-page]', q);
    const got = await results(page, base);
    if (!got.some((href) => href.startsWith(expect))) fail(`code 「${q}」 does not find ${expect} (got ${got.join(' ')})`);
  }
  await context.close();
}

async function fromFiles(browser) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`file:// script error: ${e.message}`));
  const root = pathToFileURL(opts.site).href + '/';
  await page.goto(`${root}search/index.html?q=${encodeURIComponent('维权')}`);
  await page.waitForFunction(() => document.querySelector('form[data-search-page]').getAttribute('data-state') === 'done');
  const got = await results(page, root);
  if (!got.some((href) => href.includes('weiquan'))) fail(`file://: the search page did not find 维权 (got ${got})`);
  await page.goto(`${root}index.html`);
  await search(page, 'form.site-search', '两节慰问金');
  const first = (await results(page, root))[0];
  if (!first || !first.includes('liangjie')) fail(`file://: the header box did not find 两节慰问金 (got ${first})`);
  else {
    await page.locator('.search-results a').first().click();
    await page.waitForLoadState();
    if (!(await page.title()).includes('两节慰问金')) fail('file://: the result link does not open the project');
  }
  await context.close();
}

async function bench(browser, base) {
  const hrefs = [];
  for (const query of opts.bench) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    let bytes = 0;
    await page.goto(`${base}index.html`);
    const project = await page.$eval('a[href*="/"][href$="index.html"]', (a) => a.href).catch(() => `${base}index.html`);
    await page.goto(project);
    page.on('response', async (r) => {
      try {
        bytes += (await r.body()).length;
      } catch { /* redirects have no body */ }
    });
    const ms = await search(page, 'form.site-search', query);
    const n = await page.locator('.search-results li').count();
    const status = await page.locator('form.site-search [data-search-status]').textContent();
    hrefs.push(`bench: 「${query}」 ${status.trim()}, ${n} shown, ${(bytes / 1024).toFixed(1)} KB loaded, ${ms} ms`);
    await context.close();
  }
  return hrefs;
}

const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const server = await serve(opts.site, PREFIX);
const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
try {
  if (opts.shots) mkdirSync(opts.shots, { recursive: true });
  if (opts.bench.length) {
    for (const line of await bench(browser, base)) console.log(line);
  } else {
    const r = await recall(browser, base);
    await accessibility(browser, base);
    await honesty(browser, base);
    await fromFiles(browser);
    for (const f of failures) console.log(`FAIL ${f}`);
    const rate = (100 * r.found) / Math.max(1, r.expected);
    if (rate < 95) fail(`recall ${rate.toFixed(1)}% is under 95%`);
    console.log(`search: ${r.queries} queries, recall ${r.found}/${r.expected} (${rate.toFixed(1)}%) in the top 10, ` +
      `${r.namesFirst}/${r.names} names first, ${failures.length} failures`);
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failures.length ? 1 : 0);
