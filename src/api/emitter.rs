//! The JS `Emitter` and `AsyncEmitter` classes: thin handles over [`EmitterShared`].

use std::rc::Rc;

use snowplow_core::{key, opts};
use wasm_bindgen::prelude::*;

use crate::boundary::errors::JsResult;
use crate::boundary::message;
use crate::boundary::tasks::Deferred;
use crate::emitter::state::{counts_promise, EmitterShared};
use crate::emitter::user::User;
use crate::emitter::EMITTERS;

/// `setFlushTimer(seconds)` of `class`, in ms.
fn seconds_arg(message: &JsValue, class: &str) -> JsResult<f64> {
    let fail = |e| message::fail(class, "setFlushTimer", e);
    match message::first(message, class, "setFlushTimer")?.num() {
        Some(n) if n.value() > 0.0 => Ok(n.value() * 1000.0),
        Some(n) => Err(fail(snowplow_core::Error::range_error("seconds", "a number of seconds > 0", n.as_str()))),
        None => Err(fail(snowplow_core::Error::required("seconds"))),
    }
}

/// Method `index` of `class`'s declared methods on `shared` (see the classes' `call`).
fn call(shared: &Rc<EmitterShared>, class: &str, index: u32, message: &JsValue) -> JsResult<JsValue> {
    match opts::method_at(class, index).map_or("", |m| m.0) {
        "flush" if crate::api::tracker::is_async(message, class)? => {
            shared.flush_async();
            Ok(Deferred::resolved("").into())
        }
        "flush" => Ok(shared.flush().into()),
        "input" => {
            let payload = message::event(message, class)?;
            let added = !shared.contains_eid(payload.get(key::EID).unwrap_or_default()) && shared.input(payload);
            Ok(added.into())
        }
        "setFlushTimer" => {
            shared.set_flush_timer(seconds_arg(message, class)?);
            Ok(JsValue::UNDEFINED)
        }
        "cancelFlushTimer" => {
            shared.cancel_flush_timer();
            Ok(JsValue::UNDEFINED)
        }
        "close" => Ok(counts_promise(|done| shared.close_then(done)).into()),
        _ => Err(message::fail(
            class,
            "call",
            snowplow_core::Error::range_error("index", "a declared method", snowplow_core::int_text(i64::from(index))),
        )),
    }
}

macro_rules! emitter_class {
    ($(#[$doc:meta])* $rust:ident, $js:literal, $opts:literal, $async:expr) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js)]
        pub struct $rust {
            shared: User,
            id: u32,
        }

        impl Drop for $rust {
            /// Freed (by `free()` or the garbage collector): send what is still buffered; when no
            /// tracker holds the emitter either, its holder count reaches 0 as `shared` drops,
            /// which stops its timers after a final send (see `EmitterShared::remove_user`).
            fn drop(&mut self) {
                EMITTERS.with(|r| r.unregister(self.id));
                self.shared.flush_async();
            }
        }

        #[wasm_bindgen(js_class = $js)]
        impl $rust {
            /// An emitter for the collector at `endpoint` (`host[:port][/path]` or an
            /// `http(s)://` URL). Throws a `TypeError`/`RangeError` naming the first invalid option.
            // The facade calls it with one message: the JSON text of the arguments and what it
            // took out of the options (`js/facade.js`); the types say what users pass.
            #[wasm_bindgen(constructor)]
            pub fn new(
                #[wasm_bindgen(js_name = endpoint, unchecked_param_type = "string")] message: JsValue,
                #[wasm_bindgen(js_name = options, unchecked_optional_param_type = $opts)] held: JsValue,
            ) -> JsResult<$rust> {
                let settings = crate::emitter::options::read(message, held, $js, $async)?;
                let shared = EmitterShared::new(settings);
                if crate::platform::env::runtime() == crate::platform::env::Runtime::Browser {
                    shared.attach_page();
                }
                shared.attach_store();
                let id = EMITTERS.with(|r| r.register(shared.clone()));
                Ok($rust { shared: User::new(&shared), id })
            }

            /// Internal: the handle number a tracker uses to find this emitter.
            #[wasm_bindgen(getter, js_name = __snowplowHandle, skip_typescript)]
            pub fn handle(&self) -> u32 {
                self.id
            }

            /// Internal: method `index` of core's declared emitter methods (`opts::METHODS`:
            /// flush, input, setFlushTimer, cancelFlushTimer, close), from the message the facade
            /// made of its arguments (their types are generated from core's `METHOD_DOCS`).
            #[wasm_bindgen(skip_typescript)]
            pub fn call(&self, index: u32, message: JsValue) -> JsResult<JsValue> {
                call(&self.shared, $js, index, &message)
            }

            /// Events buffered: waiting to be sent or retried, not counting those in flight.
            #[wasm_bindgen(getter, js_name = bufferedCount)]
            pub fn buffered_count(&self) -> u32 {
                self.shared.buffered() as u32
            }
        }
    };
}

emitter_class! {
    /// Sends events to a Snowplow collector with `fetch`: one GET per event to `/i`, or POST
    /// batches to `/com.snowplowanalytics.snowplow/tp2`. At most one request is in flight, in
    /// order (as a page is left, `keepalive` requests may go beside it); failures are retried
    /// with exponential backoff and reported to the callbacks.
    JsEmitter, "Emitter", "EmitterOptions", false
}

emitter_class! {
    /// An `Emitter` that keeps up to `threadCount` requests in flight at once; `track()` never
    /// waits for the network (no emitter does). One backoff state per emitter.
    JsAsyncEmitter, "AsyncEmitter", "AsyncEmitterOptions", true
}
