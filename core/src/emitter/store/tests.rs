//! The stored queue's rules: encoding, claims, release, a dead tab's claim expiring, settling,
//! and capacity.

use super::*;

/// Tab `tab` claiming, with no worker heartbeats in the store.
pub(super) fn by(tab: u64, predecessor: Option<u64>, now_ms: i64, lease_ms: i64) -> Claimant<'static> {
    Claimant { tab, predecessor, now_ms, lease_ms, beats: &[] }
}

pub(super) fn stored(i: u32) -> Stored {
    Stored {
        eid: format!("00000000-0000-4000-8000-{i:012}"),
        event: format!("{{\"e\":\"pv\",\"url\":\"u{i}\"}}"),
        attempts: 0,
        not_before_ms: 0,
        claim: None,
    }
}

#[test]
fn entries_round_trip_and_other_versions_are_left_alone() {
    let mut s = stored(1);
    s.attempts = 3;
    s.not_before_ms = 1_700_000_000_123;
    s.claim = Some(Claim { tab: 42, until_ms: 1_700_000_005_000 });
    s.event = "{\"e\":\"se\",\"se_la\":\"a\\nb\"}".into();
    assert_eq!(Stored::decode(&s.eid, &s.encode()), Some(s.clone()));
    let unclaimed = stored(2);
    assert_eq!(Stored::decode(&unclaimed.eid, &unclaimed.encode()), Some(unclaimed));
    assert_eq!(Stored::decode("x", &s.encode().replacen('1', "2", 1)), None, "a later version is not misread");
    for damaged in ["", "1", "1\nx\n0\n0\n0\n{}", "1\n-1\n0\n0\n0\n{}"] {
        assert_eq!(Stored::decode("x", damaged), None, "{damaged:?}");
    }
}

#[test]
fn a_tab_claims_what_nobody_owns_and_never_what_a_live_tab_owns() {
    let mut q: Vec<Stored> = (0..4).map(stored).collect();
    assert_eq!(claim(&mut q, &by(1, None, 1000, 5000)), vec![0, 1, 2, 3]);
    q.push(stored(4));
    assert_eq!(claim(&mut q, &by(2, None, 2000, 5000)), vec![4], "tab 2 gets only the new, unowned event");
    assert!(q[0].sendable_by(1, 2000) && !q[0].sendable_by(2, 2000));
    // Tab 1 renews: its claims move on.
    assert_eq!(claim(&mut q, &by(1, None, 5500, 5000)), vec![0, 1, 2, 3]);
    assert_eq!(q[0].claim, Some(Claim { tab: 1, until_ms: 10_500 }));
}

#[test]
fn a_dead_tabs_claim_expires_and_the_next_tab_takes_its_events() {
    let mut q: Vec<Stored> = (0..3).map(stored).collect();
    claim(&mut q, &by(7, None, 0, 5000));
    assert!(claim(&mut q, &by(8, None, 4999, 5000)).is_empty(), "still owned");
    assert_eq!(claim(&mut q, &by(8, None, 5000, 5000)), vec![0, 1, 2], "the lease lapsed: tab 7 is gone");
    assert!(!q[0].sendable_by(7, 5001));
}

#[test]
fn the_next_page_of_a_tab_takes_its_predecessors_events_at_once_and_only_once() {
    let mut q: Vec<Stored> = (0..3).map(stored).collect();
    claim(&mut q, &by(7, None, 0, 60_000));
    claim(&mut q, &by(9, None, 0, 60_000)); // another live tab: owns nothing yet
                                            // Page 7 reloaded as page 8 without its release being stored.
    assert_eq!(claim(&mut q, &by(8, Some(7), 100, 60_000)), vec![0, 1, 2]);
    // A duplicate of that tab, also naming 7, finds them owned by the live page 8.
    assert!(claim(&mut q, &by(10, Some(7), 200, 60_000)).is_empty());
    assert!(claim(&mut q, &by(9, None, 300, 60_000)).is_empty(), "other tabs still wait for the lease");
}

#[test]
fn release_hands_events_to_the_next_tab_and_backoff_survives() {
    let mut q: Vec<Stored> = (0..2).map(stored).collect();
    claim(&mut q, &by(1, None, 0, 60_000));
    q[1].not_before_ms = 9000;
    q[1].attempts = 2;
    assert_eq!(release(&mut q, 1), vec![0, 1]);
    assert_eq!(claim(&mut q, &by(2, None, 100, 60_000)), vec![0, 1]);
    assert!(q[0].sendable_by(2, 100));
    assert!(!q[1].sendable_by(2, 8999), "the backoff survives a reload");
    assert!(q[1].sendable_by(2, 9000));
    assert_eq!(q[1].attempts, 2, "and so does the attempt count");
}

#[test]
fn settled_events_leave_and_capacity_refuses_new_ones() {
    let mut q: Vec<Stored> = (0..3).map(stored).collect();
    let bounds = StoreBounds { events: 4, bytes: 10_000 };
    assert!(fits(&q, 100, bounds));
    q.push(stored(3));
    assert!(!fits(&q, 1, bounds), "event bound");
    q.retain(|s| s.eid != stored(1).eid); // settled: delivered or refused for good
    assert!(fits(&q, 100, bounds));
    let bytes: usize = q.iter().map(|s| s.event.len()).sum();
    assert!(!fits(&q, 10_001 - bytes, bounds), "byte bound");
    assert!(fits(&q, 10_000 - bytes, bounds));
}

#[test]
fn store_keys() {
    assert_eq!(store_key("https://c.example", None).unwrap(), "snowplow-wasm:https://c.example");
    assert_eq!(store_key("https://c.example", Some("b")).unwrap(), "snowplow-wasm:https://c.example:b");
    assert!(store_key("https://c.example", Some("")).is_err());
}

#[test]
fn event_store_option() {
    use StoreKind::*;
    assert_eq!(event_store(None, IndexedDb), Ok(IndexedDb));
    assert_eq!(event_store(None, Memory), Ok(Memory));
    assert_eq!(event_store(Some("memory"), LocalStorage), Ok(Memory));
    assert_eq!(event_store(Some("localStorage"), Memory), Ok(LocalStorage));
    assert_eq!(event_store(Some("indexedDB"), Memory), Ok(IndexedDb));
    let e = event_store(Some("indexeddb"), Memory).unwrap_err().to_string();
    assert!(e.starts_with("eventStore must be \"memory\", \"localStorage\", \"indexedDB\" or an object"), "{e}");
}

#[test]
fn a_tab_item_names_a_page_only_as_written() {
    use super::tab_page;
    assert_eq!(tab_page(Some("8999999999999999")), Some(8_999_999_999_999_999));
    assert_eq!(tab_page(Some(" 12 ")), Some(12));
    for bad in [None, Some(""), Some("0"), Some("-5"), Some("abc"), Some("1.5")] {
        assert_eq!(tab_page(bad), None, "{bad:?}");
    }
}
