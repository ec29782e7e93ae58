//! Sending one request: the global `fetch` (never `window.fetch`) or a custom one, custom
//! headers, `requestTimeout` enforced with an `AbortController` (the wait for the status, then
//! the wait for the body), and `Retry-After` read from the answer. Never fails: network errors
//! and timeouts are outcomes.

use js_sys::{Array, Function, Object, Promise};
use snowplow_core::constants::POST_CONTENT_TYPE;
use snowplow_core::emitter::{Outcome, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

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

/// Settle with `p`'s value, or `None` if `ms` passes first.
async fn within(p: Promise, ms: f64) -> Result<Option<JsValue>, JsValue> {
    let sentinel: JsValue = Object::new().into();
    let mut timer = None;
    let timeout = Promise::new(&mut |resolve, _| {
        let marker = sentinel.clone();
        timer = Some(Timer::once(ms, false, move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &marker);
        }));
    });
    let won = JsFuture::from(Promise::race(&Array::of2(&p, &timeout))).await;
    drop(timer);
    won.map(|v| if v == sentinel { None } else { Some(v) })
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

    fn start(&self, req: &Request, init: &Object) -> Result<Promise, JsValue> {
        match &self.fetch {
            Some(f) => f.call2(&JsValue::UNDEFINED, &req.url.as_str().into(), init).map(|v| crate::boundary::js::settle(&v)),
            None => global_fetch(&req.url, init),
        }
    }

    /// Make the request and wait for its end.
    pub async fn request(&self, req: &Request) -> Answer {
        let controller = AbortController::new().ok();
        let init = self.init(req, controller.as_ref().map(AbortController::signal));
        let abort = || {
            if let Some(c) = &controller {
                c.abort();
            }
        };
        let answer = |outcome, retry_after_ms| Answer { outcome, retry_after_ms };
        let Ok(pending) = self.start(req, &init) else { return answer(Outcome::NetworkError, None) };
        let resp = match within(pending, self.connect_ms).await {
            Ok(Some(resp)) => resp,
            Ok(None) => {
                abort();
                return answer(Outcome::Timeout, None);
            }
            Err(_) => return answer(Outcome::NetworkError, None),
        };
        let status = keys::get(&resp, Key::Status).ok().and_then(|s| s.as_f64()).map_or(0, |s| s as u16);
        let retry_after_ms = retry_after(&resp);
        let body = keys::get(&resp, Key::ArrayBuffer)
            .and_then(|f| f.dyn_into::<Function>())
            .and_then(|f| f.call0(&resp))
            .map(|p| crate::boundary::js::settle(&p));
        if let Ok(body) = body {
            if let Ok(None) = within(body, self.read_ms).await {
                abort();
                return answer(Outcome::Timeout, None);
            }
        }
        answer(Outcome::Status(status), retry_after_ms)
    }
}
