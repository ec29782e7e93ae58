//! Finding the Rust state behind a JS handle (`Subject`, `Emitter`) without consuming it.
//!
//! wasm-bindgen moves an exported struct passed by value (or found inside an options object),
//! which would leave the user's object dead. Instead each handle registers its shared state
//! here under a number it exposes as the hidden `__snowplowHandle` getter; readers look that
//! number up. The entry is removed when the JS object is freed.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::bag::Bag;
use crate::emitter::EmitterShared;
use crate::subject::SharedSubject;

/// Shared state behind a handle.
#[derive(Clone)]
pub enum Handle {
    /// A `Subject`.
    Subject(SharedSubject),
    /// An `Emitter`.
    Emitter(Rc<EmitterShared>),
}

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(1) };
    static HANDLES: RefCell<BTreeMap<u32, Handle>> = const { RefCell::new(BTreeMap::new()) };
}

/// Register `h`; the returned id is what the JS object's `__snowplowHandle` getter returns.
pub fn register(h: Handle) -> u32 {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    HANDLES.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.insert(id, h);
        }
    });
    id
}

/// Forget the handle `id` (its JS object was freed).
pub fn unregister(id: u32) {
    HANDLES.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.remove(&id);
        }
    });
}

/// The state behind a JS value, if it is one of our live handles.
pub fn lookup(v: &JsValue) -> Option<Handle> {
    if !v.is_object() {
        return None;
    }
    let id = wasm_bindgen::JsCast::unchecked_ref::<Bag>(v).handle().ok()?.as_f64()?;
    HANDLES.with(|m| m.try_borrow().ok().and_then(|m| m.get(&(id as u32)).cloned()))
}
