//! The Tracker's page-facing methods: `setUserId` (every build), and in a page (browser build)
//! the page overrides, `newSession`, anonymous tracking, `clearUserData` and the activity
//! tracking switches (elsewhere they check their arguments and do nothing); plus the web
//! state's reads and writes around each event and the takeover of sp.js's unsent queue.

use snowplow_core::opts::{Got, Taken};
use snowplow_core::web::activity::PingTimes;
use snowplow_core::web::config::WebOptions;
use snowplow_core::web::page::PageOverrides;
use snowplow_core::web::session::Anonymous;
use snowplow_core::Error;

use crate::api::tracker::JsTracker;
use crate::boundary::errors::JsResult;
#[cfg(feature = "web")]
use crate::boundary::hold::Hold;
use crate::boundary::message;

/// One optional string argument of a Tracker setter (`""` as absent).
fn text(method: &str, message: &str) -> JsResult<Option<String>> {
    Ok(message::first(message, "Tracker", method)?.str().filter(|s| !s.is_empty()))
}

/// The message of `enableActivityTracking` (`with_callback`: of the callback variant), in every
/// build: the times, checked by core, and the callback the facade took out.
fn activity_options(method: &str, message: &str, with_callback: bool) -> JsResult<(PingTimes, Option<Taken>)> {
    let fail = |e| message::fail("Tracker", method, e);
    let mut o = message::first(message, "Tracker", method)?.bag();
    let mvl = o.num("minimumVisitLength").ok_or_else(|| fail(Error::required("minimumVisitLength")))?;
    let hb = o.num("heartbeatDelay").ok_or_else(|| fail(Error::required("heartbeatDelay")))?;
    let times = PingTimes::new(&mvl, &hb).map_err(fail)?;
    if !with_callback {
        return Ok((times, None));
    }
    match o.held("callback") {
        Some(t) => Ok((times, Some(t))),
        None => Err(fail(Error::type_error("callback", "a function", "undefined"))),
    }
}

#[cfg(feature = "web")]
mod page {
    use super::Hold;

    use crate::api::shared::Shared;
    use crate::web::state::{Snapshot, Web};

    /// Call `onSessionUpdateCallback` with the `client_session` data; a throw is logged.
    fn report_session(f: &Hold, session: &str) {
        f.call(&["[", session, "]"].concat(), "snowplow-tracker-wasm: the onSessionUpdateCallback threw; tracking goes on");
    }

    impl Shared {
        /// True when this tracker runs with a page.
        pub(crate) fn in_page(&self) -> bool {
            let state = self.borrow();
            state.web.is_some() || state.do_not_track
        }

        /// Read the page and stored identity before an event (no borrow held while JS runs).
        pub(crate) fn page_snapshot(&self) -> Option<Snapshot> {
            let storage = self.borrow().web.as_ref().map(|w| w.storage.clone())?;
            Some(Web::read(&storage))
        }

        /// After the events are made and the state released: store the identity, then tell
        /// `onSessionUpdateCallback` about new sessions.
        pub(crate) fn page_written(&self) {
            let (writes, storage, callback) = {
                let mut state = self.borrow_mut();
                let callback = state.on_session_update.clone();
                let Some(web) = state.web.as_mut() else { return };
                (web.take_writes(), web.storage.clone(), callback)
            };
            if let Some(id) = &writes.id {
                storage.write(id);
            }
            if writes.page_view {
                self.activity_page_view();
            }
            if let Some(f) = callback {
                for session in writes.sessions {
                    report_session(&f, &session);
                }
            }
        }

        /// Anonymous tracking switched (`anonymous.on` false: off). On, a new page view id
        /// unless the session is kept; off again, the session starts as at page load (a new
        /// user id if none is stored).
        pub(crate) fn set_anonymous(&self, anonymous: snowplow_core::web::session::Anonymous) {
            let Some(storage) = self.borrow().web.as_ref().map(|w| w.storage.clone()) else { return };
            let session = (!anonymous.on).then(|| crate::web::state::begin(&storage, anonymous));
            let sinks = {
                let mut state = self.borrow_mut();
                let Some(web) = state.web.as_mut() else { return };
                web.page_view.follow_anonymous(anonymous);
                match session {
                    Some(s) => web.session = s,
                    None => web.session.anonymous = anonymous,
                }
                state.sinks.clone()
            };
            // With no borrow held: an emitter dropping its renew timer calls into JS.
            let memory_queue = !storage.cfg.strategy.stores_queue();
            sinks.iter().for_each(|s| s.follow_tracker(anonymous.server, memory_queue));
        }

