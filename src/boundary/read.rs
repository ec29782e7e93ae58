//! The largest event size texts are bounded by; and in the edge build what is still read from
//! JS values, not messages: the Queues and Redis options, read per value against a table of
//! `(Key, Ty)`, and a short description of a value for their error messages. Every failure
//! names the parameter and what was expected.

#[cfg(feature = "edge")]
use js_sys::Array;
#[cfg(feature = "edge")]
pub use snowplow_core::events::{Ty, Val};
use snowplow_core::tracker::{text_bound, DEFAULT_MAX_EVENT_BYTES};
#[cfg(feature = "edge")]
use snowplow_core::{error::quoted, Error, Num};
#[cfg(feature = "edge")]
use wasm_bindgen::JsValue;

#[cfg(feature = "edge")]
use crate::boundary::errors::to_js;
#[cfg(feature = "edge")]
use crate::boundary::errors::{JsResult, Thrown};
#[cfg(feature = "edge")]
use crate::boundary::keys::{self, Key};

#[cfg(feature = "edge")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// JavaScript's own number rendering (`String(13.99)`).
    #[wasm_bindgen(js_name = String)]
    fn js_string(n: f64) -> String;
}

#[cfg(feature = "edge")]
/// A short description of a value for error messages.
pub fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        quoted(&s)
    } else if let Some(n) = v.as_f64() {
        render(n)
    } else if v.is_undefined() {
        "undefined".into()
    } else if v.is_null() {
        "null".into()
    } else if let Some(b) = v.as_bool() {
        if b { "true" } else { "false" }.into()
    } else if crate::boundary::js::is_array(v).unwrap_or(false) {
        "an array".into()
    } else if v.is_function() {
        "a function".into()
    } else if v.is_bigint() {
        "a BigInt".into()
    } else if v.is_symbol() {
        "a symbol".into()
    } else {
        "an object".into()
    }
}

#[cfg(feature = "edge")]
/// JavaScript's rendering of a number; integers without a trip to JS.
pub fn render(n: f64) -> String {
    match Num::from_safe_integer(n) {
        Some(num) => num.as_str().to_owned(),
        None => js_string(n),
    }
}

#[cfg(feature = "edge")]
/// True for `undefined` and `null`.
pub fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// True for a plain options object (not an array or a function); a revoked Proxy's exception
/// is returned.
#[cfg(feature = "edge")]
pub fn is_options_object(v: &JsValue) -> JsResult<bool> {
    Ok(v.is_object() && !v.is_function() && !crate::boundary::js::is_array(v)?)
}

thread_local! {
    /// The largest `maxEventBytes` of any tracker made so far (the default until then).
    static LARGEST_EVENT: std::cell::Cell<usize> = const { std::cell::Cell::new(DEFAULT_MAX_EVENT_BYTES) };
}

/// A tracker accepts events of up to `bytes`: texts that long may be copied in.
pub fn allow_events_of(bytes: usize) {
    if bytes > largest_event() {
        LARGEST_EVENT.with(|l| l.set(bytes));
        announce_bound();
    }
}

#[cfg_attr(not(test), wasm_bindgen::prelude::wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen::prelude::wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    #[wasm_bindgen(js_name = setTextBound)]
    fn set_text_bound(chars: f64);
}

/// Tell the host the longest message text the module takes (core's bound for the largest
/// `maxEventBytes` so far): at start, and whenever a tracker raises it.
pub fn announce_bound() {
    set_text_bound(text_bound(largest_event()) as f64);
}

/// The largest event any tracker accepts, in bytes.
pub fn largest_event() -> usize {
    LARGEST_EVENT.with(std::cell::Cell::get)
}

/// The fields of one options object, taken in the order they were listed (Queues and Redis
/// options; everything else crosses as a message).
#[cfg(feature = "edge")]
pub struct Fields {
    vals: std::vec::IntoIter<Val>,
}

