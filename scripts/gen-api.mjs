// Writes pkg/api.js (Node and workerd), pkg/api-web.js (browser) and pkg/index.d.ts from the
// one export list, js/exports.json: each public class is the facade over the module's own.
import { readFileSync, writeFileSync } from 'node:fs';

const list = JSON.parse(readFileSync(new URL('../js/exports.json', import.meta.url), 'utf8'));
const out = new URL('../pkg/', import.meta.url);
// Core's declared option sets and constructor parameters (printed by core's `gen` binary).
const decls = JSON.parse(readFileSync(new URL('decls.json', out), 'utf8'));
// A class's constructor spec and its methods' specs, when it has either.
// The Tracker's track methods, in the order of core's event kinds (`events::kinds::TRACKED`),
// and each class's methods that are one `call(i, …)` export, in the order of core's `METHODS`.
const tracked = decls.tracked.map((t) => t.name);
const defined = (name) => {
  const d = {};
  if (name === 'Tracker') d.track = tracked;
  if (decls.calls[name]) d.call = decls.calls[name].map((m) => m.name);
  return d;
};
// The classes the module keeps by handle (core's `opts::HANDLE_CLASSES`, in its order) and the
// names of each one's `call` methods that are getters.
const handleClasses = decls.objects.map((o) => o.name);
const getters = (name) => (decls.calls[name] ?? []).filter((m) => m.kind === 'getter').map((m) => m.name);
// A class's statics (`static name(...args)`: `new Class().method(...args)`), the server-only ones
// (`edge`) in the Node/workerd build alone.
const statics = (c, edge) => Object.fromEntries((c.statics ?? []).filter((st) => edge || !st.edge).map((st) => [st.name, st.calls]));
const wrap = (c, edge) => {
  if (!handleClasses.includes(c.name)) throw new Error(`gen-api: ${c.name} is not one of core's HANDLE_CLASSES`);
  return `wrapClass(raw, ${handleClasses.indexOf(c.name)}, '${c.name}', ${Boolean(c.chain)}, ${JSON.stringify(decls.classes[c.name] ?? null)}, ${JSON.stringify(decls.methods[c.name] ?? null)}, ${JSON.stringify(defined(c.name))}, ${JSON.stringify(getters(c.name))}, ${JSON.stringify(statics(c, edge))})`;
};

function api(glue, edge, what) {
  const classes = list.classes.filter((c) => edge || !c.edge);
  const functions = list.functions.filter((f) => edge || !f.edge);
  const lines = [
    `// Generated from js/exports.json by scripts/gen-api.mjs: the public API of the ${what}.`,
    `import * as raw from './${glue}.js';`,
    `import { wrapClass, wrapFunction${functions.some((f) => f.on) ? ', wrapOn' : ''} } from './facade.js';`,
    '',
    ...classes.map((c) => `export const ${c.name} = /* @__PURE__ */ ${wrap(c, edge)};`),
    ...functions.map((f) =>
      f.on
        ? `export const ${f.name} = /* @__PURE__ */ wrapOn(${f.on}, '${f.name}', '${f.calls}', '${f.answer}', '${f.instance}');`
        : `export const ${f.name} = /* @__PURE__ */ wrapFunction(raw, '${f.name}'${decls.functions[f.name] ? `, ${JSON.stringify(decls.functions[f.name])}, ${Object.keys(decls.functions).indexOf(f.name)}` : ''});`,
    ),
    '',
  ];
  return lines.join('\n');
}

writeFileSync(new URL('api.js', out), api('snowplow_tracker_wasm', true, 'Node and workerd build'));
writeFileSync(new URL('api-web.js', out), api('snowplow_tracker_wasm_web', false, 'browser build (no Queues or Redis)'));

// The declared option sets as TypeScript interfaces, added to the declarations every entry uses.
const doc = (text, indent) => `${indent}/** ${text.replaceAll('*/', '*\\/').replaceAll('\n', `\n${indent} * `).replaceAll(' \n', '\n')} */`;
const setTypes = decls.sets
  .map((set) =>
    [
      doc(set.doc, ''),
      `export interface ${set.name}${set.extends ? ` extends ${set.extends}` : ''} {`,
      ...set.options.map((o) => `${doc(o.doc, '  ')}\n  ${o.name}?: ${o.ts};`),
      '}',
    ].join('\n'),
  )
  .join('\n\n');
