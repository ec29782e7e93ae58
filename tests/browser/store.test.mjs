// The persistent event queue in real headless Chromium: the page is served from one origin and
// the collector runs on another (so CORS preflights happen). Events tracked while the collector
// is down survive a reload and arrive once; two tabs never send the same stored event; storage
// that is full or disabled leaves tracking working from memory, with one warning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { startCollector } from '../support/collector.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
let down = false;
let slow = null;
let collector; let server; let base; let browser;

// The page: the tracker as window.t, its warnings as window.warnings.
const PAGE = `<!doctype html><meta charset="utf-8"><title>store</title><script type="module">
  window.warnings = [];
  const warn = console.warn;
  console.warn = (...a) => { window.warnings.push(a.join(' ')); warn(...a); };
  const { Tracker, Emitter } = await import('/pkg/browser.js');
  const q = new URLSearchParams(location.search);
  window.failures = [];
  const options = { maxRetryDelaySeconds: 0.5, bufferSize: 10, onFailure: (n, events, info) => window.failures.push(info) };
  if (q.has('maxRetries')) options.maxRetries = Number(q.get('maxRetries'));
  if (q.has('store')) options.eventStore = q.get('store');
  if (q.has('delay')) options.maxRetryDelaySeconds = Number(q.get('delay'));
  if (q.has('bufferSize')) options.bufferSize = Number(q.get('bufferSize'));
  if (q.has('byteLimit')) options.byteLimit = Number(q.get('byteLimit'));
  window.sent = [];
  if (q.has('spyFetch')) options.fetch = (url, init) => (window.sent.push({ keepalive: init.keepalive === true, bytes: (init.body || url).length }), fetch(url, init));
  window.restored = 0;
  addEventListener('pageshow', (e) => { if (e.persisted) window.restored++; });
  const emitter = new Emitter(q.get('collector'), options);
  if (q.has('flushTimer')) emitter.setFlushTimer(Number(q.get('flushTimer')));
  window.t = new Tracker(emitter, { appId: q.get('app') });
  window.ready = true;
</script>`;

