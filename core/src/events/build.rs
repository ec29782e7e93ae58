//! The one interpreter of the event tables: checks each field's rule and writes it as a
//! protocol field or a schema property.

use std::borrow::Cow;

use super::kinds::{Field, Shape, Ty};
use super::{self_describing_payload, Event, SelfDescribingJson};
use crate::error::{Error, Result};
use crate::json::{write_str, Object, Value};
use crate::{key, validate, Num, Payload};

/// A field's value as read from JS, its JS type already checked against its [`Ty`].
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Not given (`undefined` or `null`).
    Absent,
    /// An `Error` the tracker itself threw (as the facade marks it): `trackError` never tracks it.
    TrackerError,
    /// A string.
    Str(String),
    /// A finite number.
    Num(Num),
    /// A boolean.
    Bool(bool),
    /// An array of strings.
    List(Vec<String>),
    /// `name → string or boolean` pairs ([`Ty::Filters`]).
    Pairs(Vec<(String, Val)>),
    /// Objects read against the field's table ([`Ty::Items`]).
    Items(Vec<Vec<Val>>),
    /// A `{schema, data}` object.
    SelfDescribing(Box<SelfDescribingJson>),
}

/// `path` + the field's name, for errors (`items[0].sku`); no allocation at the top level.
fn param<'a>(path: &str, f: &'a Field) -> Cow<'a, str> {
    if path.is_empty() {
        Cow::Borrowed(f.name.name())
    } else {
        Cow::Owned([path, f.name.name()].concat())
    }
}

/// The core's rule for a field; the form input type comes back lower-cased.
fn check(f: &Field, v: &Val, path: &str) -> Result<Option<String>> {
    let p = || param(path, f);
    match (f.ty, v) {
        (Ty::NonEmpty, Val::Str(s)) => validate::non_empty(&p(), s).map(|_| None),
        (Ty::Uuid | Ty::NewUuid, Val::Str(s)) => validate::uuid(&p(), s).map(|()| None),
        (Ty::NodeName, Val::Str(s)) => validate::node_name(&p(), s).map(|()| None),
        (Ty::FormType, Val::Str(s)) => validate::form_type(&p(), s).map(Some),
        (Ty::Count, Val::Num(n)) => validate::count(&p(), n).map(|()| None),
        (Ty::Int | Ty::ReqInt, Val::Num(n)) => validate::int32(&p(), n).map(|()| None),
        (Ty::Terms, Val::List(l)) if !l.is_empty() => Ok(None),
        (Ty::Terms, _) => Err(Error::type_error(p(), "a non-empty array of strings", "[]")),
        (Ty::SelfDescribing, Val::SelfDescribing(sd)) => sd.validate(|| p().into_owned()).map(|()| None),
        _ => Ok(None),
    }
}

/// Protocol fields: each present field under its wire key.
fn native(p: &mut Payload, fields: &[Field], vals: &[Val], path: &str) -> Result<()> {
    for (f, v) in fields.iter().zip(vals) {
        check(f, v, path)?;
        match v {
            Val::Str(s) => p.add(f.key, s),
            Val::Num(n) => p.add(f.key, n.as_str()),
            _ => {}
        }
    }
    Ok(())
}

/// Schema data: each present field under its property name.
fn object(fields: &[Field], vals: Vec<Val>, path: &str, new_id: &mut dyn FnMut() -> String) -> Result<Object> {
    let mut o = Object::new();
    for (f, v) in fields.iter().zip(vals) {
        let lowered = check(f, &v, path)?;
        let value = match (f.ty, v) {
            (Ty::Fixed(text), _) => Some(Value::Str(text.to_owned())),
            (_, v) => match v {
                Val::Absent if f.ty == Ty::NullStr => Some(Value::Null),
                Val::Absent if f.ty == Ty::NewUuid => Some(Value::Str(new_id())),
                Val::Str(s) => Some(Value::Str(match f.ty {
                    Ty::Clip(max, _) => clip(s, max),
                    Ty::Stack => clip(s, 8192),
                    _ => lowered.unwrap_or(s),
                })),
                Val::Num(n) => Some(Value::Num(n)),
                Val::Bool(b) => Some(Value::Bool(b)),
                Val::List(l) => Some(Value::StrList(l)),
                Val::Pairs(pairs) => Some(Value::Raw(pairs_json(&pairs))),
                Val::Items(items) if !items.is_empty() => {
                    let Ty::Items(table) = f.ty else { continue };
                    let mut list = Vec::with_capacity(items.len());
                    for (i, item) in items.into_iter().enumerate() {
                        list.push(object(table, item, &(crate::indexed(&param(path, f), i) + "."), new_id)?);
                    }
                    Some(Value::ObjectList(list))
                }
                _ => None,
            },
        };
        o.set_opt(f.key, value);
    }
    Ok(o)
}

