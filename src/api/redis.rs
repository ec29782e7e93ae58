//! `RedisEmitter` and `drainRedis`: Redis as a store of events (see `sinks::redis`).

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::boundary::errors::JsResult;
use crate::boundary::keys::Key;
use crate::boundary::payload::read_event;
use crate::boundary::read::{Reader, Ty};
use crate::emitter::EMITTERS;
use crate::sinks::redis::{list_key, RedisClient, RedisShared, REDIS};

/// Stores each event in a Redis list (`RPUSH key <JSON>`), for `drainRedis` to send later.
/// Works with node-redis (`rPush`) and ioredis (`rpush`) clients; `flush()` does nothing.
///
/// Server side only (Node and Workers): the browser build does not include it.
#[wasm_bindgen(js_name = RedisEmitter)]
pub struct JsRedisEmitter {
    shared: Rc<RedisShared>,
    id: u32,
}

impl Drop for JsRedisEmitter {
    fn drop(&mut self) {
        REDIS.with(|r| r.unregister(self.id));
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
        crate::boundary::tasks::connect_here();
        let r = Reader::new("RedisEmitter: ");
        let client = RedisClient::new(
            &r,
            client,
            "client",
            &[(Key::RPushCamel, Key::RPush)],
            "a Redis client with rPush (node-redis) or rpush (ioredis)",
        )?;
        let shared = Rc::new(RedisShared { client, key: list_key(&r, key)? });
        let id = REDIS.with(|r| r.register(shared.clone()));
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
/// batches (`{ batch = 100, deadLetterKey = "<key>:dead" }`): each batch is moved atomically
/// (LMOVE) to `<key>:processing`, sent and flushed. Delivered events are removed; events the
/// collector refused for good (a status not retried, or out of retries) move to the
/// dead-letter list as `{"reason", "status", "event"}`; events still pending go back to the
/// head of `key`, in order, and only they stop the drain. Leftovers of a crashed drain are put
/// back first. Values that are not events (or not text) are removed and reported. Resolves to
/// `{sent, requeued, invalid, dead}`.
///
/// Server side only (Node and Workers): the browser build does not include it.
#[wasm_bindgen(js_name = drainRedis, unchecked_return_type = "Promise<DrainResult>")]
pub fn drain_redis(
    #[wasm_bindgen(unchecked_param_type = "RedisClientLike")] client: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Emitter | AsyncEmitter")] emitter: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DrainOptions")] options: JsValue,
) -> JsResult<Promise> {
    let r = Reader::new("drainRedis: ");
    let needs = [(Key::LMoveCamel, Key::LMove), (Key::LRemCamel, Key::LRem), (Key::RPushCamel, Key::RPush)];
    let expected = "a Redis client with lMove/lRem/rPush (node-redis) or lmove/lrem/rpush (ioredis)";
    let client = RedisClient::new(&r, client, "client", &needs, expected)?;
    let key = list_key(&r, key)?;
    let Some(shared) = EMITTERS.with(|r| r.lookup(&emitter)) else {
        return Err(r.type_error("", "emitter", "an Emitter or AsyncEmitter", &emitter));
    };
    r.object(&options, "options", true)?;
    let mut f = r.fields(&options, "", &[(Key::Batch, Ty::Num), (Key::DeadLetterKey, Ty::Str)])?;
    let within = |e: snowplow_core::Error| crate::boundary::errors::to_js(e.within("drainRedis: "));
    let batch = snowplow_core::emitter::drain_batch(f.num().as_ref()).map_err(within)?;
    let dead = snowplow_core::emitter::dead_letter_key(f.str().as_deref(), &key).map_err(within)?;
    Ok(crate::sinks::redis::drain(client, crate::sinks::redis::DrainLists { key, dead }, shared, batch))
}
