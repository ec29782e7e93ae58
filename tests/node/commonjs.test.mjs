// CommonJS code gets the package with require() (Node ≥ 20.19 loads the ES module itself, through
// the `require` condition): the same module instance as import(), so the classes are the same
// and objects pass between the two.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../support/collector.mjs';

let collector;
before(async () => { collector = await startCollector(); });
after(async () => { await collector?.close(); });

test('require() and import() give the same classes; objects pass between them; require()\'s Emitter delivers a page view and a self-describing event, valid', async () => {
  const fixture = fileURLToPath(new URL('fixtures/require.cjs', import.meta.url));
  const out = await new Promise((resolve, reject) => execFile(process.execPath, [fixture, collector.url], { encoding: 'utf8', timeout: 20000 }, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout))));
  const r = JSON.parse(out.trim().split('\n').at(-1));
  assert.equal(r.same, true, 'each export is the same object');
  assert.ok(r.names.includes('Tracker') && r.names.includes('drainRedis'), `Node's build: ${r.names}`);
  assert.equal(r.events.length, 2);
  assert.deepEqual(r.events[0].slice(0, 2), ['cjs', r.eid]);
  assert.deepEqual([r.events[1][0], r.events[1][2]], ['esm', 'shared'], "a Subject made through require() serves a Tracker made through import()");
  assert.deepEqual(r.flushed, { sent: 2, failed: 0, pending: 0 });
  const requests = collector.requests.filter((q) => q.events.some((e) => e.aid === 'cjs-delivered'));
  assert.deepEqual(requests.flatMap((q) => q.errors), [], 'schema-valid');
  assert.deepEqual(requests.flatMap((q) => q.events).map((e) => [e.e, e.eid]), [['pv', r.delivered[0]], ['ue', r.delivered[1]]]);
});
