//! An emitter in a page: sent within a second by default, sent with `keepalive` as the page is
//! hidden or left. With a stored queue (in any runtime), what earlier pages or closed tabs left
//! is claimed and sent, claims are renewed while the emitter lives and released when the page is
//! left.

use std::rc::Rc;

use super::EmitterShared;
use crate::emitter::persist::{self, RENEW_MS};
use crate::emitter::slots;
use crate::platform::storage;
use snowplow_core::emitter::deadlines::Due;
use snowplow_core::emitter::event_from_text;
use snowplow_core::emitter::store::beats::BEAT_MS;

/// The flush interval in pages unless the user sets one: an event goes out within a second.
const DEFAULT_FLUSH_MS: f64 = 1000.0;

impl EmitterShared {
    /// In a page: a flush every second unless the user sets a timer of their own, and what is
    /// buffered sent with `keepalive` when the page is hidden or left.
    pub fn attach_page(self: &Rc<Self>) {
        self.set_flush_timer(DEFAULT_FLUSH_MS);
        storage::at_page_exit(false, self.weakly(|me| me.send_at_exit()));
        // Back from the back/forward cache: claims were released as the page was left.
        storage::at_page_restored(self.weakly(|me| {
            if let Some(p) = &me.persist {
                persist::page_restored(p.tab());
            }
            me.reclaim();
            me.pump();
        }));
    }

    /// `task` on this emitter while it lives; it does not keep it alive.
    fn weakly(self: &Rc<Self>, task: impl Fn(&Rc<Self>) + 'static) -> impl FnMut() + 'static {
        let me = Rc::downgrade(self);
        move || {
            if let Some(me) = me.upgrade() {
                task(&me);
            }
        }
    }

    /// Request `id` failed while the device is offline: its events wait, unsent and with no
    /// attempt counted, for the `online` event, instead of using up `maxRetries`.
    pub(super) fn wait_online(&self, id: u32) {
        self.outbox.borrow_mut().unsend(id);
        slots::give_back();
        slots::wake();
        if !self.waiting_online.replace(true) {
            let me = self.me.clone();
            storage::when_online(move || {
                if let Some(me) = me.upgrade() {
                    me.waiting_online.set(false);
                    me.pump();
                }
            });
        }
    }

    /// Send what is buffered and not backing off, in requests whose bodies fit in what is left
    /// of the page's keepalive budget; the rest stays (stored, when the queue is). Until the
    /// page is shown again, later sends keep to the budget too.
    fn send_at_exit(&self) {
        self.page_was_hidden();
        let budget = slots::keepalive_room();
        self.outbox.borrow_mut().flush();
        self.outbox.borrow_mut().set_exit_budget(Some(budget));
        self.pump();
        self.outbox.borrow_mut().set_exit_budget(None);
    }

    /// With a stored queue (any runtime): claim and send what earlier pages or closed tabs left,
    /// renew the claims while the emitter lives, and release them when the page is left.
    pub fn attach_store(self: &Rc<Self>) {
        if self.persist.is_none() {
            return;
        }
        self.wait_for(Due::Renew, RENEW_MS, RENEW_MS);
        if self.persist.as_ref().is_some_and(|p| p.beating()) {
            // A worker: its heartbeat before its first claim, then every BEAT_MS.
            self.persist.as_ref().inspect(|p| p.beat());
            self.wait_for(Due::Beat, BEAT_MS as f64, BEAT_MS as f64);
        }
        self.reclaim();
        storage::at_page_exit(true, self.weakly(|me| me.hand_off()));
    }

    /// The page is left: what the store refused is tried once more, claims are released and
    /// what is buffered and stored is handed to the store (the next page, or this one back from
    /// the back/forward cache, claims it); what is not stored stays in memory.
    fn hand_off(&self) {
        let Some(p) = &self.persist else { return };
        p.retry_writes();
        p.release_all();
        if p.storing() {
            let reports = self.outbox.borrow_mut().hand_off(|eid| p.unstored(eid));
            for report in reports {
                self.report(report);
            }
            self.settle_waiters();
        }
    }

    /// True when event `eid` is held here and only in memory (no stored queue, or its write
    /// was refused).
    #[cfg(feature = "web")]
    pub fn holds_in_memory_only(&self, eid: &str) -> bool {
        self.contains_eid(eid) && self.persist.as_ref().is_none_or(|p| p.unstored(eid))
    }

    /// Call `f` with each event id this emitter settles from now (delivered, or refused for
    /// good).
    #[cfg(feature = "web")]
    pub fn on_settled(&self, f: super::SettledWatcher) {
        self.outbox.borrow_mut().keep_journal(true);
        self.settled_watchers.borrow_mut().push(f);
    }

    /// Tell the watchers and the stored queue what became of events.
    pub(super) fn follow_journal(&self) {
        let journal = self.outbox.borrow_mut().take_journal();
        let watchers = self.settled_watchers.borrow().clone();
        for change in journal.iter().filter(|_| !watchers.is_empty()) {
            if let snowplow_core::emitter::Change::Settled(eid) = change {
                watchers.iter().for_each(|w| w(eid));
            }
        }
        if let Some(p) = &self.persist {
            p.apply(journal);
        }
    }

    /// What a tracker in a page asks of this emitter: `SP-Anonymous: *` on its requests, and
    /// (`memory_queue`, a tracker that stores nothing) no stored queue unless `eventStore` was
    /// given.
    #[cfg(feature = "web")]
    pub fn follow_tracker(&self, server_anonymous: bool, memory_queue: bool) {
        self.sender.set_server_anonymous(server_anonymous);
        if memory_queue && self.persist.as_ref().is_some_and(|p| p.stop_unless_chosen()) {
            self.stop_store_timers();
        }
    }

    /// After `close()`: what is still stored is left to the next page or emitter (claims
    /// released), and the key is free for a new emitter of this page.
    pub(super) fn retire_store(&self) {
        if let Some(p) = &self.persist {
            self.stop_store_timers();
            p.release_all();
            p.stop_beating();
            p.retire();
        }
    }

    fn stop_store_timers(&self) {
        for due in [Due::Renew, Due::Beat, Due::Check] {
            self.stop_waiting(due);
        }
    }

    /// Claim (under the lock) and send what this tab may now own.
    #[inline(never)] // called from several places: one copy
    pub(super) fn reclaim(self: &Rc<Self>) {
        let Some(p) = &self.persist else { return };
        p.locked(self.weakly(|me| me.load_stored()));
    }

    /// Buffer the stored events this tab now owns and does not hold yet and send them (what
    /// this emitter buffered itself waits for its own flush); when a worker holds others, claim
    /// again once it may have stopped.
    #[inline(never)]
    fn load_stored(self: &Rc<Self>) {
        let Some(p) = &self.persist else { return };
        let claimed = p.claim_all();
        match claimed.check_at_ms {
            Some(at) => self.wait_until(Due::Check, at),
            None => self.stop_waiting(Due::Check),
        }
        let mut stored = Vec::new();
        for s in claimed.owned {
            if self.contains_eid(&s.eid) {
                continue;
            }
            match event_from_text(&s.event) {
                Ok(payload) => stored.push((payload, s.attempts, s.not_before_ms)),
                Err(_) => p.forget(&s.eid),
            }
        }
        // What earlier pages left goes out now, in a round of its own.
        self.outbox.borrow_mut().input_stored(stored);
        self.pump();
    }
}
