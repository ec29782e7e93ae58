//! The rules of a persistent event queue shared by the tabs of one origin, without I/O: each
//! stored event with its attempt count and next-attempt time, which tab owns it (a claim that
//! expires when its tab stops renewing it), what a tab may send, what settles an event, and
//! the bounds. The bindings keep one storage item per event (so a write is small and a crash
//! between `track()` and delivery loses nothing) and call these rules under a cross-tab lock.

use crate::error::{Error, Result};

pub mod answers;
pub mod backlog;
pub mod beats;
pub mod names;

pub use beats::Beat;

/// Version of the stored format; an entry of another version is left alone, never misread.
pub const STORE_VERSION: &str = "1";

/// Who may send a stored event, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The owning tab.
    pub tab: u64,
    /// The claim lapses after this time (ms since the epoch) unless renewed.
    pub until_ms: i64,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id (the storage item is named after it).
    pub eid: String,
    /// The event as JSON, as callbacks see it.
    pub event: String,
    /// Sends so far: a reload keeps counting towards `maxRetries`.
    pub attempts: u32,
    /// Not sent before this time (ms since the epoch): a reload keeps the backoff.
    pub not_before_ms: i64,
    /// The tab that owns it, if any.
    pub claim: Option<Claim>,
}

impl Stored {
    /// The storage item's text: the version, attempts, next-attempt time, claim, then the event.
    pub fn encode(&self) -> String {
        let (tab, until) = self.claim.map_or((0, 0), |c| (c.tab, c.until_ms));
        let n = |v: i64| crate::int_text(v);
        [
            STORE_VERSION,
            "\n",
            &n(self.attempts.into()),
            "\n",
            &n(self.not_before_ms),
            "\n",
            &n(tab as i64),
            "\n",
            &n(until),
            "\n",
            &self.event,
        ]
        .concat()
    }

    /// An entry read back; `None` for another version or a damaged item.
    pub fn decode(eid: &str, text: &str) -> Option<Stored> {
        let mut parts = text.splitn(6, '\n');
        if parts.next()? != STORE_VERSION {
            return None;
        }
        let mut int = || crate::int_read(parts.next()?);
        let (attempts, not_before_ms, tab, until_ms) = (int()?, int()?, int()?, int()?);
        let event = parts.next()?.to_owned();
        let claim = (tab > 0).then_some(Claim { tab: tab as u64, until_ms });
        Some(Stored { eid: eid.to_owned(), event, attempts: u32::try_from(attempts).ok()?, not_before_ms, claim })
    }

    /// True when `tab` may send it now: its own claim, and its backoff over.
    pub fn sendable_by(&self, tab: u64, now_ms: i64) -> bool {
        self.claim.is_some_and(|c| c.tab == tab && c.until_ms > now_ms) && self.not_before_ms <= now_ms
    }
}

/// Bounds of a stored queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreBounds {
    /// Most events stored.
    pub events: usize,
    /// Most bytes of events stored (their JSON).
    pub bytes: usize,
}

/// Whether one more event of `event_bytes` fits in `stored`; beyond the bounds a new event is
/// refused, never an old one dropped.
pub fn fits(stored: &[Stored], event_bytes: usize, bounds: StoreBounds) -> bool {
    let mut bytes = 0;
    for s in stored {
        bytes += s.event.len();
    }
    stored.len() < bounds.events && bytes + event_bytes <= bounds.bytes
}

/// Who claims stored events, and what it knows of the other holders.
#[derive(Debug, Clone, Copy)]
pub struct Claimant<'a> {
    /// The claiming tab (page or worker).
    pub tab: u64,
    /// The page this tab showed before, if any.
    pub predecessor: Option<u64>,
    /// Now, in ms since the epoch.
    pub now_ms: i64,
    /// How long a claim lasts unless renewed.
    pub lease_ms: i64,
    /// The workers' heartbeats in the store (see [`beats`]).
    pub beats: &'a [Beat],
}

