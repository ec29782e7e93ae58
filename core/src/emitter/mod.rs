//! Emitter rules that need no network: the collector URL, buffering and batching, retries,
//! flush rounds and waiters.

use crate::error::{quoted, Error, Result};

mod options;
mod outbox;
mod policy;
mod rounds;
mod wire;

pub use options::{drain_batch, emitter_settings, queue_settings, redis_key, EmitterOptions, EmitterSettings, QueueOptions, Timeout};
pub use outbox::{Input, Outbox, OutboxConfig, Request};
pub use policy::{Outcome, RetryPolicy, NO_RETRY_STATUSES};
pub use rounds::{Counts, FailInfo, Reason, Report};

/// HTTP method of an emitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One event per request, as a query string to `/i`.
    Get,
    /// Batches as a JSON body to the POST path.
    Post,
}

impl Method {
    /// Parse `"get"` / `"post"`.
    pub fn parse(s: &str, param: &str) -> Result<Method> {
        match s {
            "get" => Ok(Method::Get),
            "post" => Ok(Method::Post),
            _ => Err(Error::type_error(param, "\"get\" or \"post\"", quoted(s))),
        }
    }

    /// The default buffer size: 1 for GET, 10 for POST.
    pub fn default_buffer_size(self) -> usize {
        match self {
            Method::Get => 1,
            Method::Post => 10,
        }
    }
}

/// Parse a protocol option: `"http"` / `"https"`.
pub fn parse_protocol(s: &str, param: &str) -> Result<&'static str> {
    match s {
        "http" => Ok("http"),
        "https" => Ok("https"),
        _ => Err(Error::type_error(param, "\"http\" or \"https\"", quoted(s))),
    }
}

/// The collector base URL `protocol://host[:port][/prefix]`, to which `/i` or the POST path is
/// appended.
///
/// A scheme written in `endpoint` wins over `protocol`; a port goes after the host (the
/// Python tracker appends it after any path, a bug not copied).
pub fn collector_base(endpoint: &str, protocol: &str, port: Option<u16>) -> Result<String> {
    let param = "endpoint";
    let bad = |expected| Error::type_error(param, expected, quoted(endpoint));
    let (scheme, rest) = match endpoint.split_once("://") {
        Some((s, rest)) if s.eq_ignore_ascii_case("http") => ("http", rest),
        Some((s, rest)) if s.eq_ignore_ascii_case("https") => ("https", rest),
        Some(_) => return Err(bad("a host or an http(s):// URL")),
        None => (protocol, endpoint),
    };
    let rest = rest.trim_end_matches('/');
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (rest.get(..i).unwrap_or_default(), rest.get(i..).unwrap_or_default()),
        None => (rest, ""),
    };
    if path.contains(['?', '#']) {
        return Err(bad("a URL without query or fragment"));
    }
    if authority.is_empty() || endpoint.bytes().any(|b| b <= b' ') {
        return Err(bad("a non-empty host without spaces"));
    }
    // host, [v6], host:port or [v6]:port
    let host_end =
        if authority.starts_with('[') { authority.find(']').map_or(0, |i| i + 1) } else { authority.find(':').unwrap_or(authority.len()) };
    let (host, port_part) = authority.split_at_checked(host_end).unwrap_or((authority, ""));
    let has_port = match port_part.strip_prefix(':') {
        Some(p) if p.parse::<u16>().is_ok_and(|n| n > 0) => true,
        None if port_part.is_empty() => false,
        _ => return Err(bad("a host with an optional port from 1 to 65535")),
    };
    if host.is_empty() || host == "[]" {
        return Err(bad("a non-empty host without spaces"));
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

    #[test]
    fn urls() {
        let u = |e: &str, proto: &str, port| collector_base(e, proto, port);
        assert_eq!(u("c.example", "https", None).unwrap() + POST_PATH, "https://c.example/com.snowplowanalytics.snowplow/tp2");
        assert_eq!(u("c.example", "https", None).unwrap() + GET_PATH, "https://c.example/i");
        assert_eq!(u("c.example/", "http", Some(9090)).unwrap(), "http://c.example:9090");
        assert_eq!(u("HTTP://c.example", "https", None).unwrap(), "http://c.example");
        assert_eq!(u("https://c.example", "http", None).unwrap(), "https://c.example");
        assert_eq!(u("host/sub/path", "https", Some(8080)).unwrap(), "https://host:8080/sub/path");
        assert_eq!(u("127.0.0.1:5000", "http", None).unwrap(), "http://127.0.0.1:5000");
        assert_eq!(u("[::1]", "http", Some(1)).unwrap(), "http://[::1]:1");
        for bad in ["", "/", "https://", "ftp://x", "a b", "x?y=1", "https:///path", "h:", "h:0", "h:99999", "h:x", "[::1"] {
            assert!(u(bad, "https", None).is_err(), "{bad}");
        }
        assert!(u("h:80", "https", Some(81)).is_err());
        assert!(Method::parse("GET", "m").is_err());
        assert!(parse_protocol("ftp", "p").is_err());
    }
}
