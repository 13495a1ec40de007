// lighthouse: serves the built site on 127.0.0.1 and runs Lighthouse (npm `lighthouse`, on the system's Chromium,
// mobile profile with its simulated throttling) on one page of each kind and on every page that shows code, each in
// the light and in the dark colour scheme. Fails when accessibility, best practices or SEO scores under 100, and
// performance too unless E2E_LIGHTHOUSE_PERF=report.
//
// Pages: home, a translated post, the arc and the subscription page in pt-BR and in en; a text shown in the other
// language's tree, in each tree; the not-found page; and every page with a `pre.code` block. Lighthouse will not audit
// a document answered with 404, so the not-found page is audited at its own address (/404.html, answered 200; the
// browser check opens it as served for a missing URL), and its `noindex`, which is right for it, is not held against
// it (the SEO audit is-crawlable). Not counted anywhere, because they are the host's business and not the site's:
// text compression and cache lifetimes (uses-text-compression, uses-long-cache-ttl, and the insights that report
// them: cache-insight, document-latency-insight).
//
// The dark run emulates `prefers-color-scheme: dark` on the page Lighthouse audits (Puppeteer's emulateMediaFeatures,
// set before Lighthouse navigates), and the check confirms after the run that the page still matched it.
//
// usage: node check_lighthouse.mjs SITE_DIR
// env:   CHROME (browser binary, default /usr/bin/chromium), E2E_BASE_URL, E2E_PORT (as check_browser.mjs),
//        E2E_LIGHTHOUSE_PERF  strict (default): performance under 100 fails | report: printed, never fails
//        E2E_LIGHTHOUSE_REPORTS  folder for the JSON reports (default: none kept)
//        E2E_STATS (file to append counts to)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { startServer } from './serve.mjs';
import { sitePages } from './pages.mjs';

const SCHEMES = ['light', 'dark'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const HOST_AUDITS = ['uses-text-compression', 'uses-long-cache-ttl', 'cache-insight', 'document-latency-insight'];
const NOT_FOUND_AUDITS = ['is-crawlable'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const dirArg = process.argv[2];
if (!dirArg || !fs.existsSync(path.join(dirArg, 'index.html'))) {
  console.log('usage: node check_lighthouse.mjs SITE_DIR   (SITE_DIR must hold index.html)');
  process.exit(2);
}
const perfMode = process.env.E2E_LIGHTHOUSE_PERF || 'strict';
if (!['strict', 'report'].includes(perfMode)) { console.log(`E2E_LIGHTHOUSE_PERF=${perfMode}: expected strict or report`); process.exit(2); }
const counted = perfMode === 'strict' ? CATEGORIES : CATEGORIES.filter(c => c !== 'performance');
const reports = process.env.E2E_LIGHTHOUSE_REPORTS ? path.resolve(process.env.E2E_LIGHTHOUSE_REPORTS) : null;
if (reports) fs.mkdirSync(reports, { recursive: true });
const started = Date.now();
const site = sitePages(dirArg);
const { root, base, prefix, port, urlOf } = site;
const chrome = process.env.CHROME || '/usr/bin/chromium';
const problems = [...site.problems];

// one page of each kind, then every page with code that is not one already
const pages = site.kinds.map(k => ({ label: k.label, url: urlOf(k.rel), rel: k.rel, notFound: k.status === 404, code: site.hasCode(k.rel) }));
for (const rel of site.allPages) {
  if (!site.hasCode(rel) || pages.some(p => p.rel === rel && !p.notFound)) continue;
  pages.push({ label: `code:${urlOf(rel)}`, url: urlOf(rel), rel, code: true });
}

const srv = await startServer(root, { port, prefix });
const local = srv.origin;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-lighthouse-'));
const browser = await puppeteer.launch({
  executablePath: chrome, headless: true, userDataDir: profile, args: FLAGS, defaultViewport: null, timeout: 60000,
});
console.log(`lighthouse: serving ${root} at ${local}${prefix}; ${chrome} (${await browser.version()}); ` +
  `${pages.length} pages x ${SCHEMES.length} schemes; counted: ${counted.join(', ')}${perfMode === 'report' ? ' (performance reported only)' : ''}`);

const scores = []; // { label, url, scheme, values: { category: score } }
try {
  for (const p of pages) {
    for (const scheme of SCHEMES) {
      const where = `${p.label} ${p.url} ${scheme}`;
      const page = await browser.newPage();
      try {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        const skipAudits = p.notFound ? [...HOST_AUDITS, ...NOT_FOUND_AUDITS] : HOST_AUDITS;
        const result = await lighthouse(local + p.url, { logLevel: 'error', output: 'json', onlyCategories: CATEGORIES, skipAudits }, undefined, page);
        const matched = await page.evaluate(s => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme).catch(() => false);
        if (!result || !result.lhr) { problems.push(`${where}: Lighthouse gave no report`); continue; }
        const lhr = result.lhr;
        if (reports) fs.writeFileSync(path.join(reports, `${p.label.replace(/[^a-z0-9-]+/gi, '_')}-${scheme}.json`), result.report);
        if (!matched) problems.push(`${where}: the page did not match prefers-color-scheme: ${scheme} after the run`);
        if (lhr.runtimeError) problems.push(`${where}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        for (const w of lhr.runWarnings || []) console.log(`warn ${where}: ${w}`);
        const values = Object.fromEntries(CATEGORIES.map(c => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
        scores.push({ label: p.label, url: p.url, scheme, values });
        const low = counted.filter(c => values[c] === null || values[c] < 100);
        const line = CATEGORIES.map(c => `${c} ${values[c] ?? '-'}`).join(', ');
        console.log(`${low.length ? 'FAIL' : 'ok  '} ${where}: ${line}`);
        // every audit that pulls a score down, for the categories under 100 (performance too, when it is only reported)
        for (const c of CATEGORIES.filter(c => values[c] !== null && values[c] < 100)) {
          for (const ref of lhr.categories[c].auditRefs) {
            const a = lhr.audits[ref.id];
            if (ref.weight === 0 || a.score === null || a.score >= 1) continue;
            const items = (a.details?.items || []).slice(0, 3)
              .map(i => i.node?.snippet || i.node?.selector || i.url || i.source?.url || '').filter(Boolean).join(' | ');
            console.log(`     ${c}: ${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}: ${a.title}${items ? ` — ${items}` : ''}`.slice(0, 400));
          }
        }
        if (low.length) problems.push(`${where}: ${low.map(c => `${c} ${values[c] ?? '-'}`).join(', ')}`);
      } catch (e) {
        problems.push(`${where}: the run crashed: ${e.message.split('\n')[0]}`);
        console.log(`FAIL ${where}: the run crashed: ${e.message.split('\n')[0]}`);
      } finally {
        await page.close().catch(() => {});
      }
    }
  }
} finally {
  await browser.close().catch(() => {});
  await srv.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

for (const p of problems) if (!/ (light|dark): /.test(p)) console.log(`FAIL ${p}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const worst = CATEGORIES.map(c => `${c} ${scores.length ? Math.min(...scores.map(s => s.values[c] ?? 0)) : '-'}`).join(', ');
console.log(`lighthouse: ${pages.length} pages x ${SCHEMES.length} schemes = ${scores.length} runs in ${seconds}s; lowest: ${worst}; ${problems.length} problems`);
if (process.env.E2E_STATS) fs.appendFileSync(process.env.E2E_STATS, `lighthouse_pages=${pages.length}\nlighthouse_runs=${scores.length}\nlighthouse_seconds=${seconds}\n`);
process.exit(problems.length ? 1 : 0);
