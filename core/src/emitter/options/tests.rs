use super::*;

fn n(v: f64) -> Num {
    Num::from_safe_integer(v).unwrap_or_else(|| Num::with_text(v, v.to_string()))
}

fn err(r: Result<impl std::fmt::Debug>) -> String {
    r.expect_err("an error").message()
}

#[test]
fn emitter_defaults_follow_the_method() {
    let s = emitter_settings("c.example", &EmitterOptions::default(), false).unwrap();
    assert_eq!(s.outbox.method, Method::Post);
    assert_eq!(s.outbox.post_url, "https://c.example/com.snowplowanalytics.snowplow/tp2");
    assert_eq!(s.outbox.get_url, "https://c.example/i");
    assert_eq!((s.outbox.buffer_size, s.outbox.byte_limit, s.outbox.capacity, s.outbox.max_in_flight), (10, 40_000, 10_000, 1));
    assert_eq!((s.connect_ms, s.read_ms, s.flush_timeout_ms), (5000.0, 5000.0, 10_000.0));
    assert_eq!((s.outbox.retry.max_retries, s.outbox.retry.max_delay_ms), (None, 60_000));
    let get = EmitterOptions { method: Some("get".into()), protocol: Some("http".into()), port: Some(n(8080.0)), ..Default::default() };
    let s = emitter_settings("c.example", &get, false).unwrap();
    assert_eq!((s.outbox.method, s.outbox.buffer_size), (Method::Get, 1));
    assert_eq!(s.outbox.get_url, "http://c.example:8080/i");
}

#[test]
fn emitter_options_are_applied() {
    let o = EmitterOptions {
        buffer_size: Some(n(50.0)),
        buffer_capacity: Some(n(20.0)),
        request_timeout: Some(Timeout::Phases(n(1.5), n(2.0))),
        custom_retry_codes: vec![("429".into(), false), ("404".into(), true)],
        max_retries: Some(n(3.0)),
        flush_timeout: Some(n(0.0)),
        post_path: Some("/custom/tp2".into()),
        thread_count: Some(n(4.0)),
        max_retry_delay_seconds: Some(n(0.5)),
        ..Default::default()
    };
    let s = emitter_settings("c.example/prefix", &o, true).unwrap();
    assert_eq!((s.outbox.buffer_size, s.outbox.capacity, s.outbox.max_in_flight), (20, 20, 4), "bufferSize is capped by bufferCapacity");
    assert_eq!((s.connect_ms, s.read_ms, s.flush_timeout_ms), (1500.0, 2000.0, 0.0));
    assert_eq!(s.outbox.retry.custom, vec![(429, false), (404, true)]);
    assert_eq!((s.outbox.retry.max_retries, s.outbox.retry.max_delay_ms), (Some(3), 500));
    assert_eq!(s.outbox.post_url, "https://c.example/prefix/custom/tp2");
    let big = EmitterOptions { byte_limit: Some(n(1e12)), ..Default::default() };
    assert_eq!(emitter_settings("c", &big, false).unwrap().outbox.byte_limit, 1_000_000_000);
}

#[test]
fn emitter_option_errors_name_the_option() {
    let bad = |o: EmitterOptions| err(emitter_settings("c.example", &o, false));
    assert_eq!(bad(EmitterOptions { buffer_size: Some(n(0.0)), ..Default::default() }), "bufferSize must be a positive integer, got 0");
    assert_eq!(bad(EmitterOptions { byte_limit: Some(n(2.5)), ..Default::default() }), "byteLimit must be a positive integer, got 2.5");
    assert_eq!(bad(EmitterOptions { port: Some(n(70000.0)), ..Default::default() }), "port must be an integer from 1 to 65535, got 70000");
    assert_eq!(bad(EmitterOptions { method: Some("put".into()), ..Default::default() }), "method must be \"get\" or \"post\", got \"put\"");
    assert_eq!(
        bad(EmitterOptions { protocol: Some("ftp".into()), ..Default::default() }),
        "protocol must be \"http\" or \"https\", got \"ftp\""
    );
    assert_eq!(
        bad(EmitterOptions { request_timeout: Some(Timeout::Both(n(-1.0))), ..Default::default() }),
        "requestTimeout must be a number of seconds > 0, got -1"
    );
    assert_eq!(
        bad(EmitterOptions { request_timeout: Some(Timeout::Phases(n(1.0), n(0.0))), ..Default::default() }),
        "requestTimeout[1] must be a number of seconds > 0, got 0"
    );
    assert_eq!(
        bad(EmitterOptions { max_retry_delay_seconds: Some(n(-1.0)), ..Default::default() }),
        "maxRetryDelaySeconds must be a number of seconds ≥ 0, got -1"
    );
    assert_eq!(bad(EmitterOptions { max_retries: Some(n(-1.0)), ..Default::default() }), "maxRetries must be an integer ≥ 0, got -1");
    for key in ["200", "99", "600", "abc"] {
        let o = EmitterOptions { custom_retry_codes: vec![(key.into(), true)], ..Default::default() };
        assert!(bad(o).starts_with("customRetryCodes must be keyed by HTTP statuses 100–599 other than 2xx"));
    }
    for path in ["tp2", "/a?b", "/a#b", "/a b"] {
        assert!(bad(EmitterOptions { post_path: Some(path.into()), ..Default::default() })
            .starts_with("postPath must be a path starting with /"));
    }
    assert!(bad(EmitterOptions { thread_count: Some(n(2.0)), ..Default::default() }).starts_with("threadCount must be absent"));
    assert!(err(emitter_settings("", &EmitterOptions::default(), false)).starts_with("endpoint must be"));
}

#[test]
fn queue_options_share_the_rules() {
    let (outbox, flush) = queue_settings(&QueueOptions::default()).unwrap();
    assert_eq!((outbox.buffer_size, outbox.byte_limit, outbox.max_batch_events, outbox.max_event_bytes), (10, 256_000, 100, 128_000));
    assert_eq!(flush, 10_000.0);
    let too_big = QueueOptions { byte_limit: Some(n(300_000.0)), ..Default::default() };
    assert_eq!(err(queue_settings(&too_big)), "byteLimit must be an integer from 1 to 256000 (a Queues batch), got 300000");
    let zero = QueueOptions { buffer_size: Some(n(0.0)), ..Default::default() };
    assert_eq!(err(queue_settings(&zero)), "bufferSize must be a positive integer, got 0");
}

#[test]
fn redis_key_and_batch() {
    assert_eq!(redis_key("key", None).unwrap(), "snowplow");
    assert_eq!(redis_key("key", Some("events")).unwrap(), "events");
    assert_eq!(err(redis_key("key", Some(""))), "key must be a non-empty string, got \"\"");
    assert_eq!(drain_batch(None).unwrap(), 100);
    assert_eq!(err(drain_batch(Some(&n(0.0)))), "options.batch must be a positive integer, got 0");
}

#[test]
fn dead_letter_keys() {
    assert_eq!(dead_letter_key(None, "events"), Ok("events:dead".to_owned()));
    assert_eq!(dead_letter_key(Some("failed"), "events"), Ok("failed".to_owned()));
    for bad in ["", "events", "events:processing"] {
        assert!(dead_letter_key(Some(bad), "events").unwrap_err().to_string().starts_with("options.deadLetterKey must be"), "{bad}");
    }
}
