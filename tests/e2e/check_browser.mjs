// browser: serves the built site on 127.0.0.1 and opens EVERY built HTML page in headless Chromium (the system's, driven
// by playwright-core) at widths 375 and 1280, in light and dark colour schemes. Per page and setting: no console errors,
// no failed requests, no requests to other hosts, no horizontal scroll, no axe-core violation of impact serious or
// critical. On one page of each kind (home, a translated post, the arc and the subscription page in pt-BR and en, a
// text shown in the other language's tree, and 404.html as served for a missing nested URL) it also checks, in the
// light scheme, that the skip link works (first Tab stop, Enter moves focus into main#content), that the language
// switch leads to the other language, and that the subscription form posts the typed email and its language tag (intercepted, never
// sent). Full-page screenshots of every view go to $E2E_SHOTS.
//
// One browser and one context serve every view; E2E_BROWSER_JOBS pages are open at once (default 3).
//
// usage: node check_browser.mjs SITE_DIR
// env:   CHROME (browser binary, default /usr/bin/chromium), E2E_BASE_URL (default: read off index.html's canonical
//        link), E2E_PORT (server port; default: the base URL's port when it is a loopback URL, else ephemeral),
//        E2E_SHOTS (screenshot folder, default $TMPDIR/shots), E2E_STATS (file to append counts to),
//        E2E_BROWSER_JOBS (pages open at once, default 3)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './serve.mjs';
import { launch } from './chromium.mjs';
import { sitePages } from './pages.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const WIDTHS = [375, 1280];
const SCHEMES = ['light', 'dark'];
const JOBS = Math.max(1, Number(process.env.E2E_BROWSER_JOBS || 3));

const dirArg = process.argv[2];
if (!dirArg || !fs.existsSync(path.join(dirArg, 'index.html'))) {
  console.log('usage: node check_browser.mjs SITE_DIR   (SITE_DIR must hold index.html)');
  process.exit(2);
}
const started = Date.now();
const site = sitePages(dirArg);
const { root, base, prefix, port, urlOf, post } = site;
const chrome = process.env.CHROME || '/usr/bin/chromium';
const shots = path.resolve(process.env.E2E_SHOTS || path.join(os.tmpdir(), 'shots'));
fs.mkdirSync(shots, { recursive: true });
const problems = [...site.problems];
const notes = [...site.notes];

// the pages of each kind get the interactive checks; every other built page gets the rest
const specs = site.kinds.map(k => ({ ...k, interactive: true }));
const covered = new Set(specs.map(s => s.rel));
for (const rel of site.allPages) {
  if (covered.has(rel)) continue;
  const label = rel.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '').replace(/\//g, '-') || 'home';
  specs.push({ label, rel, lang: site.htmlLang(rel) });
}

// ---- checks -----------------------------------------------------------------------------------------------------
const srv = await startServer(root, { port, prefix });
const local = srv.origin;
const siteOrigin = base && base.origin !== local ? base.origin : null;
console.log(`browser: serving ${root} at ${local}${prefix}${siteOrigin ? ` (requests to ${siteOrigin} are answered from it)` : ''}`);
console.log(`browser: ${chrome}; ${specs.length} pages (every .html file), ${JOBS} at once; interactive checks on: ${specs.filter(s => s.interactive).map(p => p.url || urlOf(p.rel)).join(' ')}`);
if (post.pt) console.log(`browser: translated post: ${urlOf(post.pt)} <-> ${post.en ? urlOf(post.en) : '?'}`);

