//! The collector endpoint: `host[:port][/path]` or an `http(s)://` URL, checked with the URL
//! standard's rules for scheme, host and port, so a bad endpoint is a TypeError at
//! construction instead of a "network" failure on every send.

use crate::error::{quoted, Error, Result};

/// Controls and spaces, ASCII or not (no Unicode tables: the few spaces are listed).
fn is_space_or_control(c: char) -> bool {
    matches!(c, '\0'..=' ' | '\u{7f}'..='\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}')
}

/// Characters the URL standard forbids in a domain (forbidden domain code points), plus `%`
/// (no percent-decoding here: `exa%00mple.com` is refused, not decoded).
fn forbidden_in_domain(c: char) -> bool {
    is_space_or_control(c) || matches!(c, '#' | '/' | ':' | '<' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '|' | '%')
}

/// A dotted-decimal IPv4 address (four parts, each 0–255, no leading zeros).
fn is_ipv4(host: &[u8]) -> bool {
    let mut parts = 0;
    for part in host.split(|&b| b == b'.') {
        let value =
            part.iter().try_fold(0u32, |n, &b| if b.is_ascii_digit() && n < 256 { Some(n * 10 + u32::from(b - b'0')) } else { None });
        let leading_zero = part.len() > 1 && part.first() == Some(&b'0');
        if part.is_empty() || leading_zero || value.is_none_or(|n| n > 255) {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

/// The inside of `[…]`: eight groups of 1–4 hex digits, one `::` standing for one or more
/// zero groups, and an optional dotted IPv4 tail counting as two groups.
fn is_ipv6(s: &[u8]) -> bool {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let (mut groups, mut i) = (0, 0);
    let mut compressed = s.starts_with(b"::");
    if compressed {
        i = 2;
    }
    while i < s.len() {
        let start = i;
        while at(i).is_ascii_hexdigit() {
            i += 1;
        }
        if at(i) == b'.' {
            // The IPv4 tail ends the address.
            return is_ipv4(s.get(start..).unwrap_or_default()) && if compressed { groups < 6 } else { groups == 6 };
        }
        if !(1..=4).contains(&(i - start)) {
            return false;
        }
        groups += 1;
        if i == s.len() {
            break;
        }
        if at(i) != b':' || i + 1 == s.len() {
            return false;
        }
        i += 1;
        if at(i) == b':' {
            if compressed {
                return false;
            }
            compressed = true;
            i += 1;
        }
    }
    if compressed {
        groups < 8
    } else {
        groups == 8
    }
}

/// A host: `[IPv6]`, dotted IPv4 when the last label is numeric, or a domain name.
fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[') {
        return inner.strip_suffix(']').is_some_and(|v6| is_ipv6(v6.as_bytes()));
    }
    if host.is_empty() || host.chars().any(forbidden_in_domain) {
        return false;
    }
    let host = host.as_bytes();
    let host = host.strip_suffix(b".").unwrap_or(host);
    let last = host.rsplit(|&b| b == b'.').next().unwrap_or_default();
    if !last.is_empty() && last.iter().all(u8::is_ascii_digit) {
        return is_ipv4(host);
    }
    true
}

/// The collector base URL `protocol://host[:port][/prefix]`, to which `/i` or the POST path is
/// appended.
///
/// A scheme written in `endpoint` wins over `protocol`; a port goes after the host (the
/// Python tracker appends it after any path, a bug not copied).
pub fn collector_base(endpoint: &str, protocol: &str, port: Option<u16>) -> Result<String> {
    let bad = |expected| Error::type_error("endpoint", expected, quoted(endpoint));
    let (scheme, rest) = match endpoint.split_once("://") {
        Some((s, rest)) if s.eq_ignore_ascii_case("http") => ("http", rest),
        Some((s, rest)) if s.eq_ignore_ascii_case("https") => ("https", rest),
        Some(_) => return Err(bad("a host or an http(s):// URL")),
        None => (protocol, endpoint),
    };
    let rest = rest.trim_end_matches('/');
    let (authority, path) = match rest.find(['/', '?', '#', '\\']) {
        Some(i) => rest.split_at_checked(i).unwrap_or((rest, "")),
        None => (rest, ""),
    };
    if path.contains(['?', '#', '\\']) {
        return Err(bad("a URL without query or fragment"));
    }
    if authority.is_empty() || endpoint.chars().any(is_space_or_control) {
        return Err(bad("a non-empty host without spaces"));
    }
    if authority.contains('@') {
        return Err(bad("a host without user name or password"));
    }
    // host, [v6], host:port or [v6]:port
    let host_end =
        if authority.starts_with('[') { authority.find(']').map_or(0, |i| i + 1) } else { authority.find(':').unwrap_or(authority.len()) };
    let (host, port_part) = authority.split_at_checked(host_end).unwrap_or((authority, ""));
    let has_port = match port_part.strip_prefix(':') {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && crate::uint_read::<u16>(p).is_some_and(|n| n > 0) => true,
        None if port_part.is_empty() => false,
        _ => return Err(bad("a host with an optional port from 1 to 65535")),
    };
    if !is_host(host) {
        return Err(bad("a valid host name or IP address"));
    }
    let mut url = String::with_capacity(scheme.len() + rest.len() + 48);
    url.push_str(scheme);
    url.push_str("://");
    url.push_str(authority);
    if let Some(port) = port {
        if has_port {
            return Err(Error::type_error("port", "absent when the endpoint has a port", crate::int_text(port.into())));
        }
        url.push(':');
        url.push_str(&crate::int_text(port.into()));
    }
    url.push_str(path);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::{GET_PATH, POST_PATH};

    fn u(e: &str, proto: &str, port: Option<u16>) -> Result<String> {
        collector_base(e, proto, port)
    }

    #[test]
    fn urls() {
        assert_eq!(u("c.example", "https", None).unwrap() + POST_PATH, "https://c.example/com.snowplowanalytics.snowplow/tp2");
        assert_eq!(u("c.example", "https", None).unwrap() + GET_PATH, "https://c.example/i");
        assert_eq!(u("c.example/", "http", Some(9090)).unwrap(), "http://c.example:9090");
        assert_eq!(u("HTTP://c.example", "https", None).unwrap(), "http://c.example");
        assert_eq!(u("https://c.example", "http", None).unwrap(), "https://c.example");
        assert_eq!(u("host/sub/path", "https", Some(8080)).unwrap(), "https://host:8080/sub/path");
        assert_eq!(u("127.0.0.1:5000", "http", None).unwrap(), "http://127.0.0.1:5000");
        assert_eq!(u("[::1]", "http", Some(1)).unwrap(), "http://[::1]:1");
        for ok in [
            "[2001:db8::1]:8080",
            "[::ffff:192.0.2.1]",
            "[1:2:3:4:5:6:7:8]",
            "[::]",
            "[1::]",
            "[1:2:3:4:5:6:1.2.3.4]",
            "bücher.example",
            "localhost",
            "a-b.c_d.example.",
        ] {
            assert!(u(ok, "https", None).is_ok(), "{ok}");
        }
        assert!(u("h:80", "https", Some(81)).is_err());
    }

    #[test]
    fn bad_endpoints_name_the_endpoint() {
        let bad = [
            "",
            "/",
            "https://",
            "ftp://x",
            "a b",
            "x?y=1",
            "https:///path",
            "h:",
            "h:0",
            "h:99999",
            "h:x",
            "[::1",
            // the URL standard's rules: userinfo, IPv6 syntax, port digits, forbidden host code points
            "user@127.0.0.1",
            "user:pw@host",
            "[zz]:80",
            "[1:2:3]",
            "[1::2::3]",
            "[1:2:3:4:5:6:7:8:9]",
            "host:+80",
            "host:-1",
            "exa%00mple.com",
            "exa\u{0}mple.com",
            "exa\u{a0}mple.com",
            "a<b",
            "a^b",
            "a|b",
            "host\\path",
            "256.1.1.1",
            "1.2.3.04",
            "01.2.3.4",
        ];
        for e in bad {
            let err = u(e, "https", None).expect_err(e);
            assert!(err.to_string().starts_with("endpoint must be"), "{e}: {err}");
        }
    }
}
