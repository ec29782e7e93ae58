//! JS values the host keeps for the module (`js/boundary.js` `hold`): the user's callbacks,
//! custom `fetch` and custom emitters. The module names them by number and has the host call
//! them with the JSON text of their arguments, so it holds none of them; they are released when
//! the holder drops.

use wasm_bindgen::prelude::*;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    fn hold(values: Vec<JsValue>) -> u32;
    fn release(id: u32);
    #[wasm_bindgen(js_name = callBack)]
    fn call_back(id: u32, slot: u32, args: &str, thrown: &str);
    #[wasm_bindgen(js_name = callMethod)]
    fn call_method(id: u32, name: &str, args: &str, thrown: &str);
    #[wasm_bindgen(js_name = flushHeld)]
    fn flush_held(k: u32, task: u32, id: u32, thrown: &str);
    #[wasm_bindgen(js_name = sameHeld)]
    fn same_held(a: u32, b: u32) -> bool;
}

/// Values kept by the host under one number.
pub struct Hold {
    id: u32,
}

impl Hold {
    /// Hand `values` to the host.
    pub fn new(values: Vec<JsValue>) -> Hold {
        Hold { id: hold(values) }
    }

    /// What the host already holds as `id` (it made the number), released when dropped.
    pub fn adopt(id: u32) -> Hold {
        Hold { id }
    }

    /// `Some` holding `f` when it is a function.
    pub fn function(f: JsValue) -> Option<Hold> {
        f.is_function().then(|| Hold::new(vec![f]))
    }

    /// The number the host knows them by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Call method `name` of the object held first with the arguments in the JSON text `args`;
    /// what it throws is logged by the host as `thrown`.
    pub fn call_method(&self, name: &str, args: &str, thrown: &str) {
        call_method(self.id, name, args, thrown);
    }

    /// Call `flush()` of the object held first, if it has one, then `done` once what it
    /// returned settles (always later); a throw or rejection is logged by the host as `thrown`.
    pub fn flush(&self, thrown: &str, done: impl FnOnce() + 'static) {
        let task = crate::boundary::tasks::once(move |_, _| done());
        flush_held(crate::boundary::tasks::instance(), task, self.id, thrown);
    }

    /// True when both hold the same value first.
    pub fn same(&self, other: &Hold) -> bool {
        self.id == other.id || same_held(self.id, other.id)
    }

    /// Call function `slot`, if it is one, with the arguments in the JSON text `args`; what it
    /// throws is logged by the host as `thrown`.
    pub fn call(&self, slot: u32, args: &str, thrown: &str) {
        call_back(self.id, slot, args, thrown);
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        release(self.id);
    }
}
