//! What a call into the module throws: a core error, which the facade throws as a
//! `TypeError` / `RangeError` from the call's answer (see [`crate::boundary::answer`]); in the
//! Node and workerd build also an exception a user's object threw while the module read it
//! (Queues and Redis clients), thrown again as it was.
//!
//! The error itself waits in one slot until the call answers: what a failing function returns
//! is only the mark [`Thrown`], so every `Result` of the call path stays as small as its value.

use std::cell::RefCell;

use snowplow_core::Error;
#[cfg(feature = "edge")]
use wasm_bindgen::JsValue;

/// What a call ends with when it fails.
pub enum Pending {
    /// A rule refused the call's input: a `TypeError` or `RangeError` named after it.
    Core(Error),
    /// A user's object threw while it was read (Node and workerd build).
    #[cfg(feature = "edge")]
    Js(JsValue),
}

thread_local! {
    /// The error of the call that is failing (the latest one made wins).
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// The mark of a failed call: its error waits in the slot (see [`Thrown::take`]).
#[derive(Debug)]
pub struct Thrown(());

impl Thrown {
    fn hold(p: Pending) -> Thrown {
        PENDING.with(|s| *s.borrow_mut() = Some(p));
        Thrown(())
    }

    /// The error the call ends with (`None` only if it was taken already).
    pub fn take(self) -> Option<Pending> {
        PENDING.with(|s| s.borrow_mut().take())
    }
}

impl From<Error> for Thrown {
    fn from(e: Error) -> Thrown {
        Thrown::hold(Pending::Core(e))
    }
}

#[cfg(feature = "edge")]
impl From<JsValue> for Thrown {
    fn from(v: JsValue) -> Thrown {
        Thrown::hold(Pending::Js(v))
    }
}

#[cfg(feature = "edge")]
impl From<Thrown> for JsValue {
    /// The JS exception, for the functions exported as themselves (`drainRedis`,
    /// `forwardQueueBatch`), which throw through wasm-bindgen.
    fn from(t: Thrown) -> JsValue {
        match t.take() {
            Some(Pending::Core(e)) if e.kind == snowplow_core::ErrorKind::Range => js_sys::RangeError::new(&e.message()).into(),
            Some(Pending::Core(e)) => js_sys::TypeError::new(&e.message()).into(),
            Some(Pending::Js(v)) => v,
            None => js_sys::Error::new("snowplow-tracker-wasm: an internal error (an error without its cause)").into(),
        }
    }
}

/// The thrown form of a core error.
pub fn to_js(e: Error) -> Thrown {
    Thrown::from(e)
}

/// Result of a call into the module.
pub type JsResult<T> = Result<T, Thrown>;

/// Convert a core result to a call's result.
pub fn js<T>(r: snowplow_core::Result<T>) -> JsResult<T> {
    r.map_err(to_js)
}
