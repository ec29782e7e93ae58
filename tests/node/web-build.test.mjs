// The browser build (built separately, on nightly where available, without Queues and Redis)
// loaded in Node: every event kind delivered and valid, bad input and hostile input refused
// with the same errors as the Node build, and its API is the browser one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync } from '../../pkg/snowplow_tracker_wasm_web.js';
import * as web from '../../pkg/api-web.js';
import * as node from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { everyEvent, WEB_PAGE, EVENTS_PER_PASS } from '../support/scenarios.mjs';

initSync({ module: readFileSync(new URL('../../pkg/snowplow_tracker_wasm_web_bg.wasm', import.meta.url)) });
let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

test('the browser build delivers every event kind, schema-valid', async () => {
  assert.deepEqual(Object.keys(web).sort(), ['AsyncEmitter', 'Emitter', 'Subject', 'Tracker', 'setLogLevel', 'setTotalBufferCapacityBytes']);
  const app = `web-build-${Date.now()}`;
  const t = new web.Tracker(new web.Emitter(collector.url, { protocol: 'http' }), { appId: app, subject: new web.Subject().setUserId('u') });
  for (const [method, options] of everyEvent({ context: [WEB_PAGE] })) t[method](options);
  assert.deepEqual(await t.flush(), { sent: EVENTS_PER_PASS, failed: 0, pending: 0 });
  const requests = collector.requests.filter((r) => r.events.some((e) => e.aid === app));
  assert.equal(requests.reduce((n, r) => n + r.events.length, 0), EVENTS_PER_PASS);
  assert.ok(requests.every((r) => r.errors.length === 0));
  assert.ok(requests.every((r) => r.events.every((e) => e.uid === 'u')));
});

test('the browser build has no request to read: Subject.fromRequest and identityCookie are not in it, the methods are TypeErrors', () => {
  const request = new Request('https://example.com/', { headers: { cookie: 'a=1' } });
  assert.equal(web.Subject.fromRequest, undefined);
  for (const method of ['setFromRequest', 'identityCookie']) {
    assert.throws(() => new web.Subject()[method](request), (e) => e instanceof TypeError && e.message.startsWith(`Subject.${method} must be a call in the Node or workerd build`), method);
  }
});

test('objects of one build are refused by the other (both loaded in one realm)', () => {
  for (const [a, b] of [[web, node], [node, web]]) {
    const subject = new a.Subject().setUserId('other-build');
    const emitter = new a.Emitter('h', { bufferSize: 100, fetch: async () => new Response('') });
    for (let i = 0; i < 50; i++) new b.Subject();
    assert.throws(() => new b.Tracker({ input() {} }, { subject }), TypeError);
    // The other build's emitter is only an object with input(event): driven as a custom emitter.
    new b.Tracker(emitter).trackPageView({ pageUrl: 'x' });
    assert.equal(emitter.bufferedCount, 1);
    emitter.free();
  }
});

test('the browser build refuses bad and hostile input as the Node build does', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const calls = [
    (m) => new m.Tracker({ input() {} }).trackPageView({}),
    (m) => new m.Tracker({ input() {} }).trackStructEvent({ category: 'c', action: 'a', value: '2' }),
    (m) => new m.Emitter('h', { bufferSize: 0 }),
    (m) => new m.Tracker({ input() {} }, { subject: { __snowplowHandle: 1 } }),
    (m) => m.Tracker.prototype.trackPageView.call({}, { pageUrl: 'x' }),
    (m) => new m.Tracker({ input() {} }).trackPageView({ pageUrl: 'x', context: proxy }),
  ];
  const outcome = (m, call) => { try { call(m); return null; } catch (e) { return [e.constructor.name, e.message]; } };
  for (const call of calls) {
    for (let i = 0; i < 2000; i++) outcome(web, call);
    assert.deepEqual(outcome(web, call), outcome(node, call));
    assert.notEqual(outcome(web, call), null);
  }
});
