//! Bookkeeping of flush rounds (callbacks fire once per round, as in the Python emitters) and
//! of flush waiters (what became of the events a blocking `flush()` waits for).

use super::wire::{self, Item};
use crate::Payload;

/// Why events were not delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A non-2xx status.
    Http,
    /// No answer.
    Network,
    /// `requestTimeout` ran out.
    Timeout,
    /// The buffer was full.
    Capacity,
    /// 413 for a single event.
    TooLarge,
}

impl Reason {
    /// Why a request with this outcome failed.
    pub fn of(outcome: super::policy::Outcome) -> Reason {
        use super::policy::Outcome;
        match outcome {
            Outcome::Status(413) => Reason::TooLarge,
            Outcome::Status(_) => Reason::Http,
            Outcome::NetworkError => Reason::Network,
            Outcome::Timeout => Reason::Timeout,
        }
    }

    /// The name callbacks see (`info.reason`).
    pub fn name(self) -> &'static str {
        match self {
            Reason::Http => "http",
            Reason::Network => "network",
            Reason::Timeout => "timeout",
            Reason::Capacity => "capacity",
            Reason::TooLarge => "too-large",
        }
    }
}

/// The third argument of `onFailure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailInfo {
    /// HTTP status, 0 when there was none.
    pub status: u16,
    /// Why.
    pub reason: Reason,
    /// Whether the unsent events will be retried.
    pub will_retry: bool,
}

/// A finished round: `info` is `None` when every request succeeded.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Events delivered (empty unless events are kept for callbacks).
    pub sent: Vec<Payload>,
    /// Events not delivered (empty unless events are kept for callbacks).
    pub unsent: Vec<Payload>,
    /// How many were delivered.
    pub sent_count: usize,
    /// Failure details, if any request failed.
    pub info: Option<FailInfo>,
}

/// What became of the events a flush waits for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Delivered.
    pub sent: u32,
    /// Refused for good (non-retry status, retries exhausted, too large).
    pub failed: u32,
    /// Still buffered or in flight.
    pub pending: u32,
}

#[derive(Debug)]
struct Round {
    id: u32,
    outstanding: usize,
    started: bool,
    report: Report,
}

#[derive(Debug)]
struct Waiter {
    id: u32,
    max_seq: u64,
    counts: Counts,
}

/// Open rounds and waiters.
#[derive(Debug, Default)]
pub struct Rounds {
    rounds: Vec<Round>,
    waiters: Vec<Waiter>,
    next_id: u32,
    /// Keep the events in reports (only when a callback will read them).
    pub keep_events: bool,
    /// Event ids whose final outcome is recorded: delivered (`Ok`) or refused for good
    /// (`Err` with why).
    pub watch: Vec<(String, Option<Result<(), FailInfo>>)>,
}

impl Rounds {
    /// Open a round; its id.
    pub fn open(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        let report = Report { sent: Vec::new(), unsent: Vec::new(), sent_count: 0, info: None };
        self.rounds.push(Round { id: self.next_id, outstanding: 0, started: false, report });
        self.next_id
    }

    fn round(&mut self, id: u32) -> Option<&mut Round> {
        self.rounds.iter_mut().find(|r| r.id == id)
    }

    /// A request of round `id` started.
    pub fn started(&mut self, id: u32) {
        if let Some(r) = self.round(id) {
            r.outstanding += 1;
            r.started = true;
        }
    }

    /// A request of round `id` ended.
    pub fn ended(&mut self, id: u32) {
        if let Some(r) = self.round(id) {
            r.outstanding = r.outstanding.saturating_sub(1);
        }
    }

    /// `refused`: `None` when `items` were delivered, else why they were refused for good.
    fn count_for_waiters(&mut self, items: &[Item], refused: Option<FailInfo>) {
        let delivered = refused.is_none();
        if !self.watch.is_empty() {
            for item in items {
                if let Some(w) = self.watch.iter_mut().find(|(eid, _)| eid == item.eid()) {
                    w.1 = Some(refused.map_or(Ok(()), Err));
                }
            }
        }
        for w in &mut self.waiters {
            let n = up_to(items, w.max_seq);
            if delivered {
                w.counts.sent += n;
            } else {
                w.counts.failed += n;
            }
        }
    }

