//! Where an emitter's requests go. Each sender builds its own request from the batch the outbox
//! chose: HTTP to a collector (the outbox's URL and body), or Queues messages.

use std::cell::RefCell;

use snowplow_core::emitter::{Outbox, Request};

pub use crate::platform::fetch::{Answer, Done, Transport};

/// A destination for an emitter's requests.
pub trait Sender {
    /// Start sending `req` (its events are in `outbox`, to borrow briefly if needed: a custom
    /// `fetch` may call back into the emitter); `done` gets the attempt's end, always later,
    /// never during this call. An attempt never fails: network errors and timeouts are outcomes.
    fn send(&self, req: &Request, outbox: &RefCell<Outbox>, done: Done);

    /// Ask the collector to anonymise what it records (`SP-Anonymous: *` on every request;
    /// a tracker's `anonymousTracking.withServerAnonymisation`). Only HTTP senders have it.
    #[cfg(feature = "web")]
    fn set_server_anonymous(&self, _on: bool) {}
}

impl Sender for Transport {
    /// `fetch` of the outbox's request (GET `/i?…` or a POST body).
    fn send(&self, req: &Request, _outbox: &RefCell<Outbox>, done: Done) {
        self.request(req, done);
    }

    #[cfg(feature = "web")]
    fn set_server_anonymous(&self, on: bool) {
        self.anonymous.set(on);
    }
}
