//! Sending one request with the global `fetch` (never `window.fetch`): the same code runs in
//! pages, workers, workerd and Node.

use js_sys::{Object, Promise, Reflect};
use snowplow_core::constants::POST_CONTENT_TYPE;
use snowplow_core::emitter::{Method, Outcome, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &Object) -> Result<Promise, JsValue>;

    type FetchResponse;
    #[wasm_bindgen(method, getter, structural, catch)]
    fn status(this: &FetchResponse) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, structural, catch, js_name = arrayBuffer)]
    fn array_buffer(this: &FetchResponse) -> Result<Promise, JsValue>;
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// The RequestInit for `req`. `credentials: "include"` only in browsers (the collector's
/// network-user cookie); workerd rejects the option, Node ignores it.
fn init(req: &Request, browser: bool) -> Object {
    let init = Object::new();
    match req.method {
        Method::Get => set(&init, "method", &"GET".into()),
        Method::Post => {
            set(&init, "method", &"POST".into());
            let headers = Object::new();
            set(&headers, "Content-Type", &POST_CONTENT_TYPE.into());
            set(&init, "headers", &headers);
            set(&init, "body", &req.body.as_deref().unwrap_or_default().into());
        }
    }
    if browser {
        set(&init, "credentials", &"include".into());
    }
    init
}

/// Send `req` and wait for the status and the body (read so the connection can be reused).
/// Never fails: a network error is [`Outcome::NetworkError`].
pub async fn send(req: &Request, browser: bool) -> Outcome {
    let Ok(promise) = global_fetch(&req.url, &init(req, browser)) else { return Outcome::NetworkError };
    let Ok(resp) = JsFuture::from(promise).await else { return Outcome::NetworkError };
    let resp: FetchResponse = resp.unchecked_into();
    let status = resp.status().ok().and_then(|s| s.as_f64()).map_or(0, |s| s as u16);
    if let Ok(body) = resp.array_buffer() {
        // A body cut off after the status arrived does not change the outcome.
        let _ = JsFuture::from(body).await;
    }
    Outcome::Status(status)
}
