//! An emitter's callbacks (`onSuccess`, `onFailure`, `onRequestSuccess`, `onRequestFailure`),
//! held by the host ([`Hold`]) and called there with the JSON text of their arguments
//! (`snowplow_core::emitter::callback_text`): the module builds no JS object for them.

use wasm_bindgen::JsValue;

use crate::boundary::hold::Hold;

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

/// The callbacks the user gave.
pub struct Callbacks {
    held: Option<Hold>,
    given: [bool; 4],
}

impl Callbacks {
    /// Hand `functions` (in [`Callback`] order; `undefined` for one not given) to the host.
    pub fn new(functions: [JsValue; 4]) -> Callbacks {
        let given = [0, 1, 2, 3].map(|i| functions.get(i).is_some_and(JsValue::is_function));
        let held = given.contains(&true).then(|| Hold::new(functions.into()));
        Callbacks { held, given }
    }

    /// No callbacks.
    #[cfg(feature = "edge")]
    pub fn none() -> Callbacks {
        Callbacks { held: None, given: [false; 4] }
    }

    /// True when the user gave `c`.
    pub fn has(&self, c: Callback) -> bool {
        self.given.get(c as usize).copied().unwrap_or(false)
    }

    /// Call `c`, if given, with the arguments in the JSON text `args`; what it throws is logged.
    pub fn call(&self, c: Callback, args: &str) {
        if let (Some(h), true) = (&self.held, self.has(c)) {
            let name = NAMES.get(c as usize).copied().unwrap_or_default();
            h.call(c as u32, args, &["snowplow-tracker-wasm: the ", name, " callback threw; sending goes on"].concat());
        }
    }
}
