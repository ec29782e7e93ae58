//! Reading a track method's options from the one JSON text the facade makes of them: the
//! event's own fields against its table ([`super::kinds`]), then the options every method
//! shares. Each message says what was given as [`describe`] words it; markers stand for what
//! JSON cannot hold (see [`crate::opts::MARK`]).

use std::borrow::Cow;

use super::kinds::{items_expected, Field, Kind, Ty};
use super::{Common, Event, SelfDescribingJson, Val};
use crate::error::{Error, Result};
use crate::json_read::{Kind as J, Value};
use crate::opts::{absent, describe, number};

/// The options every track method shares, after the event's own fields.
const COMMON: [&str; 3] = ["context", "trueTimestamp", "subject"];

/// A track call's options, read.
#[derive(Debug)]
pub struct Track {
    /// The event.
    pub event: Event,
    /// Its contexts and true timestamp (the subject is the binding's to find).
    pub common: Common,
    /// `subject` as the facade took it out, when given (the binding finds the Subject by its
    /// handle).
    pub subject: Option<crate::opts::Taken>,
}

/// Read `options` (the parameter's value; the `undefined` marker only where `may_omit`, a page
/// view in a page) for `kind`. Errors name the option without the method's prefix.
pub fn track(kind: &'static Kind, options: Value<'_>, may_omit: bool) -> Result<Track> {
    let omitted = may_omit && absent(options) && !options.is_null();
    if !omitted && !is_bag(options) {
        return Err(type_error("options", "an object", options));
    }
    let bag = if omitted { None } else { Some(options) };
    let found = gather(bag, kind.fields, &COMMON);
    let vals = fields(kind.fields, &found, "")?;
    let mut common = Common::default();
    let [context, true_timestamp, subject] = [0, 1, 2].map(|i| found.get(kind.fields.len() + i).copied().flatten());
    if let Some(v) = context.filter(|v| !absent(*v)) {
        if v.kind() != J::Array {
            return Err(type_error("context", "an array of {schema, data} objects", v));
        }
        for (i, item) in v.items().enumerate() {
            common.contexts.push(self_describing(item, &|| crate::indexed("context", i))?);
        }
    }
    if let Some(v) = true_timestamp.filter(|v| !absent(*v)) {
        common.true_timestamp = Some(number("trueTimestamp", v)?);
    }
    let subject = match subject.filter(|v| !absent(*v)) {
        None => None,
        Some(v) => Some(crate::opts::taken(v).ok_or_else(|| type_error("subject", "a Subject", v))?),
    };
    Ok(Track { event: Event { kind, vals }, common, subject })
}

fn type_error(name: &str, expected: &'static str, v: Value<'_>) -> Error {
    Error::type_error(name, expected, describe(v))
}

fn marker(v: Value<'_>) -> Option<Cow<'_, str>> {
    if v.kind() == J::Object {
        v.get(crate::opts::MARK).and_then(|m| m.as_str())
    } else {
        None
    }
}

fn marker_is(v: Value<'_>, any: &[&str]) -> bool {
    marker(v).is_some_and(|m| any.contains(&m.as_ref()))
}

/// An object that is no marker.
fn is_bag(v: Value<'_>) -> bool {
    v.kind() == J::Object && marker(v).is_none()
}

/// The value of each of `table`'s fields, then of each of `extra`, in one walk of `bag`'s
/// members (the last of duplicate keys wins, as in `JSON.parse`).
fn gather<'a>(bag: Option<Value<'a>>, table: &[Field], extra: &[&str]) -> Vec<Option<Value<'a>>> {
    let mut found = vec![None; table.len() + extra.len()];
    for (key, v) in bag.into_iter().flat_map(Value::members) {
        let at = table
            .iter()
            .position(|f| f.name.name() == key.as_ref())
            .or_else(|| extra.iter().position(|e| *e == key.as_ref()).map(|i| table.len() + i));
        if let Some(slot) = at.and_then(|i| found.get_mut(i)) {
            *slot = Some(v);
        }
    }
    found
}

/// `table`'s fields of one object, in table order; `path` starts each name (`items[0].`).
fn fields(table: &[Field], found: &[Option<Value<'_>>], path: &str) -> Result<Vec<Val>> {
    let mut vals = Vec::with_capacity(table.len());
    for (f, v) in table.iter().zip(found) {
        let name = f.name.name();
        let param = || -> Cow<'_, str> {
            if path.is_empty() {
                Cow::Borrowed(name)
            } else {
                Cow::Owned([path, name].concat())
            }
        };
        let v = match v {
            Some(v) if !absent(*v) => *v,
            _ if f.ty.required() => return Err(Error::required(param())),
            _ => {
                vals.push(Val::Absent);
                continue;
            }
        };
        vals.push(value(f, v, &param())?);
    }
    Ok(vals)
}

