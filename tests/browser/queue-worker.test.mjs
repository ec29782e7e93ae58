// The stored queue in a Web Worker (IndexedDB, its default store) of an HTTPS page on a
// real-looking host (issue 16, defect 5): a worker has no sessionStorage and no pagehide, and is
// stopped without a word when its page goes. The next page's worker takes what the stopped one
// held within seconds, not after the 2-minute claim lease.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_LOCKS } from '../support/https.mjs';
import { securePages, STORED, until } from '../support/secure.mjs';

const HOST = 'www.shop.example.test';

// A dedicated module worker importing the package as a page does, tracking `n` events on request;
// it reports whether it has Web Locks (and no document).
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

const env = securePages({ '/worker.html': ['text/html', PAGE], '/worker.js': ['text/javascript', WORKER] });
const { delivered } = env;
const stored = (page) => page.evaluate(STORED.indexedDB);

/** Load (or reload) the page and wait for its worker, checking Web Locks in both. */
async function show(page, app) {
  await page.goto(env.https.url(HOST, `/worker.html?collector=${encodeURIComponent(env.collector.url)}&app=${app}`));
  assert.ok(await page.evaluate(HAS_LOCKS), 'navigator.locks in the page');
  const worker = await page.evaluate(() => window.worker);
  assert.deepEqual(worker, { ready: true, locks: true, document: 'undefined' }, 'a worker with navigator.locks');
  return page;
}

test('defect 5: 20 stored by a worker while the collector is down are delivered by the next page\'s worker within 10 s of the collector coming up, none twice', async () => {
  const app = 'worker-down';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(await context.newPage(), app);
  env.down = true;
  const eids = await page.evaluate(() => window.track(20));
  await env.refused(eids);
  await until(async () => (await stored(page)) === 20, 5000, 'the 20 stored in IndexedDB');
  await show(page, app); // a new worker; the old one is stopped
  env.down = false;
  await env.onceEach(app, eids, 10000);
  await until(async () => (await stored(page)) === 0, 5000, 'the store emptied once delivered');
  await context.close();
});

test('defect 5: the page navigates 50 ms after its worker tracked 10: all delivered, the stored ones re-sent within 10 s, copies only of what was in flight', async () => {
  const app = 'worker-leave';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(await context.newPage(), app);
  env.slow = app; // answered after 1.5 s: the requests made are still in flight as the worker stops
  const eids = await page.evaluate(() => window.track(10));
  await new Promise((r) => setTimeout(r, 50)); // the scenario: the page is left 50 ms after tracking
  const left = Date.now();
  await show(page, app);
  // What the stopped worker had sent (no other sender was up before this point).
  const inFlight = new Set(env.collector.requests.flatMap((r) => r.events).filter((e) => e.aid === app).map((e) => e.eid));
  env.slow = null;
  // Everything delivered, and the store emptied: whatever the stopped worker held was re-sent.
  const drained = await until(async () => eids.every((e) => delivered(app).some((d) => d.eid === e)) && (await stored(page)) === 0, 10000, '')
    .then(() => true, () => false);
  const took = Date.now() - left;
  await new Promise((r) => setTimeout(r, 2000)); // late copies arrive meanwhile
  const got = delivered(app).map((e) => e.eid);
  const missing = eids.filter((e) => !got.includes(e)).length;
  const copies = got.filter((e, i) => got.indexOf(e) !== i);
  assert.deepEqual({ missing, storedLeft: await stored(page), drainedWithin10s: drained }, { missing: 0, storedLeft: 0, drainedWithin10s: true },
    `10/10 delivered and re-sent within 10 s of the navigation (${took} ms; ${inFlight.size} were in flight)`);
  assert.ok(copies.every((e) => inFlight.has(e)), `copies only of events in flight as the worker stopped: ${copies.length} copies, ${inFlight.size} in flight`);
  await context.close();
});
