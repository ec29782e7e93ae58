// Emitters against the scriptable loopback collector: batching, byte limits, timeouts,
// callbacks, retries and backoff, Retry-After, capacity, blocking flush, concurrency, timers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, AsyncEmitter } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';
import { emitterHelpers } from '../support/emitters.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

const { uniqueApp, ofApp, maxOverlap, se, callbacks } = emitterHelpers(() => collector);

test('byteLimit: 10,000 buffered POST events go in at most ⌈bytes / byteLimit⌉ + 1 requests, each within it', async () => {
  for (const [n, byteLimit] of [[100, 3000], [10000, 40000]]) {
    const app = uniqueApp('bytes');
    const e = new Emitter(collector.url, { bufferSize: n, byteLimit });
    const t = new Tracker(e, { appId: app });
    se(t, n);
    const result = await t.flush();
    assert.equal(result.pending, 0);
    const reqs = ofApp(app);
    const sizes = reqs.map((r) => Buffer.byteLength(r.body));
    assert.ok(sizes.every((size) => size <= byteLimit), `sizes ${sizes}`);
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(reqs.length <= Math.ceil(total / byteLimit) + 1, `${reqs.length} requests for ${total} bytes`);
    assert.equal(reqs.flatMap((r) => r.events).length, n);
  }
});

test('byteLimit also triggers a flush before bufferSize is reached', async () => {
  const app = uniqueApp('bytes-trigger');
  const e = new Emitter(collector.url, { bufferSize: 1000, byteLimit: 2000 });
  const t = new Tracker(e, { appId: app });
  let i = 0;
  while (e.bufferedCount === i) { se(t); i++; assert.ok(i < 100); }
  assert.ok(i > 1 && i < 20, `flushed after ${i} events`);
  await t.flush();
});

test('callbacks: onSuccess(events) once per round, events as sent with stm', async () => {
  const app = uniqueApp('cb-success');
  const cb = callbacks();
  const t = new Tracker(new Emitter(collector.url, { method: 'get', ...cb }), { appId: app });
  se(t, 3);
  await t.flush();
  await cb.until(() => cb.calls.length >= 1);
  const events = cb.calls.flatMap((c) => c.args[0]);
  assert.ok(cb.calls.every((c) => c.kind === 'success' && c.args.length === 1));
  assert.equal(events.length, 3);
  assert.ok(events.every((ev) => typeof ev.stm === 'string' && ev.aid === app && Object.values(ev).every((v) => typeof v === 'string')));
});

test('retry on 500 then success: same eid, new stm, onFailure(0, events, info) first', async () => {
  const app = uniqueApp('retry500');
  const cb = callbacks();
  collector.setScript([{ status: 500 }]);
  const t = new Tracker(new Emitter(collector.url, { maxRetryDelaySeconds: 0.2, ...cb }), { appId: app });
  const eid = t.trackPageView({ pageUrl: 'https://x' });
  const result = await t.flush();
  assert.deepEqual(result, { sent: 1, failed: 0, pending: 0 });
  const reqs = ofApp(app);
  assert.equal(reqs.length, 2);
  assert.deepEqual(reqs.map((r) => r.answer.status ?? 200), [500, 200]);
  assert.equal(reqs[0].events[0].eid, eid);
  assert.equal(reqs[1].events[0].eid, eid);
  assert.ok(Number(reqs[1].events[0].stm) > Number(reqs[0].events[0].stm) || reqs[1].receivedAt === reqs[0].receivedAt);
  const [failure, success] = cb.calls;
  assert.equal(failure.kind, 'failure');
  assert.equal(failure.args[0], 0);
  assert.equal(failure.args[1][0].eid, eid);
  assert.deepEqual(failure.args[2], { status: 500, reason: 'http', willRetry: true });
  assert.equal(success.kind, 'success');
  assert.equal(success.args[0][0].eid, eid);
});

test('no retry on 400; customRetryCodes both ways', async () => {
  for (const [status, custom, retried] of [[400, undefined, false], [400, { 400: true }, true], [503, { 503: false }, false], [404, undefined, true]]) {
    const app = uniqueApp(`codes-${status}`);
    const cb = callbacks();
    collector.setScript([{ status }]);
    const t = new Tracker(new Emitter(collector.url, { maxRetryDelaySeconds: 0.1, customRetryCodes: custom, ...cb }), { appId: app });
    se(t);
    const result = await t.flush();
    assert.deepEqual(result, retried ? { sent: 1, failed: 0, pending: 0 } : { sent: 0, failed: 1, pending: 0 }, `${status} ${JSON.stringify(custom)}`);
    assert.equal(ofApp(app).length, retried ? 2 : 1);
    assert.deepEqual(cb.calls[0].args[2], { status, reason: 'http', willRetry: retried });
  }
});