        /// Events sp.js left unsent under this tracker's namespace (its tracker id): handed to
        /// the emitters, and removed from sp.js's queue only once they are safe (see
        /// `web::sp_queue`), so moving from sp.js loses none.
        pub(crate) fn adopt_sp_queue(&self) {
            let (namespace, sinks) = {
                let state = self.borrow();
                if state.web.is_none() {
                    return;
                }
                (state.config.namespace.clone(), state.sinks.clone())
            };
            if let Some(namespace) = namespace {
                crate::web::sp_queue::adopt(&namespace, sinks.into());
            }
        }

        /// `clearUserData`: the stored identity removed; the session and user forgotten
        /// unless preserved.
        pub(crate) fn clear_user_data(&self, preserve_session: bool, preserve_user: bool) {
            let Some(storage) = self.borrow().web.as_ref().map(|w| w.storage.clone()) else { return };
            storage.clear();
            let mut state = self.borrow_mut();
            if !preserve_user {
                if let Some(subject) = &state.subject {
                    subject.borrow_mut().set(snowplow_core::Field::UserId, None);
                }
            }
            if let Some(web) = state.web.as_mut() {
                web.session.clear(preserve_session, preserve_user, &mut crate::platform::env::new_uuid);
            }
        }

        /// `newSession()`: a new session now (stored, and reported to `onSessionUpdateCallback`).
        pub(crate) fn renew_session(&self) {
            let Some(storage) = self.borrow().web.as_ref().map(|w| w.storage.clone()) else { return };
            let stored = storage.read();
            let renewed = {
                let mut state = self.borrow_mut();
                let Some(web) = state.web.as_mut() else { return };
                web.session.renew(stored.id.as_deref(), crate::platform::env::now_ms(), &mut crate::platform::env::new_uuid)
            };
            if let Some((id, session)) = renewed {
                storage.write(&id);
                let callback = self.borrow().on_session_update.clone();
                if let Some(f) = callback {
                    report_session(&f, &session);
                }
            }
        }
    }
}

impl JsTracker {
    /// Either `enableActivityTracking` variant; outside the browser build only the options are
    /// checked.
    fn enable_activity(&self, method: &str, message: &str, with_callback: bool) -> JsResult<()> {
        let (_times, _callback) = activity_options(method, message, with_callback)?;
        #[cfg(feature = "web")]
        self.state.enable_activity(_times, _callback.map(|t| std::rc::Rc::new(Hold::keep(t.hold))), with_callback)?;
        Ok(())
    }

    /// Set one of the page overrides (a string, or `null` to go back to the page's own).
    /// `resolve`: a relative URL is taken against the page's URL, as sp.js does.
    fn set_override(
        &self,
        method: &str,
        message: &str,
        _field: fn(&mut PageOverrides) -> &mut Option<String>,
        _resolve: bool,
    ) -> JsResult<()> {
        let _v = text(method, message)?;
        #[cfg(feature = "web")]
        {
            let v = if _resolve { _v.map(|u| crate::web::io::resolve_url(&u)) } else { _v };
            if let Some(web) = self.state.borrow_mut().web.as_mut() {
                *_field(&mut web.overrides) = v;
            }
        }
        Ok(())
    }
}

impl JsTracker {
    /// Set the user id (`uid`) on the tracker's subject, creating one if it has none; `null`
    /// clears it. A per-event subject's user id still wins.
    pub(crate) fn set_user_id(&self, message: &str) -> JsResult<()> {
        let v = text("setUserId", message)?;
        let mut state = self.state.borrow_mut();
        let subject = state.subject.get_or_insert_with(Default::default);
        subject.borrow_mut().set(snowplow_core::Field::UserId, v);
        Ok(())
    }

