//! Where a tracker delivers events: our own emitters, driven directly, or any JS object with
//! an `input(event)` method (and optionally `flush()`).

use std::rc::Rc;

use js_sys::{Function, Promise};
use snowplow_core::Payload;
use wasm_bindgen::{JsCast, JsValue};

use crate::console;
use crate::emitter::EmitterShared;
use crate::errors::JsResult;
use crate::handles::{self, Handle};
use crate::props::{self, Key};
use crate::read::Reader;

/// One emitter of a tracker.
#[derive(Clone)]
pub enum Sink {
    /// An `Emitter` of this package.
    Builtin(Rc<EmitterShared>),
    /// A `RedisEmitter`.
    #[cfg(feature = "edge")]
    Redis(Rc<crate::redis::RedisShared>),
    /// A user object with `input(event)`.
    Custom(JsValue),
}

impl Sink {
    /// Accept an `Emitter` or an object with an `input` function; `name` is the parameter.
    pub fn from_js(r: &Reader, v: &JsValue, name: &str) -> JsResult<Sink> {
        match handles::lookup(v) {
            Some(Handle::Emitter(e)) => return Ok(Sink::Builtin(e)),
            #[cfg(feature = "edge")]
            Some(Handle::Redis(e)) => return Ok(Sink::Redis(e)),
            _ => {}
        }
        let input = if v.is_object() { props::get(v, Key::Input)? } else { JsValue::UNDEFINED };
        if input.is_function() {
            Ok(Sink::Custom(v.clone()))
        } else {
            Err(r.type_error("", name, "an Emitter or an object with an input(event) method", v))
        }
    }

    /// Hand over one event. A custom emitter gets a plain object of strings; if its `input`
    /// throws, the error is reported with `console.error` and tracking goes on.
    pub fn deliver(&self, event: &Payload) {
        match self {
            Sink::Builtin(e) => e.input(event.clone()),
            #[cfg(feature = "edge")]
            Sink::Redis(e) => e.input(event),
            Sink::Custom(obj) => {
                let result = js_sys::JSON::parse(&event.to_json()).and_then(|ev| {
                    let input: Function = props::get(obj, Key::Input)?.dyn_into()?;
                    input.call1(obj, &ev)
                });
                if let Err(e) = result {
                    console::error("snowplow-tracker-wasm: a custom emitter's input() threw", &e);
                }
            }
        }
    }

    /// Start sending at once, without waiting (`flush(true)`).
    pub fn flush_async(&self) {
        match self {
            Sink::Builtin(e) => e.flush_async(),
            #[cfg(feature = "edge")]
            Sink::Redis(_) => {}
            Sink::Custom(_) => {
                let _ = self.flush();
            }
        }
    }

    /// `close()`: our emitter's final flush; a custom emitter is flushed.
    pub fn close(&self) -> Promise {
        match self {
            Sink::Builtin(e) => crate::emitter::close(e),
            _ => self.flush(),
        }
    }

    /// Blocking flush: our emitter's promise of `{sent, failed, pending}`, or the custom
    /// emitter's `flush()` result if it has one (awaited when it is a promise; a throw or
    /// rejection is reported, not propagated).
    pub fn flush(&self) -> Promise {
        match self {
            Sink::Builtin(e) => e.flush(),
            #[cfg(feature = "edge")]
            Sink::Redis(_) => Promise::resolve(&JsValue::UNDEFINED),
            Sink::Custom(obj) => {
                let flush = props::get(obj, Key::Flush).ok().and_then(|f| f.dyn_into::<Function>().ok());
                let Some(flush) = flush else { return Promise::resolve(&JsValue::UNDEFINED) };
                let result = flush.call0(obj);
                wasm_bindgen_futures::future_to_promise(async move {
                    let settled = match result {
                        Ok(value) => wasm_bindgen_futures::JsFuture::from(crate::safe::settle(&value)).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = settled {
                        console::error("snowplow-tracker-wasm: a custom emitter's flush() failed", &e);
                    }
                    Ok(JsValue::UNDEFINED)
                })
            }
        }
    }
}
