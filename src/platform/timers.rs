//! One-shot and repeating timers from the global `setTimeout`/`setInterval` (through
//! `js/boundary.js`, which stops them if the module ever traps), cancelled when dropped. In
//! Node they can be `unref()`-ed so they never keep the process alive on their own.

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::boundary::js::{cancel, schedule};

/// A scheduled callback; dropping it cancels it.
#[must_use = "dropping a Timer cancels it"]
pub struct Timer {
    id: JsValue,
    repeat: bool,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(ms: f64, repeat: bool, unref: bool, callback: Closure<dyn FnMut()>) -> Timer {
        let handler: &Function = callback.as_ref().unchecked_ref();
        let id = schedule(handler, ms.clamp(0.0, 2_147_483_647.0), repeat, unref);
        Timer { id, repeat, _callback: callback }
    }

    /// Call `f` once after `ms`.
    pub fn once(ms: f64, unref: bool, f: impl FnMut() + 'static) -> Timer {
        Timer::start(ms, false, unref, Closure::new(f))
    }

    /// Call `f` every `ms`.
    pub fn every(ms: f64, unref: bool, f: impl FnMut() + 'static) -> Timer {
        Timer::start(ms, true, unref, Closure::new(f))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        cancel(&self.id, self.repeat);
    }
}
