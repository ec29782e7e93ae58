//! Events across the boundary, both ways: events as Queues messages see them (plain objects of
//! strings, built as JSON text and parsed once; callbacks and custom emitters get theirs as
//! text, see `snowplow_core::emitter::callback_text`) and the readers of events back into
//! payloads.

#[cfg(feature = "edge")]
use snowplow_core::emitter::incoming_event;
use snowplow_core::emitter::{event_from_json, EVENT_EXPECTED};
use snowplow_core::Payload;
#[cfg(feature = "edge")]
use wasm_bindgen::JsValue;

#[cfg(feature = "edge")]
use crate::boundary::errors::{self, JsResult};
#[cfg(feature = "edge")]
use crate::boundary::read::{is_options_object, Reader};

/// `events` as Cloudflare Queues messages: `[{ body: event }, …]`, events without `stm`.
#[cfg(feature = "edge")]
pub fn queue_messages(events: &[&Payload]) -> JsValue {
    let mut json = String::from("[");
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str("{\"body\":");
        e.write_json_without(&mut json, snowplow_core::key::STM);
        json.push('}');
    }
    json.push(']');
    js_sys::JSON::parse(&json).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// An event as JSON text (a stored event) back to a [`Payload`], by core's rules.
pub fn event_from_text(text: &str) -> snowplow_core::Result<Payload> {
    match snowplow_core::json_read::parse(text) {
        Some(v) => event_from_json(v),
        None => Err(snowplow_core::Error::type_error("event", EVENT_EXPECTED, "text that is not JSON")),
    }
}

/// An event object as callbacks hand it out, back to a [`Payload`]: its JS types checked here,
/// its fields by the core's rules ([`snowplow_core::emitter::incoming_event`]).
#[cfg(feature = "edge")]
pub fn read_event(r: &Reader, event: &JsValue) -> JsResult<Payload> {
    if !is_options_object(event)? {
        return Err(r.type_error("", "event", "an event object (as onFailure hands it out)", event));
    }
    let entries = crate::boundary::js::entries(event)?;
    let mut pairs = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        let Some(text) = value.as_string() else { return Err(r.type_error("event.", &name, "a string", &value)) };
        pairs.push((name, text));
    }
    incoming_event(&pairs).map_err(|e| errors::to_js(e.within(&r.prefix())))
}
