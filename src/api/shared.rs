//! A tracker's state and its event path, shared by the JS `Tracker` and, in a page, its
//! activity timers and listeners (which hold it weakly).

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::events::{kinds, Kind};
use snowplow_core::tracker::TrackerConfig;
use snowplow_core::{key, Payload};

use snowplow_core::events::read;

use crate::api::extend::Finished;
use crate::api::subject::SharedSubject;
use crate::boundary::errors::{js, to_js, JsResult};
use crate::platform::env::JsEnv;
use crate::sinks::Sink;

/// What a tracker holds.
pub(crate) struct TrackerState {
    pub(crate) config: TrackerConfig,
    pub(crate) subject: Option<SharedSubject>,
    pub(crate) sinks: Vec<Sink>,
    /// Events tracked while others are being handed to the emitters (a custom emitter's
    /// `input()` that tracks again): they follow, in order, each with the emitters it had.
    pub(crate) outgoing: Vec<(Payload, Vec<Sink>)>,
    /// Events are being handed to the emitters now.
    pub(crate) delivering: bool,
    /// Global contexts and plugins, borrowed while their hooks run.
    pub(crate) extensions: crate::api::extend::SharedExt,
    /// In a page (browser build): identity, page fields, the page view id.
    #[cfg(feature = "web")]
    pub(crate) web: Option<crate::web::state::Web>,
    #[cfg(feature = "web")]
    pub(crate) on_session_update: Option<Rc<crate::boundary::hold::Hold>>,
    #[cfg(feature = "web")]
    pub(crate) activity: Option<crate::web::activity::ActivityRun>,
    /// `respectDoNotTrack` and the browser asks not to be tracked: events are dropped.
    #[cfg(feature = "web")]
    pub(crate) do_not_track: bool,
}

/// The event's schema as global contexts see it, when the tracker has any (else none is made).
fn common_schema(event: &snowplow_core::events::Event, ext: &crate::api::extend::Ext) -> String {
    if ext.is_empty() {
        String::new()
    } else {
        event.schema().to_owned()
    }
}

thread_local! {
    /// The page's errors counted against the flood limit (every tracker of the page).
    static ERRORS: std::cell::RefCell<snowplow_core::events::error_flood::ErrorFlood> = std::cell::RefCell::default();
}

/// Whether `trackError` tracks `event`: never an error the tracker threw, and at most ten a
/// second in the page (the first refused is reported).
fn error_allowed(event: &snowplow_core::events::Event) -> bool {
    use snowplow_core::events::error_flood::Verdict;
    if event.is_tracker_error() {
        return false;
    }
    let verdict = ERRORS.with(|e| e.try_borrow_mut().map_or(Verdict::Track, |mut e| e.check(crate::platform::env::now_ms())));
    if verdict == Verdict::RefuseAndWarn {
        crate::boundary::js::warn(
            "snowplow-tracker-wasm: more than 10 errors in one second: trackError tracks no more of them until the next second",
        );
    }
    verdict == Verdict::Track
}

/// A tracker's state, shared with its activity timers and listeners (which hold it weakly).
#[derive(Clone)]
pub(crate) struct Shared(pub(crate) Rc<RefCell<TrackerState>>);

