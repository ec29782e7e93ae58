//! A holder of an emitter: its JS object or a tracker. The emitter counts them; when the last is
//! gone it makes its final send and stops (`EmitterShared::remove_user`), so timers never keep a
//! dropped emitter alive.

use std::ops::Deref;
use std::rc::Rc;

use crate::emitter::state::EmitterShared;

/// One holder of an emitter; cloning adds a holder, dropping removes one.
pub struct User(Rc<EmitterShared>);

impl User {
    /// A new holder of `e`.
    pub fn new(e: &Rc<EmitterShared>) -> User {
        e.add_user();
        User(e.clone())
    }
}

impl Clone for User {
    fn clone(&self) -> User {
        User::new(&self.0)
    }
}

impl Deref for User {
    type Target = Rc<EmitterShared>;
    fn deref(&self) -> &Rc<EmitterShared> {
        &self.0
    }
}

impl Drop for User {
    fn drop(&mut self) {
        self.0.remove_user();
    }
}
