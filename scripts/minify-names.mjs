// Shortens the import and export names of a wasm-bindgen module (`__wbg_call_275b78b3b6520b92`
// → `c`) and rewrites its glue to match: wasm-opt's minify pass renames them in the .wasm and
// prints the mapping, which is applied here to the glue's import object and `wasm.<export>`
// uses. Checks afterwards that every name the glue uses exists and every import is provided.
//   node scripts/minify-names.mjs <glue.js> <module.wasm> <wasm-opt feature flags…>
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [glueFile, wasmFile, ...features] = process.argv.slice(2);
const out = execFileSync('wasm-opt', [wasmFile, ...features, '--minify-imports-and-exports-and-modules', '-o', wasmFile], {
  encoding: 'utf8',
  maxBuffer: 16 << 20,
});
const map = JSON.parse(out.slice(out.indexOf('{')));
const module = new WebAssembly.Module(readFileSync(wasmFile));
const imports = WebAssembly.Module.imports(module);
const exportNames = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
const modules = [...new Set(imports.map((i) => i.module))];
if (modules.length !== 1) throw new Error(`minify-names: expected one import module, got ${modules}`);

let glue = readFileSync(glueFile, 'utf8');
const escape = (s) => s.replace(/[$]/g, '\\$&');
const glueModule = `./${wasmFile.split('/').pop().replace(/_bg\.wasm$/, '_bg.js')}`;
const extra = [];
for (const [mod, old, short] of map.imports) {
  if (mod === glueModule) {
    const key = new RegExp(`(\\n\\s*)${escape(old)}(\\s*:)`);
    if (!key.test(glue)) throw new Error(`minify-names: import ${old} not found in the glue`);
    glue = glue.replace(key, (_, before, colon) => before + short + colon);
  } else {
    const ns = glue.match(new RegExp(`import \\* as (\\w+) from ["']${escape(mod)}["']`));
    if (!ns) throw new Error(`minify-names: no namespace import of ${mod}`);
    extra.push(`${short}: ${ns[1]}.${old}`);
  }
}
const ret = /return \{\s*__proto__: null,\s*("[^"]+": import\d+,\s*)+\};/;
if (!ret.test(glue)) throw new Error('minify-names: the import object return was not found');
glue = glue.replace(ret, () => `return { __proto__: null, ${JSON.stringify(modules[0])}: Object.assign(import0, { ${extra.join(', ')} }) };`);
for (const [old, short] of map.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g'), () => `wasm.${short}`);
}
for (const [, used] of glue.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!exportNames.has(used)) throw new Error(`minify-names: the glue uses wasm.${used}, which the module does not export`);
}
writeFileSync(glueFile, glue);
console.log(`minify-names: ${map.imports.length} imports and ${map.exports.length} exports renamed`);
