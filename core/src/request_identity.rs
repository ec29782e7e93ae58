//! What a server can tell of the user from one HTTP request (`Subject.fromRequest`, Node and
//! workerd): the `_sp_id.<hash>` cookie sp.js writes, the collector's network user id cookie,
//! the client address, the user agent and the language. A server reflects what it reads into
//! events, so a value counts only when it is well formed; anything else is treated as absent.

use crate::web::domain::{cookie_hash, root_candidates};

/// The longest `_sp_id` value taken from a request.
pub const MAX_ID_COOKIE_BYTES: usize = 200;

/// The cookies of a request's `Cookie` headers (each given), as browsers send them: pairs split
/// by `;` with optional whitespace, repeated headers read in order, the first of duplicate names
/// winning; a value that fails percent-decoding is absent (its name still taken).
pub fn cookies(headers: &[&str]) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    // Commas too: a Fetch `Headers` joins repeated headers with ", ", and no cookie value has one.
    for pair in headers.iter().flat_map(|h| h.split([';', ','])) {
        let Some((name, value)) = pair.split_once('=') else { continue };
        let name = name.trim();
        if name.is_empty() || out.iter().any(|(n, _)| n == name) {
            continue;
        }
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        out.push((name.to_owned(), percent_decode(value)));
    }
    out
}

/// `text` with each `%XX` decoded, when that gives UTF-8 and every `%` starts an escape.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok())?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The value of cookie `name` among `cookies`, when present and decodable.
pub fn cookie<'a>(cookies: &'a [(String, Option<String>)], name: &str) -> Option<&'a str> {
    cookies.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
}

/// The identity a well-formed `_sp_id` value gives a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdFields {
    /// The domain user id (`duid`), a UUID.
    pub duid: String,
    /// Sessions so far (`vid`).
    pub visits: i64,
    /// The session id (`sid`), a UUID.
    pub session_id: String,
}

/// A UUID as sp.js writes them (8-4-4-4-12 hex digits, either case).
fn is_uuid(s: &str) -> bool {
    s.len() == 36 && s.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// Digits of an integer from 0 to 2^53 (what a JS number holds exactly), no sign or leading zero.
fn is_count(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && crate::web::id_cookie::parse_int(s).is_some_and(|n| n <= 1 << 53)
}

/// The identity in a `_sp_id` value, when every field is as sp.js writes it: ten `.`-separated
/// fields, the user and session ids UUIDs, the previous session and first event ids UUIDs or
/// empty, the times and counts integers (the optional ones empty), at most
/// [`MAX_ID_COOKIE_BYTES`] bytes. Anything else is no identity: a server never reflects it.
pub fn id_fields(value: &str) -> Option<IdFields> {
    if value.len() > MAX_ID_COOKIE_BYTES {
        return None;
    }
    let f: Vec<&str> = value.split('.').collect();
    let [duid, created, visits, now, last, sid, previous, first_id, first_ms, index] = f.as_slice() else { return None };
    let optional = |s: &str, ok: fn(&str) -> bool| s.is_empty() || ok(s);
    let ok = is_uuid(duid)
        && [created, visits, now, index].iter().all(|s| is_count(s))
        && optional(last, is_count)
        && optional(first_ms, is_count)
        && is_uuid(sid)
        && optional(previous, is_uuid)
        && optional(first_id, is_uuid);
    let visits = crate::web::id_cookie::parse_int(visits).filter(|v| *v <= i64::from(i32::MAX))?;
    ok.then(|| IdFields { duid: (*duid).to_owned(), visits, session_id: (*sid).to_owned() })
}

/// The cookie domains whose `_sp_id.<hash>` a request to `host` may carry, in the order tried:
/// `cookie_domain` alone when given; a two-label host itself; else each parent domain, shortest
/// first, then the host (as sp.js discovers the root domain: a server cannot probe, so the first
/// present wins).
pub fn id_cookie_domains(host: &str, cookie_domain: Option<&str>) -> Vec<String> {
    if let Some(d) = cookie_domain.filter(|d| !d.is_empty()) {
        return vec![d.to_owned()];
    }
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    match host.split('.').count() {
        0..=2 => vec![host],
        _ => root_candidates(&host),
    }
}

/// The `_sp_id` cookie a request carries for its host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundId {
    /// The cookie domain whose hash names it (the first candidate present).
    pub domain: String,
    /// Its decoded value and identity, when it is well formed (see [`id_fields`]).
    pub value: Option<(String, IdFields)>,
    /// The session cookie `<prefix>ses.<hash>` of the same domain is there: the session goes on.
    pub session: bool,
}

