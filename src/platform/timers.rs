//! One-shot and repeating timers: a task (see `boundary::tasks`) the host wakes from the global
//! `setTimeout`/`setInterval` (through `js/boundary.js`, which stops them if the module ever
//! traps), cancelled when dropped. In Node they can be `unref()`-ed so they never keep the
//! process alive on their own.

use crate::boundary::tasks::{self, cancel, schedule};

/// A scheduled callback; dropping it cancels it.
#[must_use = "dropping a Timer cancels it"]
pub struct Timer {
    id: u32,
}

impl Timer {
    fn start(ms: f64, repeat: bool, unref: bool, id: u32) -> Timer {
        schedule(tasks::instance(), id, ms.clamp(0.0, 2_147_483_647.0), repeat, unref);
        Timer { id }
    }

    /// Call `f` once after `ms`.
    pub fn once(ms: f64, unref: bool, f: impl FnOnce() + 'static) -> Timer {
        Timer::start(ms, false, unref, tasks::once(move |_| f()))
    }

    /// Call `f` every `ms`.
    #[cfg(feature = "web")]
    pub fn every(ms: f64, unref: bool, mut f: impl FnMut() + 'static) -> Timer {
        Timer::start(ms, true, unref, tasks::every(move |_| f()))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        cancel(self.id);
        tasks::end(self.id);
    }
}
