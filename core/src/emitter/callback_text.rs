//! The arguments of an emitter's callbacks as JSON text: the host parses it once and calls the
//! callback with them, so the binding holds no callback and builds no JS object.

use super::{Attempt, Counts, FailInfo};
use crate::json::write_str;
use crate::{int_text, Payload};

fn events(out: &mut String, events: &[Payload]) {
    out.push('[');
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        e.write_json(out);
    }
    out.push(']');
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    out.push_str(value);
}

fn text_field(out: &mut String, name: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    write_str(out, value);
}

fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// `onSuccess(events)`: `[events]`.
pub fn success(sent: &[Payload]) -> String {
    let mut out = String::from("[");
    events(&mut out, sent);
    out.push(']');
    out
}

/// `onFailure(successCount, unsentEvents, info)`: `[count, events, {status, reason, willRetry}]`.
pub fn failure(count: usize, unsent: &[Payload], info: FailInfo) -> String {
    let mut out = String::from("[");
    out.push_str(&int_text(count as i64));
    out.push(',');
    events(&mut out, unsent);
    out.push_str(",{\"status\":");
    out.push_str(&int_text(info.status.into()));
    text_field(&mut out, "reason", info.reason.name());
    field(&mut out, "willRetry", flag(info.will_retry));
    out.push_str("}]");
    out
}

/// `onRequestSuccess(request)` or `onRequestFailure(request)`: `[{events, status, (reason,)
/// method, bytes, attempt(, willRetry)}]`.
pub fn request(a: &Attempt) -> String {
    let mut out = String::from("[{\"events\":");
    events(&mut out, &a.events);
    field(&mut out, "status", &int_text(a.status.into()));
    if let Some(reason) = a.reason {
        text_field(&mut out, "reason", reason.name());
    }
    text_field(&mut out, "method", if a.post { "POST" } else { "GET" });
    field(&mut out, "bytes", &int_text(a.bytes as i64));
    field(&mut out, "attempt", &int_text(a.attempt.into()));
    if a.reason.is_some() {
        field(&mut out, "willRetry", flag(a.will_retry));
    }
    out.push_str("}]");
    out
}

/// What a blocking flush or `close()` resolves to: `{sent, failed, pending}`.
pub fn counts(c: Counts) -> String {
    numbers(&[("sent", c.sent), ("failed", c.failed), ("pending", c.pending)])
}

/// A JSON object of counts, `{"name":n,…}` in the order given (what `flush()`, `drainRedis` and
/// `forwardQueueBatch` resolve to).
pub fn numbers(fields: &[(&str, u32)]) -> String {
    let mut out = String::from("{");
    for (i, (name, n)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.extend(["\"", name, "\":", &int_text((*n).into())]);
    }
    out.push('}');
    out
}

/// A custom emitter's `input(event)`: `[event]`, the event as a plain object of strings.
pub fn input(event: &Payload) -> String {
    let mut out = String::from("[");
    event.write_json(&mut out);
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emitter::Reason;

    fn event() -> Payload {
        let mut p = Payload::default();
        p.add("e", "pv");
        p.add("url", "a\"b");
        p
    }

    #[test]
    fn callbacks_get_their_arguments_as_json() {
        assert_eq!(success(&[event()]), r#"[[{"e":"pv","url":"a\"b"}]]"#);
        assert_eq!(success(&[]), "[[]]");
        let info = FailInfo { status: 503, reason: Reason::Http, will_retry: true };
        assert_eq!(failure(2, &[event()], info), r#"[2,[{"e":"pv","url":"a\"b"}],{"status":503,"reason":"http","willRetry":true}]"#);
        let mut a = Attempt { events: vec![event()], status: 200, reason: None, post: true, bytes: 120, attempt: 1, will_retry: false };
        assert_eq!(request(&a), r#"[{"events":[{"e":"pv","url":"a\"b"}],"status":200,"method":"POST","bytes":120,"attempt":1}]"#);
        a.reason = Some(Reason::Timeout);
        a.status = 0;
        a.post = false;
        a.will_retry = true;
        assert_eq!(
            request(&a),
            r#"[{"events":[{"e":"pv","url":"a\"b"}],"status":0,"reason":"timeout","method":"GET","bytes":120,"attempt":1,"willRetry":true}]"#
        );
        assert_eq!(counts(Counts { sent: 3, failed: 1, pending: 0 }), r#"{"sent":3,"failed":1,"pending":0}"#);
        assert_eq!(input(&event()), r#"[{"e":"pv","url":"a\"b"}]"#);
    }
}
