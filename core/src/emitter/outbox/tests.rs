//! The emitter state machine driven with a fake clock: batching, byte limits, rounds, retries,
//! backoff, Retry-After, 413 halving, capacity, waiters.

use super::*;
use crate::emitter::{Counts, FailInfo, Reason};
use crate::key;

pub(super) fn cfg(method: Method) -> OutboxConfig {
    OutboxConfig {
        method,
        get_url: "http://c/i".into(),
        post_url: "http://c/com.snowplowanalytics.snowplow/tp2".into(),
        buffer_size: method.default_buffer_size(),
        byte_limit: 40_000,
        capacity: 10_000,
        capacity_bytes: usize::MAX,
        max_in_flight: 1,
        max_batch_events: usize::MAX,
        max_event_bytes: usize::MAX,
        retry: RetryPolicy { max_delay_ms: 60_000, ..Default::default() },
    }
}

pub(super) fn ev(i: usize) -> Payload {
    let mut p = Payload::default();
    p.add("e", "se");
    p.add("se_ca", &format!("event {i:04}"));
    p.add(key::EID, &format!("00000000-0000-4000-8000-{i:012}"));
    p
}

fn fill(o: &mut Outbox, n: usize) -> Vec<bool> {
    (0..n)
        .map(|i| match o.input(ev(i)) {
            Input::Buffered { send } => send,
            Input::Refused(..) => panic!("refused {i}"),
        })
        .collect()
}

fn drain(o: &mut Outbox, now: i64) -> Vec<Request> {
    std::iter::from_fn(|| o.next_request(now)).collect()
}

#[test]
fn buffer_size_triggers_a_flush() {
    let mut o = Outbox::new(cfg(Method::Post));
    let flags = fill(&mut o, 9);
    assert!(flags.iter().all(|f| !*f));
    assert!(o.next_request(0).is_none(), "nothing is sent before a flush");
    assert_eq!(fill(&mut o, 1), vec![true], "the 10th event opens a round");
    let r = o.next_request(1).unwrap();
    assert_eq!(r.events, 10);
    assert!(r.body.as_deref().unwrap().contains("\"stm\":\"1\""));
    assert_eq!(o.buffered(), 0);
}

#[test]
fn byte_limit_splits_a_flush_into_few_requests_each_within_the_limit() {
    let mut c = cfg(Method::Post);
    c.byte_limit = 1000;
    c.buffer_size = 1_000_000;
    let mut o = Outbox::new(c);
    let flags = fill(&mut o, 100);
    assert!(flags.iter().any(|f| *f), "reaching the byte limit opens a round");
    o.flush();
    let mut reqs = Vec::new();
    while let Some(r) = o.next_request(1_700_000_000_000) {
        assert!(r.body.as_ref().unwrap().len() <= 1000, "{}", r.body.as_ref().unwrap().len());
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
        reqs.push(r);
    }
    let total: usize = reqs.iter().map(|r| r.body.as_ref().unwrap().len()).sum();
    assert_eq!(reqs.iter().map(|r| r.events).sum::<usize>(), 100);
    assert!(reqs.len() <= total.div_ceil(1000) + 1, "{} requests for {} bytes", reqs.len(), total);
}

#[test]
fn automatic_flushes_by_bytes_fill_exactly_one_request_each() {
    let mut c = cfg(Method::Post);
    c.byte_limit = 1000;
    c.buffer_size = 1_000_000;
    let mut o = Outbox::new(c);
    fill(&mut o, 50);
    o.flush();
    let reqs: Vec<Request> = std::iter::from_fn(|| {
        let r = o.next_request(1_700_000_000_000)?;
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
        Some(r)
    })
    .collect();
    let full = reqs.len() - 1;
    assert!(reqs.iter().take(full).all(|r| r.body.as_ref().unwrap().len() > 1000 - 120), "rounds are full requests");
    assert_eq!(reqs.iter().map(|r| r.events).sum::<usize>(), 50);
}

