// Beside @snowplow/browser-tracker 4.10.1 on HTTPS pages of a real-looking host (a secure context:
// Web Locks exist): switching anonymous tracking on starts a new page view id exactly when sp.js
// does, and sp.js's unsent queue taken over into a memory queue survives one more navigation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_LOCKS } from '../support/https.mjs';
import { securePages } from '../support/secure.mjs';

const HOST = 'www.shop.example.test';
let down = false;

// sp.js (tracker "sp1", its cookies `_sp_`) as window.sp when `spjs` is set, and this package's
// tracker as window.t with the TrackerOptions `opts` and EmitterOptions `emitter` (JSON).
const PAGE = `<!doctype html><meta charset="utf-8"><title>beside</title><script src="/spjs.js"></script><script type="module">
  const q = new URLSearchParams(location.search);
  if (q.has('spjs')) {
    window.sp = window.snowplowBrowserTracking;
    window.sp.newTracker('sp1', q.get('collector'), { appId: q.get('spjs'), cookieSecure: false, eventMethod: 'post', bufferSize: 1 });
  }
  if (q.has('opts')) {
    const { Tracker, Emitter } = await import('/pkg/browser.js');
    const emitter = new Emitter(q.get('collector'), { bufferSize: 1, maxRetryDelaySeconds: 0.5, ...JSON.parse(q.get('emitter') || '{}') });
    window.t = new Tracker(emitter, { cookieSecure: false, ...JSON.parse(q.get('opts')) });
  }
  window.ready = true;
</script>`;

const env = securePages({ '/beside.html': ['text/html', PAGE] }, () => (down ? { status: 503 } : null));
const { delivered } = env;

const contexts = (e) => JSON.parse(e.co || Buffer.from(e.cx, 'base64url').toString()).data;
const pageViewId = (e) => contexts(e).find((c) => c.schema.includes('/web_page/'))?.data.id;

async function show(page, query) {
  const q = Object.entries({ collector: env.collector.url, ...query }).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
  await page.goto(env.https.url(HOST, `/beside.html?${q}`));
  await page.waitForFunction(() => window.ready === true);
  assert.ok(await page.evaluate(HAS_LOCKS), 'navigator.locks in the page');
  return page;
}

// The same steps on both trackers: identified page view and event, the switch, an event, a page
// view, an event, anonymous tracking off, an event.
const STEPS = (options) => {
  const ours = window.t;
  const sp = window.sp;
  const both = (f) => { f(ours, { ...options }); sp && f({
    setUserId: (u) => sp.setUserId(u), trackPageView: () => sp.trackPageView(), trackStructEvent: (e) => sp.trackStructEvent(e),
    enableAnonymousTracking: (o) => sp.enableAnonymousTracking({ options: o }), disableAnonymousTracking: () => sp.disableAnonymousTracking(),
  }, { ...options }); };
  both((t) => { t.setUserId('u1'); t.trackPageView(); t.trackStructEvent({ category: 'c', action: 'a' }); });
  both((t, o) => t.enableAnonymousTracking(o));
  both((t) => { t.trackStructEvent({ category: 'c', action: 'b' }); t.trackPageView(); t.trackStructEvent({ category: 'c', action: 'c' }); });
  both((t) => t.disableAnonymousTracking());
  both((t) => t.trackStructEvent({ category: 'c', action: 'd' }));
};

/** What happened to the page view id in `app`'s events: each step's id compared. */
function pattern(app) {
  const got = delivered(app);
  const se = (a) => pageViewId(got.find((e) => e.se_ac === a));
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(se);
  const pvs = got.filter((e) => e.e === 'pv').map(pageViewId);
  return { resetAtSwitch: b !== a, nextPageViewKeepsIt: pvs.includes(b) && c === b, offKeepsIt: d === c, pageViews: pvs.length, anonymousB: got.find((e) => e.se_ac === 'b').duid === undefined };
}

for (const [name, options, reset] of [['plain', {}, true], ['withServerAnonymisation', { withServerAnonymisation: true }, true], ['withSessionTracking', { withSessionTracking: true }, false]]) {
  test(`enableAnonymousTracking(${name}): a new page view id exactly when sp.js starts one`, async () => {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    const [ours, spjs] = [`anon-ours-${name}`, `anon-spjs-${name}`];
    const page = await show(await context.newPage(), { spjs, opts: { namespace: 'ours', appId: ours, cookieName: '_ours_' } });
    await page.evaluate(STEPS, options);
    await env.collector.waitFor(() => delivered(ours).length >= 6 && delivered(spjs).length >= 6, 10000, 'six events from each tracker');
    const [mine, theirs] = [pattern(ours), pattern(spjs)];
    assert.deepEqual(mine, theirs, 'the same as sp.js');
    assert.equal(mine.resetAtSwitch, reset, reset ? 'later anonymous events cannot be joined through web_page' : 'withSessionTracking keeps the page view');
    assert.equal(mine.offKeepsIt, true, 'switching off keeps the id');
    if (reset) assert.equal(mine.nextPageViewKeepsIt, true, 'the next page view keeps the reset id');
    assert.equal(mine.anonymousB, true);
    await context.close();
  });
}

for (const [name, query] of [['eventStore: "memory"', { emitter: { eventStore: 'memory' }, opts: { namespace: 'sp1' } }], ['stateStorageStrategy: "cookie"', { opts: { namespace: 'sp1', stateStorageStrategy: 'cookie' } }]]) {
  test(`sp.js's unsent queue taken into a memory queue (${name}) survives one more navigation: 30/30`, async () => {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    const app = `spq-${name.split(':')[0]}`;
    down = true;
    const page = await show(await context.newPage(), { spjs: app });
    await page.evaluate(() => { for (let i = 0; i < 30; i++) window.sp.trackStructEvent({ category: 'c', action: `q${i}` }); });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').length === 30, null, { timeout: 5000 });
    const left = await page.evaluate(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1')).map((i) => i.payload.eid));
    // This package's page takes the queue over while the collector is still down…
    const mark = env.collector.requests.length;
    await show(page, query);
    await env.collector.waitFor(() => env.collector.requests.slice(mark).some((r) => r.answer.status === 503 && r.events.some((e) => left.includes(e.eid))), 10000, 'our page trying sp.js\'s events');
    assert.ok(await page.evaluate(() => localStorage.getItem('snowplowOutQueue_sp1') !== null), 'sp.js\'s key kept while the events are only in memory');
    // …and the next page, with the collector up, delivers every one.
    await show(page, query);
    down = false;
    await env.collector.waitFor(() => new Set(delivered(app).map((e) => e.eid)).size >= 30, 15000, 'the 30 events');
    assert.deepEqual(new Set(delivered(app).map((e) => e.eid)), new Set(left), '30/30 delivered');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').length === 0, null, { timeout: 5000 });
    await context.close();
  });
}
