// The package in other JS runtimes, each the real binary from the npm registry (optional
// dependencies that scripts/setup.sh installs): Deno, with only the permissions it needs (read
// the package, reach 127.0.0.1), and Bun. Each imports the package by name, tracks a page view and
// flushes it to the loopback collector, which validates it. A runtime that could not be installed
// on this machine is skipped with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../support/collector.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = fileURLToPath(new URL('fixtures/runtime-client.mjs', import.meta.url));
let collector;
before(async () => { collector = await startCollector(); });
after(async () => { await collector?.close(); });

const RUNTIMES = {
  deno: {
    bin: `${ROOT}node_modules/@deno/linux-x64-glibc/deno`,
    args: (url) => ['run', `--allow-read=${ROOT}pkg`, '--allow-net=127.0.0.1', CLIENT, url, 'deno'],
    agent: /^Deno\//,
  },
  bun: {
    bin: `${ROOT}node_modules/@oven/bun-linux-x64/bin/bun`,
    args: (url) => [CLIENT, url, 'bun'],
    agent: /^Bun\//,
  },
};

const run = (bin, args) =>
  new Promise((resolve, reject) =>
    execFile(bin, args, { cwd: ROOT, timeout: 30000, env: { ...process.env, NO_COLOR: '1' } }, (e, stdout, stderr) =>
      e ? reject(new Error(`${bin} failed: ${e.message}\n${stderr}`)) : resolve(stdout)));

for (const [name, rt] of Object.entries(RUNTIMES)) {
  test(`${name}: imports the package by name, tracks a page view and a self-describing event, flushes them valid`, async (t) => {
    if (!existsSync(rt.bin)) return t.skip(`${name} is not installed here (its optional npm package did not install on this platform)`);
    const out = JSON.parse((await run(rt.bin, rt.args(collector.url))).trim().split('\n').at(-1));
    assert.deepEqual(out.result, { sent: 2, failed: 0, pending: 0 });
    const requests = collector.requests.filter((r) => r.events.some((e) => e.aid === name));
    assert.equal(requests.length, 2, 'bufferSize 1: a request per event');
    assert.deepEqual(requests.flatMap((r) => r.errors), [], 'schema-valid');
    assert.ok(requests.every((r) => rt.agent.test(r.headers['user-agent'])), `sent by ${name}'s own fetch`);
    const events = requests.flatMap((r) => r.events).filter((e) => e.aid === name);
    assert.deepEqual(events.map((e) => [e.e, e.eid]), [['pv', out.eids[0]], ['ue', out.eids[1]]]);
    const event = events[0];
    assert.equal(event.p, 'srv', 'a server platform, as in Node');
  });
}
