// RedisEmitter and drainRedis against a real redis-server (started here on 127.0.0.1, random
// port, no persistence) with the node-redis and ioredis clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import IORedis from 'ioredis';
import { Tracker, Emitter, RedisEmitter, drainRedis } from 'snowplow-tracker-wasm';
import { startCollector } from '../support/collector.mjs';

let redis; let port; let client; let collector; let down;

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}

before(async () => {
  port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  client = createClient({ url: `redis://127.0.0.1:${port}` });
  client.on('error', () => {});
  const deadline = Date.now() + 10000;
  for (;;) {
    try { await client.connect(); break; } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50)); // redis-server is starting: poll with a deadline
    }
  }
  collector = await startCollector();
  down = await startCollector({ answer: () => ({ status: 503 }) });
});

after(async () => {
  await client?.quit();
  redis?.kill();
  await collector?.close();
  await down?.close();
});

const tracked = (t, n) => Array.from({ length: n }, (_, i) => t.trackStructEvent({ category: 'redis', action: `a${i}` }));

test('RedisEmitter stores each event as a JSON string under the key (node-redis)', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-a'), { appId: 'redis-a' });
  const eids = tracked(t, 5);
  await t.flush();
  let stored = [];
  for (let i = 0; i < 100 && stored.length < 5; i++) { stored = await client.lRange('events-a', 0, -1); }
  const events = stored.map((s) => JSON.parse(s));
  assert.deepEqual(events.map((e) => e.eid), eids);
  assert.ok(events.every((e) => e.stm === undefined && e.aid === 'redis-a' && e.e === 'se'));
});

test('drainRedis delivers everything through an Emitter and empties the list', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-b'), { appId: 'redis-b' });
  const eids = tracked(t, 250);
  await client.lLen('events-b'); // RPUSHes are pipelined before this reply
  const result = await drainRedis(client, 'events-b', new Emitter(collector.url), { batch: 100 });
  assert.deepEqual(result, { sent: 250, requeued: 0, invalid: 0, dead: 0 });
  assert.equal(await client.lLen('events-b'), 0);
  assert.equal(await client.lLen('events-b:processing'), 0);
  const got = collector.events().filter((e) => e.aid === 'redis-b').map((e) => e.eid);
  assert.deepEqual(got, eids, 'all delivered, in order, once');
});

test('with the collector down the events stay in Redis, in order', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-c'), { appId: 'redis-c' });
  tracked(t, 7);
  const before = await client.lRange('events-c', 0, -1);
  assert.equal(before.length, 7);
  const emitter = new Emitter(down.url, { maxRetryDelaySeconds: 0.05, flushTimeout: 0.3, onFailure: () => {} });
  const result = await drainRedis(client, 'events-c', emitter, { batch: 3 });
  assert.deepEqual(result, { sent: 0, requeued: 3, invalid: 0, dead: 0 }, 'stops after the first failing batch');
  assert.deepEqual(await client.lRange('events-c', 0, -1), before);
  assert.equal(await client.lLen('events-c:processing'), 0);
  await emitter.close();
});

test('a crashed drain: leftovers in the processing list go back first and are delivered', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-d'), { appId: 'redis-d' });
  const eids = tracked(t, 4);
  await client.lLen('events-d');
  // Simulate a drain that moved two events and died.
  await client.lMove('events-d', 'events-d:processing', 'LEFT', 'RIGHT');
  await client.lMove('events-d', 'events-d:processing', 'LEFT', 'RIGHT');
  await client.rPush('events-d', 'not json');
  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  try {
    const result = await drainRedis(client, 'events-d', new Emitter(collector.url));
    assert.deepEqual(result, { sent: 4, requeued: 0, invalid: 1, dead: 0 });
  } finally { console.error = orig; }
  assert.equal(errors.length, 1, 'the invalid value is reported');
  assert.deepEqual(collector.events().filter((e) => e.aid === 'redis-d').map((e) => e.eid), eids);
  assert.equal(await client.lLen('events-d'), 0);
});

test('ioredis works the same way', async () => {
  const io = new IORedis({ port, host: '127.0.0.1' });
  try {
    const t = new Tracker(new RedisEmitter(io, 'events-e'), { appId: 'redis-e' });
    const eids = tracked(t, 3);
    await io.llen('events-e');
    assert.equal(await io.llen('events-e'), 3);
    const result = await drainRedis(io, 'events-e', new Emitter(collector.url, { method: 'get' }));
    assert.deepEqual(result, { sent: 3, requeued: 0, invalid: 0, dead: 0 });
    assert.deepEqual(collector.events().filter((e) => e.aid === 'redis-e').map((e) => e.eid), eids);
  } finally { io.disconnect(); }
});

