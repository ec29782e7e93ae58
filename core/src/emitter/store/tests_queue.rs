//! Which items are a queue's, a stopped worker's claims, and refused writes tried again.

use super::backlog::{Backlog, Done, Op};
use super::beats::{forgotten, next_check_ms, BEAT_STALE_MS};
use super::names::{beat_name, event_name, item_of, ItemName};
use super::tests::stored;
use super::*;

const K: &str = "snowplow-wasm:https://c.example/com.snowplowanalytics.snowplow/tp2";
const EID: &str = "6f2b5a9e-3c1d-4e8f-9a0b-1c2d3e4f5a6b";

#[test]
fn an_item_is_a_keys_only_by_its_exact_name_never_by_a_prefix() {
    let kb = [K, ":b"].concat();
    // Names as earlier releases wrote them (`<key>:<eid>`) are still their queue's.
    assert_eq!(item_of(K, &[K, ":", EID].concat()), ItemName::Event(EID));
    assert_eq!(event_name(K, EID), [K, ":", EID].concat());
    // The queue of storageKey "b" is not the unkeyed queue's, and the other way round.
    assert_eq!(item_of(K, &event_name(&kb, EID)), ItemName::Other);
    assert_eq!(item_of(&kb, &event_name(&kb, EID)), ItemName::Event(EID));
    assert_eq!(item_of(&kb, &event_name(K, EID)), ItemName::Other);
    // Another collector whose URL starts with this one's.
    assert_eq!(item_of(K, &event_name(&[K, "x"].concat(), EID)), ItemName::Other);
    assert_eq!(item_of(K, &[K, ":"].concat()), ItemName::Other, "no eid");
    assert_eq!(item_of(K, EID), ItemName::Other, "a bare id");
    assert_eq!(item_of(K, ""), ItemName::Other);
}

#[test]
fn heartbeat_items_are_named_apart_from_events() {
    let kb = [K, ":b"].concat();
    assert_eq!(item_of(K, &beat_name(K, 42)), ItemName::Beat(42));
    assert_eq!(item_of(&kb, &beat_name(K, 42)), ItemName::Other);
    assert_eq!(item_of(K, &beat_name(&kb, 42)), ItemName::Other, "storageKey b's worker");
    assert_eq!(item_of(K, &[K, "@alive:x"].concat()), ItemName::Other);
    assert_eq!(Beat::decode(3, &Beat { tab: 3, at_ms: 1_700_000_000_000 }.encode()), Some(Beat { tab: 3, at_ms: 1_700_000_000_000 }));
    assert_eq!(Beat::decode(3, "1\n0"), None);
}

#[test]
fn a_stopped_workers_claims_are_free_within_seconds_and_a_beating_ones_are_not() {
    let mut q: Vec<Stored> = (0..3).map(stored).collect();
    claim(&mut q, &tests::by(7, None, 0, 120_000)); // worker 7 takes them
    let beats = [Beat { tab: 7, at_ms: 1_000 }];
    let at = |now_ms| Claimant { tab: 8, predecessor: None, now_ms, lease_ms: 120_000, beats: &beats };
    assert!(claim(&mut q, &at(1_000 + BEAT_STALE_MS)).is_empty(), "7 beat 5 s ago: alive");
    assert_eq!(next_check_ms(&q, 8, &beats, 3_000), Some(1_000 + BEAT_STALE_MS + 1), "when to look again");
    assert_eq!(next_check_ms(&q, 7, &beats, 3_000), None, "its own claims");
    assert_eq!(claim(&mut q, &at(1_001 + BEAT_STALE_MS)), vec![0, 1, 2], "7 stopped: its claims are free");
    assert_eq!(next_check_ms(&q, 8, &beats, 7_000), None);
    // Pages write no heartbeat: their claims keep the lease.
    let mut p: Vec<Stored> = (0..2).map(stored).collect();
    claim(&mut p, &tests::by(9, None, 0, 120_000));
    assert!(claim(&mut p, &at(60_000)).is_empty());
    assert_eq!(next_check_ms(&p, 8, &beats, 60_000), None);
}

#[test]
fn heartbeats_are_forgotten_after_a_lease() {
    let beats = [Beat { tab: 1, at_ms: 0 }, Beat { tab: 2, at_ms: 50_000 }];
    assert_eq!(forgotten(&beats, 120_001, 120_000), vec![1]);
    assert!(forgotten(&beats, 120_000, 120_000).is_empty());
}

