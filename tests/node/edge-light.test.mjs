// Vercel Edge Functions: an Edge function importing the package, bundled as Vercel bundles it
// (esbuild with the `edge-light` condition, `.wasm?module` imports handed over as compiled
// WebAssembly.Module objects), run in @edge-runtime/vm's Edge context with compiling wasm from
// bytes refused, as the Edge runtime refuses it. The entry never compiles: it instantiates the
// module it is given, tracks and delivers to the loopback collector.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { EdgeVM } from '@edge-runtime/vm';
import { startCollector } from '../support/collector.mjs';

const FUNCTION = fileURLToPath(new URL('fixtures/edge-function.mjs', import.meta.url));
let collector;
before(async () => { collector = await startCollector(); });
after(async () => { await collector?.close(); });

/** The function bundled as a script whose default export is `__edge.default`; each `.wasm?module`
 * import becomes the module the platform compiled at deploy time (`modules[path]`). */
async function bundle() {
  const wasm = {
    name: 'wasm-module',
    setup(b) {
      b.onResolve({ filter: /\.wasm\?module$/ }, (a) => ({ path: fileURLToPath(new URL(a.path.replace(/\?module$/, ''), `file://${a.resolveDir}/`)), namespace: 'wasm-module' }));
      b.onLoad({ filter: /.*/, namespace: 'wasm-module' }, (a) => ({ contents: `export default globalThis.__modules[${JSON.stringify(a.path)}];`, loader: 'js' }));
    },
  };
  const out = await build({
    entryPoints: [FUNCTION], bundle: true, write: false, format: 'iife', globalName: '__edge', logLevel: 'silent',
    platform: 'neutral', conditions: ['edge-light', 'worker', 'browser'], mainFields: ['module', 'main'], plugins: [wasm],
  });
  const paths = [...out.outputFiles[0].text.matchAll(/__modules\[("[^"]+")\]/g)].map((m) => JSON.parse(m[1]));
  return { code: out.outputFiles[0].text, paths };
}

test('an Edge function bundled with the edge-light entry loads the given module (compiling from bytes is refused), tracks a page view and a self-describing event and delivers them valid', async () => {
  const { code, paths } = await bundle();
  assert.deepEqual(paths.map((p) => p.split('/').at(-1)), ['snowplow_tracker_wasm_bg.wasm'], 'the Node/workerd build, imported as a module');
  const vm = new EdgeVM({ codeGeneration: { strings: false, wasm: false } });
  assert.match(vm.evaluate(`try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); 'compiled' } catch (e) { String(e) }`), /disallowed/, 'this context refuses to compile wasm');
  // The platform's compiled modules; the context's WebAssembly.Module recognises them (they were
  // made in this process's realm, as the platform makes them in its own).
  vm.context.__modules = Object.fromEntries(paths.map((p) => [p, new WebAssembly.Module(readFileSync(p))]));
  vm.context.__isModule = (v) => v instanceof WebAssembly.Module;
  vm.evaluate('(() => { const is = __isModule; delete globalThis.__isModule; Object.defineProperty(WebAssembly.Module, Symbol.hasInstance, { value: (v) => is(v) }); })()');
  vm.evaluate(code);
  const request = `new Request('https://edge.test/page?collector=' + encodeURIComponent(${JSON.stringify(collector.url)}))`;
  const response = await vm.evaluate(`__edge.default(${request})`);
  const { eids, result } = JSON.parse(await response.text());
  assert.deepEqual(result, { sent: 2, failed: 0, pending: 0 });
  const sent = collector.requests.filter((r) => r.events.some((e) => e.aid === 'edge-light'));
  assert.equal(sent.length, 2, 'bufferSize 1: a request per event');
  assert.deepEqual(sent.flatMap((r) => r.errors), [], 'schema-valid');
  const events = sent.flatMap((r) => r.events);
  assert.deepEqual(events.map((e) => [e.e, e.eid]), [['pv', eids[0]], ['ue', eids[1]]]);
  assert.equal(events[0].p, 'srv', 'a server platform');
});
