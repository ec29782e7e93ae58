//! The outbox's support for pages and stores: each request's record, the journal a stored
//! queue follows, giving up where timers die, the keepalive budget at exit, offline sends.

use super::tests::{cfg, ev};
use super::*;
use crate::emitter::{Counts, FailInfo, Reason};

#[test]
fn giving_up_a_flush_reports_its_buffered_events_as_timeout() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_events(true);
    for i in 0..3 {
        o.input(ev(i));
    }
    o.flush();
    let r = o.next_request(0).unwrap();
    let first = o.finish(r.id, Outcome::Status(503), Some(30_000), 0, 0.5);
    assert!(first[0].info.unwrap().will_retry);
    let waiter = o.add_waiter();
    o.input(ev(9)); // after the waiter: not given up
    let reports = o.give_up(waiter, &|_| false);
    let last = reports.last().unwrap();
    assert_eq!(last.info, Some(FailInfo { status: 0, reason: Reason::Timeout, will_retry: false }));
    assert_eq!(last.unsent.len(), 3);
    assert_eq!(o.counts(waiter), Some(Counts { sent: 0, failed: 3, pending: 0 }));
    assert_eq!(o.buffered(), 1);
    assert!(o.give_up(waiter, &|_| false).is_empty(), "nothing twice");
}

#[test]
fn giving_up_reports_stored_events_apart_as_retried_later() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_events(true);
    for i in 0..4 {
        o.input(ev(i));
    }
    let waiter = o.add_waiter();
    let kept_id = ev(1).get(crate::key::EID).unwrap().to_owned();
    let reports = o.give_up(waiter, &|eid| eid == kept_id);
    let infos: Vec<_> = reports.iter().map(|r| (r.info.unwrap().will_retry, r.unsent.len())).collect();
    assert_eq!(infos, [(false, 3), (true, 1)]);
    assert!(reports.iter().all(|r| r.info.unwrap().reason == Reason::Timeout));
    assert_eq!(o.counts(waiter), Some(Counts { sent: 0, failed: 3, pending: 1 }), "a kept event is not failed");
    assert_eq!(o.buffered(), 0);
}

#[test]
fn each_request_reports_what_it_did() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_attempts(true);
    o.input(ev(0));
    o.input(ev(1));
    o.flush();
    let r = o.next_request(0).unwrap();
    let bytes = r.body.as_ref().unwrap().len();
    o.finish(r.id, Outcome::Status(500), None, 0, 0.0);
    let a = o.take_attempts();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].status, a[0].reason, a[0].post, a[0].bytes, a[0].attempt, a[0].will_retry),
        (500, Some(Reason::Http), true, bytes, 1, true)
    );
    assert_eq!(a[0].events.len(), 2);
    assert!(o.take_attempts().is_empty());
    o.retry_now();
    let r = o.next_request(10_000).unwrap();
    o.finish(r.id, Outcome::Status(200), None, 10_000, 0.0);
    let a = o.take_attempts();
    assert_eq!((a[0].status, a[0].reason, a[0].attempt, a[0].will_retry), (200, None, 2, false));
}

#[test]
fn the_journal_follows_each_event_and_stored_events_keep_their_attempts() {
    let mut c = cfg(Method::Post);
    c.retry.max_retries = Some(2);
    let mut o = Outbox::new(c);
    o.keep_journal(true);
    o.input(ev(0));
    o.input_stored(vec![(ev(1), 2, 5000)]);
    assert_eq!(o.retry_due(), Some(5000), "a stored backoff holds");
    assert!(o.next_request(4999).is_none());
    let r = o.next_request(5000).unwrap();
    assert_eq!(r.events, 1, "the stored event goes alone: event 0 waits for its own flush");
    o.finish(r.id, Outcome::Status(500), None, 5000, 0.0);
    let eid = |i: usize| format!("00000000-0000-4000-8000-{i:012}");
    // Event 1 was on its third send with maxRetries 2: dropped.
    assert_eq!(o.take_journal(), vec![Change::Settled(eid(1))]);
    o.retry_now();
    let r = o.next_request(5000).unwrap();
    o.finish(r.id, Outcome::Status(500), None, 5000, 0.0);
    // Event 0 (first send) is retried.
    let due = o.retry_due().unwrap();
    assert_eq!(o.take_journal(), vec![Change::Retry { eid: eid(0), attempts: 1, not_before_ms: due }]);
    o.retry_now();
    let r = o.next_request(due).unwrap();
    o.finish(r.id, Outcome::Status(200), None, due, 0.0);
    assert_eq!(o.take_journal(), vec![Change::Settled(eid(0))]);
}

