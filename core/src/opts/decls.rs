//! The declared option sets: every emitter option once, with its TypeScript type and doc. The
//! `declare!` macro splits each table in two: names and kinds (read at run time) and types and
//! docs (read by `src/bin/gen.rs` only, so the shipped module does not carry them).

use super::{Decl, Kind, Set};

/// `name kind ts doc;` rows → a `Set` `$set` and its docs `$docs`.
macro_rules! declare {
    ($set:ident, $docs:ident, $name:literal, $doc:literal, $extends:expr, [$($n:literal $k:path, $ts:literal $d:literal;)*]) => {
        #[doc = $doc]
        pub static $set: Set = Set { name: $name, doc: $doc, extends: $extends, decls: &[$(Decl { name: $n, kind: $k }),*] };
        #[doc = concat!("The TypeScript types and docs of [`", stringify!($set), "`]'s own options, in order.")]
        pub static $docs: &[(&str, &str)] = &[$(($ts, $d)),*];
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

/// Every declared set with its docs, in the order the TypeScript declarations list them.
pub static SETS: &[(&Set, &[(&str, &str)])] = &[(&EMITTER, EMITTER_DOCS), (&ASYNC_EMITTER, ASYNC_EMITTER_DOCS)];

/// One constructor parameter: a value read as it is, or an options bag of a set.
#[derive(Debug, PartialEq, Eq)]
pub enum Param {
    /// A parameter that crosses as its JSON value (`endpoint`).
    Value(&'static str),
    /// An options bag read against a set (functions and host objects taken out by the facade).
    Bag(&'static str, &'static Set),
}

/// The classes whose constructors cross as one message: JS name and parameters. `Emitter` reads
/// the `AsyncEmitter` set so that `threadCount` is named as an `AsyncEmitter` option.
pub static CLASSES: &[(&str, &[Param])] = &[
    ("Emitter", &[Param::Value("endpoint"), Param::Bag("options", &ASYNC_EMITTER)]),
    ("AsyncEmitter", &[Param::Value("endpoint"), Param::Bag("options", &ASYNC_EMITTER)]),
];
