//! The API wing: the classes and functions JavaScript sees (wrapped by `js/facade.js`), each a
//! thin layer that reads its arguments through the boundary and drives the other wings.

#[cfg(feature = "web")]
pub mod activity;
pub mod emitter;
pub mod extend;
pub mod module;
pub mod objects;
#[cfg(feature = "edge")]
pub mod queue;
#[cfg(feature = "edge")]
pub mod redis;
pub mod shared;
pub mod subject;
#[cfg(feature = "edge")]
mod subject_request;
pub mod tracker;
mod types;
pub mod web;