/// One given value checked against its field's type; `param` is its full name.
fn value(f: &Field, v: Value<'_>, param: &str) -> Result<Val> {
    if f.ty == Ty::Stack && marker_is(v, &["own"]) {
        return Ok(Val::TrackerError);
    }
    Ok(match f.ty {
        Ty::Str
        | Ty::ReqStr
        | Ty::NonEmpty
        | Ty::NullStr
        | Ty::Uuid
        | Ty::NewUuid
        | Ty::NodeName
        | Ty::FormType
        | Ty::Clip(..)
        | Ty::Stack => match v.as_str() {
            Some(s) => Val::Str(s.into_owned()),
            None => return Err(type_error(param, "a string", v)),
        },
        Ty::Num | Ty::ReqNum | Ty::Count | Ty::Int | Ty::ReqInt => Val::Num(number(param, v)?),
        Ty::Bool => match v.as_bool() {
            Some(b) => Val::Bool(b),
            None => return Err(type_error(param, "a boolean", v)),
        },
        Ty::List | Ty::Terms => Val::List(strings(v, param)?),
        Ty::Filters => Val::Pairs(filters(v, param)?),
        Ty::Items(table) => Val::Items(items(v, param, f, table)?),
        Ty::SelfDescribing => Val::SelfDescribing(Box::new(self_describing(v, &|| param.to_owned())?)),
        Ty::Any | Ty::Fixed(_) => Val::Absent,
    })
}

fn strings(v: Value<'_>, param: &str) -> Result<Vec<String>> {
    if v.kind() != J::Array {
        return Err(type_error(param, "an array of strings", v));
    }
    let mut out = Vec::new();
    for (i, item) in v.items().enumerate() {
        match item.as_str() {
            Some(s) => out.push(s.into_owned()),
            None => return Err(type_error(&crate::indexed(param, i), "a string", item)),
        }
    }
    Ok(out)
}

/// An object of name → string or boolean.
fn filters(v: Value<'_>, param: &str) -> Result<Vec<(String, Val)>> {
    if !is_bag(v) {
        return Err(type_error(param, "an object", v));
    }
    let mut out = Vec::new();
    for (key, value) in v.members() {
        let val = match (value.as_str(), value.as_bool()) {
            (Some(s), _) => Val::Str(s.into_owned()),
            (None, Some(b)) => Val::Bool(b),
            _ => return Err(type_error(&[param, ".", &key].concat(), "a string or a boolean", value)),
        };
        out.push((key.into_owned(), val));
    }
    Ok(out)
}

/// An array of objects, each read against `table`.
fn items(v: Value<'_>, param: &str, f: &Field, table: &[Field]) -> Result<Vec<Vec<Val>>> {
    if v.kind() != J::Array {
        return Err(type_error(param, items_expected(f.name), v));
    }
    let mut out = Vec::new();
    for (i, item) in v.items().enumerate() {
        let element = crate::indexed(param, i);
        if !is_bag(item) {
            return Err(type_error(&element, "an object", item));
        }
        out.push(fields(table, &gather(Some(item), table, &[]), &(element + "."))?);
    }
    Ok(out)
}

/// A context entity at `v` (a global context's, a plugin's), its schema checked; `name` words
/// an error (`"addGlobalContexts: contexts[0]"`).
pub fn entity(v: Value<'_>, name: &str) -> Result<SelfDescribingJson> {
    let sd = self_describing(v, &|| name.to_owned())?;
    sd.validate(|| name.to_owned())?;
    Ok(sd)
}

/// A `{schema, data}` object (an event or a context entity); `name` is called only to word an
/// error. `data` is kept as the exact JSON text the facade's `JSON.stringify` wrote.
fn self_describing(v: Value<'_>, name: &dyn Fn() -> String) -> Result<SelfDescribingJson> {
    if !is_bag(v) {
        return Err(type_error(&name(), "an object", v));
    }
    let (mut schema, mut data) = (None, None);
    for (key, value) in v.members() {
        match key.as_ref() {
            "schema" => schema = Some(value),
            "data" => data = Some(value),
            _ => {}
        }
    }
    let schema = match schema.and_then(|s| s.as_str()) {
        Some(s) => s.into_owned(),
        None => {
            let got = schema.map_or_else(|| "undefined".into(), describe);
            return Err(Error::type_error(name() + ".schema", "a string", got));
        }
    };
    let data = match data {
        Some(d) if marker(d).is_none() => d,
        Some(d) if !marker_is(d, &["undefined"]) => {
            return Err(type_error(&(name() + ".data"), "JSON-serialisable data (no cycles, BigInt or functions)", d));
        }
        _ => return Err(Error::type_error(name() + ".data", "JSON-serialisable data", "undefined")),
    };
    Ok(SelfDescribingJson::raw(schema, data.raw()))
}

#[cfg(test)]
mod tests;
