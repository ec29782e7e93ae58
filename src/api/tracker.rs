//! The JS `Tracker`: builds events and hands them to its emitters.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::events::{kinds, Kind};
use snowplow_core::json_read::Value;
use snowplow_core::opts::{self, Got};
use snowplow_core::tracker::TrackerConfig;
use snowplow_core::Error;

use crate::api::extend;
use crate::api::shared::{Shared, TrackerState};
use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::message;
use crate::boundary::tasks::Deferred;
use crate::emitter::state::{counts_deferred, FlushDone};
use crate::platform::env::default_platform;
use crate::sinks::Sink;
use snowplow_core::emitter::Counts;

/// The tracker version sent as `tv`.
pub const TRACKER_VERSION: &str = concat!("rs-wasm-", env!("CARGO_PKG_VERSION"));

/// A `Tracker`: builds events and hands them to its emitters (the module's side of the JS object).
pub struct JsTracker {
    pub(crate) state: Shared,
}

/// `flush(isAsync)` of `class`: true for `flush(true)`.
pub(crate) fn is_async(message: &str, class: &str) -> JsResult<bool> {
    Ok(message::first(message, class, "flush")?.bool() == Some(true))
}

/// The emitters the facade took out (`v`): one, or a non-empty array without repeats.
fn read_sinks(v: Option<Value<'_>>) -> JsResult<Vec<Sink>> {
    const PREFIX: &str = "Tracker: ";
    let fail =
        |name: &str, expected: &'static str, v: Value<'_>| to_js(Error::type_error([PREFIX, name].concat(), expected, opts::describe(v)));
    let Some(v) = v.filter(|v| opts::marked_as(*v, "array")) else {
        return Ok(vec![Sink::from_taken(v, PREFIX, "emitters")?]);
    };
    let items = v.get("items").map(|i| i.items().collect::<Vec<_>>()).unwrap_or_default();
    if items.is_empty() {
        return Err(fail("emitters", "one emitter or a non-empty array of emitters", v));
    }
    let mut sinks: Vec<Sink> = Vec::with_capacity(items.len());
    for (i, e) in items.into_iter().enumerate() {
        let name = snowplow_core::indexed("emitters", i);
        let sink = Sink::from_taken(Some(e), PREFIX, &name)?;
        if sinks.iter().any(|s| s.same(&sink)) {
            return Err(fail(&name, "an emitter not already in the list (it would get every event twice)", e));
        }
        sinks.push(sink);
    }
    Ok(sinks)
}

/// Flush (or close, `close`) every sink; the deferred resolved to their `{sent, failed,
/// pending}` added up.
fn sum_counts(sinks: &[Sink], close: bool) -> u32 {
    counts_deferred(|done| {
        // One count more than the sinks, taken off last: sinks that end during this call do not
        // end the sum early.
        let left = Rc::new(RefCell::new((Counts::default(), sinks.len() + 1, Some(done))));
        let add = |left: &RefCell<(Counts, usize, Option<FlushDone>)>, c: Option<Counts>| {
            let mut sum = left.borrow_mut();
            if let Some(c) = c {
                sum.0.sent += c.sent;
                sum.0.failed += c.failed;
                sum.0.pending += c.pending;
            }
            sum.1 -= 1;
            if sum.1 == 0 {
                let (total, done) = (sum.0, sum.2.take());
                drop(sum);
                if let Some(done) = done {
                    done(total);
                }
            }
        };
        for s in sinks {
            let left = left.clone();
            s.flush_then(close, Box::new(move |c| add(&left, c)));
        }
        add(&left, None);
    })
}

impl JsTracker {
    /// Track one event of `kind` from the message the facade made of the track method's options
    /// (`js/facade.js`): its id (`eid`), or for a transaction the ids of every event it made.
    pub fn track(&self, k: &'static Kind, message: &str) -> JsResult<Answer> {
        let ids = self.state.track(k, message)?;
        if std::ptr::eq(k, &kinds::TRANSACTION) {
            return Ok(Answer::texts(&ids));
        }
        Ok(Answer::text(ids.last().map_or("", String::as_str)))
    }

    /// Method `index` of core's declared `Tracker` methods (`opts::METHODS`), from the message
    /// the facade made of its arguments; the facade names the methods (their types are generated
    /// from core's `METHOD_DOCS`).
    pub fn call(&self, index: u32, message: &str) -> JsResult<Answer> {
        let method = opts::method_at("Tracker", index).map_or("", |m| m.0);
        let done = |r: JsResult<()>| r.map(|()| Answer::Nothing);
        match method {
            "flush" => self.flush(message).map(Answer::Promise),
            "setSubject" => done(self.set_subject(message)),
            "setUserId" => done(self.set_user_id(message)),
            "setCustomUrl" => done(self.set_custom_url(message)),
            "setReferrerUrl" => done(self.set_referrer_url(message)),
            "setDocumentTitle" => done(self.set_document_title(message)),
            "enableAnonymousTracking" => done(self.enable_anonymous_tracking(message)),
            "clearUserData" => done(self.clear_user_data(message)),
            "enableActivityTracking" => done(self.enable_activity_tracking(message)),
            "enableActivityTrackingCallback" => done(self.enable_activity_tracking_callback(message)),
            "addEmitter" => done(self.add_emitter(message)),
            "close" => Ok(Answer::Promise(self.close())),
            "newSession" => done(self.new_session()),
            "disableAnonymousTracking" => done(self.disable_anonymous_tracking()),
            "disableActivityTracking" => done(self.disable_activity_tracking()),
            "disableActivityTrackingCallback" => done(self.disable_activity_tracking_callback()),
            "updatePageActivity" => done(self.update_page_activity()),
            "addGlobalContexts" => done(extend::add_global_contexts(&self.extensions(), message)),
            "removeGlobalContexts" => done(extend::remove_global_contexts(&self.extensions(), message)),
            "clearGlobalContexts" => done(extend::clear_global_contexts(&self.extensions())),
            "addPlugin" => done(extend::add_plugin(&self.extensions(), message)),
            _ => Err(crate::boundary::message::undeclared("Tracker", index)),
        }
    }

