//! `application/x-www-form-urlencoded` encoding, byte for byte as Python's `urlencode`
//! (`quote_plus`): `A-Z a-z 0-9 - _ . ~` kept, space as `+`, every other UTF-8 byte `%XX`; and
//! JavaScript's `encodeURIComponent`/`decodeURIComponent`, as sp.js writes and reads cookies.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex(nibble: u8) -> char {
    HEX.get(usize::from(nibble & 15)).map_or('0', |&b| b as char)
}

/// Append the form-urlencoded form of `s` to `out`.
pub fn encode_into(out: &mut String, s: &str) {
    encode_with(out, s, false);
}

/// Append `encodeURIComponent(s)` to `out`: `A-Z a-z 0-9 - _ . ! ~ * ' ( )` kept, every other
/// UTF-8 byte `%XX`.
pub fn encode_uri_component_into(out: &mut String, s: &str) {
    encode_with(out, s, true);
}

fn encode_with(out: &mut String, s: &str, uri_component: bool) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b'!' | b'*' | b'\'' | b'(' | b')' if uri_component => out.push(b as char),
            b' ' if !uri_component => out.push('+'),
            _ => {
                out.push('%');
                out.push(hex(b >> 4));
                out.push(hex(b));
            }
        }
    }
}

/// Append `key=value` pairs joined by `&` to `out`.
pub fn encode_pairs<'a, 'b>(out: &mut String, pairs: impl IntoIterator<Item = (&'a str, &'b str)>) {
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(out, k);
        out.push('=');
        encode_into(out, v);
    }
}

/// Decode a form-urlencoded component (`+` as space); `None` on bad escapes or invalid UTF-8.
pub fn decode(s: &str) -> Option<String> {
    decode_with(s, true)
}

/// `decodeURIComponent(s)` (`+` kept); `None` where it throws (a bad escape, invalid UTF-8).
pub fn decode_uri_component(s: &str) -> Option<String> {
    decode_with(s, false)
}

/// Decode a form-urlencoded name or value as `URLSearchParams` does: `+` as space, a `%` not
/// followed by two hex digits kept as written, invalid UTF-8 as U+FFFD.
pub fn decode_form(s: &str) -> String {
    let b = s.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |at: usize| b.get(at).and_then(|&h| (h as char).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                bytes.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
            (b'+', _, _) => bytes.push(b' '),
            _ => bytes.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn decode_with(s: &str, plus_as_space: bool) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        match b {
            b'+' if plus_as_space => bytes.push(b' '),
            b'%' => {
                let hi = (it.next()? as char).to_digit(16)?;
                let lo = (it.next()? as char).to_digit(16)?;
                bytes.push((hi * 16 + lo) as u8);
            }
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let mut out = String::new();
        encode_into(&mut out, s);
        out
    }

    #[test]
    fn matches_python_quote_plus() {
        // Expected values produced by urllib.parse.quote_plus in CPython 3.11.
        assert_eq!(enc("a b"), "a+b");
        assert_eq!(enc("&=+#/?:"), "%26%3D%2B%23%2F%3F%3A");
        assert_eq!(enc("Save The Arctic"), "Save+The+Arctic");
        assert_eq!(enc("-_.~AZaz09"), "-_.~AZaz09");
        assert_eq!(enc("é🌍"), "%C3%A9%F0%9F%8C%8D");
        assert_eq!(enc("100%"), "100%25");
        assert_eq!(enc("Europe/London"), "Europe%2FLondon");
    }

    #[test]
    fn form_decoding_as_url_search_params() {
        assert_eq!(decode_form("Caf%C3%A9+Menu"), "Café Menu");
        assert_eq!(decode_form("100%"), "100%");
        assert_eq!(decode_form("%ZZ%4"), "%ZZ%4");
        assert_eq!(decode_form("%FF"), "\u{fffd}");
        assert_eq!(decode_form("%2B"), "+");
    }

    #[test]
    fn pairs_and_round_trip() {
        let mut out = String::new();
        encode_pairs(&mut out, [("e", "pv"), ("url", "http://x/?a=1&b=2")]);
        assert_eq!(out, "e=pv&url=http%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2");
        for s in ["a b&c=d+e#f/g", "ünï 😀", ""] {
            assert_eq!(decode(&enc(s)).as_deref(), Some(s));
        }
    }

    #[test]
    fn uri_components_as_javascript_encodes_and_decodes_them() {
        // Expected values from encodeURIComponent/decodeURIComponent in Node 20.
        let enc = |s: &str| {
            let mut out = String::new();
            encode_uri_component_into(&mut out, s);
            out
        };
        assert_eq!(enc("-_.!~*'()AZaz09"), "-_.!~*'()AZaz09");
        assert_eq!(enc("a b+c&d=e;f,g/h?i:j@k#l$m%"), "a%20b%2Bc%26d%3De%3Bf%2Cg%2Fh%3Fi%3Aj%40k%23l%24m%25");
        assert_eq!(enc("é🌍\"\\"), "%C3%A9%F0%9F%8C%8D%22%5C");
        assert_eq!(decode_uri_component("a+b%20c%2B").as_deref(), Some("a+b c+"));
        assert_eq!(decode_uri_component("%C3%A9%f0%9f%8c%8d").as_deref(), Some("é🌍"));
        assert_eq!(decode_uri_component("café").as_deref(), Some("café"), "text as it is");
        for bad in ["%", "%2", "%zz", "%C3", "%C3é", "%FF", "%ED%A0%80", "%C0%AF"] {
            assert_eq!(decode_uri_component(bad), None, "{bad} throws a URIError");
        }
    }
}
