//! Cloudflare Queues, the edge twin of the seed's CeleryEmitter: `QueueEmitter` hands events to
//! a Queues producer binding (one message per event, batches within the Queues limits) and
//! `forwardQueueBatch` delivers a consumer's batch through an `Emitter`, acking what arrived.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise};
use snowplow_core::emitter::{Method, OutboxConfig, Outcome, RetryPolicy};
use snowplow_core::{key, Error, Payload};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::console;
use crate::emitter::read_event;
use crate::emitter_options::EmitterSettings;
use crate::emitter_state::EmitterShared;
use crate::errors::{to_js, JsResult};
use crate::handles::{self, Handle};
use crate::props::{self, Key};
use crate::read::{Reader, Ty, Val};
use crate::transport::{Answer, Sender};

/// Queues limits: messages per `sendBatch`, bytes per batch, bytes per message.
const MAX_MESSAGES: usize = 100;
const MAX_BATCH_BYTES: usize = 256_000;
const MAX_MESSAGE_BYTES: usize = 128_000;

fn method(obj: &JsValue, key: Key) -> Option<Function> {
    props::get(obj, key).ok()?.dyn_into::<Function>().ok()
}

/// The messages for a batch: `[{ body: event }]`, each event a plain object of strings
/// without `stm` (the consumer's emitter stamps its own).
pub fn messages(events: &[&Payload]) -> JsValue {
    let mut json = String::from("[");
    for (i, e) in events.iter().enumerate() {
        json.push_str(if i > 0 { ",{\"body\":" } else { "{\"body\":" });
        e.write_json_without(&mut json, key::STM);
        json.push('}');
    }
    json.push(']');
    js_sys::JSON::parse(&json).unwrap_or_else(|_| Array::new().into())
}

