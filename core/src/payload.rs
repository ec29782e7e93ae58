//! An event as name/value pairs in protocol order, and its two wire renderings.

use crate::{base64, json, urlencode};

/// Protocol name/value pairs in insertion order. Empty values are never stored.
///
/// Values live back to back in one buffer, so building an event costs two allocations rather
/// than one per field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Payload {
    buf: String,
    fields: Vec<(&'static str, u32, u32)>,
}

impl Payload {
    /// The length of [`Payload::to_json`] without building it.
    pub fn json_len(&self) -> usize {
        let escapes: usize = self
            .buf
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' | b'\n' | b'\r' | b'\t' => 1,
                0..=0x1f => 5,
                _ => 0,
            })
            .sum();
        let keys: usize = self.fields.iter().map(|(k, _, _)| k.len() + 5).sum();
        2 + self.buf.len() + escapes + keys + self.fields.len().saturating_sub(1)
    }

    /// An upper bound of [`Payload::json_len`] computed in constant time (every byte escaped
    /// as `\u00XX`).
    pub fn json_len_bound(&self) -> usize {
        2 + self.buf.len() * 6 + self.fields.len() * 24
    }

    /// Give back the value buffer's spare capacity (for a payload held long; the pair list is
    /// sized exactly already).
    pub fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
    }

    /// An empty payload with room for `n` pairs.
    pub fn with_capacity(n: usize) -> Self {
        Payload { buf: String::with_capacity(n * 24), fields: Vec::with_capacity(n) }
    }

    fn push_field(&mut self, key: &'static str, start: usize) {
        if self.buf.len() > start {
            self.fields.push((key, start as u32, self.buf.len() as u32));
        }
    }

    /// Add `key=value`; an empty value is skipped (the protocol omits empty fields).
    pub fn add(&mut self, key: &'static str, value: &str) {
        let start = self.buf.len();
        self.buf.push_str(value);
        self.push_field(key, start);
    }

    /// Add `key=value` when `value` is `Some` and not empty.
    pub fn add_opt(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(key, v);
        }
    }

    /// Add a JSON document under `key_base64` (URL-safe base64) or `key_plain`.
    pub fn add_json(&mut self, json_text: &str, encode_base64: bool, key_base64: &'static str, key_plain: &'static str) {
        if encode_base64 {
            let start = self.buf.len();
            base64::encode_into(&mut self.buf, json_text.as_bytes());
            self.push_field(key_base64, start);
        } else {
            self.add(key_plain, json_text);
        }
    }

    /// Set `key` to `value`, replacing an earlier value (used for `stm` on each attempt).
    pub fn set(&mut self, key: &'static str, value: &str) {
        let Some(i) = self.fields.iter().position(|(k, _, _)| *k == key) else { return self.add(key, value) };
        if i + 1 == self.fields.len() {
            // The last field (stm always is): reuse its bytes.
            let start = self.fields.get(i).map_or(self.buf.len(), |f| f.1 as usize);
            self.buf.truncate(start);
            self.fields.truncate(i);
            self.add(key, value);
        } else {
            let start = self.buf.len();
            self.buf.push_str(value);
            if let Some(f) = self.fields.get_mut(i) {
                *f = (key, start as u32, self.buf.len() as u32);
            }
        }
    }

    /// Drop `key` (its bytes stay in the buffer until the payload goes).
    pub fn remove(&mut self, key: &str) {
        self.fields.retain(|(k, _, _)| *k != key);
    }

    fn value(&self, span: (u32, u32)) -> &str {
        self.buf.get(span.0 as usize..span.1 as usize).unwrap_or_default()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _, _)| *k == key).map(|&(_, s, e)| self.value((s, e)))
    }

    /// The pairs in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.fields.iter().map(|&(k, s, e)| (k, self.value((s, e))))
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when there is no pair.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Append the payload as a JSON object of strings (`{"e":"pv",…}`) to `out`.
    pub fn write_json(&self, out: &mut String) {
        self.write_json_without(out, "");
    }

    /// [`Payload::write_json`] leaving out the field `skip` (e.g. `stm`).
    pub fn write_json_without(&self, out: &mut String, skip: &str) {
        self.write_json_except(out, &[skip]);
    }

    /// [`Payload::write_json`] leaving out the fields `skip`.
    pub fn write_json_except(&self, out: &mut String, skip: &[&str]) {
        out.reserve(self.buf.len() + self.fields.len() * 12 + 2);
        let mut sep = "{\"";
        for (k, v) in self.pairs().filter(|(k, _)| !skip.contains(k)) {
            // Keys are protocol names: nothing to escape.
            out.push_str(sep);
            out.push_str(k);
            out.push_str("\":\"");
            json::write_escaped(out, v);
            sep = "\",\"";
        }
        out.push_str(if sep == "{\"" { "{}" } else { "\"}" });
    }

    /// The payload as a JSON object of strings.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Append the payload as a form-urlencoded query string (no leading `?`) to `out`.
    pub fn write_query(&self, out: &mut String) {
        urlencode::encode_pairs(out, self.pairs());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_empty_and_renders_both_ways() {
        let mut p = Payload::default();
        p.add("e", "pv");
        p.add("page", "");
        p.add_opt("refr", None);
        p.add_opt("url", Some("http://a/b?c=d e"));
        p.add("x", "\"q\"");
        assert_eq!(p.len(), 3);
        assert_eq!(p.to_json(), r#"{"e":"pv","url":"http://a/b?c=d e","x":"\"q\""}"#);
        let mut q = String::new();
        p.write_query(&mut q);
        assert_eq!(q, "e=pv&url=http%3A%2F%2Fa%2Fb%3Fc%3Dd+e&x=%22q%22");
    }

    #[test]
    fn json_goes_to_the_right_key() {
        let mut p = Payload::default();
        p.add_json("{\"a\":1}", true, "cx", "co");
        p.add_json("{\"a\":1}", false, "cx", "co");
        assert_eq!(p.get("cx"), Some("eyJhIjoxfQ=="));
        assert_eq!(p.get("co"), Some("{\"a\":1}"));
        p.set("stm", "1");
        p.set("stm", "22");
        assert_eq!(p.get("stm"), Some("22"));
        assert_eq!(p.len(), 3);
        // Replacing a field that is not the last one keeps the order.
        p.set("cx", "x");
        assert_eq!(p.pairs().collect::<Vec<_>>(), vec![("cx", "x"), ("co", "{\"a\":1}"), ("stm", "22")]);
        assert_eq!(Payload::default().to_json(), "{}");
    }
}
