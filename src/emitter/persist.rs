//! An emitter's persistent queue: every event it buffers is also stored (one item per event,
//! claimed by this tab), settled events are removed, retried ones keep their attempt count and
//! next-attempt time. Events stored by an earlier page, or left by a closed tab, are claimed
//! under a cross-tab lock and sent. The rules are the core's ([`snowplow_core::emitter::store`]);
//! the store is `platform::storage`'s, which falls back to memory, warned once.

use std::cell::{Cell, RefCell};

use snowplow_core::emitter::store::{claim, release, Claim, Stored};
use snowplow_core::emitter::Change;
use snowplow_core::Payload;

use crate::platform::env::now_ms;
use crate::platform::storage::{self, Backend, Queue};

/// How long a tab's claim on stored events lasts unless renewed (a crashed tab's events wait
/// this long; a tab that closes normally releases them at once).
pub const LEASE_MS: i64 = 120_000;
/// How often a live tab renews its claims and takes what closed tabs left.
pub const RENEW_MS: f64 = 30_000.0;

thread_local! {
    /// The store keys of this page's live emitters: two on one key would take each other's events.
    static LIVE_KEYS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The page this one follows in its tab (its events are this page's to take), once known.
    static PREDECESSOR: Cell<Option<Option<u64>>> = const { Cell::new(None) };
}

/// The page `tab` follows in its tab (read once, then again after a back/forward restore).
fn predecessor(tab: u64) -> Option<u64> {
    PREDECESSOR.with(|p| {
        p.get().unwrap_or_else(|| {
            let before = storage::follow(tab);
            p.set(Some(before));
            before
        })
    })
}

/// The page `tab` was restored from the back/forward cache: it now follows the tab's latest page.
pub fn page_restored(tab: u64) {
    if let Some(before) = storage::follow(tab).filter(|&b| b != tab) {
        PREDECESSOR.with(|p| p.set(Some(Some(before))));
    }
}

/// True when a live emitter of this page already stores under `key`.
pub fn key_in_use(key: &str) -> bool {
    LIVE_KEYS.with(|k| k.borrow().iter().any(|k| k == key))
}

/// One emitter's stored queue.
pub struct Persist {
    key: String,
    queue: Queue,
    tab: u64,
    working: Cell<bool>,
    retired: Cell<bool>,
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
        LIVE_KEYS.with(|k| k.borrow_mut().push(key.clone()));
        let queue = Queue::open(backend, &[key.as_str(), ":"].concat());
        Persist { key, queue, tab, working: Cell::new(true), retired: Cell::new(false), chosen }
    }

    /// This emitter no longer uses its key (closed or gone): another emitter of the page may.
    pub fn retire(&self) {
        if !self.retired.replace(true) {
            LIVE_KEYS.with(|k| {
                let mut keys = k.borrow_mut();
                if let Some(i) = keys.iter().position(|k| k == &self.key) {
                    keys.swap_remove(i);
                }
            });
        }
    }

    /// This page's id among the tabs.
    pub fn tab(&self) -> u64 {
        self.tab
    }

    /// Run `task` holding this queue's cross-tab lock, its items loaded afresh.
    pub fn locked(&self, task: impl FnOnce() + 'static) {
        self.queue.locked(&self.key, task);
    }

    /// Every stored event of this queue.
    fn load_all(&self) -> Vec<Stored> {
        self.queue.items().iter().filter_map(|(eid, text)| Stored::decode(eid, text)).collect()
    }

    fn write(&self, s: &Stored) {
        if self.working.get() && !self.queue.put(&s.eid, &s.encode()) {
            self.working.set(false);
        }
    }

    /// Store an event this tab just buffered.
    pub fn add(&self, eid: &str, event: &Payload) {
        if self.working.get() {
            let claim = Some(Claim { tab: self.tab, until_ms: now_ms().saturating_add(LEASE_MS) });
            self.write(&Stored { eid: eid.to_owned(), event: event.to_json(), attempts: 0, not_before_ms: 0, claim });
        }
    }

    /// Follow what became of events: settled ones leave the store, retried ones keep their
    /// attempt count and next-attempt time.
    pub fn apply(&self, changes: Vec<Change>) {
        for change in changes {
            match change {
                Change::Settled(eid) => self.queue.remove(&eid),
                Change::Retry { eid, attempts, not_before_ms } => {
                    if let Some(mut s) = self.queue.get(&eid).and_then(|text| Stored::decode(&eid, &text)) {
                        s.attempts = attempts;
                        s.not_before_ms = not_before_ms;
                        self.write(&s);
                    }
                }
            }
        }
    }

    /// A tracker that stores nothing (`stateStorageStrategy` "none" or "cookie") uses this
    /// emitter: unless `eventStore` was given, nothing more is stored or claimed (sp.js keeps
    /// its queue in memory then). Returns whether it stopped.
    #[cfg(feature = "web")]
    pub fn stop_unless_chosen(&self) -> bool {
        if self.chosen {
            return false;
        }
        self.working.set(false);
        self.retire();
        true
    }

    /// True while events are stored (the store has not refused).
    pub fn working(&self) -> bool {
        self.working.get() && self.queue.ok()
    }

    /// Under the lock: claim what nobody owns (or a dead tab owned) and renew this tab's claims;
    /// the events this tab now owns.
    pub fn claim_all(&self) -> Vec<Stored> {
        if !self.working.get() {
            return Vec::new();
        }
        let mut stored = self.load_all();
        let owned = claim(&mut stored, self.tab, predecessor(self.tab), now_ms(), LEASE_MS);
        owned.into_iter().filter_map(|i| stored.get(i).cloned()).inspect(|s| self.write(s)).collect()
    }

    /// The page is hidden or left: let go of this tab's claims, so the next page or tab takes
    /// what is still unsent at once.
    pub fn release_all(&self) {
        let mut stored = self.load_all();
        for i in release(&mut stored, self.tab) {
            if let Some(s) = stored.get(i) {
                self.write(s);
            }
        }
    }

    /// An event that cannot be read back (damaged) is removed.
    pub fn forget(&self, eid: &str) {
        self.queue.remove(eid);
    }
}
