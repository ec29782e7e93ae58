//! Reading a named property of a JS object (the Node build's Queues and Redis clients only:
//! everything else crosses as messages). Every name is a core [`Key`], and one catching
//! `Reflect.get` import serves them all; a throwing getter becomes an `Err` instead of
//! unwinding through Rust frames.

use wasm_bindgen::JsValue;

pub use snowplow_core::names::Key;

/// `obj[key]`; `Err` with the exception when a getter throws. `obj` must be an object.
pub fn get(obj: &JsValue, key: Key) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key.name()))
}

/// `obj[key] = value` on a plain object this crate made (cannot fail).
pub fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// An object literal from `(key, value)` pairs.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        set(&o, k, v);
    }
    o.into()
}
