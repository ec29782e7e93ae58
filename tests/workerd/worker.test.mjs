// The package in real workerd: wrangler bundles examples/worker (the Worker users copy; it
// resolves the package's `workerd` export condition) and runs it; the loopback collector must
// receive every event through ctx.waitUntil(tracker.flush()), also when it answers slowly or
// fails the first attempt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../support/collector.mjs';

process.env.WRANGLER_SEND_METRICS = 'false';
process.env.WRANGLER_SEND_ERROR_REPORTS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
const { unstable_startWorker } = await import('wrangler');

let collector;
let worker;
before(async () => {
  collector = await startCollector();
  worker = await unstable_startWorker({
    config: fileURLToPath(new URL('../../examples/worker/wrangler.toml', import.meta.url)),
    bindings: { COLLECTOR_URL: { type: 'plain_text', value: collector.url } },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'warn' },
  });
  await worker.ready;
});
after(async () => {
  await worker?.dispose();
  await collector?.close();
});

for (const method of ['post', 'get']) {
  test(`a Worker's waitUntil(tracker.flush()) delivers its events (${method})`, async () => {
    const app = `worker-${method}`;
    const res = await worker.fetch(`http://example.com/page?method=${method}&app=${app}`, { headers: { 'user-agent': 'test-agent' } });
    const eid = await res.text();
    assert.equal(res.status, 200);
    await collector.waitFor(() => collector.events().filter((e) => e.aid === app).length === 2, 5000, 'two events');
    const events = collector.events().filter((e) => e.aid === app);
    assert.equal(events[0].eid, eid);
    assert.equal(events[0].p, 'srv');
    assert.equal(events[0].ua, 'test-agent');
    assert.equal(events[1].se_ac, 'GET');
    assert.equal(events[0].url, `http://example.com/page?method=${method}&app=${app}`);
    const reqs = collector.requests.filter((r) => r.events.some((e) => e.aid === app));
    assert.ok(reqs.every((r) => r.method === method.toUpperCase() && r.errors.length === 0), JSON.stringify(reqs.map((r) => r.errors)));
  });
}

for (const [what, answers] of [['answers after 2 s', [{ delayMs: 2000 }]], ['fails the first attempt with a 500', [{ status: 500 }]]]) {
  test(`waitUntil(flush()) covers a collector that ${what}`, async () => {
    const app = `worker-${what.split(' ')[0]}`;
    collector.setScript(answers);
    const res = await worker.fetch(`http://example.com/?app=${app}`);
    assert.equal(res.status, 200);
    const eid = await res.text();
    // The response went out before delivery; the Worker stays alive through waitUntil.
    await collector.waitFor(() => collector.requests.filter((r) => r.events.some((e) => e.aid === app) && !r.answer.status).length >= 1, 10000, 'delivery');
    const delivered = collector.requests.filter((r) => !r.answer.status).flatMap((r) => r.events).filter((e) => e.aid === app);
    assert.deepEqual(delivered.map((e) => e.eid).filter((x) => x === eid), [eid]);
    assert.equal(delivered.length, 2);
  });
}
