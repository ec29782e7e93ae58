// Events per second: this package vs @snowplow/tracker-core 4.10.2 in the same process, page
// views (pageUrl, pageTitle, referrer, one context) and self-describing events (one context),
// base64 on, on two paths:
//   (a) build only: a discarding custom emitter vs tracker-core with a no-op callback;
//   (b) the real path: an Emitter (POST, a `fetch` that answers 200 at once, flushed every 100
//       events) vs tracker-core + newEmitter (POST, a no-op customFetch, flushed the same way).
// Each plainly, with two static global contexts and one ruleset provider, and with one
// `beforeTrack` plugin (tracker-core given the same).
// Warm-up, then the median of 5 runs each. Also: instantiate time (compile + init of the
// browser build's .wasm, median over 20 fresh processes), cold start (a fresh process to the
// first `fetch` call, against tracker-core + newEmitter, median of 20 each) and wasm heap bytes
// per buffered event.
// Prints figures and ratios; asserts nothing.
//   node bench/events.mjs [seconds-per-run=0.5]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Tracker, Emitter } from 'snowplow-tracker-wasm';
import { initSync } from '../pkg/snowplow_tracker_wasm.js';
import { trackerCore, buildPageView, buildSelfDescribingEvent, newEmitter } from '@snowplow/tracker-core';

const SECONDS = Number(process.argv[2] || 0.5);
const RUNS = 5;
const CONTEXT = [{ schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: '5d79770b-015b-4af8-8c91-b2ed6faf4b1e' } }];
const EVENT = { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 'load', variable: 'dom', timing: 120 } };
const PAGE = { pageUrl: 'https://shop.example/products/1', pageTitle: 'Product', referrer: 'https://ref.example/' };
const ok = () => Promise.resolve(new Response('', { status: 200 }));
const tick = () => new Promise((r) => setImmediate(r));

let sink = 0;
// The extras of each variant: two static global contexts and a ruleset provider (a ruleset both
// trackers match: tracker-core 4.10 never matches a vendor glob), or one beforeTrack plugin.
const GLOBALS = [
  { schema: 'iglu:com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-0-0', data: { latitude: 48.85, longitude: 2.35 } },
  { schema: 'iglu:com.snowplowanalytics.snowplow/timing/jsonschema/1-0-0', data: { category: 'app', variable: 'release', timing: 42 } },
  [{ accept: ['iglu:com.snowplowanalytics.snowplow/*/jsonschema/*-*-*'] }, [CONTEXT[0]]],
];
const plugin = () => ({ beforeTrack: (pb) => pb.add('uid', 'bench-user') });
function ourTracker(path, variant) {
  const emitter = path === 'a'
    ? { input: (e) => { sink += e.eid.length; } }
    : new Emitter('collector.example.com', { method: 'post', bufferSize: 100, byteLimit: 1e9, fetch: ok });
  const t = new Tracker(emitter, { namespace: 'bench', appId: 'bench', encodeBase64: true });
  if (variant === 'globals') t.addGlobalContexts(GLOBALS);
  if (variant === 'plugin') t.addPlugin(plugin());
  return t;
}
function coreTracker(path, variant) {
  let callback = (pb) => { sink += pb.build().eid.length; };
  if (path === 'b') {
    const emitter = newEmitter({ endpoint: 'https://collector.example.com', eventMethod: 'post', bufferSize: 100, maxPostBytes: 1e9, customFetch: ok });
    callback = (pb) => emitter.input(pb.build());
  }
  const core = trackerCore({ base64: true, callback, corePlugins: variant === 'plugin' ? [plugin()] : [] });
  core.setTrackerNamespace('bench');
  core.setAppId('bench');
  core.setPlatform('srv');
  if (variant === 'globals') core.addGlobalContexts(GLOBALS);
  return core;
}
const cases = (path, variant) => {
  const ours = ourTracker(path, variant);
  const core = coreTracker(path, variant);
  return {
    'page view': {
      ours: () => ours.trackPageView({ ...PAGE, context: CONTEXT }),
      core: () => core.track(buildPageView(PAGE), CONTEXT),
    },
    'self-describing': {
      ours: () => ours.trackSelfDescribingEvent({ event: EVENT, context: CONTEXT }),
      core: () => core.track(buildSelfDescribingEvent({ event: EVENT }), CONTEXT),
    },
  };
};

/** Events per second over SECONDS, yielding to the event loop every 100 events (sends settle). */
async function rate(fn) {
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    await tick();
  }
  return n / ((performance.now() - start) / 1000);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (n) => Math.round(n).toLocaleString('en').padStart(9);

