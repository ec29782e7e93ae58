//! `QueueEmitter` (events to a Cloudflare Queues producer) and `forwardQueueBatch` (a consumer
//! delivering a batch through an `Emitter`, acking what arrived).

use std::rc::Rc;

use snowplow_core::emitter::forward::{acks, forward_result, message_eids, read_batch};
use snowplow_core::{opts, Error};

use crate::boundary::answer::Answer;
use crate::boundary::clients;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::message;
use crate::boundary::tasks::Deferred;
use crate::emitter::queue::read_settings;
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

/// `forwardQueueBatch(batch, emitter)` from its message (what it does is in core's
/// `METHOD_DOCS` and `emitter::forward`): the number of the deferred it resolves.
///
/// Server side only (Node and Workers): the browser build does not include it.
pub fn forward_queue_batch(message: &str) -> JsResult<Answer> {
    let text = message::text(message, "forwardQueueBatch")?;
    let params = message::params(text, "forwardQueueBatch")?;
    let batch = message::taken(params.at(0), "forwardQueueBatch: batch", "a Queues batch with messages")?;
    let expected = "an Emitter or AsyncEmitter";
    let emitter = message::taken(params.at(1), "forwardQueueBatch: emitter", expected)?;
    let Some(shared) = EMITTERS.with(|r| r.get(emitter.handle)) else {
        return Err(to_js(Error::type_error("forwardQueueBatch: emitter", expected, emitter.describe())));
    };
    let items = clients::items(batch.hold, "messages", "body")?;
    let messages = read_batch(&items).map_err(|e| to_js(e.within("forwardQueueBatch: ")))?;
    let eids = message_eids(&messages);
    let mut held = Vec::with_capacity(messages.len());
    for (id, event) in messages {
        held.push(Hold::adopt(id));
        match event {
            Ok(p) => {
                shared.input_new(p);
            }
            Err(e) => console::error(
                "snowplow-tracker-wasm: forwardQueueBatch got a message that is not an event; it is retried",
                &to_js(e.within("forwardQueueBatch: message ")).into(),
            ),
        }
    }
    let watched: Vec<String> = eids.iter().flatten().cloned().collect();
    shared.watch(&watched);
    let (id, done) = Deferred::new();
    let emitter = shared.clone();
    shared.flush_then(Box::new(move |counts| {
        let acked = acks(&eids, &watched, &emitter.outcomes(&watched));
        for (message, ack) in held.iter().zip(&acked) {
            let name = if *ack { "ack" } else { "retry" };
            clients::call_and_forget(message, name, "[]", "snowplow-tracker-wasm: a Queues message's ack() or retry() failed");
        }
        done.resolve(&forward_result(counts, &acked));
    }));
    Ok(Answer::Promise(id))
}
