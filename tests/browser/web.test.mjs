// Web tracking in real headless Chromium: the page served as www.shop.example.test (mapped to
// 127.0.0.1), the collector on 127.0.0.1. Events carry sp.js's identity and page fields and the
// web_page entity, schema-valid; a reload keeps the user and session, a timeout starts the next
// session; the cookies land where sp.js puts them, and a user @snowplow/browser-tracker 4.10.1
// tracked on one page is continued by this package on the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { startCollector } from '../support/collector.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = 'www.shop.example.test';
let collector; let server; let base; let browser;
let down = false;

// Our tracker as window.t, with TrackerOptions from the `opts` query parameter (JSON).
const OURS = `<!doctype html><meta charset="utf-8"><title>Ours</title><body style="height:3000px"><script type="module">
  const q = new URLSearchParams(location.search);
  const { Tracker, Emitter } = await import('/pkg/browser.js');
  window.sessions = [];
  const opts = { cookieSecure: false, onSessionUpdateCallback: (s) => window.sessions.push(s), ...JSON.parse(q.get('opts') || '{}') };
  const emitter = { eventStore: 'memory', bufferSize: 1, ...JSON.parse(q.get('emitter') || '{}') };
  if (emitter.eventStore === 'default') delete emitter.eventStore;
  window.t = new Tracker(new Emitter(q.get('collector'), emitter), opts);
  window.ready = true;
</script>`;

// @snowplow/browser-tracker 4.10.1 (its UMD bundle) tracking one page view.
const SPJS = `<!doctype html><meta charset="utf-8"><title>sp.js</title><script src="/spjs.js"></script><script>
  const q = new URLSearchParams(location.search);
  const sp = window.snowplowBrowserTracking;
  sp.newTracker('sp1', q.get('collector'), { appId: q.get('app') || 'spjs', cookieSecure: false, eventMethod: 'post', bufferSize: 1, contexts: { session: true } });
  sp.trackPageView();
  window.ready = true;
</script>`;

before(async () => {
  collector = await startCollector({ answer: () => (down ? { status: 503 } : null) });
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => { res.writeHead(200, { 'Content-Type': type }); res.end(body); };
    if (url.pathname === '/ours.html') return send('text/html', OURS);
    if (url.pathname === '/spjs.html') return send('text/html', SPJS);
    try {
      if (url.pathname === '/spjs.js') return send('text/javascript', await readFile(ROOT + 'node_modules/@snowplow/browser-tracker/dist/index.umd.min.js'));
      if (!url.pathname.startsWith('/pkg/')) throw new Error('not found');
      const body = await readFile(ROOT + url.pathname.slice(1));
      send(url.pathname.endsWith('.wasm') ? 'application/wasm' : 'text/javascript', body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://${HOST}:${server.address().port}`;
  browser = await launchChromium({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
});
after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
  await collector?.close();
});

const events = (app) => collector.requests.filter((r) => !r.answer.status).flatMap((r) => r.events.map((e) => ({ ...e, errors: r.errors }))).filter((e) => e.aid === app);
const contexts = (e) => JSON.parse(e.co || Buffer.from(e.cx, 'base64url').toString()).data;
const entity = (e, name) => contexts(e).find((c) => c.schema.includes(`/${name}/`))?.data;

async function open(context, page, opts = {}, emitter = {}) {
  const p = await context.newPage();
  const q = `collector=${encodeURIComponent(collector.url)}&opts=${encodeURIComponent(JSON.stringify(opts))}&emitter=${encodeURIComponent(JSON.stringify(emitter))}`;
  await p.goto(`${base}/${page}?${q}`);
  await p.waitForFunction(() => window.ready === true);
  return p;
}

test('a page view and a struct event carry identity, the page and web_page, schema-valid', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 }, locale: 'en-GB', timezoneId: 'Europe/Paris' });
  const page = await open(context, 'ours.html', { appId: 'fields' });
  const [pv, se] = await page.evaluate(() => [window.t.trackPageView(), window.t.trackStructEvent({ category: 'c', action: 'a' })]);
  await collector.waitFor(() => events('fields').length >= 2, 5000, 'two events');
  const [a, b] = [pv, se].map((eid) => events('fields').find((e) => e.eid === eid));
  for (const e of [a, b]) {
    assert.deepEqual(e.errors, []);
    assert.match(e.duid, /^[0-9a-f-]{36}$/);
    assert.match(e.sid, /^[0-9a-f-]{36}$/);
    assert.equal(e.vid, '1');
    assert.equal(e.url, page.url());
    assert.equal(e.page, 'Ours');
    assert.equal(e.vp, '1024x700');
    assert.match(e.res, /^\d+x\d+$/);
    assert.match(e.ds, /^\d+x3\d\d\d$/);
    assert.equal(e.lang, 'en-GB');
    assert.equal(e.tz, 'Europe/Paris');
    assert.equal(e.cookie, '1');
    assert.equal(e.cs, 'UTF-8');
    assert.equal(e.p, 'web');
  }
  assert.equal(a.e, 'pv');
  assert.equal(entity(a, 'web_page').id, entity(b, 'web_page').id, 'one page view id for the page view and what follows');
  assert.equal(a.duid, b.duid);
  await context.close();
});