console.log(`node ${process.version}, ${SECONDS} s per run, median of ${RUNS} after a warm-up`);
for (const [path, label] of [['a', '(a) build only'], ['b', '(b) real emitter']]) {
  for (const variant of ['plain', 'globals', 'plugin']) for (const [name, c] of Object.entries(cases(path, variant))) {
    await rate(c.ours);
    await rate(c.core);
    const runs = { ours: [], core: [] };
    for (let i = 0; i < RUNS; i++) {
      runs.core.push(await rate(c.core));
      runs.ours.push(await rate(c.ours));
    }
    const [o, k] = [median(runs.ours), median(runs.core)];
    const what = variant === 'plain' ? name : `${name} + ${variant === 'globals' ? '3 global contexts' : 'beforeTrack plugin'}`;
    console.log(`${label.padEnd(18)} ${what.padEnd(38)} ours ${fmt(o)}/s   tracker-core ${fmt(k)}/s   ratio ${(o / k).toFixed(2)}x`);
  }
}

// Instantiate: compile + init of the browser build's module, each in a fresh process (V8
// caches compiled modules within one).
const child = `import { readFileSync } from 'node:fs';
import { initSync } from ${JSON.stringify(new URL('../pkg/snowplow_tracker_wasm_web.js', import.meta.url).href)};
const bytes = readFileSync(new URL(${JSON.stringify(new URL('../pkg/snowplow_tracker_wasm_web_bg.wasm', import.meta.url).href)}));
const t0 = performance.now(); initSync({ module: bytes }); console.log(performance.now() - t0);`;
const times = [];
for (let i = 0; i < 20; i++) times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })));
console.log(`instantiate (browser build, compile + init): median ${median(times).toFixed(2)} ms over 20 processes`);

// Cold start: a fresh process, from the script's first statement (the package loaded by
// `await import()` after it) to the first call of the `fetch` option, tracking one page view
// (POST, bufferSize 1); the two packages alternate, 20 processes each.
const cold = {
  ours: `const t0 = performance.now();
const { Tracker, Emitter } = await import('snowplow-tracker-wasm');
const done = () => { console.log(performance.now() - t0); process.exit(0); };
const e = new Emitter('collector.example.com', { method: 'post', bufferSize: 1, fetch: done });
new Tracker(e, { namespace: 'cold', appId: 'cold' }).trackPageView({ pageUrl: 'https://shop.example/' });
setTimeout(() => { console.log('NaN'); process.exit(0); }, 10000);`,
  core: `const t0 = performance.now();
const { trackerCore, buildPageView, newEmitter } = await import('@snowplow/tracker-core');
const done = () => { console.log(performance.now() - t0); process.exit(0); };
const e = newEmitter({ endpoint: 'https://collector.example.com', eventMethod: 'post', bufferSize: 1, customFetch: done });
const core = trackerCore({ base64: true, callback: (pb) => e.input(pb.build()) });
core.setTrackerNamespace('cold');
core.setAppId('cold');
core.track(buildPageView({ pageUrl: 'https://shop.example/' }));
setTimeout(() => { console.log('NaN'); process.exit(0); }, 10000);`,
};
const coldTimes = { ours: [], core: [] };
const root = new URL('..', import.meta.url);
for (let i = 0; i < 20; i++) {
  for (const who of ['core', 'ours']) {
    coldTimes[who].push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', cold[who]], { cwd: root, encoding: 'utf8', timeout: 20000 })));
  }
}
const [co, ck] = [median(coldTimes.ours), median(coldTimes.core)];
console.log(`cold start (fresh process → first fetch call, one page view, POST, bufferSize 1): ours ${co.toFixed(1)} ms, tracker-core + newEmitter ${ck.toFixed(1)} ms, ratio ${(co / ck).toFixed(2)}x (median of 20 each)`);

// Heap per buffered event: 20,000 page views held by an emitter whose collector never answers.
const wasm = initSync({ module: readFileSync(new URL('../pkg/snowplow_tracker_wasm_bg.wasm', import.meta.url)) });
const N = 20000;
const held = new Emitter('collector.example.com', { bufferSize: 1e6, bufferCapacity: 1e6, byteLimit: 1e9, fetch: () => new Promise(() => {}) });
const t = new Tracker(held, { encodeBase64: true });
const before = wasm.memory.buffer.byteLength;
for (let i = 0; i < N; i++) t.trackPageView({ ...PAGE, context: CONTEXT });
let wire = 0;
const probe = new Tracker({ input: (e) => { wire += new URLSearchParams(e).toString().length; } }, { encodeBase64: true });
probe.trackPageView({ ...PAGE, context: CONTEXT });
const grown = wasm.memory.buffer.byteLength - before;
console.log(`wasm heap per buffered page view: ~${Math.round(grown / N)} B (memory grew ${grown.toLocaleString('en')} B for ${N.toLocaleString('en')} events of ~${wire} wire bytes)`);
held.cancelFlushTimer();
if (sink === 0) console.log('(nothing built?)');
process.exit(0);
