// The public API shared by every runtime entry: the wasm-bindgen classes, with the Subject's
// setters returning the very object they were called on (wasm-bindgen cannot return `this`).
import { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis } from './snowplow_tracker_wasm.js';

for (const name of Object.getOwnPropertyNames(Subject.prototype)) {
  const set = Object.getOwnPropertyDescriptor(Subject.prototype, name).value;
  if (!name.startsWith('set') || typeof set !== 'function') continue;
  Object.defineProperty(Subject.prototype, name, {
    value: function (...args) { set.apply(this, args); return this; },
    writable: true,
    configurable: true,
  });
}

export { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis };
