// The public API of the browser build: Queues and Redis (server-side only) are left out.
import { Tracker, Emitter, AsyncEmitter, Subject } from './snowplow_tracker_wasm_web.js';
import { chainSetters } from './chain.js';

chainSetters(Subject);

export { Tracker, Emitter, AsyncEmitter, Subject };