const { context, profile } = await launch(chrome);
const blocked = new Set();
// Nothing leaves this machine: the site's own origin (when it is not the local server) is answered from the local
// server; any other host is blocked and reported. (A page's own routes, like the form's below, come first.)
await context.route('**/*', async route => {
  const url = new URL(route.request().url());
  if (url.origin === local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
  if (siteOrigin && url.origin === siteOrigin) {
    const response = await route.fetch({ url: local + url.pathname + url.search });
    return route.fulfill({ response });
  }
  blocked.add(url.href);
  return route.abort('blockedbyclient');
});

// Browsers ask for /favicon.ico whatever a page declares: it must be there.
{
  const r = await context.request.get(local + prefix + 'favicon.ico').catch(e => ({ status: () => e.message }));
  if (r.status() !== 200) problems.push(`(site) ${prefix}favicon.ico answers ${r.status()}; browsers ask for it`);
}

async function openPage(url, scheme, width, sink, status = 200) {
  const main = local + url;
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  page.on('console', m => {
    if (m.type() !== 'error' || m.text().includes('ERR_BLOCKED_BY_CLIENT')) return;
    if (status !== 200 && m.location()?.url === main && m.text().includes(`status of ${status}`)) return; // the expected 404
    sink(`console error: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`);
  });
  page.on('pageerror', e => sink(`uncaught script error: ${e.message}`));
  page.on('requestfailed', r => {
    if (blocked.has(r.url())) sink(`request to another host (blocked; the site must not need the network): ${r.url()}`);
    else sink(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', r => { if (r.status() >= 400 && !(r.url() === main && r.status() === status)) sink(`HTTP ${r.status()} for ${r.url()}`); });
  await page.addInitScript(() => {
    window.__e2eDescribe = el => {
      if (!el) return '(nothing)';
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}>${text && el.tagName !== 'BODY' && el.tagName !== 'HTML' ? ` "${text}"` : ''}`;
    };
  });
  const resp = await page.goto(local + url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  return { page, resp };
}

async function checkView(spec, width, scheme) {
  const url = spec.url || urlOf(spec.rel);
  const where = `${spec.label} ${url} @${width} ${scheme}`;
  const found = [];
  let live = true; // off once the page navigates elsewhere (the language switch): that page is checked on its own
  const sink = msg => { if (live && !found.includes(msg)) found.push(msg); };
  try {
    const { page, resp } = await openPage(url, scheme, width, sink, spec.status || 200);
    if (!resp || resp.status() !== (spec.status || 200)) sink(`page answered HTTP ${resp ? resp.status() : '(none)'}`);
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    if (lang !== spec.lang) sink(`<html lang="${lang}">, expected "${spec.lang}"`);

    const { sw, cw, widest } = await page.evaluate(() => {
      const de = document.documentElement;
      let widest = null, right = de.clientWidth;
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 0.5 && getComputedStyle(el).position !== 'fixed') {
          right = r.right;
          widest = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(r.right)}px)`;
        }
      }
      return { sw: de.scrollWidth, cw: de.clientWidth, widest };
    });
    if (sw > cw) sink(`horizontal scroll: scrollWidth ${sw} > clientWidth ${cw}${widest ? `; widest element: ${widest}` : ''}`);

    await page.addScriptTag({ path: AXE });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
        id: v.id, impact: v.impact, help: v.help, n: v.nodes.length,
        nodes: v.nodes.slice(0, 3).map(n => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300) })),
      }));
    });
    for (const v of axe) {
      sink(`axe ${v.impact} ${v.id}: ${v.help} (${v.n} node${v.n > 1 ? 's' : ''})` +
        v.nodes.map(n => `\n       - ${n.target}: ${n.summary}`).join(''));
    }
    // the declared icon (the links check covers its address), else /favicon.ico at the site root
    if (width === WIDTHS[0] && scheme === SCHEMES[0]) {
      const declared = await page.evaluate(() => document.querySelectorAll('link[rel~="icon" i]').length);
      if (!declared) {
        const r = await page.request.get(local + prefix + 'favicon.ico').catch(e => ({ status: () => e.message }));
        if (r.status() !== 200) sink(`no <link rel="icon"> and /favicon.ico answers ${r.status()} (browsers ask for it)`);
      }
    }
    const shot = path.join(shots, `${spec.label}-${width}-${scheme}.png`);
    await page.screenshot({ path: shot, fullPage: true });

    if (spec.interactive && scheme === 'light') {
      // skip link: a fresh load, first Tab stop, Enter moves focus to main#content (or into it)
      await page.goto(local + url, { waitUntil: 'load' });
      const mainOk = await page.evaluate(() => {
        const m = document.querySelector('main#content');
        return m ? (m.getAttribute('tabindex') === '-1' ? 'ok' : `main#content has tabindex=${m.getAttribute('tabindex')}, expected -1`) : 'no main#content element';
      });
      if (mainOk !== 'ok') sink(`skip link target: ${mainOk}`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        const visible = r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.left < innerWidth && r.top < innerHeight;
        return { skip: a.matches('a.skip-link'), what: window.__e2eDescribe(a), visible };
      });
      if (!first.skip) sink(`skip link: the first Tab focuses ${first.what}, not a.skip-link`);
      else {
        if (!first.visible) sink('skip link: a.skip-link is focused but not visible in the viewport');
        await page.keyboard.press('Enter');
        const inMain = await page.waitForFunction(() => {
          const m = document.querySelector('main#content');
          return m && (document.activeElement === m || m.contains(document.activeElement));
        }, null, { timeout: 3000 }).then(() => true).catch(() => false);
        if (!inMain) sink(`skip link: after Enter the focus is on ${await page.evaluate(() => window.__e2eDescribe(document.activeElement))}, not in main#content`);
      }

      // language switch (required on the translated posts; checked wherever it exists)
      const sw = page.locator('a[data-lang-switch]').first();
      if (spec.status) {
        // the not-found page: no language switch expectations
      } else if (await sw.count() === 0) {
        if (spec.post) sink('language switch: no a[data-lang-switch] on this translated post');
      } else if (!(await sw.isVisible())) {
        sink('language switch: a[data-lang-switch] is present but not visible');
      } else {
        const want = spec.lang === 'pt-BR' ? 'en' : 'pt-BR';
        live = false;
        await Promise.all([page.waitForLoadState('load'), page.waitForURL(u => u.href !== local + url && !u.href.startsWith(local + url + '#'), { timeout: 10000 }).catch(() => {}), sw.click()]);
        const now = await page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), href: location.href }));
        live = true;
        if (now.lang !== want) sink(`language switch: leads to ${now.href} whose <html lang="${now.lang}">, expected "${want}"`);
      }
    }

    if (spec.form && spec.interactive && scheme === 'light') {
      await page.goto(local + url, { waitUntil: 'load' });
      const form = page.locator('form.subscribe-form').first();
      if (await form.count() === 0) sink('subscription form: no form.subscribe-form');
      else {
        const info = await form.evaluate(f => ({ action: f.action, method: f.method, enctype: f.enctype, name: f.querySelector('input[type=email]')?.name ?? null, hasEmail: !!f.querySelector('input[type=email]'), tag: f.querySelector('input[type=hidden][name=tag]')?.value ?? null }));
        if (!info.hasEmail) sink('subscription form: no input[type=email] in form.subscribe-form');
        else {
          if (!info.name) sink('subscription form: the email input has no name attribute, so its value is never sent');
          const email = `e2e.check+${spec.lang.toLowerCase()}-${width}@example.org`;
          let got = null;
          const target = info.action.split('#')[0];
          // this page's own route, ahead of the context's: the submission is answered here and never leaves
          const match = u => u.href.split('#')[0] === target || u.href.split('?')[0] === target.split('?')[0];
          await page.route(u => match(u), async route => {
            const r = route.request();
            got = { method: r.method(), body: r.postData() || '', url: r.url(), type: (await r.allHeaders())['content-type'] || '' };
            return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="en"><title>ok</title><p>ok</p></html>' });
          });
          await form.locator('input[type=email]').first().fill(email);
          const submit = form.locator('button:not([type]), button[type=submit], input[type=submit]').first();
          if (await submit.count() === 0) { sink('subscription form: no submit button'); await form.evaluate(f => f.requestSubmit()); }
          else await submit.click();
          const t0 = Date.now();
          while (!got && Date.now() - t0 < 8000) await new Promise(r => setTimeout(r, 100));
          // the fulfilled answer page is not the site's: stop collecting before it loads and the page closes
          live = false;
          await page.waitForLoadState('load').catch(() => {});
          live = true;
          if (!got) sink(`subscription form: submitting sent no request to its action ${info.action}`);
          else {
            const values = [];
            if (got.type.includes('application/x-www-form-urlencoded')) values.push(...new URLSearchParams(got.body).getAll(info.name || 'email'));
            else if (got.type.includes('multipart/form-data')) {
              for (const m of got.body.matchAll(/name="([^"]+)"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/g)) if (m[1] === (info.name || 'email')) values.push(m[2]);
            } else if (got.type.includes('json')) { try { const j = JSON.parse(got.body); values.push(j[info.name || 'email']); } catch { /* reported below */ } }
            if (got.method !== 'POST') sink(`subscription form: submitted with ${got.method} to ${got.url}, expected POST with the email in the body`);
            else if (!values.includes(email)) sink(`subscription form: the POST body (${got.type || 'no content type'}) lacks ${info.name || 'email'}=${email}: ${got.body.slice(0, 200)}`);
            else if (info.tag !== null && got.type.includes('application/x-www-form-urlencoded') && !new URLSearchParams(got.body).getAll('tag').includes(info.tag)) sink(`subscription form: the POST body lacks the reader's language tag=${info.tag}: ${got.body.slice(0, 200)}`);
            else notes.push(`${where}: form posted ${info.name}=${email}${info.tag === null ? '' : ` tag=${info.tag}`} to ${info.action}`);
          }
        }
      }
    }
    live = false;
    await page.close();
  } catch (e) {
    sink(`check crashed: ${e.message.split('\n')[0]}`);
  }
  return { where, found };
}

