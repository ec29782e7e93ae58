//! Property tests over the core: payload building for every event kind, the encodings,
//! batching, the outbox state machine and the emitter option rules. Each prints its case
//! count (`cargo test -- --show-output`); together they run over 100,000 cases.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use snowplow_core::emitter::{emitter_settings, EmitterOptions, Input, Method, Outbox, OutboxConfig, Outcome, RetryPolicy};
use snowplow_core::events::kinds::*;
use snowplow_core::events::{Common, Event, Field, Kind, SelfDescribingJson, Ty, Val};
use snowplow_core::json_check::is_json;
use snowplow_core::tracker::{Env, TrackerConfig, DEFAULT_MAX_EVENT_BYTES};
use snowplow_core::{base64, urlencode, Num, Payload, Platform};

const KINDS: &[&Kind] = TRACKED;

mod common;
use common::check;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        proptest::collection::vec(prop_oneof![Just('a'), Just('"'), Just('\\'), Just('\n'), Just('\u{1}'), Just('é'), Just('😀')], 0..12)
            .prop_map(String::from_iter),
    ]
}

fn number() -> impl Strategy<Value = Num> {
    prop_oneof![(-1_000_000i64..1_000_000).prop_map(Num::int), (-1e6f64..1e6).prop_map(|v| Num::with_text(v, format!("{v}"))),]
}

/// A value for one field: absent or of the field's JS type (the binding checks types, so
/// that is all the core ever gets).
fn value(ty: Ty, depth: u32) -> BoxedStrategy<Val> {
    let absent = Just(Val::Absent);
    match ty {
        Ty::Num | Ty::ReqNum | Ty::Count | Ty::Int | Ty::ReqInt => prop_oneof![1 => absent, 4 => number().prop_map(Val::Num)].boxed(),
        Ty::Bool => prop_oneof![absent, any::<bool>().prop_map(Val::Bool)].boxed(),
        Ty::List | Ty::Terms => prop_oneof![1 => absent, 4 => proptest::collection::vec(text(), 0..4).prop_map(Val::List)].boxed(),
        Ty::Filters => prop_oneof![
            absent,
            proptest::collection::vec((text(), prop_oneof![text().prop_map(Val::Str), any::<bool>().prop_map(Val::Bool)]), 0..4)
                .prop_map(Val::Pairs)
        ]
        .boxed(),
        Ty::Items(table) if depth < 2 => {
            prop_oneof![1 => absent, 4 => proptest::collection::vec(row(table, depth + 1), 0..3).prop_map(Val::Items)].boxed()
        }
        Ty::Items(_) | Ty::Any => absent.boxed(),
        Ty::SelfDescribing => {
            let schema = prop_oneof![Just("iglu:com.acme/ev/jsonschema/1-0-0".to_owned()), text()];
            let data = prop_oneof![text().prop_map(|t| json_string(&t)), Just("{\"a\":[1,2]}".to_owned())];
            (schema, data).prop_map(|(s, d)| Val::SelfDescribing(Box::new(SelfDescribingJson::raw(s, d)))).boxed()
        }
        Ty::NodeName => prop_oneof![Just(Val::Str("INPUT".into())), text().prop_map(Val::Str)].boxed(),
        Ty::FormType => prop_oneof![absent, Just(Val::Str("Email".into())), text().prop_map(Val::Str)].boxed(),
        Ty::Uuid | Ty::NewUuid => {
            prop_oneof![absent, Just(Val::Str("5d79770b-015b-4af8-8c91-b2ed6faf4b1e".into())), text().prop_map(Val::Str)].boxed()
        }
        _ => prop_oneof![1 => absent, 4 => text().prop_map(Val::Str)].boxed(),
    }
}

fn row(table: &'static [Field], depth: u32) -> BoxedStrategy<Vec<Val>> {
    table.iter().map(|f| value(f.ty, depth)).collect::<Vec<_>>().boxed()
}