test('a reload keeps the user and the session; a timeout starts the next session', async () => {
  const context = await browser.newContext();
  const opts = { appId: 'session', sessionCookieTimeout: 2, contexts: { session: true } };
  const page = await open(context, 'ours.html', opts);
  await page.evaluate(() => window.t.trackPageView());
  // Delivered before the reload: a memory queue's request still in flight then is not this test's subject.
  await collector.waitFor(() => events('session').length >= 1, 5000, 'the page view');
  await page.reload();
  await page.waitForFunction(() => window.ready === true);
  await page.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'after reload' }));
  await collector.waitFor(() => events('session').length >= 2, 5000, 'two events');
  const [first, second] = ['pv', 'se'].map((type) => events('session').find((e) => e.e === type));
  assert.equal(second.duid, first.duid);
  assert.equal(second.sid, first.sid);
  assert.equal(entity(second, 'client_session').eventIndex, 2);
  await new Promise((r) => setTimeout(r, 2500)); // past the 2 s session timeout
  await page.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'next session' }));
  await collector.waitFor(() => events('session').length >= 3, 5000, 'a third event');
  const third = events('session').find((e) => e.se_ac === 'next session');
  assert.equal(third.duid, first.duid);
  assert.notEqual(third.sid, first.sid);
  assert.equal(third.vid, '2');
  const cs = entity(third, 'client_session');
  assert.equal(cs.previousSessionId, first.sid);
  assert.deepEqual([cs.eventIndex, cs.sessionIndex, cs.firstEventId], [1, 2, third.eid]);
  assert.equal(third.errors.length, 0, third.errors.join('; '));
  assert.equal((await page.evaluate(() => window.sessions)).at(-1).sessionId, third.sid, 'onSessionUpdateCallback told');
  await context.close();
});