// The track methods, one export in the module (`Tracker.track(kind, …)`), declared on the class
// by merging an interface of the same name.
const eventId = ' Returns the event id (`eid`). Throws a `TypeError`/`RangeError` naming the first invalid option.';
const trackTypes = [
  'export interface Tracker {',
  ...decls.tracked.map((t) => `${doc(t.doc + (t.returns === 'string' ? eventId : ''), '  ')}\n  ${t.name}(options${t.optional}: ${t.ts}): ${t.returns};`),
  '}',
  ...(decls.calls[''] ?? []).map((m) => `${doc(m.doc, '')}\nexport declare function ${m.name}(${m.params}): ${m.returns};`),
  ...list.functions.filter((f) => f.on).map((f) => `${doc(f.doc, '')}\nexport declare function ${f.name}(${f.params}): ${f.returns};`),
  ...Object.entries(decls.calls).filter(([cls]) => cls !== '').flatMap(([cls, ms]) => [
    `export interface ${cls} {`,
    ...ms.map((m) => `${doc(m.doc, '  ')}\n  ${m.kind === 'getter' ? `readonly ${m.name}: ${m.returns}` : `${m.name}(${m.params}): ${m.returns}`};`),
    '}',
  ]),
].join('\n');
// The classes kept by handle: their constructors (their methods are the interfaces above).
const classTypes = decls.objects
  .map((o) =>
    [
      doc(o.doc, ''),
      `export class ${o.name} {`,
      `${doc(o.constructorDoc, '  ')}\n  constructor(${o.params});`,
      ...(list.classes.find((c) => c.name === o.name)?.statics ?? []).map((st) => `${doc(st.doc, '  ')}\n  static ${st.name}(${st.params}): ${o.name};`),
      `${doc("Release the module's state now (the garbage collector does it otherwise).", '  ')}\n  free(): void;`,
      '  [Symbol.dispose](): void;',
      '}',
    ].join('\n'),
  )
  .join('\n');
// The classes, option sets, track methods and module functions, added to wasm-bindgen's own
// declarations (its exports take messages and are not public).
const declarations = new URL('snowplow_tracker_wasm.d.ts', out);
writeFileSync(declarations, `${readFileSync(declarations, 'utf8')}\n${classTypes}\n\n${setTypes}\n\n${trackTypes}\n`);

// One declaration file for every runtime: TypeScript does not pick types by the `browser`
// condition, so the server-only classes say in their docs that the browser build lacks them.
const names = [...list.classes, ...list.functions].map((x) => x.name);
const types = readFileSync(new URL('snowplow_tracker_wasm.d.ts', out), 'utf8');
const interfaces = [...new Set([...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]))].filter((n) => !/^(Sync)?Init(Input|Output)$/.test(n) && !names.includes(n)).sort();
writeFileSync(
  new URL('index.d.ts', out),
  [
    '// Generated from js/exports.json by scripts/gen-api.mjs: the classes and every options interface.',
    `export { ${names.join(', ')} } from './snowplow_tracker_wasm.js';`,
    `export type { ${interfaces.join(', ')} } from './snowplow_tracker_wasm.js';`,
    '',
  ].join('\n'),
);

// index.d.cts: the same types for CommonJS code, which `require()`s the same ES module (Node ≥
// 20.19): one module, so objects from `import` and `require` are the same classes.
writeFileSync(
  new URL('index.d.cts', out),
  "// Generated by scripts/gen-api.mjs: CommonJS code's types, those of the ES module it require()s.\nexport * from './index.js';\n",
);

// lazy-shape.js: what the non-blocking browser entry (lazy.js) needs to know of each browser
// class before the module is loaded: its methods (and which return promises), its getters.
const browserClasses = list.classes.filter((c) => !c.edge);
const shape = {};
for (const c of browserClasses) {
  const calls = decls.calls[c.name] ?? [];
  const methods = calls.filter((m) => m.kind !== 'getter').map((m) => m.name);
  if (c.name === 'Tracker') methods.unshift(...tracked);
  const promised = calls.filter((m) => m.returns.startsWith('Promise')).map((m) => m.name);
  shape[c.name] = { methods, promised, getters: getters(c.name), chain: Boolean(c.chain) };
}
writeFileSync(
  new URL('lazy-shape.js', out),
  [
    '// Generated from js/exports.json and the browser build\'s types by scripts/gen-api.mjs.',
    `export const SHAPE = ${JSON.stringify(shape)};`,
    `export const FUNCTIONS = ${JSON.stringify(list.functions.filter((f) => !f.edge).map((f) => f.name))};`,
    '',
  ].join('\n'),
);
writeFileSync(
  new URL('lazy.d.ts', out),
  [
    '// Generated by scripts/gen-api.mjs: the non-blocking browser entry. Its classes take what the',
    "// main entry's take; before the module is ready their calls are queued and return undefined.",
    "import type * as Main from './index.js';",
    "export type * from './index.js';",
    '/** A class of the non-blocking entry: its methods may return undefined before the module is ready. */',
    'type Lazy<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: Swap<A>) => R extends Promise<unknown> ? R : R extends T ? Lazy<T> : R | undefined : T[K] | undefined };',
    '/** Arguments may hold objects of this entry where the main entry\'s are expected. */',
    `type Swap<T> = T extends (...args: never[]) => unknown ? T : ${browserClasses.map((c) => `T extends Main.${c.name} ? T | Lazy<Main.${c.name}> : `).join('')}T extends object ? { [K in keyof T]: Swap<T[K]> } : T;`,
    ...browserClasses.map((c) => `export declare const ${c.name}: new (...args: Swap<ConstructorParameters<typeof Main.${c.name}>>) => Lazy<Main.${c.name}>;`),
    ...list.functions.filter((f) => !f.edge).map((f) => `export declare const ${f.name}: typeof Main.${f.name};`),
    '/** Resolves to true once the module is ready, or to false if it could not load (reported once). */',
    'export declare const ready: Promise<boolean>;',
    '',
  ].join('\n'),
);
