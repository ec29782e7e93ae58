//! What each request did, for the per-request callbacks (`onRequestSuccess` /
//! `onRequestFailure`): kept only while such a callback is set.

use super::{Flight, Outbox};
use crate::emitter::policy::Outcome;
use crate::emitter::rounds::Reason;
use crate::Payload;

/// One request's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// Its events, as sent (`stm` included).
    pub events: Vec<Payload>,
    /// The HTTP status, 0 when there was none.
    pub status: u16,
    /// Why it failed; `None` when it was delivered.
    pub reason: Option<Reason>,
    /// POST (else GET).
    pub post: bool,
    /// Bytes of the body (POST) or of the URL (GET).
    pub bytes: usize,
    /// Which attempt this was for its events (1 for a first send).
    pub attempt: u32,
    /// Whether its events will be sent again.
    pub will_retry: bool,
}

impl Outbox {
    /// Keep what each request did, for [`Outbox::take_attempts`].
    pub fn keep_attempts(&mut self, keep: bool) {
        self.keep_attempts = keep;
    }

    /// What the requests finished since the last call did, in order.
    pub fn take_attempts(&mut self) -> Vec<Attempt> {
        std::mem::take(&mut self.attempts)
    }

    pub(super) fn attempt(&self, flight: &Flight, outcome: Outcome) -> Attempt {
        let mut events = Vec::new();
        if self.keep_attempts {
            crate::emitter::wire::copy_payloads(&flight.items, &mut events);
        }
        Attempt {
            events,
            status: outcome.status(),
            reason: if outcome.is_success() { None } else { Some(Reason::of(outcome)) },
            post: flight.post,
            bytes: flight.bytes,
            attempt: most_attempts(&flight.items),
            will_retry: false,
        }
    }

    pub(super) fn record(&mut self, attempt: Attempt) {
        if self.keep_attempts {
            self.attempts.push(attempt);
        }
    }
}

/// The most sends of any of `items`; 1 when there is none.
fn most_attempts(items: &[super::Item]) -> u32 {
    let mut most = None;
    for item in items {
        most = Some(most.map_or(item.attempts, |m: u32| m.max(item.attempts)));
    }
    most.unwrap_or(1)
}
