//! An emitter's live state: the core outbox driven with `fetch`, timers for retries and the
//! flush interval, callbacks, and blocking-flush waiters. No borrow is held across an await or
//! a call into JS, so callbacks may call `track()`, `flush()` or `setFlushTimer()` again.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use snowplow_core::emitter::deadlines::{Deadlines, Due};
use snowplow_core::emitter::{callback_text, Counts, FailInfo, Input, Outbox, Outcome, Reason};
use snowplow_core::{key, Payload};

use crate::boundary::tasks::Deferred;
use crate::emitter::callbacks::{Callback, Callbacks};
use crate::emitter::options::EmitterSettings;
use crate::emitter::persist::Persist;
use crate::emitter::sender::{Answer, Sender};
use crate::emitter::slots;
use crate::platform::console;
use crate::platform::env::{math_random, now_ms, tab_id};
#[cfg(feature = "edge")]
use crate::platform::env::{runtime, Runtime};
use crate::platform::storage;
use crate::platform::timers::Timer;

mod reports;
mod stored;
mod wake;

/// Told the `{sent, failed, pending}` of a blocking flush once it ends.
pub type FlushDone = Box<dyn FnOnce(Counts)>;

struct Waiting {
    id: u32,
    done: FlushDone,
}

/// Told of each event id an emitter settles.
pub type SettledWatcher = Rc<dyn Fn(&str)>;

/// Emitter state shared by its JS handle, the trackers using it, its timers and requests.
pub struct EmitterShared {
    outbox: RefCell<Outbox>,
    sender: Rc<dyn Sender>,
    callbacks: Callbacks,
    flush_timeout_ms: f64,
    /// What it waits for by time, and the one host timer set for the earliest (see `wake`).
    deadlines: RefCell<Deadlines>,
    timer: RefCell<Option<wake::Armed>>,
    /// Itself, while a retry or a blocking flush is waited for: kept alive until then.
    pinned: RefCell<Option<Rc<EmitterShared>>>,
    waiters: RefCell<Vec<Waiting>>,
    warned_full: Cell<bool>,
    warned_failing: Cell<bool>,
    persist: Option<Persist>,
    /// Told of each event settled (taking over sp.js's queue).
    settled_watchers: RefCell<Vec<SettledWatcher>>,
    waiting_online: Cell<bool>,
    /// The page was hidden since it was last seen shown: each send asks whether it still is.
    hidden: Cell<bool>,
    /// `close()` was called: its deadline gives up what is left.
    closing: Cell<bool>,
    /// Its holders: the JS object and each tracker (see [`super::user::User`]).
    users: Cell<u32>,
    me: Weak<EmitterShared>,
}

/// A deferred (its number) resolved to `{sent, failed, pending}` when `start`'s flush ends.
pub fn counts_deferred(start: impl FnOnce(FlushDone)) -> u32 {
    let (id, resolve) = Deferred::new();
    start(Box::new(move |c| resolve.resolve(&callback_text::counts(c))));
    id
}

impl slots::Sending for EmitterShared {
    fn resume(&self) {
        self.pump_from(true);
    }
}

impl EmitterShared {
    /// The state for validated settings.
    pub fn new(s: EmitterSettings) -> Rc<EmitterShared> {
        let keep = s.callbacks.has(Callback::Success) || s.callbacks.has(Callback::Failure);
        let keep_attempts = s.callbacks.has(Callback::RequestSuccess) || s.callbacks.has(Callback::RequestFailure);
        Rc::new_cyclic(|me| {
            let mut outbox = Outbox::new(s.outbox);
            outbox.keep_events(keep);
            outbox.keep_attempts(keep_attempts);
            outbox.keep_journal(s.store.is_some());
            EmitterShared {
                outbox: RefCell::new(outbox),
                sender: s.sender,
                callbacks: s.callbacks,
                flush_timeout_ms: s.flush_timeout_ms,
                deadlines: RefCell::new(Deadlines::default()),
                timer: RefCell::new(None),
                pinned: RefCell::new(None),
                waiters: RefCell::new(Vec::new()),
                warned_full: Cell::new(false),
                warned_failing: Cell::new(false),
                persist: s.store.map(|(key, backend, chosen)| Persist::new(key, &backend, tab_id(), chosen)),
                settled_watchers: RefCell::new(Vec::new()),
                waiting_online: Cell::new(false),
                hidden: Cell::new(false),
                closing: Cell::new(false),
                users: Cell::new(0),
                me: me.clone(),
            }
        })
    }

    /// Buffer an event; a full buffer starts a flush, a refused one is reported. Whether it was
    /// buffered.
    pub fn input(&self, event: Payload) -> bool {
        let stored = self.persist.as_ref().map(|p| {
            let eid = event.get(key::EID).unwrap_or_default().to_owned();
            p.add(&eid, &event);
            eid
        });
        let result = self.outbox.borrow_mut().input(event);
        match result {
            Input::Buffered { send } => {
                self.warned_full.set(false);
                if send {
                    self.pump();
                }
                true
            }
            Input::Refused(event, reason) => {
                if let (Some(p), Some(eid)) = (&self.persist, &stored) {
                    p.forget(eid);
                }
                self.refused(event, reason);
                false
            }
        }
    }