/// `s` cut to at most `max` characters.
fn clip(mut s: String, max: usize) -> String {
    if let Some((at, _)) = s.char_indices().nth(max) {
        s.truncate(at);
    }
    s
}

/// `{"name":"value"|bool,…}` of a filters object.
fn pairs_json(pairs: &[(String, Val)]) -> String {
    let mut json = String::from("{");
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        write_str(&mut json, name);
        json.push(':');
        match value {
            Val::Str(s) => write_str(&mut json, s),
            Val::Bool(b) => json.push_str(if *b { "true" } else { "false" }),
            _ => json.push_str("null"),
        }
    }
    json.push('}');
    json
}

/// `e=tr`, then one `e=ti` per item with the order's id and currency.
fn transaction(fields: &[Field], mut vals: Vec<Val>) -> Result<Vec<Payload>> {
    let items = match vals.pop() {
        Some(Val::Items(items)) => items,
        _ => Vec::new(),
    };
    let mut tr = Payload::with_capacity(28);
    tr.add(key::EVENT, "tr");
    native(&mut tr, fields, &vals, "")?;
    let id = tr.get("tr_id").unwrap_or_default().to_owned();
    let currency = tr.get("tr_cu").map(str::to_owned);
    let table = match fields.last().map(|f| f.ty) {
        Some(Ty::Items(table)) => table,
        _ => &[],
    };
    let mut out = Vec::with_capacity(1 + items.len());
    out.push(tr);
    for (i, item) in items.iter().enumerate() {
        let mut ti = Payload::with_capacity(26);
        ti.add(key::EVENT, "ti");
        ti.add("ti_id", &id);
        native(&mut ti, table, item, &(crate::indexed("items", i) + "."))?;
        ti.add_opt("ti_cu", currency.as_deref());
        out.push(ti);
    }
    Ok(out)
}

impl Event {
    /// Check every field and build the event-specific payload fields: one payload, or for a
    /// transaction the `tr` payload and one `ti` per item. `new_id` makes a UUID where needed.
    pub fn build(self, encode_base64: bool, new_id: &mut dyn FnMut() -> String) -> Result<Vec<Payload>> {
        let kind = self.kind;
        let sd = match kind.shape {
            Shape::Native(e) => {
                let mut p = Payload::with_capacity(24);
                p.add(key::EVENT, e);
                native(&mut p, kind.fields, &self.vals, "")?;
                return Ok(vec![p]);
            }
            Shape::Transaction => return transaction(kind.fields, self.vals),
            Shape::Schema(schema) => {
                let o = object(kind.fields, self.vals, "", new_id)?;
                if kind.needs_one && o.is_empty() {
                    let names = kind.fields.iter().map(|f| f.name.name()).fold(String::new(), |all, n| {
                        if all.is_empty() {
                            n.to_owned()
                        } else {
                            all + " or " + n
                        }
                    });
                    return Err(Error::type_error(names, "given (the schema needs one of them)", "neither"));
                }
                SelfDescribingJson { schema: schema.into(), data: Value::Object(o) }
            }
            Shape::UserEvent => match self.vals.into_iter().next() {
                Some(Val::SelfDescribing(sd)) => {
                    sd.validate(|| "event".to_owned())?;
                    *sd
                }
                _ => return Err(Error::required("event")),
            },
        };
        Ok(vec![self_describing_payload(&sd, encode_base64)])
    }
}
