//! The session rules with an injected clock: a page load, events, expiry, `newSession`, the
//! in-memory session, anonymous tracking and the `client_session` entity.

use super::*;

const MIN: i64 = 60_000;
const T0: i64 = 1_795_844_396_000;

struct Ids(u32);
impl Ids {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("00000000-0000-4000-8000-{:012}", self.0)
    }
}

/// A page: the stored id and whether the session marker is alive (it lives `timeout` after
/// the last write, as the browser expires it).
struct Page {
    id: Option<String>,
    ses_until: i64,
}

impl Page {
    fn alive(&self, now: i64) -> bool {
        now < self.ses_until
    }
    fn store(&mut self, value: Option<String>, now: i64, timeout: i64) {
        if let Some(v) = value {
            self.id = Some(v);
            self.ses_until = now + timeout;
        }
    }
}

fn load(page: &mut Page, ids: &mut Ids, strategy: Strategy, anonymous: Anonymous, now: i64) -> Session {
    let (s, store) = Session::begin(strategy, anonymous, 30 * MIN, page.id.as_deref(), page.alive(now), now, &mut || ids.next());
    page.store(store, now, 30 * MIN);
    s
}

fn event(s: &mut Session, page: &mut Page, ids: &mut Ids, eid: &str, now: i64) -> Identity {
    let out = s.on_event(page.id.as_deref(), page.alive(now), eid, now, now, &mut || ids.next());
    page.store(out.store.clone(), now, 30 * MIN);
    out
}

#[test]
fn a_first_visit_then_events_then_expiry_then_a_reload() {
    let (mut page, mut ids) = (Page { id: None, ses_until: 0 }, Ids(0));
    let mut s = load(&mut page, &mut ids, Strategy::CookieAndLocalStorage, Anonymous::default(), T0);
    let duid = "00000000-0000-4000-8000-000000000002";
    assert_eq!(page.id.as_deref().unwrap(), format!("{duid}.1795844396.1.1795844396..00000000-0000-4000-8000-000000000003....0"));
    let e1 = event(&mut s, &mut page, &mut ids, "e1", T0 + 400);
    assert_eq!((e1.duid.as_deref(), e1.sid.as_deref(), e1.vid), (Some(duid), Some("00000000-0000-4000-8000-000000000003"), Some(1)));
    assert!(e1.session_update, "the first event of a session reports it");
    assert!(page.id.as_deref().unwrap().ends_with(".e1.1795844396400.1"));
    let e2 = event(&mut s, &mut page, &mut ids, "e2", T0 + MIN);
    assert!(!e2.session_update);
    assert!(page.id.as_deref().unwrap().ends_with(".e1.1795844396400.2"), "index counts, the first event stays");
    // A reload within the session continues it.
    let mut s = load(&mut page, &mut ids, Strategy::CookieAndLocalStorage, Anonymous::default(), T0 + 2 * MIN);
    let e3 = event(&mut s, &mut page, &mut ids, "e3", T0 + 2 * MIN);
    assert_eq!((e3.sid, e3.vid), (e1.sid.clone(), Some(1)));
    assert!(page.id.as_deref().unwrap().ends_with(".e1.1795844396400.3"));
    // 31 minutes idle: the marker expired, a new session with the visit counted.
    let later = T0 + 33 * MIN;
    let e4 = event(&mut s, &mut page, &mut ids, "e4", later);
    assert_eq!(e4.vid, Some(2));
    assert_ne!(e4.sid, e1.sid);
    assert!(e4.session_update);
    let cs = e4.client_session.unwrap();
    assert!(cs.contains(&format!("\"previousSessionId\":\"{}\"", e1.sid.unwrap())), "{cs}");
    assert!(cs.contains("\"eventIndex\":1,\"sessionIndex\":2"), "{cs}");
    assert!(
        cs.ends_with("\"storageMechanism\":\"COOKIE_1\",\"firstEventId\":\"e4\",\"firstEventTimestamp\":\"2026-11-28T06:12:56.000Z\"}"),
        "{cs}"
    );
}

