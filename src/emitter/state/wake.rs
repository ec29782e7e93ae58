//! One timer per emitter: every deadline it waits for (a retry, the periodic flush, a blocking
//! flush's `flushTimeout`, the stored queue's renewals, heartbeat and check) is core's
//! [`Deadlines`]; the host timer is set for the earliest and, when it fires, what is due runs.
//! While a retry or a blocking flush is waited for the emitter keeps itself alive (a blocking
//! flush also keeps a Node process alive); otherwise the timer holds it weakly.

use std::rc::Rc;

use snowplow_core::emitter::deadlines::Due;

use super::EmitterShared;
use crate::platform::env::now_ms;
use crate::platform::timers::Timer;

/// The host timer as set: for when, whether it keeps the process alive, the timer.
pub(super) type Armed = (i64, bool, Timer);

impl EmitterShared {
    /// Wait for `due` `ms` from now (then every `period` ms when `period` > 0), replacing an
    /// earlier deadline for it.
    pub(super) fn wait_for(&self, due: Due, ms: f64, period: f64) {
        let at = now_ms().saturating_add(ms.clamp(0.0, 2_147_483_647.0) as i64);
        self.deadlines.borrow_mut().set(due, at, period.clamp(0.0, 2_147_483_647.0) as i64);
        self.rearm();
    }

    /// Wait for `due` at `at` (ms since the epoch).
    pub(super) fn wait_until(&self, due: Due, at: i64) {
        self.deadlines.borrow_mut().set(due, at, 0);
        self.rearm();
    }

    /// Stop waiting for `due` (idempotent).
    pub(super) fn stop_waiting(&self, due: Due) {
        self.deadlines.borrow_mut().clear(due);
        self.rearm();
    }

    /// When `due` is next.
    pub(super) fn waiting_until(&self, due: Due) -> Option<i64> {
        self.deadlines.borrow().at(due)
    }

    /// Set the host timer for the earliest deadline (none when nothing is waited for), and keep
    /// this emitter alive exactly while something that must not be dropped is waited for.
    fn rearm(&self) {
        let (next, hold) = {
            let d = self.deadlines.borrow();
            (d.next(), d.hold_emitter())
        };
        let pin = if hold { self.me.upgrade() } else { None };
        let unpinned = std::mem::replace(&mut *self.pinned.borrow_mut(), pin);
        let armed = self.timer.borrow().as_ref().map(|(at, keep, _)| (*at, *keep));
        if armed != next {
            let timer = next.map(|(at, keep)| {
                let me = self.me.clone();
                let ms = (at - now_ms()).max(0) as f64;
                (at, keep, Timer::once(ms, !keep, move || fire(&me)))
            });
            let old = std::mem::replace(&mut *self.timer.borrow_mut(), timer);
            drop(old);
        }
        drop(unpinned);
    }
}

/// The timer fired: run what is due, then set it again.
fn fire(me: &std::rc::Weak<EmitterShared>) {
    let Some(me) = me.upgrade() else { return };
    let fired = me.timer.borrow_mut().take();
    drop(fired);
    let due = me.deadlines.borrow_mut().take_due(now_ms());
    for d in due {
        me.run_due(d);
    }
    me.rearm();
}

impl EmitterShared {
    fn run_due(self: &Rc<Self>, due: Due) {
        match due {
            Due::Retry => {
                self.outbox.borrow_mut().retry_now();
                self.pump();
            }
            Due::Flush => {
                self.outbox.borrow_mut().flush();
                self.pump();
            }
            Due::Renew | Due::Check => self.reclaim(),
            Due::Beat => self.persist.as_ref().into_iter().for_each(|p| p.beat()),
            Due::Waiter(w) => self.deadline(w),
        }
    }
}