/// Claim for `who.tab` every stored event nobody owns, or whose owner's claim lapsed (a closed
/// tab's leftovers), or whose owner is a worker whose heartbeat stopped, or that
/// `who.predecessor` owned (the page this tab showed before: a reload or a navigation takes over
/// its events at once, even when its release at exit never got stored), and renew the tab's own
/// claims. Returns the indices of what the tab now owns. Run under the cross-tab lock: once
/// rewritten to this tab, a duplicated tab naming the same predecessor finds them owned.
pub fn claim(stored: &mut [Stored], who: &Claimant) -> Vec<usize> {
    let mut owned = Vec::new();
    for (i, s) in stored.iter_mut().enumerate() {
        let free = s.claim.is_none_or(|c| {
            c.tab == who.tab || Some(c.tab) == who.predecessor || c.until_ms <= who.now_ms || beats::stopped(who.beats, c.tab, who.now_ms)
        });
        if free {
            s.claim = Some(Claim { tab: who.tab, until_ms: who.now_ms.saturating_add(who.lease_ms) });
            owned.push(i);
        }
    }
    owned
}

/// `tab` lets go of its events (it is closing with them unsent): the next tab claims them.
pub fn release(stored: &mut [Stored], tab: u64) -> Vec<usize> {
    let mut released = Vec::new();
    for (i, s) in stored.iter_mut().enumerate() {
        if s.claim.is_some_and(|c| c.tab == tab) {
            s.claim = None;
            released.push(i);
        }
    }
    released
}

/// Default `bufferCapacityBytes` of a localStorage queue : 2 MiB, well inside the usual 5 MB
/// quota of an origin.
pub const LOCAL_STORAGE_BYTES: usize = 2 << 20;

/// Where an emitter's queue lives (`eventStore`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// In memory only: `"memory"`, the default outside browsers.
    Memory,
    /// `"localStorage"`, the default in pages.
    LocalStorage,
    /// `"indexedDB"`, the default in browser workers (which have no localStorage).
    IndexedDb,
}

/// What `eventStore` accepts, for its error messages.
/// What the facade takes of an `eventStore` object: the object, and whether it has the store's
/// functions ([`is_custom_store`]).
pub const CUSTOM_STORE_TAKES: &str = "object load add remove";

/// True when an `eventStore` object has what a store needs: `load`, `add` and `remove`
/// functions.
pub fn is_custom_store(t: &crate::opts::Taken) -> bool {
    t.has_all(&["load", "add", "remove"])
}

/// What `eventStore` must be.
pub const EVENT_STORE_EXPECTED: &str = "\"memory\", \"localStorage\", \"indexedDB\" or an object with load, add and remove methods";

/// `eventStore` given as a name, or not given (`default`, the runtime's): where the queue lives.
pub fn event_store(given: Option<&str>, default: StoreKind) -> Result<StoreKind> {
    match given {
        None => Ok(default),
        Some("memory") => Ok(StoreKind::Memory),
        Some("localStorage") => Ok(StoreKind::LocalStorage),
        Some("indexedDB") => Ok(StoreKind::IndexedDb),
        Some(other) => Err(Error::type_error("eventStore", EVENT_STORE_EXPECTED, crate::error::quoted(other))),
    }
}

/// A storage key for the queue of `collector_url` (`storageKey` tells two queues of one page
/// apart); events are stored under `<key>:<eid>` (see [`names`]).
pub fn store_key(collector_url: &str, storage_key: Option<&str>) -> Result<String> {
    match storage_key {
        Some("") => Err(Error::type_error("storageKey", "a non-empty string", "\"\"")),
        Some(k) => Ok(["snowplow-wasm:", collector_url, ":", k].concat()),
        None => Ok(["snowplow-wasm:", collector_url].concat()),
    }
}

/// The sessionStorage item holding the id of a tab's latest page (a reload or a navigation in
/// the same tab keeps it).
pub const TAB_ITEM: &str = "snowplow-wasm-tab";

/// The page id a tab's item holds (as [`TAB_ITEM`] was written: a positive integer), or none.
pub fn tab_page(text: Option<&str>) -> Option<u64> {
    crate::uint_read::<u64>(text?.trim()).filter(|&id| id > 0)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_queue;
