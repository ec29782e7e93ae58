//! The Tracker's web options, checked (names and defaults as sp.js 4.x): where identity is
//! kept, the cookies' name, domain, lifetimes and attributes, and which entities go with events.

use super::session::{Anonymous, Strategy};
use crate::emitter::seconds;
use crate::error::{quoted, Error, Result};
use crate::opts::{Got, Read};
use crate::Num;

/// The web options as read from JS (absent: `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebOptions {
    /// `stateStorageStrategy`.
    pub strategy: Option<String>,
    /// `cookieName`.
    pub cookie_name: Option<String>,
    /// `cookieDomain`.
    pub cookie_domain: Option<String>,
    /// `discoverRootDomain`.
    pub discover_root_domain: Option<bool>,
    /// `cookieLifetime`, seconds.
    pub cookie_lifetime: Option<Num>,
    /// `sessionCookieTimeout`, seconds.
    pub session_timeout: Option<Num>,
    /// `cookieSameSite`.
    pub same_site: Option<String>,
    /// `cookieSecure`.
    pub secure: Option<bool>,
    /// `contexts.webPage`.
    pub web_page: Option<bool>,
    /// `contexts.session`.
    pub session: Option<bool>,
    /// `anonymousTracking`.
    pub anonymous: Anonymous,
    /// `respectDoNotTrack`.
    pub respect_dnt: Option<bool>,
}

/// The web settings, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct WebConfig {
    /// Where identity is kept.
    pub strategy: Strategy,
    /// Cookie name prefix (`_sp_`).
    pub cookie_name: String,
    /// The cookie domain given, if any.
    pub cookie_domain: Option<String>,
    /// Find the root domain when no cookie domain is given.
    pub discover_root_domain: bool,
    /// `_sp_id` lifetime, seconds (`0`: a browser-session cookie).
    pub cookie_lifetime_s: i64,
    /// Session timeout, seconds.
    pub session_timeout_s: i64,
    /// `SameSite`.
    pub same_site: String,
    /// `Secure`.
    pub secure: bool,
    /// Attach `web_page`.
    pub web_page: bool,
    /// Attach `client_session`.
    pub session: bool,
    /// Anonymous tracking.
    pub anonymous: Anonymous,
    /// Honour the browser's Do Not Track.
    pub respect_dnt: bool,
}

fn whole_seconds(name: &str, n: Option<&Num>, default: i64) -> Result<i64> {
    let ms = seconds(name, n, default as f64, true)?;
    if n.is_some_and(|n| !n.is_integer()) {
        return Err(Error::range_error(name, "a whole number of seconds ≥ 0", n.map(Num::as_str).unwrap_or_default()));
    }
    Ok((ms / 1000.0) as i64)
}

impl WebOptions {
    /// `anonymousTracking` (or `enableAnonymousTracking`'s argument) as read: a boolean, or a bag
    /// (on, with its options); absent is off.
    pub fn anonymous(got: Got) -> Anonymous {
        match got {
            Got::Bool(on) => Anonymous { on, ..Anonymous::default() },
            Got::Bag(mut a) => Anonymous {
                on: true,
                with_session: a.bool("withSessionTracking").unwrap_or(false),
                server: a.bool("withServerAnonymisation").unwrap_or(false),
            },
            _ => Anonymous::default(),
        }
    }

    /// The web options of `TrackerOptions` read from its message (types checked; the rules are
    /// [`WebConfig::new`]'s).
    pub fn from_read(o: &mut Read) -> WebOptions {
        let mut contexts = o.bag("contexts");
        let anonymous = WebOptions::anonymous(o.take("anonymousTracking"));
        WebOptions {
            strategy: o.str("stateStorageStrategy"),
            cookie_name: o.str("cookieName"),
            cookie_domain: o.str("cookieDomain"),
            discover_root_domain: o.bool("discoverRootDomain"),
            cookie_lifetime: o.num("cookieLifetime"),
            session_timeout: o.num("sessionCookieTimeout"),
            same_site: o.str("cookieSameSite"),
            secure: o.bool("cookieSecure"),
            web_page: contexts.bool("webPage"),
            session: contexts.bool("session"),
            anonymous,
            respect_dnt: o.bool("respectDoNotTrack"),
        }
    }
}