    /// `items` of round `id` were delivered.
    pub fn delivered(&mut self, id: u32, items: Vec<Item>) {
        self.count_for_waiters(&items, None);
        let keep = self.keep_events;
        if let Some(r) = self.round(id) {
            r.report.sent_count += items.len();
            if keep {
                wire::move_payloads(items, &mut r.report.sent);
            }
        }
    }

    /// `items` of round `id` failed; `dropped` when they will not be retried.
    pub fn failed(&mut self, id: u32, items: &[Item], info: FailInfo, dropped: bool) {
        if dropped {
            self.count_for_waiters(items, Some(info));
        }
        let keep = self.keep_events;
        if let Some(r) = self.round(id) {
            if keep {
                wire::copy_payloads(items, &mut r.report.unsent);
            }
            let will_retry = info.will_retry || r.report.info.is_some_and(|i| i.will_retry);
            r.report.info = Some(FailInfo { will_retry, ..info });
        }
    }

    /// `items` were given up (see `Outbox::give_up`): reported with `info`, counted as failed,
    /// or as pending when `info.will_retry` (a stored queue keeps them).
    pub fn abandoned(&mut self, items: Vec<Item>, info: FailInfo) -> Report {
        if info.will_retry {
            // Kept by a stored queue: pending for good, as far as this emitter's waiters know.
            for w in &mut self.waiters {
                w.counts.pending += up_to(&items, w.max_seq);
            }
        } else {
            self.count_for_waiters(&items, Some(info));
        }
        let mut unsent = Vec::new();
        if self.keep_events {
            wire::move_payloads(items, &mut unsent);
        }
        Report { sent: Vec::new(), unsent, sent_count: 0, info: Some(info) }
    }

    /// Remove and return the rounds with nothing in flight and nothing left in `buffer`.
    pub fn completed(&mut self, buffer: &[Item]) -> Vec<Report> {
        self.remove_rounds(&|r| r.started && r.outstanding == 0 && !in_buffer(buffer, r.id))
    }

    /// Remove the rounds `gone` holds for; their reports, in order.
    fn remove_rounds(&mut self, gone: &dyn Fn(&Round) -> bool) -> Vec<Report> {
        let mut done = Vec::new();
        let mut i = 0;
        while let Some(r) = self.rounds.get(i) {
            if gone(r) {
                done.push(self.rounds.remove(i).report);
            } else {
                i += 1;
            }
        }
        done
    }

    /// Forget the rounds never started whose events are no longer in `buffer` (handed off).
    pub fn forget_unstarted(&mut self, buffer: &[Item]) {
        self.remove_rounds(&|r| !r.started && !in_buffer(buffer, r.id));
    }

    /// Forget round `id` without a report when nothing of it is in flight or in `buffer` (its
    /// events were handed to the next page).
    pub fn discard_idle(&mut self, id: u32, buffer: &[Item]) {
        self.remove_rounds(&|r| r.id == id && r.outstanding == 0 && !in_buffer(buffer, id));
    }

    /// A waiter over events with `seq ≤ max_seq`.
    pub fn add_waiter(&mut self, max_seq: u64) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.waiters.push(Waiter { id: self.next_id, max_seq, counts: Counts::default() });
        self.next_id
    }

    /// The sequence bound of a waiter.
    pub fn waiter_max_seq(&self, id: u32) -> Option<u64> {
        self.waiters.iter().find(|w| w.id == id).map(|w| w.max_seq)
    }

    /// A waiter's counts with `pending` filled in.
    pub fn counts(&self, id: u32, pending: usize) -> Option<Counts> {
        // A waiter's own `pending` counts the events given up to a stored queue.
        self.waiters.iter().find(|w| w.id == id).map(|w| Counts { pending: pending as u32 + w.counts.pending, ..w.counts })
    }

    /// Forget a waiter.
    pub fn remove_waiter(&mut self, id: u32) {
        let mut i = 0;
        while let Some(w) = self.waiters.get(i) {
            if w.id == id {
                self.waiters.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// True when an event of round `id` is in `buffer`.
fn in_buffer(buffer: &[Item], id: u32) -> bool {
    for item in buffer {
        if item.round == Some(id) {
            return true;
        }
    }
    false
}

/// How many of `items` have `seq ≤ max_seq`.
fn up_to(items: &[Item], max_seq: u64) -> u32 {
    let mut n = 0;
    for item in items {
        n += u32::from(item.seq <= max_seq);
    }
    n
}
