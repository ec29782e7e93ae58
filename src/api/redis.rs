//! `RedisEmitter` and `drainRedis`: Redis as a store of events (see `sinks::redis`).

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use snowplow_core::opts;

use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::keys::Key;
use crate::boundary::message;
use crate::boundary::read::{Reader, Ty};
use crate::boundary::tasks::Deferred;
use crate::emitter::EMITTERS;
use crate::sinks::redis::{list_key, RedisClient, RedisShared, REDIS};

/// A `RedisEmitter` (the module's side of the JS object): each event goes to a Redis list.
pub struct JsRedisEmitter {
    shared: Rc<RedisShared>,
    id: u32,
}

impl Drop for JsRedisEmitter {
    fn drop(&mut self) {
        REDIS.with(|r| r.unregister(self.id));
    }
}

impl JsRedisEmitter {
    /// A Redis emitter from the message the facade made of `new RedisEmitter(client, key)`: the
    /// list `key` (default `"snowplow"`) of the client the facade took out.
    pub fn new(message: &str) -> JsResult<JsRedisEmitter> {
        let text = message::text(message, "RedisEmitter")?;
        let params = message::params(text, "RedisEmitter")?;
        let expected = "a Redis client with rPush (node-redis) or rpush (ioredis)";
        let client = message::first_taken(params, opts::REDIS_PARAMS, "RedisEmitter", expected)?;
        let client = crate::boundary::hold::taken_value(client.hold);
        let r = Reader::new("RedisEmitter: ");
        let client = RedisClient::new(&r, client, "client", &[(Key::RPushCamel, Key::RPush)], expected)?;
        let key = match params.at(1).filter(|v| !opts::absent(*v)) {
            Some(v) => Some(opts::string("key", v).map_err(|e| to_js(e.within("RedisEmitter: ")))?),
            None => None,
        };
        let key = snowplow_core::emitter::redis_key("RedisEmitter: key", key.as_deref()).map_err(to_js)?;
        let shared = Rc::new(RedisShared { client, key });
        let id = REDIS.with(|r| r.register(shared.clone()));
        Ok(JsRedisEmitter { shared, id })
    }

    /// The handle trackers find this emitter by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Method `index` of core's declared `RedisEmitter` methods (`opts::METHODS`: input, flush).
    pub fn call(&self, index: u32, message: &str) -> JsResult<Answer> {
        match opts::method_at("RedisEmitter", index).map_or("", |m| m.0) {
            // Append an event object (as trackers and callbacks hand them out) to the list.
            "input" => {
                self.shared.input(&message::event(message, "RedisEmitter")?);
                Ok(Answer::Nothing)
            }
            // Nothing to flush: events are in Redis once `input` returns.
            "flush" => Ok(Answer::Promise(Deferred::resolved(""))),
            _ => Err(crate::boundary::message::undeclared("RedisEmitter", index)),
        }
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
