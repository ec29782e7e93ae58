//! `console.warn` / `console.error` from the global scope, through `js/boundary.js` so that a
//! replaced or throwing `console` never unwinds into the module.

#[cfg(feature = "edge")]
pub use crate::boundary::js::error;
pub use crate::boundary::js::warn;