fn json_string(s: &str) -> String {
    let mut out = String::new();
    snowplow_core::json::write_str(&mut out, s);
    out
}

struct FixedEnv(u32);

impl Env for FixedEnv {
    fn now_ms(&mut self) -> i64 {
        1_700_000_000_000
    }
    fn uuid(&mut self) -> String {
        self.0 += 1;
        format!("00000000-0000-4000-8000-{:012}", self.0)
    }
}

#[test]
fn payloads_of_every_kind_are_well_formed() {
    let event = (0..KINDS.len()).prop_flat_map(|k| (Just(k), row(KINDS[k].fields, 0), any::<bool>()));
    check("payloads of every event kind", 25_000, event, |(k, vals, b64)| {
        let kind = KINDS[k];
        let config = TrackerConfig {
            namespace: Some("ns".into()),
            app_id: None,
            encode_base64: b64,
            version: "t".into(),
            default_platform: Platform::Web,
            max_event_bytes: DEFAULT_MAX_EVENT_BYTES,
        };
        match config.track(Event { kind, vals }, &Common::default(), None, &mut FixedEnv(0), None) {
            Err(e) => prop_assert!(e.to_string().starts_with(kind.method), "{e}"),
            Ok(payloads) => {
                for p in &payloads {
                    let json = p.to_json();
                    prop_assert!(is_json(&json), "{json}");
                    prop_assert_eq!(p.json_len(), json.len());
                    for key in ["co", "ue_pr"] {
                        prop_assert!(p.get(key).is_none_or(is_json));
                    }
                    for key in ["cx", "ue_px"] {
                        let ok = p
                            .get(key)
                            .is_none_or(|v| base64::decode(v).and_then(|b| String::from_utf8(b).ok()).is_some_and(|t| is_json(&t)));
                        prop_assert!(ok);
                    }
                    let mut query = String::new();
                    p.write_query(&mut query);
                    for (pair, (k, v)) in query.split('&').zip(p.pairs()) {
                        prop_assert_eq!(urlencode::decode(pair.split_once('=').map_or("", |x| x.1)), Some(v.to_owned()), "{}", k);
                    }
                }
            }
        }
        Ok(())
    });
}

#[test]
fn encodings_round_trip() {
    let input = (proptest::collection::vec(any::<u8>(), 0..64), text());
    check("encodings round trip", 30_000, input, |(bytes, s)| {
        prop_assert_eq!(base64::decode(&base64::encode(&bytes)), Some(bytes));
        let mut enc = String::new();
        urlencode::encode_into(&mut enc, &s);
        prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%+".contains(&b)), "{}", enc);
        prop_assert_eq!(urlencode::decode(&enc), Some(s.clone()));
        prop_assert!(is_json(&json_string(&s)));
        Ok(())
    });
}

fn outbox_config(method: Method, byte_limit: usize, max_in_flight: usize) -> OutboxConfig {
    OutboxConfig {
        method,
        get_url: "http://c/i".into(),
        post_url: "http://c/tp2".into(),
        buffer_size: 3,
        byte_limit,
        capacity: 40,
        capacity_bytes: 20_000,
        max_in_flight,
        max_batch_events: usize::MAX,
        max_event_bytes: usize::MAX,
        retry: RetryPolicy { custom: Vec::new(), max_retries: Some(3), max_delay_ms: 5_000 },
    }
}

fn event(i: usize, pad: usize) -> Payload {
    let mut p = Payload::default();
    p.add("e", "se");
    p.add("se_ca", &"x".repeat(pad));
    p.add("eid", &format!("00000000-0000-4000-8000-{i:012}"));
    p
}

