//! Platform-free core of snowplow-tracker-wasm.
//!
//! Everything here is plain Rust, tested on the host with `cargo test`: event payloads for every
//! event type of the Snowplow Python tracker 1.1.0, subjects, base64 / JSON / form-urlencoding,
//! collector URLs and request building, and input validation. Time and randomness come in
//! through [`tracker::Env`]; the network never enters this crate.
#![deny(missing_docs)]

pub mod base64;
pub mod constants;
pub mod emitter;
pub mod error;
pub mod events;
pub mod global_contexts;
pub mod json;
pub mod json_check;
pub mod json_read;
pub mod names;
mod num;
pub mod num_read;
pub mod opts;
pub mod payload;
pub mod plugins;
pub mod request_identity;
pub mod rulesets;
pub mod subject;
pub mod tracker;
pub mod urlencode;
pub mod validate;
pub mod web;

pub use constants::key;
pub use error::{Error, ErrorData, ErrorKind, Result};
pub use num::{indexed, int_read, int_text, uint_read, Num, MAX_SAFE_INTEGER};
pub use payload::Payload;
pub use subject::{Field, Platform, Subject};
