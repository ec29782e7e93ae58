//! A small JSON writer: string escaping and object building for the JSON the core itself makes
//! (event data of the built-in self-describing events, envelopes, POST bodies). User JSON arrives
//! already serialised (`JSON.stringify` in the bindings) and is embedded as raw text.

/// Append `s` as a JSON string literal (quotes included) to `out`.
// push_str of one-character strings: `push(char)` encodes UTF-8 through a call per character,
// measurably slower at opt-level "z" on this hot path.
#[allow(clippy::single_char_add_str)]
pub fn write_str(out: &mut String, s: &str) {
    out.push_str("\"");
    write_escaped(out, s);
    out.push_str("\"");
}

/// Append `s` JSON-escaped, without quotes, to `out`.
pub fn write_escaped(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        match esc {
            Some(e) => out.push_str(e),
            None => {
                out.push_str("\\u00");
                out.push(if b >= 0x10 { '1' } else { '0' });
                let lo = b & 15;
                out.push(char::from(if lo < 10 { b'0' + lo } else { b'a' + lo - 10 }));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// A JSON value the core can write.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number already rendered as JavaScript renders it (see [`crate::Num`]).
    Num(crate::Num),
    /// A string.
    Str(String),
    /// An array of strings.
    StrList(Vec<String>),
    /// JSON text produced elsewhere, embedded verbatim.
    Raw(String),
    /// An object.
    Object(Object),
    /// An array of objects.
    ObjectList(Vec<Object>),
}

/// A JSON object with keys in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object {
    fields: Vec<(&'static str, Value)>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object { fields: Vec::new() }
    }

    /// Add a field.
    pub fn set(&mut self, key: &'static str, value: Value) -> &mut Self {
        self.fields.push((key, value));
        self
    }

    /// Add a field only when `value` is `Some`.
    pub fn set_opt(&mut self, key: &'static str, value: Option<Value>) -> &mut Self {
        if let Some(v) = value {
            self.fields.push((key, v));
        }
        self
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when the object has no field.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Append the serialised object to `out`.
    pub fn write(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(out, k);
            out.push(':');
            v.write(out);
        }
        out.push('}');
    }

    /// The serialised object.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

impl Value {
    /// The JSON text of a [`Value::Raw`], else `None`.
    pub fn raw_text(&self) -> Option<&str> {
        match self {
            Value::Raw(r) => Some(r),
            _ => None,
        }
    }

    /// Append the serialised value to `out`.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Num(n) => out.push_str(n.as_str()),
            Value::Str(s) => write_str(out, s),
            Value::Raw(r) => out.push_str(r),
            Value::Object(o) => o.write(out),
            Value::StrList(items) => write_list(out, items, |out, s| write_str(out, s)),
            Value::ObjectList(items) => write_list(out, items, |out, o| o.write(out)),
        }
    }
}

/// Append `[a,b,…]` to `out`, each item written by `each`.
pub fn write_list<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Num;

    fn s(x: &str) -> String {
        let mut out = String::new();
        write_str(&mut out, x);
        out
    }

    #[test]
    fn escapes_like_json_stringify() {
        assert_eq!(s("plain"), "\"plain\"");
        assert_eq!(s("q\"b\\"), "\"q\\\"b\\\\\"");
        assert_eq!(s("a\nb\tc\r"), "\"a\\nb\\tc\\r\"");
        assert_eq!(s("\u{1}\u{1f}"), "\"\\u0001\\u001f\"");
        assert_eq!(s("é🌍</script>"), "\"é🌍</script>\"");
    }

    #[test]
    fn objects_keep_order_and_nest() {
        let mut inner = Object::new();
        inner.set("n", Value::Num(Num::int(2))).set("b", Value::Bool(false)).set("z", Value::Null);
        let mut o = Object::new();
        o.set("schema", Value::Str("iglu:x".into()))
            .set("list", Value::StrList(vec!["a".into(), "b\"".into()]))
            .set("raw", Value::Raw("{\"k\":[1]}".into()))
            .set_opt("absent", None)
            .set("obj", Value::Object(inner.clone()))
            .set("objs", Value::ObjectList(vec![inner.clone(), inner]));
        assert_eq!(
            o.to_json(),
            r#"{"schema":"iglu:x","list":["a","b\""],"raw":{"k":[1]},"obj":{"n":2,"b":false,"z":null},"objs":[{"n":2,"b":false,"z":null},{"n":2,"b":false,"z":null}]}"#
        );
    }
}