    fn refused(&self, event: Payload, reason: Reason) {
        if reason == Reason::TooLarge {
            console::warn("snowplow-tracker-wasm: an event larger than a Queues message (128 KB) was refused");
        } else if !self.warned_full.replace(true) {
            console::warn(
                "snowplow-tracker-wasm: the emitter's buffer is full (bufferCapacity, bufferCapacityBytes or the module's total); new events are refused and reported to onFailure",
            );
        }
        if self.callbacks.has(Callback::Failure) {
            let info = FailInfo { status: 0, reason, will_retry: false };
            self.callbacks.call(Callback::Failure, &callback_text::failure(0, &[event], info));
        }
    }

    /// True when an event with this id is buffered or in flight.
    pub fn contains_eid(&self, eid: &str) -> bool {
        self.outbox.borrow().contains_eid(eid)
    }

    /// [`EmitterShared::input`] unless an event with the same id is buffered or in flight
    /// (handed over again, it would be sent twice); true when it was taken.
    pub fn input_new(&self, event: Payload) -> bool {
        !self.contains_eid(event.get(key::EID).unwrap_or_default()) && self.input(event)
    }

    /// Record the final outcome of these events (see `Outbox::watch`).
    #[cfg(feature = "edge")]
    pub fn watch(&self, eids: &[String]) {
        self.outbox.borrow_mut().watch(eids);
    }

    /// What became of each watched event: delivered (`Some(Ok)`), refused for good
    /// (`Some(Err(why))`) or still pending (`None`); their watch ends.
    #[cfg(feature = "edge")]
    pub fn outcomes(&self, eids: &[String]) -> Vec<Option<Result<(), FailInfo>>> {
        self.outbox.borrow_mut().watched(eids)
    }

    /// Events buffered.
    pub fn buffered(&self) -> usize {
        self.outbox.borrow().buffered()
    }

    /// Start sending everything buffered now; returns at once. During a backoff the round goes
    /// out when the backoff ends: no flush sends sooner.
    pub fn flush_async(&self) {
        self.outbox.borrow_mut().flush();
        self.pump();
    }

    /// The blocking flush: `done` gets `{sent, failed, pending}` once every event buffered or
    /// in flight now is delivered or refused for good, or when `flushTimeout` runs out (during
    /// this call when nothing is left to wait for).
    pub fn flush_then(&self, done: FlushDone) {
        let waiter = self.outbox.borrow_mut().add_waiter();
        self.flush_async();
        if let Some(counts) = self.settled(waiter) {
            return done(counts);
        }
        // Waiting for it keeps the state alive: a waiter ends even if every JS handle was
        // garbage-collected meanwhile.
        self.waiters.borrow_mut().push(Waiting { id: waiter, done });
        self.wait_for(Due::Waiter(waiter), self.flush_timeout_ms, 0.0);
    }

    /// [`EmitterShared::flush_then`] as a deferred (its number).
    pub fn flush(&self) -> u32 {
        counts_deferred(|done| self.flush_then(done))
    }

    /// Counts of a waiter whose events are all settled; it is then forgotten.
    fn settled(&self, waiter: u32) -> Option<Counts> {
        let mut outbox = self.outbox.borrow_mut();
        let counts = outbox.counts(waiter)?;
        if counts.pending > 0 {
            return None;
        }
        outbox.remove_waiter(waiter);
        Some(counts)
    }

    /// `flushTimeout` ran out for `waiter`. Where nothing would retry its events still
    /// buffered (in workerd timers die with the request; a closing emitter stops its own), they
    /// are given up and reported to `onFailure` as `timeout`, never lost quietly: `willRetry`
    /// says whether a stored queue keeps them for the next claimant. Elsewhere they stay for
    /// the background retries.
    fn deadline(&self, waiter: u32) {
        // The browser build never runs in a request isolate (workerd, Edge).
        #[cfg(feature = "edge")]
        let timers_die = runtime() == Runtime::Isolate;
        #[cfg(not(feature = "edge"))]
        let timers_die = false;
        if timers_die || self.closing.get() {
            let is_stored = |eid: &str| self.persist.as_ref().is_some_and(|p| !p.unstored(eid));
            let reports = self.outbox.borrow_mut().give_up(waiter, &is_stored);
            for report in reports {
                self.report(report);
            }
        }
        self.resolve_waiter(waiter);
    }

    fn resolve_waiter(&self, waiter: u32) {
        self.stop_waiting(Due::Waiter(waiter));
        let counts = self.outbox.borrow().counts(waiter).unwrap_or_default();
        self.outbox.borrow_mut().remove_waiter(waiter);
        let entry = {
            let mut waiters = self.waiters.borrow_mut();
            let pos = waiters.iter().position(|w| w.id == waiter);
            pos.map(|p| waiters.swap_remove(p))
        };
        if let Some(w) = entry {
            (w.done)(counts);
        }
    }

