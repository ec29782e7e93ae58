// Contract tests of the built package, imported by name as users import it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, Subject } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { everyEvent, EVENTS_PER_PASS, WEB_PAGE, GEO } from '../support/scenarios.mjs';
import { decodeField } from '../support/schemas.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const recorder = () => { const events = []; return { events, input: (e) => events.push(e) }; };
const ofApp = (app) => collector.events().filter((e) => e.aid === app);

for (const method of ['get', 'post']) {
  for (const encodeBase64 of [true, false]) {
    test(`every event type reaches the collector valid (${method}, base64 ${encodeBase64})`, async () => {
      const app = `all-${method}-${encodeBase64}`;
      const e = new Emitter(collector.url, { method });
      const t = new Tracker(e, { namespace: 'ns', appId: app, encodeBase64 });
      const subject = new Subject().setUserId('user 1').setTimezone('Europe/London');
      for (const [m, opts] of everyEvent({ context: [WEB_PAGE, GEO], trueTimestamp: 1700000000123.9, subject })) t[m](opts);
      await t.flush();
      const got = ofApp(app);
      assert.equal(got.length, EVENTS_PER_PASS);
      const reqs = collector.requests.filter((r) => r.events.some((ev) => ev.aid === app));
      for (const r of reqs) assert.deepEqual(r.errors, [], `schema errors in ${r.method} ${r.path}`);
      assert.ok(reqs.every((r) => r.method === method.toUpperCase()));
      if (method === 'post') assert.equal(reqs[0].headers['content-type'], 'application/json; charset=utf-8');
      for (const ev of got) {
        assert.match(ev.eid, UUID);
        assert.equal(ev.ttm, '1700000000123');
        assert.equal(ev.uid, 'user 1');
        assert.equal(ev.tz, 'Europe/London');
        assert.ok(Object.values(ev).every((v) => typeof v === 'string'));
        assert.ok(encodeBase64 ? ev.cx && !ev.co : ev.co && !ev.cx);
        assert.deepEqual(decodeField(ev, 'cx', 'co').data, [WEB_PAGE, GEO]);
      }
      assert.equal(got[0].url, 'https://shop.example/a b?q=1&r=é#x');
      assert.equal(got[0].page, 'Home — 🌍');
      assert.equal(got[2].se_va, '13.99');
      assert.equal(got[2].se_ac, 'add & go');
    });
  }
}

test('track methods return event ids; a transaction returns one per event', () => {
  const r = recorder();
  const t = new Tracker(r, { appId: 'ids' });
  for (const [m, opts] of everyEvent()) {
    const id = t[m](opts);
    if (m === 'trackEcommerceTransaction') {
      assert.equal(id.length, 2);
      assert.deepEqual(id, r.events.slice(-2).map((e) => e.eid));
    } else {
      assert.match(id, UUID);
      assert.equal(r.events.at(-1).eid, id);
    }
  }
  const items = r.events.filter((e) => e.e === 'ti');
  assert.deepEqual(items.map((e) => [e.ti_id, e.ti_cu, e.ti_pr, e.ti_qu]), [['o-1', 'EUR', '9.5', '2']]);
});

test('numbers render as JavaScript renders them', () => {
  const r = recorder();
  const t = new Tracker(r);
  for (const value of [2, 2.0, 13.99, 0, -0, 1e21, 1e-7, 0.1 + 0.2, 123456789012345680000]) t.trackStructEvent({ category: 'c', action: 'a', value });
  assert.deepEqual(r.events.map((e) => e.se_va), ['2', '2', '13.99', '0', '0', '1e+21', '1e-7', '0.30000000000000004', '123456789012345680000']);
});

