//! Taking over the events sp.js left unsent (see [`snowplow_core::web::sp_queue`]): under the
//! Web Lock `snowplow-wasm:spjs:<tracker id>`, its queues are read and their events handed to
//! the tracker's emitters; sp.js's keys then keep only what an emitter holds in memory alone,
//! cut down as those events settle. The lock is let go once none is left, or as the page is
//! left (the next page takes what is still there), so it never keeps a page out of the
//! back/forward cache.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::key;
use snowplow_core::web::local_state::removals;
use snowplow_core::web::sp_queue::{queue_keys, Adoption};

use super::io::{local_get, local_remove, local_set};
use crate::platform::storage;
use crate::sinks::Sink;

/// One takeover in progress: what is safe, and the lock while it is held.
struct Takeover {
    adoption: Adoption,
    lock: Option<storage::Lock>,
}

impl Takeover {
    /// Write sp.js's keys as they now should be (only while the lock is held); let the lock go
    /// once every event is safe.
    fn rewrite(&mut self) {
        if self.lock.is_none() {
            return;
        }
        for (key, keep) in self.adoption.rewrites() {
            match keep {
                Some(text) => {
                    local_set(key, &text);
                }
                None => removals(key).iter().for_each(|k| local_remove(k)),
            }
        }
        if self.adoption.done() {
            self.let_go();
        }
    }

    fn let_go(&mut self) {
        drop(self.lock.take());
    }
}

/// Take over what sp.js left under tracker id `namespace`, into `sinks`.
pub fn adopt(namespace: &str, sinks: Rc<[Sink]>) {
    storage::hold_lock(&["snowplow-wasm:spjs:", namespace].concat(), {
        let namespace = namespace.to_owned();
        move |lock| take(&namespace, &sinks, lock)
    });
}

/// Holding the lock: hand sp.js's events to `sinks` and cut its keys down to what is not safe.
fn take(namespace: &str, sinks: &Rc<[Sink]>, lock: storage::Lock) {
    let mut adoption = Adoption::default();
    for key in queue_keys(namespace) {
        let Some(text) = local_get(&key) else { continue };
        for (index, p) in adoption.queue(&key, &text) {
            sinks.iter().for_each(|s| s.deliver(&p));
            let eid = p.get(key::EID).unwrap_or_default();
            let waiting = sinks.iter().filter(|s| s.holds_in_memory_only(eid)).count();
            adoption.add(&key, index, eid, u32::try_from(waiting).unwrap_or(u32::MAX));
        }
    }
    let done = adoption.done();
    let takeover = Rc::new(RefCell::new(Takeover { adoption, lock: Some(lock) }));
    takeover.borrow_mut().rewrite();
    if done {
        return;
    }
    let weak = Rc::downgrade(&takeover);
    let settled: Rc<dyn Fn(&str)> = Rc::new(move |eid: &str| {
        if let Some(t) = weak.upgrade() {
            let mut t = t.borrow_mut();
            if t.adoption.settled(eid) {
                t.rewrite();
            }
        }
    });
    sinks.iter().for_each(|s| s.on_settled(settled.clone()));
    // The page is left: what is still in sp.js's keys is the next page's.
    storage::at_page_exit(true, move || {
        takeover.borrow_mut().let_go();
    });
}