test('cookies land on the root domain sp.js finds, under the same names, and sp.js users are continued', async () => {
  // sp.js alone: where it puts its cookies.
  const spContext = await browser.newContext();
  const sp = await open(spContext, 'spjs.html');
  await collector.waitFor(() => events('spjs').length >= 1, 5000, 'the sp.js page view');
  const spCookies = (await spContext.cookies()).filter((c) => c.name.startsWith('_sp_'));
  const spId = spCookies.find((c) => c.name.startsWith('_sp_id.'));
  // This package alone, in a fresh context: the same names on the same domain.
  const ours = await browser.newContext();
  const page = await open(ours, 'ours.html', { appId: 'names' });
  await page.evaluate(() => window.t.trackPageView());
  await page.waitForFunction(() => document.cookie.includes('_sp_ses.')); // written within 10 ms, as sp.js does
  const ourCookies = (await ours.cookies()).filter((c) => c.name.startsWith('_sp_'));
  const shape = (cs) => cs.map((c) => [c.name, c.domain, c.path, c.sameSite]).sort();
  assert.deepEqual(shape(ourCookies), shape(spCookies));
  assert.equal(spCookies.length, 2, 'sp.js wrote _sp_id and _sp_ses');
  assert.equal(spId.domain, '.example.test');
  await ours.close();
  // The next page of the sp.js site runs this package: same user, same session, index carried on.
  const before = spId.value.split('.');
  await sp.goto(`${base}/ours.html?collector=${encodeURIComponent(collector.url)}&opts=${encodeURIComponent(JSON.stringify({ appId: 'taken-over', contexts: { session: true } }))}`);
  await sp.waitForFunction(() => window.ready === true);
  await sp.evaluate(() => window.t.trackPageView());
  await collector.waitFor(() => events('taken-over').length >= 1, 5000, 'our page view');
  const ev = events('taken-over')[0];
  const spEvent = events('spjs')[0];
  assert.equal(ev.duid, before[0]);
  assert.equal(ev.duid, spEvent.duid);
  assert.equal(ev.sid, spEvent.sid);
  assert.equal(ev.vid, spEvent.vid);
  assert.equal(entity(ev, 'client_session').eventIndex, entity(spEvent, 'client_session').eventIndex + 1);
  // The coalesced cookie write lands within 10 ms: poll for the event index to move on.
  await sp.waitForFunction(([name, index]) => (document.cookie.split('; ').find((c) => c.startsWith(name + '=')) || '').split('.')[9] !== index, [spId.name, before[9]]);
  const after = (await spContext.cookies()).find((c) => c.name === spId.name).value.split('.');
  assert.deepEqual([after[0], after[1], after[5], after[7]], [before[0], before[1], before[5], before[7]], 'user, creation, session and first event kept');
  assert.equal(after.length, 10);
  await spContext.close();
});

test('activity tracking pings only while the page is active, with the scroll range', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await open(context, 'ours.html', { appId: 'activity' });
  await page.evaluate(() => {
    window.t.enableActivityTracking({ minimumVisitLength: 1, heartbeatDelay: 1 });
    window.pings = [];
    window.t.trackPageView();
  });
  const pings = () => events('activity').filter((e) => e.e === 'pp');
  await page.evaluate(() => window.scrollTo(0, 700)); // active, and scrolled
  await collector.waitFor(() => pings().length >= 1, 5000, 'a first ping');
  const first = pings()[0];
  assert.deepEqual([first.pp_miy, first.pp_may], [undefined, '700'], 'a 0 offset is left out, as sp.js does');
  assert.equal(first.url, page.url());
  assert.equal(entity(first, 'web_page').id, entity(events('activity')[0], 'web_page').id);
  // Idle: two heartbeats pass without a ping.
  await page.evaluate(() => window.t.flush());
  await new Promise((r) => setTimeout(r, 2300));
  assert.equal(pings().length, 1, 'no ping while idle');
  await page.mouse.move(10, 10);
  await page.mouse.move(50, 60);
  await collector.waitFor(() => pings().length >= 2, 3000, 'a ping after activity');
  assert.equal(pings()[1].pp_may, '700', 'the range starts again at the current offset');
  // The callback variant runs beside the pings (sharing their schedule); each disable stops its own.
  await page.evaluate(() => {
    window.t.enableActivityTrackingCallback({ minimumVisitLength: 1, heartbeatDelay: 1, callback: (p) => window.pings.push(p) });
    window.t.trackPageView();
  });
  await page.mouse.move(80, 90);
  await page.waitForFunction(() => window.pings.length >= 1, null, { timeout: 3000 });
  const cb = (await page.evaluate(() => window.pings))[0];
  await collector.waitFor(() => events('activity').filter((e) => e.e === 'pv').length >= 2, 3000, 'the second page view');
  const lastPageView = events('activity').filter((e) => e.e === 'pv').at(-1);
  assert.equal(cb.pageViewId, entity(lastPageView, 'web_page').id, 'a new page view id for the second page view');
  assert.equal(cb.maxYOffset, 700);
  await page.evaluate(() => { window.t.disableActivityTracking(); window.t.disableActivityTrackingCallback(); return window.t.flush(); });
  const count = pings().length;
  await page.mouse.move(5, 5);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(pings().length, count, 'disabled');
  await context.close();
});