test('events refused for good go to the dead letters with their reason; only pending events stop a drain', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-f'), { appId: 'redis-f' });
  const eids = tracked(t, 6);
  await client.lLen('events-f');
  // The collector refuses the 2nd request for good (400) and the 3rd with 500 (retried, then accepted).
  collector.setScript([{ status: 200 }, { status: 400 }, { status: 500 }]);
  const emitter = new Emitter(collector.url, { maxRetryDelaySeconds: 0.05, onFailure: () => {} });
  const result = await drainRedis(client, 'events-f', emitter, { batch: 2 });
  assert.deepEqual(result, { sent: 4, requeued: 0, invalid: 0, dead: 2 });
  assert.equal(await client.lLen('events-f'), 0);
  assert.equal(await client.lLen('events-f:processing'), 0);
  const dead = (await client.lRange('events-f:dead', 0, -1)).map((d) => JSON.parse(d));
  assert.deepEqual(dead.map((d) => [d.reason, d.status, d.event.eid]), [['http', 400, eids[2]], ['http', 400, eids[3]]]);
  const custom = await drainRedis(client, 'events-f', emitter, { deadLetterKey: 'elsewhere' });
  assert.deepEqual(custom, { sent: 0, requeued: 0, invalid: 0, dead: 0 });
  assert.throws(() => drainRedis(client, 'events-f', emitter, { deadLetterKey: 'events-f' }), /drainRedis: options.deadLetterKey must be a list other than/);
  await emitter.close();
});

test('a client that returns Buffers: values are decoded, delivered and removed, never stuck', async () => {
  const t = new Tracker(new RedisEmitter(client, 'events-g'), { appId: 'redis-g' });
  const eids = tracked(t, 3);
  await client.lLen('events-g');
  await client.rPush('events-g', Buffer.from([0xff, 0xfe]));
  // ioredis's Buffer commands: every element comes back as bytes.
  const io = new IORedis({ port, host: '127.0.0.1' });
  const buffers = { lmove: (...a) => io.lmoveBuffer(...a), lrem: (...a) => io.lrem(...a), rpush: (...a) => io.rpush(...a) };
  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  try {
    const result = await drainRedis(buffers, 'events-g', new Emitter(collector.url));
    assert.deepEqual(result, { sent: 3, requeued: 0, invalid: 1, dead: 0 });
  } finally { console.error = orig; io.disconnect(); }
  assert.equal(errors.length, 1, 'the value that is not text is reported');
  assert.deepEqual(collector.events().filter((e) => e.aid === 'redis-g').map((e) => e.eid), eids);
  assert.equal(await client.lLen('events-g'), 0);
  assert.equal(await client.lLen('events-g:processing'), 0);
});

test('bad input throws named TypeErrors', () => {
  assert.throws(() => new RedisEmitter({}), /RedisEmitter: client must be a Redis client with rPush \(node-redis\) or rpush \(ioredis\)/);
  assert.throws(() => new RedisEmitter(client, ''), /RedisEmitter: key must be a non-empty string/);
  assert.throws(() => drainRedis({ rpush() {} }, 'k', new Emitter('h')), /drainRedis: client must be a Redis client with lMove\/lRem/);
  assert.throws(() => drainRedis(client, 'k', {}), /drainRedis: emitter must be an Emitter or AsyncEmitter/);
  assert.throws(() => drainRedis(client, 'k', new Emitter('h'), { batch: 0 }), RangeError);
});

test('a failing Redis command rejects drainRedis with what the client threw; a failed RPUSH is reported with its event', async () => {
  const broken = new Error('connection lost');
  const failing = {
    lMove: (...a) => (a[0] === 'events-h' ? Promise.reject(broken) : client.lMove(...a)),
    lRem: (...a) => client.lRem(...a),
    rPush: (...a) => client.rPush(...a),
  };
  const t = new Tracker(new RedisEmitter(client, 'events-h'), { appId: 'redis-h' });
  tracked(t, 2);
  await client.lLen('events-h');
  await assert.rejects(drainRedis(failing, 'events-h', new Emitter(collector.url)), (e) => e === broken);
  const throwing = { lMove() { throw broken; }, lRem() {}, rPush() {} };
  await assert.rejects(drainRedis(throwing, 'events-h', new Emitter(collector.url)), (e) => e === broken);
  // Nothing was lost: a working client drains both events.
  assert.deepEqual(await drainRedis(client, 'events-h', new Emitter(collector.url)), { sent: 2, requeued: 0, invalid: 0, dead: 0 });

  const errors = [];
  const orig = console.error;
  console.error = (...a) => errors.push(a);
  try {
    const refusing = new Tracker(new RedisEmitter({ rPush: () => Promise.reject(broken) }, 'events-i'));
    const eids = tracked(refusing, 2);
    const deadline = Date.now() + 5000;
    while (errors.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10)); // poll with a deadline
    assert.equal(errors.length, 2);
    errors.forEach(([message, e], i) => {
      assert.match(message, /RPUSH to Redis failed; the event was not stored: /);
      assert.equal(JSON.parse(message.slice(message.indexOf('{'))).eid, eids[i]);
      assert.equal(e, broken);
    });
  } finally { console.error = orig; }
});