before(async () => {
  // `slow`: an app whose requests are answered late, so none finishes (and frees keepalive
  // budget, or lets the page send more) before the page is gone.
  collector = await startCollector({ answer: (r) => (down ? { status: 503 } : slow && r.events.some((e) => e.aid === slow) ? { delayMs: 1500 } : null) });
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/page.html') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end(PAGE); }
    if (url.pathname === '/other.html') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<!doctype html><title>elsewhere</title>'); }
    try {
      if (!url.pathname.startsWith('/pkg/')) throw new Error('not found');
      const body = await readFile(ROOT + url.pathname.slice(1));
      res.writeHead(200, { 'Content-Type': TYPES[url.pathname.slice(url.pathname.lastIndexOf('.'))] || 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // The page on "localhost", the collector on "127.0.0.1": two origins.
  base = `http://localhost:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
  await collector?.close();
});

const delivered = (app) => collector.requests.filter((r) => !r.answer.status).flatMap((r) => r.events).filter((e) => e.aid === app);
async function open(context, app, extra = '') {
  const page = await context.newPage();
  await page.goto(`${base}/page.html?collector=${encodeURIComponent(collector.url)}&app=${app}${extra}`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

const storedKeys = {
  localStorage: () => Object.keys(localStorage).filter((k) => k.startsWith('snowplow-wasm:')).length,
  indexedDB: () => new Promise((ok, no) => {
    const open = indexedDB.open('snowplow-wasm', 1);
    open.onsuccess = () => {
      const req = open.result.transaction('events').objectStore('events').count();
      req.onsuccess = () => { open.result.close(); ok(req.result); };
      req.onerror = () => no(req.error);
    };
    open.onerror = () => no(open.error);
  }),
};

for (const store of ['localStorage', 'indexedDB']) {
  test(`${store}: 50 events tracked with the collector down survive a reload and arrive exactly once`, async () => {
    const context = await browser.newContext();
    const app = `reload-${store}`;
    down = true;
    const page = await open(context, app, `&store=${store}`);
    const eids = await page.evaluate(() => Array.from({ length: 50 }, (_, i) => window.t.trackStructEvent({ category: 'c', action: `a${i}` })));
    await collector.waitFor(() => collector.requests.some((r) => r.answer.status === 503 && r.events.some((e) => e.aid === app)), 5000, 'a refused request');
    assert.equal(await page.evaluate(storedKeys[store]), 50, 'stored while undelivered');
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    down = false;
    await collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 50, 15000, '50 events after the reload');
    await new Promise((r) => setTimeout(r, 500));
    const got = delivered(app).map((e) => e.eid);
    assert.equal(got.length, 50, 'each exactly once');
    assert.deepEqual(new Set(got), new Set(eids));
    assert.equal(await page.evaluate(storedKeys[store]), 0, 'settled events leave the store');
    await context.close();
  });
}

test('two tabs tracking while the collector is down, then up: no eid twice, none missing', async () => {
  const context = await browser.newContext();
  const app = 'tabs';
  down = true;
  const [a, b] = [await open(context, app), await open(context, app)];
  const eids = [
    ...(await a.evaluate(() => Array.from({ length: 30 }, (_, i) => window.t.trackStructEvent({ category: 'a', action: `a${i}` })))),
    ...(await b.evaluate(() => Array.from({ length: 30 }, (_, i) => window.t.trackStructEvent({ category: 'b', action: `b${i}` })))),
  ];
  await new Promise((r) => setTimeout(r, 500));
  await b.reload(); // a third page load claims whatever b released
  await b.waitForFunction(() => window.ready === true);
  down = false;
  await collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 60, 15000, '60 events');
  await new Promise((r) => setTimeout(r, 1000));
  const got = delivered(app).map((e) => e.eid);
  assert.equal(got.length, 60, 'no eid twice');
  assert.deepEqual(new Set(got), new Set(eids));
  await context.close();
});

test('events tracked just before leaving arrive by keepalive or on the next visit; exit requests stay within 64 KiB', async () => {
  down = false;
  const context = await browser.newContext();
  for (const [app, n] of [['leave-10', 10], ['leave-200', 200]]) {
    // Nothing flushes before the exit (no buffer-size or byte-limit flush, no flush timer), and
    // no exit request is answered before the page is gone: what arrives is what the page sent as
    // it was hidden and left.
    const page = await open(context, app, '&bufferSize=1000&byteLimit=1000000&flushTimer=3600');
    slow = app;
    const eids = await page.evaluate((n) => Array.from({ length: n }, (_, i) => window.t.trackStructEvent({ category: 'leave', action: `a${i}`, label: 'x'.repeat(300) })), n);
    const before = collector.requests.length;
    await page.goto(`${base}/other.html`);
    await new Promise((r) => setTimeout(r, 1000));
    // What the exit sent (keepalive requests reach the collector after the page is gone).
    const atExit = collector.requests.slice(before).filter((r) => r.events.some((e) => e.aid === app));
    const exitBytes = atExit.reduce((sum, r) => sum + Buffer.byteLength(r.body || r.query), 0);
    assert.ok(exitBytes <= 64 * 1024, `${exitBytes} bytes sent at exit`);
    if (n === 200) assert.ok(exitBytes > 32 * 1024, `the exit used its budget: ${exitBytes} bytes`);
    // The next visit sends what did not fit.
    slow = null;
    await page.goto(`${base}/page.html?collector=${encodeURIComponent(collector.url)}&app=${app}`);
    await page.waitForFunction(() => window.ready === true);
    await collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= n, 10000, `${n} events`);
    assert.deepEqual(new Set(delivered(app).map((e) => e.eid)), new Set(eids), 'none lost');
    await page.close();
  }
  await context.close();
});

/** Make the page report itself hidden or shown (headless Chromium keeps it visible). */
const setVisibility = (page, state) => page.evaluate((state) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}, state);

test('a hidden page sends later flushes as keepalive within 64 KiB in flight; the rest goes once there is room', async () => {
  down = false;
  const context = await browser.newContext();
  const app = 'hidden';
  const page = await open(context, app, '&bufferSize=5&flushTimer=3600&spyFetch');
  slow = app; // answered late: what goes while hidden stays in flight together
  await setVisibility(page, 'hidden');
  // Tracked after the page was hidden (mobile browsers often never fire pagehide).
  const eids = await page.evaluate(() => Array.from({ length: 200 }, (_, i) => window.t.trackStructEvent({ category: 'hidden', action: `a${i}`, label: 'x'.repeat(300) })));
  const hidden = await page.evaluate(() => window.sent.splice(0));
  const bytes = hidden.reduce((sum, s) => sum + s.bytes, 0);
  assert.ok(hidden.length > 1 && hidden.every((s) => s.keepalive), JSON.stringify(hidden.slice(0, 3)));
  assert.ok(bytes <= 64 * 1024 && bytes > 32 * 1024, `${bytes} bytes in flight while hidden`);
  slow = null;
  await setVisibility(page, 'visible');
  await collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 200, 15000, '200 events');
  assert.deepEqual(new Set(delivered(app).map((e) => e.eid)), new Set(eids), 'none lost');
  assert.equal(delivered(app).length, 200, 'none twice');
  assert.ok((await page.evaluate(() => window.sent)).some((s) => !s.keepalive), 'shown again, requests go as usual');
  await context.close();
});

test('offline, retries wait for the online event instead of using up maxRetries', async () => {
  down = false;
  const context = await browser.newContext();
  const app = 'offline';
  const page = await open(context, app, '&maxRetries=0');
  await context.setOffline(true);
  const eids = await page.evaluate(() => Array.from({ length: 5 }, (_, i) => window.t.trackStructEvent({ category: 'off', action: `a${i}` })));
  await new Promise((r) => setTimeout(r, 2500)); // two flush-timer rounds while offline
  assert.deepEqual(await page.evaluate(() => window.failures), [], 'no attempt used, nothing reported failed');
  await context.setOffline(false);
  await collector.waitFor(() => delivered(app).length >= 5, 10000, 'the events once online');
  assert.deepEqual(new Set(delivered(app).map((e) => e.eid)), new Set(eids));
  await context.close();
});

// One round of the back/forward-cache scenario on `app`; `restored` is false when Chromium
// did not keep the page (it may refuse one with a request in flight as it is left).
async function bfcacheRound(cached, app) {
  const context = await cached.newContext();
  down = true;
  const page = await open(context, app, '&delay=3'); // it retries after the next page took over
  // Chromium's own account of a page it did not keep (none when it kept it).
  const cdp = await context.newCDPSession(page);
  const notUsed = [];
  cdp.on('Page.backForwardCacheNotUsed', (e) => notUsed.push(...e.notRestoredExplanations.map((x) => x.reason)));
  await cdp.send('Page.enable');
  const eids = await page.evaluate(() => Array.from({ length: 5 }, (_, i) => window.t.trackStructEvent({ category: 'bf', action: `a${i}` })));
  await collector.waitFor(() => collector.requests.some((r) => r.answer.status === 503 && r.events.some((e) => e.aid === app)), 5000, 'a refused request');
  // The next page (another tracker on the same collector) claims and sends them; the collector
  // stays down until it has tried (a keepalive send of the left page is refused meanwhile: one
  // whose answer nobody sees may arrive twice, by design).
  await page.goto(`${base}/page.html?collector=${encodeURIComponent(collector.url)}&app=next&delay=0.2`);
  await page.waitForFunction(() => window.ready === true);
  const mark = collector.requests.length;
  await collector.waitFor(() => collector.requests.slice(mark).some((r) => r.events.some((e) => e.aid === app)), 10000, 'the next page trying them');
  down = false;
  await collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 5, 10000, 'the 5 events from the next page');
  await page.goBack({ waitUntil: 'commit' }); // a restored page fires no load event
  await page.waitForFunction(() => window.ready === true);
  const restored = await page.waitForFunction(() => window.restored === 1, null, { timeout: 3000 }).then(() => true, () => false);
  if (!restored) {
    await context.close();
    return { restored, notUsed };
  }
  const more = await page.evaluate(() => window.t.trackStructEvent({ category: 'bf', action: 'after' }));
  await collector.waitFor(() => delivered(app).some((e) => e.eid === more), 10000, 'an event tracked after the restore');
  await new Promise((r) => setTimeout(r, 3500)); // the restored page's retry would be due by now
  await context.close();
  return { restored, expected: [...eids, more].sort() };
}

test('back/forward cache: the next page takes what a left page held; the restored page never sends it again', async (t) => {
  const cached = await launchChromium({ backForwardCache: true });
  try {
    let round = { restored: false };
    // Chromium evicts the left page for "JavaScriptExecution" once the next page's tracker takes
    // over its stored events (measured, 8 rounds each: kept 8/8 when going back 0.2 s later,
    // 2/8 after 1 s, 0/8 after 6 s; 8/8 when the next page has no tracker, or the queues are in
    // memory or in a per-page store; the mechanism is not found yet), so the next page's part must
    // be short: up to six rounds, and scripts/test.sh runs this file alone.
    for (let attempt = 1; attempt <= 6 && !round.restored; attempt++) {
      round = await bfcacheRound(cached, `bfcache-${attempt}`);
      t.diagnostic(`round ${attempt}: ${round.restored ? 'restored' : `not kept (${round.notUsed.join(', ') || 'no reason given'})`}`);
    }
    assert.ok(round.restored, `the page came back from the back/forward cache in one of six rounds (Chromium's reasons, last round: ${round.notUsed?.join(', ') || 'none given'})`);
    const app = collector.requests.flatMap((r) => r.events).find((e) => e.eid === round.expected[0])?.aid;
    assert.deepEqual(delivered(app).map((e) => e.eid).sort(), round.expected, 'each once');
  } finally {
    await cached.close();
  }
});

test('localStorage full, or disabled: tracking works from memory, with one warning', async () => {
  const app = 'full';
  down = false;
  const context = await browser.newContext();
  const page = await open(context, app);
  const warnings = await page.evaluate(async () => {
    // Fill the quota to the last few bytes: big items first, then ever smaller ones.
    let n = 0;
    for (const size of [100_000, 1000, 10, 1]) {
      try { for (let i = 0; i < 1e5; i++) localStorage.setItem(`fill${n++}`, 'x'.repeat(size)); } catch {}
    }
    for (let i = 0; i < 20; i++) window.t.trackStructEvent({ category: 'c', action: `f${i}` });
    await window.t.flush();
    localStorage.clear();
    return window.warnings.filter((w) => /storage refused/.test(w));
  });
  assert.equal(warnings.length, 1);
  await collector.waitFor(() => delivered(app).length >= 20, 5000, '20 events from memory');
  await context.close();
  // Storage disabled: the property itself throws.
  const off = await browser.newContext();
  await off.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }));
  const page2 = await open(off, 'disabled');
  const result = await page2.evaluate(async () => {
    for (let i = 0; i < 5; i++) window.t.trackStructEvent({ category: 'c', action: `d${i}` });
    return { flushed: await window.t.flush(), warnings: window.warnings.filter((w) => /storage refused/.test(w)).length };
  });
  assert.deepEqual(result, { flushed: { sent: 5, failed: 0, pending: 0 }, warnings: 1 });
  await off.close();
});
