//! TypeScript declarations of every options object (the method signatures refer to them).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A `{schema, data}` pair: a context entity or a self-describing event. */
export interface SelfDescribingJson {
  /** Iglu URI of the data's schema, e.g. `iglu:com.acme/event/jsonschema/1-0-0`. */
  schema: string;
  /** The data; serialised with `JSON.stringify`. */
  data: unknown;
}

/** Options every track method accepts. */
export interface CommonOptions {
  /** Context entities, sent in a contexts 1-0-1 envelope (`cx` base64, or `co`). */
  context?: SelfDescribingJson[];
  /** True timestamp in ms (`ttm`); fractions are truncated. */
  trueTimestamp?: number;
  /** A subject for this event only; its set fields override the tracker's subject. */
  subject?: Subject;
}

/** `trackPageView` (`e=pv`). */
export interface PageViewOptions extends CommonOptions {
  /** `url`: required, except in a page (which gives its own). */ pageUrl?: string;
  /** `page`. */ pageTitle?: string;
  /** `refr`. */ referrer?: string;
}

/** `trackPagePing` (`e=pp`). */
export interface PagePingOptions extends PageViewOptions {
  /** `pp_mix`. */ minX?: number;
  /** `pp_max`. */ maxX?: number;
  /** `pp_miy`. */ minY?: number;
  /** `pp_may`. */ maxY?: number;
}

/** `trackStructEvent` (`e=se`). */
export interface StructEventOptions extends CommonOptions {
  /** `se_ca`, required. */ category: string;
  /** `se_ac`, required. */ action: string;
  /** `se_la`. */ label?: string;
  /** `se_pr`. */ property?: string;
  /** `se_va`. */ value?: number;
}

/** `trackSelfDescribingEvent` (`e=ue`, `ue_px`/`ue_pr`). */
export interface SelfDescribingEventOptions extends CommonOptions {
  /** The event: schema and data. */ event: SelfDescribingJson;
}

/** `trackScreenView` (snowplow/screen_view 1-0-0): at least one of name and id. */
export interface ScreenViewOptions extends CommonOptions {
  name?: string;
  id?: string;
}

/** `trackMobileScreenView` (mobile/screen_view 1-0-0). */
export interface MobileScreenViewOptions extends CommonOptions {
  /** Screen name, required. */ name: string;
  /** A UUID; generated when absent. */ id?: string;
  type?: string;
  previousName?: string;
  /** A UUID. */ previousId?: string;
  previousType?: string;
  transitionType?: string;
}

/** `trackLinkClick` (link_click 1-0-1). */
export interface LinkClickOptions extends CommonOptions {
  /** Required. */ targetUrl: string;
  elementId?: string;
  elementClasses?: string[];
  elementTarget?: string;
  elementContent?: string;
}

/** `trackAddToCart` / `trackRemoveFromCart` (add_to_cart / remove_from_cart 1-0-0). */
export interface CartOptions extends CommonOptions {
  /** Required. */ sku: string;
  /** Required. */ quantity: number;
  name?: string;
  category?: string;
  unitPrice?: number;
  currency?: string;
}

/** An HTML input type, as the form schemas allow. */
export type FormInputType = "button" | "checkbox" | "color" | "date" | "datetime" | "datetime-local" | "email" | "file" | "hidden" | "image" | "month" | "number" | "password" | "radio" | "range" | "reset" | "search" | "submit" | "tel" | "text" | "time" | "url" | "week";

/** `trackFormChange` (change_form 1-0-0). */
export interface FormChangeOptions extends CommonOptions {
  /** Required. */ formId: string;
  /** Required (may be empty). */ elementId: string;
  nodeName: "INPUT" | "TEXTAREA" | "SELECT";
  /** The new value; `null` is sent as null. */ value: string | null;
  /** Compared case-insensitively, sent in lower case. */ type?: FormInputType;
  elementClasses?: string[];
}

/** One element of `trackFormSubmit`. */
export interface FormElement {
  name: string;
  value: string | null;
  nodeName: "INPUT" | "TEXTAREA" | "SELECT";
  type?: FormInputType;
}

/** `trackFormFocus` (focus_form 1-0-0). */
export interface FormFocusOptions extends CommonOptions {
  /** The form's id (may be empty). */ formId: string;
  /** The field's id or name (may be empty). */ elementId: string;
  nodeName: "INPUT" | "TEXTAREA" | "SELECT";
  /** The field's value (`null` when left out). */ value?: string | null;
  /** An HTML input type, sent in lower case as `elementType`. */ type?: FormInputType;
  elementClasses?: string[];
}

/** `trackButtonClick` (button_click 1-0-0). */
export interface ButtonClickOptions extends CommonOptions {
  /** The button's text, or your own label (non-empty). */ label: string;
  id?: string;
  classes?: string[];
  name?: string;
}