#[test]
fn stored_events_go_ahead_of_unflushed_ones_without_flushing_them() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.input(ev(0));
    o.flush(); // a round of this emitter's, flushed before the claim
    o.input(ev(1)); // not flushed
    o.input_stored(vec![(ev(7), 0, 0), (ev(8), 1, 0)]);
    let eids = |r: &Request| r.body.as_deref().map_or(0, |b| b.matches("\"eid\"").count());
    let first = o.next_request(0).unwrap();
    assert_eq!((first.events, eids(&first)), (1, 1), "the flushed round first, alone");
    o.finish(first.id, Outcome::Status(200), None, 0, 0.0);
    let stored = o.next_request(0).unwrap();
    assert_eq!(stored.events, 2, "both stored events in one request");
    assert!(stored.body.as_deref().is_some_and(|b| b.contains("000000000007") && b.contains("000000000008")));
    o.finish(stored.id, Outcome::Status(200), None, 0, 0.0);
    assert!(o.next_request(0).is_none(), "event 1 still waits for its flush");
    assert_eq!(o.buffered(), 1);
}

#[test]
fn at_page_exit_requests_fit_the_keepalive_budget() {
    let mut o = Outbox::new(cfg(Method::Post));
    for i in 0..40 {
        o.input(ev(i));
    }
    o.flush();
    let busy = o.next_request(0).unwrap(); // one request in flight: the limit would stop the rest
    o.set_exit_budget(Some(2000));
    let mut sent = 0;
    let mut bytes = 0;
    while let Some(r) = o.next_request(0) {
        assert!(r.keepalive);
        bytes += r.body.as_ref().unwrap().len();
        sent += r.events;
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    }
    assert!(bytes <= 2000, "{bytes} bytes within the budget");
    assert!(sent > 0 && sent < 40, "{sent} sent, the rest stays");
    o.set_exit_budget(None);
    o.finish(busy.id, Outcome::Status(200), None, 0, 0.0);
    sent += busy.events;
    let mut rest = 0;
    while let Some(r) = o.next_request(0) {
        assert!(!r.keepalive);
        rest += r.events;
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    }
    assert_eq!(rest, 40 - sent, "the rest goes once the page lives on");
}

#[test]
fn offline_failures_are_no_attempts() {
    let mut c = cfg(Method::Post);
    c.retry.max_retries = Some(0);
    let mut o = Outbox::new(c);
    o.input(ev(0));
    o.flush();
    for _ in 0..5 {
        let r = o.next_request(0).unwrap();
        o.unsend(r.id);
        assert_eq!(o.retry_due(), None, "no backoff");
    }
    let r = o.next_request(0).unwrap();
    let reports = o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    assert_eq!(reports[0].sent_count, 1, "maxRetries 0 was not used up while offline");
}

