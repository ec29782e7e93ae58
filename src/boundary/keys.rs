//! Reading a named property of a JS object. Every option name the API reads is a core [`Key`]; its
//! JS string is made once and reused, and one catching `Reflect.get` import serves them all
//! (one import instead of one per name keeps the wasm and its glue small). A throwing getter
//! becomes an `Err` instead of unwinding through Rust frames.

use wasm_bindgen::JsValue;

pub use snowplow_core::names::{Key, NAMES};

thread_local! {
    static KEYS: Vec<JsValue> = NAMES.iter().map(|n| JsValue::from_str(n)).collect();
}

/// `obj[key]`; `Err` with the exception when a getter throws. `obj` must be an object.
pub fn get(obj: &JsValue, key: Key) -> Result<JsValue, JsValue> {
    KEYS.with(|keys| match keys.get(key as usize) {
        Some(k) => js_sys::Reflect::get(obj, k),
        None => Ok(JsValue::UNDEFINED),
    })
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
