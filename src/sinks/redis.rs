//! Redis, the Python tracker's RedisEmitter and RedisWorker for today's clients: `RedisEmitter` appends
//! each event to a Redis list as a JSON string, and `drainRedis` moves them to a collector
//! through an `Emitter`, crash-safe: events are moved atomically (LMOVE) to a processing list
//! first, and whatever is not delivered goes back to the head of the list, in order.

use std::rc::Rc;

use js_sys::{Function, Promise};
use snowplow_core::emitter::FailInfo;
use snowplow_core::{key, Payload};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::handles::Registry;
use crate::boundary::keys::{self, Key};
use crate::boundary::payload::event_from_text;
use crate::boundary::read::{Reader, Ty, Val};
use crate::emitter::state::EmitterShared;
use crate::platform::console;

/// A Redis client: node-redis (`rPush`, `lMove`, `lRem`) or ioredis / @upstash/redis (`rpush`…).
#[derive(Clone)]
pub struct RedisClient(JsValue);

impl RedisClient {
    fn method(&self, camel: Key, lower: Key) -> Option<Function> {
        [camel, lower].into_iter().find_map(|k| keys::get(&self.0, k).ok()?.dyn_into::<Function>().ok())
    }

    /// Check `client` has what `needs` lists; `param` names it in the error.
    pub fn new(r: &Reader, client: JsValue, name: &str, needs: &[(Key, Key)], expected: &'static str) -> JsResult<RedisClient> {
        let c = RedisClient(client);
        if !c.0.is_object() || needs.iter().any(|(a, b)| c.method(*a, *b).is_none()) {
            return Err(r.type_error("", name, expected, &c.0));
        }
        Ok(c)
    }

    async fn call(&self, camel: Key, lower: Key, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f = self.method(camel, lower).ok_or_else(|| JsValue::from_str("missing Redis command"))?;
        let args: js_sys::Array = args.iter().collect();
        JsFuture::from(crate::boundary::js::settle(&f.apply(&self.0, &args)?)).await
    }

    fn rpush(&self, list: &str, value: &str) -> Result<JsValue, JsValue> {
        let f = self.method(Key::RPushCamel, Key::RPush).ok_or_else(|| JsValue::from_str("missing RPUSH"))?;
        f.call2(&self.0, &list.into(), &value.into())
    }

    /// `LMOVE from to fromSide toSide`: the moved element, or `None` when `from` is empty.
    async fn lmove(&self, from: &str, to: &str, from_side: &str, to_side: &str) -> Result<Option<Moved>, JsValue> {
        let args = [from.into(), to.into(), from_side.into(), to_side.into()];
        let raw = self.call(Key::LMoveCamel, Key::LMove, &args).await?;
        if raw.is_undefined() || raw.is_null() {
            return Ok(None);
        }
        // A string, or bytes (clients set to return Buffers) decoded as UTF-8.
        let text = raw.as_string().or_else(|| raw.dyn_ref::<js_sys::Uint8Array>().and_then(|bytes| String::from_utf8(bytes.to_vec()).ok()));
        Ok(Some(Moved { raw, text }))
    }

    /// `LREM list 1 value`, with the value exactly as Redis gave it.
    async fn lrem(&self, list: &str, value: &JsValue) -> Result<JsValue, JsValue> {
        self.call(Key::LRemCamel, Key::LRem, &[list.into(), 1.into(), value.clone()]).await
    }

    async fn rpush_wait(&self, list: &str, value: &str) -> Result<JsValue, JsValue> {
        self.call(Key::RPushCamel, Key::RPush, &[list.into(), value.into()]).await
    }
}

/// An element `LMOVE` moved: as Redis gave it, and as text when it is some.
struct Moved {
    raw: JsValue,
    text: Option<String>,
}

/// A dead letter: the stored event and why the collector refused it for good.
fn dead_letter(stored: &str, why: &FailInfo) -> String {
    let status = snowplow_core::int_text(why.status.into());
    ["{\"reason\":\"", why.reason.name(), "\",\"status\":", &status, ",\"event\":", stored, "}"].concat()
}

/// The list key: a non-empty string, `"snowplow"` when absent.
pub fn list_key(r: &Reader, v: JsValue) -> JsResult<String> {
    let key = match r.value(v, Ty::Str, "", "key")? {
        Val::Str(k) => Some(k),
        _ => None,
    };
    snowplow_core::emitter::redis_key(&r.param("", "key"), key.as_deref()).map_err(crate::boundary::errors::to_js)
}

