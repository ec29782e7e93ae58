//! What became of each event, for a persistent store to follow (kept only while one is
//! attached): settled events leave the store, retried ones keep their attempt count and
//! next-attempt time there. Also buffering an event read back from a store.

use super::{Item, Outbox};
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

    /// Buffer events read back from a store, each with its sends so far and its next-attempt
    /// time (the emitter's backoff covers it until then, and it keeps counting towards
    /// `maxRetries`). They are older than what this emitter buffered and has not flushed: they
    /// go ahead of it, in one round of their own that is sent at once, while this emitter's own
    /// events keep waiting for their `bufferSize`, `byteLimit` or timer. Events refused
    /// (capacity, or too large) stay where they are stored.
    pub fn input_stored(&mut self, events: Vec<(Payload, u32, i64)>) {
        let mut at = self.buffer.iter().position(|item| item.round.is_none()).unwrap_or(self.buffer.len());
        let mut round = None;
        for (payload, attempts, not_before_ms) in events {
            let Ok((mut item, _)) = self.admit(payload) else { continue };
            item.attempts = attempts;
            item.round = Some(*round.get_or_insert_with(|| self.rounds.open()));
            self.buffer.insert(at, item);
            at += 1;
            if not_before_ms > 0 {
                self.retry_due = Some(self.retry_due.map_or(not_before_ms, |d| d.max(not_before_ms)));
            }
        }
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
