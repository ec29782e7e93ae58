//! The module-wide bound on event bytes held by all emitters together (buffered or in
//! flight, counted as sent on the wire), so the heap stays bounded whatever the number of
//! emitters. Each outbox also has its own bound (`bufferCapacityBytes`).

use std::cell::Cell;

use crate::error::{Error, Result};

/// The largest module-wide bound: 1 GiB.
pub const MAX_TOTAL_BYTES: usize = 1 << 30;

/// Default of the module-wide bound: 64 MiB.
pub const DEFAULT_TOTAL_BYTES: usize = 64 << 20;

thread_local! {
    static HELD: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(DEFAULT_TOTAL_BYTES) };
    static LIMIT_SET: Cell<bool> = const { Cell::new(false) };
}

/// Set the module-wide bound, once (before or after emitters exist; events already held stay);
/// `given` is the value as JS renders it, for the error.
pub fn set_total_bytes(param: &str, bytes: f64, given: &str) -> Result<()> {
    if LIMIT_SET.with(Cell::get) {
        return Err(Error::type_error(param, "set only once per module", "a second call"));
    }
    // The heap holds about twice the bytes counted (an event and its wire form) plus working
    // room, within wasm's 4 GiB: 1 GiB of events at most.
    if !(bytes >= 1.0 && bytes.fract() == 0.0 && bytes <= MAX_TOTAL_BYTES as f64) {
        return Err(Error::range_error(param, "an integer of bytes from 1 to 1073741824", given));
    }
    LIMIT.with(|l| l.set(bytes as usize));
    LIMIT_SET.with(|s| s.set(true));
    Ok(())
}

/// Hold `n` more bytes if the module-wide bound allows.
pub fn try_hold(n: usize) -> bool {
    let held = HELD.with(Cell::get);
    let ok = held.saturating_add(n) <= LIMIT.with(Cell::get);
    if ok {
        HELD.with(|h| h.set(held + n));
    }
    ok
}

/// Give back `n` held bytes.
pub fn release(n: usize) {
    HELD.with(|h| h.set(h.get().saturating_sub(n)));
}
