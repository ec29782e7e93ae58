//! An emitter's persistent queue in the browser: every event it buffers is also stored (one
//! localStorage item per event, claimed by this tab), settled events are removed, retried ones
//! keep their attempt count and next-attempt time. Events stored by an earlier page, or left by
//! a closed tab, are claimed under a cross-tab lock and sent. The rules are the core's
//! ([`snowplow_core::emitter::store`]); storage failures fall back to memory, warned once.

use std::cell::{Cell, RefCell};

use snowplow_core::emitter::store::{claim, release, Claim, Stored};
use snowplow_core::emitter::Change;
use snowplow_core::Payload;

use crate::platform::console;
use crate::platform::env::now_ms;
use crate::platform::storage;

/// How long a tab's claim on stored events lasts unless renewed (a crashed tab's events wait
/// this long; a tab that closes normally releases them at once).
pub const LEASE_MS: i64 = 120_000;
/// How often a live tab renews its claims and takes what closed tabs left.
pub const RENEW_MS: f64 = 30_000.0;

thread_local! {
    /// The store keys of this page's live emitters: two on one key would take each other's events.
    static LIVE_KEYS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// True when a live emitter of this page already stores under `key`.
pub fn key_in_use(key: &str) -> bool {
    LIVE_KEYS.with(|k| k.borrow().iter().any(|k| k == key))
}

/// One emitter's stored queue.
pub struct Persist {
    key: String,
    prefix: String,
    tab: u64,
    working: Cell<bool>,
    retired: Cell<bool>,
}

impl Drop for Persist {
    fn drop(&mut self) {
        self.retire();
    }
}

impl Persist {
    /// The queue stored under `key` (see `store::store_key`), for this tab.
    pub fn new(key: String, tab: u64) -> Persist {
        LIVE_KEYS.with(|k| k.borrow_mut().push(key.clone()));
        let prefix = [key.as_str(), ":"].concat();
        Persist { key, prefix, tab, working: Cell::new(true), retired: Cell::new(false) }
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

    /// The cross-tab lock of this queue.
    pub fn lock_name(&self) -> &str {
        &self.key
    }

    fn broken(&self) {
        if self.working.replace(false) {
            console::warn(
                "snowplow-tracker-wasm: storage refused the event queue (full, disabled or private mode); events are kept in memory only",
            );
        }
    }

    /// The storage item of event `eid`.
    fn item(&self, eid: &str) -> String {
        [self.prefix.as_str(), eid].concat()
    }

    /// Every stored event of this queue; `None` when there is no usable storage.
    fn load_all(&self) -> Option<Vec<Stored>> {
        let items = storage::load(&self.prefix)?;
        Some(items.iter().filter_map(|(key, text)| Stored::decode(key.get(self.prefix.len()..)?, text)).collect())
    }

    fn write(&self, s: &Stored) {
        if self.working.get() && !storage::set(&self.item(&s.eid), &s.encode()) {
            self.broken();
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
                Change::Settled(eid) => storage::remove(&self.item(&eid)),
                Change::Retry { eid, attempts, not_before_ms } => {
                    if let Some(mut s) = storage::get(&self.item(&eid)).and_then(|text| Stored::decode(&eid, &text)) {
                        s.attempts = attempts;
                        s.not_before_ms = not_before_ms;
                        self.write(&s);
                    }
                }
            }
        }
    }

    /// Under the lock: claim what nobody owns (or a dead tab owned) and renew this tab's claims;
    /// the events this tab now owns.
    pub fn claim_all(&self) -> Vec<Stored> {
        let Some(mut stored) = self.load_all() else {
            self.broken();
            return Vec::new();
        };
        let owned = claim(&mut stored, self.tab, now_ms(), LEASE_MS);
        owned.into_iter().filter_map(|i| stored.get(i).cloned()).inspect(|s| self.write(s)).collect()
    }

    /// The page is hidden or left: let go of this tab's claims, so the next page or tab takes
    /// what is still unsent at once.
    pub fn release_all(&self) {
        let Some(mut stored) = self.load_all() else { return };
        for i in release(&mut stored, self.tab) {
            if let Some(s) = stored.get(i) {
                self.write(s);
            }
        }
    }

    /// An event that cannot be read back (damaged) is removed.
    pub fn forget(&self, eid: &str) {
        storage::remove(&self.item(eid));
    }
}
