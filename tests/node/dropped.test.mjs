// Emitters nothing holds any more: the flush timer stops at once, a final send is made and
// retried within flushTimeout, what is left is reported, and no timer keeps the emitter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter } from 'snowplow-tracker-wasm';
import { scheduledTimers } from '../../pkg/boundary.js';
import { startCollector } from '../support/collector.mjs';
import { collectGarbage, emitterHelpers } from '../support/emitters.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(() => collector.close());
const { uniqueApp, ofApp } = emitterHelpers(() => collector);

/** Resolves once `pred()` holds, polled every 10 ms; rejects after `ms`. */
async function until(pred, ms, what) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`not in ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const eventsOf = (app) => ofApp(app).flatMap((r) => r.events.filter((e) => e.aid === app));

test('1,000 dropped emitters with periodic flush timers: every event arrives once, then no timer is left', async () => {
  const app = uniqueApp('dropped');
  const timersBefore = scheduledTimers();
  for (let i = 0; i < 1000; i++) {
    const e = new Emitter(collector.url, { bufferSize: 100 });
    e.setFlushTimer(3600);
    const t = new Tracker(e, { appId: app });
    t.trackStructEvent({ category: 'c', action: `a${i}` });
    t.free();
    e.free();
  }
  await until(() => eventsOf(app).length >= 1000 && scheduledTimers() === timersBefore, 30_000, 'every final send, every timer gone');
  const actions = eventsOf(app).map((e) => e.se_ac);
  assert.equal(new Set(actions).size, 1000, 'each event once');
  assert.equal(actions.length, 1000);
  assert.equal(scheduledTimers(), timersBefore);
});

test('an emitter whose JS object is freed keeps working for the tracker that holds it, timer included', async () => {
  const app = uniqueApp('held');
  const e = new Emitter(collector.url, { bufferSize: 100 });
  e.setFlushTimer(0.05);
  const t = new Tracker(e, { appId: app });
  e.free();
  t.trackStructEvent({ category: 'c', action: 'one' });
  await until(() => eventsOf(app).length === 1, 5_000, 'the flush timer sends');
  t.trackStructEvent({ category: 'c', action: 'two' });
  await until(() => eventsOf(app).length === 2, 5_000, 'still sending');
  const timers = scheduledTimers();
  t.free();
  await until(() => scheduledTimers() < timers, 5_000, 'the flush timer stops once the tracker is gone too');
});

test('an emitter whose JS object is garbage-collected while a tracker uses it sends nothing early', async () => {
  const gc = await collectGarbage();
  const app = uniqueApp('collected');
  let ref;
  const t = (() => {
    const e = new Emitter(collector.url, { bufferSize: 3 });
    ref = new WeakRef(e);
    return new Tracker(e, { appId: app });
  })();
  t.trackStructEvent({ category: 'c', action: 'one' });
  t.trackStructEvent({ category: 'c', action: 'two' });
  await until(() => { gc(); return ref.deref() === undefined; }, 5_000, 'the emitter object collected');
  await new Promise((r) => setTimeout(r, 200)); // the finalizer's turn, and a request's, were it sent
  assert.equal(ofApp(app).length, 0, 'the two events wait for bufferSize');
  t.trackStructEvent({ category: 'c', action: 'three' });
  await until(() => eventsOf(app).length === 3, 5_000, 'the buffer-size flush');
  assert.equal(ofApp(app).length, 1, 'one request of three events');
  await t.close();
});

test('the final send of a dropped emitter gives up at flushTimeout and reports what is left', async () => {
  const app = uniqueApp('dropped-failing');
  collector.setScript(Array.from({ length: 50 }, () => ({ status: 500 })));
  const failures = [];
  const e = new Emitter(collector.url, {
    bufferSize: 100,
    flushTimeout: 0.3,
    maxRetryDelaySeconds: 0.05,
    onFailure: (count, unsent, info) => failures.push({ count, unsent: unsent.length, ...info }),
  });
  e.setFlushTimer(3600);
  const t = new Tracker(e, { appId: app });
  t.trackStructEvent({ category: 'c', action: 'a' });
  t.trackStructEvent({ category: 'c', action: 'b' });
  t.free();
  e.free();
  await until(() => failures.some((f) => f.reason === 'timeout'), 10_000, 'a timeout report');
  const last = failures.find((f) => f.reason === 'timeout');
  assert.equal(last.unsent, 2);
  assert.equal(last.willRetry, false);
  collector.setScript([]);
});
