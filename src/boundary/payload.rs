//! Events across the boundary, both ways: the one payload → JS converter (events as callbacks,
//! custom emitters and Queues messages see them: plain objects of strings, built as JSON text
//! and parsed once) and the reader of such an object back into a payload.

use snowplow_core::{constants::PAYLOAD_KEYS, key, Payload};
use wasm_bindgen::JsValue;

use crate::boundary::errors::JsResult;
use crate::boundary::read::{is_options_object, Reader};

/// How events are handed to JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[event, …]`.
    Events,
    /// `[{ body: event }, …]`, events without `stm` (Cloudflare Queues messages).
    #[cfg(feature = "edge")]
    QueueMessages,
}

/// `events` as a JS array in `shape`.
pub fn to_js(events: &[&Payload], shape: Shape) -> JsValue {
    let mut json = String::from("[");
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        match shape {
            Shape::Events => e.write_json(&mut json),
            #[cfg(feature = "edge")]
            Shape::QueueMessages => {
                json.push_str("{\"body\":");
                e.write_json_without(&mut json, key::STM);
                json.push('}');
            }
        }
    }
    json.push(']');
    js_sys::JSON::parse(&json).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// One event as a JS object.
pub fn one_to_js(event: &Payload) -> JsValue {
    js_sys::JSON::parse(&event.to_json()).unwrap_or(JsValue::UNDEFINED)
}

/// An event object as callbacks hand it out, back to a [`Payload`] (`stm` dropped: each send
/// stamps its own).
pub fn read_event(r: &Reader, event: &JsValue) -> JsResult<Payload> {
    if !is_options_object(event)? {
        return Err(r.type_error("", "event", "an event object (as onFailure hands it out)", event));
    }
    let mut p = Payload::with_capacity(20);
    for (name, value) in crate::boundary::js::entries(event)? {
        let Some(&k) = PAYLOAD_KEYS.iter().find(|k| **k == name) else {
            return Err(r.type_error("event.", &name, "absent (not a tracker protocol field)", &value));
        };
        let Some(value) = value.as_string() else { return Err(r.type_error("event.", &name, "a string", &value)) };
        if k != key::STM {
            p.add(k, &value);
        }
    }
    for required in [key::EVENT, key::EID, key::PLATFORM, key::TV] {
        if p.get(required).is_none() {
            return Err(r.type_error("event.", required, "a non-empty string", &JsValue::UNDEFINED));
        }
    }
    Ok(p)
}
