//! Reading JS values into Rust with the checks every public entry point needs. Each options
//! object is read in one pass against a table of `(Key, Ty)`; every failure names the
//! parameter (`trackPageView: pageUrl`) and what was expected.

use js_sys::Array;
use snowplow_core::{error::quoted, Error, Num};
use wasm_bindgen::JsValue;

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::keys::{self, Key};

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
    } else if crate::boundary::js::is_array(v).unwrap_or(false) {
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

/// True for `undefined` and `null`.
pub fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// True for a plain options object (not an array or a function); a revoked Proxy's exception
/// is returned.
pub fn is_options_object(v: &JsValue) -> JsResult<bool> {
    Ok(v.is_object() && !v.is_function() && !crate::boundary::js::is_array(v)?)
}

/// `JSON.stringify(v)` when it gives JSON text.
pub fn json_text(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// What a field must hold. `undefined` and `null` count as absent except where noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// An optional string.
    Str,
    /// A string that must be given (it may be empty).
    ReqStr,
    /// A string that must be given; the core checks it is not empty.
    NonEmpty,
    /// A string or `null`, which must be given (`undefined` reads as `null`).
    NullableStr,
    /// An optional finite number.
    Num,
    /// A finite number that must be given.
    ReqNum,
    /// An optional boolean.
    Bool,
    /// An optional array of strings.
    StrList,
    /// Any value, checked by the caller.
    Any,
}

/// A field as read.
#[derive(Debug)]
pub enum Val {
    /// `undefined` or `null` (or a [`Ty::NullableStr`] given as `null`).
    Absent,
    /// A string.
    Str(String),
    /// A number.
    Num(Num),
    /// A boolean.
    Bool(bool),
    /// An array of strings.
    List(Vec<String>),
    /// An unchecked value ([`Ty::Any`]).
    Js(JsValue),
}

/// The fields of one options object, taken in the order they were listed.
pub struct Fields(std::vec::IntoIter<Val>);

impl Fields {
    fn next(&mut self) -> Val {
        self.0.next().unwrap_or(Val::Absent)
    }
    /// A string field.
    pub fn str(&mut self) -> Option<String> {
        match self.next() {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A string field, `""` when absent (the core reports empty required strings).
    pub fn text(&mut self) -> String {
        self.str().unwrap_or_default()
    }
    /// A number field.
    pub fn num(&mut self) -> Option<Num> {
        match self.next() {
            Val::Num(n) => Some(n),
            _ => None,
        }
    }
    /// A [`Ty::ReqNum`] field (always present once read).
    pub fn req_num(&mut self) -> Num {
        self.num().unwrap_or_else(|| Num::int(0))
    }
    /// A boolean field.
    pub fn bool(&mut self) -> Option<bool> {
        match self.next() {
            Val::Bool(b) => Some(b),
            _ => None,
        }
    }
    /// A string-list field.
    pub fn list(&mut self) -> Option<Vec<String>> {
        match self.next() {
            Val::List(l) => Some(l),
            _ => None,
        }
    }
    /// A [`Ty::Any`] field.
    pub fn js(&mut self) -> JsValue {
        match self.next() {
            Val::Js(v) => v,
            _ => JsValue::UNDEFINED,
        }
    }
}

/// Reads options; `prefix` starts every parameter name (`"trackPageView: "`).
pub struct Reader<'a> {
    prefix: &'a str,
}

impl<'a> Reader<'a> {
    /// A reader whose errors start with `prefix`.
    pub fn new(prefix: &'a str) -> Self {
        Reader { prefix }
    }

    /// The full parameter name: prefix + `path` + `name`.
    pub fn param(&self, path: &str, name: &str) -> String {
        [self.prefix, path, name].concat()
    }

    /// A `TypeError` for `path` + `name`.
    pub fn type_error(&self, path: &str, name: &str, expected: &'static str, got: &JsValue) -> JsValue {
        to_js(Error::type_error(self.param(path, name), expected, describe(got)))
    }

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

    /// Read `spec`'s fields of `obj` (an object, or `undefined` for all-absent options).
    pub fn fields(&self, obj: &JsValue, path: &str, spec: &[(Key, Ty)]) -> JsResult<Fields> {
        let mut out = Vec::with_capacity(spec.len());
        for &(key, ty) in spec {
            let v = if obj.is_undefined() { JsValue::UNDEFINED } else { keys::get(obj, key)? };
            out.push(self.value(v, ty, path, key.name())?);
        }
        Ok(Fields(out.into_iter()))
    }

    /// Check one value against `ty`.
    pub fn value(&self, v: JsValue, ty: Ty, path: &str, name: &str) -> JsResult<Val> {
        let err = |expected| Err(self.type_error(path, name, expected, &v));
        if absent(&v) {
            return match ty {
                Ty::ReqStr | Ty::NonEmpty | Ty::ReqNum => Err(to_js(Error::required(self.param(path, name)))),
                _ => Ok(if ty == Ty::Any { Val::Js(v) } else { Val::Absent }),
            };
        }
        match ty {
            Ty::Str | Ty::ReqStr | Ty::NonEmpty | Ty::NullableStr => v.as_string().map_or_else(|| err("a string"), |s| Ok(Val::Str(s))),
            Ty::Num | Ty::ReqNum => match v.as_f64() {
                Some(n) if n.is_finite() => Ok(Val::Num(Num::from_safe_integer(n).unwrap_or_else(|| Num::with_text(n, js_string(n))))),
                Some(n) => Err(to_js(Error::range_error(self.param(path, name), "a finite number", render(n)))),
                None => err("a number"),
            },
            Ty::Bool => v.as_bool().map_or_else(|| err("a boolean"), |b| Ok(Val::Bool(b))),
            Ty::StrList => self.string_list(&v, path, name).map(Val::List),
            Ty::Any => Ok(Val::Js(v)),
        }
    }

    fn string_list(&self, v: &JsValue, path: &str, name: &str) -> JsResult<Vec<String>> {
        let Some(arr) = crate::boundary::js::array_copy(v)? else {
            return Err(self.type_error(path, name, "an array of strings", v));
        };
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            match item.as_string() {
                Some(s) => out.push(s),
                None => return Err(self.type_error(path, &snowplow_core::indexed(name, i), "a string", &item)),
            }
        }
        Ok(out)
    }

    /// An optional array (`undefined`/`null` → `None`) of values checked by the caller.
    pub fn array(&self, v: &JsValue, name: &str, expected: &'static str) -> JsResult<Option<Array>> {
        if absent(v) {
            Ok(None)
        } else if let Some(copy) = crate::boundary::js::array_copy(v)? {
            Ok(Some(copy))
        } else {
            Err(self.type_error("", name, expected, v))
        }
    }

    /// The `[key, value]` pairs of an optional plain object (`undefined`/`null` → none);
    /// `expected` describes it in the error.
    pub fn entries(&self, v: &JsValue, name: &str, expected: &'static str) -> JsResult<Vec<(String, JsValue)>> {
        if absent(v) {
            return Ok(Vec::new());
        }
        if !is_options_object(v)? {
            return Err(self.type_error("", name, expected, v));
        }
        crate::boundary::js::entries(v)
    }

    /// `JSON.stringify(v)`, which must give JSON text (not `undefined`, no cycle, no BigInt).
    pub fn json(&self, v: &JsValue, name: &str) -> JsResult<String> {
        if v.is_undefined() {
            return Err(self.type_error("", name, "JSON-serialisable data", v));
        }
        json_text(v).ok_or_else(|| self.type_error("", name, "JSON-serialisable data (no cycles, BigInt or functions)", v))
    }
}
