// Durability: 10,000 events through a collector that fails 30 % of requests (500s, dropped
// connections and answers slower than requestTimeout). Every eid must arrive; duplicates
// (a timed-out request the collector did accept) are counted and reported, never losses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, AsyncEmitter, Emitter } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const [name, Cls, extra] of [['AsyncEmitter x4', AsyncEmitter, { threadCount: 4 }], ['Emitter', Emitter, {}]]) {
  test(`durability (${name}): 10,000 events, 30 % failed requests, none lost`, { timeout: 90000 }, async () => {
    const random = prng(Number(process.env.DURABILITY_SEED || 20261127));
    const collector = await startCollector({
      answer: () => {
        const r = random();
        if (r < 0.1) return { status: 500 };
        if (r < 0.2) return { drop: true };
        if (r < 0.3) return { delayMs: 600 }; // answered 200 after the client gave up
        return {};
      },
    });
    try {
      const emitter = new Cls(collector.url, { bufferSize: 50, requestTimeout: 0.25, maxRetryDelaySeconds: 0.05, flushTimeout: 60, onFailure: () => {}, ...extra });
      const tracker = new Tracker(emitter, { appId: 'durability' });
      const eids = new Set();
      for (let i = 0; i < 10000; i++) eids.add(tracker.trackStructEvent({ category: 'durability', action: 'a', value: i }));
      const result = await tracker.flush();
      assert.deepEqual(result, { sent: 10000, failed: 0, pending: 0 });
      const accepted = collector.requests.filter((r) => !r.answer.drop && !r.answer.status);
      const delivered = accepted.flatMap((r) => r.events.map((e) => e.eid));
      const unique = new Set(delivered);
      const failures = collector.requests.length - accepted.length + collector.requests.filter((r) => r.answer.delayMs).length;
      console.log(`# ${name}: sent ${eids.size}, delivered ${unique.size} unique, duplicates ${delivered.length - unique.size} (${collector.requests.length} requests, ${failures} failed)`);
      for (const eid of eids) assert.ok(unique.has(eid), `lost ${eid}`);
      assert.equal(unique.size, 10000);
      assert.ok(failures > collector.requests.length * 0.2, 'the collector did fail often');
      assert.ok(collector.requests.every((r) => r.errors.length === 0));
    } finally {
      await collector.close();
    }
  });
}