#[test]
fn leaving_hands_buffered_events_to_the_store_and_keeps_what_is_in_flight() {
    let mut o = Outbox::new(cfg(Method::Post));
    for i in 0..3 {
        o.input(ev(i));
    }
    o.flush();
    let r = o.next_request(0).unwrap();
    for i in 3..5 {
        o.input(ev(i));
    }
    let held = o.held_bytes();
    assert!(o.hand_off(|_| false).is_empty(), "the round in flight is not over");
    assert_eq!((o.buffered(), o.in_flight()), (0, 1));
    assert!(o.held_bytes() < held);
    assert!(!o.contains_eid(ev(4).get(crate::key::EID).unwrap()) && o.contains_eid(ev(0).get(crate::key::EID).unwrap()));
    assert_eq!(o.finish(r.id, Outcome::Status(200), None, 0, 0.0).len(), 1, "its answer still settles it");
    assert!(o.next_request(0).is_none() && o.is_idle());
}

#[test]
fn a_request_in_flight_when_the_page_was_left_is_not_retried_if_it_fails() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_journal(true);
    for i in 0..3 {
        o.input(ev(i));
    }
    o.flush();
    let r = o.next_request(0).unwrap();
    o.hand_off(|_| false);
    // Back from the back/forward cache, the answer arrives: a failure is not retried here.
    assert!(o.finish(r.id, Outcome::Status(503), None, 10, 0.5).is_empty(), "no report");
    assert!(o.take_journal().is_empty(), "the store keeps them for the next page");
    assert!(o.is_idle() && o.retry_due().is_none() && o.held_bytes() == 0);
    // One that succeeds is settled as usual.
    o.input(ev(7));
    o.flush();
    let r = o.next_request(20).unwrap();
    o.hand_off(|_| false);
    o.finish(r.id, Outcome::Status(200), None, 30, 0.0);
    assert_eq!(o.take_journal(), vec![Change::Settled(ev(7).get(crate::key::EID).unwrap().to_owned())]);
}

#[test]
fn leaving_keeps_in_memory_what_the_store_refused_and_retries_it_if_in_flight() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_journal(true);
    let eid = |i| ev(i).get(crate::key::EID).unwrap().to_owned();
    for i in 0..2 {
        o.input(ev(i));
    }
    o.flush();
    let r = o.next_request(0).unwrap();
    for i in 2..5 {
        o.input(ev(i));
    }
    // Storage was full for events 1 and 3: they are nowhere else.
    let unstored = [eid(1), eid(3)];
    o.hand_off(|e| unstored.iter().any(|u| u == e));
    assert_eq!(o.buffered(), 1, "event 3 stays, 2 and 4 are the store's");
    assert!(o.contains_eid(&eid(3)) && !o.contains_eid(&eid(2)));
    // The request carrying event 1 fails: it is retried, not handed to the next page.
    let reports = o.finish(r.id, Outcome::Status(503), None, 10, 0.5);
    assert!(o.contains_eid(&eid(1)), "kept for a retry");
    assert!(reports.is_empty() || reports.iter().all(|r| r.info.is_some_and(|i| i.will_retry)));
}

#[test]
fn a_hidden_page_sends_keepalive_within_the_room_it_has() {
    let mut o = Outbox::new(cfg(Method::Post));
    for i in 0..40 {
        o.input(ev(i));
    }
    o.flush();
    // Hidden with 1500 bytes of keepalive room: requests in flight stay within it.
    o.while_hidden(true, 1500);
    let mut in_flight = Vec::new();
    while let Some(r) = o.next_request(0) {
        assert!(r.keepalive);
        in_flight.push(r);
    }
    let bytes: usize = in_flight.iter().map(|r| r.body.as_ref().map_or(0, String::len)).sum();
    let sent: usize = in_flight.iter().map(|r| r.events).sum();
    assert!(bytes <= 1500 && sent > 0 && sent < 40, "{sent} events in {bytes} bytes");
    // Shown again: the rest goes as usual.
    o.while_hidden(false, 0);
    for r in in_flight {
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    }
    let mut rest = 0;
    while let Some(r) = o.next_request(0) {
        assert!(!r.keepalive);
        rest += r.events;
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    }
    assert_eq!(rest + sent, 40);
}
