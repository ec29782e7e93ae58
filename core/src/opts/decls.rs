//! The declared option sets: every emitter option once, with its TypeScript type and doc. The
//! `declare!` macro splits each table in two: names and kinds (read at run time) and types and
//! docs (read by `src/bin/gen.rs` only, so the shipped module does not carry them).

use super::{Decl, Kind, Set};

/// `name kind ts doc;` rows → a `Set` `$set` and its docs `$docs`.
macro_rules! declare {
    ($set:ident, $docs:ident, $name:literal, $doc:literal, $extends:expr, [$($n:literal $k:expr, $ts:literal $d:literal;)*]) => {
        #[doc = $doc]
        pub static $set: Set = Set { name: $name, extends: $extends, decls: &[$(Decl { name: $n, kind: $k }),*] };
        #[doc = concat!("The doc of [`", stringify!($set), "`] and the TypeScript types and docs of its own options, in order.")]
        pub static $docs: SetDocs = ($doc, &[$(($ts, $d)),*]);
    };
}

declare!(EMITTER, EMITTER_DOCS, "EmitterOptions", "`new Emitter(endpoint, options)`.", None, [
    "protocol" Kind::Str, "\"http\" | \"https\""
        "Used when the endpoint has no scheme. Default \"https\".";
    "port" Kind::Num, "number"
        "Port, 1–65535; not allowed when the endpoint already has one.";
    "method" Kind::Str, "\"get\" | \"post\""
        "\"get\": one event per request to /i; \"post\": batches. Default \"post\".";
    "bufferSize" Kind::Num, "number"
        "Flush when this many events are buffered. Default 1 for get, 10 for post.";
    "byteLimit" Kind::Num, "number"
        "Flush when the buffered events take this many UTF-8 bytes as sent; each request stays within it unless one event alone is larger. Default 40000.";
    "requestTimeout" Kind::Timeout, "number | [number, number]"
        "Seconds, or [connect, read]: the wait for the status, then for the body. Default 5. A timeout is a failed attempt.";
    "onSuccess" Kind::Function, "(events: TrackedEvent[]) => void"
        "Called once per flush round in which every request succeeded, with the events sent (`stm` included).";
    "onFailure" Kind::Function, "(successCount: number, unsentEvents: TrackedEvent[], info: FailureInfo) => void"
        "Called once per flush round in which a request failed: events delivered in that round, the events not delivered, and why.";
    "onRequestSuccess" Kind::Function, "(request: RequestSuccess) => void"
        "Called after every request that was delivered (flush rounds may take several).";
    "onRequestFailure" Kind::Function, "(request: RequestFailure) => void"
        "Called after every request that failed, with why and whether its events will be retried.";
    "bufferCapacity" Kind::Num, "number"
        "Most events held; further ones are refused and reported (reason \"capacity\"). Default 10000.";
    "bufferCapacityBytes" Kind::Num, "number"
        "Most bytes of events held, buffered or in flight, as sent; further events are refused and reported (reason \"capacity\"). Default 16 MiB; 2 MiB with a localStorage queue.";
    "maxRetryDelaySeconds" Kind::Num, "number"
        "Cap of the exponential backoff, seconds. Default 60.";
    "customRetryCodes" Kind::Flags, "Record<number, boolean>"
        "Status → retry or not, overriding the defaults (2xx is never retried).";
    "maxRetries" Kind::Num, "number"
        "Retries after the first attempt; default unlimited; 0 = never retry.";
    "flushTimeout" Kind::Num, "number"
        "Seconds a blocking flush keeps retrying before it resolves with `pending` events. Default 10.";
    "postPath" Kind::Str, "string"
        "POST path. Default \"/com.snowplowanalytics.snowplow/tp2\".";
    "customHeaders" Kind::Texts, "Record<string, string>"
        "Headers added to every request.";
    "fetch" Kind::Function, "(url: string, init: RequestInit) => Promise<Response>"
        "A fetch to use instead of the global one (e.g. a Worker service binding's).";
    "eventStore" Kind::NameOrObject, "\"localStorage\" | \"indexedDB\" | \"memory\" | EventStore"
        "Where the queue lives: stored (\"localStorage\", the default in pages; \"indexedDB\", the default in browser workers; or your own `EventStore`), so events survive reloads, crashes and closed tabs, or \"memory\" (the default outside browsers).";
    "storageKey" Kind::Str, "string"
        "Tells the stored queues of two emitters of one page, on the same collector, apart.";
]);