#[test]
fn an_sp_js_cookie_is_continued() {
    let written = "c54e466a-28b6-4826-b3fb-af65269b9dd1.1795844396.4.1795844396.1795800000.d9ee8acc-7da2-4c5c-8f26-49cad78e1fd0.prev.96dcb461-0bab-4d2b-bf87-ccacef2b8a96.1795844396400.7";
    let (mut page, mut ids) = (Page { id: Some(written.into()), ses_until: T0 + 30 * MIN }, Ids(0));
    let mut s = load(&mut page, &mut ids, Strategy::Cookie, Anonymous::default(), T0 + MIN);
    let e = event(&mut s, &mut page, &mut ids, "mine", T0 + MIN);
    assert_eq!(e.duid.as_deref(), Some("c54e466a-28b6-4826-b3fb-af65269b9dd1"));
    assert_eq!((e.sid.as_deref(), e.vid), (Some("d9ee8acc-7da2-4c5c-8f26-49cad78e1fd0"), Some(4)));
    assert!(page.id.as_deref().unwrap().ends_with(".prev.96dcb461-0bab-4d2b-bf87-ccacef2b8a96.1795844396400.8"), "index carried on");
}

#[test]
fn new_session_reports_once_and_counts_a_visit() {
    let (mut page, mut ids) = (Page { id: None, ses_until: 0 }, Ids(0));
    let mut s = load(&mut page, &mut ids, Strategy::LocalStorage, Anonymous::default(), T0);
    let e1 = event(&mut s, &mut page, &mut ids, "e1", T0);
    let (stored, cs) = s.renew(page.id.as_deref(), T0 + 1000, &mut || ids.next()).unwrap();
    page.store(Some(stored), T0 + 1000, 30 * MIN);
    assert!(
        cs.contains("\"eventIndex\":0,\"sessionIndex\":2")
            && cs.contains("\"storageMechanism\":\"LOCAL_STORAGE\",\"firstEventId\":null,\"firstEventTimestamp\":null"),
        "{cs}"
    );
    let e2 = event(&mut s, &mut page, &mut ids, "e2", T0 + 2000);
    assert_ne!(e2.sid, e1.sid);
    assert!(!e2.session_update, "newSession() reported this session already");
    // A later expiry reports again.
    let e3 = event(&mut s, &mut page, &mut ids, "e3", T0 + 40 * MIN);
    assert!(e3.session_update);
}

#[test]
fn nothing_stored_keeps_a_session_in_memory_that_times_out() {
    let (mut page, mut ids) = (Page { id: None, ses_until: 0 }, Ids(0));
    let mut s = load(&mut page, &mut ids, Strategy::None, Anonymous::default(), T0);
    assert!(page.id.is_none(), "nothing written");
    let e1 = event(&mut s, &mut page, &mut ids, "e1", T0 + 1000);
    assert_eq!((e1.duid, e1.vid, e1.store), (None, Some(1), None));
    let e2 = event(&mut s, &mut page, &mut ids, "e2", T0 + 20 * MIN);
    assert_eq!((e2.sid.clone(), e2.vid), (e1.sid.clone(), Some(1)));
    let e3 = event(&mut s, &mut page, &mut ids, "e3", T0 + 51 * MIN);
    assert_eq!(e3.vid, Some(2));
    assert_ne!(e3.sid, e1.sid);
}

#[test]
fn anonymous_tracking() {
    let (mut page, mut ids) = (Page { id: None, ses_until: 0 }, Ids(0));
    let anon = Anonymous { on: true, with_session: false, server: false };
    let mut s = load(&mut page, &mut ids, Strategy::CookieAndLocalStorage, anon, T0);
    assert!(page.id.is_none(), "no cookie written");
    assert_eq!(event(&mut s, &mut page, &mut ids, "e1", T0), Identity::default(), "no duid, sid or vid");
    let with_session = Anonymous { on: true, with_session: true, server: true };
    let mut s = load(&mut page, &mut ids, Strategy::CookieAndLocalStorage, with_session, T0);
    let e = event(&mut s, &mut page, &mut ids, "e2", T0);
    assert_eq!(e.duid, None);
    assert!(e.sid.is_some() && e.vid == Some(1));
    assert!(page.id.as_deref().unwrap().starts_with(".1795844396.1."), "the user id is not stored");
    let cs = e.client_session.unwrap();
    assert!(cs.starts_with("{\"userId\":\"00000000-0000-0000-0000-000000000000\"") && cs.contains("\"previousSessionId\":null"), "{cs}");
}

#[test]
fn clearing_user_data() {
    let (mut page, mut ids) = (Page { id: None, ses_until: 0 }, Ids(0));
    let mut s = load(&mut page, &mut ids, Strategy::Cookie, Anonymous::default(), T0);
    let e1 = event(&mut s, &mut page, &mut ids, "e1", T0);
    s.clear(true, false, &mut || ids.next());
    page = Page { id: None, ses_until: 0 };
    let e2 = event(&mut s, &mut page, &mut ids, "e2", T0 + 1000);
    assert_eq!(e2.sid, e1.sid, "preserveSession");
    assert_ne!(e2.duid, e1.duid, "a new user");
}