const views = specs.flatMap(spec => WIDTHS.flatMap(width => SCHEMES.map(scheme => ({ spec, width, scheme }))));
let next = 0;
let checked = 0;
async function worker() {
  while (next < views.length) {
    const { spec, width, scheme } = views[next++];
    const { where, found } = await checkView(spec, width, scheme);
    checked++;
    for (const f of found) problems.push(`${where}: ${f}`);
    console.log(found.length ? `FAIL ${where}\n${found.map(f => `     ${f}`).join('\n')}` : `ok   ${where}`);
  }
}
await Promise.all(Array.from({ length: JOBS }, worker));
await context.close();
await srv.close();
fs.rmSync(profile, { recursive: true, force: true });

for (const n of notes) console.log(`info ${n}`);
const siteWide = problems.filter(p => p.startsWith('(site)') || !/ @\d+ /.test(p));
for (const p of siteWide) console.log(`FAIL ${p}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`browser: ${specs.length} pages x ${WIDTHS.length} widths x ${SCHEMES.length} schemes = ${checked} page views in ${seconds}s, ${problems.length} problems; screenshots in ${shots}`);
if (process.env.E2E_STATS) fs.appendFileSync(process.env.E2E_STATS, `browser_pages=${specs.length}\nbrowser_views=${checked}\nbrowser_seconds=${seconds}\nshots_dir=${shots}\n`);
process.exit(problems.length ? 1 : 0);
