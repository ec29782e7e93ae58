//! Redis, the seed's RedisEmitter and RedisWorker for today's clients: `RedisEmitter` appends
//! each event to a Redis list as a JSON string, and `drainRedis` moves them to a collector
//! through an `Emitter`, crash-safe: events are moved atomically (LMOVE) to a processing list
//! first, and whatever is not delivered goes back to the head of the list, in order.

use std::rc::Rc;

use js_sys::{Function, Promise};
use snowplow_core::{key, Payload};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::console;
use crate::emitter::read_event;
use crate::errors::JsResult;
use crate::handles::{self, Handle};
use crate::props::{self, Key};
use crate::read::{Reader, Ty, Val};

/// A Redis client: node-redis (`rPush`, `lMove`, `lRem`) or ioredis / @upstash/redis (`rpush`…).
#[derive(Clone)]
pub struct RedisClient(JsValue);

impl RedisClient {
    fn method(&self, camel: Key, lower: Key) -> Option<Function> {
        [camel, lower].into_iter().find_map(|k| props::get(&self.0, k).ok()?.dyn_into::<Function>().ok())
    }

    /// Check `client` has what `needs` lists; `param` names it in the error.
    fn new(r: &Reader, client: JsValue, name: &str, needs: &[(Key, Key)], expected: &'static str) -> JsResult<RedisClient> {
        let c = RedisClient(client);
        if !c.0.is_object() || needs.iter().any(|(a, b)| c.method(*a, *b).is_none()) {
            return Err(r.type_error("", name, expected, &c.0));
        }
        Ok(c)
    }

    async fn call(&self, camel: Key, lower: Key, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f = self.method(camel, lower).ok_or_else(|| JsValue::from_str("missing Redis command"))?;
        let args: js_sys::Array = args.iter().collect();
        JsFuture::from(crate::safe::settle(&f.apply(&self.0, &args)?)).await
    }

    fn rpush(&self, list: &str, value: &str) -> Result<JsValue, JsValue> {
        let f = self.method(Key::RPushCamel, Key::RPush).ok_or_else(|| JsValue::from_str("missing RPUSH"))?;
        f.call2(&self.0, &list.into(), &value.into())
    }

    /// `LMOVE from to fromSide toSide`: the moved element, or `None` when `from` is empty.
    async fn lmove(&self, from: &str, to: &str, from_side: &str, to_side: &str) -> Result<Option<String>, JsValue> {
        let args = [from.into(), to.into(), from_side.into(), to_side.into()];
        Ok(self.call(Key::LMoveCamel, Key::LMove, &args).await?.as_string())
    }

    async fn lrem(&self, list: &str, value: &str) -> Result<JsValue, JsValue> {
        self.call(Key::LRemCamel, Key::LRem, &[list.into(), 1.into(), value.into()]).await
    }
}

fn list_key(r: &Reader, v: JsValue) -> JsResult<String> {
    match r.value(v, Ty::Str, "", "key")? {
        Val::Str(k) if k.is_empty() => Err(r.type_error("", "key", "a non-empty string", &"".into())),
        Val::Str(k) => Ok(k),
        _ => Ok("snowplow".to_owned()),
    }
}

/// Shared state of a `RedisEmitter`.
pub struct RedisShared {
    client: RedisClient,
    key: String,
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
                if let Err(e) = JsFuture::from(crate::safe::settle(&p)).await {
                    report(&e, &json);
                }
            }),
        }
    }
}

/// Stores each event in a Redis list (`RPUSH key <JSON>`), for `drainRedis` to send later.
/// Works with node-redis (`rPush`) and ioredis (`rpush`) clients; `flush()` does nothing.
#[wasm_bindgen(js_name = RedisEmitter)]
pub struct JsRedisEmitter {
    shared: Rc<RedisShared>,
    id: u32,
}

impl Drop for JsRedisEmitter {
    fn drop(&mut self) {
        handles::unregister(self.id);
    }
}

