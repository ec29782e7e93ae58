// The boundary under hostile input: throwing getters and revoked Proxies at every place an
// option is read, callbacks, custom emitters, fetch answers and console.error that throw,
// forged handles and foreign `this`. Each path runs ROUNDS times (an exception unwinding
// through a wasm frame used to leak its stack: a few hundred and every call trapped); the
// module must then still track and deliver normally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, AsyncEmitter, Subject, QueueEmitter, RedisEmitter, forwardQueueBatch, drainRedis } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { everyEvent, WEB_PAGE, EVENTS_PER_PASS } from '../support/scenarios.mjs';

const ROUNDS = 5000;
let collector;
const saved = { error: console.error, warn: console.warn, limit: Error.stackTraceLimit };
const reported = [];
before(async () => {
  collector = await startCollector();
  // Millions of throws: keep them cheap, and keep the package's reports out of the test log.
  Error.stackTraceLimit = 1;
  console.error = console.warn = (...args) => { reported.push(args); };
});
after(() => {
  Object.assign(console, { error: saved.error, warn: saved.warn });
  Error.stackTraceLimit = saved.limit;
  collector.close();
});

class Boom extends Error {}
const revoked = () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; };

/** Every way to poison `value`: a throwing getter at each property path, a revoked Proxy for each object. */
function poisonings(value, path = []) {
  const out = [];
  if (value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    const child = value[key];
    const at = [...path, key].join('.');
    out.push({ at: `${at} (throwing getter)`, make: (hits) => replaceAt(value, key, (o) => Object.defineProperty(o, key, { enumerable: true, get() { hits.n++; throw new Boom(at); } })) });
    if (child !== null && typeof child === 'object' && !(child instanceof Subject)) {
      out.push({ at: `${at} (revoked Proxy)`, make: () => replaceAt(value, key, (o) => { o[key] = revoked(); }) });
      for (const inner of poisonings(child, [...path, key])) {
        out.push({ at: inner.at, make: (hits) => replaceAt(value, key, (o) => { o[key] = inner.make(hits); }) });
      }
    }
  }
  return out;
}
function replaceAt(value, key, edit) {
  const copy = Array.isArray(value) ? [...value] : { ...value };
  edit(copy);
  return copy;
}

/** Run `call(poisoned)` ROUNDS times for every poisoning of `valid`: each must throw, never trap. */
function hammer(valid, call) {
  let paths = 0;
  for (const p of poisonings(valid)) {
    const hits = { n: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const poisoned = p.make(hits);
      let thrown = null;
      try { call(poisoned); } catch (e) { thrown = e; }
      if (thrown === null) continue; // a poisoned field the call never reads (e.g. a callback)
      assert.ok(!(thrown instanceof WebAssembly.RuntimeError) && !/stopped/.test(thrown.message), `${p.at}: ${thrown}`);
    }
    paths++;
  }
  return paths;
}

/** The module still works: every event kind reaches the collector, valid. */
async function stillDelivers(label) {
  const app = `${label}-${Math.random().toString(36).slice(2)}`;
  const t = new Tracker(new Emitter(collector.url, { protocol: 'http' }), { appId: app });
  for (const [method, options] of everyEvent({ context: [WEB_PAGE] })) t[method](options);
  assert.deepEqual(await t.flush(), { sent: EVENTS_PER_PASS, failed: 0, pending: 0 });
  const events = collector.requests.filter((r) => r.events.some((e) => e.aid === app));
  assert.equal(events.reduce((n, r) => n + r.events.length, 0), EVENTS_PER_PASS);
  assert.ok(events.every((r) => r.errors.length === 0), 'schema-valid');
}

/** console.error and console.warn replaced by throwing functions while `fn` runs. */
async function withThrowingConsole(fn) {
  const quiet = [console.error, console.warn];
  let calls = 0;
  console.error = console.warn = () => { calls++; throw new Boom('console'); };
  try { await fn(); } finally { [console.error, console.warn] = quiet; }
  return calls;
}

test('every track method: throwing getters and revoked Proxies at every option path', async () => {
  const t = new Tracker({ input() {} });
  const subject = new Subject().setUserId('u');
  let paths = 0;
  for (const [method, options] of everyEvent({ context: [WEB_PAGE, WEB_PAGE], trueTimestamp: 1, subject })) {
    paths += hammer(options, (o) => t[method](o));
    for (let i = 0; i < ROUNDS; i++) assert.throws(() => t[method](revoked()), TypeError);
  }
  assert.ok(paths > 100, `${paths} paths`);
  await stillDelivers('track');
});

