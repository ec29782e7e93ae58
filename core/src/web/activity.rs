//! Activity tracking as sp.js schedules it: after a page view, a first check at
//! `minimumVisitLength`, then one every `heartbeatDelay`; each check pings only if the user was
//! active (mouse, keys, scroll, touch, visibility) since the page view, or within the last
//! heartbeat. Scroll offsets are the smallest and largest seen since the previous ping.

/// The page events that count as the user being active, as sp.js listens for them (the page
/// shown again counts too, and scrolling, which also moves the range), as the JSON text of
/// their names for the host to listen to.
pub const ACTIVITY_EVENTS: &str =
    r#"["click","mouseup","mousedown","mousemove","keypress","keydown","keyup","touchend","touchstart","wheel"]"#;

/// When pings are checked, in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PingTimes {
    /// From the page view to the first check (`minimumVisitLength`).
    pub first_ms: i64,
    /// Between later checks (`heartbeatDelay`).
    pub every_ms: i64,
}

impl PingTimes {
    /// `minimumVisitLength` and `heartbeatDelay` in whole seconds (the first ≥ 0, the second
    /// > 0), as `enableActivityTracking` takes them.
    pub fn new(minimum_visit_length: &crate::Num, heartbeat_delay: &crate::Num) -> crate::Result<PingTimes> {
        let whole = |n: &crate::Num, name: &str, min: f64| {
            if n.is_integer() && n.value() >= min && n.value() <= 2_147_483.0 {
                Ok(n.value() as i64 * 1000)
            } else {
                let expected = if min > 0.0 { "a whole number of seconds ≥ 1" } else { "a whole number of seconds ≥ 0" };
                Err(crate::Error::range_error(name, expected, n.as_str()))
            }
        };
        Ok(PingTimes {
            first_ms: whole(minimum_visit_length, "minimumVisitLength", 0.0)?,
            every_ms: whole(heartbeat_delay, "heartbeatDelay", 1.0)?,
        })
    }
}

/// The scroll range a ping reports: smallest and largest x and y offsets, rounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Range {
    /// `pp_mix`.
    pub min_x: i64,
    /// `pp_max`.
    pub max_x: i64,
    /// `pp_miy`.
    pub min_y: i64,
    /// `pp_may`.
    pub max_y: i64,
}

/// One tracker's activity state.
#[derive(Debug, Clone)]
pub struct Activity {
    /// The schedule.
    pub times: PingTimes,
    last_active_ms: i64,
    min: (f64, f64),
    max: (f64, f64),
}

/// JavaScript's `Math.round`.
fn round(v: f64) -> i64 {
    (v + 0.5).floor() as i64
}

impl Activity {
    /// Activity tracking with `times`, the page scrolled to `(x, y)`, at `now_ms`.
    pub fn new(times: PingTimes, now_ms: i64, x: f64, y: f64) -> Activity {
        Activity { times, last_active_ms: now_ms, min: (x, y), max: (x, y) }
    }

    /// A page view: the clock starts again (the scroll range does not, as in sp.js).
    pub fn page_view(&mut self, now_ms: i64) {
        self.last_active_ms = now_ms;
    }

    /// The user did something (or `updatePageActivity()`).
    pub fn active(&mut self, now_ms: i64) {
        self.last_active_ms = now_ms;
    }

    /// The page scrolled to `(x, y)`.
    pub fn scrolled(&mut self, now_ms: i64, x: f64, y: f64) {
        self.active(now_ms);
        if x < self.min.0 {
            self.min.0 = x;
        } else if x > self.max.0 {
            self.max.0 = x;
        }
        if y < self.min.1 {
            self.min.1 = y;
        } else if y > self.max.1 {
            self.max.1 = y;
        }
    }

    /// The check `since_ms` after the last activity window began (`first_ms` for the first
    /// check, `every_ms` after): the range to ping with if the user was active within it. A
    /// ping starts a new range at `(x, y)`.
    pub fn check(&mut self, now_ms: i64, window_ms: i64, x: f64, y: f64) -> Option<Range> {
        if self.last_active_ms + window_ms <= now_ms {
            return None;
        }
        let range = Range { min_x: round(self.min.0), max_x: round(self.max.0), min_y: round(self.min.1), max_y: round(self.max.1) };
        (self.min, self.max) = ((x, y), (x, y));
        Some(range)
    }
}

