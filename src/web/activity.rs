//! A tracker's activity-tracking state in a page (driven by `api::activity`).

use std::rc::Rc;

use snowplow_core::web::activity::Activity;

use crate::boundary::hold::Hold;
use crate::platform::timers::Timer;

/// A tracker's activity tracking.
pub struct ActivityRun {
    /// The rules' state.
    pub core: Activity,
    /// Page pings are on (`enableActivityTracking`).
    pub pings: bool,
    /// `enableActivityTrackingCallback`'s callback, when on.
    pub callback: Option<Rc<Hold>>,
    /// The pending check.
    pub timer: Option<Timer>,
    /// The page's listeners are installed.
    pub listening: bool,
}
