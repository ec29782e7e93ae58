//! An emitter's callbacks (`onSuccess`, `onFailure`, `onRequestSuccess`, `onRequestFailure`),
//! held by the host ([`Hold`]) and called there with the JSON text of their arguments
//! (`snowplow_core::emitter::callback_text`): the module builds no JS object for them.

use snowplow_core::opts::Taken;

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

/// The callbacks the user gave, each kept by the host.
pub struct Callbacks {
    held: [Option<Hold>; 4],
}

impl Callbacks {
    /// Keep the functions the facade took out (in [`Callback`] order; `None` for one not given).
    pub fn new(functions: [Option<Taken>; 4]) -> Callbacks {
        Callbacks { held: functions.map(|f| f.map(|t| Hold::keep(t.hold))) }
    }

    /// No callbacks.
    #[cfg(feature = "edge")]
    pub fn none() -> Callbacks {
        Callbacks { held: [None, None, None, None] }
    }

    /// True when the user gave `c`.
    pub fn has(&self, c: Callback) -> bool {
        self.held.get(c as usize).is_some_and(Option::is_some)
    }

    /// Call `c`, if given, with the arguments in the JSON text `args`; what it throws is logged.
    pub fn call(&self, c: Callback, args: &str) {
        if let Some(Some(h)) = self.held.get(c as usize) {
            let name = NAMES.get(c as usize).copied().unwrap_or_default();
            h.call(args, &["snowplow-tracker-wasm: the ", name, " callback threw; sending goes on"].concat());
        }
    }
}
