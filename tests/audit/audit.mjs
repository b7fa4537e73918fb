#!/usr/bin/env node
// Browser audit for sites built by gongkai.
//
//   node tests/audit/audit.mjs --site DIR [--site DIR2 ...] --shots OUTDIR
//
// For every *.html file under each DIR this serves the directory on
// 127.0.0.1 (ephemeral port), loads each page in Debian's headless Chromium
// (driven by playwright-core, never a downloaded browser) and checks:
//   * axe-core: WCAG 2.0/2.1/2.2 A+AA and best-practice rules, at 1280 and 320 px;
//   * layout: no horizontal page scroll at 320 px and at 200% zoom of a
//     1280 px window; every horizontally scrolling region is focusable,
//     named and has a role; focus is visible; body text line-height >= 1.3;
//     the print stylesheet hides navigation and keeps table header rows;
//     at 320 px no number (「≥100」, 「12.5%」) is broken across lines;
//   * every same-origin sub-resource loads and no script error is thrown;
//   * the Nu Html Checker (vnu.jar, run with java) reports no errors.
// Full-page screenshots of the index, a department page and the longest project
// page of each site at 1280, 375 and 320 px are written to OUTDIR, and of the
// first page of each kind that has charts (a year index, a department-year, a
// project with 历年对比). Exit status: 0 when everything passes, 1 otherwise,
// 2 on a usage or environment error.

import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, accessSync, constants } from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import os from 'node:os';

const require = createRequire(import.meta.url);
const started = Date.now();

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) console.error(`audit: ${msg}`);
  console.error('usage: node tests/audit/audit.mjs --site DIR [--site DIR ...] --shots OUTDIR [--jobs N] [--chromium PATH] [--no-vnu]');
  process.exit(2);
}

const opts = { sites: [], shots: null, jobs: 3, chromium: process.env.CHROMIUM_PATH || null, vnu: true };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') opts.sites.push(path.resolve(val()));
    else if (a === '--shots') opts.shots = path.resolve(val());
    else if (a === '--jobs') opts.jobs = Math.max(1, parseInt(val(), 10) || 1);
    else if (a === '--chromium') opts.chromium = val();
    else if (a === '--no-vnu') opts.vnu = false;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (opts.sites.length === 0) usage('at least one --site DIR is required');
  if (!opts.shots) usage('--shots OUTDIR is required');
  for (const s of opts.sites) {
    if (!existsSync(s) || !statSync(s).isDirectory()) usage(`site directory ${s} does not exist`);
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

const chromiumPath = opts.chromium
  || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null)
  || findOnPath('chromium')
  || findOnPath('chromium-browser');
if (!chromiumPath) usage('no Chromium found (apt-get install -y chromium, or pass --chromium PATH)');

// A hard stop so a hung browser can never hang the test suite. Four sites
// of about 100 pages take 150-320 s on the shared 2-core VM.
const watchdog = setTimeout(() => {
  console.error('audit: gave up after 600 s (hung browser or validator?)');
  process.exit(1);
}, 600_000);
watchdog.unref();

// ---------------------------------------------------------------- pages

