//! Cloudflare Queues as an emitter's destination: events go to a Queues producer binding the
//! host holds, one message per event, in batches within the Queues limits, by the calls core
//! names (`snowplow_core::emitter::forward::producer_calls`); `QueueEmitter`'s options.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::emitter::forward::{is_producer, producer_calls};
use snowplow_core::emitter::{queue_settings, Outbox, Outcome, QueueOptions, Request};
use snowplow_core::{opts, Error};

use crate::boundary::clients::{self, client_failed, Answer as Answered};
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::message;
use crate::emitter::callbacks::Callbacks;
use crate::emitter::options::EmitterSettings;
use crate::emitter::sender::{Answer, Done, Sender};

/// A Queues producer binding (`sendBatch`, or `send` one message at a time).
pub struct QueueSender {
    queue: Rc<Hold>,
    send_batch: bool,
}

impl Sender for QueueSender {
    /// The batch's calls (`sendBatch([{ body: event }])`, or `send(event)` each), one after the
    /// other; a call that throws or rejects ends the attempt as a network error.
    fn send(&self, req: &Request, outbox: &RefCell<Outbox>, done: Done) {
        let calls = producer_calls(self.send_batch, &outbox.borrow().request_events(req.id));
        next_call(self.queue.clone(), calls.into_iter(), done);
    }
}

/// Make the first of `calls`, then the rest once it settled; `done` with the end (always
/// later: a request has at least one event, so one call).
fn next_call(queue: Rc<Hold>, mut calls: std::vec::IntoIter<(&'static str, String)>, done: Done) {
    let Some((name, args)) = calls.next() else {
        return done(Answer { outcome: Outcome::Status(200), retry_after_ms: None });
    };
    let q = queue.clone();
    clients::call(&queue, name, &args, 0, Answered::Done, move |answered| match answered {
        Ok(_) => next_call(q, calls, done),
        Err(task) => {
            client_failed(0, task);
            done(Answer { outcome: Outcome::NetworkError, retry_after_ms: None });
        }
    });
}

/// Read and validate the message the facade made of `new QueueEmitter(queue, options)` (the
/// rules are the core's; the binding is the object the facade took out).
pub fn read_settings(message: &str) -> JsResult<EmitterSettings> {
    let text = message::text(message, "QueueEmitter")?;
    let params = message::params(text, "QueueEmitter")?;
    let expected = "a Queues producer binding (with sendBatch or send)";
    let queue = message::first_taken(params, opts::QUEUE_PARAMS, "QueueEmitter", expected)?;
    if !is_producer(&queue.has) {
        return Err(to_js(Error::type_error("QueueEmitter: queue", expected, queue.describe())));
    }
    let send_batch = queue.has_all(&["sendBatch"]);
    let within = |e: Error| to_js(e.within("QueueEmitterOptions."));
    let mut bag = opts::read_set(&opts::QUEUE, params.at(1), "options").map_err(within)?;
    let (outbox, flush_timeout_ms) = queue_settings(&QueueOptions::from_read(&mut bag)).map_err(within)?;
    let sender = Rc::new(QueueSender { queue: Rc::new(Hold::keep(queue.hold)), send_batch });
    Ok(EmitterSettings { outbox, sender, callbacks: Callbacks::none(), flush_timeout_ms, store: None })
}