declare!(
    ASYNC_EMITTER,
    ASYNC_EMITTER_DOCS,
    "AsyncEmitterOptions",
    "`new AsyncEmitter(endpoint, options)`: every Emitter option plus `threadCount`.",
    Some(&EMITTER),
    [
    "threadCount" Kind::Num, "number"
        "Requests in flight at once. Default 1.";
]);

declare!(TRACKER, TRACKER_DOCS, "TrackerOptions", "`new Tracker(emitters, options)`. The web options (from `stateStorageStrategy` on) act in a page only (browser build); elsewhere they are checked and ignored. Names and defaults as sp.js 4.x.", None, [
    "namespace" Kind::Str, "string"
        "`tna`; omitted when absent or empty.";
    "appId" Kind::Str, "string"
        "`aid`; omitted when absent or empty.";
    "encodeBase64" Kind::Bool, "boolean"
        "Base64 contexts and self-describing events (`cx`, `ue_px`) or plain JSON (`co`, `ue_pr`). Default true.";
    "subject" Kind::Object(SUBJECT_EXPECTED), "Subject | null"
        "The tracker's subject; later changes to it are seen.";
    "maxEventBytes" Kind::Num, "number"
        "Largest event in bytes of its JSON as sent; a larger one is a RangeError at track(). Default 1000000.";
    "stateStorageStrategy" Kind::Str, "\"cookieAndLocalStorage\" | \"cookie\" | \"localStorage\" | \"none\""
        "Where the user and session are kept; \"none\" and \"cookie\" also keep emitters' queues in memory (unless their `eventStore` is set). Default \"cookieAndLocalStorage\".";
    "cookieName" Kind::Str, "string"
        "Cookie name prefix. Default \"_sp_\" (`_sp_id.<hash>`, `_sp_ses.<hash>`).";
    "cookieDomain" Kind::Str, "string"
        "Cookie domain; default: the root domain found as sp.js finds it (see `discoverRootDomain`).";
    "discoverRootDomain" Kind::Bool, "boolean"
        "Find the highest domain a cookie can be set on. Default true unless `cookieDomain` is given.";
    "cookieLifetime" Kind::Num, "number"
        "`_sp_id` lifetime, whole seconds (0: until the browser closes). Default 63072000 (2 years).";
    "sessionCookieTimeout" Kind::Num, "number"
        "A session ends after this many whole seconds without events. Default 1800.";
    "cookieSameSite" Kind::Str, "\"Strict\" | \"Lax\" | \"None\""
        "Default \"Lax\".";
    "cookieSecure" Kind::Bool, "boolean"
        "Default true (`Secure`: https pages only; set false on plain http).";
    "contexts" Kind::Bag(&WEB_CONTEXTS), "WebContextsOptions"
        "Entities added to every event: `web_page` (default true) and `client_session` (default false).";
    "onSessionUpdateCallback" Kind::Function, "(session: ClientSession) => void"
        "Called with the `client_session` data when a session starts (or `newSession()`).";
    "anonymousTracking" Kind::Switch(&ANONYMOUS, "a boolean or { withSessionTracking, withServerAnonymisation }"), "boolean | AnonymousTrackingOptions"
        "No user id, `duid` or identity cookies; `withSessionTracking` keeps the session, `withServerAnonymisation` sends `SP-Anonymous: *`.";
    "respectDoNotTrack" Kind::Bool, "boolean"
        "When the browser sends Do Not Track, track nothing and store nothing. Default false.";
]);

declare!(WEB_CONTEXTS, WEB_CONTEXTS_DOCS, "WebContextsOptions", "`TrackerOptions.contexts`: the entities a page adds to every event.", None, [
    "webPage" Kind::Bool, "boolean"
        "The `web_page` entity (the page view id). Default true.";
    "session" Kind::Bool, "boolean"
        "The `client_session` entity. Default false.";
]);

declare!(ANONYMOUS, ANONYMOUS_DOCS, "AnonymousTrackingOptions", "`anonymousTracking` as an object.", None, [
    "withSessionTracking" Kind::Bool, "boolean"
        "Keep the session (`sid`, `vid`, the session cookie) while anonymous.";
    "withServerAnonymisation" Kind::Bool, "boolean"
        "Ask the collector not to record the IP address and network user id (`SP-Anonymous: *`).";
]);

declare!(ACTIVITY, ACTIVITY_DOCS, "ActivityTrackingOptions", "`enableActivityTracking(options)`: whole seconds.", None, [
    "minimumVisitLength" Kind::Num, "number"
        "From the page view to the first check (≥ 0).";
    "heartbeatDelay" Kind::Num, "number"
        "Between later checks (≥ 1).";
]);

