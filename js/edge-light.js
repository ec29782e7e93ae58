// Vercel Edge Functions entry (the `edge-light` condition): the Edge runtime refuses to compile
// wasm from bytes, so the module is imported as a WebAssembly.Module (`.wasm?module`, as Vercel
// and Next.js bundle Edge functions) and instantiated at once; nothing else runs at load.
import { initSync } from './snowplow_tracker_wasm.js';
import wasmModule from './snowplow_tracker_wasm_bg.wasm?module';

initSync({ module: wasmModule });

export * from './api.js';
