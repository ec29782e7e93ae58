//! Where an emitter's requests go. Each sender builds its own request from the batch the outbox
//! chose: HTTP to a collector (the outbox's URL and body), or Queues messages.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use snowplow_core::emitter::Request;
use snowplow_core::Payload;

pub use crate::platform::fetch::{Answer, Transport};

/// One attempt under way; it never fails (network errors and timeouts are outcomes).
pub type Sending = Pin<Box<dyn Future<Output = Answer>>>;

/// A destination for an emitter's requests.
pub trait Sender {
    /// Start sending `req`, whose events are `events`. What the attempt needs is taken now, so
    /// the outbox is free again before the first await.
    fn send(self: Rc<Self>, req: Request, events: &[&Payload]) -> Sending;
}

impl Sender for Transport {
    /// `fetch` of the outbox's request (GET `/i?…` or a POST body).
    fn send(self: Rc<Self>, req: Request, _events: &[&Payload]) -> Sending {
        Box::pin(async move { self.request(&req).await })
    }
}
