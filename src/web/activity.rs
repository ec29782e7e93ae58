//! A tracker's activity-tracking state in a page (driven by `api::activity`).

use js_sys::Function;
use snowplow_core::web::activity::Activity;

use crate::platform::timers::Timer;

/// A tracker's activity tracking.
pub struct ActivityRun {
    /// The rules' state.
    pub core: Activity,
    /// Page pings are on (`enableActivityTracking`).
    pub pings: bool,
    /// `enableActivityTrackingCallback`'s callback, when on.
    pub callback: Option<Function>,
    /// The pending check.
    pub timer: Option<Timer>,
    /// The page's listeners are installed.
    pub listening: bool,
}