#[test]
fn one_event_larger_than_the_limit_goes_alone() {
    let mut c = cfg(Method::Post);
    c.byte_limit = 200;
    let mut o = Outbox::new(c);
    let mut big = ev(1);
    big.add("se_la", &"x".repeat(500));
    o.input(ev(0));
    o.input(big);
    o.input(ev(2));
    o.flush();
    let sizes: Vec<usize> = std::iter::from_fn(|| {
        let r = o.next_request(0)?;
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
        Some(r.events)
    })
    .collect();
    assert_eq!(sizes, vec![1, 1, 1]);
}

#[test]
fn get_sends_one_event_per_request_and_too_large_ones_as_post() {
    let mut c = cfg(Method::Get);
    c.byte_limit = 300;
    c.max_in_flight = 10;
    let mut o = Outbox::new(c);
    let mut big = ev(1);
    big.add("se_la", &"é".repeat(200));
    o.input(ev(0));
    o.input(big);
    o.flush();
    let reqs = drain(&mut o, 5);
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].body, None);
    assert!(reqs[0].url.starts_with("http://c/i?e=se&se_ca=event+0000&eid="));
    assert!(reqs[0].url.ends_with("&stm=5"));
    assert_eq!(reqs[1].url, "http://c/com.snowplowanalytics.snowplow/tp2");
    let body = reqs[1].body.as_deref().unwrap();
    assert!(body.contains("\"se_la\":\"éé") && body.contains("\"stm\":\"5\""));
}

#[test]
fn a_round_reports_once_after_all_its_requests() {
    let mut c = cfg(Method::Get);
    c.max_in_flight = 3;
    c.buffer_size = 10;
    let mut o = Outbox::new(c);
    o.keep_events(true);
    fill(&mut o, 3);
    o.flush();
    let reqs = drain(&mut o, 1);
    assert_eq!(reqs.len(), 3);
    assert!(o.next_request(1).is_none(), "in-flight limit");
    assert!(o.finish(reqs[0].id, Outcome::Status(200), None, 2, 0.0).is_empty());
    assert!(o.finish(reqs[1].id, Outcome::Status(204), None, 2, 0.0).is_empty());
    let reports = o.finish(reqs[2].id, Outcome::Status(200), None, 2, 0.0);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].sent.len(), 3);
    assert_eq!(reports[0].info, None);
    assert_eq!(reports[0].sent[0].get("stm"), Some("1"));
    assert!(o.is_idle());
}

#[test]
fn retry_keeps_the_eid_refreshes_stm_and_waits_for_the_backoff() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_events(true);
    o.input(ev(0));
    o.input(ev(1));
    o.flush();
    let r = o.next_request(1000).unwrap();
    let reports = o.finish(r.id, Outcome::Status(500), None, 1000, 0.5);
    assert_eq!(reports.len(), 1);
    let info = reports[0].info.unwrap();
    assert_eq!((info.status, info.reason, info.will_retry), (500, Reason::Http, true));
    assert_eq!(reports[0].unsent.len(), 2);
    assert_eq!(reports[0].sent_count, 0);
    assert_eq!(o.retry_due(), Some(1500), "first delay = jitter");
    o.input(ev(2));
    o.flush();
    assert!(o.next_request(1400).is_none(), "no automatic send during the backoff");
    o.retry_now();
    let again = o.next_request(1600).unwrap();
    assert_eq!(again.events, 3, "failed events first, then newer ones");
    let body = again.body.unwrap();
    let first = body.find("event 0000").unwrap();
    assert!(first < body.find("event 0001").unwrap() && body.find("event 0001").unwrap() < body.find("event 0002").unwrap());
    assert!(body.contains("00000000-0000-4000-8000-000000000000"), "same eid");
    assert!(body.contains("\"stm\":\"1600\"") && !body.contains("\"stm\":\"1000\""));
    let reports = o.finish(again.id, Outcome::Status(200), None, 1700, 0.0);
    assert_eq!(reports[0].sent_count, 3);
    assert_eq!(o.retry_due(), None);
}