/// The `_sp_id` cookie among `cookies` (named `<prefix>id.<hash>`) of the first candidate domain
/// of `host` that has one (see [`id_cookie_domains`]), well formed or not.
pub fn find_id_cookie(cookies: &[(String, Option<String>)], prefix: &str, host: &str, cookie_domain: Option<&str>) -> Option<FoundId> {
    id_cookie_domains(host, cookie_domain).into_iter().find_map(|domain| {
        let (id, ses) = crate::web::domain::cookie_names(prefix, &cookie_hash(&domain));
        cookies.iter().any(|(n, _)| *n == id).then(|| {
            let value = cookie(cookies, &id).and_then(|v| Some((v.to_owned(), id_fields(v)?)));
            FoundId { domain, value, session: cookies.iter().any(|(n, _)| *n == ses) }
        })
    })
}

/// The identity of the `_sp_id` cookie found for `host` (see [`find_id_cookie`]), when it is
/// well formed, and whether its session goes on.
pub fn find_id(cookies: &[(String, Option<String>)], prefix: &str, host: &str, cookie_domain: Option<&str>) -> Option<(IdFields, bool)> {
    let found = find_id_cookie(cookies, prefix, host, cookie_domain)?;
    found.value.map(|(_, fields)| (fields, found.session))
}

/// True when `s` is an IPv4 address (four decimal octets, no leading zeros).
fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && (*p == "0" || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// True when `s` is an IPv6 address (hex groups, at most one `::`, an IPv4 tail allowed).
fn is_ipv6(s: &str) -> bool {
    if s.len() > 45 {
        return false;
    }
    let (s, v4) = match s.rsplit_once(':') {
        Some((head, last)) if last.contains('.') => {
            (if head.ends_with(':') { s.get(..head.len() + 1).unwrap_or(head) } else { head }, Some(last))
        }
        _ => (s, None),
    };
    if v4.is_some_and(|t| !is_ipv4(t)) {
        return false;
    }
    let max = if v4.is_some() { 6 } else { 8 };
    let (parts, compressed) = match s.split_once("::") {
        Some((_, b)) if b.contains("::") => return false,
        Some((a, b)) => ([a, b], true),
        None => ([s, ""], false),
    };
    let mut count = 0;
    for part in parts.iter().filter(|p| !p.is_empty()) {
        for g in part.split(':') {
            if g.is_empty() || g.len() > 4 || !g.bytes().all(|b| b.is_ascii_hexdigit()) {
                return false;
            }
            count += 1;
        }
    }
    if compressed {
        count < max
    } else {
        count == max
    }
}

/// `s` when it is an IP address (an IPv6 one may come in brackets, and either with a port).
pub fn ip_address(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix('[') {
        let (inside, _) = rest.split_once(']')?;
        return is_ipv6(inside).then(|| inside.to_owned());
    }
    if is_ipv4(s) || is_ipv6(s) {
        return Some(s.to_owned());
    }
    let (host, port) = s.rsplit_once(':')?;
    (is_ipv4(host) && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then(|| host.to_owned())
}

/// The client address in a list header (`X-Forwarded-For`: addresses appended by each proxy)
/// when `hops` proxies of the site's own append to it: the entry that many places from the
/// right (`hops` 1: the last).
pub fn from_list(value: &str, hops: usize) -> Option<String> {
    let entries: Vec<&str> = value.split(',').collect();
    let at = entries.len().checked_sub(hops.max(1))?;
    entries.get(at).and_then(|e| ip_address(e))
}

/// The client address in RFC 7239 `Forwarded` header values, as [`from_list`] counts hops: each
/// element's `for=` parameter (a token or a quoted string; an obfuscated or `unknown` one is no
/// address).
pub fn from_forwarded(value: &str, hops: usize) -> Option<String> {
    let fors: Vec<Option<&str>> = value
        .split(',')
        .map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                k.trim().eq_ignore_ascii_case("for").then(|| v.trim().trim_matches('"'))
            })
        })
        .collect();
    let at = fors.len().checked_sub(hops.max(1))?;
    fors.get(at).copied().flatten().and_then(ip_address)
}

/// The first language tag of an `Accept-Language` value (`*` and malformed tags skipped).
pub fn first_language(value: &str) -> Option<String> {
    value
        .split(',')
        .map(|item| item.split(';').next().unwrap_or_default().trim())
        .find(|tag| {
            let mut parts = tag.split('-');
            let first = parts.next().unwrap_or_default();
            (1..=8).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_alphabetic())
                && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        })
        .map(str::to_owned)
}