/** `trackError` (application_error 1-0-1, `programmingLanguage` "JAVASCRIPT"), as the browser-tracker error plugin's `trackError`. */
export interface ErrorOptions extends CommonOptions {
  /** Cut to 2048 characters. */ message: string;
  /** `fileName`, cut to 1024 characters. */ filename?: string;
  /** `lineNumber` (an integer ≥ 0). */ lineno?: number;
  /** `lineColumn` (an integer ≥ 0). */ colno?: number;
  /** The error: its `stack` is sent as `stackTrace`, cut to 8192 characters. */ error?: Error | { stack?: string };
}

/** `trackFormSubmit` (submit_form 1-0-0). */
export interface FormSubmitOptions extends CommonOptions {
  /** Required. */ formId: string;
  formClasses?: string[];
  /** An empty array is omitted. */ elements?: FormElement[];
}

/** `trackSiteSearch` (site_search 1-0-0). */
export interface SiteSearchOptions extends CommonOptions {
  /** At least one term. */ terms: string[];
  filters?: Record<string, string | boolean>;
  /** Integer ≥ 0. */ totalResults?: number;
  /** Integer ≥ 0. */ pageResults?: number;
}

/** One item of `trackEcommerceTransaction` (`e=ti`). */
export interface TransactionItem {
  /** `ti_sk`, required. */ sku: string;
  /** `ti_pr`, required. */ price: number;
  /** `ti_qu`, required. */ quantity: number;
  /** `ti_nm`. */ name?: string;
  /** `ti_ca`. */ category?: string;
}

/** `trackEcommerceTransaction` (`e=tr`). */
export interface TransactionOptions extends CommonOptions {
  /** `tr_id`, required. */ orderId: string;
  /** `tr_tt`, required. */ totalValue: number;
  /** `tr_af`. */ affiliation?: string;
  /** `tr_tx`. */ taxValue?: number;
  /** `tr_sh`. */ shipping?: number;
  /** `tr_ci`. */ city?: string;
  /** `tr_st`. */ state?: string;
  /** `tr_co`. */ country?: string;
  /** `tr_cu` and each item's `ti_cu`. */ currency?: string;
  items?: TransactionItem[];
}

/** The `client_session` 1-0-2 data. */
export interface ClientSession {
  userId: string; sessionId: string; eventIndex: number; sessionIndex: number; previousSessionId: string | null;
  storageMechanism: "COOKIE_1" | "LOCAL_STORAGE"; firstEventId: string | null; firstEventTimestamp: string | null;
}

/** An event as custom emitters receive it: protocol field names to string values. */
export type TrackedEvent = Record<string, string>;

/** What a global context's generator or filter is handed (as tracker-core hands it). */
export interface ContextEvent {
  /** The event's fields as built, without its contexts and self-describing event. */
  event: TrackedEvent;
  /** `e`: "pv", "se", "ue"… */
  eventType: string;
  /** The self-describing event's schema; `""` for page views, structured events and the rest. */
  eventSchema: string;
}

/** Makes entities for an event; `undefined` for none. */
export type ContextGenerator = (args: ContextEvent) => SelfDescribingJson | SelfDescribingJson[] | undefined | null;

/** Whether a conditional provider applies to an event (only `true` applies it). */
export type ContextFilter = (args: ContextEvent) => boolean;

/** Iglu URI globs such as `iglu:com.acme/page_view/jsonschema/1-*-*`, where a `*` stands for one whole part (the vendor `com.acme.*` matches `com.acme.shop`): a provider applies to events whose schema an `accept` rule matches (any, without `accept`) and no `reject` rule does. */
export interface RuleSet {
  accept?: string | string[];
  reject?: string | string[];
}

/** An entity or a generator. */
export type ContextPrimitive = SelfDescribingJson | ContextGenerator;

/** A global context provider: an entity, a generator, or a conditional `[filter | ruleset, provider(s)]`. */
export type GlobalContextProvider = ContextPrimitive | [ContextFilter | RuleSet, ContextPrimitive | ContextPrimitive[]];

/** What `addGlobalContexts` takes: providers, or named providers. */
export type GlobalContexts = GlobalContextProvider[] | Record<string, GlobalContextProvider>;

/** The payload builder a plugin's `beforeTrack` is handed (tracker-core's `PayloadBuilder`, without `build` and `withJsonProcessor`). */
export interface PayloadBuilder {
  /** Set a field (`null`, `undefined` and `""` are skipped); values are strings. */
  add(key: string, value: string | null | undefined): void;
  /** `add` for each member. */
  addDict(dict: Record<string, string | null | undefined>): void;
  /** Add a JSON document under `keyIfEncoded` (base64) or `keyIfNotEncoded`; a `cx` one's entities join the contexts. */
  addJson(keyIfEncoded: string, keyIfNotEncoded: string, json: Record<string, unknown>): void;
  /** Add a context entity. */
  addContextEntity(entity: SelfDescribingJson): void;
  /** The fields (changes made to this object count). */
  getPayload(): Record<string, unknown>;
  /** The JSON entries: the self-describing event's (`ue_px`), then the contexts (`cx`). */
  getJson(): { keyIfEncoded: string; keyIfNotEncoded: string; json: Record<string, unknown> }[];
}