#[test]
fn no_flush_ends_a_backoff() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.input(ev(0));
    o.flush();
    let r = o.next_request(0).unwrap();
    o.finish(r.id, Outcome::NetworkError, None, 0, 0.9);
    assert_eq!(o.retry_due(), Some(900));
    o.input(ev(1));
    for _ in 0..3 {
        o.flush();
        assert!(o.next_request(10).is_none(), "a flush during the backoff sends nothing");
    }
    assert_eq!(o.retry_due(), Some(900));
    assert!(o.next_request(899).is_none());
    assert_eq!(o.next_request(900).map(|r| r.events), Some(2), "at the due time, everything goes");
}

#[test]
fn backoff_grows_and_is_capped() {
    let mut c = cfg(Method::Post);
    c.retry.max_delay_ms = 5000;
    let mut o = Outbox::new(c);
    o.input(ev(0));
    o.flush();
    let mut now = 0;
    let mut waits = Vec::new();
    for _ in 0..6 {
        o.retry_now();
        let r = o.next_request(now).unwrap();
        o.finish(r.id, Outcome::Timeout, None, now, 0.5);
        let due = o.retry_due().unwrap();
        waits.push(due - now);
        now = due;
    }
    assert_eq!(waits, vec![500, 1500, 3500, 5000, 5000, 5000]);
}

#[test]
fn non_retry_statuses_and_custom_codes() {
    for (status, custom, retried) in
        [(400, vec![], false), (422, vec![], false), (404, vec![], true), (400, vec![(400, true)], true), (500, vec![(500, false)], false)]
    {
        let mut c = cfg(Method::Post);
        c.retry.custom = custom;
        let mut o = Outbox::new(c);
        o.keep_events(true);
        o.input(ev(0));
        o.flush();
        let r = o.next_request(0).unwrap();
        let reports = o.finish(r.id, Outcome::Status(status), None, 0, 0.0);
        assert_eq!(reports[0].info.unwrap().will_retry, retried, "{status}");
        assert_eq!(o.buffered(), usize::from(retried), "{status}");
    }
}

#[test]
fn max_retries_bounds_the_attempts() {
    let mut c = cfg(Method::Post);
    c.retry.max_retries = Some(1);
    let mut o = Outbox::new(c);
    o.input(ev(0));
    o.flush();
    let r = o.next_request(0).unwrap();
    assert!(o.finish(r.id, Outcome::Status(503), None, 0, 0.0)[0].info.unwrap().will_retry);
    o.retry_now();
    let r = o.next_request(10).unwrap();
    let info = o.finish(r.id, Outcome::Status(503), None, 10, 0.0)[0].info.unwrap();
    assert!(!info.will_retry);
    assert!(o.is_idle());
}

#[test]
fn retry_after_is_respected_within_the_cap() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.input(ev(0));
    o.flush();
    let r = o.next_request(0).unwrap();
    o.finish(r.id, Outcome::Status(429), Some(7000), 0, 0.1);
    assert_eq!(o.retry_due(), Some(7000));
}

#[test]
fn a_413_halves_the_batch_and_drops_a_single_event() {
    let mut o = Outbox::new(cfg(Method::Post));
    o.keep_events(true);
    fill(&mut o, 4);
    o.flush();
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 4);
    assert!(o.finish(r.id, Outcome::Status(413), None, 0, 0.0).is_empty(), "not reported: resent in halves");
    assert_eq!(o.retry_due(), None);
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 2);
    o.finish(r.id, Outcome::Status(413), None, 0, 0.0);
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 1);
    assert!(o.finish(r.id, Outcome::Status(413), None, 0, 0.0).is_empty());
    let r = o.next_request(0).unwrap();
    o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 2, "after a success the batch may grow again");
    let reports = o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    let report = &reports[0];
    assert_eq!(report.sent_count, 3);
    assert_eq!(report.info.map(|i| (i.status, i.reason, i.will_retry)), Some((413, Reason::TooLarge, false)));
    assert_eq!(report.unsent.len(), 1);
}