/// `enableActivityTrackingCallback`'s callback arguments as JSON text: `[{context, pageViewId,
/// minXOffset, maxXOffset, minYOffset, maxYOffset}]` (`pageViewId` left out when there is none).
pub fn callback_args(range: &Range, page_view_id: Option<&str>) -> String {
    let mut out = String::from("[{\"context\":[]");
    if let Some(id) = page_view_id {
        out.push_str(",\"pageViewId\":");
        crate::json::write_str(&mut out, id);
    }
    for (name, v) in [("minXOffset", range.min_x), ("maxXOffset", range.max_x), ("minYOffset", range.min_y), ("maxYOffset", range.max_y)] {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":");
        out.push_str(&crate::int_text(v));
    }
    out.push_str("}]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMES: PingTimes = PingTimes { first_ms: 1000, every_ms: 1000 };

    #[test]
    fn the_activity_events_are_sp_js_s_as_json_names() {
        let names = crate::json_read::parse(ACTIVITY_EVENTS).unwrap();
        let names: Vec<String> = names.items().map(|n| n.as_str().unwrap().into_owned()).collect();
        assert_eq!(names.len(), 10);
        for n in ["click", "mousemove", "keydown", "touchstart", "wheel"] {
            assert!(names.iter().any(|m| m == n), "{n}");
        }
    }

    #[test]
    fn pings_only_after_activity_with_the_scroll_range_since_the_last_ping() {
        let mut a = Activity::new(TIMES, 0, 0.0, 0.0);
        assert_eq!(a.check(1000, TIMES.first_ms, 0.0, 0.0), None, "nothing happened since the page view");
        a.scrolled(1300, 0.0, 250.4);
        a.scrolled(1400, 12.5, 120.0);
        let r = a.check(2000, TIMES.every_ms, 12.5, 120.0).unwrap();
        assert_eq!(r, Range { min_x: 0, max_x: 13, min_y: 0, max_y: 250 });
        assert_eq!(a.check(3000, TIMES.every_ms, 12.5, 120.0), None, "idle for a heartbeat");
        a.active(3500);
        let r = a.check(4000, TIMES.every_ms, 12.5, 120.0).unwrap();
        assert_eq!(r, Range { min_x: 13, max_x: 13, min_y: 120, max_y: 120 }, "a new range after each ping");
    }

    #[test]
    fn times_are_whole_seconds() {
        use crate::Num;
        assert_eq!(PingTimes::new(&Num::int(0), &Num::int(10)), Ok(PingTimes { first_ms: 0, every_ms: 10_000 }));
        assert!(PingTimes::new(&Num::int(5), &Num::int(0)).unwrap_err().to_string().starts_with("heartbeatDelay must be"));
        assert!(PingTimes::new(&Num::with_text(0.5, "0.5".into()), &Num::int(1))
            .unwrap_err()
            .to_string()
            .starts_with("minimumVisitLength must be"));
    }

    #[test]
    fn a_page_view_restarts_the_clock() {
        let mut a = Activity::new(TIMES, 0, 0.0, 0.0);
        a.active(500);
        a.page_view(5000);
        assert!(a.check(6000, TIMES.first_ms, 0.0, 0.0).is_none(), "activity before the page view does not count");
        a.active(6500);
        assert!(a.check(7000, TIMES.every_ms, 0.0, 0.0).is_some());
    }

    #[test]
    fn the_callback_gets_its_arguments_as_json() {
        let r = Range { min_x: 0, max_x: 10, min_y: -5, max_y: 300 };
        assert_eq!(
            callback_args(&r, Some("a\"b")),
            r#"[{"context":[],"pageViewId":"a\"b","minXOffset":0,"maxXOffset":10,"minYOffset":-5,"maxYOffset":300}]"#
        );
        assert_eq!(callback_args(&r, None), r#"[{"context":[],"minXOffset":0,"maxXOffset":10,"minYOffset":-5,"maxYOffset":300}]"#);
    }
}
