//! Reading an options bag sent as `JSON.stringify` text against its declared [`Set`]. The facade
//! replaces what JSON cannot hold (functions, symbols, BigInts, NaN, ±Infinity, objects that are
//! not plain, `undefined` arguments) with a marker `{"\u0000": what}` so that every message says
//! what was given, as [`describe`] words it; functions and objects it takes out are held by the
//! host, and their marker says what the module needs of them ([`Taken`], read as [`Got::Held`]).

use crate::emitter::Timeout;
use crate::error::{quoted, Error, Result};
use crate::json_read::{Kind as J, Value};
use crate::Num;

use super::{Decl, Kind, Set};

/// The key of a marker object.
pub const MARK: &str = "\u{0}";

/// What a declared option held.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// Not given (`undefined`, `null` or left out).
    Absent,
    /// A string.
    Str(String),
    /// A finite number, with the text JS wrote for it.
    Num(Num),
    /// A boolean.
    Bool(bool),
    /// A nested options bag, read.
    Bag(Read),
    /// `requestTimeout`-like: one number or a pair.
    Timeout(Timeout),
    /// An object of key → boolean.
    Flags(Vec<(String, bool)>),
    /// An object of key → string.
    Texts(Vec<(String, String)>),
    /// A function or an object the facade took out.
    Held(Taken),
}

/// A function or object the facade took out of a message and the host holds while the call
/// runs (the module keeps what it needs by its number): `{"\u0000": "function" | "object",
/// "hold": n, "handle": h, "has": [names]}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Taken {
    /// The host's number for it (slot 0 the value, then what each probe read).
    pub hold: u32,
    /// Its handle when it is one of the package's objects, else 0.
    pub handle: u32,
    /// Which of the functions its declaration asks about it has (`input`, a store's methods).
    pub has: Vec<String>,
    /// A function (else an object).
    pub function: bool,
}

impl Taken {
    /// How an error message words it: `"a function"` or `"an object"`.
    pub fn describe(&self) -> String {
        if self.function { "a function" } else { "an object" }.into()
    }

    /// True when it has every one of the functions `names`.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.has.iter().any(|h| h == n))
    }
}

/// What the facade took out at `v`, when `v` is its marker for one.
pub fn taken(v: Value<'_>) -> Option<Taken> {
    let function = match marker(v).as_deref() {
        Some("function") => true,
        Some("object") => false,
        _ => return None,
    };
    let number = |key: &str| v.get(key).and_then(|n| n.as_number()).and_then(crate::uint_read::<u32>).unwrap_or(0);
    let hold = number("hold");
    let has = v.get("has").map(|h| h.items().filter_map(|n| n.as_str().map(|s| s.into_owned())).collect()).unwrap_or_default();
    (hold != 0).then(|| Taken { hold, handle: number("handle"), has, function })
}

