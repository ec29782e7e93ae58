//! The API wing: the classes and functions JavaScript sees (wrapped by `js/facade.js`), each a
//! thin layer that reads its arguments through the boundary and drives the other wings.

pub mod emitter;
pub mod events;
pub mod module;
#[cfg(feature = "edge")]
pub mod queue;
#[cfg(feature = "edge")]
pub mod redis;
pub mod subject;
pub mod tracker;
mod types;
