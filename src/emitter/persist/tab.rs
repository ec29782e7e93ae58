//! What the page knows of its place among the tabs: the keys its live emitters store under,
//! and the page it follows in its tab (whose events are its to take at once).

use std::cell::{Cell, RefCell};

use crate::platform::storage;

thread_local! {
    /// The store keys of this page's live emitters: two on one key would take each other's events.
    static LIVE_KEYS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The page this one follows in its tab (its events are this page's to take), once known.
    static PREDECESSOR: Cell<Option<Option<u64>>> = const { Cell::new(None) };
}

/// The page `tab` follows in its tab (read once, then again after a back/forward restore).
pub(super) fn predecessor(tab: u64) -> Option<u64> {
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

/// An emitter of this page now stores under `key`.
pub(super) fn live(key: &str) {
    LIVE_KEYS.with(|k| k.borrow_mut().push(key.to_owned()));
}

/// The emitter storing under `key` stopped.
pub(super) fn gone(key: &str) {
    LIVE_KEYS.with(|k| {
        let mut keys = k.borrow_mut();
        if let Some(i) = keys.iter().position(|k| k == key) {
            keys.swap_remove(i);
        }
    });
}