    fn settle_waiters(&self) {
        let ids: Vec<u32> = self.waiters.borrow().iter().map(|w| w.id).collect();
        for id in ids {
            if self.outbox.borrow().counts(id).is_some_and(|c| c.pending == 0) {
                self.resolve_waiter(id);
            }
        }
    }

    /// A final flush, then the timers stopped (`close()`); what is still buffered at the
    /// `flushTimeout` deadline is reported as given up. `done` gets the flush's counts.
    pub fn close_then(self: &Rc<Self>, done: FlushDone) {
        self.closing.set(true);
        self.cancel_flush_timer();
        let me = self.clone();
        self.flush_then(Box::new(move |counts| {
            me.cancel_flush_timer();
            me.cancel_retry_timer();
            me.retire_store();
            done(counts);
        }));
    }

    /// One more holder (see [`super::user::User`]).
    pub(super) fn add_user(&self) {
        self.users.set(self.users.get().saturating_add(1));
    }

    /// One holder fewer; the last one gone stops the flush timer at once and makes the final
    /// send, as `close()` does (retried within `flushTimeout`, what is left reported as
    /// `timeout`), after which nothing holds the state. It starts from a timer of its own, so it
    /// never runs inside the caller's borrows.
    pub(super) fn remove_user(self: &Rc<Self>) {
        let left = self.users.get().saturating_sub(1);
        self.users.set(left);
        if left > 0 || self.closing.get() {
            return;
        }
        self.cancel_flush_timer();
        let me = self.clone();
        // A one-shot task is forgotten by the module once it has run: nothing to cancel.
        std::mem::forget(Timer::once(0.0, false, move || {
            if me.users.get() == 0 {
                me.close_then(Box::new(drop));
            }
        }));
    }

    /// Flush every `ms`; replaces an earlier interval. It never keeps Node alive; it stops at
    /// `close()` or when the emitter's last holder (its JS object, a tracker) is gone.
    pub fn set_flush_timer(&self, ms: f64) {
        self.wait_for(Due::Flush, ms, ms);
    }

    /// Stop the flush interval (idempotent).
    pub fn cancel_flush_timer(&self) {
        self.stop_waiting(Due::Flush);
    }

    /// Stop the retry timer (after a final flush).
    pub fn cancel_retry_timer(&self) {
        self.stop_waiting(Due::Retry);
    }

    /// Start every request the outbox and the module-wide bound allow (without a free slot,
    /// wait in line for one), then make sure a pending retry has a timer.
    pub fn pump(&self) {
        self.pump_from(false);
    }

    /// [`EmitterShared::pump`], starting with a slot already reserved (`reserved`) or not.
    fn pump_from(&self, mut reserved: bool) {
        if self.waiting_online.get() {
            if reserved {
                slots::give_back();
            }
            return;
        }
        // Hidden, the page may be frozen at any moment: requests go keepalive within its quota.
        let hidden = self.hidden.get() && storage::page_hidden();
        self.hidden.set(hidden);
        if hidden {
            self.outbox.borrow_mut().while_hidden(true, slots::keepalive_room());
        }
        while let Some(me) = self.me.upgrade() {
            if !std::mem::take(&mut reserved) && !slots::take() {
                slots::wait(me);
                break;
            }
            let next = self.outbox.borrow_mut().next_request(now_ms());
            let Some(req) = next else {
                slots::give_back();
                break;
            };
            let id = req.id;
            let keepalive = if req.keepalive { req.body.as_ref().map_or(req.url.len(), String::len) } else { 0 };
            slots::keepalive(keepalive, true);
            self.sender.send(
                &req,
                &self.outbox,
                Box::new(move |answer| {
                    slots::keepalive(keepalive, false);
                    me.finished(id, answer)
                }),
            );
        }
        if reserved {
            slots::give_back();
        }
        if hidden {
            self.outbox.borrow_mut().while_hidden(false, 0);
        }
        self.schedule_retry();
    }

    /// The page was hidden (or left): sends go keepalive while it stays hidden.
    pub(super) fn page_was_hidden(&self) {
        self.hidden.set(true);
    }

    /// Wait for the end of the outbox's backoff, if there is one. Waiting for it keeps the
    /// state alive, so events waiting for a retry are never dropped with the last JS handle.
    fn schedule_retry(&self) {
        let due = self.outbox.borrow().retry_due();
        match due {
            None => self.cancel_retry_timer(),
            Some(at) if self.waiting_until(Due::Retry) != Some(at) => self.wait_until(Due::Retry, at),
            Some(_) => {}
        }
    }

    fn finished(&self, id: u32, answer: Answer) {
        if answer.outcome == Outcome::NetworkError && storage::offline() {
            return self.wait_online(id);
        }
        let reports = self.outbox.borrow_mut().finish(id, answer.outcome, answer.retry_after_ms, now_ms(), math_random());
        let attempts = self.outbox.borrow_mut().take_attempts();
        self.follow_journal();
        slots::give_back();
        self.pump();
        slots::wake();
        for attempt in attempts {
            self.report_request(attempt);
        }
        for report in reports {
            self.report(report);
        }
        self.settle_waiters();
    }
}
