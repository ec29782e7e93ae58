//! One tracker's web state in a page: its session, page view id and page overrides, and per
//! event the page's fields and identity. The page is read before the tracker's state is
//! borrowed and written after it is released ([`Web::read`], [`Web::take_writes`]), so a page that
//! hooks `document.cookie` and tracks from the hook finds no borrow held.

use std::rc::Rc;

use snowplow_core::constants::SCHEMA_CLIENT_SESSION;
use snowplow_core::events::SelfDescribingJson;
use snowplow_core::opts::{Read, Taken};
use snowplow_core::web::page::{web_page, PageFields, PageOverrides, PageView, Referrer};
use snowplow_core::web::session::{Anonymous, Session};
use snowplow_core::web::{PageAdditions, PageSource};
use snowplow_core::Field;

use super::io::{do_not_track, read_page, Storage, Stored};
use super::options;
use crate::boundary::errors::JsResult;
use crate::platform::env::{has_document, new_uuid, now_ms};

/// Start a session as a tracker does at page load (a new one unless the stored one lives),
/// storing what is to be stored.
pub fn begin(storage: &Storage, anonymous: Anonymous) -> Session {
    let stored = storage.read();
    let cfg = &storage.cfg;
    let timeout_ms = cfg.session_timeout_s.saturating_mul(1000);
    let (session, store) =
        Session::begin(cfg.strategy, anonymous, timeout_ms, stored.id.as_deref(), stored.session_alive, now_ms(), &mut new_uuid);
    if let Some(v) = store {
        storage.write(&v);
    }
    session
}

/// What a page read gives an event.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    stored: Stored,
    fields: PageFields,
    referrer_param: String,
    document_referrer: String,
}

/// What to do once the tracker's state is released: store the id value, report sessions.
#[derive(Debug, Default)]
pub struct Writes {
    /// The `_sp_id` value to store (the session marker is renewed with it).
    pub id: Option<String>,
    /// `client_session` data for `onSessionUpdateCallback`, in order.
    pub sessions: Vec<String>,
    /// A page view was tracked (activity tracking restarts its clock).
    pub page_view: bool,
}

/// A tracker's web state.
pub struct Web {
    /// Where identity is stored.
    pub storage: Rc<Storage>,
    /// The session rules' state.
    pub session: Session,
    /// The page view id.
    pub page_view: PageView,
    /// `setCustomUrl`, `setReferrerUrl`, `setDocumentTitle`.
    pub overrides: PageOverrides,
    now: Snapshot,
    referrer: Referrer,
    writes: Writes,
}

impl Web {
    /// The web state of a tracker starting now in this page (a new session unless the stored
    /// one lives); what to store is stored at once.
    pub fn start(storage: Storage) -> Web {
        let session = begin(&storage, storage.cfg.anonymous);
        let storage = Rc::new(storage);
        Web {
            storage,
            session,
            page_view: PageView::default(),
            overrides: PageOverrides::default(),
            now: Snapshot::default(),
            referrer: Referrer::new(read_page().0.url),
            writes: Writes::default(),
        }
    }

    /// Read the page and the stored identity (no tracker state borrowed).
    pub fn read(storage: &Storage) -> Snapshot {
        let (fields, referrer_param, document_referrer) = read_page();
        Snapshot { stored: storage.read(), fields, referrer_param, document_referrer }
    }

    /// Use `snapshot` for the events about to be made.
    pub fn set_snapshot(&mut self, mut snapshot: Snapshot) {
        let f = &mut snapshot.fields;
        f.referrer = self.referrer.for_event(&f.url, &snapshot.referrer_param, &snapshot.document_referrer);
        self.now = snapshot;
    }

    /// What to store and report now that the events are made.
    pub fn take_writes(&mut self) -> Writes {
        std::mem::take(&mut self.writes)
    }
}

impl PageSource for Web {
    fn additions(&mut self, eid: &str, page_view: bool, time_ms: i64) -> PageAdditions {
        let stored = &self.now.stored;
        let id = self.session.on_event(stored.id.as_deref(), stored.session_alive, eid, time_ms, now_ms(), &mut new_uuid);
        if let Some(v) = &id.store {
            self.now.stored = Stored { id: Some(v.clone()), session_alive: true };
            self.writes.id = Some(v.clone());
        }
        let cfg = &self.storage.cfg;
        let mut contexts: Vec<SelfDescribingJson> = Vec::new();
        self.writes.page_view |= page_view;
        let page_view_id = self.page_view.id_for(page_view, &mut new_uuid);
        if cfg.web_page {
            contexts.push(web_page(page_view_id));
        }
        if let Some(cs) = id.client_session {
            if id.session_update {
                self.writes.sessions.push(cs.clone());
            }
            if cfg.session {
                contexts.push(SelfDescribingJson::raw(SCHEMA_CLIENT_SESSION, cs));
            }
        }
        let mut subject = self.now.fields.subject();
        subject.set(Field::DomainUserId, id.duid);
        subject.set(Field::DomainSessionId, id.sid);
        subject.set(Field::DomainSessionIndex, id.vid.map(snowplow_core::int_text));
        PageAdditions {
            contexts,
            subject,
            page: Some((self.now.fields.clone(), self.overrides.clone())),
            anonymous: self.session.anonymous.on,
        }
    }
}

/// A tracker's web state, when it runs in a page (its options are checked everywhere).
pub fn start(o: &mut Read, callback: Option<Taken>) -> JsResult<Started> {
    let settings = options::read(o, callback)?;
    if !has_document() {
        return Ok(Started { web: None, on_session_update: None, do_not_track: false });
    }
    // Do Not Track honoured: nothing stored, nothing sent.
    if settings.config.respect_dnt && do_not_track() {
        return Ok(Started { web: None, on_session_update: None, do_not_track: true });
    }
    Ok(Started { web: Some(Web::start(Storage::new(settings.config))), on_session_update: settings.on_session_update, do_not_track: false })
}

/// A tracker's web start.
pub struct Started {
    /// Its web state, in a page.
    pub web: Option<Web>,
    /// `onSessionUpdateCallback`.
    pub on_session_update: Option<std::rc::Rc<crate::boundary::hold::Hold>>,
    /// `respectDoNotTrack` and the browser asks not to be tracked: every event is dropped.
    pub do_not_track: bool,
}
