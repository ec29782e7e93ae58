// Cloudflare Workers (workerd) entry: workerd forbids compiling wasm from bytes, so the module
// is imported as a WebAssembly.Module (wrangler's CompiledWasm rule) and instantiated at once.
// Nothing else happens at global scope: no I/O, no timers, no randomness.
import { initSync } from './snowplow_tracker_wasm.js';
import wasmModule from './snowplow_tracker_wasm_bg.wasm';

initSync({ module: wasmModule });

export * from './api.js';
