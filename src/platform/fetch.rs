//! Sending one request through `js/fetch.js`: the global `fetch` (never `window.fetch`) or a
//! custom one, with the headers, body and `requestTimeout` deadlines (the wait for the status,
//! then the wait for the body) chosen here; what came back (status, `Retry-After`, or a network
//! error or timeout) is read here. Never fails: network errors and timeouts are outcomes.

use js_sys::Array;
use snowplow_core::constants::POST_CONTENT_TYPE;
use snowplow_core::emitter::{retry_after_ms, Outcome, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::boundary::hold::Hold;
use crate::boundary::tasks;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./fetch.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/fetch.js"))]
extern "C" {
    /// Make a request with the global `fetch` (`custom` 0) or the user's (held as `custom`, see
    /// [`Hold`]); task `id` of instance `k` is woken once with its end.
    #[allow(clippy::too_many_arguments)]
    fn request(
        k: u32,
        id: u32,
        custom: u32,
        url: &str,
        body: Option<String>,
        headers: Vec<String>,
        keepalive: bool,
        browser: bool,
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

/// What the host saw: `[status, Retry-After]` when a response came, `"timeout"`, or else a
/// network error.
fn answer(ok: bool, value: &JsValue) -> Answer {
    if !ok {
        let timeout = value.as_string().is_some_and(|s| s == "timeout");
        return Answer { outcome: if timeout { Outcome::Timeout } else { Outcome::NetworkError }, retry_after_ms: None };
    }
    let parts: &Array = value.unchecked_ref();
    let outcome = Outcome::from_status(parts.get(0).as_f64().unwrap_or(f64::NAN));
    let retry_after = parts.get(1).as_string().and_then(|v| retry_after_ms(&v, js_sys::Date::parse, crate::boundary::js::now()));
    Answer { outcome, retry_after_ms: retry_after }
}

impl Transport {
    /// `customHeaders`, `SP-Anonymous` and the POST content type, as `[name, value, …]`.
    fn header_list(&self, post: bool) -> Vec<String> {
        let mut list = Vec::with_capacity(self.headers.len() * 2 + 4);
        for (k, v) in &self.headers {
            list.push(k.clone());
            list.push(v.clone());
        }
        if self.anonymous.get() {
            list.push("SP-Anonymous".into());
            list.push("*".into());
        }
        if post {
            list.push("Content-Type".into());
            list.push(POST_CONTENT_TYPE.into());
        }
        list
    }

    /// Make the request; `done` gets its end (always later, never during this call).
    pub fn request(&self, req: &Request, done: Done) {
        let id = tasks::once(move |ok, value| done(answer(ok, &value)));
        request(
            tasks::instance(),
            id,
            self.fetch.as_ref().map_or(0, Hold::id),
            &req.url,
            req.body.clone(),
            self.header_list(req.body.is_some()),
            self.browser && req.keepalive,
            self.browser,
            self.connect_ms.clamp(0.0, LONGEST_WAIT_MS),
            self.read_ms.clamp(0.0, LONGEST_WAIT_MS),
        );
    }
}
