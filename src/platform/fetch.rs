//! Sending one request: the global `fetch` (never `window.fetch`) or a custom one, custom
//! headers, `requestTimeout` enforced with an `AbortController` (the wait for the status, then
//! the wait for the body), and `Retry-After` read from the answer. Never fails: network errors
//! and timeouts are outcomes.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use snowplow_core::constants::POST_CONTENT_TYPE;
use snowplow_core::emitter::{Outcome, Request};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal, Headers, RequestCredentials, RequestInit};

use crate::boundary::js::when_settled;
use crate::boundary::keys::{self, Key};
use crate::platform::timers::Timer;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (never `window.fetch`): the same in pages, workers, workerd and Node.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;

    /// What a `fetch` answered, read through catching calls only: a custom `fetch` may answer
    /// anything, and web-sys's `Response` getters would let a throwing getter unwind into wasm.
    type Answered;
    #[wasm_bindgen(method, structural, catch, js_name = get)]
    fn header(this: &Answered, name: &str) -> Result<JsValue, JsValue>;
}

/// How requests are made.
pub struct Transport {
    /// A custom `fetch(url, init)`; `None` for the global one.
    pub fetch: Option<Function>,
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

/// One attempt under way: its end is taken once, by the answer or by a timeout, whichever
/// comes first; the timeout aborts the request.
struct Attempt {
    done: RefCell<Option<Done>>,
    timer: RefCell<Option<Timer>>,
    controller: Option<AbortController>,
}

impl Attempt {
    fn finish(&self, outcome: Outcome, retry_after_ms: Option<u64>) {
        let timer = self.timer.borrow_mut().take();
        drop(timer);
        let done = self.done.borrow_mut().take();
        if let Some(done) = done {
            done(Answer { outcome, retry_after_ms });
        }
    }

    fn is_over(&self) -> bool {
        self.done.try_borrow().map_or(true, |d| d.is_none())
    }

    /// Time out in `ms` unless finished first (replaces an earlier limit).
    fn limit(self: &Rc<Self>, ms: f64) {
        let me = self.clone();
        let timer = Timer::once(ms, false, move || {
            if let Some(c) = &me.controller {
                c.abort();
            }
            me.finish(Outcome::Timeout, None);
        });
        *self.timer.borrow_mut() = Some(timer);
    }
}

/// `Retry-After`: delta-seconds or an HTTP date.
fn retry_after(resp: &JsValue) -> Option<u64> {
    let headers: Answered = keys::get(resp, Key::Headers).ok()?.unchecked_into();
    let value = headers.header("Retry-After").ok()?.as_string()?;
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is still "a long time": the longest wait, not none.
        return Some(value.parse::<u64>().map_or(u64::MAX, |s| s.saturating_mul(1000)));
    }
    let at = js_sys::Date::parse(value);
    at.is_finite().then(|| (at - crate::boundary::js::now()).max(0.0) as u64)
}

impl Transport {
    /// The request's method, headers, body, credentials and abort signal; `Err` when a
    /// header cannot be set.
    fn init(&self, req: &Request, signal: Option<&AbortSignal>) -> Result<RequestInit, JsValue> {
        let init = RequestInit::new();
        let headers = Headers::new()?;
        for (k, v) in &self.headers {
            headers.append(k, v)?;
        }
        if self.anonymous.get() {
            headers.append("SP-Anonymous", "*")?;
        }
        match &req.body {
            None => init.set_method("GET"),
            Some(body) => {
                init.set_method("POST");
                headers.append("Content-Type", POST_CONTENT_TYPE)?;
                init.set_body(&body.into());
            }
        }
        init.set_headers(&headers);
        if self.browser {
            init.set_credentials(RequestCredentials::Include);
            if req.keepalive {
                // web-sys's RequestInit has no keepalive setter; the init is our own plain object.
                keys::set(&init, "keepalive", &JsValue::TRUE);
            }
        }
        if signal.is_some() {
            init.set_signal(signal);
        }
        Ok(init)
    }

    /// The pending answer: a promise (or whatever a custom `fetch` returned); a synchronous
    /// throw becomes a rejection, so the attempt always ends later, never during `request`.
    fn start(&self, req: &Request, init: Result<RequestInit, JsValue>) -> JsValue {
        let started = init.and_then(|init| match &self.fetch {
            Some(f) => f.call2(&JsValue::UNDEFINED, &req.url.as_str().into(), &init),
            None => global_fetch(&req.url, &init).map(JsValue::from),
        });
        started.unwrap_or_else(|e| Promise::reject(&e).into())
    }

    /// Make the request; `done` gets its end (always later, never during this call).
    pub fn request(&self, req: &Request, done: Done) {
        let controller = AbortController::new().ok();
        let init = self.init(req, controller.as_ref().map(AbortController::signal).as_ref());
        let attempt = Rc::new(Attempt { done: RefCell::new(Some(done)), timer: RefCell::new(None), controller });
        let pending = self.start(req, init);
        attempt.limit(self.connect_ms);
        let read_ms = self.read_ms;
        when_settled(&pending, move |answer| {
            let resp = match answer {
                Ok(resp) if !attempt.is_over() => resp,
                Ok(_) => return,
                Err(_) => return attempt.finish(Outcome::NetworkError, None),
            };
            let outcome = Outcome::from_status(keys::get(&resp, Key::Status).ok().and_then(|s| s.as_f64()).unwrap_or(f64::NAN));
            let retry_after_ms = retry_after(&resp);
            let body = keys::get(&resp, Key::ArrayBuffer).and_then(|f| f.dyn_into::<Function>()).and_then(|f| f.call0(&resp));
            match body {
                Ok(body) => {
                    attempt.limit(read_ms);
                    when_settled(&body, move |_| attempt.finish(outcome, retry_after_ms));
                }
                Err(_) => attempt.finish(outcome, retry_after_ms),
            }
        });
    }
}