impl WebConfig {
    /// Check `o` (`prefix` starts error messages).
    pub fn new(o: &WebOptions) -> Result<WebConfig> {
        let strategy = match o.strategy.as_deref() {
            None => Strategy::CookieAndLocalStorage,
            Some(s) => Strategy::parse(s).ok_or_else(|| {
                Error::type_error("stateStorageStrategy", "\"cookieAndLocalStorage\", \"cookie\", \"localStorage\" or \"none\"", quoted(s))
            })?,
        };
        let same_site = match o.same_site.as_deref() {
            None => "Lax".to_owned(),
            Some(s @ ("Strict" | "Lax" | "None")) => s.to_owned(),
            Some(s) => return Err(Error::type_error("cookieSameSite", "\"Strict\", \"Lax\" or \"None\"", quoted(s))),
        };
        let valid_name = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
        let cookie_name = o.cookie_name.clone().unwrap_or_else(|| "_sp_".to_owned());
        if !valid_name(&cookie_name) {
            return Err(Error::type_error("cookieName", "a cookie name (visible ASCII, no separators)", quoted(&cookie_name)));
        }
        if let Some(d) =
            o.cookie_domain.as_deref().filter(|d| d.is_empty() || d.bytes().any(|b| b.is_ascii_control() || b" ;,=".contains(&b)))
        {
            return Err(Error::type_error("cookieDomain", "a domain name", quoted(d)));
        }
        Ok(WebConfig {
            strategy,
            cookie_name,
            cookie_domain: o.cookie_domain.clone(),
            discover_root_domain: o.discover_root_domain.unwrap_or(o.cookie_domain.is_none()),
            cookie_lifetime_s: whole_seconds("cookieLifetime", o.cookie_lifetime.as_ref(), 63_072_000)?,
            session_timeout_s: whole_seconds("sessionCookieTimeout", o.session_timeout.as_ref(), 1800)?,
            same_site,
            secure: o.secure.unwrap_or(true),
            web_page: o.web_page.unwrap_or(true),
            session: o.session.unwrap_or(false),
            anonymous: o.anonymous,
            respect_dnt: o.respect_dnt.unwrap_or(false),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_as_sp_js() {
        let c = WebConfig::new(&WebOptions::default()).unwrap();
        assert_eq!((c.strategy, c.cookie_name.as_str(), c.cookie_domain.as_deref()), (Strategy::CookieAndLocalStorage, "_sp_", None));
        assert!(c.discover_root_domain && c.secure && c.web_page && !c.session && !c.respect_dnt);
        assert_eq!((c.cookie_lifetime_s, c.session_timeout_s, c.same_site.as_str()), (63_072_000, 1800, "Lax"));
        let given = WebOptions { cookie_domain: Some(".example.com".into()), ..Default::default() };
        assert!(!WebConfig::new(&given).unwrap().discover_root_domain, "a cookie domain turns discovery off");
    }

    #[test]
    fn bad_values_name_the_option() {
        let bad = |o: WebOptions| WebConfig::new(&o).unwrap_err().to_string();
        assert!(bad(WebOptions { strategy: Some("cookies".into()), ..Default::default() }).starts_with("stateStorageStrategy must be"));
        assert!(bad(WebOptions { same_site: Some("lax".into()), ..Default::default() }).starts_with("cookieSameSite must be"));
        assert!(bad(WebOptions { cookie_name: Some("a;b".into()), ..Default::default() }).starts_with("cookieName must be"));
        assert!(bad(WebOptions { cookie_domain: Some("".into()), ..Default::default() }).starts_with("cookieDomain must be"));
        assert!(bad(WebOptions { session_timeout: Some(Num::int(-1)), ..Default::default() }).starts_with("sessionCookieTimeout must be"));
        assert!(bad(WebOptions { cookie_lifetime: Some(Num::with_text(1.5, "1.5".into())), ..Default::default() })
            .starts_with("cookieLifetime must be"));
    }
}
