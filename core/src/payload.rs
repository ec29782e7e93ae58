//! An event as name/value pairs in protocol order, and its two wire renderings.

use crate::{base64, json, urlencode};

/// Protocol name/value pairs in insertion order. Empty values are never stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Payload {
    pairs: Vec<(&'static str, String)>,
}

impl Payload {
    /// An empty payload with room for `n` pairs.
    pub fn with_capacity(n: usize) -> Self {
        Payload { pairs: Vec::with_capacity(n) }
    }

    /// Add `key=value`; an empty value is skipped (the protocol omits empty fields).
    pub fn add(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.pairs.push((key, value));
        }
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
            self.add(key_base64, base64::encode(json_text.as_bytes()));
        } else {
            self.add(key_plain, json_text);
        }
    }

    /// Set `key` to `value`, replacing an earlier value (used for `stm` on each attempt).
    pub fn set(&mut self, key: &'static str, value: String) {
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// The pairs in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.pairs.iter().map(|(k, v)| (*k, v.as_str()))
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when there is no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Append the payload as a JSON object of strings (`{"e":"pv",…}`) to `out`.
    pub fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::write_str(out, k);
            out.push(':');
            json::write_str(out, v);
        }
        out.push('}');
    }

    /// The payload as a JSON object of strings.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.pairs.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>() + 2);
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
        p.set("stm", "1".into());
        p.set("stm", "2".into());
        assert_eq!(p.get("stm"), Some("2"));
        assert_eq!(p.len(), 3);
    }
}
