//! One-shot and repeating timers from the global `setTimeout`/`setInterval`, cancelled when
//! dropped. In Node they can be `unref()`-ed so they never keep the process alive on their own.

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::props::{self, Key};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = setInterval)]
    fn set_interval(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearInterval)]
    fn clear_interval(id: &JsValue);
}

/// A scheduled callback; dropping it cancels it.
pub struct Timer {
    id: JsValue,
    repeat: bool,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(ms: f64, repeat: bool, unref: bool, callback: Closure<dyn FnMut()>) -> Timer {
        let handler: &Function = callback.as_ref().unchecked_ref();
        let ms = ms.clamp(0.0, 2_147_483_647.0);
        let id = if repeat { set_interval(handler, ms) } else { set_timeout(handler, ms) };
        if unref && id.is_object() {
            if let Ok(f) = props::get(&id, Key::Unref).and_then(|f| f.dyn_into::<Function>()) {
                let _ = f.call0(&id);
            }
        }
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
        if self.repeat {
            clear_interval(&self.id);
        } else {
            clear_timeout(&self.id);
        }
    }
}
