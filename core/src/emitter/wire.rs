//! An event as it will be sent, serialised once when it is buffered (so its size is known for
//! `byteLimit`), and the requests built from such events.

use crate::{constants, int_text, key, Payload};

/// `{"schema":"…payload_data…","data":[` — what a POST body starts with.
fn envelope_open() -> String {
    ["{\"schema\":\"", constants::SCHEMA_PAYLOAD_DATA, "\",\"data\":["].concat()
}

/// Bytes a POST body adds around its events: the envelope.
pub fn envelope_len() -> usize {
    envelope_open().len() + 2
}

/// Bytes `stm` adds to an event: 13 digits of ms plus `,"stm":""` (JSON) or `&stm=` (query).
const STM_JSON_LEN: usize = 9 + 13;
const STM_QUERY_LEN: usize = 5 + 13;

/// One buffered event.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The event; `stm` is set on it at each attempt.
    pub payload: Payload,
    /// POST: its JSON without the closing brace; GET: its query string without `stm`.
    wire: String,
    /// Order of arrival (flush waiters count events by it).
    pub seq: u64,
    /// Sends so far.
    pub attempts: u32,
    /// The flush round it belongs to, once flushed.
    pub round: Option<u32>,
}

impl Item {
    /// Serialise `payload` for `post` (JSON) or GET (query string).
    pub fn new(mut payload: Payload, post: bool, seq: u64) -> Item {
        // Held until delivered: no spare capacity (a buffer grown by doubling holds up to twice
        // its bytes).
        payload.shrink_to_fit();
        let mut wire = String::new();
        if post {
            payload.write_json(&mut wire);
            wire.pop();
        } else {
            payload.write_query(&mut wire);
        }
        wire.shrink_to_fit();
        Item { payload, wire, seq, attempts: 0, round: None }
    }

    /// Bytes it takes in a POST body (`post`), or in a GET URL after `url?` (without the URL).
    pub fn size(&self, post: bool) -> usize {
        self.wire.len() + if post { STM_JSON_LEN + 1 } else { STM_QUERY_LEN + 1 }
    }

    /// The event id.
    pub fn eid(&self) -> &str {
        self.payload.get(key::EID).unwrap_or_default()
    }

    /// Set `stm` for this attempt.
    pub fn stamp(&mut self, stm: &str) {
        self.payload.set(key::STM, stm);
    }

    fn write_json(&self, out: &mut String, stm: &str) {
        out.push_str(&self.wire);
        out.push_str(if self.wire.len() > 1 { ",\"stm\":\"" } else { "\"stm\":\"" });
        out.push_str(stm);
        out.push_str("\"}");
    }
}

/// Move the events of `items` onto the end of `out`.
pub fn move_payloads(items: Vec<Item>, out: &mut Vec<Payload>) {
    out.reserve(items.len());
    for item in items {
        out.push(item.payload);
    }
}

/// Copy the events of `items` onto the end of `out`.
pub fn copy_payloads(items: &[Item], out: &mut Vec<Payload>) {
    out.reserve(items.len());
    for item in items {
        out.push(item.payload.clone());
    }
}

/// A POST body with `items`, each with `stm`; `post_items` says they were serialised for POST
/// (a GET emitter's event too large for a URL is re-serialised here).
pub fn post_body<'a>(items: impl IntoIterator<Item = &'a Item>, stm: &str, post_items: bool) -> String {
    let mut body = envelope_open();
    let mut first = true;
    for item in items {
        if !first {
            body.push(',');
        }
        first = false;
        if post_items {
            item.write_json(&mut body, stm);
        } else {
            let mut p = item.payload.clone();
            p.set(key::STM, stm);
            p.write_json(&mut body);
        }
    }
    body.push_str("]}");
    body
}

/// A GET URL for `item` with `stm`.
pub fn get_url(base: &str, item: &Item, stm: &str) -> String {
    let mut url = String::with_capacity(base.len() + item.wire.len() + STM_QUERY_LEN + 2);
    url.push_str(base);
    url.push('?');
    url.push_str(&item.wire);
    if !item.wire.is_empty() {
        url.push('&');
    }
    url.push_str("stm=");
    url.push_str(stm);
    url
}

/// `stm` for a send at `now_ms`.
pub fn stm(now_ms: i64) -> String {
    int_text(now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(n: &str) -> Payload {
        let mut p = Payload::default();
        p.add("e", "se");
        p.add("se_ca", n);
        p
    }

    #[test]
    fn post_bodies_and_sizes_match_what_is_sent() {
        let stm = "1700000000000";
        let items = [Item::new(ev("a"), true, 1), Item::new(ev("b\"é"), true, 2)];
        let body = post_body(items.iter(), stm, true);
        assert_eq!(
            body,
            r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{"e":"se","se_ca":"a","stm":"1700000000000"},{"e":"se","se_ca":"b\"é","stm":"1700000000000"}]}"#
        );
        let predicted = envelope_len() + items.iter().map(|i| i.size(true)).sum::<usize>() + 1;
        assert_eq!(predicted, body.len(), "sizes are the UTF-8 bytes sent");
        assert_eq!(body, post_body(items.iter(), stm, false));
    }

    #[test]
    fn get_urls_and_sizes() {
        let item = Item::new(ev("a b&c"), false, 1);
        let url = get_url("http://h/i", &item, "1700000000000");
        assert_eq!(url, "http://h/i?e=se&se_ca=a+b%26c&stm=1700000000000");
        assert_eq!(url.len(), "http://h/i".len() + item.size(false));
        let mut got = item.clone();
        got.stamp("5");
        assert_eq!(got.payload.get("stm"), Some("5"));
        assert_eq!(Item::new(ev("x"), false, 1).eid(), "");
    }
}
