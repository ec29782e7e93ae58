// Strings far larger than any event the module could accept are refused before they are copied
// into the WebAssembly heap (which never gives memory back): a context of 300M characters and a
// user agent of 4e8 characters are RangeErrors, the heap does not grow, and tracking goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Subject } from 'snowplow-tracker-wasm';

const MiB = 1024 * 1024;
const SCHEMA = 'iglu:com.acme/thing/jsonschema/1-0-0';

test('a 300M-character context and a 4e8-character user agent: RangeErrors, heap not grown, tracking goes on', () => {
  const got = [];
  const t = new Tracker({ input: (e) => got.push(e) }, { appId: 'huge' });
  t.trackStructEvent({ category: 'c', action: 'warm-up' });
  const before = process.memoryUsage().external; // WebAssembly memory counts here
  const huge = 'x'.repeat(3e8);
  for (let i = 0; i < 2; i++) {
    assert.throws(
      () => t.trackSelfDescribingEvent({ event: { schema: SCHEMA, data: {} }, context: [{ schema: SCHEMA, data: { huge } }] }),
      (e) => e instanceof RangeError && /^trackSelfDescribingEvent: options must be JSON text of at most 4 × maxEventBytes \+ 65536 characters, got more than 4065536$/.test(e.message),
    );
    assert.throws(
      () => t.trackSelfDescribingEvent({ event: { schema: SCHEMA, data: { huge } } }),
      (e) => e instanceof RangeError && /^trackSelfDescribingEvent: options must be JSON text of at most/.test(e.message),
    );
  }
  const ua = 'y'.repeat(4e8);
  const s = new Subject();
  assert.throws(
    () => s.setUseragent(ua),
    (e) => e instanceof RangeError && /^Subject\.setUseragent: value must be a string no longer than the largest maxEventBytes, got more than 1000000 characters$/.test(e.message),
  );
  const grown = process.memoryUsage().external - before;
  assert.ok(grown < 4 * MiB, `the wasm heap grew ${grown} B`);
  t.trackStructEvent({ category: 'c', action: 'after' });
  s.setUseragent('a normal agent');
  assert.deepEqual(got.map((e) => e.se_ac), ['warm-up', 'after']);
});
