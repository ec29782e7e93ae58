// Browser and bundler entry: fetches and instantiates the browser build's .wasm (without the
// server-side Queues and Redis code) with a top-level await. Without WebAssembly (or when a
// Content-Security-Policy blocks it) the import rejects with an Error that says so; nothing
// else on the page is touched.
import init from './snowplow_tracker_wasm_web.js';

if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
  throw new Error('snowplow-tracker-wasm: this browser does not provide WebAssembly, so the tracker cannot load.');
}
try {
  await init({ module_or_path: new URL('./snowplow_tracker_wasm_web_bg.wasm', import.meta.url) });
} catch (cause) {
  throw new Error(
    'snowplow-tracker-wasm: the WebAssembly module could not be loaded (' + (cause && cause.message) +
      "). A Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src.",
    { cause },
  );
}

export * from './api-web.js';