#[cfg(feature = "edge")]
impl Fields {
    fn next(&mut self) -> Val {
        self.vals.next().unwrap_or(Val::Absent)
    }
    /// A string field.
    pub fn str(&mut self) -> Option<String> {
        match self.next() {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A number field.
    pub fn num(&mut self) -> Option<Num> {
        match self.next() {
            Val::Num(n) => Some(n),
            _ => None,
        }
    }
}

#[cfg(feature = "edge")]
/// Reads options; `prefix` starts every parameter name (`"trackPageView: "`).
pub struct Reader<'a> {
    prefix: &'a str,
    sep: &'static str,
}

#[cfg(feature = "edge")]
impl<'a> Reader<'a> {
    /// A reader whose errors start with `prefix`.
    pub fn new(prefix: &'a str) -> Self {
        Reader { prefix, sep: "" }
    }

    /// What every parameter name starts with.
    pub fn prefix(&self) -> String {
        [self.prefix, self.sep].concat()
    }

    /// The full parameter name: prefix + `path` + `name`.
    pub fn param(&self, path: &str, name: &str) -> String {
        [self.prefix, self.sep, path, name].concat()
    }

    /// A `TypeError` for `path` + `name`.
    pub fn type_error(&self, path: &str, name: &str, expected: &'static str, got: &JsValue) -> Thrown {
        to_js(Error::type_error(self.param(path, name), expected, describe(got)))
    }

    #[cfg(feature = "edge")]
    /// Check that `v` is an options object; `Ok(false)` for `undefined` when `optional`.
    pub fn object(&self, v: &JsValue, name: &str, optional: bool) -> JsResult<bool> {
        if optional && v.is_undefined() {
            Ok(false)
        } else if is_options_object(v)? {
            Ok(true)
        } else {
            Err(self.type_error("", name, "an object", v))
        }
    }

    #[cfg(feature = "edge")]
    /// `obj[key]`; `obj` is an object or `undefined` (all fields absent).
    fn raw(obj: &JsValue, key: Key) -> JsResult<JsValue> {
        if obj.is_undefined() {
            Ok(JsValue::UNDEFINED)
        } else {
            keys::get(obj, key).map_err(Thrown::from)
        }
    }

    #[cfg(feature = "edge")]
    /// Read `spec`'s fields of `obj` (an object, or `undefined` for all-absent options).
    pub fn fields(&self, obj: &JsValue, path: &str, spec: &[(Key, Ty)]) -> JsResult<Fields> {
        let mut vals = Vec::with_capacity(spec.len());
        for &(key, ty) in spec {
            vals.push(self.value(Self::raw(obj, key)?, ty, path, key.name())?);
        }
        Ok(Fields { vals: vals.into_iter() })
    }

    #[cfg(feature = "edge")]
    /// Check one value against `ty` ([`Ty::Any`] reads as absent: the caller keeps the value).
    pub fn value(&self, v: JsValue, ty: Ty, path: &str, name: &str) -> JsResult<Val> {
        let err = |expected| Err(self.type_error(path, name, expected, &v));
        if absent(&v) {
            return if ty.required() { Err(to_js(Error::required(self.param(path, name)))) } else { Ok(Val::Absent) };
        }
        match ty {
            Ty::Str | Ty::ReqStr | Ty::NonEmpty | Ty::NullStr | Ty::Uuid | Ty::NewUuid | Ty::NodeName | Ty::FormType => {
                v.as_string().map_or_else(|| err("a string"), |s| Ok(Val::Str(s)))
            }
            Ty::Num | Ty::ReqNum | Ty::Count | Ty::Int | Ty::ReqInt => match v.as_f64() {
                Some(n) if n.is_finite() => Ok(Val::Num(Num::from_safe_integer(n).unwrap_or_else(|| Num::with_text(n, js_string(n))))),
                Some(n) => Err(to_js(Error::range_error(self.param(path, name), "a finite number", render(n)))),
                None => err("a number"),
            },
            Ty::Bool => v.as_bool().map_or_else(|| err("a boolean"), |b| Ok(Val::Bool(b))),
            // Events, the only users of the other types, are read by core from their message.
            _ => Ok(Val::Absent),
        }
    }

    /// An optional array (`undefined`/`null` → `None`) of values checked by the caller.
    #[cfg(feature = "edge")]
    pub fn array(&self, v: &JsValue, name: &str, expected: &'static str) -> JsResult<Option<Array>> {
        if absent(v) {
            Ok(None)
        } else if let Some(copy) = crate::boundary::js::array_copy(v)? {
            Ok(Some(copy))
        } else {
            Err(self.type_error("", name, expected, v))
        }
    }
}
