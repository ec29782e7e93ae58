// The stored queue on HTTPS pages (a secure context: Web Locks exist) on a real-looking host
// (issue 16, defects 1–3): an emitter without a `storageKey` never takes the stored events of one
// with it on the same collector; a full localStorage keeps events in memory and stores them once
// space frees up (250/250 kept across a reload, as sp.js keeps them); delivered events leave the
// store even after a refused write, so the next page sends none of them again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_LOCKS } from '../support/https.mjs';
import { securePages, STORED, until } from '../support/secure.mjs';

const HOST = 'www.shop.example.test';

// One tracker per entry of `trackers` (JSON: [{ ns, app, storageKey?, cookieName? }]) as
// window.ts[ns]; warnings as window.warnings.
const PAGE = `<!doctype html><meta charset="utf-8"><title>queue</title><script type="module">
  window.warnings = [];
  const warn = console.warn;
  console.warn = (...a) => { window.warnings.push(a.join(' ')); warn(...a); };
  const { Tracker, Emitter } = await import('/pkg/browser.js');
  const q = new URLSearchParams(location.search);
  window.ts = {};
  for (const { ns, app, storageKey, cookieName } of JSON.parse(q.get('trackers'))) {
    const emitter = new Emitter(q.get('collector'), { maxRetryDelaySeconds: 0.5, ...(storageKey ? { storageKey } : {}) });
    window.ts[ns] = new Tracker(emitter, { namespace: ns, appId: app, ...(cookieName ? { cookieName } : {}) });
  }
  window.ready = true;
</script>`;

const env = securePages({ '/queue.html': ['text/html', PAGE] });
const { delivered } = env;

const A = { ns: 'a', app: 'keys-a' };
const B = { ns: 'b', app: 'keys-b', storageKey: 'b', cookieName: '_spb_' };
/** The stored queue key of an emitter on the collector (with `storageKey` if given). */
const queueKey = (storageKey) => `snowplow-wasm:${env.collector.url}/com.snowplowanalytics.snowplow/tp2${storageKey ? ':' + storageKey : ''}`;
const stored = (page, prefix) => page.evaluate(STORED.localStorage, prefix);

/** Open (or navigate `page` to) the queue page with `trackers`, checking Web Locks are there. */
async function show(context, trackers, page) {
  page ||= await context.newPage();
  await page.goto(env.https.url(HOST, `/queue.html?collector=${encodeURIComponent(env.collector.url)}&trackers=${encodeURIComponent(JSON.stringify(trackers))}`));
  await page.waitForFunction(() => window.ready === true);
  assert.ok(await page.evaluate(HAS_LOCKS), 'navigator.locks in the page');
  return page;
}

/** With the collector down, tracker `ns` tracks `n` events (actions `<tag><i>`); resolves once one was refused. */
async function trackWhileDown(page, ns, n, tag = 'a') {
  env.down = true;
  const eids = await page.evaluate(([ns, n, tag]) => Array.from({ length: n }, (_, i) => window.ts[ns].trackStructEvent({ category: 'c', action: `${tag}${i}` })), [ns, n, tag]);
  await env.refused(eids);
  return eids;
}

test('defect 1: A (no storageKey) and B (storageKey "b") on one collector: B\'s stored events arrive once after a reload', async () => {
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(context, [A, B]);
  const eids = await trackWhileDown(page, 'b', 10);
  assert.equal(await stored(page, queueKey('b')), 10, 'B\'s 10 stored under B\'s key');
  await show(context, [A, B], page);
  env.down = false;
  await env.onceEach(B.app, eids);
  assert.equal(delivered(A.app).length, 0, 'nothing under A\'s app id');
  await context.close();
});

