//! Sending one request through `js/fetch.js`: the global `fetch` (never `window.fetch`) or a
//! custom one, with the headers (JSON text core writes), body and `requestTimeout` deadlines
//! (the wait for the status, then the wait for the body) chosen here; what came back (status,
//! `Retry-After`, or a network error or timeout) is JSON text the host writes and core reads
//! (`emitter::answer`). Never fails: network errors and timeouts are outcomes.

use snowplow_core::emitter::{answer, request_headers, Outcome, Request};
use wasm_bindgen::prelude::*;

use crate::boundary::hold::Hold;
use crate::boundary::tasks;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./fetch.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/fetch.js"))]
extern "C" {
    /// Make a request with the global `fetch` (`custom` 0) or the user's (held as `custom`, see
    /// [`Hold`]): `method`, `body` (none for GET), `headers` the JSON text of `[[name, value],
    /// …]`, `keepalive`, `credentials` (send cookies: `"include"`); task `id` of instance `k` is
    /// woken once with its end as JSON text (see `emitter::answer`).
    #[allow(clippy::too_many_arguments)]
    fn request(
        k: u32,
        id: u32,
        custom: u32,
        url: &str,
        method: &str,
        body: Option<String>,
        headers: &str,
        keepalive: bool,
        credentials: bool,
        connect_ms: f64,
        read_ms: f64,
    );
}

/// How requests are made.
pub struct Transport {
    /// A custom `fetch(url, init)`, held by the host; `None` for the global one.
    pub fetch: Option<Hold>,
    /// `customHeaders`.
    pub headers: Vec<(String, String)>,
    /// Longest wait for the status, in ms.
    pub connect_ms: f64,
    /// Longest wait for the body once the status arrived, in ms.
    pub read_ms: f64,
    /// In a browser: send cookies (`credentials: "include"`); workerd rejects the option.
    pub browser: bool,
    /// Send `SP-Anonymous: *` (server-side anonymisation).
    pub anonymous: std::cell::Cell<bool>,
}

/// The end of an attempt.
pub struct Answer {
    /// Status, network error or timeout.
    pub outcome: Outcome,
    /// `Retry-After` in ms, when the collector sent one.
    pub retry_after_ms: Option<u64>,
}

/// Called once with the end of an attempt.
pub type Done = Box<dyn FnOnce(Answer)>;

/// Longest wait a host timer takes (2^31 - 1 ms); a longer timeout is that long.
const LONGEST_WAIT_MS: f64 = 2_147_483_647.0;

impl Transport {
    /// Make the request; `done` gets its end (always later, never during this call).
    pub fn request(&self, req: &Request, done: Done) {
        let id = tasks::once(move |value| {
            let (outcome, retry_after_ms) = answer(&value.unwrap_or_default(), crate::boundary::js::now());
            done(Answer { outcome, retry_after_ms })
        });
        request(
            tasks::instance(),
            id,
            self.fetch.as_ref().map_or(0, Hold::id),
            &req.url,
            req.method(),
            req.body.clone(),
            &request_headers(&self.headers, self.anonymous.get(), req.body.is_some()),
            self.browser && req.keepalive,
            self.browser,
            self.connect_ms.clamp(0.0, LONGEST_WAIT_MS),
            self.read_ms.clamp(0.0, LONGEST_WAIT_MS),
        );
    }
}