test('anonymous tracking: no cookies and no user; with session tracking the session only, and SP-Anonymous when asked', async () => {
  const context = await browser.newContext();
  const page = await open(context, 'ours.html', { appId: 'anon', anonymousTracking: true });
  await page.evaluate(() => { window.t.setUserId('someone'); window.t.trackPageView(); });
  await collector.waitFor(() => events('anon').length >= 1, 5000, 'the anonymous page view');
  const [a] = events('anon');
  assert.deepEqual([a.duid, a.uid, a.sid, a.vid], [undefined, undefined, undefined, undefined]);
  assert.ok(entity(a, 'web_page'), 'the page is still described');
  assert.deepEqual((await context.cookies()).filter((c) => c.name.startsWith('_sp_')), [], 'no cookie written');
  await context.close();

  const second = await browser.newContext();
  const anon = { appId: 'anon-session', anonymousTracking: { withSessionTracking: true, withServerAnonymisation: true }, contexts: { session: true } };
  const p2 = await open(second, 'ours.html', anon);
  await p2.evaluate(() => window.t.trackPageView());
  await collector.waitFor(() => events('anon-session').length >= 1, 5000, 'the page view');
  const request = collector.requests.find((r) => r.events.some((e) => e.aid === 'anon-session'));
  assert.equal(request.headers['sp-anonymous'], '*');
  const [b] = events('anon-session');
  assert.equal(b.duid, undefined);
  assert.match(b.sid, /^[0-9a-f-]{36}$/);
  assert.equal(entity(b, 'client_session').userId, '00000000-0000-0000-0000-000000000000');
  await p2.waitForFunction(() => document.cookie.includes('_sp_id.'));
  const id = (await second.cookies()).find((c) => c.name.startsWith('_sp_id.'));
  assert.ok(id.value.startsWith('.'), 'the stored id has no user id');
  // Identified again: a user id appears, the header goes.
  await p2.evaluate(() => { window.t.disableAnonymousTracking(); window.t.trackStructEvent({ category: 'c', action: 'identified' }); });
  await collector.waitFor(() => events('anon-session').length >= 2, 5000, 'the identified event');
  const c = events('anon-session')[1];
  assert.match(c.duid, /^[0-9a-f-]{36}$/);
  assert.equal(collector.requests.find((r) => r.events.some((e) => e.eid === c.eid)).headers['sp-anonymous'], undefined);
  // clearUserData: the cookies go, the next event is a new user.
  await p2.evaluate(() => { window.t.clearUserData(); });
  assert.deepEqual((await second.cookies()).filter((k) => k.name.startsWith('_sp_')), []);
  await p2.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'cleared' }));
  await collector.waitFor(() => events('anon-session').length >= 3, 5000, 'the event after clearUserData');
  assert.notEqual(events('anon-session')[2].duid, c.duid);
  await second.close();
});

test('respectDoNotTrack drops every event and stores nothing; stateStorageStrategy "none" stores nothing, the queue included', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
  const page = await open(context, 'ours.html', { appId: 'dnt', respectDoNotTrack: true });
  assert.equal(await page.evaluate(() => window.t.trackPageView()), '');
  await page.evaluate(() => window.t.flush());
  assert.equal(events('dnt').length, 0);
  assert.deepEqual((await context.cookies()).filter((c) => c.name.startsWith('_sp_')), []);
  await context.close();

  const none = await browser.newContext();
  const p = await open(none, 'ours.html', { appId: 'none', stateStorageStrategy: 'none' }, { eventStore: 'default' });
  // Right after track(): an emitter storing its queue would hold the event in localStorage now.
  const stored = await p.evaluate(() => { window.t.trackPageView(); return Object.keys(localStorage).filter((k) => k.startsWith('snowplow') || k.startsWith('_sp_')); });
  assert.deepEqual(stored, []);
  await collector.waitFor(() => events('none').length >= 1, 5000, 'the page view');
  const [e] = events('none');
  assert.equal(e.duid, undefined, 'sp.js sends no duid without storage');
  assert.match(e.sid, /^[0-9a-f-]{36}$/);
  assert.deepEqual((await none.cookies()).filter((c) => c.name.startsWith('_sp_')), []);
  await none.close();
});

