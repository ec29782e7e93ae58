//! `console.warn` / `console.error` from the global scope, through `js/boundary.js` so that a
//! replaced or throwing `console` never unwinds into the module.

pub use crate::boundary::js::{error, warn};
