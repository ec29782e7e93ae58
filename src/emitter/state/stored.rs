//! An emitter with a stored queue (browsers): what earlier pages or closed tabs left is
//! claimed and sent, claims are renewed while the page lives and released when it is left.

use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::EmitterShared;
use crate::boundary::payload::read_event;
use crate::boundary::read::Reader;
use crate::emitter::persist::RENEW_MS;
use crate::platform::storage;
use crate::platform::timers::Timer;

impl EmitterShared {
    /// With a stored queue: claim and send what earlier pages or closed tabs left, renew the
    /// claims while the page lives, and release them when it is hidden or left.
    pub fn attach_store(self: &Rc<Self>) {
        let Some(p) = &self.persist else { return };
        let lock = p.lock_name().to_owned();
        let load = {
            let me = Rc::downgrade(self);
            move || {
                let me = me.clone();
                storage::locked(&lock, move || {
                    if let Some(me) = me.upgrade() {
                        me.load_stored();
                    }
                });
            }
        };
        load();
        *self.renew_timer.borrow_mut() = Some(Timer::every(RENEW_MS, true, load));
        let me = Rc::downgrade(self);
        storage::at_page_exit(move || {
            if let Some(p) = me.upgrade().as_ref().and_then(|me| me.persist.as_ref()) {
                p.release_all();
            }
        });
    }

    /// Buffer the stored events this tab now owns and does not hold yet, then send.
    fn load_stored(&self) {
        let Some(p) = &self.persist else { return };
        for s in p.claim_all() {
            if self.contains_eid(&s.eid) {
                continue;
            }
            let event = js_sys::JSON::parse(&s.event).unwrap_or(JsValue::UNDEFINED);
            match read_event(&Reader::new("stored event: "), &event) {
                Ok(payload) => {
                    let _ = self.outbox.borrow_mut().input_stored(payload, s.attempts, s.not_before_ms);
                }
                Err(_) => p.forget(&s.eid),
            }
        }
        self.outbox.borrow_mut().flush();
        self.pump();
    }
}