for (const store of ['memory', 'default']) {
  test(`events sp.js left unsent in localStorage are sent once by the next page; its key is emptied once they are safe (${store} queue)`, async () => {
    const context = await browser.newContext();
    const app = `spjs-queue-${store}`;
    down = true;
    try {
      const sp = await context.newPage();
      await sp.goto(`${base}/spjs.html?collector=${encodeURIComponent(collector.url)}&app=${app}`);
      await collector.waitFor(() => collector.requests.some((r) => r.answer.status === 503 && r.events.some((e) => e.aid === app)), 5000, 'sp.js refused');
      const left = await sp.evaluate(() => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1')).map((i) => i.payload.eid));
      assert.equal(left.length, 1);
      const emitter = encodeURIComponent(JSON.stringify({ eventStore: store }));
      await sp.goto(`${base}/ours.html?collector=${encodeURIComponent(collector.url)}&opts=${encodeURIComponent(JSON.stringify({ namespace: 'sp1', appId: 'ours' }))}&emitter=${emitter}`);
      await sp.waitForFunction(() => window.ready === true);
      down = false;
      await collector.waitFor(() => events(app).length >= 1, 10000, 'the sp.js event');
      await sp.evaluate(() => window.t.flush());
      assert.deepEqual(events(app).map((e) => e.eid), left);
      // sp.js's key goes once its events are safe: stored by this package's queue (default), or
      // delivered (memory: the key may be rewritten meanwhile, then it is left empty or removed).
      const gone = store === 'default'
        ? () => localStorage.getItem('snowplowOutQueue_sp1') === null
        : () => JSON.parse(localStorage.getItem('snowplowOutQueue_sp1') || '[]').length === 0;
      await sp.waitForFunction(gone, null, { timeout: 5000 })
        .catch(async () => assert.fail(`sp.js's key after delivery: ${await sp.evaluate(() => localStorage.getItem('snowplowOutQueue_sp1'))}`));
    } finally {
      down = false;
      await context.close();
    }
  });
}

test('hostile pages: callbacks and cookie hooks that re-enter or throw, bad options', async () => {
  const context = await browser.newContext();
  const page = await open(context, 'ours.html', { appId: 'hostile-setup' });
  const result = await page.evaluate(async () => {
    const { Tracker, Emitter } = await import('/pkg/browser.js');
    const q = new URLSearchParams(location.search);
    const emitter = () => new Emitter(q.get('collector'), { eventStore: 'memory', bufferSize: 1 });
    const errors = [];
    for (const bad of [{ cookieSameSite: 'lax' }, { stateStorageStrategy: 'cookies' }, { sessionCookieTimeout: -1 }, { contexts: 5 }, { anonymousTracking: 'yes' }, { onSessionUpdateCallback: 1 }]) {
      try { new Tracker(emitter(), { ...bad, cookieSecure: false }); errors.push('accepted'); } catch (e) { errors.push(`${e.constructor.name}: ${e.message}`); }
    }
    // A cookie hook that tracks while the tracker reads or writes cookies.
    const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    let inner = 0;
    let t;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() { if (t && inner++ < 3) t.trackStructEvent({ category: 'hook', action: 'get' }); return desc.get.call(this); },
      set(v) { if (t && inner++ < 6) t.trackStructEvent({ category: 'hook', action: 'set' }); desc.set.call(this, v); },
    });
    t = new Tracker(emitter(), { appId: 'hostile', cookieSecure: false, sessionCookieTimeout: 1,
      onSessionUpdateCallback: () => { t.trackStructEvent({ category: 'cb', action: 'reentered' }); throw new Error('callback fails'); } });
    t.enableActivityTrackingCallback({ minimumVisitLength: 0, heartbeatDelay: 1, callback: () => { t.disableActivityTracking(); throw new Error('ping fails'); } });
    const ids = [t.trackPageView(), t.trackStructEvent({ category: 'c', action: 'a' })];
    await new Promise((r) => setTimeout(r, 1300));
    window.scrollTo(0, 100);
    ids.push(t.trackStructEvent({ category: 'c', action: 'next session' }));
    await new Promise((r) => setTimeout(r, 1200));
    delete document.cookie;
    // A clock that tracks while an event is being made: refused with a TypeError, no trap.
    const realNow = Date.now;
    const reentry = [];
    let inside = false;
    let calls = 0;
    Date.now = () => {
      if (!inside && calls++ < 50) {
        inside = true;
        try { t.trackStructEvent({ category: 'now', action: 're' }); } catch (e) { reentry.push(e.constructor.name); } finally { inside = false; }
      }
      return realNow.call(Date);
    };
    try { ids.push(t.trackStructEvent({ category: 'c', action: 'clock hook' })); } finally { Date.now = realNow; }
    // Random bytes that track while an id is being made (the tracker's state is held then).
    const realRandom = crypto.getRandomValues;
    inside = false;
    crypto.getRandomValues = function (buf) {
      if (!inside) {
        inside = true;
        try { t.trackStructEvent({ category: 'random', action: 're' }); } catch (e) { reentry.push(e.constructor.name); } finally { inside = false; }
      }
      return realRandom.call(crypto, buf);
    };
    try {
      for (let i = 0; i < 40; i++) t.trackStructEvent({ category: 'c', action: `random hook ${i}` });
    } finally { crypto.getRandomValues = realRandom; }
    return { errors, ids, reentry, flushed: await t.flush() };
  });
  assert.deepEqual(result.errors.map((e) => e.split(':')[0]), ['TypeError', 'TypeError', 'RangeError', 'TypeError', 'TypeError', 'TypeError']);
  assert.match(result.errors[0], /cookieSameSite must be "Strict", "Lax" or "None"/);
  assert.equal(result.ids.filter((id) => /^[0-9a-f-]{36}$/.test(id)).length, 4, 'tracking goes on');
  assert.ok(result.reentry.every((name) => name === 'TypeError'), `re-entry refused with a TypeError, if at all: ${result.reentry}`);
  assert.equal(result.flushed.failed, 0);
  // The module is still usable: no trap, no leaked wasm stack.
  assert.match(await page.evaluate(() => window.t.trackStructEvent({ category: 'c', action: 'after' })), /^[0-9a-f-]{36}$/);
  await context.close();
});

