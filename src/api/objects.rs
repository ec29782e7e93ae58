//! The package's objects by handle: the module's four object exports. `make` builds an object
//! of one of core's `opts::HANDLE_CLASSES` (Queues and Redis in the Node and workerd build only) from the message the facade made of the constructor's
//! arguments and answers its handle; `call` and `track` run a declared method on a handle; `discard`
//! drops it (the facade's `free()`, or its finalizer once the JS object is collected). The JS
//! classes are the facade's (`js/facade.js`), which alone holds the handles, each privately.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::events::kinds;
use snowplow_core::{int_text, opts, Error};
use wasm_bindgen::prelude::*;

use crate::api::emitter::JsEmitter;
use crate::api::subject::JsSubject;
use crate::api::tracker::JsTracker;
use crate::boundary::answer::{self, Answer};
use crate::boundary::errors::{to_js, JsResult};

/// One live object.
enum Object {
    Tracker(JsTracker),
    Emitter(JsEmitter),
    Subject(JsSubject),
    #[cfg(feature = "edge")]
    Queue(crate::api::queue::JsQueueEmitter),
    #[cfg(feature = "edge")]
    Redis(crate::api::redis::JsRedisEmitter),
}

thread_local! {
    /// Live objects by increasing handle (handles come from one counter, never reused).
    static OBJECTS: RefCell<Vec<(u32, Rc<Object>)>> = const { RefCell::new(Vec::new()) };
}

/// The object behind `handle`, taken out of the registry's borrow (a call may make or free
/// others while it runs).
fn object(handle: u32) -> JsResult<Rc<Object>> {
    let found = OBJECTS.with(|o| {
        let o = o.borrow();
        o.binary_search_by_key(&handle, |(h, _)| *h).ok().and_then(|i| o.get(i)).map(|(_, obj)| obj.clone())
    });
    found.ok_or_else(|| to_js(Error::type_error("handle", "a live object of the package", int_text(i64::from(handle)))))
}

/// Make an object of class `class` (its index in core's `opts::HANDLE_CLASSES`) from the
/// facade's message of its constructor's arguments (JSON text naming what the host holds for
/// the call); the answer (see `crate::boundary::answer`) of its handle, or of the
/// constructor's `TypeError`/`RangeError`.
#[wasm_bindgen(skip_typescript)]
pub fn make(class: u32, message: &str) -> String {
    answer::write(make_object(class, message).map(|h| Answer::number(h as usize)))
}

/// [`make`]'s object and handle.
fn make_object(class: u32, message: &str) -> JsResult<u32> {
    // While the facade's call runs, the host can connect this instance (see `tasks::connect_here`).
    crate::boundary::tasks::connect_here();
    let name = opts::HANDLE_CLASSES.get(class as usize).copied().unwrap_or_default();
    let (handle, object) = match name {
        "Tracker" => {
            let t = JsTracker::new(message)?;
            (crate::boundary::js::next_id(), Object::Tracker(t))
        }
        "Emitter" | "AsyncEmitter" => {
            let e = JsEmitter::new(message, name, name == "AsyncEmitter")?;
            (e.id(), Object::Emitter(e))
        }
        "Subject" => {
            let s = JsSubject::new();
            (s.id(), Object::Subject(s))
        }
        #[cfg(feature = "edge")]
        "QueueEmitter" => {
            let q = crate::api::queue::JsQueueEmitter::new(message)?;
            (q.id(), Object::Queue(q))
        }
        #[cfg(feature = "edge")]
        "RedisEmitter" => {
            let r = crate::api::redis::JsRedisEmitter::new(message)?;
            (r.id(), Object::Redis(r))
        }
        _ => return Err(to_js(Error::range_error("make: class", "an index of a declared class", int_text(i64::from(class))))),
    };
    OBJECTS.with(|o| {
        let mut o = o.borrow_mut();
        let at = o.partition_point(|(h, _)| *h < handle);
        o.insert(at, (handle, Rc::new(object)));
    });
    Ok(handle)
}

/// Run method `index` of the class of `handle` (core's `opts::METHODS` of that class; handle 0:
/// the module's own functions) with the facade's message of its arguments; the answer (see
/// `crate::boundary::answer`) of what it returns (`undefined`, a boolean, a number or a
/// promise) or throws.
#[wasm_bindgen(skip_typescript)]
pub fn call(handle: u32, index: u32, message: &str) -> String {
    answer::write(call_object(handle, index, message))
}

/// [`call`]'s result.
fn call_object(handle: u32, index: u32, message: &str) -> JsResult<Answer> {
    if handle == 0 {
        return crate::api::module::call(index, message);
    }
    match &*object(handle)? {
        Object::Tracker(t) => t.call(index, message),
        Object::Emitter(e) => e.call(index, message),
        Object::Subject(s) => s.call(index, message),
        #[cfg(feature = "edge")]
        Object::Queue(q) => q.call(index, message),
        #[cfg(feature = "edge")]
        Object::Redis(r) => r.call(index, message),
    }
}

/// Track one event of core's `events::kinds::TRACKED[kind]` on the tracker `handle` from the
/// facade's message of the track method's options: the answer (see `crate::boundary::answer`)
/// of its id (`eid`), or for a transaction the ids of every event it made, or of its error.
#[wasm_bindgen(skip_typescript)]
pub fn track(handle: u32, kind: u32, message: &str) -> String {
    answer::write(track_event(handle, kind, message))
}

/// [`track`]'s result.
fn track_event(handle: u32, kind: u32, message: &str) -> JsResult<Answer> {
    let obj = object(handle)?;
    let Object::Tracker(t) = &*obj else {
        return Err(to_js(Error::type_error("track: handle", "a live Tracker", int_text(i64::from(handle)))));
    };
    let Some(&k) = kinds::TRACKED.get(kind as usize) else {
        return Err(to_js(Error::range_error("Tracker.track: kind", "an index of a declared event kind", int_text(i64::from(kind)))));
    };
    t.track(k, message)
}

/// Drop the object `handle` (nothing if it is not live). Its own drop (an emitter's final
/// send) runs after the registry's borrow ends.
#[wasm_bindgen(skip_typescript)]
pub fn discard(handle: u32) {
    let taken = OBJECTS.with(|o| {
        let mut o = o.borrow_mut();
        let i = o.binary_search_by_key(&handle, |(h, _)| *h).ok()?;
        Some(o.remove(i))
    });
    drop(taken);
}
