//! Giving up a flush's events where nothing would retry them (workerd).

use super::Outbox;
use crate::emitter::rounds::{FailInfo, Reason, Report};

impl Outbox {
    /// Give up the events a flush `waiter` covers that are still buffered, where timers die
    /// with the request (workerd) and nothing would retry them: they are dropped and reported
    /// as `timeout`, not retried, so none is lost quietly. Events in flight stay: their answer
    /// settles them. Returns the rounds this completed, then the report of what was given up;
    /// a completed round no longer names the given-up events (their own report does). Events
    /// a stored queue keeps (`is_stored`, by id) are reported apart with `willRetry` true: the next page or
    /// emitter to claim the store sends them, and they do not count as failed.
    pub fn give_up(&mut self, waiter: u32, is_stored: &dyn Fn(&str) -> bool) -> Vec<Report> {
        let Some(max_seq) = self.rounds.waiter_max_seq(waiter) else { return Vec::new() };
        let (gone, kept) = super::split(std::mem::take(&mut self.buffer), &|i| i.seq <= max_seq);
        self.buffer = kept;
        if gone.is_empty() {
            return Vec::new();
        }
        self.let_go(&gone);
        self.recount_unflushed();
        if self.buffer.is_empty() {
            self.retry_due = None;
        }
        let gone_ids: Vec<String> = gone.iter().map(|i| i.eid().to_owned()).collect();
        let mut reports = self.rounds.completed(&self.buffer);
        for r in &mut reports {
            r.unsent.retain(|p| !gone_ids.iter().any(|g| p.get(crate::key::EID) == Some(g.as_str())));
            r.info = r.info.filter(|_| !r.unsent.is_empty()).map(|i| FailInfo { will_retry: false, ..i });
        }
        let (stored, lost) = super::split(gone, &|i| is_stored(i.eid()));
        for (items, will_retry) in [(lost, false), (stored, true)] {
            if !items.is_empty() {
                reports.push(self.rounds.abandoned(items, FailInfo { status: 0, reason: Reason::Timeout, will_retry }));
            }
        }
        reports
    }
}
