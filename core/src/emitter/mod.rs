//! Emitter rules that need no network: the collector URL, buffering, and request building.

use crate::error::{quoted, Error, Result};
use crate::{constants, key, Payload};

mod outbox;
pub use outbox::{Outbox, Outcome};

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

/// Build the collector URL: `protocol://host[:port][/prefix]` + (`/i` or the POST path).
///
/// A scheme written in `endpoint` wins over `protocol`; a port goes after the host (the
/// Python tracker appends it after any path, a bug not copied).
pub fn collector_url(endpoint: &str, protocol: &str, port: Option<u16>, method: Method) -> Result<String> {
    let param = "Emitter: endpoint";
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
    let host_end = if authority.starts_with('[') { authority.find(']').map_or(0, |i| i + 1) } else { authority.find(':').unwrap_or(authority.len()) };
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
            return Err(Error::type_error("EmitterOptions.port", "absent when the endpoint has a port", crate::int_text(port.into())));
        }
        url.push(':');
        url.push_str(&crate::int_text(port.into()));
    }
    url.push_str(path);
    url.push_str(match method {
        Method::Get => constants::GET_PATH,
        Method::Post => constants::POST_PATH,
    });
    Ok(url)
}

/// One HTTP request to the collector and the events it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// GET or POST.
    pub method: Method,
    /// Full URL (GET: with the query string).
    pub url: String,
    /// JSON body for POST.
    pub body: Option<String>,
    /// The events, `stm` included.
    pub events: Vec<Payload>,
}

/// Turn `events` into requests: one GET each, or one POST with all of them. `stm` is set on
/// every event to `now_ms`.
pub fn build_requests(method: Method, url: &str, mut events: Vec<Payload>, now_ms: i64) -> Vec<Request> {
    let stm = crate::int_text(now_ms);
    for e in &mut events {
        e.set(key::STM, &stm);
    }
    match method {
        Method::Get => events
            .into_iter()
            .map(|e| {
                let mut u = String::with_capacity(url.len() + 512);
                u.push_str(url);
                u.push('?');
                e.write_query(&mut u);
                Request { method, url: u, body: None, events: vec![e] }
            })
            .collect(),
        Method::Post if events.is_empty() => Vec::new(),
        Method::Post => {
            let body = post_body(&events);
            vec![Request { method, url: url.to_owned(), body: Some(body), events }]
        }
    }
}

/// `{"schema":"…payload_data/jsonschema/1-0-4","data":[…]}`.
pub fn post_body(events: &[Payload]) -> String {
    let mut body = String::with_capacity(100 + events.len() * 600);
    body.push_str("{\"schema\":\"");
    body.push_str(constants::SCHEMA_PAYLOAD_DATA);
    body.push_str("\",\"data\":");
    crate::json::write_list(&mut body, events, |out, e| e.write_json(out));
    body.push('}');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = |e: &str, proto: &str, port, m| collector_url(e, proto, port, m);
        assert_eq!(u("c.example", "https", None, Method::Post).unwrap(), "https://c.example/com.snowplowanalytics.snowplow/tp2");
        assert_eq!(u("c.example", "https", None, Method::Get).unwrap(), "https://c.example/i");
        assert_eq!(u("c.example/", "http", Some(9090), Method::Get).unwrap(), "http://c.example:9090/i");
        assert_eq!(u("HTTP://c.example", "https", None, Method::Get).unwrap(), "http://c.example/i");
        assert_eq!(u("https://c.example", "http", None, Method::Get).unwrap(), "https://c.example/i");
        assert_eq!(u("host/sub/path", "https", Some(8080), Method::Get).unwrap(), "https://host:8080/sub/path/i");
        assert_eq!(u("127.0.0.1:5000", "http", None, Method::Get).unwrap(), "http://127.0.0.1:5000/i");
        assert_eq!(u("[::1]", "http", Some(1), Method::Get).unwrap(), "http://[::1]:1/i");
        for bad in ["", "/", "https://", "ftp://x", "a b", "x?y=1", "https:///path", "h:", "h:0", "h:99999", "h:x", "[::1"] {
            assert!(u(bad, "https", None, Method::Get).is_err(), "{bad}");
        }
        assert!(u("h:80", "https", Some(81), Method::Get).is_err());
        assert!(Method::parse("GET", "m").is_err());
        assert!(parse_protocol("ftp", "p").is_err());
    }

    fn ev(n: &str) -> Payload {
        let mut p = Payload::default();
        p.add("e", "se");
        p.add("se_ca", n);
        p
    }

    #[test]
    fn get_is_one_request_per_event_with_stm_last() {
        let reqs = build_requests(Method::Get, "http://h/i", vec![ev("a b"), ev("c&d")], 1700);
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0].url, "http://h/i?e=se&se_ca=a+b&stm=1700");
        assert_eq!(reqs[1].url, "http://h/i?e=se&se_ca=c%26d&stm=1700");
        assert_eq!(reqs[1].body, None);
    }

    #[test]
    fn post_is_one_batch_in_the_payload_data_envelope() {
        let reqs = build_requests(Method::Post, "http://h/p", vec![ev("a"), ev("b\"")], 5);
        assert_eq!(reqs.len(), 1);
        assert_eq!(
            reqs[0].body.as_deref(),
            Some(r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{"e":"se","se_ca":"a","stm":"5"},{"e":"se","se_ca":"b\"","stm":"5"}]}"#)
        );
        assert!(build_requests(Method::Post, "u", vec![], 1).is_empty());
        // A retry refreshes stm instead of adding a second one.
        let again = build_requests(Method::Post, "u", reqs[0].events.clone(), 6);
        assert_eq!(again[0].events[0].get("stm"), Some("6"));
        assert_eq!(again[0].events[0].len(), 3);
    }
}
