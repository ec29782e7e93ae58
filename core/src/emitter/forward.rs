//! Cloudflare Queues' rules: how a `QueueEmitter` hands a batch to its producer binding, and
//! what `forwardQueueBatch` reads of a consumer's batch, which messages it acks and which it
//! retries. The host makes the calls the module names; nothing here touches a binding.

use crate::emitter::callback_text::numbers;
use crate::emitter::{event_from_json, Counts, FailInfo, EVENT_EXPECTED};
use crate::error::{Error, Result};
use crate::json::write_list;
use crate::json_read::{parse, Kind, Value};
use crate::{key, Payload};

/// The calls that hand `events` to a producer binding, in order: one `sendBatch([{body}, …])`
/// when it has `sendBatch`, else one `send(body)` per event (each after the last settled). Each
/// is the method's name and the JSON text of its arguments; bodies are the events without `stm`
/// (the consumer's emitter stamps its own).
pub fn producer_calls(has_send_batch: bool, events: &[&Payload]) -> Vec<(&'static str, String)> {
    let body = |out: &mut String, e: &&Payload| e.write_json_without(out, key::STM);
    if has_send_batch {
        let mut text = String::from("[");
        write_list(&mut text, events, |out, e| {
            out.push_str("{\"body\":");
            body(out, e);
            out.push('}');
        });
        text.push(']');
        return vec![("sendBatch", text)];
    }
    events
        .iter()
        .map(|e| {
            let mut text = String::from("[");
            body(&mut text, e);
            text.push(']');
            ("send", text)
        })
        .collect()
}

/// What a binding must have: `sendBatch` or `send`.
pub fn is_producer(has: &[String]) -> bool {
    has.iter().any(|h| h == "sendBatch" || h == "send")
}

/// One message of a consumer's batch: the host's number for it, and its event (or why its body
/// is not one).
pub type Message = (u32, Result<Payload>);

/// The messages of a batch as the host read them (`[[number, body as JSON text or null], …]`,
/// `null` when the batch has no array of messages; see `js/clients.js` `clientItems`).
pub fn read_batch(text: &str) -> Result<Vec<Message>> {
    let items = parse(text).filter(|v| v.kind() == Kind::Array);
    let Some(items) = items else { return Err(Error::type_error("batch", "a Queues batch with messages", "something else")) };
    let mut out = Vec::with_capacity(items.len());
    for item in items.items() {
        let id = item.at(0).and_then(Value::as_number).and_then(crate::uint_read).unwrap_or(0);
        let body = item.at(1).and_then(Value::as_str);
        out.push((id, body.map_or_else(|| Err(Error::required("body")), |b| body_event(&b))));
    }
    Ok(out)
}

/// A message body as JSON text: an event object, or a string holding an event's JSON.
fn body_event(text: &str) -> Result<Payload> {
    let Some(v) = parse(text) else { return Err(Error::required("body")) };
    match v.as_str() {
        Some(inner) if v.kind() == Kind::String => match parse(&inner) {
            Some(event) => event_from_json(event),
            None => Err(Error::type_error("event", EVENT_EXPECTED, crate::error::quoted(&inner))),
        },
        _ => event_from_json(v),
    }
}

/// Which messages to ack (the others are retried): a message is acked when its event was
/// delivered. `eids` are the messages' event ids (`None` for one that is not an event);
/// `watched` and `outcomes` what the emitter said of each watched id.
pub fn acks(eids: &[Option<String>], watched: &[String], outcomes: &[Option<std::result::Result<(), FailInfo>>]) -> Vec<bool> {
    eids.iter()
        .map(|eid| eid.as_ref().is_some_and(|eid| watched.iter().zip(outcomes).any(|(e, d)| e == eid && matches!(d, Some(Ok(()))))))
        .collect()
}

/// What `forwardQueueBatch` resolves to: the flush's `{sent, failed, pending}` and the messages
/// acked and retried, as JSON text.
pub fn forward_result(flushed: Counts, acked: &[bool]) -> String {
    let yes = acked.iter().filter(|a| **a).count() as u32;
    let retried = acked.len() as u32 - yes;
    numbers(&[("sent", flushed.sent), ("failed", flushed.failed), ("pending", flushed.pending), ("acked", yes), ("retried", retried)])
}

/// The event id of each message (`None` for one that is not an event).
pub fn message_eids(messages: &[Message]) -> Vec<Option<String>> {
    messages.iter().map(|(_, e)| e.as_ref().ok().map(|p| p.get(key::EID).unwrap_or_default().to_owned())).collect()
}

#[cfg(test)]
mod tests;
