// How wide the boundary between JS and the WebAssembly module is: the function imports and
// exports of each built `.wasm` (wasm-bindgen's own included), counted with
// `WebAssembly.Module.imports/exports`. The browser build's budget is 16 exports, 32 imports.
//   node scripts/surface.mjs [--list]     --list also prints every name
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILDS = {
  browser: 'pkg/snowplow_tracker_wasm_web_bg.wasm',
  'node/workerd': 'pkg/snowplow_tracker_wasm_bg.wasm',
};
const list = process.argv.includes('--list');

for (const [name, file] of Object.entries(BUILDS)) {
  const module = new WebAssembly.Module(readFileSync(ROOT + file));
  const imports = WebAssembly.Module.imports(module).filter((d) => d.kind === 'function');
  const exports = WebAssembly.Module.exports(module).filter((d) => d.kind === 'function');
  console.log(`${(name + ' .wasm').padEnd(18)} ${String(imports.length).padStart(4)} function imports ${String(exports.length).padStart(4)} function exports`);
  if (list) {
    for (const d of imports) console.log(`  import ${d.module} ${d.name}`);
    for (const d of exports) console.log(`  export ${d.name}`);
  }
}