/// `queue.sendBatch(messages)`, or `queue.send(body)` for each when there is no `sendBatch`.
pub async fn send_batch(queue: &JsValue, messages: JsValue) -> Answer {
    let sent = async {
        if let Some(send_batch) = method(queue, Key::SendBatch) {
            let p = send_batch.call1(queue, &messages)?;
            JsFuture::from(crate::safe::settle(&p)).await?;
        } else if let Some(send) = method(queue, Key::Send) {
            for m in crate::safe::array_copy(&messages)?.unwrap_or_default().iter() {
                let p = send.call1(queue, &props::get(&m, Key::Body)?)?;
                JsFuture::from(crate::safe::settle(&p)).await?;
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

fn read_settings(queue: JsValue, options: JsValue) -> JsResult<EmitterSettings> {
    let r = Reader::new("QueueEmitter: ");
    if !queue.is_object() || (method(&queue, Key::SendBatch).is_none() && method(&queue, Key::Send).is_none()) {
        return Err(r.type_error("", "queue", "a Queues producer binding (with sendBatch or send)", &queue));
    }
    let o = Reader::new("QueueEmitterOptions.");
    o.object(&options, "options", true)?;
    let spec = [(Key::BufferSize, Ty::Num), (Key::ByteLimit, Ty::Num), (Key::MaxRetryDelaySeconds, Ty::Num), (Key::FlushTimeout, Ty::Num)];
    let mut f = o.fields(&options, "", &spec)?;
    let mut count = |name: &str, default: f64, min: f64, max: f64, integer: bool| match f.num() {
        None => Ok(default),
        Some(n) if (!integer || n.is_integer()) && n.value() >= min && n.value() <= max => Ok(n.value()),
        Some(n) => Err(to_js(Error::range_error(o.param("", name), "a number in its allowed range (see the README)", n.as_str()))),
    };
    let buffer_size = count("bufferSize", 10.0, 1.0, 1e9, true)? as usize;
    let byte_limit = count("byteLimit", MAX_BATCH_BYTES as f64, 1.0, MAX_BATCH_BYTES as f64, true)? as usize;
    let max_delay_ms = count("maxRetryDelaySeconds", 60.0, 0.0, 1e9, false)? * 1000.0;
    let flush_timeout_ms = count("flushTimeout", 10.0, 0.0, 1e9, false)? * 1000.0;
    Ok(EmitterSettings {
        outbox: OutboxConfig {
            method: Method::Post,
            get_url: String::new(),
            post_url: String::new(),
            buffer_size,
            byte_limit,
            capacity: 10_000,
            max_in_flight: 1,
            max_batch_events: MAX_MESSAGES,
            max_event_bytes: MAX_MESSAGE_BYTES,
            retry: RetryPolicy { custom: Vec::new(), max_retries: None, max_delay_ms: max_delay_ms as u64 },
        },
        sender: Sender::Queue(queue),
        on_success: None,
        on_failure: None,
        flush_timeout_ms,
    })
}

/// Hands events to a Cloudflare Queues producer binding, one message per event, in batches
/// within the Queues limits (100 messages and 256 KB per batch, 128 KB per message). Like the
/// seed's CeleryEmitter it has no callbacks: a failed `sendBatch` keeps the events buffered and
/// retries them with backoff, reported with `console.warn`.
#[wasm_bindgen(js_name = QueueEmitter)]
pub struct JsQueueEmitter {
    shared: Rc<EmitterShared>,
    id: u32,
}

impl Drop for JsQueueEmitter {
    fn drop(&mut self) {
        handles::unregister(self.id);
        self.shared.flush_async();
    }
}

#[wasm_bindgen(js_class = QueueEmitter)]
impl JsQueueEmitter {
    /// An emitter for `queue`, the producer binding of a Worker (`env.MY_QUEUE`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "QueueProducer")] queue: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "QueueEmitterOptions")] options: JsValue,
    ) -> JsResult<JsQueueEmitter> {
        let shared = EmitterShared::new(read_settings(queue, options)?);
        let id = handles::register(Handle::Emitter(shared.clone()));
        Ok(JsQueueEmitter { shared, id })
    }

    /// Internal: the handle number a tracker uses to find this emitter.
    #[wasm_bindgen(getter, js_name = __snowplowHandle, skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.id
    }

    /// Send everything buffered to the queue; resolves to `{sent, failed, pending}` as an
    /// `Emitter`'s flush does (`flush(true)`: start and resolve at once).
    #[wasm_bindgen(unchecked_return_type = "Promise<FlushResult | undefined>")]
    pub fn flush(&self, #[wasm_bindgen(unchecked_optional_param_type = "boolean")] is_async: JsValue) -> JsResult<Promise> {
        if matches!(Reader::new("QueueEmitter.flush: ").value(is_async, Ty::Bool, "", "isAsync")?, Val::Bool(true)) {
            self.shared.flush_async();
            return Ok(Promise::resolve(&JsValue::UNDEFINED));
        }
        Ok(self.shared.flush())
    }

    /// Events buffered, waiting to be sent or retried.
    #[wasm_bindgen(getter, js_name = bufferedCount)]
    pub fn buffered_count(&self) -> u32 {
        self.shared.buffered() as u32
    }
}

/// For a Worker's `queue(batch, env, ctx)` handler: feeds the messages' events (as
/// `QueueEmitter` sent them) into `emitter`, flushes it, then `ack()`s each message whose event
/// was delivered and `retry()`s the others. Resolves to `{acked, retried, sent, failed, pending}`.
#[wasm_bindgen(js_name = forwardQueueBatch, unchecked_return_type = "Promise<ForwardResult>")]
pub fn forward_queue_batch(
    #[wasm_bindgen(unchecked_param_type = "{ messages: readonly { body: unknown; ack(): void; retry(): void }[] }")] batch: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Emitter | AsyncEmitter")] emitter: JsValue,
) -> JsResult<Promise> {
    let r = Reader::new("forwardQueueBatch: ");
    let Some(Handle::Emitter(shared)) = handles::lookup(&emitter) else {
        return Err(r.type_error("", "emitter", "an Emitter or AsyncEmitter", &emitter));
    };
    let messages = if batch.is_object() { props::get(&batch, Key::Messages)? } else { JsValue::UNDEFINED };
    let Some(messages) = r.array(&messages, "batch.messages", "an array of queue messages")? else {
        return Err(r.type_error("", "batch", "a Queues batch with messages", &batch));
    };
    let mut eids = Vec::with_capacity(messages.length() as usize);
    for m in messages.iter() {
        let body = if m.is_object() { props::get(&m, Key::Body)? } else { JsValue::UNDEFINED };
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
                console::error("snowplow-tracker-wasm: forwardQueueBatch got a message that is not an event; it is retried", &e);
                eids.push(None);
            }
        }
    }
    let watched: Vec<String> = eids.iter().flatten().cloned().collect();
    shared.watch(&watched);
    let flushed = shared.flush();
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        let counts = JsFuture::from(flushed).await?;
        let outcomes = shared.delivered(&watched);
        let (mut acked, mut retried) = (0u32, 0u32);
        for (m, eid) in messages.iter().zip(eids) {
            let delivered = eid.is_some_and(|eid| watched.iter().zip(&outcomes).any(|(e, d)| *e == eid && *d));
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
        props::set(&result, "acked", &acked.into());
        props::set(&result, "retried", &retried.into());
        Ok(result.into())
    }))
}