declare!(
    ACTIVITY_CALLBACK,
    ACTIVITY_CALLBACK_DOCS,
    "ActivityTrackingCallbackOptions",
    "`enableActivityTrackingCallback(options)`.",
    Some(&ACTIVITY),
    [
    "callback" Kind::Function, "(ping: { context: unknown[]; pageViewId?: string; minXOffset: number; maxXOffset: number; minYOffset: number; maxYOffset: number }) => void"
        "Called instead of sending a page ping.";
]);

declare!(CLEAR_USER_DATA, CLEAR_USER_DATA_DOCS, "ClearUserDataOptions", "`clearUserData(options)`.", None, [
    "preserveSession" Kind::Bool, "boolean"
        "Keep the session (`sid`, `vid`). Default false.";
    "preserveUser" Kind::Bool, "boolean"
        "Keep the user (`duid`, the subject's user id). Default false.";
]);

declare!(QUEUE, QUEUE_DOCS, "QueueEmitterOptions", "`new QueueEmitter(queue, options)`.", None, [
    "bufferSize" Kind::Num, "number"
        "Send once this many events are buffered. Default 10.";
    "byteLimit" Kind::Num, "number"
        "Bytes per batch, at most (and by default) 256000, the Queues limit.";
    "maxRetryDelaySeconds" Kind::Num, "number"
        "Cap of the backoff after a failed sendBatch, seconds. Default 60.";
    "flushTimeout" Kind::Num, "number"
        "Seconds a blocking flush keeps retrying. Default 10.";
]);

declare!(DRAIN, DRAIN_DOCS, "DrainOptions", "`drainRedis(client, key, emitter, options)`.", None, [
    "batch" Kind::Num, "number"
        "Events per batch. Default 100.";
    "deadLetterKey" Kind::Str, "string"
        "Where events refused for good go, as `{\"reason\", \"status\", \"event\"}`. Default `\"<key>:dead\"`.";
]);

declare!(REQUEST, REQUEST_DOCS, "RequestSubjectOptions", "`Subject.fromRequest(request, options)` / `subject.setFromRequest(request, options)` (Node and workerd build).", None, [
    "cookieDomain" Kind::Str, "string"
        "The `cookieDomain` sp.js was given; default: each parent domain of the request's host is tried, shortest first (a two-label host: itself).";
    "cookieName" Kind::Str, "string"
        "sp.js's cookie name prefix. Default \"_sp_\".";
    "networkUserIdCookie" Kind::Str, "string"
        "The collector's network user id cookie, read when the request carries it (the Worker serves the collector's domain). Default \"sp\".";
    "ipHeader" Kind::Bag(&IP_HEADER), "IpHeaderOptions"
        "Where the client address is: a header and how many of the site's own proxies append to it. Default: none, except `CF-Connecting-IP` in workerd.";
]);

declare!(IDENTITY_COOKIE, IDENTITY_COOKIE_DOCS, "IdentityCookieOptions", "`identityCookie(request, options)` / `subject.identityCookie(request, options)` (Node and workerd build): the cookie options as the browser build names them, and the request is read as `Subject.fromRequest` reads it.", Some(&REQUEST), [
    "discoverRootDomain" Kind::Bool, "boolean"
        "As the page's tracker has it: false (without `cookieDomain`) means host-only cookies, so only the host's own `_sp_id` is re-issued, without `Domain`. Default true.";
    "cookieLifetime" Kind::Num, "number"
        "The `Max-Age` of the cookie set, whole seconds; 0 makes a browser-session cookie. Default 63072000 (2 years; Chrome keeps at most 400 days).";
    "cookieSameSite" Kind::Str, "\"Strict\" | \"Lax\" | \"None\""
        "As the page's tracker has it. Default \"Lax\".";
    "cookieSecure" Kind::Bool, "boolean"
        "As the page's tracker has it. Default true.";
    "create" Kind::Bool, "boolean"
        "A request without an `_sp_id` gets a new one (a new `duid`, no session yet), which sp.js and the browser build continue. Its domain must be certain: `cookieDomain`, a host of two labels, or `discoverRootDomain: false`. Default false.";
    "respectPrivacySignals" Kind::Bool, "boolean"
        "A request with `Sec-GPC: 1` or `DNT: 1` gets no cookie, made or extended. Default true.";
]);

declare!(IP_HEADER, IP_HEADER_DOCS, "IpHeaderOptions", "`RequestSubjectOptions.ipHeader`.", None, [
    "name" Kind::Str, "string"
        "The header, e.g. \"X-Forwarded-For\" (a list, appended by each proxy) or \"Forwarded\" (RFC 7239).";
    "hops" Kind::Num, "number"
        "How many proxies of the site's own append to it: the client address is the entry that many places from the right. Default 1 (the last).";
]);

