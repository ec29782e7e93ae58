//! JS values the host keeps for the module (`js/boundary.js` `hold`): the user's callbacks,
//! custom `fetch`, custom emitters and stores. The facade holds what it takes out of a call's
//! message and names it in the text; the module keeps what it needs by number and has the host
//! call it with the JSON text of its arguments, so it holds none of them; they are released
//! when the holder drops.

use wasm_bindgen::prelude::*;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    /// What the module does with what the host holds for it, by number (see [`HeldOp`]).
    fn held(op: u32, id: u32, k: u32, task: u32, name: &str, args: &str, thrown: &str) -> bool;
}

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./hooks.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/hooks.js"))]
extern "C" {
    /// Call a user's function held for the module and answer what it returned (see
    /// [`Hold::hook`]).
    fn hook(id: u32, slot: u32, builder: bool, args: &str, thrown: &str) -> String;
}

/// The operations `held` of `js/boundary.js` performs, by number (its order).
#[derive(Clone, Copy)]
enum HeldOp {
    Keep,
    Release,
    Call,
    CallMethod,
    Flush,
    Same,
}

/// `held(op, id, …)` with the rest unused.
fn on(op: HeldOp, id: u32) -> bool {
    held(op as u32, id, 0, 0, "", "", "")
}

/// Values kept by the host under one number.
pub struct Hold {
    id: u32,
}

impl Hold {
    /// Keep what the facade took out of a call's message and the host holds as `id` (else the
    /// host lets it go when the call returns); released when dropped.
    pub fn keep(id: u32) -> Hold {
        on(HeldOp::Keep, id);
        Hold { id }
    }

    /// What the host holds as `id` for the module already (not for a call: the items of
    /// `clientItems`); released when dropped.
    #[cfg(feature = "edge")]
    pub fn adopt(id: u32) -> Hold {
        Hold { id }
    }

    /// The number the host knows them by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Call method `name` of the object held first with the arguments in the JSON text `args`;
    /// what it throws is logged by the host as `thrown`.
    pub fn call_method(&self, name: &str, args: &str, thrown: &str) {
        held(HeldOp::CallMethod as u32, self.id, 0, 0, name, args, thrown);
    }

    /// Call `flush()` of the object held first, if it has one, then `done` once what it
    /// returned settles (always later); a throw or rejection is logged by the host as `thrown`.
    pub fn flush(&self, thrown: &str, done: impl FnOnce() + 'static) {
        let task = crate::boundary::tasks::once(move |_| done());
        held(HeldOp::Flush as u32, self.id, crate::boundary::tasks::instance(), task, "", "", thrown);
    }

    /// Call the function held first (`slot` 0), or function `slot` with the value held first as
    /// `this` (a plugin's hook), with the arguments in the JSON text `args` (`builder`: the
    /// state of a payload builder, see `js/hooks.js` `hook`): the JSON text of `[result]`,
    /// or `None` when it threw (logged by the host as `thrown` unless that is empty).
    pub fn hook(&self, slot: u32, builder: bool, args: &str, thrown: &str) -> Option<String> {
        let answer = hook(self.id, slot, builder, args, thrown);
        (!answer.is_empty()).then_some(answer)
    }

    /// True when both hold the same value first.
    pub fn same(&self, other: &Hold) -> bool {
        self.id == other.id || held(HeldOp::Same as u32, self.id, other.id, 0, "", "", "")
    }

    /// Call the function held first, if it is one, with the arguments in the JSON text `args`;
    /// what it throws is logged by the host as `thrown`.
    pub fn call(&self, args: &str, thrown: &str) {
        held(HeldOp::Call as u32, self.id, 0, 0, "", args, thrown);
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        on(HeldOp::Release, self.id);
    }
}