function walkHtml(root) {
  const out = [];
  const walk = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && ent.name.endsWith('.html')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

// URL path for a file: "a/index.html" is requested as "/a/", as a web server would.
function urlPathFor(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

function labelFor(dir, i, all) {
  let base = path.basename(dir).replace(/[^A-Za-z0-9_-]+/g, '_') || `site${i + 1}`;
  if (all.filter((d) => path.basename(d) === path.basename(dir)).length > 1) base += `-${i + 1}`;
  return base;
}

// ---------------------------------------------------------------- http server

// ---------------------------------------------------------------- vnu

function runVnu(dirs) {
  if (!opts.vnu) return Promise.resolve({ errors: [], skipped: true });
  let jar;
  try {
    jar = require('vnu-jar');
    jar = String(jar);
  } catch {
    return Promise.resolve({ errors: [{ file: '-', message: 'vnu-jar is not installed (cd tests/audit && npm ci)' }] });
  }
  return new Promise((resolve) => {
    const child = spawn('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', ...dirs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve({ errors: [{ file: '-', message: `could not run java: ${e.message}` }] }));
    child.on('close', (code) => {
      // vnu writes its JSON report to stderr.
      const text = (err.trim() || out.trim());
      let report;
      try {
        report = JSON.parse(text);
      } catch {
        resolve({ errors: [{ file: '-', message: `vnu exited ${code} without a JSON report: ${text.slice(0, 2000)}` }] });
        return;
      }
      const errors = [];
      for (const m of report.messages || []) {
        if (m.type === 'error' || m.type === 'non-document-error') {
          let file = m.url || '-';
          if (file.startsWith('file:')) {
            try {
              file = decodeURIComponent(new URL(file).pathname);
            } catch {
              // keep the URL
            }
          }
          errors.push({ file, line: m.lastLine ?? m.firstLine, column: m.firstColumn, message: m.message, extract: m.extract });
        }
      }
      if (code !== 0 && errors.length === 0) {
        errors.push({ file: '-', message: `vnu exited ${code}: ${text.slice(0, 2000)}` });
      }
      resolve({ errors });
    });
  });
}

// ---------------------------------------------------------------- in-page checks
// These functions run inside the page (serialised by playwright).

function pageLayoutCheck() {
  const doc = document.documentElement;
  const problems = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const scroller = document.scrollingElement || doc;
  if (scroller.scrollWidth > scroller.clientWidth) {
    // Name the widest offenders to make the report actionable.
    const vw = scroller.clientWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 0.5 && r.width > 0) {
        // Skip elements inside a scrolling region: they are allowed to be wide.
        let inside = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') {
            inside = true;
            break;
          }
        }
        if (!inside) wide.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
      }
    }
    problems.push(`page scrolls horizontally: scrollWidth ${scroller.scrollWidth} > clientWidth ${scroller.clientWidth}` +
      (wide.length ? `; too wide: ${wide.slice(-5).join(', ')}` : ''));
  }
  for (const el of [doc, document.body]) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'hidden' || ox === 'clip') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth}px of content with overflow-x: ${ox}`);
    }
  }
  const regions = [];
  for (const el of document.body.querySelectorAll('*')) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      regions.push(describe(el));
      const tabindex = el.getAttribute('tabindex');
      const focusable = tabindex !== null && parseInt(tabindex, 10) === 0;
      let name = (el.getAttribute('aria-label') || '').trim();
      const labelledby = (el.getAttribute('aria-labelledby') || '').trim();
      if (!name && labelledby) {
        name = labelledby.split(/\s+/).map((id) => {
          const t = document.getElementById(id);
          return t ? t.textContent.trim() : '';
        }).join(' ').trim();
      }
      const role = (el.getAttribute('role') || '').trim();
      const missing = [];
      if (!focusable) missing.push('tabindex="0"');
      if (!name) missing.push('an accessible name (aria-label or aria-labelledby)');
      if (!role) missing.push('a role (e.g. region)');
      if (missing.length) problems.push(`horizontally scrolling ${describe(el)} lacks ${missing.join(', ')}`);
    }
  }
  return { problems, regions };
}

// At 320 px every figure (amounts, 指标值) must be on screen, or inside a
// scroll region that says it scrolls (aria-describedby naming the hint);
// none may overflow its own cell.
function phoneFiguresCheck() {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('td.num, dd.num')];
  for (const table of document.querySelectorAll('table.indicators')) {
    for (const tbody of table.tBodies) {
      for (const tr of tbody.rows) {
        const td = tr.querySelector('td');
        if (td) cells.push(td);
      }
    }
  }
  const text = (el) => el.textContent.trim().replace(/\s+/g, ' ').slice(0, 30);
  for (const el of cells) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    let region = null;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll') { region = p; break; }
    }
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`「${text(el)}」 overflows its cell`);
    if (region && region.scrollWidth > region.clientWidth + 1) {
      const said = (region.getAttribute('aria-describedby') || '').split(/\s+/)
        .map((id) => document.getElementById(id)).filter(Boolean)
        .filter((hint) => hint.getBoundingClientRect().width > 0)
        .map((hint) => hint.textContent).join(' ');
      if (!said.includes('左右滑动') && !/scroll/i.test(said)) {
        problems.push(`「${text(el)}」 is in a sideways-scrolling table that is not announced as one`);
      }
      continue;
    }
    if (r.left < -0.5 || r.right > vw + 0.5) {
      problems.push(`「${text(el)}」 is cut off (right edge ${Math.round(r.right)}px of ${vw}px)`);
    }
  }
  return { problems, checked: cells.length };
}

// At 320 px no number may be broken across lines (issue 26): 「≥100」 must
// not wrap to 「≥10」 and 「0人」. A token is a maximal run of an optional
// comparator, a digit, then digits, points and commas, then an optional %
// (/[≥≤><＞＜≧≦=±]?\d[\d.,]*%?/); its first and last characters must lie on
// one line. Lines are compared along the block axis of the text's writing
// mode, so the vertical 一级/二级 cells count too. A token of more than 24
// characters is wider than a phone's line and may break (the renderer keeps
// only shorter ones whole: src/render/whole_numbers.rs), and digits with a
// Latin letter right before or after them are part of a code such as
// 「XM2023ABC」, a word that breaks where it must, not a number.
function numberBreakCheck() {
  const problems = [];
  const token = /[≥≤><＞＜≧≦=±]?\d[\d.,]*%?/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let checked = 0;
  const range = document.createRange();
  const rectOf = (node, i) => {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    return rects[0] || null;
  };
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script,style,noscript,template,svg')) continue;
    if (!el.getClientRects().length) continue;
    const vertical = getComputedStyle(el).writingMode.startsWith('vertical');
    for (const m of n.nodeValue.matchAll(token)) {
      if (m[0].length < 2 || m[0].length > 24) continue;
      const before = n.nodeValue[m.index - 1] || '';
      const after = n.nodeValue[m.index + m[0].length] || '';
      if (/[A-Za-z]/.test(before + after)) continue;
      checked += 1;
      const first = rectOf(n, m.index);
      const last = rectOf(n, m.index + m[0].length - 1);
      if (!first || !last) continue;
      // Two characters are on one line when their boxes overlap across it.
      const [a0, a1, b0, b1] = vertical
        ? [first.left, first.right, last.left, last.right]
        : [first.top, first.bottom, last.top, last.bottom];
      if (Math.min(a1, b1) - Math.max(a0, b0) <= 1) {
        const context = n.nodeValue.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8).replace(/\s+/g, ' ').trim();
        problems.push(`the number 「${m[0]}」 is broken across lines (in 「${context}」)`);
      }
    }
  }
  return { problems, checked };
}

function lineHeightCheck() {
  const problems = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.nodeValue.trim()) continue;
    const el = n.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('h1,h2,h3,h4,h5,h6,script,style,noscript,template')) continue;
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    const fs = parseFloat(cs.fontSize);
    let ratio;
    if (cs.lineHeight === 'normal') ratio = NaN;
    else ratio = parseFloat(cs.lineHeight) / fs;
    if (!(ratio >= 1.3 - 1e-3)) {
      let s = el.tagName.toLowerCase();
      if (el.className && typeof el.className === 'string') s += '.' + el.className.trim().split(/\s+/).join('.');
      problems.push(`${s} "${n.nodeValue.trim().slice(0, 30)}": line-height ${cs.lineHeight} at font-size ${cs.fontSize}` +
        (Number.isNaN(ratio) ? ' (normal is about 1.2)' : ` = ${ratio.toFixed(2)}`));
    }
  }
  return problems;
}

function focusSnapshot() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.className && typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\s+/).join('.');
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30);
  if (!el.dataset.auditFocus) el.dataset.auditFocus = String(document.querySelectorAll('[data-audit-focus]').length + 1);
  return {
    key: el.dataset.auditFocus,
    desc: `${s} "${text}"`,
    outlineStyle: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth) || 0,
    boxShadow: cs.boxShadow,
    background: cs.backgroundColor,
    color: cs.color,
    border: `${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}`,
    textDecoration: cs.textDecorationLine + ' ' + cs.textDecorationThickness,
    visible: r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 &&
      r.top < window.innerHeight && r.left < window.innerWidth && cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0,
  };
}

function unfocusedSnapshot(key) {
  const el = document.querySelector(`[data-audit-focus="${key}"]`);
  if (!el) return null;
  const cs = getComputedStyle(el);
  return {
    background: cs.backgroundColor,
    color: cs.color,
    border: `${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}`,
    textDecoration: cs.textDecorationLine + ' ' + cs.textDecorationThickness,
  };
}

function numericCheck() {
  const problems = [];
  for (const el of document.querySelectorAll('.num')) {
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    const align = cs.textAlign;
    // Figures line up in a column only when right-aligned; elsewhere (a
    // number in a <dd>, say) tabular figures are enough.
    const inColumn = el.tagName === 'TD' || el.tagName === 'TH';
    const right = align === 'right' || (align === 'end' && cs.direction === 'ltr');
    const tabular = cs.fontVariantNumeric.includes('tabular-nums');
    if ((inColumn && !right) || !tabular) {
      problems.push(`number ${el.tagName.toLowerCase()}.num "${el.textContent.trim().slice(0, 20)}" has text-align ${align}, ` +
        `font-variant-numeric ${cs.fontVariantNumeric} (want ${inColumn ? 'right and ' : ''}tabular-nums)`);
    }
  }
  return problems;
}

function printCheck() {
  const problems = [];
  const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const hide = new Set(document.querySelectorAll('nav, [role="navigation"], a[href="#main"], .skip-link'));
  for (const el of hide) {
    if (rendered(el)) problems.push(`print: ${describe(el)} is still printed (navigation should be display: none)`);
  }
  for (const t of document.querySelectorAll('table')) {
    if (!rendered(t)) {
      problems.push(`print: ${describe(t)} is not printed`);
      continue;
    }
    const thead = t.tHead;
    if (!thead) problems.push(`print: ${describe(t)} has no <thead> to repeat on each page`);
    else if (getComputedStyle(thead).display !== 'table-header-group') {
      problems.push(`print: ${describe(t)} thead has display ${getComputedStyle(thead).display}, not table-header-group`);
    }
    for (let p = t.parentElement; p && p !== document.body; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.overflowX !== 'visible' && p.scrollWidth > p.clientWidth + 1) {
        problems.push(`print: ${describe(p)} clips the table (overflow-x: ${cs.overflowX})`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- browser

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const axePath = require.resolve('axe-core/axe.min.js');

async function runAxe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      })),
      incomplete: r.incomplete.map((v) => v.id),
      incompleteNodes: r.incomplete.map((v) => v.nodes.map((n) => `${v.id}: ${n.html.slice(0, 80)} — ${(n.any[0] || n.all[0] || n.none[0] || {}).message}`)).flat(),
    };
  }, AXE_TAGS);
}

async function main() {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    usage('playwright-core is not installed (cd tests/audit && npm ci)');
  }
  if (opts.shots) mkdirSync(opts.shots, { recursive: true });

  const sites = [];
  for (const [i, dir] of opts.sites.entries()) {
    const server = await serve(dir);
    const base = `http://127.0.0.1:${server.address().port}`;
    const pages = walkHtml(dir).map((rel) => ({ rel, url: base + urlPathFor(rel) }));
    sites.push({ dir, label: labelFor(dir, i, opts.sites), server, base, pages });
  }
  const allPages = sites.flatMap((s) => s.pages.map((p) => ({ ...p, site: s })));

  const vnuPromise = runVnu(opts.sites);

  // Playwright gives every launch a fresh temporary profile (user-data-dir)
  // and removes it on close.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const ctxOpts = { locale: 'zh-CN', reducedMotion: 'reduce' };
  const desktop = await browser.newContext({ ...ctxOpts, viewport: { width: 1280, height: 900 } });
  const narrow = await browser.newContext({ ...ctxOpts, viewport: { width: 320, height: 640 } });
  // A 1280 px window at 200% zoom lays out like a 640 CSS px viewport at 2 device px per CSS px.
  const zoomed = await browser.newContext({ ...ctxOpts, viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

  const axeViolations = []; // {rule, impact, help, page, width, target, html}
  const layoutFailures = []; // {page, message}
  const layoutSeen = new Set();
  const addLayout = (page, message) => {
    const key = `${page.url || page.rel}|${message}`;
    if (layoutSeen.has(key)) return;
    layoutSeen.add(key);
    layoutFailures.push({ page, message });
  };
  const incomplete = new Map();
  const axeSeen = new Set();
  let projectCandidates = new Map(); // site label -> {rel, rows}
  let figuresChecked = 0; // amounts and 指标值 checked at 320 px
  let numbersChecked = 0; // numbers checked for a line break inside them at 320 px

  const watchPage = (page, current) => {
    page.on('response', (resp) => {
      if (resp.status() >= 400 && current.page && resp.url().startsWith(current.page.site.base)) {
        addLayout(current.page, `${resp.url().slice(current.page.site.base.length)} answered HTTP ${resp.status()}`);
      }
    });
    page.on('requestfailed', (req) => {
      if (current.page && req.url().startsWith(current.page.site.base)) {
        addLayout(current.page, `request for ${req.url().slice(current.page.site.base.length)} failed: ${req.failure()?.errorText}`);
      }
    });
    page.on('pageerror', (e) => {
      if (current.page) addLayout(current.page, `script error: ${e.message}`);
    });
  };

  const addAxe = (p, width, res) => {
    for (const v of res.violations) {
      for (const n of v.nodes) {
        const key = `${p.url}|${v.id}|${n.target}`;
        if (axeSeen.has(key)) continue;
        axeSeen.add(key);
        axeViolations.push({ rule: v.id, impact: v.impact, help: v.help, page: p, width, target: n.target, html: n.html, summary: n.summary });
      }
    }
    for (const id of res.incomplete) incomplete.set(id, (incomplete.get(id) || 0) + 1);
    if (process.env.AUDIT_VERBOSE) for (const n of res.incompleteNodes) console.log(`  review ${p.site.label}/${p.rel} @${width}: ${n}`);
  };

  async function worker(queue) {
    const cur = { page: null };
    const dPage = await desktop.newPage();
    const nPage = await narrow.newPage();
    const zPage = await zoomed.newPage();
    for (const pg of [dPage, nPage, zPage]) {
      watchPage(pg, cur);
      pg.setDefaultTimeout(20_000);
    }
    for (;;) {
      const p = queue.shift();
      if (!p) break;
      cur.page = p;
      const fail = (message) => addLayout(p, message);
      try {
        // ---- 1280 px: axe, line height, focus, print
        await dPage.emulateMedia({ media: 'screen' });
        await dPage.goto(p.url, { waitUntil: 'load' });
        const rows = await dPage.evaluate(() => document.querySelectorAll('table.indicators tbody tr').length);
        if (rows > 0) {
          const best = projectCandidates.get(p.site.label);
          if (!best || rows > best.rows) projectCandidates.set(p.site.label, { rel: p.rel, url: p.url, rows });
        }
        addAxe(p, 1280, await runAxe(dPage));
        for (const m of await dPage.evaluate(lineHeightCheck)) fail(`line height: ${m}`);
        for (const m of await dPage.evaluate(numericCheck)) fail(m);
        const wide = await dPage.evaluate(pageLayoutCheck);
        for (const m of wide.problems) fail(`at 1280px: ${m}`);

        // Focus visibility: walk the tab order from the top of the page.
        let prev = null;
        const firstKey = { value: null };
        for (let i = 0; i < 40; i++) {
          await dPage.keyboard.press('Tab');
          const snap = await dPage.evaluate(focusSnapshot);
          if (prev) {
            const un = await dPage.evaluate(unfocusedSnapshot, prev.key);
            checkFocus(prev, un, fail);
            prev = null;
          }
          if (!snap) break;
          if (firstKey.value === snap.key) break; // wrapped around
          if (firstKey.value === null) firstKey.value = snap.key;
          prev = snap;
        }
        if (prev) {
          await dPage.evaluate(() => document.activeElement && document.activeElement.blur());
          const un = await dPage.evaluate(unfocusedSnapshot, prev.key);
          checkFocus(prev, un, fail);
        }

        await dPage.emulateMedia({ media: 'print' });
        for (const m of await dPage.evaluate(printCheck)) fail(m);
        await dPage.emulateMedia({ media: 'screen' });

        // ---- 320 px: page scroll, scroll regions, axe again (layout-dependent rules)
        await nPage.goto(p.url, { waitUntil: 'load' });
        const n = await nPage.evaluate(pageLayoutCheck);
        for (const m of n.problems) fail(`at 320px: ${m}`);
        const figures = await nPage.evaluate(phoneFiguresCheck);
        for (const m of figures.problems) fail(`at 320px: ${m}`);
        figuresChecked += figures.checked;
        const numbers = await nPage.evaluate(numberBreakCheck);
        for (const m of numbers.problems) fail(`at 320px: ${m}`);
        numbersChecked += numbers.checked;
        addAxe(p, 320, await runAxe(nPage));

        // ---- 1280 px at 200% zoom
        await zPage.goto(p.url, { waitUntil: 'load' });
        const z = await zPage.evaluate(pageLayoutCheck);
        for (const m of z.problems) fail(`at 200% zoom (640 CSS px): ${m}`);
      } catch (e) {
        fail(`audit could not check the page: ${e.message.split('\n')[0]}`);
      }
      cur.page = null;
    }
    await Promise.all([dPage.close(), nPage.close(), zPage.close()]);
  }

  function checkFocus(f, un, fail) {
    if (!f.visible) {
      fail(`focus: ${f.desc} is focused but not visible on screen`);
      return;
    }
    if (f.outlineStyle !== 'none' && f.outlineWidth >= 2) return;
    if (f.boxShadow && f.boxShadow !== 'none') return;
    if (un && (un.background !== f.background || un.border !== f.border) &&
        (un.color !== f.color || un.textDecoration !== f.textDecoration || un.border !== f.border)) return;
    fail(`focus: ${f.desc} has no visible focus indicator (outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow})`);
  }

  const queue = allPages.slice();
  const jobs = Math.min(opts.jobs, Math.max(1, queue.length));
  await Promise.all(Array.from({ length: jobs }, () => worker(queue)));

  // ---- screenshots
  const shots = [];
  const narrowShot = await browser.newContext({ ...ctxOpts, viewport: { width: 375, height: 812 } });
  for (const s of sites) {
    const targets = [];
    const index = s.pages.find((p) => p.rel === 'index.html');
    if (index) targets.push(['index', index.url]);
    const dept = s.pages.find((p) => /^[0-9]+\/index\.html$/.test(p.rel));
    if (dept) targets.push(['department', dept.url]);
    const proj = projectCandidates.get(s.label);
    if (proj) targets.push(['project', proj.url]);
    // Pages with charts (issue 14): the first of each kind.
    const has = (p, needle) => readFileSync(path.join(s.dir, p.rel), 'utf8').includes(needle);
    const charted = [
      ['year-chart', /^[0-9]{4}\/index\.html$/, 'class="chart"'],
      ['department-chart', /^[0-9]{4}\/[0-9]+\/index\.html$/, 'id="chart-years-title"'],
      ['history-chart', /^[0-9]{4}\/[0-9]+\/[^/]+\/index\.html$/, 'id="chart-history-title"'],
    ];
    for (const [name, re, needle] of charted) {
      const page = s.pages.find((p) => re.test(p.rel) && has(p, needle));
      if (page) targets.push([name, page.url]);
    }
    for (const [name, url] of targets) {
      for (const [width, ctx] of [[1280, desktop], [375, narrowShot], [320, narrow]]) {
        const pg = await ctx.newPage();
        try {
          await pg.goto(url, { waitUntil: 'load' });
          const file = path.join(opts.shots, `${s.label}-${name}-${width}.png`);
          await pg.screenshot({ path: file, fullPage: true });
          shots.push(file);
        } catch (e) {
          addLayout({ site: s, rel: url }, `screenshot failed: ${e.message.split('\n')[0]}`);
        }
        await pg.close();
      }
    }
  }
  await browser.close();
  for (const s of sites) s.server.close();

  const vnu = await vnuPromise;
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);

  // ---- report
  const where = (p) => `${p.site.label}/${p.rel}`;
  if (axeViolations.length) {
    console.log(`\naxe-core violations (${axeViolations.length}):`);
    for (const v of axeViolations) {
      console.log(`  [${v.rule}] (${v.impact}) ${v.help}\n    page:   ${where(v.page)} at ${v.width}px\n    node:   ${v.target}\n    html:   ${v.html.slice(0, 300)}`);
      if (v.summary) console.log(`    detail: ${v.summary.replace(/\n\s*/g, ' | ').slice(0, 400)}`);
    }
  }
  if (vnu.errors.length) {
    console.log(`\nNu Html Checker errors (${vnu.errors.length}):`);
    for (const e of vnu.errors) {
      let file = e.file;
      for (const s of sites) if (file.startsWith(s.dir + path.sep)) file = `${s.label}/${path.relative(s.dir, file)}`;
      console.log(`  ${file}${e.line ? `:${e.line}${e.column ? ':' + e.column : ''}` : ''}: ${e.message}`);
      if (e.extract) console.log(`    ${e.extract.replace(/\n/g, '⏎').slice(0, 200)}`);
    }
  }
  if (layoutFailures.length) {
    console.log(`\nlayout failures (${layoutFailures.length}):`);
    for (const f of layoutFailures) console.log(`  ${where(f.page)}: ${f.message}`);
  }
  if (incomplete.size) {
    console.log(`\naxe-core needs review (not failures): ${[...incomplete].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  }
  if (shots.length) console.log(`\nscreenshots: ${shots.join(', ')}`);
  if (vnu.skipped) console.log('Nu Html Checker: skipped (--no-vnu)');
  console.log(`audit: ${allPages.length} pages, ${axeViolations.length} axe violations, ${vnu.errors.length} html errors, ` +
    `${layoutFailures.length} layout failures, ${figuresChecked} figures checked at 320 px, ` +
    `${numbersChecked} numbers checked for line breaks, in ${elapsed} s`);
  const failed = allPages.length === 0 || axeViolations.length || vnu.errors.length || layoutFailures.length;
  if (allPages.length === 0) console.log('audit: no *.html pages found');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`audit: ${e.stack || e}`);
  process.exit(2);
});
