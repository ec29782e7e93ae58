//! Reading a named property of a JS object. Every name the bindings still read is a core
//! [`Key`], and one catching `Reflect.get` import serves them all (one import instead of one
//! per name keeps the wasm and its glue small); the name's JS string is made when it is read
//! (few are read any more: a custom emitter's `input` once, Queues and Redis methods). A
//! throwing getter becomes an `Err` instead of unwinding through Rust frames.

use wasm_bindgen::JsValue;

pub use snowplow_core::names::Key;

/// `obj[key]`; `Err` with the exception when a getter throws. `obj` must be an object.
pub fn get(obj: &JsValue, key: Key) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key.name()))
}

/// `obj[key] = value` on a plain object this crate made (cannot fail).
#[cfg(feature = "edge")]
pub fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// An object literal from `(key, value)` pairs.
#[cfg(feature = "edge")]
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        set(&o, k, v);
    }
    o.into()
}
