// The browser entry in real headless Chromium (playwright-core): a page imports the package's
// `browser` export by URL, tracks and flushes to the loopback collector; with WebAssembly
// missing, or blocked by a Content-Security-Policy, the import rejects with a clear Error and
// the rest of the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/chromium.mjs';
import { startCollector } from '../support/collector.mjs';
import { startSite } from '../support/site.mjs';

let collector; let site; let base; let browser;

const PAGE = (csp) => `<!doctype html><html><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}</head>
<body><p id="other">page works</p><script type="module">
  window.__result = (async () => {
    try {
      const mod = await import('/pkg/browser.js');
      const { Tracker, Emitter } = mod;
      const collector = new URLSearchParams(location.search).get('collector');
      const t = new Tracker(new Emitter(collector), { appId: new URLSearchParams(location.search).get('app') });
      const eid = t.trackPageView({ pageUrl: location.href, pageTitle: document.title || 'test' });
      await t.flush();
      return { ok: true, eid, exports: Object.keys(mod).sort() };
    } catch (e) {
      return { ok: false, message: String(e && e.message) };
    }
  })();
  document.getElementById('other').dataset.scripted = 'yes';
</script></body></html>`;

// The non-blocking entry: used before the module is ready, its calls are queued and replayed.
const LAZY_PAGE = (csp) => `<!doctype html><html><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}</head>
<body><script type="module">
  window.__errors = [];
  const error = console.error;
  console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); error(...a); };
  window.__result = (async () => {
    const { Tracker, Emitter, Subject, ready } = await import('/pkg/lazy.js');
    const q = new URLSearchParams(location.search);
    const subject = new Subject().setUserId('lazy-user');
    const t = new Tracker(new Emitter(q.get('collector'), { eventStore: 'memory' }), { appId: q.get('app'), subject });
    const early = t.trackPageView({ pageUrl: location.href });
    const flushed = t.flush();
    const loaded = await ready;
    const late = loaded ? t.trackStructEvent({ category: 'c', action: 'a' }) : t.trackStructEvent({ category: 'c', action: 'a' });
    return { early, loaded, late, flushed: await flushed, final: await t.flush(), errors: window.__errors };
  })();
</script></body></html>`;

before(async () => {
  collector = await startCollector();
  site = await startSite({ '/lazy.html': (url) => LAZY_PAGE(url.searchParams.get('csp')), '/page.html': (url) => PAGE(url.searchParams.get('csp')) });
  base = site.base;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await collector.close();
});

async function run(query, init) {
  const page = await browser.newPage();
  try {
    if (init) await page.addInitScript(init);
    await page.goto(`${base}/page.html?collector=${encodeURIComponent(collector.url)}&${query}`);
    const result = await page.evaluate(() => window.__result);
    const other = await page.evaluate(() => document.getElementById('other').dataset.scripted);
    return { result, other };
  } finally { await page.close(); }
}

test('a page imports the browser entry, tracks and flushes (CSP with wasm-unsafe-eval)', async () => {
  const csp = "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'";
  const { result } = await run(`app=page-ok&csp=${encodeURIComponent(csp)}`);
  assert.equal(result.ok, true, result.message);
  assert.deepEqual(result.exports, ['AsyncEmitter', 'Emitter', 'Subject', 'Tracker', 'setLogLevel', 'setTotalBufferCapacityBytes'], 'the browser build leaves out Queues and Redis');
  const events = collector.events().filter((e) => e.aid === 'page-ok');
  assert.equal(events.length, 1);
  assert.equal(events[0].eid, result.eid);
  assert.equal(events[0].p, 'web');
  const req = collector.requests.find((r) => r.events.some((e) => e.aid === 'page-ok'));
  assert.equal(req.headers.origin, base, 'cross-origin request from the page');
  assert.deepEqual(req.errors, []);
});

test('without WebAssembly the import rejects with a clear Error; the page still works', async () => {
  const { result, other } = await run('app=no-wasm', () => { delete globalThis.WebAssembly; });
  assert.equal(result.ok, false);
  assert.match(result.message, /does not provide WebAssembly/);
  assert.equal(other, 'yes');
});

test('a CSP without wasm-unsafe-eval makes the import reject with a message naming it', async () => {
  const csp = "script-src 'self' 'unsafe-inline'";
  const { result, other } = await run(`app=csp-block&csp=${encodeURIComponent(csp)}`);
  assert.equal(result.ok, false);
  assert.match(result.message, /wasm-unsafe-eval/);
  assert.equal(other, 'yes');
});

async function runLazy(query) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/lazy.html?collector=${encodeURIComponent(collector.url)}&${query}`);
    return await page.evaluate(() => window.__result);
  } finally { await page.close(); }
}

test('the non-blocking entry queues calls made before the module is ready and replays them in order', async () => {
  const r = await runLazy('app=lazy-ok');
  assert.equal(r.loaded, true);
  assert.equal(r.early, undefined, 'no event id before the module is ready');
  assert.match(r.late, /^[0-9a-f-]{36}$/, 'calls go straight through once it is');
  assert.deepEqual(r.flushed, { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(r.final, { sent: 1, failed: 0, pending: 0 });
  const events = collector.events().filter((e) => e.aid === 'lazy-ok');
  assert.deepEqual(events.map((e) => [e.e, e.uid]), [['pv', 'lazy-user'], ['se', 'lazy-user']], 'replayed in order, subject included');
  assert.deepEqual(r.errors, []);
});

test('the non-blocking entry reports a module that cannot load once, and the page goes on', async () => {
  const r = await runLazy(`app=lazy-blocked&csp=${encodeURIComponent("script-src 'self' 'unsafe-inline'")}`);
  assert.equal(r.loaded, false);
  assert.equal(r.early, undefined);
  assert.equal(r.late, undefined);
  assert.equal(r.flushed, undefined);
  assert.equal(r.errors.length, 1, r.errors.join('\n'));
  assert.match(r.errors[0], /could not be loaded; its calls are ignored/);
});