    /// In a page: report this URL (`url`; a relative one is taken against the page's URL)
    /// instead of the page's own; `null` goes back to it. An event's own `pageUrl` still wins.
    pub(crate) fn set_custom_url(&self, message: &str) -> JsResult<()> {
        self.set_override("setCustomUrl", message, |o| &mut o.url, true)
    }

    /// In a page: report this referrer (`refr`) instead of the page's own; `null` goes back to it.
    pub(crate) fn set_referrer_url(&self, message: &str) -> JsResult<()> {
        self.set_override("setReferrerUrl", message, |o| &mut o.referrer, false)
    }

    /// In a page: report this title (`page`) instead of `document.title`; `null` goes back to it.
    pub(crate) fn set_document_title(&self, message: &str) -> JsResult<()> {
        self.set_override("setDocumentTitle", message, |o| &mut o.title, false)
    }

    /// In a page: stop identifying the user (no `duid`, `uid` or cookies; with
    /// `withSessionTracking`, the session is kept; with `withServerAnonymisation`, the
    /// tracker's emitters send `SP-Anonymous: *`). `options` as `anonymousTracking`; none: `true`.
    pub(crate) fn enable_anonymous_tracking(&self, message: &str) -> JsResult<()> {
        let _anonymous = match message::first(message, "Tracker", "enableAnonymousTracking")? {
            Got::Absent => Anonymous { on: true, ..Anonymous::default() },
            got => WebOptions::anonymous(got),
        };
        #[cfg(feature = "web")]
        self.state.set_anonymous(_anonymous);
        Ok(())
    }

    /// In a page: identify the user again (the stored user id, or a new one).
    pub(crate) fn disable_anonymous_tracking(&self) -> JsResult<()> {
        #[cfg(feature = "web")]
        self.state.set_anonymous(Default::default());
        Ok(())
    }

    /// In a page: remove the stored user and session (cookies and localStorage) and the
    /// tracker subject's user id; the next event starts a new user and session, unless
    /// `preserveUser` / `preserveSession`.
    pub(crate) fn clear_user_data(&self, message: &str) -> JsResult<()> {
        let mut o = message::first(message, "Tracker", "clearUserData")?.bag();
        let (_session, _user) = (o.bool("preserveSession").unwrap_or(false), o.bool("preserveUser").unwrap_or(false));
        #[cfg(feature = "web")]
        self.state.clear_user_data(_session, _user);
        Ok(())
    }

    /// In a page: start a new session now (`vid` + 1, the previous session remembered), stored
    /// and reported to `onSessionUpdateCallback`. Elsewhere it does nothing.
    pub(crate) fn new_session(&self) -> JsResult<()> {
        #[cfg(feature = "web")]
        self.state.renew_session();
        Ok(())
    }
}

impl JsTracker {
    /// In a page (elsewhere it checks its options and does nothing): send page pings while the
    /// user is active: the first check `minimumVisitLength` seconds after the next page view,
    /// then one every `heartbeatDelay` seconds; each pings only if the user was active (mouse,
    /// keys, scroll, touch, the page shown) since the page view or the last check, with the
    /// scroll range since the last ping.
    pub(crate) fn enable_activity_tracking(&self, message: &str) -> JsResult<()> {
        self.enable_activity("enableActivityTracking", message, false)
    }

    /// As `enableActivityTracking`, but each ping calls `callback({ pageViewId, minXOffset,
    /// maxXOffset, minYOffset, maxYOffset, context })`; both variants may be on at once.
    pub(crate) fn enable_activity_tracking_callback(&self, message: &str) -> JsResult<()> {
        self.enable_activity("enableActivityTrackingCallback", message, true)
    }

    /// Stop the page pings of `enableActivityTracking`.
    pub(crate) fn disable_activity_tracking(&self) -> JsResult<()> {
        #[cfg(feature = "web")]
        self.state.disable_activity(false);
        Ok(())
    }

    /// Stop the callback of `enableActivityTrackingCallback`.
    pub(crate) fn disable_activity_tracking_callback(&self) -> JsResult<()> {
        #[cfg(feature = "web")]
        self.state.disable_activity(true);
        Ok(())
    }

    /// Count the user as active now (for activity the page sees and the tracker does not).
    pub(crate) fn update_page_activity(&self) -> JsResult<()> {
        #[cfg(feature = "web")]
        self.state.note_activity();
        Ok(())
    }
}
