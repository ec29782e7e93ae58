//! An emitter's callbacks (`onSuccess`, `onFailure`, `onRequestSuccess`, `onRequestFailure`),
//! handed to the host once (`js/boundary.js` `hold`) and called there by number with the JSON
//! text of their arguments (`snowplow_core::emitter::callback_text`): the module holds no
//! callback and builds no JS object for them.

use wasm_bindgen::prelude::*;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    fn hold(values: Vec<JsValue>) -> u32;
    fn release(id: u32);
    #[wasm_bindgen(js_name = callBack)]
    fn call_back(id: u32, slot: u32, args: &str, thrown: &str);
}

/// Which callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    /// `onSuccess(events)`.
    Success,
    /// `onFailure(successCount, unsentEvents, info)`.
    Failure,
    /// `onRequestSuccess(request)`.
    RequestSuccess,
    /// `onRequestFailure(request)`.
    RequestFailure,
}

const NAMES: [&str; 4] = ["onSuccess", "onFailure", "onRequestSuccess", "onRequestFailure"];

/// The callbacks the user gave, kept by the host while the emitter lives.
pub struct Callbacks {
    id: u32,
    given: [bool; 4],
}

impl Callbacks {
    /// Hand `functions` (in [`Callback`] order; `undefined` for one not given) to the host.
    pub fn new(functions: [JsValue; 4]) -> Callbacks {
        let given = [0, 1, 2, 3].map(|i| functions.get(i).is_some_and(JsValue::is_function));
        let id = if given.contains(&true) { hold(functions.into()) } else { 0 };
        Callbacks { id, given }
    }

    /// No callbacks.
    #[cfg(feature = "edge")]
    pub fn none() -> Callbacks {
        Callbacks { id: 0, given: [false; 4] }
    }

    /// True when the user gave `c`.
    pub fn has(&self, c: Callback) -> bool {
        self.given.get(c as usize).copied().unwrap_or(false)
    }

    /// Call `c`, if given, with the arguments in the JSON text `args`; what it throws is logged.
    pub fn call(&self, c: Callback, args: &str) {
        if self.has(c) {
            let name = NAMES.get(c as usize).copied().unwrap_or_default();
            call_back(self.id, c as u32, args, &["snowplow-tracker-wasm: the ", name, " callback threw; sending goes on"].concat());
        }
    }
}

impl Drop for Callbacks {
    fn drop(&mut self) {
        if self.id != 0 {
            release(self.id);
        }
    }
}