/// A store of `room` items, with what it holds.
struct Store {
    room: usize,
    items: Vec<(String, String)>,
    refuse_removals: bool,
}

impl Store {
    fn io(&mut self) -> impl FnMut(Op) -> Done + '_ {
        move |op| match op {
            Op::Put(name, text) => {
                let at = self.items.iter().position(|(n, _)| n == name);
                if at.is_none() && self.items.len() >= self.room {
                    return Done::No;
                }
                self.items.retain(|(n, _)| n != name);
                self.items.push((name.to_owned(), text.to_owned()));
                Done::Yes
            }
            Op::Remove(_) if self.refuse_removals => Done::No,
            Op::Remove(name) => {
                self.items.retain(|(n, _)| n != name);
                Done::Yes
            }
        }
    }
}

#[test]
fn refused_writes_wait_and_are_written_oldest_first_when_space_frees_with_one_warning() {
    let mut store = Store { room: 2, items: vec![], refuse_removals: false };
    let mut b = Backlog::default();
    let warned: Vec<bool> = (0..5).map(|i| b.put(&format!("e{i}"), "t", &mut store.io())).collect();
    assert_eq!(warned, [false, false, true, false, false], "one warning for the refusals");
    assert_eq!((b.waiting(), b.stored("e1"), b.stored("e2")), (3, true, false));
    assert_eq!(b.text("e3"), Some("t"));
    // A retry rewrites a waiting event: it keeps its place, with the latest text.
    b.put("e2", "t2", &mut store.io());
    assert_eq!(b.waiting(), 3);
    // Space frees up (a removal): the next write stores the oldest first.
    store.room = 10;
    assert!(!b.put("e5", "t", &mut store.io()));
    let names: Vec<&str> = store.items.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["e0", "e1", "e2", "e3", "e4", "e5"]);
    assert_eq!(store.items[2].1, "t2");
    assert_eq!(b.waiting(), 0);
    // Full again: a new refusal streak is warned again.
    store.room = 6;
    assert!(b.put("e6", "t", &mut store.io()));
}

#[test]
fn a_removal_is_always_attempted_and_a_refused_one_tried_again() {
    let mut store = Store { room: 1, items: vec![], refuse_removals: false };
    let mut b = Backlog::default();
    b.put("e0", "t", &mut store.io());
    b.put("e1", "t", &mut store.io()); // refused: full
                                       // e0 delivered: removed although a write was refused since.
    b.remove("e0", &mut store.io());
    assert_eq!(store.items, [("e1".to_owned(), "t".to_owned())], "and the freed room took the waiting write");
    // e1 delivered while removals are refused (storage disabled meanwhile): tried again.
    store.refuse_removals = true;
    b.remove("e1", &mut store.io());
    assert_eq!(store.items.len(), 1);
    store.refuse_removals = false;
    b.pass(&mut store.io());
    assert!(store.items.is_empty());
    // Settled before ever stored: nothing waits.
    let mut full = Store { room: 0, items: vec![], refuse_removals: false };
    b.put("e2", "t", &mut full.io());
    b.remove("e2", &mut full.io());
    assert_eq!(b.waiting(), 0);
}

#[test]
fn an_asynchronous_refusal_waits_with_the_latest_text() {
    let mut b = Backlog::default();
    let mut pending = |_: Op| Done::Pending;
    b.put("e0", "v1", &mut pending);
    b.put("e0", "v2", &mut pending);
    assert!(b.stored("e0"), "under way counts as stored");
    // The store rejects the first write; the second's text is the event's latest.
    assert!(b.refused("e0", true, Some("v2")), "warned");
    assert!(!b.stored("e0"));
    assert_eq!(b.text("e0"), Some("v2"));
    assert!(!b.refused("e0", true, Some("v2")), "not twice, and not queued twice");
    assert_eq!(b.waiting(), 1);
    // Settled meanwhile (no text left): nothing to write again.
    assert!(!b.refused("e9", true, None));
    let mut seen = Vec::new();
    b.pass(&mut |op| {
        seen.push(format!("{op:?}"));
        Done::Yes
    });
    assert_eq!(seen, ["Put(\"e0\", \"v2\")"]);
    // A refused removal is tried on the next pass.
    b.refused("e1", false, None);
    let mut removed = Vec::new();
    b.pass(&mut |op| {
        removed.push(format!("{op:?}"));
        Done::Yes
    });
    assert_eq!(removed, ["Remove(\"e1\")"]);
}
