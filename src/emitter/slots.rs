//! One module-wide bound on requests in flight: every emitter's sends (freed emitters' final
//! sends included) take a slot, and emitters that find none wait in line, in order. So
//! dropping thousands of unflushed trackers at once never opens thousands of connections.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// Something that sends once it gets a slot (an emitter).
pub trait Sending {
    /// Send what it can now, starting with the slot reserved for it.
    fn resume(&self);
}

/// Requests in flight at once across all emitters.
pub const MAX_IN_FLIGHT: usize = 6;

/// What a page may have in flight with `keepalive` at once (the browsers' shared quota).
pub const KEEPALIVE_BYTES: usize = 64 * 1024;

struct Slots {
    busy: usize,
    keepalive: usize,
    waiting: VecDeque<Rc<dyn Sending>>,
}

thread_local! {
    static SLOTS: RefCell<Slots> = const { RefCell::new(Slots { busy: 0, keepalive: 0, waiting: VecDeque::new() }) };
}

/// Take a slot for one request; `false` when all are taken, or when emitters wait in line
/// (they go first: slots are granted in order).
pub fn take() -> bool {
    SLOTS.with(|s| {
        let Ok(mut s) = s.try_borrow_mut() else { return false };
        let free = s.busy < MAX_IN_FLIGHT && s.waiting.is_empty();
        if free {
            s.busy += 1;
        }
        free
    })
}

/// Give back a slot that was taken (a request ended, or none was needed after all).
pub fn give_back() {
    SLOTS.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.busy = s.busy.saturating_sub(1);
        }
    });
}

/// Queue `emitter` for the next free slot (it is held until then, so a freed emitter's final
/// send still goes out); an emitter already waiting keeps its place.
pub fn wait(emitter: Rc<dyn Sending>) {
    SLOTS.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if !s.waiting.iter().any(|w| std::ptr::addr_eq(Rc::as_ptr(w), Rc::as_ptr(&emitter))) {
                s.waiting.push_back(emitter);
            }
        }
    });
}

/// Let waiting emitters send, in order, while slots are free: each gets a slot reserved for
/// its next request (given back if it has none).
pub fn wake() {
    loop {
        let next = SLOTS.with(|s| {
            let mut s = s.try_borrow_mut().ok()?;
            if s.busy < MAX_IN_FLIGHT {
                let next = s.waiting.pop_front();
                if next.is_some() {
                    s.busy += 1;
                }
                next
            } else {
                None
            }
        });
        let Some(emitter) = next else { break };
        emitter.resume();
    }
}

/// Bytes of `keepalive` bodies that may still start now.
pub fn keepalive_room() -> usize {
    SLOTS.with(|s| s.try_borrow().map_or(0, |s| KEEPALIVE_BYTES.saturating_sub(s.keepalive)))
}

/// A `keepalive` request of `bytes` started (`started`) or ended.
pub fn keepalive(bytes: usize, started: bool) {
    SLOTS.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.keepalive = if started { s.keepalive + bytes } else { s.keepalive.saturating_sub(bytes) };
        }
    });
}