    /// A tracker from the message the facade made of `new Tracker(emitters, options)`
    /// (`js/facade.js`): the JSON text of the arguments and what it took out of them (the
    /// emitters, the subject, the session callback).
    pub fn new(message: &str) -> JsResult<JsTracker> {
        let text = message::text(message, "Tracker")?;
        let params = message::params(text, "Tracker")?;
        let sinks = read_sinks(params.at(0))?;
        let within = |e: Error| to_js(e.within("TrackerOptions."));
        let mut o = opts::read_set(&opts::TRACKER, params.at(1), "options").map_err(within)?;
        let subject = match o.take("subject") {
            Got::Absent => None,
            got => Some(crate::api::subject::read_subject(got.held(), "TrackerOptions.", "subject", "a Subject or null")?),
        };
        let config = TrackerConfig::from_read(&mut o, TRACKER_VERSION, default_platform()).map_err(within)?;
        crate::boundary::read::allow_events_of(config.max_event_bytes);
        #[cfg(feature = "web")]
        let callback = o.held("onSessionUpdateCallback");
        #[cfg(feature = "web")]
        let started = crate::web::state::start(&mut o, callback)?;
        #[cfg(feature = "web")]
        if let Some(w) = &started.web {
            sinks.iter().for_each(|s| s.follow_tracker(w.session.anonymous.server, !w.storage.cfg.strategy.stores_queue()));
        }
        let tracker = JsTracker {
            state: Shared(Rc::new(RefCell::new(TrackerState {
                config,
                subject,
                sinks,
                outgoing: Vec::new(),
                delivering: false,
                extensions: Rc::default(),
                #[cfg(feature = "web")]
                web: started.web,
                #[cfg(feature = "web")]
                on_session_update: started.on_session_update,
                #[cfg(feature = "web")]
                activity: None,
                #[cfg(feature = "web")]
                do_not_track: started.do_not_track,
            }))),
        };
        #[cfg(feature = "web")]
        tracker.state.adopt_sp_queue();
        Ok(tracker)
    }
}

/// The methods the facade names from core's `METHODS` (see [`JsTracker::call`]).
impl JsTracker {
    /// Its global contexts and plugins.
    fn extensions(&self) -> crate::api::extend::SharedExt {
        self.state.borrow().extensions.clone()
    }

    /// Add an emitter (an `Emitter` or an object with `input(event)`); it gets later events.
    pub(crate) fn add_emitter(&self, message: &str) -> JsResult<()> {
        const PREFIX: &str = "Tracker.addEmitter: ";
        let text = message::text(message, "Tracker.addEmitter")?;
        let params = message::params(text, "Tracker.addEmitter")?;
        let sink = Sink::from_taken(params.at(0), PREFIX, "emitter")?;
        if self.state.borrow().sinks.iter().any(|s| s.same(&sink)) {
            let expected = "an emitter this tracker does not have yet (it would get every event twice)";
            return Err(to_js(Error::type_error([PREFIX, "emitter"].concat(), expected, message::describe(params.at(0)))));
        }
        #[cfg(feature = "web")]
        {
            let flags = self.state.borrow().web.as_ref().map(|w| (w.session.anonymous.server, !w.storage.cfg.strategy.stores_queue()));
            if let Some((server, memory_queue)) = flags {
                sink.follow_tracker(server, memory_queue);
            }
        }
        self.state.borrow_mut().sinks.push(sink);
        Ok(())
    }

    /// Replace the subject; `null` removes it (`p` then falls back to the runtime default).
    pub(crate) fn set_subject(&self, message: &str) -> JsResult<()> {
        let s = match message::first(message, "Tracker", "setSubject")? {
            Got::Absent => None,
            got => Some(crate::api::subject::read_subject(got.held(), "Tracker.setSubject: ", "subject", "a Subject or null")?),
        };
        self.state.borrow_mut().subject = s;
        Ok(())
    }

    /// Flush every emitter: the Python tracker's blocking flush. Sends everything buffered now, waits for
    /// requests in flight and retries failures on the backoff schedule until every event
    /// buffered or in flight at the call is delivered or refused for good, or each emitter's
    /// `flushTimeout` runs out. Resolves to `{sent, failed, pending}` summed over the emitters
    /// (this is what makes `ctx.waitUntil(tracker.flush())` a delivery guarantee in Workers).
    /// `flush(true)` starts sending and resolves to `undefined` at once.
    pub(crate) fn flush(&self, message: &str) -> JsResult<u32> {
        let is_async = is_async(message, "Tracker")?;
        let sinks = self.state.borrow().sinks.clone();
        if is_async {
            sinks.iter().for_each(Sink::flush_async);
            return Ok(Deferred::resolved(""));
        }
        Ok(sum_counts(&sinks, false))
    }

    /// A final flush of every emitter, then their timers stopped; resolves to the summed
    /// `{sent, failed, pending}`.
    pub(crate) fn close(&self) -> u32 {
        let sinks = self.state.borrow().sinks.clone();
        sum_counts(&sinks, true)
    }
}
