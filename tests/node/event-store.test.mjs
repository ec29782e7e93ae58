// A custom `eventStore` ({ load, add, remove }) in Node: the queue written through to it survives
// the emitter (a process restart, modelled by a second emitter on the same store), keeps each
// event's attempt count, and is emptied as events are delivered. A store that throws, rejects or
// never answers leaves the emitter working from memory, warned once, and one that refuses for a
// while gets what waited once it accepts again; bad values are TypeErrors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';

/** An asynchronous store over a Map, answering after a few ms, as a KV store would. */
function mapStore() {
  const items = new Map();
  const later = (f) => new Promise((ok) => setTimeout(() => ok(f()), 2));
  return {
    items,
    load: () => later(() => [...items]),
    add: (id, text) => later(() => void items.set(id, text)),
    remove: (id) => later(() => void items.delete(id)),
  };
}

async function poll(check, ms, what) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function quietly(run) {
  const warn = console.warn;
  const warnings = [];
  console.warn = (...a) => warnings.push(a.join(' '));
  return Promise.resolve(run(warnings)).finally(() => { console.warn = warn; });
}

test('eventStore must be a known name or an object with load, add and remove', () => {
  for (const bad of [5, 'indexeddb', {}, { load() {}, add() {} }, { load: 1, add() {}, remove() {} }]) {
    assert.throws(() => new Emitter('127.0.0.1:9', { protocol: 'http', eventStore: bad }), (e) => e instanceof TypeError && /eventStore must be "memory", "localStorage", "indexedDB" or an object with load, add and remove methods/.test(e.message), String(bad));
  }
});

test('a custom store keeps the queue across emitters: attempts carried, each event delivered once, store emptied', async () => {
  let down = true;
  const collector = await startCollector({ answer: () => (down ? { status: 503 } : null) });
  try {
    const store = mapStore();
    const infos = [];
    const first = new Emitter(collector.url, { eventStore: store, bufferSize: 1, maxRetryDelaySeconds: 1, flushTimeout: 0.2, onFailure: (n, events, info) => infos.push(info) });
    const tracker = new Tracker(first, { appId: 'custom-store' });
    const eids = Array.from({ length: 20 }, (_, i) => tracker.trackStructEvent({ category: 'c', action: `a${i}` }));
    await poll(() => collector.requests.length >= 1 && store.items.size === 20, 5000, 'a refused request and 20 stored items');
    await poll(() => [...store.items.values()].some((t) => t.split('\n')[1] !== '0'), 5000, 'an attempt recorded in the store');
    // The "process" ends: its claims are released, the events stay stored.
    await first.close();
    assert.equal(store.items.size, 20, 'still stored after close');
    const timeouts = infos.filter((i) => i.reason === 'timeout');
    assert.ok(timeouts.length > 0 && timeouts.every((i) => i.willRetry), 'what close() left is reported, kept by the store');
    down = false;
    const second = new Emitter(collector.url, { eventStore: store, bufferSize: 1 });
    await poll(() => store.items.size === 0, 10000, 'the store emptied');
    const got = collector.requests.filter((r) => !r.answer.status).flatMap((r) => r.events).map((e) => e.eid);
    assert.equal(got.length, 20, 'each exactly once');
    assert.deepEqual(new Set(got), new Set(eids));
    await second.close();
  } finally {
    await collector.close();
  }
});

test('a store that throws, rejects or never answers: events go from memory, one warning each', async () => {
  const collector = await startCollector();
  try {
    const stores = {
      throws: { load() { throw new Error('disk gone'); }, add() {}, remove() {} },
      rejects: { load: () => [], add: () => Promise.reject(new Error('quota')), remove: () => {} },
      hangs: { load: () => new Promise(() => {}), add: () => new Promise(() => {}), remove() {} },
      junk: { load: () => 42, add() {}, remove() {} },
    };
    await quietly(async (warnings) => {
      for (const [name, eventStore] of Object.entries(stores)) {
        const before = warnings.length;
        const emitter = new Emitter(collector.url, { eventStore, bufferSize: 1 });
        const t = new Tracker(emitter, { appId: `store-${name}` });
        for (let i = 0; i < 3; i++) t.trackStructEvent({ category: 'c', action: `a${i}` });
        assert.deepEqual(await t.flush(), { sent: 3, failed: 0, pending: 0 }, name);
        if (name !== 'hangs') await poll(() => warnings.length > before, 2000, `${name}: a warning`);
        await emitter.close();
        assert.ok(warnings.length - before <= 1, `${name}: at most one warning`);
      }
    });
  } finally {
    await collector.close();
  }
});

test('a custom store that rejects writes for a while: they are written again once it accepts, and emptied on delivery', async () => {
  let down = true;
  const collector = await startCollector({ answer: () => (down ? { status: 503 } : null) });
  try {
    await quietly(async (warnings) => {
      const store = mapStore();
      let full = true;
      const add = store.add;
      store.add = (name, text) => (full ? Promise.reject(new Error('quota')) : add(name, text));
      const emitter = new Emitter(collector.url, { eventStore: store, bufferSize: 1, maxRetryDelaySeconds: 0.2, onFailure: () => {} });
      const t = new Tracker(emitter, { appId: 'custom-full' });
      for (let i = 0; i < 5; i++) t.trackStructEvent({ category: 'c', action: `a${i}` });
      await poll(() => warnings.some((w) => /storage refused/.test(w)), 2000, 'a warning');
      assert.equal(store.items.size, 0);
      full = false; // space again: the next write stores what waits, oldest first
      t.trackStructEvent({ category: 'c', action: 'a5' });
      await poll(() => [...store.items.keys()].filter((k) => !k.includes('@alive')).length === 6, 5000, 'all 6 stored');
      assert.ok([...store.items.keys()].every((k) => k.startsWith(`snowplow-wasm:${collector.url}/com.snowplowanalytics.snowplow/tp2:`)), 'named <key>:<eid>');
      assert.equal(warnings.filter((w) => /storage refused/.test(w)).length, 1, 'one warning');
      down = false;
      await poll(() => store.items.size === 0, 10000, 'the store emptied on delivery');
      await emitter.close();
    });
  } finally {
    await collector.close();
  }
});
