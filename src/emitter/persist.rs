//! An emitter's persistent queue: every event it buffers is also stored (one item per event,
//! claimed by this tab), settled events are removed, retried ones keep their attempt count and
//! next-attempt time. Events stored by an earlier page, or left by a closed tab or a stopped
//! worker, are claimed under a cross-tab lock and sent. The rules are the core's
//! ([`snowplow_core::emitter::store`]: which items are this queue's, claims, heartbeats, and
//! refused writes tried again); the store is `platform::storage`'s.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use snowplow_core::emitter::store::backlog::{Backlog, Done, Op};
use snowplow_core::emitter::store::beats::{self, Beat};
use snowplow_core::emitter::store::names::{beat_name, event_name, item_of, ItemName};
use snowplow_core::emitter::store::{claim, release, Claim, Claimant, Stored};
use snowplow_core::emitter::Change;
use snowplow_core::Payload;

use crate::platform::console;
use crate::platform::env::{has_document, now_ms, runtime, Runtime};
use crate::platform::storage::{Backend, Queue};

mod tab;

pub use tab::{key_in_use, page_restored};

/// How long a tab's claim on stored events lasts unless renewed (a crashed tab's events wait
/// this long; a tab that closes normally releases them at once, a worker's heartbeat stops).
pub const LEASE_MS: i64 = 120_000;
/// How often a live tab renews its claims and takes what closed tabs left.
pub const RENEW_MS: f64 = 30_000.0;

/// The warning of a store refusing (once, until a write succeeds).
const REFUSED: &str = "snowplow-tracker-wasm: storage refused the event queue (full, disabled or private mode); events are kept in memory and stored when it allows";

/// What a claim found: the events this tab now owns, and when to claim again because a worker
/// holding others may have stopped by then.
pub struct Claimed {
    /// This tab's events.
    pub owned: Vec<Stored>,
    /// When to claim again (ms since the epoch), if a live worker holds some.
    pub check_at_ms: Option<i64>,
}

/// One emitter's stored queue.
pub struct Persist {
    key: String,
    queue: Queue,
    backlog: Rc<RefCell<Backlog>>,
    tab: u64,
    storing: Cell<bool>,
    retired: Cell<bool>,
    /// In a browser worker: claims are vouched for by a heartbeat.
    beating: bool,
    #[cfg_attr(not(feature = "web"), allow(dead_code))]
    chosen: bool,
}

impl Drop for Persist {
    fn drop(&mut self) {
        self.retire();
    }
}

impl Persist {
    /// The queue stored under `key` (see `store::store_key`) in `backend`, for this tab;
    /// `chosen`: the user asked for it (`eventStore`), rather than getting the default.
    pub fn new(key: String, backend: &Backend, tab: u64, chosen: bool) -> Persist {
        tab::live(&key);
        let backlog = Rc::new(RefCell::new(Backlog::default()));
        let weak = Rc::downgrade(&backlog);
        let refused = Box::new(move |name: String, put: bool, text: Option<String>| {
            if weak.upgrade().is_some_and(|b| b.borrow_mut().refused(&name, put, text.as_deref())) {
                console::warn(REFUSED);
            }
        });
        let queue = Queue::open(backend, &key, refused);
        let beating = runtime() == Runtime::Browser && !has_document();
        Persist { key, queue, backlog, tab, storing: Cell::new(true), retired: Cell::new(false), beating, chosen }
    }

    /// This emitter no longer uses its key (closed or gone): another emitter of the page may.
    pub fn retire(&self) {
        if !self.retired.replace(true) {
            tab::gone(&self.key);
        }
    }

    /// This page's id among the tabs.
    pub fn tab(&self) -> u64 {
        self.tab
    }

    /// True in a worker, which renews a heartbeat every `beats::BEAT_MS` while it stores.
    pub fn beating(&self) -> bool {
        self.beating && self.storing.get()
    }

    /// Run `task` holding this queue's cross-tab lock, its items loaded afresh.
    pub fn locked(&self, task: impl FnOnce() + 'static) {
        self.queue.locked(&self.key, task);
    }

    /// `step` on the backlog with the store's operations; a refusal is warned once.
    fn with_store(&self, step: impl FnOnce(&mut Backlog, &mut dyn FnMut(Op) -> Done) -> bool) {
        let warn = step(&mut self.backlog.borrow_mut(), &mut |op| self.queue.perform(op));
        if warn {
            console::warn(REFUSED);
        }
    }

    #[inline(never)] // one copy for every caller
    fn put(&self, name: &str, text: &str) {
        if self.storing.get() {
            self.with_store(|b, io| b.put(name, text, io));
        }
    }

    #[inline(never)]
    fn remove(&self, name: &str) {
        self.with_store(|b, io| b.remove(name, io));
    }

    fn write(&self, s: &Stored) {
        self.put(&event_name(&self.key, &s.eid), &s.encode());
    }

