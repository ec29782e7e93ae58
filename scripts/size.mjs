// What a browser downloads for `import { Tracker, Emitter } from "snowplow-tracker-wasm"` and one
// page view: the esbuild bundle (--bundle --minify --format=esm, browser conditions) plus the
// .wasm it fetches, each file gzip -9 (and brotli), summed. Printed beside
// @snowplow/tracker-core + newEmitter and @snowplow/browser-tracker bundled the same way.
//   node scripts/size.mjs [--gate BYTES]   exits 1 when our gzip total is over BYTES
import { build } from 'esbuild';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRIES = {
  'snowplow-tracker-wasm': `import { Tracker, Emitter } from 'snowplow-tracker-wasm';
new Tracker(new Emitter('collector.example.com')).trackPageView({ pageUrl: location.href });`,
  '@snowplow/tracker-core + newEmitter': `import { trackerCore, buildPageView, newEmitter } from '@snowplow/tracker-core';
const emitter = newEmitter({ endpoint: 'https://collector.example.com' });
trackerCore({ callback: (p) => emitter.input(p.build()) }).track(buildPageView({ pageUrl: location.href }));`,
  '@snowplow/browser-tracker': `import { newTracker, trackPageView } from '@snowplow/browser-tracker';
newTracker('sp', 'https://collector.example.com'); trackPageView();`,
};
const WASM = { 'snowplow-tracker-wasm': join(ROOT, 'pkg/snowplow_tracker_wasm_web_bg.wasm') };

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// `platform`: esbuild's (its export conditions); `wasm`: the .wasm that build loads; `first`: with
// code splitting, only the entry chunk (what a page downloads before the module is needed).
async function measure(name, source, { platform = 'browser', wasm = WASM[name], first = false } = {}) {
  const dir = mkdtempSync(join(ROOT, 'target', 'size-'));   // inside the project: node_modules resolves
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, source);
    const out = await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform, write: false,
      logLevel: 'error', splitting: first, outdir: join(dir, 'out'),
    });
    const main = out.outputFiles.find((f) => f.path.endsWith('entry.js')) ?? out.outputFiles[0];
    const files = [{ file: first ? 'first chunk' : 'bundle.js', bytes: Buffer.from(main.contents) }];
    if (wasm) files.push({ file: 'module.wasm', bytes: readFileSync(wasm) });
    const sum = (f) => files.reduce((n, x) => n + f(x.bytes), 0);
    return { name, files: files.map((x) => ({ file: x.file, raw: x.bytes.length, gzip: gz(x.bytes), brotli: br(x.bytes) })), raw: sum((b) => b.length), gzip: sum(gz), brotli: sum(br) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const [name, source] of Object.entries(ENTRIES)) results.push(await measure(name, source));
const fmt = (n) => n.toLocaleString('en').padStart(9);
console.log(`${'browser payload (bytes)'.padEnd(40)}${'raw'.padStart(9)}${'gzip -9'.padStart(9)}${'brotli'.padStart(9)}`);
for (const r of results) {
  console.log(`${r.name.padEnd(40)}${fmt(r.raw)}${fmt(r.gzip)}${fmt(r.brotli)}`);
  if (r.files.length > 1) for (const f of r.files) console.log(`${('  ' + f.file).padEnd(40)}${fmt(f.raw)}${fmt(f.gzip)}${fmt(f.brotli)}`);
}
const [ours, core, full] = results;
console.log(`ours / tracker-core+emitter: ${(ours.gzip / core.gzip).toFixed(2)}x, ours / browser-tracker: ${(ours.gzip / full.gzip).toFixed(2)}x (gzip)`);
// Beside it: the Node/workerd build, and the lazy entry's first download (its module comes later).
const others = [
  await measure('Node/workerd build (bundle + .wasm)', ENTRIES['snowplow-tracker-wasm'].replace('location.href', "'https://x'"), {
    platform: 'node',
    wasm: join(ROOT, 'pkg/snowplow_tracker_wasm_bg.wasm'),
  }),
  await measure('lazy entry, first download', ENTRIES['snowplow-tracker-wasm'].replace("'snowplow-tracker-wasm'", "'snowplow-tracker-wasm/lazy'"), {
    wasm: null,
    first: true,
  }),
];
for (const r of others) {
  console.log(`${r.name.padEnd(40)}${fmt(r.raw)}${fmt(r.gzip)}${fmt(r.brotli)}`);
  if (r.files.length > 1) for (const f of r.files) console.log(`${('  ' + f.file).padEnd(40)}${fmt(f.raw)}${fmt(f.gzip)}${fmt(f.brotli)}`);
}
// The autotrack entry's own bytes: the main entry with all four enable… functions imported and
// used, minus the main entry alone (its bundle; the .wasm is the same).
const autotrack = await measure('autotrack', `${ENTRIES['snowplow-tracker-wasm']}
import { enableLinkClickTracking, enableButtonClickTracking, enableFormTracking, enableErrorTracking } from 'snowplow-tracker-wasm/autotrack';
const t = new Tracker(new Emitter('collector.example.com'));
enableLinkClickTracking(t); enableButtonClickTracking(t); enableFormTracking(t); enableErrorTracking(t);`, { wasm: null });
const bundleOf = (r) => r.files[0];
console.log(`${'autotrack entry, its own bytes'.padEnd(40)}${fmt(bundleOf(autotrack).raw - bundleOf(ours).raw)}${fmt(bundleOf(autotrack).gzip - bundleOf(ours).gzip)}${fmt(bundleOf(autotrack).brotli - bundleOf(ours).brotli)}`);
const gate = process.argv.indexOf('--gate');
if (gate > 0) {
  const limit = Number(process.argv[gate + 1]);
  if (ours.gzip > limit) {
    console.error(`size gate: the browser payload is ${ours.gzip} B gzip, over the ${limit} B budget`);
    process.exit(1);
  }
  console.log(`size gate: ${ours.gzip} B ≤ ${limit} B`);
}
