//! Sending one request: the global `fetch` (never `window.fetch`) or a custom one, custom
//! headers, `requestTimeout` enforced with an `AbortController` (the wait for the status, then
//! the wait for the body), and `Retry-After` read from the answer. Never fails: network errors
//! and timeouts are outcomes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object, Promise};
use snowplow_core::constants::POST_CONTENT_TYPE;
use snowplow_core::emitter::{Outcome, Request};
use wasm_bindgen::prelude::*;

use crate::boundary::js::when_settled;
use crate::boundary::keys::{self, set, Key};
use crate::platform::timers::Timer;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &Object) -> Result<Promise, JsValue>;

    type AbortController;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<AbortController, JsValue>;
    #[wasm_bindgen(method, getter, structural)]
    fn signal(this: &AbortController) -> JsValue;
    #[wasm_bindgen(method, structural)]
    fn abort(this: &AbortController);

    type FetchHeaders;
    #[wasm_bindgen(method, structural, catch)]
    fn get(this: &FetchHeaders, name: &str) -> Result<JsValue, JsValue>;
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
    done: Cell<Option<Done>>,
    timer: RefCell<Option<Timer>>,
    controller: Option<AbortController>,
}

impl Attempt {
    fn finish(&self, outcome: Outcome, retry_after_ms: Option<u64>) {
        let timer = self.timer.borrow_mut().take();
        drop(timer);
        if let Some(done) = self.done.take() {
            done(Answer { outcome, retry_after_ms });
        }
    }

    fn is_over(&self) -> bool {
        let done = self.done.take();
        let over = done.is_none();
        self.done.set(done);
        over
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
    let headers: FetchHeaders = keys::get(resp, Key::Headers).ok()?.unchecked_into();
    let value = headers.get("Retry-After").ok()?.as_string()?;
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    let at = js_sys::Date::parse(value);
    at.is_finite().then(|| (at - js_sys::Date::now()).max(0.0) as u64)
}

impl Transport {
    fn init(&self, req: &Request, signal: Option<JsValue>) -> Object {
        let init = Object::new();
        let headers = Object::new();
        for (k, v) in &self.headers {
            set(&headers, k, &v.into());
        }
        match &req.body {
            None => set(&init, "method", &"GET".into()),
            Some(body) => {
                set(&init, "method", &"POST".into());
                set(&headers, "Content-Type", &POST_CONTENT_TYPE.into());
                set(&init, "body", &body.into());
            }
        }
        set(&init, "headers", &headers);
        if self.browser {
            set(&init, "credentials", &"include".into());
        }
        if let Some(signal) = signal {
            set(&init, "signal", &signal);
        }
        init
    }

    /// The pending answer: a promise (or whatever a custom `fetch` returned); a synchronous
    /// throw becomes a rejection, so the attempt always ends later, never during `request`.
    fn start(&self, req: &Request, init: &Object) -> JsValue {
        let started = match &self.fetch {
            Some(f) => f.call2(&JsValue::UNDEFINED, &req.url.as_str().into(), init),
            None => global_fetch(&req.url, init).map(JsValue::from),
        };
        started.unwrap_or_else(|e| Promise::reject(&e).into())
    }

    /// Make the request; `done` gets its end (always later, never during this call).
    pub fn request(&self, req: &Request, done: Done) {
        let controller = AbortController::new().ok();
        let init = self.init(req, controller.as_ref().map(AbortController::signal));
        let attempt = Rc::new(Attempt { done: Cell::new(Some(done)), timer: RefCell::new(None), controller });
        let pending = self.start(req, &init);
        attempt.limit(self.connect_ms);
        let read_ms = self.read_ms;
        when_settled(&pending, move |answer| {
            let resp = match answer {
                Ok(resp) if !attempt.is_over() => resp,
                Ok(_) => return,
                Err(_) => return attempt.finish(Outcome::NetworkError, None),
            };
            let status = keys::get(&resp, Key::Status).ok().and_then(|s| s.as_f64()).map_or(0, |s| s as u16);
            let retry_after_ms = retry_after(&resp);
            let body = keys::get(&resp, Key::ArrayBuffer).and_then(|f| f.dyn_into::<Function>()).and_then(|f| f.call0(&resp));
            match body {
                Ok(body) => {
                    attempt.limit(read_ms);
                    when_settled(&body, move |_| attempt.finish(Outcome::Status(status), retry_after_ms));
                }
                Err(_) => attempt.finish(Outcome::Status(status), retry_after_ms),
            }
        });
    }
}
