// The public API of the Node and workerd build: every class, Queues and Redis included.
import { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis } from './snowplow_tracker_wasm.js';
import { chainSetters } from './chain.js';

chainSetters(Subject);

export { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis };
