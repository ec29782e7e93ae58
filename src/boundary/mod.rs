//! The boundary wing: everything that reads values coming from JavaScript or hands values back.
//! Property keys, option reading against tables, errors as `TypeError`/`RangeError`, the
//! payload ⇄ JS converters, the handle registry, and the JS calls that may run user code
//! (never letting an exception unwind through wasm). It knows no class of the API.

pub mod answer;
pub mod errors;
pub mod handles;
pub mod hold;
pub mod js;
#[cfg(feature = "edge")]
pub mod keys;
pub mod message;
pub mod payload;
pub mod read;
pub mod tasks;
