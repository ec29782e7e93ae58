//! The boundary wing: everything that reads values coming from JavaScript or hands values back.
//! Property keys, option reading against tables, errors as `TypeError`/`RangeError`, the
//! payload ⇄ JS converters, the handle registry, and the JS calls that may run user code
//! (never letting an exception unwind through wasm). It knows no class of the API.

pub mod answer;
#[cfg(feature = "edge")]
pub mod clients;
pub mod errors;
pub mod handles;
pub mod hold;
pub mod js;
pub mod message;
pub mod read;
pub mod tasks;
