// Memory bounded in bytes: bufferCapacityBytes per emitter, the module-wide total, maxEventBytes
// at track(), and the module's log level. A file of its own: the module-wide settings last for
// the process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, setLogLevel, setTotalBufferCapacityBytes } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());

const MiB = 1 << 20;

test('10,000 events with the collector down, then up, at bufferCapacityBytes 1 MiB: refused ones reported, the rest arrive, heap bounded', async () => {
  const app = `bytes-${Date.now()}`;
  let down = true;
  const refused = [];
  const failedForGood = [];
  const warnings = [];
  const warn = console.warn;
  console.warn = (m) => warnings.push(m);
  const e = new Emitter(collector.url, {
    bufferSize: 50, bufferCapacityBytes: MiB, maxRetryDelaySeconds: 0.2, flushTimeout: 20,
    fetch: (url, init) => (down ? Promise.resolve(new Response('', { status: 503 })) : fetch(url, init)),
    onFailure: (n, events, info) => {
      if (info.reason === 'capacity') refused.push(...events);
      else if (!info.willRetry) failedForGood.push(...events);
    },
  });
  const t = new Tracker(e, { appId: app });
  const pad = 'x'.repeat(3000);
  const before = process.memoryUsage().external; // WebAssembly memory counts here
  let tracked = 0;
  try {
    for (let i = 0; i < 10000; i++) {
      t.trackStructEvent({ category: 'c', action: `a${i}`, label: pad });
      tracked++;
    }
  } finally {
    console.warn = warn;
  }
  assert.equal(tracked, 10000, 'track() never threw or trapped');
  assert.ok(refused.length > 9000, `${refused.length} refused`);
  assert.ok(e.bufferedCount < 400, `${e.bufferedCount} buffered within 1 MiB`);
  assert.equal(warnings.filter((w) => /buffer is full/.test(w)).length, 1, 'one warning for the burst');
  down = false;
  const result = await t.flush();
  assert.equal(result.pending, 0);
  const arrived = collector.requests.filter((r) => r.events.some((ev) => ev.aid === app)).reduce((n, r) => n + r.events.length, 0);
  assert.equal(arrived + refused.length + failedForGood.length, 10000, 'every event arrived or was reported');
  assert.equal(failedForGood.length, 0);
  const grown = process.memoryUsage().external - before;
  assert.ok(grown < 24 * MiB, `the wasm heap grew ${grown} B for 10,000 events of 3 KB (30 MB) at a 1 MiB cap`);
});

test('maxEventBytes: a larger event is a RangeError at track(), before any emitter gets it', () => {
  const got = [];
  const t = new Tracker({ input: (ev) => got.push(ev) }, { maxEventBytes: 2000 });
  assert.throws(() => t.trackPageView({ pageUrl: 'u'.repeat(3000) }), (err) => err instanceof RangeError
    && err.message.startsWith('trackPageView: event must be within maxEventBytes as sent (bytes of JSON), got 3'));
  assert.equal(got.length, 0);
  t.trackPageView({ pageUrl: 'u'.repeat(1000) });
  assert.equal(got.length, 1);
  assert.throws(() => new Tracker({ input() {} }, { maxEventBytes: 0 }), /TrackerOptions.maxEventBytes must be a positive integer, got 0/);
  // The default is a collector's usual 1,000,000 bytes.
  assert.throws(() => new Tracker({ input() {} }).trackPageView({ pageUrl: 'u'.repeat(1_000_001) }), RangeError);
});

test('bufferCapacityBytes is checked like every option', () => {
  assert.throws(() => new Emitter('h', { bufferCapacityBytes: 0 }), /EmitterOptions.bufferCapacityBytes must be a positive integer, got 0/);
  assert.throws(() => new Emitter('h', { bufferCapacityBytes: '1' }), /EmitterOptions.bufferCapacityBytes must be a number/);
});

test('the module-wide total bounds all emitters together, and is set once', async () => {
  assert.throws(() => setTotalBufferCapacityBytes(0), RangeError);
  // More than wasm's heap can hold beside its own copies: refused, never a trap later.
  assert.throws(() => setTotalBufferCapacityBytes(2e9), /setTotalBufferCapacityBytes: bytes must be an integer of bytes from 1 to 1073741824, got 2000000000/);
  assert.throws(() => setTotalBufferCapacityBytes(2 ** 64), /got 18446744073709552000/);
  setTotalBufferCapacityBytes(64 * 1024);
  assert.throws(() => setTotalBufferCapacityBytes(MiB), /setTotalBufferCapacityBytes: bytes must be set only once per module/);
  const refused = [];
  const emitters = Array.from({ length: 4 }, () => new Emitter('collector.example', {
    bufferSize: 1e6, fetch: () => new Promise(() => {}), onFailure: (n, events, info) => refused.push(info.reason),
  }));
  const trackers = emitters.map((e) => new Tracker(e));
  for (let i = 0; i < 200; i++) for (const t of trackers) t.trackStructEvent({ category: 'c', action: 'a', label: 'y'.repeat(200) });
  const held = emitters.reduce((n, e) => n + e.bufferedCount, 0);
  assert.ok(held < 300, `${held} events held by 4 emitters under 64 KiB`);
  assert.equal(refused.length, 800 - held);
  assert.ok(refused.every((r) => r === 'capacity'));
  // input() says whether the event was taken: a refused one is not.
  const event = { e: 'pv', eid: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e', p: 'web', tv: 't', url: 'u'.repeat(70 * 1024) };
  assert.equal(emitters[0].input(event), false);
  for (const e of emitters) e.free();
});

test('setLogLevel: "off" silences, "warn" restores, anything else is a TypeError', () => {
  assert.throws(() => setLogLevel('debug'), /setLogLevel: level must be "warn", "error" or "off", got "debug"/);
  assert.throws(() => setLogLevel(), /setLogLevel: level is required/);
  const seen = [];
  const warn = console.warn;
  console.warn = (m) => seen.push(m);
  try {
    const e = new Emitter('collector.example', { bufferCapacity: 1, bufferSize: 10, fetch: () => new Promise(() => {}) });
    const t = new Tracker(e);
    setLogLevel('off');
    t.trackStructEvent({ category: 'c', action: 'a' });
    t.trackStructEvent({ category: 'c', action: 'b' });
    assert.equal(seen.length, 0);
    setLogLevel('warn');
    const e2 = new Emitter('collector.example', { bufferCapacity: 1, bufferSize: 10, fetch: () => new Promise(() => {}) });
    const t2 = new Tracker(e2);
    t2.trackStructEvent({ category: 'c', action: 'a' });
    t2.trackStructEvent({ category: 'c', action: 'b' });
    assert.equal(seen.length, 1);
    e.free();
    e2.free();
  } finally {
    console.warn = warn;
  }
});