test('single-page apps: the previous URL is the referrer; relative custom URLs; the first page view joins earlier events; clearUserData forgets the user id', async () => {
  const context = await browser.newContext();
  const page = await open(context, 'ours.html', { appId: 'spa' });
  await page.evaluate(() => {
    window.t.trackStructEvent({ category: 'c', action: 'before the page view' });
    window.t.trackPageView();
    history.pushState({}, '', '/spa1');
    window.t.trackPageView();
    window.t.trackStructEvent({ category: 'c', action: 'at spa1' });
    window.t.setCustomUrl('rel/path?z=1');
    window.t.setUserId('alice');
    window.t.trackStructEvent({ category: 'c', action: 'custom url' });
    window.t.clearUserData();
    window.t.trackStructEvent({ category: 'c', action: 'cleared' });
    return window.t.flush();
  });
  // Requests may arrive in any order: find each event by what it is.
  const all = events('spa');
  const se = (action) => all.find((e) => e.se_ac === action);
  const pvs = all.filter((e) => e.e === 'pv').sort((a, b) => (a.url.endsWith('/spa1') ? 1 : 0) - (b.url.endsWith('/spa1') ? 1 : 0));
  const [early, first, second, atSpa1, custom, cleared] = [se('before the page view'), pvs[0], pvs[1], se('at spa1'), se('custom url'), se('cleared')];
  const start = page.url().replace(/\/spa1$/, '') + '/ours.html';
  assert.equal(entity(early, 'web_page').id, entity(first, 'web_page').id, 'the first page view joins the events before it');
  assert.notEqual(entity(second, 'web_page').id, entity(first, 'web_page').id);
  assert.equal(second.url, new URL('/spa1', start).href);
  assert.ok(second.refr.startsWith(start), `the previous URL: ${second.refr}`);
  assert.equal(atSpa1.refr, second.refr, 'for every event at the new URL');
  assert.equal(custom.url, new URL('rel/path?z=1', page.url()).href, 'resolved against the page');
  assert.equal(custom.uid, 'alice');
  assert.equal(cleared.uid, undefined, 'clearUserData forgets the user id');
  assert.notEqual(cleared.duid, custom.duid);
  await context.close();
});