/// One step of a random run.
#[derive(Debug, Clone)]
enum Op {
    Input(usize),
    Flush,
    Send,
    Answer(usize, u16, Option<u64>),
    Wait(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..400).prop_map(Op::Input),
        1 => Just(Op::Flush),
        3 => Just(Op::Send),
        3 => (0usize..4, prop_oneof![Just(200u16), Just(500), Just(400), Just(429), Just(413), Just(0)], proptest::option::of(0u64..3000))
            .prop_map(|(i, s, ra)| Op::Answer(i, s, ra)),
        2 => (0i64..2000).prop_map(Op::Wait),
    ]
}

#[test]
fn outbox_loses_nothing_sends_nothing_twice_and_keeps_every_backoff() {
    let run = (any::<bool>(), 400usize..4000, 1usize..4, proptest::collection::vec(op(), 1..60));
    check("outbox state machine (random interleavings)", 20_000, run, |(post, limit, in_flight, ops)| {
        let mut o = Outbox::new(outbox_config(if post { Method::Post } else { Method::Get }, limit, in_flight));
        let (mut now, mut next) = (0i64, 0usize);
        let mut accepted: Vec<String> = Vec::new();
        let mut flying: Vec<(u32, Vec<String>)> = Vec::new();
        let mut delivered: HashMap<String, u32> = HashMap::new();
        // The backoff as the model knows it: set by failures, ended only by its timer firing.
        let mut due: Option<i64> = None;
        let send = |o: &mut Outbox, now: i64, due: Option<i64>, flying: &mut Vec<(u32, Vec<String>)>| -> Result<(), TestCaseError> {
            if let Some(r) = o.next_request(now) {
                prop_assert!(due.is_none_or(|d| d <= now), "sent at {} during a backoff until {:?}", now, due);
                let eids: Vec<String> = o.request_events(r.id).iter().map(|p| p.get("eid").unwrap_or_default().to_owned()).collect();
                let in_air: HashSet<&String> = flying.iter().flat_map(|(_, e)| e).collect();
                prop_assert!(eids.iter().all(|e| !in_air.contains(e)), "an event in two requests at once");
                flying.push((r.id, eids));
            }
            Ok(())
        };
        for op in ops {
            match op {
                Op::Input(pad) => {
                    let eid = format!("00000000-0000-4000-8000-{next:012}");
                    o.watch(std::slice::from_ref(&eid));
                    if let Input::Buffered { .. } = o.input(event(next, pad)) {
                        accepted.push(eid);
                    }
                    next += 1;
                }
                Op::Flush => o.flush(),
                Op::Send => send(&mut o, now, due, &mut flying)?,
                Op::Answer(i, status, retry_after) => {
                    if !flying.is_empty() {
                        let (id, eids) = flying.remove(i % flying.len());
                        let outcome = if status == 0 { Outcome::NetworkError } else { Outcome::Status(status) };
                        o.finish(id, outcome, retry_after, now, 0.5);
                        due = o.retry_due().or(due);
                        if status == 200 {
                            for e in eids {
                                *delivered.entry(e).or_default() += 1;
                            }
                        }
                    }
                }
                Op::Wait(ms) => {
                    now += ms;
                    if due.is_some_and(|d| d <= now) {
                        o.retry_now(); // the retry timer fires
                        due = None;
                    }
                }
            }
        }
        // Then the collector comes back: everything settles.
        for _ in 0..10_000 {
            if o.is_idle() {
                break;
            }
            now += 1000;
            if due.is_some_and(|d| d <= now) {
                o.retry_now();
                due = None;
            }
            o.flush();
            send(&mut o, now, due, &mut flying)?;
            while let Some((id, eids)) = flying.pop() {
                o.finish(id, Outcome::Status(200), None, now, 0.5);
                for e in eids {
                    *delivered.entry(e).or_default() += 1;
                }
            }
        }
        prop_assert!(o.is_idle(), "everything settles");
        prop_assert_eq!(o.held_bytes(), 0);
        let outcomes = o.watched(&accepted);
        for (eid, outcome) in accepted.iter().zip(outcomes) {
            let times = delivered.get(eid).copied().unwrap_or(0);
            match outcome {
                Some(Ok(())) => prop_assert_eq!(times, 1, "{} delivered once", eid),
                Some(Err(_)) => prop_assert_eq!(times, 0, "{} refused, never delivered", eid),
                None => prop_assert!(false, "{} neither delivered nor reported", eid),
            }
        }
        Ok(())
    });
}

