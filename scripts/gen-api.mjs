// Writes pkg/api.js (Node and workerd), pkg/api-web.js (browser) and pkg/index.d.ts from the
// one export list, js/exports.json: each public class is the facade over the module's own.
import { readFileSync, writeFileSync } from 'node:fs';

const list = JSON.parse(readFileSync(new URL('../js/exports.json', import.meta.url), 'utf8'));
const out = new URL('../pkg/', import.meta.url);

function api(glue, edge, what) {
  const classes = list.classes.filter((c) => edge || !c.edge);
  const functions = list.functions.filter((f) => edge || !f.edge);
  const lines = [
    `// Generated from js/exports.json by scripts/gen-api.mjs: the public API of the ${what}.`,
    `import * as raw from './${glue}.js';`,
    `import { wrapClass, wrapFunction } from './facade.js';`,
    '',
    ...classes.map((c) => `export const ${c.name} = /* @__PURE__ */ wrapClass(raw.${c.name}, '${c.name}'${c.chain ? ', true' : ''});`),
    ...functions.map((f) => `export const ${f.name} = /* @__PURE__ */ wrapFunction(raw.${f.name}, '${f.name}');`),
    '',
  ];
  return lines.join('\n');
}

writeFileSync(new URL('api.js', out), api('snowplow_tracker_wasm', true, 'Node and workerd build'));
writeFileSync(new URL('api-web.js', out), api('snowplow_tracker_wasm_web', false, 'browser build (no Queues or Redis)'));

// One declaration file for every runtime: TypeScript does not pick types by the `browser`
// condition, so the server-only classes say in their docs that the browser build lacks them.
const names = [...list.classes, ...list.functions].map((x) => x.name);
const types = readFileSync(new URL('snowplow_tracker_wasm.d.ts', out), 'utf8');
const interfaces = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]).filter((n) => !/^(Sync)?Init(Input|Output)$/.test(n)).sort();
writeFileSync(
  new URL('index.d.ts', out),
  [
    '// Generated from js/exports.json by scripts/gen-api.mjs: the classes and every options interface.',
    `export { ${names.join(', ')} } from './snowplow_tracker_wasm.js';`,
    `export type { ${interfaces.join(', ')} } from './snowplow_tracker_wasm.js';`,
    '',
  ].join('\n'),
);
