//! The emitter wing: an emitter's live state driving the core outbox, its options, and where
//! its requests go (a [`sender::Sender`]: HTTP to a collector, or a Cloudflare Queues producer).

pub mod callbacks;
pub mod options;
pub mod persist;
#[cfg(feature = "edge")]
pub mod queue;
pub mod sender;
pub mod slots;
pub mod state;
pub mod user;

use std::rc::Rc;

use crate::boundary::handles::Registry;

thread_local! {
    /// Live emitters (`Emitter`, `AsyncEmitter`, `QueueEmitter`), for trackers and helpers
    /// that are handed one.
    pub static EMITTERS: Registry<Rc<state::EmitterShared>> = const { Registry::new() };
}
