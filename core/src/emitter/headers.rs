//! `customHeaders`, checked at construction with the rules `fetch` applies, so a header that
//! would make every request fail (or be silently dropped) is a TypeError instead.

use crate::error::{quoted, Error, Result};

/// Request headers `fetch` forbids or the emitter sets itself (compared case-insensitively);
/// names starting with `proxy-` or `sec-` are forbidden too.
const FORBIDDEN: [&str; 22] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// An HTTP token: one or more of `!#$%&'*+-.^_`|~`, digits and ASCII letters.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Check every `(name, value)` pair; `param` names the option (`customHeaders`).
pub fn check_headers(param: &str, headers: &[(String, String)]) -> Result<()> {
    for (name, value) in headers {
        let at = || [param, ".", name].concat();
        if !is_token(name) {
            return Err(Error::type_error(param, "keyed by HTTP header names (letters, digits and !#$%&'*+-.^_`|~)", quoted(name)));
        }
        let starts = |prefix: &str| name.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
        if FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(name)) || starts("proxy-") || starts("sec-") {
            return Err(Error::type_error(at(), "a header the emitter may set (fetch forbids it, or the emitter sets it itself)", "given"));
        }
        // In UTF-8, a character above U+00FF starts with a byte ≥ 0xC4.
        // fetch forbids overriding the method with CONNECT, TRACE or TRACK.
        let overrides = ["x-http-method", "x-http-method-override", "x-method-override"].iter().any(|h| h.eq_ignore_ascii_case(name));
        let forbidden_method = |m: &str| ["CONNECT", "TRACE", "TRACK"].iter().any(|f| f.eq_ignore_ascii_case(m.trim()));
        if overrides && value.split(',').any(forbidden_method) {
            return Err(Error::type_error(
                at(),
                "a method override other than CONNECT, TRACE or TRACK (fetch forbids those)",
                quoted(value),
            ));
        }
        if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0) || b >= 0xc4) {
            return Err(Error::type_error(at(), "a header value without CR, LF or NUL, in Latin-1", quoted(value)));
        }
    }
    Ok(())
}

/// The headers of one request as JSON text for the host (`new Headers(pairs)`):
/// `[[name, value], …]` — `customHeaders`, then `SP-Anonymous: *` when the collector is asked
/// to anonymise (`anonymous`), then the POST content type.
pub fn request_headers(custom: &[(String, String)], anonymous: bool, post: bool) -> String {
    let mut out = String::from("[");
    let mut pair = |name: &str, value: &str| {
        if out.len() > 1 {
            out.push(',');
        }
        out.push('[');
        crate::json::write_str(&mut out, name);
        out.push(',');
        crate::json::write_str(&mut out, value);
        out.push(']');
    };
    for (name, value) in custom {
        pair(name, value);
    }
    if anonymous {
        pair("SP-Anonymous", "*");
    }
    if post {
        pair("Content-Type", crate::constants::POST_CONTENT_TYPE);
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, value: &str) -> Result<()> {
        check_headers("customHeaders", &[(name.to_owned(), value.to_owned())])
    }

    #[test]
    fn request_headers_in_order() {
        let custom = [("X-Api-Key".to_owned(), "k\"1".to_owned())];
        assert_eq!(request_headers(&[], false, false), "[]");
        assert_eq!(
            request_headers(&custom, true, true),
            r#"[["X-Api-Key","k\"1"],["SP-Anonymous","*"],["Content-Type","application/json; charset=utf-8"]]"#
        );
        assert_eq!(request_headers(&custom, false, false), r#"[["X-Api-Key","k\"1"]]"#);
    }

    #[test]
    fn fetch_rules() {
        for (n, v) in [("X-Api-Key", "k"), ("x-a", ""), ("A!#$%&'*+-.^_`|~1", "é ÿ tab\there")] {
            assert!(one(n, v).is_ok(), "{n}");
        }
        for (n, v) in [("", "v"), ("X A", "v"), ("Ä", "v"), ("X:Y", "v"), ("X-A", "a\r\nb"), ("X-A", "a\0"), ("X-A", "Ā"), ("X-A", "😀")]
        {
            let e = one(n, v).unwrap_err();
            assert!(e.to_string().starts_with("customHeaders"), "{e}");
        }
        assert!(one("X-HTTP-Method-Override", "PUT").is_ok());
        for (n, v) in [("X-HTTP-Method-Override", "TRACE"), ("x-http-method", "get, connect"), ("X-Method-Override", " track ")] {
            assert!(one(n, v).unwrap_err().to_string().contains("method override"), "{n}: {v}");
        }
        for n in ["Content-Length", "host", "Content-Type", "content-type", "Cookie", "Proxy-Authorization", "Sec-Fetch-Mode", "Origin"] {
            let e = one(n, "1").unwrap_err();
            assert_eq!(e.param, ["customHeaders.", n].concat());
        }
    }
}