/// What `TrackerOptions.subject` must be.
pub const SUBJECT_EXPECTED: &str = "a Subject or null";

/// A set's doc and its own options' TypeScript types and docs (read by `src/bin/gen.rs` only).
pub type SetDocs = (&'static str, &'static [(&'static str, &'static str)]);

/// Every declared set with its docs, in the order the TypeScript declarations list them.
pub static SETS: &[(&Set, &SetDocs)] = &[
    (&EMITTER, &EMITTER_DOCS),
    (&ASYNC_EMITTER, &ASYNC_EMITTER_DOCS),
    (&TRACKER, &TRACKER_DOCS),
    (&WEB_CONTEXTS, &WEB_CONTEXTS_DOCS),
    (&ANONYMOUS, &ANONYMOUS_DOCS),
    (&ACTIVITY, &ACTIVITY_DOCS),
    (&ACTIVITY_CALLBACK, &ACTIVITY_CALLBACK_DOCS),
    (&CLEAR_USER_DATA, &CLEAR_USER_DATA_DOCS),
    (&QUEUE, &QUEUE_DOCS),
    (&DRAIN, &DRAIN_DOCS),
    (&REQUEST, &REQUEST_DOCS),
    (&IP_HEADER, &IP_HEADER_DOCS),
    (&IDENTITY_COOKIE, &IDENTITY_COOKIE_DOCS),
];

