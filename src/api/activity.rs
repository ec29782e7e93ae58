//! Activity tracking in a page (browser build): after each page view a first check at
//! `minimumVisitLength`, then one every `heartbeatDelay`; a check pings (a page ping, or the
//! callback of `enableActivityTrackingCallback`) only if the user was active. The rules are
//! `snowplow_core::web::activity`'s; timers and listeners hold the tracker weakly.

use std::rc::{Rc, Weak};

use snowplow_core::events::kinds;
use snowplow_core::web::activity::{callback_args, Activity, PingTimes, Range};

use crate::api::shared::{Shared, TrackerState};
use crate::boundary::errors::JsResult;
use crate::boundary::hold::Hold;
use crate::boundary::tasks;
use crate::platform::env::now_ms;
use crate::platform::timers::Timer;
use crate::web::activity::ActivityRun;
use crate::web::io::{scroll_offsets, watch_activity};

impl Shared {
    fn weak(&self) -> Weak<std::cell::RefCell<TrackerState>> {
        Rc::downgrade(&self.0)
    }

    /// `enableActivityTracking` / `…Callback`: pings start at the next page view. As in sp.js,
    /// a variant already on keeps its first settings; the two share the schedule of the first
    /// one enabled and the scroll range, which a disable and enable does not reset.
    pub(crate) fn enable_activity(&self, times: PingTimes, callback: Option<Rc<Hold>>, with_callback: bool) -> JsResult<()> {
        let (x, y) = scroll_offsets(); // read before the state is borrowed: the page's getters may call back
        let mut state = self.borrow_mut();
        if state.web.is_none() {
            return Ok(());
        }
        let run = state.activity.get_or_insert_with(|| ActivityRun {
            core: Activity::new(times, now_ms(), x, y),
            pings: false,
            callback: None,
            timer: None,
            listening: false,
        });
        if !run.pings && run.callback.is_none() {
            run.core.times = times;
        }
        match callback {
            Some(cb) if run.callback.is_none() => run.callback = Some(cb),
            None if !with_callback => run.pings = true,
            _ => {}
        }
        Ok(())
    }

    /// `disableActivityTracking` (`callback`: `…Callback`): that variant stops; the listeners
    /// stay, idle when both are off.
    pub(crate) fn disable_activity(&self, callback: bool) {
        let stopped = {
            let mut state = self.borrow_mut();
            let Some(run) = state.activity.as_mut() else { return };
            if callback {
                run.callback = None;
            } else {
                run.pings = false;
            }
            if run.pings || run.callback.is_some() {
                return;
            }
            run.timer.take()
        };
        drop(stopped); // cancelled with no borrow held
    }

    /// Make `timer` the pending check; the one it replaces is cancelled after the state is
    /// released (cancelling calls into JS).
    fn set_timer(&self, timer: Timer) {
        let old = match self.borrow_mut().activity.as_mut() {
            Some(a) => a.timer.replace(timer),
            None => Some(timer),
        };
        drop(old);
    }

    /// `updatePageActivity`: count the user as active now.
    pub(crate) fn note_activity(&self) {
        if let Some(a) = self.borrow_mut().activity.as_mut() {
            a.core.active(now_ms());
        }
    }

    /// A page view was tracked: the clock starts again, the first check after
    /// `minimumVisitLength`, the listeners installed once.
    pub(crate) fn activity_page_view(&self) {
        let (first_ms, install) = {
            let mut state = self.borrow_mut();
            let Some(a) = state.activity.as_mut().filter(|a| a.pings || a.callback.is_some()) else { return };
            a.core.page_view(now_ms());
            (a.core.times.first_ms, !std::mem::replace(&mut a.listening, true))
        };
        let weak = self.weak();
        self.set_timer(Timer::once(first_ms as f64, false, move || check(&weak, true)));
        if install {
            let (active, scrolled) = (self.weak(), self.weak());
            let on_active = tasks::every(move |_| with(&active, |a| a.core.active(now_ms())));
            let on_scroll = tasks::every(move |_| {
                let (x, y) = scroll_offsets();
                with(&scrolled, |a| a.core.scrolled(now_ms(), x, y));
            });
            watch_activity(tasks::instance(), on_active, on_scroll, snowplow_core::web::activity::ACTIVITY_EVENTS);
        }
    }

    fn ping(&self, range: Range, pings: bool, callback: Option<Rc<Hold>>) {
        if let Some(cb) = callback {
            let page_view_id = self.borrow().web.as_ref().and_then(|w| w.page_view.current().map(str::to_owned));
            let args = callback_args(&range, page_view_id.as_deref());
            cb.call(&args, "snowplow-tracker-wasm: the activity tracking callback threw; tracking goes on");
        }
        if pings {
            // A 0 offset is left out, as sp.js does.
            let mut text = String::from("[{");
            for (name, v) in [("minX", range.min_x), ("maxX", range.max_x), ("minY", range.min_y), ("maxY", range.max_y)] {
                if v != 0 {
                    if text.len() > 2 {
                        text.push(',');
                    }
                    text.extend(["\"", name, "\":", &snowplow_core::int_text(v)]);
                }
            }
            text.push_str("}]");
            let _ = self.track_text(&kinds::PAGE_PING, &text);
        }
    }
}

/// Run `f` on the tracker's activity state, if the tracker and its activity tracking live.
fn with(weak: &Weak<std::cell::RefCell<TrackerState>>, f: impl FnOnce(&mut ActivityRun)) {
    if let Some(state) = weak.upgrade() {
        if let Some(a) = state.borrow_mut().activity.as_mut() {
            f(a);
        }
    }
}

/// A scheduled check (`first`: the one at `minimumVisitLength`, which starts the heartbeat).
fn check(weak: &Weak<std::cell::RefCell<TrackerState>>, first: bool) {
    let Some(rc) = weak.upgrade() else { return };
    let shared = Shared(rc);
    let (x, y) = scroll_offsets(); // read before the state is borrowed
    let (due, every_ms) = {
        let mut state = shared.borrow_mut();
        let Some(a) = state.activity.as_mut().filter(|a| a.pings || a.callback.is_some()) else { return };
        let window = if first { a.core.times.first_ms } else { a.core.times.every_ms };
        let range = a.core.check(now_ms(), window, x, y);
        (range.map(|r| (r, a.pings, a.callback.clone())), a.core.times.every_ms)
    };
    if first {
        let w = weak.clone();
        shared.set_timer(Timer::every(every_ms as f64, false, move || check(&w, false)));
    }
    if let Some((range, pings, callback)) = due {
        shared.ping(range, pings, callback);
    }
}
