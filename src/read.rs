//! Reading JS values into Rust with the checks every public entry point needs: each failure
//! names the parameter (`trackPageView: pageUrl`) and what was expected.

use js_sys::{Array, Object};
use snowplow_core::{error::quoted, Error, Num};
use wasm_bindgen::{JsCast, JsValue};

use crate::bag::Bag;
use crate::errors::{to_js, JsResult};

/// What a catching getter returns: the value, or the exception it threw.
pub type Got = Result<JsValue, JsValue>;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// JavaScript's own number rendering (`String(13.99)`).
    #[wasm_bindgen(js_name = String)]
    fn js_string(n: f64) -> String;
}

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
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.is_function() {
        "a function".into()
    } else {
        "an object".into()
    }
}

/// JavaScript's rendering of a number; integers without a trip to JS.
pub fn render(n: f64) -> String {
    match Num::from_safe_integer(n) {
        Some(num) => num.as_str().to_owned(),
        None => js_string(n),
    }
}

/// `JSON.stringify(v)` when it gives JSON text.
pub fn json_text(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// True for `undefined` and `null`.
pub fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// Reads the fields of one options object; `prefix` starts every parameter name.
pub struct Reader<'a> {
    prefix: &'a str,
}

impl<'a> Reader<'a> {
    /// A reader whose errors start with `prefix` (e.g. `"trackPageView: "`).
    pub fn new(prefix: &'a str) -> Self {
        Reader { prefix }
    }

    /// The full name of parameter `name`.
    pub fn param(&self, name: &str) -> String {
        let mut p = String::with_capacity(self.prefix.len() + name.len());
        p.push_str(self.prefix);
        p.push_str(name);
        p
    }

    /// A `TypeError` for `name`.
    pub fn type_error(&self, name: &str, expected: &'static str, got: &JsValue) -> JsValue {
        to_js(Error::type_error(self.param(name), expected, describe(got)))
    }

    /// `v` as an options object (`undefined` allowed when `optional`).
    pub fn object<'v>(&self, v: &'v JsValue, name: &str, optional: bool) -> JsResult<Option<&'v Bag>> {
        if optional && v.is_undefined() {
            Ok(None)
        } else if v.is_object() && !v.is_function() && !Array::is_array(v) {
            Ok(Some(v.unchecked_ref::<Bag>()))
        } else {
            Err(self.type_error(name, "an object", v))
        }
    }

    /// `v` as a required options object.
    pub fn require_object<'v>(&self, v: &'v JsValue, name: &str) -> JsResult<&'v Bag> {
        self.object(v, name, false)?.ok_or_else(|| self.type_error(name, "an object", v))
    }

    /// An optional string: `undefined`/`null` → `None`.
    pub fn opt_string(&self, v: Got, name: &str) -> JsResult<Option<String>> {
        let v = v?;
        match v.as_string() {
            Some(s) => Ok(Some(s)),
            None if absent(&v) => Ok(None),
            None => Err(self.type_error(name, "a string", &v)),
        }
    }

    /// A required string (it may still be empty; the core checks emptiness where it matters).
    pub fn string(&self, v: Got, name: &str) -> JsResult<String> {
        let v = v?;
        v.as_string().ok_or_else(|| self.type_error(name, "a string", &v))
    }

    /// An optional string that may also be given as `null` on purpose: `Some(None)` for null.
    pub fn nullable_string(&self, v: Got, name: &str) -> JsResult<Option<String>> {
        let v = v?;
        if absent(&v) {
            Ok(None)
        } else {
            self.string(Ok(v), name).map(Some)
        }
    }

    /// An optional finite number.
    pub fn opt_number(&self, v: Got, name: &str) -> JsResult<Option<Num>> {
        let v = v?;
        match v.as_f64() {
            Some(n) if n.is_finite() => Ok(Some(Num::from_safe_integer(n).unwrap_or_else(|| Num::with_text(n, js_string(n))))),
            Some(n) => Err(to_js(Error::range_error(self.param(name), "a finite number", render(n)))),
            None if absent(&v) => Ok(None),
            None => Err(self.type_error(name, "a number", &v)),
        }
    }

    /// A required finite number.
    pub fn number(&self, v: Got, name: &str) -> JsResult<Num> {
        let v = v?;
        if absent(&v) {
            return Err(self.type_error(name, "a number", &v));
        }
        self.opt_number(Ok(v.clone()), name).and_then(|n| n.ok_or_else(|| self.type_error(name, "a number", &v)))
    }

    /// An optional boolean.
    pub fn opt_bool(&self, v: Got, name: &str) -> JsResult<Option<bool>> {
        let v = v?;
        match v.as_bool() {
            Some(b) => Ok(Some(b)),
            None if absent(&v) => Ok(None),
            None => Err(self.type_error(name, "a boolean", &v)),
        }
    }

    /// An optional array (`undefined`/`null` → `None`).
    pub fn opt_array(&self, v: Got, name: &str, expected: &'static str) -> JsResult<Option<Array>> {
        let v = v?;
        if absent(&v) {
            Ok(None)
        } else if Array::is_array(&v) {
            Ok(Some(v.unchecked_into()))
        } else {
            Err(self.type_error(name, expected, &v))
        }
    }

    /// An optional array of strings.
    pub fn opt_string_list(&self, v: Got, name: &str) -> JsResult<Option<Vec<String>>> {
        let v = v?;
        let Some(arr) = self.opt_array(Ok(v), name, "an array of strings")? else { return Ok(None) };
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            match item.as_string() {
                Some(s) => out.push(s),
                None => return Err(self.type_error(&format!("{name}[{i}]"), "a string", &item)),
            }
        }
        Ok(Some(out))
    }

    /// `JSON.stringify(v)`, which must give JSON text (not `undefined`, no cycle, no BigInt).
    pub fn json(&self, v: &JsValue, name: &str) -> JsResult<String> {
        if v.is_undefined() {
            return Err(self.type_error(name, "JSON-serialisable data", v));
        }
        json_text(v).ok_or_else(|| self.type_error(name, "JSON-serialisable data (no cycles, BigInt or functions)", v))
    }

    /// The own enumerable `[key, value]` pairs of an object.
    pub fn entries(&self, v: &JsValue, name: &str) -> JsResult<Option<Array>> {
        if absent(v) {
            return Ok(None);
        }
        self.object(v, name, false)?;
        Ok(Some(Object::entries(v.unchecked_ref())))
    }
}
