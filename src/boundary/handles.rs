//! Finding the Rust state behind one of the package's JS objects without consuming it.
//!
//! Each object's shared state is registered here under a number, and `js/boundary.js` maps the
//! public JS object itself to that number (a WeakMap filled by the facade). The facade finds
//! the number by the object's identity when it takes the object out of a message, so nothing a
//! user writes into a property can pass for a handle. A registry holds one kind of state and
//! knows nothing of the classes.

use std::cell::RefCell;

/// Live states of one kind, by handle id.
pub struct Registry<T: Clone> {
    live: RefCell<Vec<(u32, T)>>,
}

impl<T: Clone> Registry<T> {
    /// An empty registry.
    pub const fn new() -> Self {
        Registry { live: RefCell::new(Vec::new()) }
    }

    /// Register `state`; the id the facade maps its JS object to.
    pub fn register(&self, state: T) -> u32 {
        // Ids are never reused, so a stale id can never find a newer object.
        let id = crate::boundary::js::next_id();
        if let Ok(mut live) = self.live.try_borrow_mut() {
            live.push((id, state));
        }
        id
    }

    /// Forget `id` (its JS object was freed).
    pub fn unregister(&self, id: u32) {
        if let Ok(mut live) = self.live.try_borrow_mut() {
            if let Some(i) = live.iter().position(|(k, _)| *k == id) {
                live.swap_remove(i);
            }
        }
    }

    /// The state behind handle `id`, if it is a live object of this kind.
    pub fn get(&self, id: u32) -> Option<T> {
        self.live.try_borrow().ok()?.iter().find(|(k, _)| *k == id).map(|(_, s)| s.clone())
    }
}
