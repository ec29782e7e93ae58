//! A constructor's arguments as one message: the JSON text the facade made of them (see
//! `js/facade.js` `message`) and the functions and host objects it took out, by slot.

use js_sys::Array;
use snowplow_core::emitter::event_from_json;
use snowplow_core::json_read::{parse, Value};
use snowplow_core::opts::{self, Got, Param};
use snowplow_core::tracker::text_bound;
use snowplow_core::{int_text, Error, Payload};
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::read::largest_event;

/// The message's JSON text, refused before it is copied in when it is longer than any event
/// could be; `class` names the constructor in the error.
pub fn text(text: &JsValue, class: &str) -> JsResult<String> {
    let bound = text_bound(largest_event());
    if crate::boundary::js::text_longer(text, bound as f64) {
        let got = ["more than ", &int_text(bound as i64)].concat();
        return Err(to_js(Error::range_error(
            [class, ": options"].concat(),
            "JSON text of at most 4 × maxEventBytes + 65536 characters",
            got,
        )));
    }
    Ok(text.as_string().unwrap_or_default())
}

/// The parameters' values in the message `text` (an array, one value per parameter).
pub fn params<'a>(text: &'a str, class: &str) -> JsResult<Value<'a>> {
    parse(text).ok_or_else(|| to_js(Error::type_error(class, "arguments as the facade sends them", "something else")))
}

/// What the facade took out of the bag, one slot per held option (see `snowplow_core::opts::slot`).
pub struct Held(Array);

impl Held {
    /// The slots the facade handed over.
    pub fn new(held: JsValue) -> Self {
        Held(held.unchecked_into::<Array>())
    }
    /// The value in `slot`, or `undefined`.
    pub fn get(&self, slot: Option<usize>) -> JsValue {
        slot.map_or(JsValue::UNDEFINED, |i| self.0.get(i as u32))
    }
}

/// `class.method`, or `method` for a module function (`class` `""`).
fn call_name(class: &str, method: &str) -> String {
    if class.is_empty() {
        method.to_owned()
    } else {
        [class, ".", method].concat()
    }
}

/// The arguments of `class.method` from its message (see `js/facade.js` `message`), each read
/// as `snowplow_core::opts::METHODS` declares it (a bag as [`Got::Bag`]); errors are named
/// `<class>.<method>: <param>`. One function for every method: nothing here is generic.
#[inline(never)]
pub fn read(message: &JsValue, class: &str, method: &str) -> JsResult<Vec<Got>> {
    let name = call_name(class, method);
    let text = text(message, &name)?;
    let values = params(&text, &name)?;
    let declared = opts::method_params(class, method);
    let mut out = Vec::with_capacity(declared.len());
    for (i, p) in declared.iter().enumerate() {
        let v = values.at(i);
        let got = match p {
            Param::Option(d) => v.map_or(Ok(Got::Absent), |v| opts::read_one(d, v)),
            Param::Bag(bag, set) => opts::read_set(set, v, bag).map(Got::Bag),
            _ => Ok(Got::Absent),
        };
        out.push(got.map_err(|e| to_js(e.within(&[&name, ": "].concat())))?);
    }
    Ok(out)
}

/// The object the facade took out for parameter `name` (marked in the text at `v`, kept in
/// `slot`), or the error naming `name` (`"Tracker: emitters"`) with what it got instead.
pub fn held_object(v: Option<Value<'_>>, held: &Held, slot: Option<usize>, name: &str, expected: &'static str) -> JsResult<JsValue> {
    match v {
        Some(v) if opts::is_held(v) => Ok(held.get(slot)),
        v => Err(to_js(Error::type_error(name, expected, v.map_or_else(|| "undefined".into(), opts::describe)))),
    }
}

/// The object the facade took out for the first parameter of `class`'s constructor (declared
/// first in `decl`, as `Param::Held`), or the error naming it (`"QueueEmitter: queue"`) with
/// what it got instead.
#[cfg(feature = "edge")]
pub fn first_held(params: Value<'_>, held: &Held, decl: &[Param], class: &str, expected: &'static str) -> JsResult<JsValue> {
    let name = match decl.first() {
        Some(Param::Held(n)) => *n,
        _ => "",
    };
    held_object(params.at(0), held, opts::held_slot(decl, name), &[class, ": ", name].concat(), expected)
}

/// The event handed to `class.input(event)` (as callbacks hand events out), read from its
/// message by core's rules ([`snowplow_core::emitter::event_from_json`]).
pub fn event(message: &JsValue, class: &str) -> JsResult<Payload> {
    let name = call_name(class, "input");
    let text = text(message, &name)?;
    let values = params(&text, &name)?;
    let read = values.at(0).map_or_else(|| Err(Error::required("event")), event_from_json);
    read.map_err(|e| to_js(e.within(&[&name, ": "].concat())))
}

/// The first argument of `class.method` (see [`read`]).
pub fn first(message: &JsValue, class: &str, method: &str) -> JsResult<Got> {
    Ok(read(message, class, method)?.into_iter().next().unwrap_or(Got::Absent))
}

/// A rule's error for an argument of `class.method`, named after it.
#[inline(never)]
pub fn fail(class: &str, method: &str, e: Error) -> JsValue {
    to_js(e.within(&[&call_name(class, method), ": "].concat()))
}