/// The host of an absolute URL (`https://Shop.Example:8443/x` → `shop.example`).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// How a request is read (`setFromRequest`'s options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestOptions {
    /// The cookie domain sp.js was given, if any (else the candidates of [`id_cookie_domains`]).
    pub cookie_domain: Option<String>,
    /// sp.js's cookie name prefix (`_sp_`).
    pub cookie_prefix: String,
    /// The collector's network user id cookie (`sp`).
    pub network_cookie: String,
    /// The header holding the client address, and how many of the site's own proxies append to
    /// it; none: only Cloudflare's `CF-Connecting-IP`, in workerd.
    pub ip_header: Option<(String, usize)>,
}

impl RequestOptions {
    /// The options read from `setFromRequest`'s bag (`hops` an integer ≥ 1; `ipHeader` needs a
    /// `name`).
    pub fn from_read(o: &mut crate::opts::Read) -> crate::error::Result<RequestOptions> {
        let d = RequestOptions::default();
        let mut ip = o.bag("ipHeader");
        let name = ip.str("name");
        let given = ip.num("hops");
        let hops = crate::emitter::positive_int("ipHeader.hops", given.as_ref(), 1)?;
        if name.is_none() && given.is_some() {
            return Err(crate::error::Error::required("ipHeader.name"));
        }
        let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
        Ok(RequestOptions {
            cookie_domain: non_empty(o.str("cookieDomain")),
            cookie_prefix: non_empty(o.str("cookieName")).unwrap_or(d.cookie_prefix),
            network_cookie: non_empty(o.str("networkUserIdCookie")).unwrap_or(d.network_cookie),
            ip_header: non_empty(name).map(|n| (n, hops)),
        })
    }
}

impl Default for RequestOptions {
    fn default() -> Self {
        RequestOptions { cookie_domain: None, cookie_prefix: "_sp_".into(), network_cookie: "sp".into(), ip_header: None }
    }
}

/// What one request tells of its user, each field well formed or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestSubject {
    /// `duid`, from `_sp_id`.
    pub duid: Option<String>,
    /// `vid`, from `_sp_id`.
    pub visits: Option<i64>,
    /// `sid`, from `_sp_id` while `_sp_ses` is present (without it the session has ended).
    pub session_id: Option<String>,
    /// `tnuid`, from the collector's cookie (a UUID).
    pub network_user_id: Option<String>,
    /// `ip`.
    pub ip: Option<String>,
    /// `ua`.
    pub useragent: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
}

/// Read a request: its URL, and its headers through `header(name)` (lower-case names; `None`
/// when absent). `cloudflare`: running in workerd, where `CF-Connecting-IP` is Cloudflare's own.
pub fn read_request(url: &str, header: &mut dyn FnMut(&str) -> Option<String>, o: &RequestOptions, cloudflare: bool) -> RequestSubject {
    read_request_id(url, header, o, cloudflare).0
}

/// [`read_request`], with the `_sp_id` cookie found (if any) and the request's host.
pub fn read_request_id(
    url: &str,
    header: &mut dyn FnMut(&str) -> Option<String>,
    o: &RequestOptions,
    cloudflare: bool,
) -> (RequestSubject, Option<FoundId>, Option<String>) {
    let mut out = RequestSubject::default();
    let cookie_header = header("cookie");
    let jar = cookies(&cookie_header.iter().map(String::as_str).collect::<Vec<_>>());
    let host = url_host(url);
    let found = host.as_deref().and_then(|h| find_id_cookie(&jar, &o.cookie_prefix, h, o.cookie_domain.as_deref()));
    if let Some((_, id)) = found.as_ref().and_then(|f| f.value.as_ref()) {
        out.session_id = found.as_ref().is_some_and(|f| f.session).then(|| id.session_id.clone());
        out.duid = Some(id.duid.clone());
        out.visits = Some(id.visits);
    }
    out.network_user_id = cookie(&jar, &o.network_cookie).filter(|v| is_uuid(v)).map(str::to_owned);
    out.ip = match &o.ip_header {
        Some((name, hops)) => {
            let value = header(&name.to_ascii_lowercase());
            value.and_then(|v| if name.eq_ignore_ascii_case("forwarded") { from_forwarded(&v, *hops) } else { from_list(&v, *hops) })
        }
        None if cloudflare => header("cf-connecting-ip").and_then(|v| ip_address(&v)),
        None => None,
    };
    out.useragent = header("user-agent").filter(|v| !v.is_empty());
    out.lang = header("accept-language").and_then(|v| first_language(&v));
    (out, found, host)
}

pub mod identity_cookie;

#[cfg(test)]
mod tests;
