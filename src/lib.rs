#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod console;
mod emitter;
mod emitter_options;
mod emitter_state;
mod env;
mod errors;
mod events;
mod handles;
mod props;
#[cfg(feature = "edge")]
mod queue;
mod read;
#[cfg(feature = "edge")]
mod redis;
mod safe;
mod sink;
mod subject;
mod timers;
mod tracker;
mod transport;
mod types;

#[cfg(test)]
mod tests;

pub use emitter::{JsAsyncEmitter, JsEmitter};
#[cfg(feature = "edge")]
pub use queue::JsQueueEmitter;
#[cfg(feature = "edge")]
pub use redis::JsRedisEmitter;
pub use subject::JsSubject;
pub use tracker::JsTracker;

/// Talc instead of dlmalloc: smaller and faster for wasm.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
