//! Finding the Rust state behind a JS handle (`Subject`, `Emitter`) without consuming it.
//!
//! wasm-bindgen moves an exported struct passed by value (or found inside an options object),
//! which would leave the user's object dead. Instead each handle registers its shared state
//! here under a number it exposes as the hidden `__snowplowHandle` getter; readers look that
//! number up. The entry is removed when the JS object is freed.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::emitter_state::EmitterShared;
use crate::subject::SharedSubject;

/// Shared state behind a handle.
#[derive(Clone)]
pub enum Handle {
    /// A `Subject`.
    Subject(SharedSubject),
    /// An `Emitter`, `AsyncEmitter` or `QueueEmitter`.
    Emitter(Rc<EmitterShared>),
    /// A `RedisEmitter`.
    #[cfg(feature = "edge")]
    Redis(Rc<crate::redis::RedisShared>),
}

thread_local! {
    /// Slot `id - 1` holds handle `id`; freed slots are reused.
    static HANDLES: RefCell<Vec<Option<Handle>>> = const { RefCell::new(Vec::new()) };
}

/// Register `h`; the returned id is what the JS object's `__snowplowHandle` getter returns.
pub fn register(h: Handle) -> u32 {
    HANDLES.with(|slots| {
        let Ok(mut slots) = slots.try_borrow_mut() else { return 0 };
        let index = match slots.iter().position(Option::is_none) {
            Some(i) => i,
            None => {
                slots.push(None);
                slots.len() - 1
            }
        };
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(h);
        }
        index as u32 + 1
    })
}

/// Forget the handle `id` (its JS object was freed).
pub fn unregister(id: u32) {
    HANDLES.with(|slots| {
        if let Some(slot) = slots.try_borrow_mut().ok().as_deref_mut().and_then(|s| s.get_mut((id as usize).wrapping_sub(1))) {
            *slot = None;
        }
    });
}

/// The state behind a JS value, if it is one of our live handles.
pub fn lookup(v: &JsValue) -> Option<Handle> {
    if !v.is_object() {
        return None;
    }
    let id = crate::safe::handle_of(v) as usize;
    HANDLES.with(|slots| slots.try_borrow().ok()?.get(id.wrapping_sub(1))?.clone())
}