impl std::ops::Deref for Shared {
    type Target = RefCell<TrackerState>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Shared {
    /// Read, validate, build and deliver one event of `kind` from the message the facade made of
    /// a track call (see `js/facade.js` `message`); the ids of the events made.
    pub(crate) fn track(&self, kind: &'static Kind, message: &str) -> JsResult<Vec<String>> {
        let text = crate::boundary::message::text(message, kind.method)?;
        self.track_text(kind, text)
    }

    /// [`Shared::track`] from the message's text (`[options]`, as the facade writes it).
    pub(crate) fn track_text(&self, kind: &'static Kind, text: &str) -> JsResult<Vec<String>> {
        let prefix = [kind.method, ": "].concat();
        // Called back from inside an event being made (a page hook of `Date.now` or `crypto`):
        // refused, rather than a borrow error that would stop the module.
        if self.try_borrow_mut().is_err() {
            let e = snowplow_core::Error::type_error(
                "this",
                "a tracker not already making an event (called back from inside one)",
                "a re-entrant call",
            );
            return Err(crate::boundary::errors::to_js(e.within(&prefix)));
        }
        let ext = self.borrow().extensions.clone();
        if ext.try_borrow_mut().is_err() {
            return Err(to_js(crate::api::extend::busy().within(&prefix)));
        }
        // In a page a page view needs no options: the page gives its URL, title and referrer.
        #[cfg(feature = "web")]
        let kind = match self.in_page() {
            true if std::ptr::eq(kind, &kinds::PAGE_VIEW) => &kinds::WEB_PAGE_VIEW,
            true if std::ptr::eq(kind, &kinds::PAGE_PING) => &kinds::WEB_PAGE_PING,
            _ => kind,
        };
        let args = crate::boundary::message::params(text, kind.method)?;
        let options = args.at(0).unwrap_or(args);
        let read = read::track(kind, options, std::ptr::eq(kind, &kinds::WEB_PAGE_VIEW)).map_err(|e| to_js(e.within(&prefix)))?;
        let (event, mut common) = (read.event, read.common);
        if std::ptr::eq(kind, &kinds::ERROR) && !error_allowed(&event) {
            return Ok(vec![String::new()]);
        }
        if read.subject.is_some() {
            let s = crate::api::subject::read_subject(read.subject, &prefix, "subject", "a Subject")?;
            common.subject = Some(Box::new(s.borrow().clone()));
        }
        #[cfg(feature = "web")]
        if self.borrow().do_not_track {
            return Ok(Vec::new());
        }
        #[cfg(feature = "web")]
        let snapshot = self.page_snapshot();
        let schema = common_schema(&event, &ext.borrow());
        let (built, sinks) = {
            let mut state = self.borrow_mut();
            let state = &mut *state;
            let subject = state.subject.as_ref().map(|s| s.borrow());
            #[cfg(feature = "web")]
            let page = state.web.as_mut().zip(snapshot).map(|(web, snap)| {
                web.set_snapshot(snap);
                web as &mut dyn snowplow_core::web::PageSource
            });
            #[cfg(not(feature = "web"))]
            let page = None;
            let built = js(state.config.build(event, &common, subject.as_deref(), &mut JsEnv, page))?;
            (built, state.sinks.clone())
        };
        // No borrow is held from here on: a custom emitter may call back into this tracker.
        #[cfg(feature = "web")]
        self.page_written();
        let finished = if ext.borrow().is_empty() {
            let state = self.borrow();
            let finish =
                |b: snowplow_core::tracker::Built| state.config.finish(kind.method, b.payload, &[&common.contexts, &b.page_contexts]);
            let payloads = built.into_iter().map(|b| finish(b).map(|payload| Some(Finished { payload, json: None })));
            payloads.collect::<Result<Vec<_>, _>>().map_err(to_js)?
        } else {
            // Borrowed while the hooks run: a hook may not track or change them (it would recurse).
            let Ok(held) = ext.try_borrow_mut() else { return Err(to_js(crate::api::extend::busy().within(&prefix))) };
            let encode = self.borrow().config.encode_base64;
            let finish = |p: Payload, lists: &[&[snowplow_core::events::SelfDescribingJson]]| {
                self.borrow().config.finish(kind.method, p, lists).map_err(to_js)
            };
            crate::api::extend::run(&held, built, &common.contexts, &schema, encode, &finish)?
        };
        let ids = finished.iter().map(|f| f.as_ref().and_then(|f| f.payload.get(key::EID)).unwrap_or_default().to_owned()).collect();
        let (payloads, sent): (Vec<Payload>, Vec<Option<String>>) = finished.into_iter().flatten().map(|f| (f.payload, f.json)).unzip();
        self.deliver(payloads, sinks);
        if let Ok(held) = ext.try_borrow_mut() {
            crate::api::extend::after_track(&held, &sent);
        }
        Ok(ids)
    }

    /// Hand `payloads` to `sinks`, after every event tracked before them: a call from inside a
    /// delivery (a custom emitter tracking from `input()`) only queues them, so every emitter
    /// receives every event in the order `track()` was called.
    fn deliver(&self, payloads: Vec<Payload>, sinks: Vec<Sink>) {
        {
            let mut state = self.borrow_mut();
            state.outgoing.extend(payloads.into_iter().map(|p| (p, sinks.clone())));
            if std::mem::replace(&mut state.delivering, true) {
                return;
            }
        }
        let mut next = 0;
        loop {
            let item = {
                let mut state = self.borrow_mut();
                if next >= state.outgoing.len() {
                    state.outgoing.clear();
                    state.delivering = false;
                    break;
                }
                next += 1;
                state.outgoing.get_mut(next - 1).map(|(p, s)| (std::mem::take(p), std::mem::take(s)))
            };
            if let Some((p, sinks)) = item {
                for s in &sinks {
                    s.deliver(&p);
                }
            }
        }
    }
}