/** A plugin (`tracker.addPlugin`): any of the four hooks, each synchronous. */
export interface TrackerPlugin {
  /** Entities for every event, before the global contexts. */
  contexts?(): SelfDescribingJson[];
  /** Change the event before it is checked and sent. */
  beforeTrack?(builder: PayloadBuilder): void;
  /** `false` (or a throw) drops the event. */
  filter?(payload: TrackedEvent): boolean;
  /** Called with each event once it is handed to the emitters. */
  afterTrack?(payload: TrackedEvent): void;
}

/** A `Request`, or anything with its `url` and `headers.get(name)` (Node's `IncomingMessage`: see the README's adapter). */
export interface RequestLike {
  url: string;
  headers: { get(name: string): string | null | undefined };
}

/** Anything a tracker can send to: an `Emitter`, or an object with `input(event)`. */
export type EmitterLike = Emitter | AsyncEmitter | QueueEmitter | RedisEmitter | { input(event: TrackedEvent): void; flush?(): void | Promise<void> };

/** What a blocking `flush()` / `close()` resolves to. */
export interface FlushResult {
  /** Events delivered (2xx). */ sent: number;
  /** Events refused for good: a non-retry status, retries exhausted, 413 for one event. */ failed: number;
  /** Events still buffered or in flight when `flushTimeout` ran out; background retries go on. */ pending: number;
}

/** The third argument of `onFailure`. */
export interface FailureInfo {
  /** The HTTP status, 0 when there was none (network error, timeout, capacity). */ status: number;
  /** Why the events were not delivered. */ reason: "http" | "network" | "timeout" | "capacity" | "too-large";
  /** Whether the unsent events will be retried. */ willRetry: boolean;
}

/** What `onRequestSuccess` gets: one request that was delivered. */
export interface RequestSuccess {
  /** Its events, as sent (`stm` included). */ events: TrackedEvent[];
  /** The HTTP status (2xx). */ status: number;
  /** "GET" or "POST" (a GET event too large for a URL goes as a POST). */ method: "GET" | "POST";
  /** Bytes of the body (POST) or of the URL (GET). */ bytes: number;
  /** Which attempt this was for its events (1 for a first send). */ attempt: number;
}

/** What `onRequestFailure` gets: one request that failed. */
export interface RequestFailure extends RequestSuccess {
  /** Why it failed. */ reason: "http" | "network" | "timeout" | "too-large";
  /** Whether its events will be sent again. */ willRetry: boolean;
}

/**
 * Your own store for an emitter's queue (`eventStore`): one text item per event, named
 * `<key>:<eid>` (the key is `snowplow-wasm:<POST URL>[:<storageKey>]`), so one store may serve
 * several emitters. Methods may return promises; calls are made in order and must take effect in
 * that order. A refused write (a throw or a rejection) is tried again on the next write and the
 * event stays in memory meanwhile (warned once until a write succeeds); a refused removal is
 * tried again too. `load` runs when the emitter is created and every 30 s (claims of other tabs
 * or processes expire after 2 minutes).
 */
export interface EventStore {
  /** Every item stored and not removed, as `[name, text]` pairs (an array, a Map, any iterable). */
  load(): Iterable<[string, string]> | Promise<Iterable<[string, string]>>;
  /** Store `text` as item `name`, replacing any item of that name. */
  add(name: string, text: string): void | Promise<void>;
  /** Remove item `name`. */
  remove(name: string): void | Promise<void>;
}

/** A Cloudflare Queues producer binding (`env.MY_QUEUE`). */
export interface QueueProducer {
  sendBatch?(messages: Iterable<{ body: unknown }>): Promise<void>;
  send?(body: unknown): Promise<void>;
}

/** What `forwardQueueBatch` resolves to: the emitter's flush result plus the messages acked and retried. */
export interface ForwardResult extends FlushResult { acked: number; retried: number }

/** A node-redis, ioredis or @upstash/redis client (only the commands used are listed). */
export type RedisClientLike = object;

/** What `drainRedis` resolves to. */
export interface DrainResult {
  /** Events delivered and removed from Redis. */ sent: number;
  /** Events put back at the head of the list (the collector did not accept them). */ requeued: number;
  /** Values that were not events, removed and reported. */ invalid: number;
  /** Events the collector refused for good, moved to the dead-letter list. */ dead: number;
}

"#;
