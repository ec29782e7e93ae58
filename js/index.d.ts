// Types of snowplow-tracker-wasm: the classes and every options interface.
export { Tracker, Emitter, AsyncEmitter, QueueEmitter, RedisEmitter, Subject, forwardQueueBatch, drainRedis } from './snowplow_tracker_wasm.js';
export type {
  AsyncEmitterOptions, DrainResult, ForwardResult, QueueEmitterOptions, QueueProducer, RedisClientLike, CartOptions, CommonOptions, EmitterLike, EmitterOptions, FailureInfo, FlushResult, FormChangeOptions, FormElement, FormInputType,
  FormSubmitOptions, LinkClickOptions, MobileScreenViewOptions, PagePingOptions, PageViewOptions,
  ScreenViewOptions, SelfDescribingEventOptions, SelfDescribingJson, SiteSearchOptions, StructEventOptions,
  TrackedEvent, TrackerOptions, TransactionItem, TransactionOptions,
} from './snowplow_tracker_wasm.js';
