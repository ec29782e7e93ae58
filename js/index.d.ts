// Types of snowplow-tracker-wasm: the classes and every options interface.
export { Tracker, Emitter, Subject } from './snowplow_tracker_wasm.js';
export type {
  CartOptions, CommonOptions, EmitterLike, EmitterOptions, FormChangeOptions, FormElement, FormInputType,
  FormSubmitOptions, LinkClickOptions, MobileScreenViewOptions, PagePingOptions, PageViewOptions,
  ScreenViewOptions, SelfDescribingEventOptions, SelfDescribingJson, SiteSearchOptions, StructEventOptions,
  TrackedEvent, TrackerOptions, TransactionItem, TransactionOptions,
} from './snowplow_tracker_wasm.js';
