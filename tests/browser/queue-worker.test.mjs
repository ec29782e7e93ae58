// The stored queue in a Web Worker (IndexedDB, its default store) on an HTTPS page of a
// real-looking host: a worker has no sessionStorage and no pagehide, and is stopped without a
// word when its page goes, so its claims are vouched for by a heartbeat. The next page's worker
// takes what the stopped one held within seconds, not after the 2-minute lease.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_LOCKS } from '../support/https.mjs';
import { securePages } from '../support/secure.mjs';

const HOST = 'www.shop.example.test';
let down = false;
let slow = null;

// A dedicated module worker tracking `n` events on request; it reports whether it has Web Locks.
const WORKER = `const q = new URLSearchParams(location.search);
const { Tracker, Emitter } = await import('/pkg/browser.js');
const t = new Tracker(new Emitter(q.get('collector'), { bufferSize: 1, maxRetryDelaySeconds: 0.5 }), { appId: q.get('app') });
onmessage = (e) => postMessage({ ids: Array.from({ length: e.data.n }, (_, i) => t.trackStructEvent({ category: 'w', action: 'a' + i })) });
postMessage({ ready: true, locks: typeof navigator.locks?.request === 'function', document: typeof document });`;
const PAGE = `<!doctype html><meta charset="utf-8"><title>worker</title><script>
  const w = new Worker('/worker.js' + location.search, { type: 'module' });
  window.worker = new Promise((ok) => { w.onmessage = (e) => ok(e.data); });
  window.track = (n) => new Promise((ok) => { w.onmessage = (e) => ok(e.data.ids); w.postMessage({ n }); });
</script>`;

const env = securePages({ '/worker.html': ['text/html', PAGE], '/worker.js': ['text/javascript', WORKER] }, (r) => (down ? { status: 503 } : slow && r.events.some((e) => e.aid === slow) ? { delayMs: 1500 } : null));
const { delivered } = env;


/** Load (or reload) the page and wait for its worker, checking Web Locks in both. */
async function show(page, app) {
  await page.goto(env.https.url(HOST, `/worker.html?collector=${encodeURIComponent(env.collector.url)}&app=${app}`));
  assert.ok(await page.evaluate(HAS_LOCKS), 'navigator.locks in the page');
  const worker = await page.evaluate(() => window.worker);
  assert.deepEqual(worker, { ready: true, locks: true, document: 'undefined' }, 'a worker with navigator.locks');
  return page;
}

test('the next page\'s worker takes what the stopped worker held within seconds, none twice', async () => {
  const app = 'worker-down';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(await context.newPage(), app);
  down = true;
  const eids = await page.evaluate(() => window.track(20));
  await env.collector.waitFor(() => env.collector.requests.some((r) => r.answer.status === 503 && r.events.some((e) => e.aid === app)), 5000, 'a refused request');
  await show(page, app); // a new worker; the old one is stopped
  down = false;
  const up = Date.now();
  await env.collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 20, 10000, 'the 20 events within 10 s of the collector coming up');
  const took = Date.now() - up;
  await new Promise((r) => setTimeout(r, 2000));
  const got = delivered(app).map((e) => e.eid);
  assert.equal(got.length, 20, `each once (${took} ms)`);
  assert.deepEqual(new Set(got), new Set(eids));
  await context.close();
});

test('navigating 50 ms after tracking: what was stored is re-sent within 10 s, copies only of what was in flight', async () => {
  const app = 'worker-leave';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(await context.newPage(), app);
  slow = app; // answers come after the worker is gone: requests are in flight as it stops
  const eids = await page.evaluate(() => window.track(10));
  await new Promise((r) => setTimeout(r, 50));
  const left = Date.now();
  await show(page, app);
  const inFlight = new Set(env.collector.requests.flatMap((r) => r.events).filter((e) => e.aid === app).map((e) => e.eid));
  slow = null;
  await env.collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 10, 10000, 'the 10 events within 10 s of the navigation');
  const took = Date.now() - left;
  await new Promise((r) => setTimeout(r, 2000));
  const got = delivered(app).map((e) => e.eid);
  assert.deepEqual(new Set(got), new Set(eids), `10/10 (${took} ms)`);
  const copies = got.filter((e, i) => got.indexOf(e) !== i);
  assert.ok(copies.every((e) => inFlight.has(e)), `copies only of events in flight as the worker stopped: ${copies.length} copies, ${inFlight.size} in flight`);
  await context.close();
});
