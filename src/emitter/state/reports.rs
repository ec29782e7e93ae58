//! What an emitter tells its callbacks (or, without them, the console): each request, and each
//! finished flush round.

use snowplow_core::emitter::{callback_text, Attempt, Report};
use snowplow_core::int_text;

use super::EmitterShared;
use crate::emitter::callbacks::Callback;
use crate::platform::console;

impl EmitterShared {
    /// `onRequestSuccess` / `onRequestFailure` for one request.
    pub(super) fn report_request(&self, a: Attempt) {
        let c = if a.reason.is_none() { Callback::RequestSuccess } else { Callback::RequestFailure };
        if self.callbacks.has(c) {
            self.callbacks.call(c, &callback_text::request(&a));
        }
    }

    pub(super) fn report(&self, report: Report) {
        if report.info.is_none() {
            self.warned_failing.set(false);
        }
        let (success, failure) = (self.callbacks.has(Callback::Success), self.callbacks.has(Callback::Failure));
        match (report.info, success, failure) {
            (None, true, _) => self.callbacks.call(Callback::Success, &callback_text::success(&report.sent)),
            (Some(info), _, true) => {
                self.callbacks.call(Callback::Failure, &callback_text::failure(report.sent_count, &report.unsent, info));
            }
            // Without onFailure: every drop is warned about; "retrying" once per run of failures
            // (until a round succeeds).
            (Some(info), _, false) if !info.will_retry || !self.warned_failing.replace(true) => {
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
