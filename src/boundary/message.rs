//! A call's arguments as one message: the JSON text the facade made of them (see
//! `js/facade.js` `message`), where each function or object it took out is a marker naming
//! what the host holds for the call ([`opts::Taken`]).

use snowplow_core::emitter::event_from_json;
use snowplow_core::json_read::{parse, Value};
#[cfg(feature = "edge")]
use snowplow_core::opts::Taken;
use snowplow_core::opts::{self, Got, Param};
use snowplow_core::tracker::text_bound;
use snowplow_core::{int_text, Error, Payload};

use crate::boundary::errors::{to_js, JsResult, Thrown};
use crate::boundary::read::largest_event;

/// What the facade sends instead of a message text longer than the bound the module gave it
/// ([`crate::boundary::read::announce_bound`]): such a text is refused before it is copied in.
pub const TOO_LONG: &str = "\u{0}";

/// The message's JSON text, or the error when the facade found it longer than any event could
/// be ([`TOO_LONG`]); `class` names the constructor in the error.
pub fn text<'a>(text: &'a str, class: &str) -> JsResult<&'a str> {
    if text == TOO_LONG {
        let got = ["more than ", &int_text(text_bound(largest_event()) as i64)].concat();
        return Err(to_js(Error::range_error(
            [class, ": options"].concat(),
            "JSON text of at most 4 × maxEventBytes + 65536 characters",
            got,
        )));
    }
    Ok(text)
}

/// The parameters' values in the message `text` (an array, one value per parameter).
pub fn params<'a>(text: &'a str, class: &str) -> JsResult<Value<'a>> {
    parse(text).ok_or_else(|| to_js(Error::type_error(class, "arguments as the facade sends them", "something else")))
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
pub fn read(message: &str, class: &str, method: &str) -> JsResult<Vec<Got>> {
    let name = call_name(class, method);
    let text = text(message, &name)?;
    let values = params(text, &name)?;
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

/// How an error message words the argument at `v` (`"undefined"` when there is none).
pub fn describe(v: Option<Value<'_>>) -> String {
    v.map_or_else(|| "undefined".into(), opts::describe)
}

#[cfg(feature = "edge")]
/// What the facade took out for parameter `name` (marked in the text at `v`), or the error
/// naming `name` (`"Tracker: emitters"`) with what it got instead.
pub fn taken(v: Option<Value<'_>>, name: &str, expected: &'static str) -> JsResult<Taken> {
    match v.and_then(opts::taken) {
        Some(t) => Ok(t),
        None => Err(to_js(Error::type_error(name, expected, describe(v)))),
    }
}

/// What the facade took out for the first parameter of `class`'s constructor (declared first
/// in `decl`, as `Param::Held`), or the error naming it (`"QueueEmitter: queue"`).
#[cfg(feature = "edge")]
pub fn first_taken(params: Value<'_>, decl: &[Param], class: &str, expected: &'static str) -> JsResult<Taken> {
    let name = match decl.first() {
        Some(Param::Held(n, _)) => *n,
        _ => "",
    };
    taken(params.at(0), &[class, ": ", name].concat(), expected)
}

/// The event handed to `class.input(event)` (as callbacks hand events out), read from its
/// message by core's rules ([`snowplow_core::emitter::event_from_json`]).
pub fn event(message: &str, class: &str) -> JsResult<Payload> {
    let name = call_name(class, "input");
    let text = text(message, &name)?;
    let values = params(text, &name)?;
    let read = values.at(0).map_or_else(|| Err(Error::required("event")), event_from_json);
    read.map_err(|e| to_js(e.within(&[&name, ": "].concat())))
}

/// The first argument of `class.method` (see [`read`]).
pub fn first(message: &str, class: &str, method: &str) -> JsResult<Got> {
    Ok(read(message, class, method)?.into_iter().next().unwrap_or(Got::Absent))
}

/// The error of a method index `class` does not declare.
pub fn undeclared(class: &str, index: u32) -> Thrown {
    to_js(Error::range_error([class, ".call: index"].concat(), "a declared method", int_text(i64::from(index))))
}

/// A rule's error for an argument of `class.method`, named after it.
#[inline(never)]
pub fn fail(class: &str, method: &str, e: Error) -> Thrown {
    to_js(e.within(&[&call_name(class, method), ": "].concat()))
}