test('requestTimeout: a hung request is aborted, reported as a timeout, and retried', async () => {
  const app = uniqueApp('timeout');
  const cb = callbacks();
  collector.setScript([{ delayMs: 1500 }]);
  const t = new Tracker(new Emitter(collector.url, { requestTimeout: 0.2, maxRetryDelaySeconds: 0.1, ...cb }), { appId: app });
  const started = Date.now();
  se(t);
  const result = await t.flush();
  assert.deepEqual(result, { sent: 1, failed: 0, pending: 0 });
  assert.ok(Date.now() - started < 1400, 'did not wait for the hung answer');
  assert.deepEqual(cb.calls[0].args[2], { status: 0, reason: 'timeout', willRetry: true });
});

test('a dropped connection is a network error and is retried', async () => {
  const app = uniqueApp('drop');
  const cb = callbacks();
  collector.setScript([{ drop: true }]);
  const t = new Tracker(new Emitter(collector.url, { maxRetryDelaySeconds: 0.1, ...cb }), { appId: app });
  se(t);
  assert.deepEqual(await t.flush(), { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(cb.calls[0].args[2], { status: 0, reason: 'network', willRetry: true });
});

test('Retry-After on a 429 is waited for', async () => {
  const app = uniqueApp('retry-after');
  collector.setScript([{ status: 429, headers: { 'Retry-After': '1' } }]);
  const t = new Tracker(new Emitter(collector.url, { maxRetryDelaySeconds: 5 }), { appId: app });
  se(t);
  assert.deepEqual(await t.flush(), { sent: 1, failed: 0, pending: 0 });
  const [first, second] = ofApp(app);
  assert.ok(second.receivedAt - first.receivedAt >= 950, `retried after ${second.receivedAt - first.receivedAt} ms`);
});

test('maxRetries: 0 never retries; 2 gives up after three attempts', async () => {
  for (const [maxRetries, attempts] of [[0, 1], [2, 3]]) {
    const app = uniqueApp(`max-retries-${maxRetries}`);
    const cb = callbacks();
    collector.setScript(Array(5).fill({ status: 500 }));
    const t = new Tracker(new Emitter(collector.url, { maxRetries, maxRetryDelaySeconds: 0.05, ...cb }), { appId: app });
    se(t);
    assert.deepEqual(await t.flush(), { sent: 0, failed: 1, pending: 0 });
    assert.equal(ofApp(app).length, attempts);
    assert.equal(cb.calls.at(-1).args[2].willRetry, false);
    collector.setScript([]);
  }
});

test('a 413 halves the batch; a single event refused with 413 is dropped and reported', async () => {
  const app = uniqueApp('413');
  const cb = callbacks();
  collector.setScript([{ status: 413 }, { status: 413 }, { status: 413 }]);
  const t = new Tracker(new Emitter(collector.url, { bufferSize: 100, ...cb }), { appId: app });
  se(t, 4);
  const result = await t.flush();
  assert.deepEqual(result, { sent: 3, failed: 1, pending: 0 });
  assert.deepEqual(ofApp(app).map((r) => r.events.length), [4, 2, 1, 1, 2]);
  const failure = cb.calls.find((c) => c.kind === 'failure');
  assert.deepEqual(failure.args[2], { status: 413, reason: 'too-large', willRetry: false });
  assert.equal(failure.args[1].length, 1);
});

test('bufferCapacity: a full buffer refuses new events and reports each, warning once', async () => {
  const app = uniqueApp('capacity');
  const cb = callbacks();
  const warnings = [];
  const warn = console.warn;
  console.warn = (...a) => warnings.push(a.join(' '));
  try {
    collector.setScript([{ delayMs: 200 }]);
    const e = new Emitter(collector.url, { method: 'get', bufferCapacity: 3, ...cb });
    const t = new Tracker(e, { appId: app });
    se(t, 6); // one in flight (slow), three buffered, two refused
    assert.equal(e.bufferedCount, 3);
    const refused = cb.calls.filter((c) => c.kind === 'failure');
    assert.equal(refused.length, 2);
    assert.deepEqual(refused[0].args.slice(0, 1), [0]);
    assert.equal(refused[0].args[1][0].se_ac, 'a4');
    assert.deepEqual(refused[0].args[2], { status: 0, reason: 'capacity', willRetry: false });
    assert.equal(warnings.filter((w) => w.includes('bufferCapacity')).length, 1);
    assert.deepEqual(await t.flush(), { sent: 4, failed: 0, pending: 0 });
  } finally { console.warn = warn; }
});

test('concurrency: Emitter keeps one request in flight, AsyncEmitter up to threadCount', async () => {
  for (const [Cls, opts, limit] of [[Emitter, {}, 1], [AsyncEmitter, { threadCount: 4 }, 4]]) {
    const app = uniqueApp(`concurrency-${limit}`);
    collector.setScript(Array(12).fill({ delayMs: 60 }));
    const t = new Tracker(new Cls(collector.url, { method: 'get', ...opts }), { appId: app });
    se(t, 12);
    assert.deepEqual(await t.flush(), { sent: 12, failed: 0, pending: 0 });
    assert.equal(maxOverlap(app), limit, `${Cls.name}: max in flight`);
  }
});

test('flush timer: fires, can be replaced, and cancelled', async () => {
  const app = uniqueApp('timer');
  const e = new Emitter(collector.url, { bufferSize: 100 });
  const t = new Tracker(e, { appId: app });
  e.setFlushTimer(0.05);
  se(t, 2);
  await collector.waitFor(() => ofApp(app).length === 1, 3000, 'the timer flush');
  e.setFlushTimer(0.1); // replaces, does not add a second interval
  se(t);
  await collector.waitFor(() => ofApp(app).length === 2, 3000, 'the replaced timer flush');
  e.cancelFlushTimer();
  e.cancelFlushTimer();
  se(t);
  assert.equal(e.bufferedCount, 1);
  await new Promise((r) => setTimeout(r, 300)); // a negative check: nothing may happen in this window
  assert.equal(ofApp(app).length, 2, 'no flush after cancel');
  await t.flush();
});

test('callbacks may call track() and flush() on the same objects', async () => {
  const app = uniqueApp('reentrant');
  let t;
  let nested;
  const onSuccess = (events) => {
    if (events.some((e) => e.se_ac === 'first')) {
      t.trackStructEvent({ category: 'c', action: 'from-callback' });
      nested = t.flush();
    }
  };
  const e = new Emitter(collector.url, { method: 'get', onSuccess });
  t = new Tracker(e, { appId: app });
  t.trackStructEvent({ category: 'c', action: 'first' });
  await t.flush();
  await collector.waitFor(() => nested !== undefined, 3000, 'the callback');
  assert.deepEqual(await nested, { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(ofApp(app).map((r) => r.events[0].se_ac), ['first', 'from-callback']);
});

test('a custom emitter that tracks from input(): every emitter receives every event in track() order', async () => {
  const app = uniqueApp('reentrant-input');
  let t;
  const seen = { first: [], last: [] };
  const first = { input: (ev) => { seen.first.push(ev.se_ac); if (ev.se_ac === 'a') t.trackStructEvent({ category: 'c', action: 'b' }); if (ev.se_ac === 'b') t.trackStructEvent({ category: 'c', action: 'c' }); } };
  const last = { input: (ev) => seen.last.push(ev.se_ac) };
  t = new Tracker([first, new Emitter(collector.url, { bufferSize: 10 }), last], { appId: app });
  t.trackStructEvent({ category: 'c', action: 'a' });
  t.trackStructEvent({ category: 'c', action: 'd' });
  await t.flush();
  assert.deepEqual(seen.first, ['a', 'b', 'c', 'd']);
  assert.deepEqual(seen.last, ['a', 'b', 'c', 'd']);
  assert.deepEqual(ofApp(app).flatMap((r) => r.events.map((e) => e.se_ac)), ['a', 'b', 'c', 'd']);
});

test('a throwing callback is reported and sending goes on', async () => {
  const app = uniqueApp('throwing-callback');
  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  try {
    const t = new Tracker(new Emitter(collector.url, { method: 'get', onSuccess: () => { throw new Error('boom'); } }), { appId: app });
    se(t, 2);
    assert.deepEqual(await t.flush(), { sent: 2, failed: 0, pending: 0 });
    assert.ok(errors.length >= 1);
  } finally { console.error = orig; }
});

test('two emitters: one collector down does not delay the other', async () => {
  const app = uniqueApp('two');
  const down = await startCollector({ answer: () => ({ drop: true }) });
  const good = new Emitter(collector.url, { method: 'get' });
  const bad = new Emitter(down.url, { method: 'get', maxRetryDelaySeconds: 0.05, flushTimeout: 0.5, onFailure: () => {} });
  const t = new Tracker([bad, good], { appId: app });
  const started = Date.now();
  se(t, 3);
  await collector.waitFor(() => ofApp(app).length === 3, 2000, 'the healthy collector');
  assert.ok(Date.now() - started < 1000);
  const result = await t.flush();
  assert.equal(result.failed, 0);
  assert.equal(result.pending, 3, 'the down collector keeps its events for later');
  assert.ok(down.requests.length >= 3);
  await down.close();
});

test('input(): the seed retry pattern re-inputs failed events without doubling them', async () => {
  const app = uniqueApp('reinput');
  let e;
  const reinput = [];
  e = new Emitter(collector.url, {
    bufferSize: 100, maxRetryDelaySeconds: 0.05,
    onFailure: (n, events) => { for (const ev of events) reinput.push(e.input(ev)); },
  });
  collector.setScript([{ status: 500 }]);
  const t = new Tracker(e, { appId: app });
  se(t, 2);
  assert.deepEqual(await t.flush(), { sent: 2, failed: 0, pending: 0 });
  assert.deepEqual(reinput, [false, false], 'already buffered for the built-in retry');
  const delivered = ofApp(app).flatMap((r) => r.answer.status ? [] : r.events);
  assert.equal(delivered.length, 2);
  assert.equal(e.input({ ...delivered[0] }), true, 'a delivered event can be input again (it is no longer held)');
  assert.throws(() => e.input({ e: 'pv' }), TypeError);
  assert.throws(() => e.input({ ...delivered[0], bogus: 'x' }), /event.bogus must be absent/);
  await e.flush();
});

test('input(): an event a collector would refuse is a TypeError naming the field; duplicates match case-insensitively', async () => {
  const e = new Emitter('collector.example', { fetch: () => new Promise(() => {}) });
  const good = { e: 'pv', eid: 'ABCDEF01-2345-4678-89AB-CDEF01234567', p: 'web', tv: 't', url: 'u', dtm: '1700000000000' };
  for (const [field, value, message] of [
    ['eid', 'not-a-uuid', 'Emitter.input: event.eid must be a UUID'],
    ['e', 'zz', 'Emitter.input: event.e must be one of pv, pp, se, ue, tr, ti, ad, ev, got "zz"'],
    ['e', '', 'Emitter.input: event.e must be a non-empty string, got ""'],
    ['dtm', 'yesterday', 'Emitter.input: event.dtm must be a time in ms, as digits, got "yesterday"'],
    ['co', '{not json', 'Emitter.input: event.co must be JSON text, got "{not json"'],
    ['ue_px', '!!!', 'Emitter.input: event.ue_px must be base64 of JSON text, got "!!!"'],
  ]) {
    assert.throws(() => e.input({ ...good, [field]: value }), (err) => err instanceof TypeError && err.message.startsWith(message), `${field}: ${value}`);
  }
  assert.equal(e.input(good), true);
  assert.equal(e.input({ ...good, eid: good.eid.toLowerCase() }), false, 'the same eid in lower case is a duplicate');
  assert.equal(e.bufferedCount, 1);
  e.free();
});

test('close(): a final flush, then nothing keeps Node alive', async () => {
  const { spawn } = await import('node:child_process');
  const script = `
    import { Tracker, Emitter } from 'snowplow-tracker-wasm';
    const e = new Emitter(${JSON.stringify(collector.url)}, { bufferSize: 100 });
    e.setFlushTimer(0.05);
    const t = new Tracker(e, { appId: 'close-child' });
    t.trackPageView({ pageUrl: 'u' });
    console.log(JSON.stringify(await t.close()));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const code = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error('the process did not exit after close()')); }, 5000);
    child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
  });
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), { sent: 1, failed: 0, pending: 0 });
});

test('bad emitter options throw named errors', () => {
  const cases = [
    [{ byteLimit: 0 }, RangeError, 'EmitterOptions.byteLimit must be a positive integer, got 0'],
    [{ requestTimeout: -1 }, RangeError, 'EmitterOptions.requestTimeout must be a number of seconds > 0, got -1'],
    [{ requestTimeout: [1] }, TypeError, 'EmitterOptions.requestTimeout must be seconds or [connect, read] seconds'],
    [{ requestTimeout: [1, '2'] }, TypeError, 'EmitterOptions.requestTimeout[1] must be a number, got "2"'],
    [{ onSuccess: 'x' }, TypeError, 'EmitterOptions.onSuccess must be a function, got "x"'],
    [{ onFailure: {} }, TypeError, 'EmitterOptions.onFailure must be a function, got an object'],
    [{ bufferCapacity: 0 }, RangeError, 'EmitterOptions.bufferCapacity must be a positive integer'],
    [{ maxRetryDelaySeconds: -1 }, RangeError, 'EmitterOptions.maxRetryDelaySeconds must be a number of seconds ≥ 0'],
    [{ customRetryCodes: { 200: true } }, RangeError, 'EmitterOptions.customRetryCodes must be keyed by HTTP statuses 100–599 other than 2xx, got "200"'],
    [{ customRetryCodes: { 500: 'yes' } }, TypeError, 'EmitterOptions.customRetryCodes.500 must be a boolean, got "yes"'],
    [{ maxRetries: -1 }, RangeError, 'EmitterOptions.maxRetries must be an integer ≥ 0, got -1'],
    [{ flushTimeout: 'soon' }, TypeError, 'EmitterOptions.flushTimeout must be a number, got "soon"'],
    [{ postPath: 'tp2' }, TypeError, 'EmitterOptions.postPath must be a path starting with /, got "tp2"'],
    [{ customHeaders: { a: 1 } }, TypeError, 'EmitterOptions.customHeaders.a must be a string, got 1'],
    [{ fetch: 1 }, TypeError, 'EmitterOptions.fetch must be a function, got 1'],
    [{ threadCount: 2 }, TypeError, 'EmitterOptions.threadCount must be absent (it is an AsyncEmitter option)'],
  ];
  for (const [opts, cls, prefix] of cases) {
    assert.throws(() => new Emitter('h', opts), (e) => e instanceof cls && e.message.startsWith(prefix) || assert.fail(`${JSON.stringify(opts)}: ${e.constructor.name}: ${e.message}`));
  }
  assert.throws(() => new AsyncEmitter('h', { threadCount: 0 }), /AsyncEmitterOptions.threadCount must be a positive integer, got 0/);
  assert.throws(() => new AsyncEmitter(''), /AsyncEmitter: endpoint must be a non-empty host/);
  assert.throws(() => new Emitter('h').setFlushTimer(0), /Emitter.setFlushTimer: seconds must be a number of seconds > 0, got 0/);
});

test('custom fetch, postPath and customHeaders are used', async () => {
  const app = uniqueApp('custom-fetch');
  const seen = [];
  const e = new Emitter(collector.url, {
    postPath: '/custom/tp2', customHeaders: { 'X-Test': 'yes' },
    fetch: (url, init) => { seen.push(url); return fetch(url, init); },
  });
  const t = new Tracker(e, { appId: app });
  se(t);
  assert.deepEqual(await t.flush(), { sent: 1, failed: 0, pending: 0 });
  assert.deepEqual(seen, [`${collector.url}/custom/tp2`]);
  const [req] = ofApp(app);
  assert.equal(req.path, '/custom/tp2');
  assert.equal(req.headers['x-test'], 'yes');
});

test('garbage collection of every handle loses nothing: buffered events are sent, retries go on', async () => {
  const app = uniqueApp('gc');
  const { spawn } = await import('node:child_process');
  collector.setScript([{ status: 503 }]);
  const script = `
    import { Tracker, Emitter } from 'snowplow-tracker-wasm';
    (() => {
      const t = new Tracker(new Emitter(${JSON.stringify(collector.url)}, { bufferSize: 2, maxRetryDelaySeconds: 0.3 }), { appId: '${app}' });
      for (let i = 0; i < 3; i++) t.trackStructEvent({ category: 'gc', action: 'a' + i }); // 2 sent (503, retried), 1 buffered
    })();
    for (let i = 0; i < 10; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); }
    await new Promise((r) => setTimeout(r, 1500)); // keep the process alive while the retry runs`;
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { stdio: 'inherit' });
  await new Promise((resolve) => child.on('exit', resolve));
  await collector.waitFor(() => ofApp(app).filter((r) => !r.answer.status).flatMap((r) => r.events).length === 3, 3000, 'all three events');
  assert.deepEqual(ofApp(app).map((r) => r.answer.status ?? 200), [503, 200, 200].slice(0, ofApp(app).length));
});