impl Got {
    /// The string it holds.
    pub fn str(self) -> Option<String> {
        match self {
            Got::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The number it holds.
    pub fn num(self) -> Option<Num> {
        match self {
            Got::Num(n) => Some(n),
            _ => None,
        }
    }
    /// The boolean it holds.
    pub fn bool(self) -> Option<bool> {
        match self {
            Got::Bool(b) => Some(b),
            _ => None,
        }
    }
    /// What the facade took out, when it took something.
    pub fn held(self) -> Option<Taken> {
        match self {
            Got::Held(t) => Some(t),
            _ => None,
        }
    }
    /// The bag it holds (every option absent when it holds none).
    pub fn bag(self) -> Read {
        match self {
            Got::Bag(r) => r,
            _ => Read { decls: Vec::new(), got: Vec::new() },
        }
    }
}

/// The options of one bag, read, taken by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    decls: Vec<&'static Decl>,
    got: Vec<Got>,
}

impl Read {
    /// What option `name` held (absent once taken).
    pub fn take(&mut self, name: &str) -> Got {
        match self.decls.iter().position(|d| d.name == name).and_then(|i| self.got.get_mut(i)) {
            Some(g) => std::mem::replace(g, Got::Absent),
            None => Got::Absent,
        }
    }
    /// A string option.
    pub fn str(&mut self, name: &str) -> Option<String> {
        self.take(name).str()
    }
    /// A number option.
    pub fn num(&mut self, name: &str) -> Option<Num> {
        self.take(name).num()
    }
    /// A boolean option.
    pub fn bool(&mut self, name: &str) -> Option<bool> {
        self.take(name).bool()
    }
    /// A nested bag option (every option absent when it was not given).
    pub fn bag(&mut self, name: &str) -> Read {
        self.take(name).bag()
    }
    /// A seconds-or-pair option.
    pub fn timeout(&mut self, name: &str) -> Option<Timeout> {
        match self.take(name) {
            Got::Timeout(t) => Some(t),
            _ => None,
        }
    }
    /// An object of booleans (empty when absent).
    pub fn flags(&mut self, name: &str) -> Vec<(String, bool)> {
        match self.take(name) {
            Got::Flags(f) => f,
            _ => Vec::new(),
        }
    }
    /// An object of strings (empty when absent).
    pub fn texts(&mut self, name: &str) -> Vec<(String, String)> {
        match self.take(name) {
            Got::Texts(t) => t,
            _ => Vec::new(),
        }
    }
    /// The option's function or object, when the facade took one out.
    pub fn held(&mut self, name: &str) -> Option<Taken> {
        self.take(name).held()
    }
}

/// The marker's text, when `v` is a marker.
fn marker(v: Value<'_>) -> Option<String> {
    if v.kind() != J::Object {
        return None;
    }
    v.get(MARK).and_then(|m| m.as_str()).map(|m| m.into_owned())
}

/// True when `v` is the facade's marker for a value JSON cannot hold (or one it took out).
pub fn is_marked(v: Value<'_>) -> bool {
    marker(v).is_some()
}

/// True when `v` is the facade's marker `what` (`"array"`: an array it took out, with its
/// `items`).
pub fn marked_as(v: Value<'_>, what: &str) -> bool {
    marker(v).as_deref() == Some(what)
}

/// True for `null` and the `undefined` marker (a parameter or option not given).
pub fn absent(v: Value<'_>) -> bool {
    v.is_null() || marker(v).as_deref() == Some("undefined")
}

/// A short description of a value for error messages, as the bindings word it.
pub fn describe(v: Value<'_>) -> String {
    match v.kind() {
        J::String => quoted(&v.as_str().unwrap_or_default()),
        J::Number | J::Bool | J::Null => v.raw().to_owned(),
        J::Array => "an array".into(),
        J::Object => match marker(v).as_deref() {
            None | Some("object") => "an object".into(),
            Some("function") => "a function".into(),
            Some("symbol") => "a symbol".into(),
            Some("bigint") => "a BigInt".into(),
            Some("array") => "an array".into(),
            Some(other) => other.to_owned(),
        },
    }
}

fn type_error(name: &str, expected: &'static str, v: Value<'_>) -> Error {
    Error::type_error(name, expected, describe(v))
}

/// A finite number, or the error naming `name`.
pub fn number(name: &str, v: Value<'_>) -> Result<Num> {
    if let Some(n) = v.as_number().and_then(Num::from_json) {
        return Ok(n);
    }
    match marker(v).as_deref() {
        Some(text @ ("NaN" | "Infinity" | "-Infinity")) => Err(Error::range_error(name, "a finite number", text)),
        _ => Err(type_error(name, "a number", v)),
    }
}

/// A boolean, or the error naming `name`.
fn boolean(name: &str, v: Value<'_>) -> Result<bool> {
    v.as_bool().ok_or_else(|| type_error(name, "a boolean", v))
}

/// A string, or the error naming `name`.
pub fn string(name: &str, v: Value<'_>) -> Result<String> {
    v.as_str().map(|s| s.into_owned()).ok_or_else(|| type_error(name, "a string", v))
}

/// Seconds, or `[first, second]` seconds (both required).
fn timeout(name: &str, v: Value<'_>) -> Result<Timeout> {
    if v.kind() != J::Array {
        return number(name, v).map(Timeout::Both);
    }
    if v.len() != 2 {
        return Err(type_error(name, "seconds or [connect, read] seconds", v));
    }
    let phase = |i: usize| {
        let param = crate::indexed(name, i);
        match v.at(i) {
            Some(x) if !absent(x) => number(&param, x),
            _ => Err(Error::required(param)),
        }
    };
    Ok(Timeout::Phases(phase(0)?, phase(1)?))
}

/// The members of a plain object, each value taken by `take` (else a TypeError `what`).
fn members<T>(
    name: &str,
    v: Value<'_>,
    expected: &'static str,
    what: &'static str,
    take: fn(Value<'_>) -> Option<T>,
) -> Result<Vec<(String, T)>> {
    if v.kind() != J::Object || marker(v).is_some() {
        return Err(type_error(name, expected, v));
    }
    let mut out = Vec::new();
    for (key, value) in v.members() {
        match take(value) {
            Some(t) => out.push((key.into_owned(), t)),
            None => return Err(type_error(&[name, ".", &key].concat(), what, value)),
        }
    }
    Ok(out)
}

/// Read one value `v` as declared option `d` (a method parameter declared as one).
#[inline(never)]
pub fn read_one(d: &Decl, v: Value<'_>) -> Result<Got> {
    if absent(v) {
        return Ok(Got::Absent);
    }
    let held = taken(v).filter(|_| d.kind != Kind::Function || marker(v).as_deref() == Some("function"));
    let plain = v.kind() == J::Object && marker(v).is_none();
    Ok(match d.kind {
        Kind::Str => Got::Str(string(d.name, v)?),
        Kind::Num => Got::Num(number(d.name, v)?),
        Kind::Bool => Got::Bool(boolean(d.name, v)?),
        Kind::Timeout => Got::Timeout(timeout(d.name, v)?),
        Kind::Flags => Got::Flags(members(d.name, v, "an object of status → boolean", "a boolean", |x| x.as_bool())?),
        Kind::Texts => {
            Got::Texts(members(d.name, v, "an object of header name → string", "a string", |x| x.as_str().map(|s| s.into_owned()))?)
        }
        _ if held.is_some() => Got::Held(held.unwrap_or_default()),
        Kind::Function => return Err(type_error(d.name, "a function", v)),
        Kind::NameOrObject => match v.as_str() {
            Some(s) => Got::Str(s.into_owned()),
            None => return Err(type_error(d.name, crate::emitter::store::EVENT_STORE_EXPECTED, v)),
        },
        Kind::Object(expected) => return Err(type_error(d.name, expected, v)),
        Kind::Switch(_, _) if v.as_bool().is_some() => Got::Bool(v.as_bool() == Some(true)),
        Kind::Bag(set) | Kind::Switch(set, _) if plain => Got::Bag(nested(set, d.name, v)?),
        Kind::Bag(_) => return Err(type_error(d.name, "an object", v)),
        Kind::Switch(_, expected) => return Err(type_error(d.name, expected, v)),
    })
}

/// The bag `v` of option `name`, read against `set`; its errors name `name.option`.
fn nested(set: &Set, name: &str, v: Value<'_>) -> Result<Read> {
    read_set(set, Some(v), name).map_err(|e| e.within(&[name, "."].concat()))
}

/// Read the options bag `v` (an object, or absent: every option absent) against `set`; `name`
/// is the bag's parameter name in the error when it is no object.
#[inline(never)]
pub fn read_set(set: &Set, v: Option<Value<'_>>, name: &str) -> Result<Read> {
    let decls = set.all();
    let bag = match v {
        Some(v) if marker(v).as_deref() == Some("undefined") => None,
        Some(v) if v.kind() == J::Object && marker(v).is_none() => Some(v),
        None => None,
        Some(v) => return Err(type_error(name, "an object", v)),
    };
    let mut got = Vec::with_capacity(decls.len());
    for d in &decls {
        got.push(match bag.and_then(|b| b.get(d.name)) {
            Some(v) => read_one(d, v)?,
            None => Got::Absent,
        });
    }
    Ok(Read { decls, got })
}
