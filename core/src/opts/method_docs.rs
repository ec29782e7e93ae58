//! How the methods that cross as one call (`call(index, message)` of the module's class) are
//! declared in TypeScript: for each class, in the order of its [`super::METHODS`] entry, the
//! parameter list, the return type and the doc. Read by `src/bin/gen.rs` only, so the shipped
//! module does not carry them.

/// One method's TypeScript: parameters, return type, doc.
pub type MethodDoc = (&'static str, &'static str, &'static str);

const VALUE: &str = "value: string | null";

/// The classes whose methods the facade defines from [`super::METHODS`], with their docs.
pub static METHOD_DOCS: &[(&str, &[MethodDoc])] = &[
    ("", MODULE),
    ("Tracker", TRACKER),
    ("Emitter", EMITTER),
    ("AsyncEmitter", EMITTER),
    (
        "Subject",
        &[
            (VALUE, "Subject", "User id (`uid`)."),
            (VALUE, "Subject", "Time zone (`tz`), e.g. `\"Europe/London\"`."),
            (VALUE, "Subject", "Language (`lang`), e.g. `\"en-GB\"`."),
            (VALUE, "Subject", "Domain user id (`duid`)."),
            (VALUE, "Subject", "Domain session id (`sid`)."),
            (VALUE, "Subject", "IP address (`ip`)."),
            (VALUE, "Subject", "User agent (`ua`)."),
            (VALUE, "Subject", "Network user id (`tnuid`)."),
            (
                "platform: \"pc\" | \"tv\" | \"mob\" | \"cnsl\" | \"iot\" | \"web\" | \"srv\" | \"app\" | null",
                "Subject",
                "Platform (`p`); `null` restores the runtime default (`web` in browsers, `srv` in Workers and Node).",
            ),
            ("width: number, height: number", "Subject", "Screen resolution (`res`, `\"WxH\"`); integers from 1 to 2147483647."),
            ("width: number, height: number", "Subject", "Viewport (`vp`, `\"WxH\"`); integers from 1 to 2147483647."),
            ("depth: number | null", "Subject", "Colour depth (`cd`), an integer from 0 to 2147483647."),
            ("index: number | null", "Subject", "Domain session index (`vid`), an integer from 0 to 2147483647."),
            (
                "request: RequestLike, options?: RequestSubjectOptions",
                "Subject",
                "Node and workerd build: set what an HTTP request tells of its user, each only when well formed: `duid` and `vid` from sp.js's `_sp_id` cookie, `sid` while its `_sp_ses` cookie is present, `tnuid` from the collector's cookie, `ip` (`CF-Connecting-IP` in workerd, else only the header named in `ipHeader`), `ua` and `lang` (the first `Accept-Language` tag). `Subject.fromRequest(request, options)` is `new Subject().setFromRequest(request, options)`.",
            ),
            (
                "request: RequestLike, options?: IdentityCookieOptions",
                "string | null",
                "Node and workerd build: set what the request tells of its user (as `setFromRequest`) and return the `Set-Cookie` header value that re-issues its sp.js `_sp_id` cookie from the server (same name, value, `Domain`, `Path=/`, `SameSite` and `Secure` as the browser build writes; `Max-Age` = `cookieLifetime`; not `HttpOnly`), or a new one with `create`; `null` when there is nothing valid to extend, or the request carries `Sec-GPC: 1` or `DNT: 1`. `identityCookie(request, options)` is this on a new Subject.",
            ),
        ],
    ),
    (
        "QueueEmitter",
        &[
            (
                "isAsync?: boolean",
                "Promise<FlushResult | undefined>",
                "Send everything buffered to the queue; resolves to `{sent, failed, pending}` as an `Emitter`'s flush does (`flush(true)`: start and resolve at once).",
            ),
            ("", "number", "Events buffered, waiting to be sent or retried."),
        ],
    ),
    (
        "RedisEmitter",
        &[
            ("event: TrackedEvent", NOTHING, "Append an event object (as trackers and callbacks hand them out) to the list."),
            ("", "Promise<void>", "Nothing to flush: events are in Redis once `input` returns (the RPUSH may still be on its way). Resolves at once."),
        ],
    ),
];

const NOTHING: &str = "void";

/// The module's own functions (`call(0, index, message)`), in the order of its `METHODS` entry.
const MODULE: &[MethodDoc] = &[
    (
        "level: \"warn\" | \"error\" | \"off\"",
        NOTHING,
        "How much the module writes to the console, for the whole module: `\"warn\"` (the default: warnings and errors), `\"error\"` (errors only) or `\"off\"` (nothing). Callbacks still get every failure.",
    ),
    (
        "bytes: number",
        NOTHING,
        "Bound the bytes of events (as sent) that all emitters together hold, buffered or in flight (default 64 MiB, at most 1 GiB); beyond it new events are refused and reported like a full buffer. It can be set once per module, best before the first emitter.",
    ),
    (
        "client: RedisClientLike, key: string, emitter: Emitter | AsyncEmitter, options?: DrainOptions",
        "Promise<DrainResult>",
        "Move the events a `RedisEmitter` stored under `key` to a collector through `emitter`, in batches (`{ batch = 100, deadLetterKey = \"<key>:dead\" }`): each batch is moved atomically (LMOVE) to `<key>:processing`, sent and flushed. Delivered events are removed; events the collector refused for good (a status not retried, or out of retries) move to the dead-letter list as `{\"reason\", \"status\", \"event\"}`; events still pending go back to the head of `key`, in order, and only they stop the drain. Leftovers of a crashed drain are put back first. Values that are not events (or not text) are removed and reported. Resolves to `{sent, requeued, invalid, dead}`; rejects with what the client threw or rejected with when a command fails.\n\nServer side only (Node and Workers): the browser build does not include it.",
    ),
    (
        "batch: { messages: readonly { body: unknown; ack(): void; retry(): void }[] }, emitter: Emitter | AsyncEmitter",
        "Promise<ForwardResult>",
        "For a Worker's `queue(batch, env, ctx)` handler: feeds the messages' events (as `QueueEmitter` sent them) into `emitter`, flushes it, then `ack()`s each message whose event was delivered and `retry()`s the others (a message that is not an event is reported and retried). Resolves to `{acked, retried, sent, failed, pending}`.\n\nServer side only (Node and Workers): the browser build does not include it.",
    ),
];

/// A class kept by handle, in TypeScript: its name, constructor parameters, class doc and
/// constructor doc.
pub type ClassDoc = (&'static str, &'static str, &'static str, &'static str);

/// Each of [`super::HANDLE_CLASSES`], in its order.
pub static CLASS_DOCS: &[ClassDoc] = &[
    (
        "Tracker",
        "emitters: EmitterLike | EmitterLike[], options?: TrackerOptions",
        "Builds Snowplow events and sends each to every one of its emitters, in order.",
        "A tracker sending to `emitters` (one or a non-empty array of `Emitter`s or objects with an `input(event)` method).",
    ),
    (
        "Emitter",
        "endpoint: string, options?: EmitterOptions",
        "Sends events to a Snowplow collector with `fetch`: one GET per event to `/i`, or POST batches to `/com.snowplowanalytics.snowplow/tp2`. At most one request is in flight, in order (as a page is left, `keepalive` requests may go beside it); failures are retried with exponential backoff and reported to the callbacks.",
        EMITTER_CONSTRUCTOR,
    ),
    (
        "AsyncEmitter",
        "endpoint: string, options?: AsyncEmitterOptions",
        "An `Emitter` that keeps up to `threadCount` requests in flight at once; `track()` never waits for the network (no emitter does). One backoff state per emitter.",
        EMITTER_CONSTRUCTOR,
    ),
    (
        "Subject",
        "",
        "Who the events are about: platform, user, device and session fields.\n\nSetters are chainable and return the same object. A tracker given a subject sees its later changes. Passing `null`, `undefined` or `\"\"` to a setter clears that field.",
        "A subject with no field set.",
    ),
    (
        "QueueEmitter",
        "queue: QueueProducer, options?: QueueEmitterOptions",
        "Hands events to a Cloudflare Queues producer binding, one message per event, in batches within the Queues limits (100 messages and 256 KB per batch, 128 KB per message). Like the Python tracker's CeleryEmitter it has no callbacks: a failed `sendBatch` keeps the events buffered and retries them with backoff, reported with `console.warn`.\n\nServer side only (Node and Workers): the browser build does not include it.",
        "An emitter for `queue`, the producer binding of a Worker (`env.MY_QUEUE`).",
    ),
    (
        "RedisEmitter",
        "client: RedisClientLike, key?: string",
        "Stores each event in a Redis list (`RPUSH key <JSON>`), for `drainRedis` to send later. Works with node-redis (`rPush`) and ioredis (`rpush`) clients; `flush()` does nothing.\n\nServer side only (Node and Workers): the browser build does not include it.",
        "A Redis emitter appending to the list `key` (default `\"snowplow\"`).",
    ),
];

const EMITTER_CONSTRUCTOR: &str =
    "An emitter for the collector at `endpoint` (`host[:port][/path]` or an `http(s)://` URL). Throws a `TypeError`/`RangeError` naming the first invalid option.";

/// The Tracker's methods, in the order of its `METHODS` entry.
const TRACKER: &[MethodDoc] = &[
    (
        "isAsync?: boolean",
        "Promise<FlushResult | undefined>",
        "Flush every emitter: the Python tracker's blocking flush. Sends everything buffered now, waits for requests in flight and retries failures on the backoff schedule until every event buffered or in flight at the call is delivered or refused for good, or each emitter's `flushTimeout` runs out. Resolves to `{sent, failed, pending}` summed over the emitters (this is what makes `ctx.waitUntil(tracker.flush())` a delivery guarantee in Workers). `flush(true)` starts sending and resolves to `undefined` at once.",
    ),
    ("subject: Subject | null", NOTHING, "Replace the subject; `null` removes it (`p` then falls back to the runtime default)."),
    (
        VALUE,
        NOTHING,
        "Set the user id (`uid`) on the tracker's subject, creating one if it has none; `null` clears it. A per-event subject's user id still wins.",
    ),
    (
        VALUE,
        NOTHING,
        "In a page: report this URL (`url`; a relative one is taken against the page's URL) instead of the page's own; `null` goes back to it. An event's own `pageUrl` still wins.",
    ),
    (VALUE, NOTHING, "In a page: report this referrer (`refr`) instead of the page's own; `null` goes back to it."),
    (VALUE, NOTHING, "In a page: report this title (`page`) instead of `document.title`; `null` goes back to it."),
    (
        "anonymousTracking?: boolean | AnonymousTrackingOptions",
        NOTHING,
        "In a page: stop identifying the user (no `duid`, `uid` or cookies; with `withSessionTracking`, the session is kept; with `withServerAnonymisation`, the tracker's emitters send `SP-Anonymous: *`). The argument as the `anonymousTracking` option; none: `true`.",
    ),
    (
        "options?: ClearUserDataOptions",
        NOTHING,
        "In a page: remove the stored user and session (cookies and localStorage) and the tracker subject's user id; the next event starts a new user and session, unless `preserveUser` / `preserveSession`.",
    ),
    (
        "options: ActivityTrackingOptions",
        NOTHING,
        "In a page (elsewhere it checks its options and does nothing): send page pings while the user is active: the first check `minimumVisitLength` seconds after the next page view, then one every `heartbeatDelay` seconds; each pings only if the user was active (mouse, keys, scroll, touch, the page shown) since the page view or the last check, with the scroll range since the last ping.",
    ),
    (
        "options: ActivityTrackingCallbackOptions",
        NOTHING,
        "As `enableActivityTracking`, but each ping calls `callback({ pageViewId, minXOffset, maxXOffset, minYOffset, maxYOffset, context })`; both variants may be on at once.",
    ),
    ("emitter: EmitterLike", NOTHING, "Add an emitter (an `Emitter` or an object with `input(event)`); it gets later events."),
    ("", "Promise<FlushResult>", "A final flush of every emitter, then their timers stopped; resolves to the summed `{sent, failed, pending}`."),
    (
        "",
        NOTHING,
        "In a page: start a new session now (`vid` + 1, the previous session remembered), stored and reported to `onSessionUpdateCallback`. Elsewhere it does nothing.",
    ),
    ("", NOTHING, "In a page: identify the user again (the stored user id, or a new one)."),
    ("", NOTHING, "Stop the page pings of `enableActivityTracking`."),
    ("", NOTHING, "Stop the callback of `enableActivityTrackingCallback`."),
    ("", NOTHING, "Count the user as active now (for activity the page sees and the tracker does not)."),
    (
        "contexts: GlobalContexts",
        NOTHING,
        "Add global contexts (as tracker-core's `addGlobalContexts`): entities attached to every event they apply to. Each provider is a `{schema, data}` entity, a generator `(args) => entity | entity[] | undefined`, or a conditional `[filter | ruleset, provider | provider[]]`; an object adds named ones (a name added again replaces its provider). A TypeError names what is not a provider (nothing is added then). A generator or filter that throws or answers wrongly is skipped for that event, with one `console.warn` per provider.",
    ),
    (
        "contexts: (GlobalContextProvider | string)[]",
        NOTHING,
        "Remove global contexts: a name removes the named providers of that name; a provider removes the unnamed ones equal to it (functions compared by identity, data by value).",
    ),
    ("", NOTHING, "Remove every global context."),
    (
        "plugin: TrackerPlugin",
        NOTHING,
        "Add a plugin: `contexts()`, `beforeTrack(builder)`, `filter(payload)`, `afterTrack(payload)`, called synchronously in tracker-core's order (built → plugin contexts → global contexts → beforeTrack → filter → sent → afterTrack). A `filter` that returns `false` or throws drops the event (its `track()` returns `\"\"`).",
    ),
];

/// The emitters' methods, in the order of their `METHODS` entry.
const EMITTER: &[MethodDoc] = &[
    (
        "isAsync?: boolean",
        "Promise<FlushResult | undefined>",
        "Send everything buffered now, unless the emitter is backing off (no flush ends a backoff: the events then go when it ends). By default waits until every event buffered or in flight at the call is delivered or refused for good, retrying on the backoff schedule, or until `flushTimeout` runs out, and resolves to `{sent, failed, pending}`. `flush(true)` starts sending and resolves at once.",
    ),
    (
        "event: TrackedEvent",
        "boolean",
        "Buffer an event object exactly as the callbacks hand it out (its `eid` is kept, its `stm` replaced). An event whose `eid` is already buffered or in flight is not added twice; returns whether it was added.",
    ),
    (
        "seconds: number",
        NOTHING,
        "Flush every `seconds` (fractions allowed); calling it again replaces the interval. The timer never keeps a Node process alive by itself.",
    ),
    ("", NOTHING, "Stop the flush timer; calling it again does nothing."),
    ("", "Promise<FlushResult>", "A final blocking flush, then every timer stopped. Resolves to `{sent, failed, pending}`."),
    ("", "number", "Events buffered: waiting to be sent or retried, not counting those in flight."),
];
