// Node ≥ 20 entry: the wasm bytes are read from disk and compiled synchronously at import.
import { readFileSync } from 'node:fs';
import { initSync } from './snowplow_tracker_wasm.js';

initSync({ module: readFileSync(new URL('./snowplow_tracker_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
