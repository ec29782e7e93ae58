//! The page's comings and goings: as it is left, requests go out with `keepalive`, whose
//! bodies in flight together must stay within a budget (64 KiB in browsers), and what does not
//! fit stays stored and is handed to the next page; while the device is offline, a failed request does not count as an attempt.

use super::{Item, Outbox};
use crate::emitter::rounds::Report;

impl Outbox {
    /// While `Some(bytes)`, requests are made only if they fit in what is left of `bytes`, each
    /// taking its size off, and are marked `keepalive`; `None` ends it.
    pub fn set_exit_budget(&mut self, bytes: Option<usize>) {
        self.exit_budget = bytes;
    }

    /// A hidden page may be frozen or cut at any moment (mobile browsers often never say it is
    /// left): while `hidden`, every request goes `keepalive`, as at exit, within `room` bytes
    /// (what the page's keepalive quota has left); what does not fit waits, stored, for more
    /// room, the page shown again, or the next visit. Shown, requests go as usual.
    pub fn while_hidden(&mut self, hidden: bool, room: usize) {
        self.exit_budget = hidden.then_some(room);
    }

    /// Request `id` failed because the device is offline: its events go back as they were,
    /// unsent (no attempt counted, no backoff, no report), to go once it is online again.
    pub fn unsend(&mut self, id: u32) {
        if self.forget_handed_off(id) {
            return;
        }
        let Some(pos) = self.in_flight.iter().position(|f| f.id == id) else { return };
        let flight = self.in_flight.swap_remove(pos);
        self.rounds.ended(flight.round);
        let mut items = flight.items;
        for item in &mut items {
            item.attempts = item.attempts.saturating_sub(1);
        }
        self.put_back(items);
    }

    /// The page is left and its stored events released: what is buffered (not in flight) and
    /// stored is handed to the store, dropped from memory without a report. The next page
    /// claims it from there, and so does this one if it comes back from the back/forward cache,
    /// so it never sends what another page took meanwhile. An event `unstored` (its write was
    /// refused: storage full) stays in memory, the only place it is. Returns the rounds this
    /// completed.
    ///
    /// Requests in flight stay; if one whose events are all stored fails (its answer may come
    /// after a back/forward-cache restore), its events are dropped the same way rather than
    /// retried: the next page has them from the store.
    pub fn hand_off(&mut self, unstored: impl Fn(&str) -> bool) -> Vec<Report> {
        for f in &self.in_flight {
            if !f.items.iter().any(|i| unstored(i.eid())) {
                self.handed_off.push(f.id);
            }
        }
        let (kept, gone) = super::split(std::mem::take(&mut self.buffer), &|i: &Item| unstored(i.eid()));
        self.buffer = kept;
        self.let_go(&gone);
        self.recount_unflushed();
        if self.buffer.is_empty() {
            self.retry_due = None;
        }
        self.rounds.forget_unstarted(&self.buffer);
        self.rounds.completed(&self.buffer)
    }

    /// Request `id` was in flight when the page was left: drop it and its events, without a
    /// report or a retry; false when it was not.
    pub(super) fn forget_handed_off(&mut self, id: u32) -> bool {
        let Some(at) = self.handed_off.iter().position(|&h| h == id) else { return false };
        self.handed_off.swap_remove(at);
        let Some(pos) = self.in_flight.iter().position(|f| f.id == id) else { return true };
        let flight = self.in_flight.swap_remove(pos);
        self.let_go(&flight.items);
        self.rounds.ended(flight.round);
        self.rounds.forget_unstarted(&self.buffer);
        self.rounds.discard_idle(flight.round, &self.buffer);
        true
    }

    /// Count again the buffered events no flush round covers yet (after some left the buffer).
    pub(super) fn recount_unflushed(&mut self) {
        let post = self.post();
        (self.unflushed, self.unflushed_bytes) = (0, 0);
        for item in &self.buffer {
            if item.round.is_none() {
                self.unflushed += 1;
                self.unflushed_bytes += item.size(post) + 1;
            }
        }
    }
}
