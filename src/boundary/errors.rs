//! Core errors rendered as JavaScript `TypeError` / `RangeError`.

use snowplow_core::{Error, ErrorKind};
use wasm_bindgen::JsValue;

/// The JS error object for a core error.
pub fn to_js(e: Error) -> JsValue {
    let msg = e.message();
    match e.kind {
        ErrorKind::Type => js_sys::TypeError::new(&msg).into(),
        ErrorKind::Range => js_sys::RangeError::new(&msg).into(),
    }
}

/// Result whose error is a JS exception.
pub type JsResult<T> = Result<T, JsValue>;

/// Convert a core result to a JS result.
pub fn js<T>(r: snowplow_core::Result<T>) -> JsResult<T> {
    r.map_err(to_js)
}
