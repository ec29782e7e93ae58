//! `RedisEmitter` and `drainRedis`: Redis as a store of events (see `sinks::redis`).

use std::rc::Rc;

use snowplow_core::emitter::drain::{is_client, Drain, DRAIN_NEEDS, PUSH};
use snowplow_core::opts::{self, Taken};

use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::message;
use crate::boundary::tasks::Deferred;
use crate::emitter::EMITTERS;
use crate::sinks::redis::{RedisShared, REDIS};

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
        let client = client_of(client, &[PUSH], "RedisEmitter: client", expected)?;
        let key = list_key(params.at(1), "RedisEmitter")?;
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

/// The client the facade took out, kept, when it has the commands `needs` (else the error
/// naming `name` with what it is).
fn client_of(t: Taken, needs: &[&str], name: &str, expected: &'static str) -> JsResult<Hold> {
    if !is_client(&t.has, needs) {
        return Err(to_js(snowplow_core::Error::type_error(name, expected, t.describe())));
    }
    Ok(Hold::keep(t.hold))
}

/// The list key at `v` (a non-empty string, `"snowplow"` when absent), errors named after `call`.
fn list_key(v: Option<snowplow_core::json_read::Value<'_>>, call: &str) -> JsResult<String> {
    let within = |e: snowplow_core::Error| to_js(e.within(&[call, ": "].concat()));
    let key = match v.filter(|v| !opts::absent(*v)) {
        Some(v) => Some(opts::string("key", v).map_err(within)?),
        None => None,
    };
    snowplow_core::emitter::redis_key("key", key.as_deref()).map_err(within)
}

/// `drainRedis(client, key, emitter, options)` from its message (see core's `drain` for what it
/// does; the docs are core's `METHOD_DOCS`): the number of the deferred it settles.
///
/// Server side only (Node and Workers): the browser build does not include it.
pub fn drain_redis(message: &str) -> JsResult<Answer> {
    let text = message::text(message, "drainRedis")?;
    let params = message::params(text, "drainRedis")?;
    let expected = "a Redis client with lMove/lRem/rPush (node-redis) or lmove/lrem/rpush (ioredis)";
    let client = message::first_taken(params, opts::DRAIN_PARAMS, "drainRedis", expected)?;
    let key = list_key(params.at(1), "drainRedis")?;
    let emitter = "an Emitter or AsyncEmitter";
    let handle = message::taken(params.at(2), "drainRedis: emitter", emitter)?.handle;
    let Some(shared) = EMITTERS.with(|r| r.get(handle)) else {
        return Err(to_js(snowplow_core::Error::type_error("drainRedis: emitter", emitter, "an object")));
    };
    let within = |e: snowplow_core::Error| to_js(e.within("drainRedis: "));
    let mut bag = opts::read_set(&opts::DRAIN, params.at(3), "options").map_err(within)?;
    let batch = snowplow_core::emitter::drain_batch(bag.num("batch").as_ref()).map_err(within)?;
    let dead = snowplow_core::emitter::dead_letter_key(bag.str("deadLetterKey").as_deref(), &key).map_err(within)?;
    let client = client_of(client, DRAIN_NEEDS, "drainRedis: client", expected)?;
    Ok(Answer::Promise(crate::sinks::redis::drain(client, Drain::new(key, dead, batch), shared)))
}