test('defect 1: pages with only A (B waiting for consent) over 5 loads send none of B\'s events and leave them stored; B\'s page then sends them once', async () => {
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(context, [A, B]);
  const eids = await trackWhileDown(page, 'b', 10);
  const own = [];
  for (let load = 0; load < 5; load++) {
    await show(context, [A], page);
    env.down = false;
    // A is live and sending: its own event of this load arrives and leaves A's queue (the page
    // saw the answer, so the next load has nothing of A's to send again).
    own.push(await page.evaluate((i) => window.ts.a.trackStructEvent({ category: 'a', action: `alone${i}` }), load));
    await env.collector.waitFor(() => delivered(A.app).some((e) => e.eid === own.at(-1)), 5000, 'A delivering its own event');
    await until(async () => (await stored(page, queueKey())) === 0, 5000, 'A\'s own event settled');
  }
  await new Promise((r) => setTimeout(r, 2000)); // the last page is still open: what it would send, it has sent by now
  const sentOfB = delivered(B.app).filter((e) => eids.includes(e.eid)).length;
  const storedForB = await stored(page, queueKey('b'));
  assert.deepEqual({ sentOfB, storedForB }, { sentOfB: 0, storedForB: 10 }, 'A sent none of B\'s 10, which stay stored for B');
  assert.deepEqual(delivered(A.app).map((e) => e.eid).sort(), own.slice().sort(), 'A sent its own events, once each');
  await show(context, [B], page);
  await env.onceEach(B.app, eids);
  await until(async () => (await stored(page, queueKey('b'))) === 0, 5000, 'B\'s queue emptied');
  await context.close();
});

/**
 * Fill localStorage until about `room` characters are left; returns the filler keys, largest
 * first. (The quota counts the characters of names and values.)
 */
const fill = (page, room) => page.evaluate((room) => {
  const keys = [];
  for (const size of [500_000, 50_000, 5_000, 500]) {
    try {
      for (let i = 0; i < 1e4; i++) { localStorage.setItem(`fill${keys.length}`, 'x'.repeat(size)); keys.push(`fill${keys.length}`); }
    } catch (e) {
      if (e.name !== 'QuotaExceededError') throw e;
    }
  }
  for (let freed = 0; freed < room;) { const k = keys.pop(); freed += localStorage.getItem(k).length + k.length; localStorage.removeItem(k); }
  return keys;
}, room);
const unfill = (page) => page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('fill')) localStorage.removeItem(k); });

test('defect 2: localStorage full (30 kB left), 200 tracked, 1 MB freed, 50 more: all 250 stored and delivered after a reload, one warning', async () => {
  const app = 'full-250';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(context, [{ ns: 'f', app }]);
  const fillers = await fill(page, 30_000);
  const eids = await trackWhileDown(page, 'f', 200);
  // About 1 MB frees up (another script removed its data).
  await page.evaluate((keys) => {
    for (let freed = 0; freed < 1_000_000 && keys.length;) { const k = keys.shift(); freed += localStorage.getItem(k).length; localStorage.removeItem(k); }
  }, fillers);
  eids.push(...await page.evaluate(() => Array.from({ length: 50 }, (_, i) => window.ts.f.trackStructEvent({ category: 'c', action: `late${i}` }))));
  const warnings = await page.evaluate(() => window.warnings.filter((w) => /storage refused/.test(w)).length);
  assert.equal(warnings, 1, 'one "storage refused" warning on the page');
  // Written as soon as space allowed (a crash now would lose none): checked after the delivery.
  const storedOnPage = await until(async () => (await stored(page)) === 250, 5000, '').then(() => 250, () => stored(page));
  await show(context, [{ ns: 'f', app }], page);
  await unfill(page);
  env.down = false;
  await env.onceEach(app, eids);
  assert.equal(storedOnPage, 250, `${storedOnPage}/250 stored on the first page once space freed up`);
  await context.close();
});

test('defect 3: localStorage full, 200 tracked, then delivered while on the page: none left stored, none sent again by the next page', async () => {
  const app = 'full-removed';
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const page = await show(context, [{ ns: 'r', app }]);
  await fill(page, 30_000);
  const eids = await trackWhileDown(page, 'r', 200);
  env.down = false; // the collector is back while the page is still open
  await env.onceEach(app, eids);
  const left = await until(async () => (await stored(page)) === 0, 5000, '').then(() => 0, () => stored(page));
  await unfill(page);
  await show(context, [{ ns: 'r', app }], page);
  const next = await page.evaluate(() => window.ts.r.trackStructEvent({ category: 'c', action: 'next page' }));
  await env.collector.waitFor(() => delivered(app).some((e) => e.eid === next), 5000, 'the next page delivering its own event');
  await new Promise((r) => setTimeout(r, 2000)); // what the next page would send again, it has sent by now
  const got = delivered(app).map((e) => e.eid);
  const twice = got.length - new Set(got).size;
  assert.deepEqual({ left, twice }, { left: 0, twice: 0 }, `delivered events left in storage, and sent again by the next page (${got.length} deliveries)`);
  await context.close();
});
