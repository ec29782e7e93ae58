//! `QueueEmitter` (events to a Cloudflare Queues producer) and `forwardQueueBatch` (a consumer
//! delivering a batch through an `Emitter`, acking what arrived).

use std::rc::Rc;

use js_sys::{Object, Promise};
use snowplow_core::{key, opts};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::boundary::answer::Answer;
use crate::boundary::errors::JsResult;
use crate::boundary::keys::{self, Key};
use crate::boundary::payload::read_event;
use crate::boundary::read::Reader;
use crate::boundary::tasks::Deferred;
use crate::emitter::queue::{method, read_settings};
use crate::emitter::state::EmitterShared;
use crate::emitter::EMITTERS;
use crate::platform::console;

/// A `QueueEmitter` (the module's side of the JS object): events to a Queues producer binding.
pub struct JsQueueEmitter {
    shared: Rc<EmitterShared>,
    id: u32,
}

impl Drop for JsQueueEmitter {
    fn drop(&mut self) {
        EMITTERS.with(|r| r.unregister(self.id));
        self.shared.flush_async();
    }
}

impl JsQueueEmitter {
    /// An emitter from the message the facade made of `new QueueEmitter(queue, options)` (the
    /// producer binding of a Worker, `env.MY_QUEUE`, taken out by the facade).
    pub fn new(message: &str) -> JsResult<JsQueueEmitter> {
        let shared = EmitterShared::new(read_settings(message)?);
        let id = EMITTERS.with(|r| r.register(shared.clone()));
        Ok(JsQueueEmitter { shared, id })
    }

    /// The handle trackers find this emitter by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Method `index` of core's declared `QueueEmitter` methods (`opts::METHODS`: flush,
    /// bufferedCount).
    pub fn call(&self, index: u32, message: &str) -> JsResult<Answer> {
        match opts::method_at("QueueEmitter", index).map_or("", |m| m.0) {
            "flush" if crate::api::tracker::is_async(message, "QueueEmitter")? => {
                self.shared.flush_async();
                Ok(Answer::Promise(Deferred::resolved("")))
            }
            "flush" => Ok(Answer::Promise(self.shared.flush())),
            "bufferedCount" => Ok(Answer::number(self.shared.buffered())),
            _ => Err(crate::boundary::message::undeclared("QueueEmitter", index)),
        }
    }
}

/// For a Worker's `queue(batch, env, ctx)` handler: feeds the messages' events (as
/// `QueueEmitter` sent them) into `emitter`, flushes it, then `ack()`s each message whose event
/// was delivered and `retry()`s the others. Resolves to `{acked, retried, sent, failed, pending}`.
///
/// Server side only (Node and Workers): the browser build does not include it.
#[wasm_bindgen(js_name = forwardQueueBatch, unchecked_return_type = "Promise<ForwardResult>")]
pub fn forward_queue_batch(
    #[wasm_bindgen(unchecked_param_type = "{ messages: readonly { body: unknown; ack(): void; retry(): void }[] }")] batch: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Emitter | AsyncEmitter")] emitter: JsValue,
) -> JsResult<Promise> {
    let r = Reader::new("forwardQueueBatch: ");
    let Some(shared) = EMITTERS.with(|r| r.lookup(&emitter)) else {
        return Err(r.type_error("", "emitter", "an Emitter or AsyncEmitter", &emitter));
    };
    let messages = if batch.is_object() { keys::get(&batch, Key::Messages)? } else { JsValue::UNDEFINED };
    let Some(messages) = r.array(&messages, "batch.messages", "an array of queue messages")? else {
        return Err(r.type_error("", "batch", "a Queues batch with messages", &batch));
    };
    let mut eids = Vec::with_capacity(messages.length() as usize);
    for m in messages.iter() {
        let body = if m.is_object() { keys::get(&m, Key::Body)? } else { JsValue::UNDEFINED };
        let body = match body.as_string() {
            Some(text) => js_sys::JSON::parse(&text).unwrap_or(body),
            None => body,
        };
        match read_event(&Reader::new("forwardQueueBatch: message "), &body) {
            Ok(p) => {
                let eid = p.get(key::EID).unwrap_or_default().to_owned();
                if !shared.contains_eid(&eid) {
                    shared.input(p);
                }
                eids.push(Some(eid));
            }
            Err(e) => {
                console::error("snowplow-tracker-wasm: forwardQueueBatch got a message that is not an event; it is retried", &e.into());
                eids.push(None);
            }
        }
    }
    let watched: Vec<String> = eids.iter().flatten().cloned().collect();
    shared.watch(&watched);
    let flushed = crate::boundary::tasks::promise(shared.flush());
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        let counts = JsFuture::from(flushed).await?;
        let outcomes = shared.outcomes(&watched);
        let (mut acked, mut retried) = (0u32, 0u32);
        for (m, eid) in messages.iter().zip(eids) {
            let delivered = eid.is_some_and(|eid| watched.iter().zip(&outcomes).any(|(e, d)| *e == eid && matches!(d, Some(Ok(())))));
            let action = if delivered { Key::Ack } else { Key::Retry };
            if let Some(f) = method(&m, action) {
                let _ = f.call0(&m);
            }
            if delivered {
                acked += 1;
            } else {
                retried += 1;
            }
        }
        let result: Object = counts.unchecked_into();
        keys::set(&result, "acked", &acked.into());
        keys::set(&result, "retried", &retried.into());
        Ok(result.into())
    }))
}
