//! What an emitter tells its callbacks (or, without them, the console): each request, and each
//! finished flush round.

use snowplow_core::emitter::{Attempt, Report};
use snowplow_core::int_text;
use wasm_bindgen::JsValue;

use super::{call_back, events_array, info_object, EmitterShared};
use crate::boundary::keys::object;
use crate::platform::console;

impl EmitterShared {
    /// `onRequestSuccess` / `onRequestFailure` for one request.
    pub(super) fn report_request(&self, a: Attempt) {
        let method = JsValue::from_str(if a.post { "POST" } else { "GET" });
        let common = [
            ("events", events_array(&a.events)),
            ("status", a.status.into()),
            ("method", method),
            ("bytes", (a.bytes as f64).into()),
            ("attempt", a.attempt.into()),
        ];
        let (name, callback, info) = match a.reason {
            None => ("onRequestSuccess", &self.on_request_success, object(&common)),
            Some(reason) => {
                let [events, status, method, bytes, attempt] = common;
                let fields = [events, status, ("reason", reason.name().into()), method, bytes, attempt, ("willRetry", a.will_retry.into())];
                ("onRequestFailure", &self.on_request_failure, object(&fields))
            }
        };
        if let Some(cb) = callback {
            call_back(name, cb.call1(&JsValue::UNDEFINED, &info));
        }
    }

    pub(super) fn report(&self, report: Report) {
        if report.info.is_none() {
            self.warned_failing.set(false);
        }
        match (report.info, &self.on_success, &self.on_failure) {
            (None, Some(cb), _) => call_back("onSuccess", cb.call1(&JsValue::UNDEFINED, &events_array(&report.sent))),
            (Some(info), _, Some(cb)) => {
                let count = JsValue::from(report.sent_count as u32);
                call_back("onFailure", cb.call3(&JsValue::UNDEFINED, &count, &events_array(&report.unsent), &info_object(info)));
            }
            // Without onFailure: every drop is warned about; "retrying" once per run of failures
            // (until a round succeeds).
            (Some(info), _, None) if !info.will_retry || !self.warned_failing.replace(true) => {
                let what = if info.status > 0 { ["HTTP ", &int_text(info.status.into())].concat() } else { info.reason.name().to_owned() };
                let next = if info.will_retry { "; retrying with backoff" } else { "; dropped" };
                console::warn(
                    &["snowplow-tracker-wasm: events not delivered (", &what, ")", next, " — set onFailure to handle this"].concat(),
                );
            }
            _ => {}
        }
    }
}
