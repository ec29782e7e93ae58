// QueueEmitter and forwardQueueBatch on Cloudflare Queues in real workerd (Miniflare): a
// producer Worker tracks into a queue, a consumer Worker forwards batches to the collector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { startCollector } from '../support/collector.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rules = [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }, { type: 'CompiledWasm', include: ['**/*.wasm'] }];

async function withQueues(answer, body) {
  const collector = await startCollector({ answer });
  const mf = new Miniflare({
    modulesRoot: ROOT,
    workers: [
      { name: 'producer', modules: true, modulesRules: rules, scriptPath: `${ROOT}tests/workerd/queues/producer.mjs`, compatibilityDate: '2026-04-01', queueProducers: { EVENTS: 'snowplow-events' } },
      {
        name: 'consumer', modules: true, modulesRules: rules, scriptPath: `${ROOT}tests/workerd/queues/consumer.mjs`, compatibilityDate: '2026-04-01',
        bindings: { COLLECTOR_URL: collector.url },
        queueConsumers: { 'snowplow-events': { maxBatchSize: 100, maxBatchTimeout: 0.2, maxRetries: 50 } },
      },
    ],
    cf: false,
  });
  try {
    await body(mf, collector);
  } finally {
    await mf.dispose();
    await collector.close();
  }
}

const delivered = (collector, app) =>
  collector.requests.filter((r) => !r.answer.status && !r.answer.drop).flatMap((r) => r.events).filter((e) => e.aid === app);

test('1,000 events through QueueEmitter reach the collector through the consumer exactly once each', { timeout: 60000 }, async () => {
  await withQueues(undefined, async (mf, collector) => {
    const res = await mf.dispatchFetch('http://producer/?n=1000&app=q1');
    const { result, eids } = await res.json();
    assert.deepEqual(result, { sent: 1000, failed: 0, pending: 0 });
    await collector.waitFor(() => delivered(collector, 'q1').length >= 1000, 30000, '1,000 events');
    const got = delivered(collector, 'q1').map((e) => e.eid);
    assert.equal(new Set(got).size, 1000);
    assert.equal(got.length, 1000, 'no duplicates');
    assert.deepEqual(new Set(got), new Set(eids));
    assert.ok(collector.requests.every((r) => r.errors.length === 0));
  });
});

test('a collector outage during consumption leads to message retries, not loss', { timeout: 60000 }, async () => {
  let outageUntil = 0;
  const answer = () => (Date.now() < outageUntil ? { status: 503 } : {});
  await withQueues(answer, async (mf, collector) => {
    outageUntil = Date.now() + 2000;
    const res = await mf.dispatchFetch('http://producer/?n=300&app=q2');
    const { eids } = await res.json();
    await collector.waitFor(() => new Set(delivered(collector, 'q2').map((e) => e.eid)).size >= 300, 40000, '300 events after the outage');
    const got = new Set(delivered(collector, 'q2').map((e) => e.eid));
    assert.deepEqual(got, new Set(eids));
    const refused = collector.requests.filter((r) => r.answer.status === 503).length;
    assert.ok(refused > 0, 'the outage did refuse requests');
    console.log(`# outage: ${refused} requests refused, ${delivered(collector, 'q2').length} events delivered for 300 tracked`);
  });
});

test('in workerd a flush that runs out of time reports its pending events (timeout, not retried): none is lost quietly', { timeout: 30000 }, async () => {
  const collector = await startCollector({ answer: () => ({ status: 503, headers: { 'Retry-After': '20' } }) });
  const mf = new Miniflare({
    modulesRoot: ROOT, modules: true, modulesRules: rules, scriptPath: `${ROOT}tests/workerd/timeout/worker.mjs`,
    compatibilityDate: '2026-04-01', bindings: { COLLECTOR_URL: collector.url }, cf: false,
  });
  try {
    const { result, eids, failures, buffered } = await (await mf.dispatchFetch('http://worker/')).json();
    assert.deepEqual(result, { sent: 0, failed: 2, pending: 0 });
    assert.equal(buffered, 0);
    const last = failures.at(-1);
    assert.deepEqual(last.info, { status: 0, reason: 'timeout', willRetry: false });
    assert.deepEqual(last.eids.sort(), [...eids].sort());
    // Before that, the 503 itself was reported as it happened (to be retried).
    assert.deepEqual(failures[0].info, { status: 503, reason: 'http', willRetry: true });
    assert.equal(failures.length, 2);
  } finally {
    await mf.dispose();
    await collector.close();
  }
});