test('constructors and setters: Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, input()', async () => {
  const emitterOptions = {
    protocol: 'http', port: 80, method: 'post', bufferSize: 5, byteLimit: 1000, requestTimeout: [1, 2], onSuccess() {}, onFailure() {},
    bufferCapacity: 10, maxRetryDelaySeconds: 1, customRetryCodes: { 429: true }, maxRetries: 1, flushTimeout: 1, postPath: '/x',
    customHeaders: { 'X-A': 'b' }, fetch() {},
  };
  hammer(emitterOptions, (o) => new Emitter('h', o).free());
  hammer({ ...emitterOptions, threadCount: 2 }, (o) => new AsyncEmitter('h', o).free());
  const sink = { input() {} };
  hammer({ emitters: [sink, sink], options: { namespace: 'n', appId: 'a', encodeBase64: false, subject: new Subject() } }, (o) => new Tracker(o.emitters, o.options));
  hammer({ queue: { sendBatch() {} }, options: { maxRetries: 1, bufferSize: 2 } }, (o) => new QueueEmitter(o.queue, o.options).free());
  hammer({ client: { rpush() {} } }, (o) => new RedisEmitter(o.client, 'k').free());
  const e = new Emitter('h');
  const t = new Tracker({ input() {} });
  const event = t.trackPageView.call(t, { pageUrl: 'x' }) && { e: 'pv', eid: crypto.randomUUID(), p: 'srv', tv: 'x', url: 'u' };
  hammer({ event }, (o) => e.input(o.event));
  for (let i = 0; i < ROUNDS; i++) {
    for (const bad of [revoked(), [revoked()]]) {
      assert.throws(() => new Tracker(bad));
      assert.throws(() => t.addEmitter(bad));
      assert.throws(() => t.setSubject(bad));
      assert.throws(() => new Emitter('h', bad));
      assert.throws(() => e.input(bad));
      assert.throws(() => e.setFlushTimer(bad));
      assert.throws(() => new Subject().setUserId(bad));
    }
  }
  e.free();
  await stillDelivers('constructors');
});

test('forwardQueueBatch and drainRedis: poisoned batches, messages and clients', async () => {
  const e = new Emitter('h', { fetch: async () => new Response('') });
  const body = { e: 'pv', eid: crypto.randomUUID(), p: 'srv', tv: 'x', url: 'u' };
  const message = { body, ack() {}, retry() {} };
  let paths = 0;
  for (const batch of [{ messages: [message] }]) {
    for (const p of poisonings(batch)) {
      for (let i = 0; i < ROUNDS / 10; i++) {
        try { await forwardQueueBatch(p.make({ n: 0 }), e); } catch (err) { assert.ok(!(err instanceof WebAssembly.RuntimeError), `${p.at}: ${err}`); }
      }
      paths++;
    }
  }
  const client = { lMove: async () => null, lRem: async () => 0 };
  for (const p of poisonings({ client })) {
    for (let i = 0; i < ROUNDS / 10; i++) {
      try { await drainRedis(p.make({ n: 0 }).client, 'k', e); } catch (err) { assert.ok(!(err instanceof WebAssembly.RuntimeError), `${p.at}: ${err}`); }
    }
    paths++;
  }
  assert.ok(paths > 5);
  await stillDelivers('edge');
});

test('callbacks, custom emitters, fetch answers and console.error that throw', async () => {
  const consoleCalls = await withThrowingConsole(async () => {
    // Custom emitters: input() throws, flush() throws, rejects, or returns a hostile thenable.
    const hostileFlush = [
      () => { throw new Boom('flush'); },
      () => Promise.reject(new Boom('flush')),
      () => ({ get then() { throw new Boom('then'); } }),
      () => { const p = Promise.resolve(); Object.defineProperty(p, 'constructor', { get() { throw new Boom('ctor'); } }); return p; },
      () => revoked(),
    ];
    for (const flush of hostileFlush) {
      const t = new Tracker({ input() { throw new Boom('input'); }, flush });
      for (let i = 0; i < ROUNDS; i++) t.trackPageView({ pageUrl: 'x' });
      for (let i = 0; i < ROUNDS / 10; i++) await t.flush();
    }
    // Emitter callbacks that throw, and fetch answers that throw at every step.
    const responses = [
      () => { throw new Boom('fetch'); },
      () => Promise.reject(new Boom('fetch')),
      () => revoked(),
      () => ({ get status() { throw new Boom('status'); } }),
      () => ({ status: 200, get headers() { throw new Boom('headers'); } }),
      () => ({ status: 429, headers: { get() { throw new Boom('get'); } }, arrayBuffer: async () => new ArrayBuffer(0) }),
      () => ({ status: 200, headers: new Headers(), arrayBuffer() { throw new Boom('body'); } }),
      () => new Response('', { status: 200 }),
      () => new Response('', { status: 400 }),
    ];
    for (const answer of responses) {
      const e = new Emitter('h', {
        method: 'get', maxRetries: 0, fetch: answer,
        onSuccess() { throw new Boom('onSuccess'); }, onFailure() { throw new Boom('onFailure'); },
      });
      const t = new Tracker(e);
      for (let i = 0; i < ROUNDS; i++) t.trackStructEvent({ category: 'c', action: 'a' });
      const result = await t.flush();
      assert.equal(result.sent + result.failed, ROUNDS, JSON.stringify(result));
    }
  });
  assert.ok(consoleCalls > 0, 'the reports reached the (throwing) console');
  await stillDelivers('callbacks');
});

