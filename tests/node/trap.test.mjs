// If the module ever traps anyway, users get an Error naming the package on every later call,
// timers stop instead of throwing uncaught errors, and one console.error says what happened.
// Run in a child process: a trapped module stays stopped for the life of its process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('a trap stops the module cleanly: named errors, timers stopped, one console.error', () => {
  const child = fileURLToPath(new URL('./fixtures/trap-child.mjs', import.meta.url));
  const out = execFileSync(process.execPath, [child], { encoding: 'utf8', timeout: 20_000 });
  const r = JSON.parse(out.trim().split('\n').pop());
  assert.ok(r.ticksBefore >= 1, 'the flush timer sent before the trap');
  assert.equal(r.trap.name, 'Error');
  assert.match(r.trap.message, /^snowplow-tracker-wasm: the WebAssembly module stopped after an internal error \(memory access out of bounds\)/);
  assert.equal(r.after.length, 4);
  for (const e of r.after) assert.deepEqual(e, r.trap, 'every later call throws the same named Error');
  assert.equal(r.errors.length, 1, `one console.error: ${r.errors.join(' | ')}`);
  assert.match(r.errors[0], /trapped and has stopped/);
  assert.equal(r.ticksAfter, r.ticksBefore, 'no timer ran into the module after the trap');
});
