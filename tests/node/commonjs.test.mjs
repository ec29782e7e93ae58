// CommonJS code gets the package with require() (Node ≥ 20.19 loads the ES module itself, through
// the `require` condition): the same module instance as import(), so the classes are the same
// and objects pass between the two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('require() and import() give the same classes; objects pass between them', () => {
  const fixture = fileURLToPath(new URL('fixtures/require.cjs', import.meta.url));
  const out = execFileSync(process.execPath, [fixture], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
  const r = JSON.parse(out.trim().split('\n').at(-1));
  assert.equal(r.same, true, 'each export is the same object');
  assert.ok(r.names.includes('Tracker') && r.names.includes('drainRedis'), `Node's build: ${r.names}`);
  assert.equal(r.events.length, 2);
  assert.deepEqual(r.events[0].slice(0, 2), ['cjs', r.eid]);
  assert.deepEqual([r.events[1][0], r.events[1][2]], ['esm', 'shared'], "a Subject made through require() serves a Tracker made through import()");
});
