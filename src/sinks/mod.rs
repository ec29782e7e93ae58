//! Where a tracker delivers events: our own emitters, driven directly, or any JS object with
//! an `input(event)` method (and optionally `flush()`).

#[cfg(feature = "edge")]
pub mod redis;

use std::rc::Rc;

use snowplow_core::emitter::{callback_text, Counts};
use snowplow_core::json_read::Value;
use snowplow_core::{opts, Error, Payload};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::emitter::user::User;
use crate::emitter::EMITTERS;

/// Told the end of a sink's flush: our emitter's `{sent, failed, pending}`, `None` for others.
pub type Flushed = Box<dyn FnOnce(Option<Counts>)>;

/// One emitter of a tracker.
#[derive(Clone)]
pub enum Sink {
    /// An `Emitter` of this package (the tracker is one of its holders).
    Builtin(User),
    /// A `RedisEmitter`.
    #[cfg(feature = "edge")]
    Redis(Rc<redis::RedisShared>),
    /// A user object with `input(event)`, held by the host.
    Custom(Rc<Hold>),
}

/// What a tracker's emitter must be.
pub const EXPECTED: &str = "an Emitter or an object with an input(event) method";

impl Sink {
    /// True when both are the same emitter (it would get every event twice).
    pub fn same(&self, other: &Sink) -> bool {
        match (self, other) {
            (Sink::Builtin(a), Sink::Builtin(b)) => Rc::ptr_eq(a, b),
            #[cfg(feature = "edge")]
            (Sink::Redis(a), Sink::Redis(b)) => Rc::ptr_eq(a, b),
            (Sink::Custom(a), Sink::Custom(b)) => a.same(b),
            _ => false,
        }
    }

    /// Accept an `Emitter` or an object with an `input` function ([`EXPECTED`]), as the facade
    /// took it out at `v`; `name` is the parameter (errors name it after `prefix`).
    pub fn from_taken(v: Option<Value<'_>>, prefix: &str, name: &str) -> JsResult<Sink> {
        let fail = || to_js(Error::type_error([prefix, name].concat(), EXPECTED, crate::boundary::message::describe(v)));
        let t = v.and_then(opts::taken).ok_or_else(fail)?;
        if let Some(e) = EMITTERS.with(|r| r.get(t.handle)) {
            return Ok(Sink::Builtin(User::new(&e)));
        }
        #[cfg(feature = "edge")]
        if let Some(e) = redis::REDIS.with(|r| r.get(t.handle)) {
            return Ok(Sink::Redis(e));
        }
        if t.has_all(&["input"]) {
            Ok(Sink::Custom(Rc::new(Hold::keep(t.hold))))
        } else {
            Err(fail())
        }
    }

    /// What a tracker in a page asks of its emitters (see `EmitterShared::follow_tracker`);
    /// custom emitters decide for themselves.
    #[cfg(feature = "web")]
    pub fn follow_tracker(&self, server_anonymous: bool, memory_queue: bool) {
        if let Sink::Builtin(e) = self {
            e.follow_tracker(server_anonymous, memory_queue);
        }
    }

    /// True when this sink holds event `eid` only in memory (an emitter without a stored queue,
    /// or whose store refused it): it is lost if the page goes before it settles.
    #[cfg(feature = "web")]
    pub fn holds_in_memory_only(&self, eid: &str) -> bool {
        matches!(self, Sink::Builtin(e) if e.holds_in_memory_only(eid))
    }

    /// Call `f` with each event id this sink settles (delivered, or refused for good) from now.
    #[cfg(feature = "web")]
    pub fn on_settled(&self, f: std::rc::Rc<dyn Fn(&str)>) {
        if let Sink::Builtin(e) = self {
            e.on_settled(f);
        }
    }

    /// Hand over one event. A custom emitter gets a plain object of strings; if its `input`
    /// throws, the error is reported with `console.error` and tracking goes on.
    pub fn deliver(&self, event: &Payload) {
        match self {
            Sink::Builtin(e) => {
                e.input(event.clone());
            }
            #[cfg(feature = "edge")]
            Sink::Redis(e) => e.input(event),
            Sink::Custom(h) => {
                h.call_method("input", &callback_text::input(event), "snowplow-tracker-wasm: a custom emitter's input() threw")
            }
        }
    }

    /// Start sending at once, without waiting (`flush(true)`).
    pub fn flush_async(&self) {
        match self {
            Sink::Builtin(e) => e.flush_async(),
            #[cfg(feature = "edge")]
            Sink::Redis(_) => {}
            Sink::Custom(_) => self.flush_then(false, Box::new(|_| {})),
        }
    }

    /// The blocking flush (`close`: `close()`, a final flush that stops our emitter's timers;
    /// a custom emitter is flushed), then `done`: our emitter's `{sent, failed, pending}`, or
    /// `None` once the custom emitter's `flush()` result, if it has one, settled (a throw or
    /// rejection is reported, not propagated). `done` may run during this call.
    pub fn flush_then(&self, close: bool, done: Flushed) {
        match self {
            Sink::Builtin(e) if close => e.close_then(Box::new(move |c| done(Some(c)))),
            Sink::Builtin(e) => e.flush_then(Box::new(move |c| done(Some(c)))),
            #[cfg(feature = "edge")]
            Sink::Redis(_) => done(None),
            Sink::Custom(h) => h.flush("snowplow-tracker-wasm: a custom emitter's flush() failed", move || done(None)),
        }
    }
}
