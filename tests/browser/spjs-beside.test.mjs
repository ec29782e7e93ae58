// Beside @snowplow/browser-tracker 4.10.1 on HTTPS pages of a real-looking host (a secure context:
// Web Locks exist), issue 16: switching anonymous tracking on starts a new page view id exactly
// when sp.js does (defect 4), and sp.js's unsent queue taken over into a memory queue survives
// one more navigation (defect 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_LOCKS } from '../support/https.mjs';
import { securePages } from '../support/secure.mjs';

const HOST = 'www.shop.example.test';

// sp.js (tracker "sp1", its cookies `_sp_`) as window.sp when `spjs` (its app id) is given, and
// this package's tracker as window.t with the TrackerOptions `opts` and EmitterOptions `emitter`
// (JSON) when `opts` is given.
const PAGE = `<!doctype html><meta charset="utf-8"><title>beside</title><script src="/spjs.js"></script><script type="module">
  const q = new URLSearchParams(location.search);
  if (q.has('spjs')) {
    window.sp = window.snowplowBrowserTracking;
    window.sp.newTracker('sp1', q.get('collector'), { appId: q.get('spjs'), eventMethod: 'post', bufferSize: 1 });
  }
  if (q.has('opts')) {
    const { Tracker, Emitter } = await import('/pkg/browser.js');
    const emitter = new Emitter(q.get('collector'), { bufferSize: 1, maxRetryDelaySeconds: 0.5, ...JSON.parse(q.get('emitter') || '{}') });
    window.t = new Tracker(emitter, JSON.parse(q.get('opts')));
  }
  window.ready = true;
</script>`;

const env = securePages({ '/beside.html': ['text/html', PAGE] });
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

// The same steps on both trackers of the page (in the page): an identified page view and event
// a, the switch with `options`, event b, a page view, event c, anonymous tracking off, event d.
const STEPS = (options) => {
  const sp = window.sp;
  const spLike = {
    setUserId: (u) => sp.setUserId(u), trackPageView: () => sp.trackPageView(), trackStructEvent: (e) => sp.trackStructEvent(e),
    enableAnonymousTracking: (o) => sp.enableAnonymousTracking({ options: o }), disableAnonymousTracking: () => sp.disableAnonymousTracking(),
  };
  const both = (f) => { f(window.t, { ...options }); f(spLike, { ...options }); };
  both((t) => { t.setUserId('u1'); t.trackPageView(); t.trackStructEvent({ category: 'c', action: 'a' }); });
  both((t, o) => t.enableAnonymousTracking(o));
  both((t) => { t.trackStructEvent({ category: 'c', action: 'b' }); t.trackPageView(); t.trackStructEvent({ category: 'c', action: 'c' }); });
  both((t) => t.disableAnonymousTracking());
  both((t) => t.trackStructEvent({ category: 'c', action: 'd' }));
};

/** What happened to the page view id in `app`'s events (six of them: two page views, a–d). */
function pattern(app) {
  const got = delivered(app);
  const se = (a) => got.find((e) => e.se_ac === a);
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => pageViewId(se(x)));
  const pvs = got.filter((e) => e.e === 'pv').map(pageViewId);
  return {
    identifiedA: se('a').uid === 'u1' && Boolean(se('a').duid),
    anonymousB: se('b').uid === undefined && se('b').duid === undefined,
    newIdAtSwitch: b !== a,
    pageViewAfterKeepsIt: pvs[1] === b && c === b,
    offKeepsIt: d === c,
    pageViews: pvs.length,
  };
}

// sp.js's rule (browser-tracker-core 4.10): switching on resets the page view id unless
// `withSessionTracking`; the next trackPageView keeps a reset id (else it starts a new one);
// switching off keeps the id.
const RESET = { identifiedA: true, anonymousB: true, newIdAtSwitch: true, pageViewAfterKeepsIt: true, offKeepsIt: true, pageViews: 2 };
const KEPT = { ...RESET, newIdAtSwitch: false, pageViewAfterKeepsIt: false };
for (const [name, options, expected] of [['plain', {}, RESET], ['withServerAnonymisation', { withServerAnonymisation: true }, RESET], ['withSessionTracking', { withSessionTracking: true }, KEPT]]) {
  test(`defect 4: enableAnonymousTracking(${name}) ${expected.newIdAtSwitch ? 'starts a new page view id' : 'keeps the page view id'}, as sp.js does beside it`, async () => {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    const [ours, spjs] = [`anon-ours-${name}`, `anon-spjs-${name}`];
    const page = await show(await context.newPage(), { spjs, opts: { namespace: 'ours', appId: ours, cookieName: '_ours_' } });
    await page.evaluate(STEPS, options);
    await env.collector.waitFor(() => delivered(ours).length >= 6 && delivered(spjs).length >= 6, 10000, 'six events from each tracker');
    const [mine, theirs] = [pattern(ours), pattern(spjs)];
    assert.deepEqual(theirs, expected, 'sp.js does what this test expects');
    assert.deepEqual(mine, theirs, 'this package does as sp.js');
    await context.close();
  });
}

// sp.js's queue, as sp.js wrote it (its tracker id is "sp1"): the eids it holds (none when the key is absent).
const spQueue = () => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').map((i) => i.payload.eid);

for (const [name, query] of [
  ['eventStore: "memory"', { emitter: { eventStore: 'memory' }, opts: { namespace: 'sp1' } }],
  ['stateStorageStrategy: "cookie"', { opts: { namespace: 'sp1', stateStorageStrategy: 'cookie' } }],
]) {
  test(`defect 6: sp.js's 30 unsent events taken over by a memory queue (${name}) survive one more navigation: 30/30`, async () => {
    const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
    const app = `spq-${name.split(':')[0]}`;
    env.down = true;
    const page = await show(await context.newPage(), { spjs: app });
    await page.evaluate(() => { for (let i = 0; i < 30; i++) window.sp.trackStructEvent({ category: 'c', action: `q${i}` }); });
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').length === 30, null, { timeout: 5000 });
    const left = await page.evaluate(spQueue);
    // This package's page takes the queue over while the collector is still down…
    const mark = env.collector.requests.length;
    await show(page, query);
    await env.collector.waitFor(() => env.collector.requests.slice(mark).some((r) => r.answer.status === 503 && r.events.some((e) => left.includes(e.eid))), 10000, 'our page trying sp.js\'s events');
    const keptInKey = (await page.evaluate(spQueue)).filter((e) => left.includes(e)).length;
    // …and the next page, with the collector up, delivers every one.
    await show(page, query);
    env.down = false;
    await env.onceEach(app, left, 10000);
    assert.equal(keptInKey, 30, 'sp.js\'s key still held the 30 while they were only in memory');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').length === 0, null, { timeout: 5000 })
      .catch(async () => assert.fail(`sp.js's key still holds ${(await page.evaluate(spQueue)).length} events after delivery`));
    await context.close();
  });
}