/// One constructor parameter: a value read as it is, or an options bag of a set.
#[derive(Debug, PartialEq, Eq)]
pub enum Param {
    /// A parameter that crosses as its JSON value (`endpoint`).
    Value(&'static str),
    /// A parameter read as an option of that kind is (functions and our objects kept).
    Option(Decl),
    /// A parameter the facade takes out when it is an object (`emitters`: ours or the user's),
    /// and what it takes: `"object"`, then the names of the functions to ask it for
    /// (`"object input"`), as [`Kind::takes`] words it.
    Held(&'static str, &'static str),
    /// An options bag read against a set (functions and host objects taken out by the facade).
    Bag(&'static str, &'static Set),
    /// Global context providers (an array, or an object of named ones): each function in a
    /// provider's places taken out by the facade, entities and rulesets crossing as data.
    Providers(&'static str),
}

/// `new Emitter(endpoint, options)` and `new AsyncEmitter(…)`: both read the `AsyncEmitter` set,
/// so that `threadCount` is named as an `AsyncEmitter` option.
pub static EMITTER_PARAMS: &[Param] = &[Param::Value("endpoint"), Param::Bag("options", &ASYNC_EMITTER)];

/// What the facade takes of a tracker's emitter: the object, and whether it has `input`.
const EMITTER_TAKES: &str = "object input";

/// `new Tracker(emitters, options)`.
pub static TRACKER_PARAMS: &[Param] = &[Param::Held("emitters", EMITTER_TAKES), Param::Bag("options", &TRACKER)];

/// `new QueueEmitter(queue, options)` (Node and workerd build).
pub static QUEUE_PARAMS: &[Param] = &[Param::Held("queue", "object sendBatch send"), Param::Bag("options", &QUEUE)];

/// `forwardQueueBatch(batch, emitter)` (Node and workerd build).
pub static FORWARD_PARAMS: &[Param] = &[Param::Held("batch", "object"), Param::Held("emitter", "object")];

/// `new RedisEmitter(client, key)` (Node and workerd build).
pub static REDIS_PARAMS: &[Param] = &[Param::Held("client", "object rPush rpush"), Param::Value("key")];

/// `drainRedis(client, key, emitter, options)` (Node and workerd build): what the facade asks of
/// the client are the commands' names as node-redis and ioredis spell them.
pub static DRAIN_PARAMS: &[Param] = &[
    Param::Held("client", "object lMove lRem rPush lmove lrem rpush"),
    Param::Value("key"),
    Param::Held("emitter", "object"),
    Param::Bag("options", &DRAIN),
];

/// The classes whose constructors cross as one message: JS name and parameters.
pub static CLASSES: &[(&str, &[Param])] = &[
    ("Emitter", EMITTER_PARAMS),
    ("AsyncEmitter", EMITTER_PARAMS),
    ("Tracker", TRACKER_PARAMS),
    ("QueueEmitter", QUEUE_PARAMS),
    ("RedisEmitter", REDIS_PARAMS),
];

/// The classes the module keeps by handle, in the order the facade names them to its `make`
/// export (the class's index here); the last two are the Node and workerd build's only.
pub static HANDLE_CLASSES: &[&str] = &["Tracker", "Emitter", "AsyncEmitter", "Subject", "QueueEmitter", "RedisEmitter"];

/// Declared methods JS reads as properties (getters), of whichever class declares them.
pub static GETTERS: &[&str] = &["bufferedCount"];

/// A parameter read as an option of kind `kind`.
const fn arg(name: &'static str, kind: Kind) -> Param {
    Param::Option(Decl { name, kind })
}

const STRING_VALUE: &[Param] = &[arg("value", Kind::Str)];
const IS_ASYNC: &[Param] = &[arg("isAsync", Kind::Bool)];
const DIMENSIONS: &[Param] = &[arg("width", Kind::Num), arg("height", Kind::Num)];

/// A method's name and parameters.
pub type Method = (&'static str, &'static [Param]);

/// The emitters' methods whose arguments cross as one message.
const EMITTER_METHODS: &[Method] = &[
    ("flush", IS_ASYNC),
    ("input", &[Param::Value("event")]),
    ("setFlushTimer", &[arg("seconds", Kind::Num)]),
    ("cancelFlushTimer", &[]),
    ("close", &[]),
    ("bufferedCount", &[]),
];

/// The methods whose arguments cross as one message, by class (the Tracker's track methods are
/// declared by core's event tables, `events::kinds::TRACKED`), and the module's functions
/// (class `""`).
pub static METHODS: &[(&str, &[Method])] = &[
    (
        "Tracker",
        &[
            ("flush", IS_ASYNC),
            ("setSubject", &[arg("subject", Kind::Object(SUBJECT_EXPECTED))]),
            ("setUserId", STRING_VALUE),
            ("setCustomUrl", STRING_VALUE),
            ("setReferrerUrl", STRING_VALUE),
            ("setDocumentTitle", STRING_VALUE),
            (
                "enableAnonymousTracking",
                &[arg("anonymousTracking", Kind::Switch(&ANONYMOUS, "a boolean or { withSessionTracking, withServerAnonymisation }"))],
            ),
            ("clearUserData", &[Param::Bag("options", &CLEAR_USER_DATA)]),
            ("enableActivityTracking", &[Param::Bag("options", &ACTIVITY)]),
            ("enableActivityTrackingCallback", &[Param::Bag("options", &ACTIVITY_CALLBACK)]),
            ("addEmitter", &[Param::Held("emitter", EMITTER_TAKES)]),
            ("close", &[]),
            ("newSession", &[]),
            ("disableAnonymousTracking", &[]),
            ("disableActivityTracking", &[]),
            ("disableActivityTrackingCallback", &[]),
            ("updatePageActivity", &[]),
            ("addGlobalContexts", &[Param::Providers("contexts")]),
            ("removeGlobalContexts", &[Param::Providers("contexts")]),
            ("clearGlobalContexts", &[]),
            ("addPlugin", &[Param::Held("plugin", crate::plugins::PLUGIN_TAKES)]),
        ],
    ),
    ("Emitter", EMITTER_METHODS),
    ("AsyncEmitter", EMITTER_METHODS),
    (
        "Subject",
        &[
            ("setUserId", STRING_VALUE),
            ("setTimezone", STRING_VALUE),
            ("setLang", STRING_VALUE),
            ("setDomainUserId", STRING_VALUE),
            ("setDomainSessionId", STRING_VALUE),
            ("setIpAddress", STRING_VALUE),
            ("setUseragent", STRING_VALUE),
            ("setNetworkUserId", STRING_VALUE),
            ("setPlatform", &[arg("platform", Kind::Str)]),
            ("setScreenResolution", DIMENSIONS),
            ("setViewport", DIMENSIONS),
            ("setColorDepth", &[arg("depth", Kind::Num)]),
            ("setDomainSessionIndex", &[arg("index", Kind::Num)]),
            ("setFromRequest", &[Param::Held("request", "object"), Param::Bag("options", &REQUEST)]),
            ("identityCookie", &[Param::Held("request", "object"), Param::Bag("options", &IDENTITY_COOKIE)]),
        ],
    ),
    ("QueueEmitter", &[("flush", IS_ASYNC), ("bufferedCount", &[])]),
    ("RedisEmitter", &[("input", &[Param::Value("event")]), ("flush", &[])]),
    (
        "",
        &[
            ("setLogLevel", &[arg("level", Kind::Str)]),
            ("setTotalBufferCapacityBytes", &[arg("bytes", Kind::Num)]),
            ("drainRedis", DRAIN_PARAMS),
            ("forwardQueueBatch", FORWARD_PARAMS),
        ],
    ),
];
