// QueueEmitter and forwardQueueBatch in Node with producer and batch objects shaped as the
// Queues API is (workerd itself is in tests/workerd/queues.test.mjs): the calls the module asks
// the host to make on them, in order, and what a throwing or rejecting one does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Tracker, Emitter, QueueEmitter, forwardQueueBatch } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(async () => { await collector?.close(); });

const tracked = (t, n, app) => Array.from({ length: n }, (_, i) => t.trackStructEvent({ category: app, action: `a${i}` }));

test('a producer with sendBatch gets one call per batch, one without it one send per event, in order; bodies carry no stm', async () => {
  const batches = [];
  const t = new Tracker(new QueueEmitter({ sendBatch: async (m) => void batches.push(m) }, { bufferSize: 3 }), { appId: 'qa' });
  const eids = tracked(t, 3, 'qa');
  assert.deepEqual(await t.flush(), { sent: 3, failed: 0, pending: 0 });
  assert.equal(batches.length, 1);
  assert.deepEqual(batches[0].map((m) => m.body.eid), eids);
  assert.ok(batches[0].every((m) => m.body.stm === undefined && m.body.aid === 'qa'));

  const sent = [];
  let inFlight = 0;
  const one = { async send(body) { inFlight++; assert.equal(inFlight, 1, 'one send at a time'); await new Promise((r) => setTimeout(r, 2)); sent.push(body); inFlight--; } };
  const u = new Tracker(new QueueEmitter(one, { bufferSize: 4 }), { appId: 'qb' });
  const ids = tracked(u, 4, 'qb');
  assert.deepEqual(await u.flush(), { sent: 4, failed: 0, pending: 0 });
  assert.deepEqual(sent.map((b) => b.eid), ids);
});

test('a producer that throws or rejects keeps the events buffered and retried until it accepts', async () => {
  let calls = 0;
  const flaky = {
    sendBatch(m) {
      calls++;
      if (calls === 1) throw new Error('down');
      if (calls === 2) return Promise.reject(new Error('still down'));
      return Promise.resolve(m.length);
    },
  };
  const warned = [];
  const orig = console.warn;
  console.warn = (...a) => warned.push(a);
  try {
    const e = new QueueEmitter(flaky, { bufferSize: 2, maxRetryDelaySeconds: 0.02, flushTimeout: 5 });
    const t = new Tracker(e);
    tracked(t, 2, 'qc');
    assert.deepEqual(await t.flush(), { sent: 2, failed: 0, pending: 0 });
    assert.equal(calls, 3);
    assert.equal(e.bufferedCount, 0);
  } finally { console.warn = orig; }
  assert.ok(warned.length >= 1, 'the failed sends were reported');
});

/** A message as workerd hands them out: fields behind getters and methods of a class. */
class Message {
  #body; #log;
  constructor(body, log) { this.#body = body; this.#log = log; }
  get body() { return this.#body; }
  ack() { this.#log.push('ack'); }
  retry() { this.#log.push('retry'); }
}
class Batch {
  #messages;
  constructor(messages) { this.#messages = messages; }
  get messages() { return this.#messages; }
}

test('forwardQueueBatch reads class-shaped batches, acks what arrived and retries the rest', async () => {
  const bodies = [];
  const t = new Tracker(new QueueEmitter({ sendBatch: async (m) => void bodies.push(...m.map((x) => x.body)) }, { bufferSize: 3 }), { appId: 'qd' });
  tracked(t, 3, 'qd');
  await t.flush();
  const log = [];
  const messages = [new Message(bodies[0], log), new Message(JSON.stringify(bodies[1]), log), new Message(7n, log), new Message('not json', log), new Message(bodies[2], log)];
  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  let result;
  try {
    result = await forwardQueueBatch(new Batch(messages), new Emitter(collector.url));
  } finally { console.error = orig; }
  assert.deepEqual(result, { sent: 3, failed: 0, pending: 0, acked: 3, retried: 2 });
  assert.deepEqual(log, ['ack', 'ack', 'retry', 'retry', 'ack']);
  assert.equal(errors.length, 2, 'each message that is not an event is reported');
  await collector.waitFor(() => collector.events().filter((e) => e.aid === 'qd').length >= 3, 5000, 'forwarded events');
  assert.deepEqual(collector.events().filter((e) => e.aid === 'qd').map((e) => e.se_ac), ['a0', 'a1', 'a2']);
});

test('forwardQueueBatch: a throwing getter propagates as it was thrown, a throwing ack() is reported and the rest go on', async () => {
  const boom = new Error('boom');
  const emitter = new Emitter(collector.url);
  assert.throws(() => forwardQueueBatch({ get messages() { throw boom; } }, emitter), (e) => e === boom);
  assert.throws(() => forwardQueueBatch({ messages: [{ get body() { throw boom; } }] }, emitter), (e) => e === boom);

  const body = { e: 'pv', eid: crypto.randomUUID(), p: 'srv', tv: 't', aid: 'qe' };
  const log = [];
  const throwing = { body, ack() { throw boom; }, retry() {} };
  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  let result;
  try {
    result = await forwardQueueBatch({ messages: [throwing, new Message({ ...body, eid: crypto.randomUUID() }, log)] }, emitter);
  } finally { console.error = orig; }
  assert.deepEqual(result, { sent: 2, failed: 0, pending: 0, acked: 2, retried: 0 });
  assert.deepEqual(log, ['ack']);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0][0]), /ack\(\) or retry\(\) failed/);
  assert.equal(errors[0][1], boom);
});