#[test]
fn capacity_refuses_new_events() {
    let mut c = cfg(Method::Post);
    c.capacity = 3;
    let mut o = Outbox::new(c);
    fill(&mut o, 3);
    assert!(matches!(o.input(ev(9)), Input::Refused(p, Reason::Capacity) if p.get("se_ca") == Some("event 0009")));
    assert_eq!(o.buffered(), 3);
    let mut c = cfg(Method::Post);
    c.max_event_bytes = 100;
    let mut o = Outbox::new(c);
    let mut big = ev(1);
    big.add("se_la", &"x".repeat(100));
    assert!(matches!(o.input(big), Input::Refused(_, Reason::TooLarge)));
    assert!(matches!(o.input(ev(2)), Input::Buffered { .. }));
}

#[test]
fn waiters_count_sent_failed_and_pending() {
    let mut c = cfg(Method::Post);
    c.buffer_size = 100;
    c.byte_limit = 300;
    let mut o = Outbox::new(c);
    fill(&mut o, 3);
    let w = o.add_waiter();
    o.input(ev(7)); // after the waiter: not counted
    o.flush();
    assert_eq!(o.counts(w), Some(Counts { sent: 0, failed: 0, pending: 3 }));
    let r = o.next_request(0).unwrap();
    assert!(o.contains_eid("00000000-0000-4000-8000-000000000000"));
    o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    let r = o.next_request(0).unwrap();
    o.finish(r.id, Outcome::Status(400), None, 0, 0.0);
    let c = o.counts(w).unwrap();
    assert_eq!(c.sent + c.failed + c.pending, 3);
    assert!(c.sent >= 1 && c.failed >= 1);
    while let Some(r) = o.next_request(0) {
        o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    }
    assert_eq!(o.counts(w).unwrap().pending, 0);
    o.remove_waiter(w);
    assert_eq!(o.counts(w), None);
    assert!(!o.contains_eid("00000000-0000-4000-8000-000000000000"));
}

#[test]
fn batch_event_cap_and_watched_outcomes() {
    let mut c = cfg(Method::Post);
    c.max_batch_events = 2;
    c.buffer_size = 100;
    let mut o = Outbox::new(c);
    fill(&mut o, 5);
    let ids: Vec<String> = (0..5).map(|i| format!("00000000-0000-4000-8000-{i:012}")).collect();
    o.watch(&ids);
    o.flush();
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 2);
    assert_eq!(o.request_events(r.id).len(), 2);
    assert_eq!(o.request_events(r.id)[0].get("stm"), Some("0"));
    o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
    let r = o.next_request(0).unwrap();
    o.finish(r.id, Outcome::Status(400), None, 0, 0.0);
    let r = o.next_request(0).unwrap();
    assert_eq!(r.events, 1);
    o.finish(r.id, Outcome::Status(500), None, 0, 0.0);
    let refused = Some(Err(FailInfo { status: 400, reason: Reason::Http, will_retry: false }));
    assert_eq!(o.watched(&ids[3..]), vec![refused, None]);
    assert_eq!(o.watched(&ids), vec![Some(Ok(())), Some(Ok(())), refused, None, None], "a watch ends once read");
}

#[test]
fn a_request_names_its_method() {
    for (method, name, bufsize) in [(Method::Post, "POST", 10), (Method::Get, "GET", 1)] {
        let mut o = Outbox::new(cfg(method));
        fill(&mut o, bufsize);
        let r = o.next_request(1).unwrap();
        assert_eq!((r.method(), r.body.is_some()), (name, method == Method::Post));
    }
}