#[wasm_bindgen(js_class = RedisEmitter)]
impl JsRedisEmitter {
    /// A Redis emitter appending to the list `key` (default `"snowplow"`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "RedisClientLike")] client: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] key: JsValue,
    ) -> JsResult<JsRedisEmitter> {
        let r = Reader::new("RedisEmitter: ");
        let client = RedisClient::new(
            &r,
            client,
            "client",
            &[(Key::RPushCamel, Key::RPush)],
            "a Redis client with rPush (node-redis) or rpush (ioredis)",
        )?;
        let shared = Rc::new(RedisShared { client, key: list_key(&r, key)? });
        let id = handles::register(Handle::Redis(shared.clone()));
        Ok(JsRedisEmitter { shared, id })
    }

    /// Internal: the handle number a tracker uses to find this emitter.
    #[wasm_bindgen(getter, js_name = __snowplowHandle, skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.id
    }

    /// Append an event object (as trackers and callbacks hand them out) to the list.
    pub fn input(&self, #[wasm_bindgen(unchecked_param_type = "TrackedEvent")] event: JsValue) -> JsResult<()> {
        let payload = read_event(&Reader::new("RedisEmitter.input: "), &event)?;
        self.shared.input(&payload);
        Ok(())
    }

    /// Nothing to flush: events are in Redis once `input` returns (the RPUSH may still be on
    /// its way). Resolves at once.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn flush(&self) -> Promise {
        Promise::resolve(&JsValue::UNDEFINED)
    }
}

/// Move the events a `RedisEmitter` stored under `key` to a collector through `emitter`, in
/// batches (`{ batch = 100 }`): each batch is moved atomically (LMOVE) to `<key>:processing`,
/// sent and flushed; delivered events are removed, the others go back to the head of `key`, in
/// order, and draining stops. Leftovers of a crashed drain are put back first. Resolves to
/// `{sent, requeued, invalid}`.
#[wasm_bindgen(js_name = drainRedis, unchecked_return_type = "Promise<DrainResult>")]
pub fn drain_redis(
    #[wasm_bindgen(unchecked_param_type = "RedisClientLike")] client: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Emitter | AsyncEmitter")] emitter: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ batch?: number }")] options: JsValue,
) -> JsResult<Promise> {
    let r = Reader::new("drainRedis: ");
    let needs = [(Key::LMoveCamel, Key::LMove), (Key::LRemCamel, Key::LRem)];
    let client = RedisClient::new(&r, client, "client", &needs, "a Redis client with lMove/lRem (node-redis) or lmove/lrem (ioredis)")?;
    let key = list_key(&r, key)?;
    let Some(Handle::Emitter(shared)) = handles::lookup(&emitter) else {
        return Err(r.type_error("", "emitter", "an Emitter or AsyncEmitter", &emitter));
    };
    r.object(&options, "options", true)?;
    let batch = match r.fields(&options, "", &[(Key::Batch, Ty::Num)])?.num() {
        None => 100,
        Some(n) if n.is_integer() && n.value() >= 1.0 => n.value().min(1e6) as usize,
        Some(n) => {
            return Err(crate::errors::to_js(snowplow_core::Error::range_error(
                r.param("", "options.batch"),
                "a positive integer",
                n.as_str(),
            )))
        }
    };
    let processing = [key.as_str(), ":processing"].concat();
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        // A drain that crashed left events in the processing list: back to the head, in order.
        while client.lmove(&processing, &key, "RIGHT", "LEFT").await?.is_some() {}
        let (mut sent, mut requeued, mut invalid) = (0u32, 0u32, 0u32);
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
            let mut eids = Vec::new();
            for value in &moved {
                let event = js_sys::JSON::parse(value).unwrap_or(JsValue::UNDEFINED);
                match read_event(&Reader::new("drainRedis: stored "), &event) {
                    Ok(p) => {
                        eids.push((value.clone(), p.get(key::EID).unwrap_or_default().to_owned()));
                        if !shared.contains_eid(p.get(key::EID).unwrap_or_default()) {
                            shared.input(p);
                        }
                    }
                    Err(e) => {
                        // Not an event: removed and reported, it could never be sent.
                        console::error(&["snowplow-tracker-wasm: drainRedis removed a value that is not an event: ", value].concat(), &e);
                        client.lrem(&processing, value).await?;
                        invalid += 1;
                    }
                }
            }
            let watched: Vec<String> = eids.iter().map(|(_, eid)| eid.clone()).collect();
            shared.watch(&watched);
            JsFuture::from(shared.flush()).await?;
            let outcomes = shared.delivered(&watched);
            let mut all_sent = true;
            for ((value, _), delivered) in eids.iter().zip(outcomes) {
                if delivered {
                    client.lrem(&processing, value).await?;
                    sent += 1;
                } else {
                    all_sent = false;
                }
            }
            // What is left in the processing list was not accepted: back to the head, in order.
            while client.lmove(&processing, &key, "RIGHT", "LEFT").await?.is_some() {
                requeued += 1;
            }
            if !all_sent {
                break;
            }
        }
        Ok(props::object(&[("sent", sent.into()), ("requeued", requeued.into()), ("invalid", invalid.into())]))
    }))
}