/// Shared state of a `RedisEmitter`.
pub struct RedisShared {
    /// The client.
    pub client: RedisClient,
    /// The list events are appended to.
    pub key: String,
}

thread_local! {
    /// Live `RedisEmitter`s.
    pub static REDIS: Registry<Rc<RedisShared>> = const { Registry::new() };
}

impl RedisShared {
    /// `RPUSH key <event as JSON>`; a failure is reported with the event, never silent.
    pub fn input(&self, event: &Payload) {
        let json = event.to_json();
        let report = |e: &JsValue, json: &str| {
            console::error(&["snowplow-tracker-wasm: RPUSH to Redis failed; the event was not stored: ", json].concat(), e);
        };
        match self.client.rpush(&self.key, &json) {
            Err(e) => report(&e, &json),
            Ok(p) => wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = JsFuture::from(crate::boundary::js::settle(&p)).await {
                    report(&e, &json);
                }
            }),
        }
    }
}

/// Where `drainRedis` reads and writes.
pub struct DrainLists {
    /// The list of events.
    pub key: String,
    /// Where events refused for good go.
    pub dead: String,
}

/// The drain itself (see `drainRedis`): resolves to `{sent, requeued, invalid, dead}`.
pub fn drain(client: RedisClient, lists: DrainLists, shared: Rc<EmitterShared>, batch: usize) -> Promise {
    let DrainLists { key, dead } = lists;
    let processing = [key.as_str(), ":processing"].concat();
    wasm_bindgen_futures::future_to_promise(async move {
        // A drain that crashed left events in the processing list: back to the head, in order.
        while client.lmove(&processing, &key, "RIGHT", "LEFT").await?.is_some() {}
        let (mut sent, mut requeued, mut invalid, mut dead_count) = (0u32, 0u32, 0u32, 0u32);
        loop {
            let mut moved = Vec::new();
            while moved.len() < batch {
                match client.lmove(&key, &processing, "LEFT", "RIGHT").await? {
                    Some(v) => moved.push(v),
                    None => break,
                }
            }
            if moved.is_empty() {
                break;
            }
            let mut events = Vec::new();
            for m in moved {
                let read = m.text.as_deref().map_or_else(|| Err(snowplow_core::Error::required("event")), event_from_text);
                match read.map_err(|e| to_js(e.within("drainRedis: stored "))) {
                    Ok(p) => {
                        let eid = p.get(key::EID).unwrap_or_default().to_owned();
                        if !shared.contains_eid(&eid) {
                            shared.input(p);
                        }
                        events.push((m, eid));
                    }
                    Err(e) => {
                        // Not an event: removed and reported, it could never be sent.
                        let shown = m.text.as_deref().unwrap_or("(not text)");
                        console::error(
                            &["snowplow-tracker-wasm: drainRedis removed a value that is not an event: ", shown].concat(),
                            &e.into(),
                        );
                        client.lrem(&processing, &m.raw).await?;
                        invalid += 1;
                    }
                }
            }
            let watched: Vec<String> = events.iter().map(|(_, eid)| eid.clone()).collect();
            shared.watch(&watched);
            JsFuture::from(crate::boundary::tasks::promise(shared.flush())).await?;
            let outcomes = shared.outcomes(&watched);
            let mut pending = false;
            for ((m, _), outcome) in events.iter().zip(outcomes) {
                match outcome {
                    Some(Ok(())) => sent += 1,
                    // Refused for good (not retryable, or out of retries): to the dead letters.
                    Some(Err(why)) => {
                        client.rpush_wait(&dead, &dead_letter(m.text.as_deref().unwrap_or("null"), &why)).await?;
                        dead_count += 1;
                    }
                    None => {
                        pending = true;
                        continue;
                    }
                }
                client.lrem(&processing, &m.raw).await?;
            }
            // What is left in the processing list is still pending: back to the head, in order.
            while client.lmove(&processing, &key, "RIGHT", "LEFT").await?.is_some() {
                requeued += 1;
            }
            // Only events that may still be delivered stop the drain.
            if pending {
                break;
            }
        }
        Ok(keys::object(&[("sent", sent.into()), ("requeued", requeued.into()), ("invalid", invalid.into()), ("dead", dead_count.into())]))
    })
}
