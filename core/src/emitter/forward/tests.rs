use super::*;
use crate::emitter::Reason;

const EVENT: &str = r#"{"e":"pv","eid":"00000000-0000-4000-8000-000000000001","p":"srv","tv":"t","stm":"5"}"#;

fn event() -> Payload {
    parse(EVENT).map(|v| event_from_json(v).unwrap_or_default()).unwrap_or_default()
}

#[test]
fn a_batch_goes_as_one_send_batch_or_one_send_per_event_without_stm() {
    let (a, b) = (event(), event());
    let calls = producer_calls(true, &[&a, &b]);
    let body = r#"{"e":"pv","eid":"00000000-0000-4000-8000-000000000001","p":"srv","tv":"t"}"#;
    assert_eq!(calls, vec![("sendBatch", ["[[{\"body\":", body, "},{\"body\":", body, "}]]"].concat())]);
    let calls = producer_calls(false, &[&a, &b]);
    assert_eq!(calls, vec![("send", ["[", body, "]"].concat()), ("send", ["[", body, "]"].concat())]);
    assert!(is_producer(&["send".into()]) && !is_producer(&["input".into()]));
}

/// `s` as a JSON string.
fn quote(s: &str) -> String {
    let mut out = String::new();
    crate::json::write_str(&mut out, s);
    out
}

#[test]
fn bodies_are_events_as_objects_or_json_strings_else_refused() {
    let items = [
        ["[1,", &quote(EVENT), "]"].concat(),
        ["[2,", &quote(&quote(EVENT)), "]"].concat(),
        "[3,null]".to_owned(),
        ["[4,", &quote(&quote("not json")), "]"].concat(),
        ["[5,", &quote("{}"), "]"].concat(),
    ];
    let messages = read_batch(&["[", &items.join(","), "]"].concat()).unwrap_or_default();
    let ids: Vec<u32> = messages.iter().map(|m| m.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let ok: Vec<bool> = messages.iter().map(|m| m.1.is_ok()).collect();
    assert_eq!(ok, [true, true, false, false, false]);
    assert_eq!(message_eids(&messages).iter().flatten().count(), 2);
    assert!(read_batch("null").is_err());
    assert!(read_batch("{}").is_err());
}

#[test]
fn only_delivered_events_are_acked() {
    let eids = vec![Some("a".to_owned()), Some("b".to_owned()), None, Some("c".to_owned())];
    let watched = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
    let refused = FailInfo { status: 400, reason: Reason::Http, will_retry: false };
    let acked = acks(&eids, &watched, &[Some(Ok(())), Some(Err(refused)), None]);
    assert_eq!(acked, [true, false, false, false]);
    let result = forward_result(Counts { sent: 1, failed: 1, pending: 1 }, &acked);
    assert_eq!(result, r#"{"sent":1,"failed":1,"pending":1,"acked":1,"retried":3}"#);
}
