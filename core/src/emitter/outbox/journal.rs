//! What became of each event, for a persistent store to follow (kept only while one is
//! attached): settled events leave the store, retried ones keep their attempt count and
//! next-attempt time there. Also buffering an event read back from a store.

use super::{Input, Item, Outbox};
use crate::Payload;

/// A change to one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Delivered, or refused for good: no longer stored.
    Settled(String),
    /// To be sent again: its sends so far, and not before this time (ms since the epoch).
    Retry {
        /// The event id.
        eid: String,
        /// Sends so far.
        attempts: u32,
        /// The next attempt, at the earliest.
        not_before_ms: i64,
    },
}

impl Outbox {
    /// Record what becomes of events, for [`Outbox::take_journal`].
    pub fn keep_journal(&mut self, keep: bool) {
        self.keep_journal = keep;
    }

    /// The changes since the last call, in order.
    pub fn take_journal(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.journal)
    }

    /// Buffer an event read back from a store with its sends so far and its next-attempt time:
    /// the emitter's backoff covers it until then, and it keeps counting towards `maxRetries`.
    pub fn input_stored(&mut self, payload: Payload, attempts: u32, not_before_ms: i64) -> Input {
        let result = self.input(payload);
        if matches!(result, Input::Buffered { .. }) {
            if let Some(item) = self.buffer.last_mut() {
                item.attempts = attempts;
            }
            if not_before_ms > 0 {
                self.retry_due = Some(self.retry_due.map_or(not_before_ms, |d| d.max(not_before_ms)));
            }
        }
        result
    }

    pub(super) fn note_settled(&mut self, items: &[Item]) {
        if self.keep_journal {
            for item in items {
                self.journal.push(Change::Settled(item.eid().to_owned()));
            }
        }
    }

    pub(super) fn note_retry(&mut self, items: &[Item]) {
        if self.keep_journal {
            let not_before_ms = self.retry_due.unwrap_or(0);
            for i in items {
                self.journal.push(Change::Retry { eid: i.eid().to_owned(), attempts: i.attempts, not_before_ms });
            }
        }
    }
}