    /// Store an event this tab just buffered (after what waits for room, oldest first).
    pub fn add(&self, eid: &str, event: &Payload) {
        if self.storing.get() {
            let claim = Some(Claim { tab: self.tab, until_ms: now_ms().saturating_add(LEASE_MS) });
            self.write(&Stored { eid: eid.to_owned(), event: event.to_json(), attempts: 0, not_before_ms: 0, claim });
        }
    }

    /// Follow what became of events: settled ones leave the store (always attempted, whatever
    /// an earlier write did), retried ones keep their attempt count and next-attempt time.
    pub fn apply(&self, changes: Vec<Change>) {
        for change in changes {
            match change {
                Change::Settled(eid) => self.remove(&event_name(&self.key, &eid)),
                Change::Retry { eid, attempts, not_before_ms } => {
                    let name = event_name(&self.key, &eid);
                    let text = self.backlog.borrow().text(&name).map(str::to_owned).or_else(|| self.queue.get(&name));
                    if let Some(mut s) = text.and_then(|text| Stored::decode(&eid, &text)) {
                        s.attempts = attempts;
                        s.not_before_ms = not_before_ms;
                        self.write(&s);
                    }
                }
            }
        }
    }

    /// True when event `eid` is held only in memory: nothing is stored, or its write waits for
    /// room.
    pub fn unstored(&self, eid: &str) -> bool {
        !self.storing.get() || !self.backlog.borrow().stored(&event_name(&self.key, eid))
    }

    /// Try again what the store refused (the page is being left: the last chance).
    pub fn retry_writes(&self) {
        self.with_store(|b, io| b.pass(io));
    }

    /// A tracker that stores nothing (`stateStorageStrategy` "none" or "cookie") uses this
    /// emitter: unless `eventStore` was given, nothing more is stored or claimed (sp.js keeps
    /// its queue in memory then). Returns whether it stopped.
    #[cfg(feature = "web")]
    pub fn stop_unless_chosen(&self) -> bool {
        if self.chosen {
            return false;
        }
        self.storing.set(false);
        self.retire();
        true
    }

    /// True while events are stored.
    pub fn storing(&self) -> bool {
        self.storing.get()
    }

    /// Every stored event of this queue, and the workers' heartbeats.
    fn load_all(&self) -> (Vec<Stored>, Vec<Beat>) {
        let (mut stored, mut beats) = (Vec::new(), Vec::new());
        let Some(items) = self.queue.items() else {
            let warn = self.backlog.borrow_mut().unreadable();
            if warn {
                console::warn(REFUSED);
            }
            return (stored, beats);
        };
        for (name, text) in &items {
            match item_of(&self.key, name) {
                ItemName::Event(eid) => stored.extend(Stored::decode(eid, text)),
                ItemName::Beat(tab) => beats.extend(Beat::decode(tab, text)),
                ItemName::Other => {}
            }
        }
        (stored, beats)
    }

    /// Under the lock: claim what nobody owns (or a closed tab or stopped worker owned) and
    /// renew this tab's claims.
    pub fn claim_all(&self) -> Claimed {
        let mut claimed = Claimed { owned: Vec::new(), check_at_ms: None };
        if !self.storing.get() {
            return claimed;
        }
        let now = now_ms();
        let (mut stored, beats) = self.load_all();
        let who = Claimant { tab: self.tab, predecessor: tab::predecessor(self.tab), now_ms: now, lease_ms: LEASE_MS, beats: &beats };
        for i in claim(&mut stored, &who) {
            if let Some(s) = stored.get(i) {
                self.write(s);
                claimed.owned.push(s.clone());
            }
        }
        for tab in beats::forgotten(&beats, now, LEASE_MS) {
            if tab != self.tab {
                self.remove(&beat_name(&self.key, tab));
            }
        }
        claimed.check_at_ms = beats::next_check_ms(&stored, self.tab, &beats, now);
        claimed
    }

    /// In a worker: renew this tab's heartbeat (its claims stay its own while it beats).
    pub fn beat(&self) {
        if self.beating() {
            self.put(&beat_name(&self.key, self.tab), &Beat { tab: self.tab, at_ms: now_ms() }.encode());
        }
    }

    /// The page is hidden or left, or the emitter closed: let go of this tab's claims, so the
    /// next page or tab takes what is still unsent at once.
    pub fn release_all(&self) {
        let (mut stored, _) = self.load_all();
        for i in release(&mut stored, self.tab) {
            if let Some(s) = stored.get(i) {
                self.write(s);
            }
        }
    }

    /// The emitter is closed: in a worker, its heartbeat goes too.
    pub fn stop_beating(&self) {
        if self.beating {
            self.remove(&beat_name(&self.key, self.tab));
        }
    }

    /// An event that cannot be read back (damaged), or that the buffer refused, is removed.
    pub fn forget(&self, eid: &str) {
        self.remove(&event_name(&self.key, eid));
    }
}