test('subject: chainable, shared with the tracker, event subject overrides field by field', () => {
  const r = recorder();
  const s = new Subject();
  assert.equal(s.setPlatform('mob').setUserId('u1').setScreenResolution(1920, 1080).setViewport(800, 600).setColorDepth(24)
    .setLang('fr').setDomainUserId('d').setDomainSessionId('sid').setDomainSessionIndex(3).setIpAddress('1.2.3.4')
    .setUseragent('UA').setNetworkUserId('n').setTimezone('Europe/Paris'), s);
  const t = new Tracker([r], { subject: s });
  t.trackPageView({ pageUrl: 'u' });
  assert.deepEqual(
    Object.fromEntries(Object.entries(r.events[0]).filter(([k]) => ['p', 'uid', 'res', 'vp', 'cd', 'tz', 'lang', 'duid', 'sid', 'vid', 'ip', 'ua', 'tnuid'].includes(k))),
    { p: 'mob', uid: 'u1', res: '1920x1080', vp: '800x600', cd: '24', tz: 'Europe/Paris', lang: 'fr', duid: 'd', sid: 'sid', vid: '3', ip: '1.2.3.4', ua: 'UA', tnuid: 'n' },
  );
  s.setUserId('u2');
  t.trackPageView({ pageUrl: 'u', subject: new Subject().setLang('de') });
  assert.equal(r.events[1].uid, 'u2');
  assert.equal(r.events[1].lang, 'de');
  assert.equal(r.events[1].p, 'mob', 'an event subject without a platform keeps the tracker platform');
  s.setUserId(null);
  t.setSubject(null);
  t.trackPageView({ pageUrl: 'u' });
  assert.equal(r.events[2].p, 'srv');
  assert.equal(r.events[2].uid, undefined);
});

test('emitters: several in order, added later, custom ones failing without harm', async () => {
  const a = recorder(); const b = recorder();
  const bad = { input() { throw new Error('boom'); } };
  const errors = [];
  const orig = console.error; console.error = (...args) => errors.push(args);
  try {
    const flushed = [];
    const t = new Tracker([a, bad], { appId: 'multi' });
    t.addEmitter({ ...b, flush: async () => { await new Promise((res) => setTimeout(res, 20)); flushed.push('b'); } });
    t.trackPageView({ pageUrl: 'u' });
    assert.equal(a.events.length, 1);
    assert.equal(b.events[0].eid, a.events[0].eid);
    assert.equal(errors.length, 1);
    await t.flush();
    assert.deepEqual(flushed, ['b'], 'a custom flush() promise is awaited');
    assert.equal(await t.flush(true), undefined);
  } finally { console.error = orig; }
});

test('the same Emitter handle keeps working after a tracker took it', async () => {
  const e = new Emitter(collector.url, { bufferSize: 50 });
  const t1 = new Tracker(e, { appId: 'shared-emitter' });
  const t2 = new Tracker([e], { appId: 'shared-emitter' });
  t1.trackPageView({ pageUrl: 'one' });
  t2.trackPageView({ pageUrl: 'two' });
  assert.equal(e.bufferedCount, 2);
  await e.flush();
  assert.equal(e.bufferedCount, 0);
  assert.deepEqual(ofApp('shared-emitter').map((x) => x.url), ['one', 'two']);
});

test('flush() waits for a request that track() started before it', async () => {
  collector.setScript([{ delayMs: 300 }]);
  const t = new Tracker(new Emitter(collector.url, { method: 'get' }), { appId: 'inflight' });
  const started = Date.now();
  t.trackPageView({ pageUrl: 'slow' });
  await t.flush();
  assert.ok(Date.now() - started >= 290, 'flush resolved before the collector answered');
  assert.equal(ofApp('inflight').length, 1);
});

test('default buffer sizes: 1 for get, 10 for post', async () => {
  const get = new Emitter(collector.url, { method: 'get' });
  const post = new Emitter(collector.url);
  const t = new Tracker([get, post], { appId: 'buffers' });
  t.trackStructEvent({ category: 'c', action: '0' });
  assert.equal(get.bufferedCount, 0, 'a GET event is sent at once');
  for (let i = 1; i < 9; i++) t.trackStructEvent({ category: 'c', action: String(i) });
  assert.equal(post.bufferedCount, 9, 'POST waits for 10 events');
  assert.equal(get.bufferedCount, 8, 'GET events queue behind the one request in flight');
  t.trackStructEvent({ category: 'c', action: '9' });
  assert.equal(post.bufferedCount, 0, 'the 10th event sent the batch');
  const result = await t.flush();
  assert.deepEqual(result, { sent: 20, failed: 0, pending: 0 }, 'both emitters: everything buffered or in flight at the call');
  const reqs = collector.requests.filter((r) => r.events.some((e) => e.aid === 'buffers'));
  assert.equal(reqs.filter((r) => r.method === 'GET').length, 10);
  assert.deepEqual(reqs.filter((r) => r.method === 'POST').map((r) => r.events.length), [10]);
});
