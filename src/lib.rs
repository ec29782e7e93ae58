#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod bag;
mod console;
mod emitter;
mod env;
mod errors;
mod events;
mod handles;
mod read;
mod sink;
mod subject;
mod tracker;
mod transport;
mod types;

#[cfg(test)]
mod tests;

pub use emitter::JsEmitter;
pub use subject::JsSubject;
pub use tracker::JsTracker;
