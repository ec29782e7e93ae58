//! `identityCookie(request, options)` (Node and workerd): the server re-issues sp.js's
//! `_sp_id.<hash>` cookie, so that a browser's cap on cookies written by scripts (Safari: 7 days)
//! does not reset the user; with `create`, it makes one for a request that has none. The cookie
//! is the one the browser build writes: the same name, value, `Domain`, `Path`, `SameSite` and
//! `Secure`, never `HttpOnly` (sp.js reads it).

use super::{read_request_id, FoundId, RequestOptions, RequestSubject};
use crate::error::Result;
use crate::opts::Read;
use crate::web::config::{WebConfig, WebOptions};
use crate::web::cookie::Cookie;
use crate::web::domain::{cookie_hash, cookie_names, fixup_domain};
use crate::web::id_cookie::{seconds, IdCookie};

/// `identityCookie`'s options, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CookieOptions {
    /// How the request is read (the cookie name and domain are the web settings').
    pub read: RequestOptions,
    /// The cookie settings as the browser build takes them (`cookieName`, `cookieDomain`,
    /// `discoverRootDomain`, `cookieLifetime`, `cookieSameSite`, `cookieSecure`).
    pub web: WebConfig,
    /// Make a new `_sp_id` (a new user, no session yet) for a request that has none.
    pub create: bool,
    /// `Sec-GPC: 1` or `DNT: 1` on the request: no cookie made or extended.
    pub respect_privacy_signals: bool,
}

impl CookieOptions {
    /// The options read from `identityCookie`'s bag, the cookie ones by the browser build's rules.
    pub fn from_read(o: &mut Read) -> Result<CookieOptions> {
        let web = WebOptions {
            cookie_name: o.str("cookieName"),
            cookie_domain: o.str("cookieDomain"),
            discover_root_domain: o.bool("discoverRootDomain"),
            cookie_lifetime: o.num("cookieLifetime"),
            same_site: o.str("cookieSameSite"),
            secure: o.bool("cookieSecure"),
            ..WebOptions::default()
        };
        let web = WebConfig::new(&web)?;
        let create = o.bool("create").unwrap_or(false);
        let respect_privacy_signals = o.bool("respectPrivacySignals").unwrap_or(true);
        let mut read = RequestOptions::from_read(o)?;
        read.cookie_domain.clone_from(&web.cookie_domain);
        read.cookie_prefix.clone_from(&web.cookie_name);
        Ok(CookieOptions { read, web, create, respect_privacy_signals })
    }
}

/// What `identityCookie` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The `Set-Cookie` header value, or none: nothing valid to extend (or to make), or the
    /// request asked not to be tracked.
    pub set_cookie: Option<String>,
    /// What the request tells of its user (as `Subject.fromRequest`), with the new user id
    /// when one was made.
    pub subject: RequestSubject,
}

/// The domain a new `_sp_id` goes on, when it is certain: the `cookieDomain` given, the host
/// when root domains are not discovered or it has two labels at most; otherwise none (a server
/// cannot try domains as sp.js does in the page, so it needs `cookieDomain`).
fn new_cookie_domain(host: &str, web: &WebConfig) -> Option<String> {
    match &web.cookie_domain {
        Some(d) => Some(d.clone()),
        None if !web.discover_root_domain || host.split('.').count() <= 2 => Some(fixup_domain(host)),
        None => None,
    }
}

/// A new `_sp_id` value at `now_ms`: user id `duid`, no visit yet (`vid` 0; sp.js and the
/// browser build count the first session when they continue it), `session_id` a placeholder
/// the first session replaces.
fn new_value(duid: &str, session_id: String, now_ms: i64) -> String {
    let now_s = seconds(now_ms);
    let id = IdCookie {
        stored: true,
        duid: duid.to_owned(),
        created_s: now_s,
        visits: 0,
        now_s,
        last_visit_s: None,
        session_id,
        previous_session_id: String::new(),
        first_event_id: String::new(),
        first_event_ms: None,
        event_index: 0,
    };
    id.serialize(false)
}

/// True when the request carries `Sec-GPC: 1` or `DNT: 1`.
fn asks_not_to_be_tracked(header: &mut dyn FnMut(&str) -> Option<String>) -> bool {
    ["sec-gpc", "dnt"].iter().any(|name| header(name).is_some_and(|v| v.trim() == "1"))
}

/// Read the request (its URL, and its headers through `header(name)`, lower-case names) and
/// answer the cookie to set: the well-formed `_sp_id` it carries re-issued with `cookieLifetime`,
/// or with `create` and none present a new one (`uuid` makes its ids; `now_ms` its times). A
/// present one that is not well formed is left alone, and so is every request that asks not to
/// be tracked, unless `respectPrivacySignals` is false.
pub fn identity_cookie(
    url: &str,
    header: &mut dyn FnMut(&str) -> Option<String>,
    o: &CookieOptions,
    cloudflare: bool,
    now_ms: i64,
    uuid: &mut dyn FnMut() -> String,
) -> Issued {
    let refused = o.respect_privacy_signals && asks_not_to_be_tracked(header);
    let (mut subject, found, host) = read_request_id(url, header, &o.read, cloudflare);
    let issued = |set_cookie: Option<String>, subject: RequestSubject| Issued { set_cookie, subject };
    let Some(host) = host.filter(|_| !refused) else { return issued(None, subject) };
    let host_only = o.web.cookie_domain.is_none() && !o.web.discover_root_domain;
    let (domain, value) = match found {
        // Without root-domain discovery only the host's own cookie is the page's.
        Some(f) if host_only && f.domain != fixup_domain(&host) => return issued(None, subject),
        Some(FoundId { domain, value: Some((value, _)), .. }) => (domain, value),
        Some(_) => return issued(None, subject),
        None if o.create => {
            let Some(domain) = new_cookie_domain(&host, &o.web) else { return issued(None, subject) };
            let duid = uuid();
            let value = new_value(&duid, uuid(), now_ms);
            subject.duid = Some(duid);
            (domain, value)
        }
        None => return issued(None, subject),
    };
    let (name, _) = cookie_names(&o.web.cookie_name, &cookie_hash(&domain));
    let cookie = Cookie {
        name: &name,
        value: &value,
        ttl_s: o.web.cookie_lifetime_s,
        domain: if host_only { "" } else { &domain },
        same_site: &o.web.same_site,
        secure: o.web.secure,
    };
    issued(Some(cookie.header()), subject)
}

#[cfg(test)]
mod tests;
