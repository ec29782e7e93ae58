//! `_sp_id` values as sp.js 4.10.1 wrote them (recorded from its dist), read and written back.

use super::*;

fn memory() -> Remembered {
    Remembered { duid: "mem-duid".into(), session_id: "mem-sid".into(), visits: 1 }
}

fn fresh() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("uuid{n}")
    }
}

const FIRST_VISIT: &str = "c54e466a-28b6-4826-b3fb-af65269b9dd1.1795844396.1.1795844396..d9ee8acc-7da2-4c5c-8f26-49cad78e1fd0....0";
const AFTER_EVENT: &str = "c54e466a-28b6-4826-b3fb-af65269b9dd1.1795844396.1.1795844396..d9ee8acc-7da2-4c5c-8f26-49cad78e1fd0..96dcb461-0bab-4d2b-bf87-ccacef2b8a96.1795844396400.1";

#[test]
fn sp_js_values_read_and_write_back_byte_for_byte() {
    for value in [FIRST_VISIT, AFTER_EVENT, "legacyduid.1600000000.5.1795844406.1795844406.new.old.first.1795844405931.1"] {
        let id = IdCookie::parse(Some(value), &memory(), 0, &mut fresh());
        assert!(id.stored);
        assert_eq!(id.serialize(false), value);
    }
    let id = IdCookie::parse(Some(AFTER_EVENT), &memory(), 0, &mut fresh());
    assert_eq!((id.visits, id.event_index, id.first_event_ms, id.last_visit_s), (1, 1, Some(1_795_844_396_400), None));
    assert_eq!(id.first_event_id, "96dcb461-0bab-4d2b-bf87-ccacef2b8a96");
}

#[test]
fn anonymous_values_hide_the_user_and_previous_session() {
    let id = IdCookie::parse(Some("duid.1600000000.3.1795844415.1600000100.sessA.prev.evA.1600000000000.8"), &memory(), 0, &mut fresh());
    assert_eq!(id.serialize(true), ".1600000000.3.1795844415.1600000100.sessA..evA.1600000000000.8");
}

#[test]
fn nothing_stored_is_made_from_memory() {
    let id = IdCookie::parse(None, &memory(), 1_795_844_396_499, &mut fresh());
    assert!(!id.stored);
    assert_eq!((id.duid.as_str(), id.session_id.as_str(), id.visits, id.created_s), ("mem-duid", "mem-sid", 1, 1_795_844_396));
    assert!(!IdCookie::parse(Some(""), &memory(), 0, &mut fresh()).stored);
}

#[test]
fn short_damaged_and_longer_values_as_sp_js_reads_them() {
    // A v2-era cookie: the missing session id gets a new one.
    let id = IdCookie::parse(Some("legacyduid.1600000000.3.1600000500.1600000100"), &memory(), 0, &mut fresh());
    assert_eq!((id.session_id.as_str(), id.visits, id.last_visit_s, id.event_index), ("uuid1", 3, Some(1_600_000_100), 0));
    // "undefined" fields and parseInt's leading digits.
    let id =
        IdCookie::parse(Some("d.12abc.x.5.undefined.undefined.undefined.undefined.undefined.undefined"), &memory(), 9_000, &mut fresh());
    assert_eq!((id.created_s, id.visits, id.now_s, id.last_visit_s, id.session_id.as_str(), id.event_index), (12, 1, 5, None, "uuid1", 0));
    // Fields past the tenth are dropped on the next write.
    let id = IdCookie::parse(Some(&[AFTER_EVENT, ".extra.more"].concat()), &memory(), 0, &mut fresh());
    assert_eq!(id.serialize(false), AFTER_EVENT);
}

#[test]
fn parse_int_and_rounding_follow_javascript() {
    assert_eq!(parse_int(" 42px"), Some(42));
    assert_eq!(parse_int("-7"), Some(-7));
    assert_eq!(parse_int("x1"), None);
    assert_eq!(parse_int("0x10"), Some(16));
    assert_eq!(parse_int(""), None);
    assert_eq!(seconds(1_795_844_396_499), 1_795_844_396);
    assert_eq!(seconds(1_795_844_396_500), 1_795_844_397);
}

#[test]
fn a_new_session_from_a_stored_cookie_counts_a_visit_and_remembers_the_last() {
    let mut id = IdCookie::parse(Some(AFTER_EVENT), &memory(), 0, &mut fresh());
    id.start_session(99, "next".into());
    assert_eq!(
        id.serialize(false),
        "c54e466a-28b6-4826-b3fb-af65269b9dd1.1795844396.2.1795844396.1795844396.next.d9ee8acc-7da2-4c5c-8f26-49cad78e1fd0...0"
    );
    let mut mem = IdCookie::parse(None, &memory(), 0, &mut fresh());
    mem.start_session(4, "next".into());
    assert_eq!((mem.visits, mem.previous_session_id.as_str()), (4, ""), "from memory: the remembered count");
}