#[test]
fn batches_keep_order_and_stay_within_the_byte_limit() {
    let input = (300usize..5000, proptest::collection::vec(0usize..900, 1..40));
    check("batching within byteLimit, in order", 15_000, input, |(limit, pads)| {
        let mut cfg = outbox_config(Method::Post, limit, 1);
        cfg.capacity = usize::MAX;
        cfg.capacity_bytes = usize::MAX;
        cfg.buffer_size = usize::MAX;
        let mut o = Outbox::new(cfg);
        for (i, pad) in pads.iter().enumerate() {
            let buffered = matches!(o.input(event(i, *pad)), Input::Buffered { .. });
            prop_assert!(buffered, "event {} refused", i);
        }
        o.flush();
        let mut order = Vec::new();
        while let Some(r) = o.next_request(0) {
            let body = r.body.clone().unwrap_or_default();
            prop_assert!(body.len() <= limit || r.events == 1, "{} bytes for {} events over {}", body.len(), r.events, limit);
            prop_assert!(is_json(&body));
            order.extend(o.request_events(r.id).iter().map(|p| p.get("eid").unwrap_or_default().to_owned()));
            o.finish(r.id, Outcome::Status(200), None, 0, 0.0);
        }
        let expected: Vec<String> = (0..pads.len()).map(|i| format!("00000000-0000-4000-8000-{i:012}")).collect();
        prop_assert_eq!(order, expected);
        Ok(())
    });
}

fn option_number() -> impl Strategy<Value = Option<Num>> {
    proptest::option::of(prop_oneof![
        (-5i64..100_000).prop_map(Num::int),
        prop_oneof![Just(0.5f64), Just(-0.0), Just(1e300), Just(-1e300), Just(65535.5)].prop_map(|v| Num::with_text(v, format!("{v}"))),
    ])
}

#[test]
fn emitter_option_rules_accept_only_what_they_can_honour() {
    let numbers = proptest::collection::vec(option_number(), 9);
    let strings = proptest::collection::vec(proptest::option::of(prop_oneof![Just("get".to_owned()), Just("post".to_owned()), text()]), 3);
    let endpoint = prop_oneof![Just("c.example".to_owned()), Just("https://c.example:8080/p".to_owned()), text()];
    check("emitter option rules", 15_000, (endpoint, numbers, strings, any::<bool>()), |(endpoint, n, s, is_async)| {
        let o = EmitterOptions {
            protocol: s[0].clone(),
            port: n[0].clone(),
            method: s[1].clone(),
            buffer_size: n[1].clone(),
            byte_limit: n[2].clone(),
            request_timeout: None,
            buffer_capacity: n[3].clone(),
            buffer_capacity_bytes: n[4].clone(),
            max_retry_delay_seconds: n[5].clone(),
            custom_retry_codes: Vec::new(),
            max_retries: n[6].clone(),
            flush_timeout: n[7].clone(),
            post_path: s[2].clone(),
            thread_count: if is_async { n[8].clone() } else { None },
            custom_headers: Vec::new(),
        };
        if let Ok(settings) = emitter_settings(&endpoint, &o, is_async) {
            let c = &settings.outbox;
            prop_assert!(c.buffer_size >= 1 && c.byte_limit >= 1 && c.capacity >= 1 && c.capacity_bytes >= 1 && c.max_in_flight >= 1);
            prop_assert!(c.get_url.starts_with("http") && c.post_url.starts_with("http"));
            prop_assert!(settings.flush_timeout_ms >= 0.0 && settings.connect_ms > 0.0);
        }
        Ok(())
    });
}
