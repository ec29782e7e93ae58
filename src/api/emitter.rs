//! The `Emitter` and `AsyncEmitter` objects: thin handles over [`EmitterShared`].

use snowplow_core::opts;

use crate::boundary::answer::Answer;
use crate::boundary::errors::JsResult;
use crate::boundary::message;
use crate::boundary::tasks::Deferred;
use crate::emitter::state::{counts_deferred, EmitterShared};
use crate::emitter::user::User;
use crate::emitter::EMITTERS;

/// `setFlushTimer(seconds)` of `class`, in ms.
fn seconds_arg(message: &str, class: &str) -> JsResult<f64> {
    let fail = |e| message::fail(class, "setFlushTimer", e);
    match message::first(message, class, "setFlushTimer")?.num() {
        Some(n) if n.value() > 0.0 => Ok(n.value() * 1000.0),
        Some(n) => Err(fail(snowplow_core::Error::range_error("seconds", "a number of seconds > 0", n.as_str()))),
        None => Err(fail(snowplow_core::Error::required("seconds"))),
    }
}

/// An `Emitter` or an `AsyncEmitter` (`threadCount` allowed): the module's side of the JS object.
pub struct JsEmitter {
    shared: User,
    id: u32,
    class: &'static str,
}

impl Drop for JsEmitter {
    /// Freed (by `free()` or the garbage collector): a tracker still using the emitter keeps it
    /// working as it was (a collection sends nothing early); when no tracker holds it either,
    /// its holder count reaches 0 as `shared` drops, which stops its timers after a final send
    /// (see `EmitterShared::remove_user`).
    fn drop(&mut self) {
        EMITTERS.with(|r| r.unregister(self.id));
    }
}

impl JsEmitter {
    /// An emitter of `class` (`"Emitter"`, or `"AsyncEmitter"` when `async_emitter`) from the
    /// constructor's message (`[endpoint, options]`, see `crate::emitter::options::read`).
    pub fn new(message: &str, class: &'static str, async_emitter: bool) -> JsResult<JsEmitter> {
        let settings = crate::emitter::options::read(message, class, async_emitter)?;
        let shared = EmitterShared::new(settings);
        if crate::platform::env::runtime() == crate::platform::env::Runtime::Browser {
            shared.attach_page();
        }
        shared.attach_store();
        let id = EMITTERS.with(|r| r.register(shared.clone()));
        Ok(JsEmitter { shared: User::new(&shared), id, class })
    }

    /// The handle trackers find this emitter by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Method `index` of core's declared emitter methods (`opts::METHODS`: flush, input,
    /// setFlushTimer, cancelFlushTimer, close, bufferedCount) from the message the facade made of
    /// its arguments.
    pub fn call(&self, index: u32, message: &str) -> JsResult<Answer> {
        let (shared, class) = (&self.shared, self.class);
        match opts::method_at(class, index).map_or("", |m| m.0) {
            "flush" if crate::api::tracker::is_async(message, class)? => {
                shared.flush_async();
                Ok(Answer::Promise(Deferred::resolved("")))
            }
            "flush" => Ok(Answer::Promise(shared.flush())),
            "input" => Ok(Answer::bool(shared.input_new(message::event(message, class)?))),
            "setFlushTimer" => {
                shared.set_flush_timer(seconds_arg(message, class)?);
                Ok(Answer::Nothing)
            }
            "cancelFlushTimer" => {
                shared.cancel_flush_timer();
                Ok(Answer::Nothing)
            }
            "close" => Ok(Answer::Promise(counts_deferred(|done| shared.close_then(done)))),
            "bufferedCount" => Ok(Answer::number(shared.buffered())),
            _ => Err(crate::boundary::message::undeclared(class, index)),
        }
    }
}
