//! Cloudflare Queues as an emitter's destination: events go to a Queues producer binding, one
//! message per event, in batches within the Queues limits; `QueueEmitter`'s options.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use snowplow_core::emitter::{queue_settings, Outbox, Outcome, QueueOptions, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::keys::{self, Key};
use crate::boundary::message;
use crate::boundary::payload::queue_messages;
use crate::boundary::read::Reader;
use crate::emitter::callbacks::Callbacks;
use crate::emitter::options::EmitterSettings;
use crate::emitter::sender::{Answer, Done, Sender};
use snowplow_core::opts;

/// `obj[key]` when it is a function.
pub fn method(obj: &JsValue, key: Key) -> Option<Function> {
    keys::get(obj, key).ok()?.dyn_into::<Function>().ok()
}

/// A Queues producer binding (`sendBatch`, or `send` one message at a time).
pub struct QueueSender(JsValue);

impl Sender for QueueSender {
    /// The batch as messages `[{ body: event }]` (events without `stm`: the consumer's emitter
    /// stamps its own), handed to `sendBatch`.
    fn send(&self, req: &Request, outbox: &RefCell<Outbox>, done: Done) {
        let messages = queue_messages(&outbox.borrow().request_events(req.id));
        let queue = self.0.clone();
        wasm_bindgen_futures::spawn_local(async move { done(send_batch(&queue, messages).await) });
    }
}

/// `queue.sendBatch(messages)`, or `queue.send(body)` for each when there is no `sendBatch`.
async fn send_batch(queue: &JsValue, messages: JsValue) -> Answer {
    let sent = async {
        if let Some(send_batch) = method(queue, Key::SendBatch) {
            let p = send_batch.call1(queue, &messages)?;
            JsFuture::from(crate::boundary::js::settle(&p)).await?;
        } else if let Some(send) = method(queue, Key::Send) {
            for m in crate::boundary::js::array_copy(&messages)?.unwrap_or_default().iter() {
                let p = send.call1(queue, &keys::get(&m, Key::Body)?)?;
                JsFuture::from(crate::boundary::js::settle(&p)).await?;
            }
        }
        Ok::<(), JsValue>(())
    };
    let outcome = match sent.await {
        Ok(()) => Outcome::Status(200),
        Err(_) => Outcome::NetworkError,
    };
    Answer { outcome, retry_after_ms: None }
}

/// Read and validate the message the facade made of `new QueueEmitter(queue, options)` (the
/// rules are the core's; the binding is the object the facade took out).
pub fn read_settings(message: &str) -> JsResult<EmitterSettings> {
    let text = message::text(message, "QueueEmitter")?;
    let params = message::params(text, "QueueEmitter")?;
    let expected = "a Queues producer binding (with sendBatch or send)";
    let queue = crate::boundary::hold::taken_value(message::first_taken(params, opts::QUEUE_PARAMS, "QueueEmitter", expected)?.hold);
    if method(&queue, Key::SendBatch).is_none() && method(&queue, Key::Send).is_none() {
        return Err(Reader::new("QueueEmitter: ").type_error("", "queue", expected, &queue));
    }
    let within = |e: snowplow_core::Error| to_js(e.within("QueueEmitterOptions."));
    let mut bag = opts::read_set(&opts::QUEUE, params.at(1), "options").map_err(within)?;
    let (outbox, flush_timeout_ms) = queue_settings(&QueueOptions::from_read(&mut bag)).map_err(within)?;
    Ok(EmitterSettings { outbox, sender: Rc::new(QueueSender(queue)), callbacks: Callbacks::none(), flush_timeout_ms, store: None })
}