test('re-entrant callbacks: fetch, onSuccess, onFailure and custom emitters that call back in', async () => {
  let t;
  let reentries = 0;
  const again = () => { if (reentries++ < 500) { t.trackStructEvent({ category: 'again', action: 'a' }); t.flush(true); void t.flush(); } };
  for (const status of [200, 400, 500]) {
    reentries = 0;
    const e = new Emitter('h', {
      method: 'get', maxRetries: 1, maxRetryDelaySeconds: 0.001,
      fetch: () => { again(); return new Response('', { status }); }, onSuccess: again, onFailure: again,
    });
    t = new Tracker([e, { input: again, flush: again }]);
    for (let i = 0; i < 100; i++) t.trackPageView({ pageUrl: 'x' });
    const result = await t.flush();
    assert.equal(result.pending, 0, JSON.stringify(result));
    assert.ok(reentries > 500);
  }
  await stillDelivers('reentry');
});

test('forged handles and foreign this: TypeError, no other object reached', async () => {
  const secret = new Subject().setUserId('secret-user').setIpAddress('10.0.0.1');
  const victim = new Emitter('127.0.0.1:9', { protocol: 'http', bufferSize: 100 });
  const got = [];
  const spy = { input(e) { got.push(e); } };
  new Tracker(victim).trackPageView({ pageUrl: 'x', subject: secret });
  assert.equal(victim.bufferedCount, 1);
  const t = new Tracker(spy);
  const forgeries = (n) => [{ __snowplowHandle: n }, { __wbg_ptr: n }, Object.create(Subject.prototype), Object.create(Emitter.prototype)];
  for (let n = 0; n < 64; n++) {
    for (const forged of forgeries(n)) {
      assert.throws(() => new Tracker(spy, { subject: forged }), TypeError);
      assert.throws(() => t.setSubject(forged), TypeError);
      assert.throws(() => t.trackPageView({ pageUrl: 'x', subject: forged }), TypeError);
      await assert.rejects(async () => forwardQueueBatch({ messages: [] }, forged), TypeError);
      await assert.rejects(async () => drainRedis({ lMove() {}, lRem() {} }, 'k', forged), TypeError);
      assert.throws(() => new Tracker({ __snowplowHandle: n }), TypeError);
    }
  }
  assert.ok(got.every((e) => e.uid === undefined && e.ip === undefined), 'no forged subject reached');
  assert.equal(victim.bufferedCount, 1, 'the victim emitter was not reached');
  const instances = { Tracker: t, Emitter: victim, AsyncEmitter: new AsyncEmitter('h'), Subject: secret, QueueEmitter: new QueueEmitter({ sendBatch() {} }), RedisEmitter: new RedisEmitter({ rpush() {} }) };
  const classes = { Tracker, Emitter, AsyncEmitter, Subject, QueueEmitter, RedisEmitter };
  let checked = 0;
  for (const [name, C] of Object.entries(classes)) {
    const other = Object.values(instances).find((i) => !(i instanceof C));
    for (const key of Object.getOwnPropertyNames(C.prototype)) {
      if (key === 'constructor' || key === 'free') continue;
      const d = Object.getOwnPropertyDescriptor(C.prototype, key);
      for (const self of [{}, { __wbg_ptr: 8 }, { __snowplowHandle: 1 }, Object.create(C.prototype), other, null]) {
        const call = d.get ? () => d.get.call(self) : () => d.value.call(self, { pageUrl: 'x' });
        assert.throws(call, (e) => e instanceof TypeError && e.message.startsWith(`${name}.${key}:`), `${name}.${key}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `${checked} checks`);
  assert.equal(got.length, 0);
  for (const i of Object.values(instances)) i.free();
  assert.throws(() => victim.bufferedCount, TypeError, 'a freed object is no longer live');
});
