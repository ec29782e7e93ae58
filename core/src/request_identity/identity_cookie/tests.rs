use super::*;
use crate::json_read::parse;
use crate::opts::{read_set, IDENTITY_COOKIE};
use crate::request_identity::id_fields;

const DUID: &str = "6c6c1fc9-77b6-4b29-8a55-ad1b9d0d4fc4";
const SID: &str = "0f9a2c1e-7d4b-4c8e-9a1f-3b2d5e6f7a80";
const NOW_MS: i64 = 1_765_000_000_400;
const SHOP: &str = "https://www.shop.example.co.uk/products?x=1";

fn value() -> String {
    [DUID, "1700000000", "3", "1700000100", "1699990000", SID, "", SID, "1700000000123", "7"].join(".")
}

fn options(text: &str) -> CookieOptions {
    let mut r = read_set(&IDENTITY_COOKIE, Some(parse(text).expect("test JSON")), "options").expect("declared");
    CookieOptions::from_read(&mut r).expect("valid options")
}

fn option_error(text: &str) -> String {
    let mut r = read_set(&IDENTITY_COOKIE, Some(parse(text).expect("test JSON")), "options").expect("declared");
    CookieOptions::from_read(&mut r).expect_err("invalid").message()
}

/// `identityCookie` of a request to `url` with these headers (lower-case names).
fn issue(url: &str, headers: &[(&str, String)], o: &CookieOptions) -> Issued {
    let mut header = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    let mut n = 0;
    let mut uuid = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    identity_cookie(url, &mut header, o, false, NOW_MS, &mut uuid)
}

fn cookie_header(text: String) -> [(&'static str, String); 1] {
    [("cookie", text)]
}

#[test]
fn a_well_formed_id_is_re_issued_byte_for_byte_as_the_browser_build_writes_it() {
    let hash = cookie_hash("example.co.uk");
    let headers = cookie_header(format!("other=1; _sp_id.{hash}={}; _sp_ses.{hash}=*", value()));
    let got = issue(SHOP, &headers, &options("{}"));
    let expected = format!("_sp_id.{hash}={}; Max-Age=63072000; Path=/; Domain=example.co.uk; SameSite=Lax; Secure", value());
    assert_eq!(got.set_cookie.as_deref(), Some(expected.as_str()));
    assert!(!expected.contains("HttpOnly"), "sp.js reads it");
    assert_eq!((got.subject.duid.as_deref(), got.subject.session_id.as_deref(), got.subject.visits), (Some(DUID), Some(SID), Some(3)));
    // The attributes asked for.
    let o = options(r#"{"cookieLifetime":3600,"cookieSameSite":"None","cookieSecure":false}"#);
    let set = issue(SHOP, &headers, &o).set_cookie.expect("re-issued");
    assert!(set.ends_with("; Max-Age=3600; Path=/; Domain=example.co.uk; SameSite=None"), "{set}");
    let session_only = issue(SHOP, &headers, &options(r#"{"cookieLifetime":0}"#)).set_cookie.expect("re-issued");
    assert!(!session_only.contains("Max-Age"), "lifetime 0: a browser-session cookie: {session_only}");
}

#[test]
fn the_cookie_domain_and_prefix_name_the_cookie_as_in_the_page() {
    let hash = cookie_hash(".example.com");
    let headers = cookie_header(format!("app_id.{hash}={}", value()));
    let o = options(r#"{"cookieDomain":".example.com","cookieName":"app_"}"#);
    let set = issue("https://a.b.example.com/", &headers, &o).set_cookie.expect("re-issued");
    assert!(set.starts_with(&format!("app_id.{hash}={}; Max-Age=63072000; Path=/; Domain=.example.com;", value())), "{set}");
    // Host-only cookies (discoverRootDomain false): the host's own, without Domain.
    let host = cookie_hash("shop.example.com");
    let host_only = options(r#"{"discoverRootDomain":false}"#);
    let headers = cookie_header(format!("_sp_id.{host}={}", value()));
    let set = issue("https://shop.example.com/", &headers, &host_only).set_cookie.expect("re-issued");
    assert_eq!(set, format!("_sp_id.{host}={}; Max-Age=63072000; Path=/; SameSite=Lax; Secure", value()));
    let parent = cookie_header(format!("_sp_id.{}={}", cookie_hash("example.com"), value()));
    assert_eq!(issue("https://shop.example.com/", &parent, &host_only).set_cookie, None, "a parent domain's cookie is not the page's");
}

#[test]
fn nothing_is_extended_that_is_absent_foreign_or_malformed() {
    let hash = cookie_hash("example.co.uk");
    let o = options("{}");
    assert_eq!(issue(SHOP, &[], &o).set_cookie, None, "no cookie, no create: no id is made");
    let foreign = cookie_header(format!("_sp_id.{}={}", cookie_hash("other.example"), value()));
    assert_eq!(issue(SHOP, &foreign, &o).set_cookie, None);
    let oversized = [value().as_str(), &"1".repeat(200)].concat();
    for bad in ["x.1.2".to_owned(), value().replace(DUID, "not-a-uuid"), oversized, "%zz".to_owned()] {
        let headers = cookie_header(format!("_sp_id.{hash}={bad}"));
        assert_eq!(issue(SHOP, &headers, &o).set_cookie, None, "{bad}");
        let created = issue(SHOP, &headers, &options(r#"{"create":true,"cookieDomain":"example.co.uk"}"#));
        assert_eq!(created.set_cookie, None, "a present cookie is never replaced: {bad}");
    }
    // Duplicated: the first wins, as browsers send the most specific first.
    let twice = cookie_header(format!("_sp_id.{hash}={}; _sp_id.{hash}=x", value()));
    assert!(issue(SHOP, &twice, &o).set_cookie.is_some_and(|s| s.contains(&value())));
}

#[test]
fn create_makes_a_new_user_that_the_page_continues() {
    let o = options(r#"{"create":true}"#);
    let got = issue("https://example.com/", &[], &o);
    let set = got.set_cookie.expect("created");
    let (name, rest) = set.split_once('=').expect("a cookie");
    assert_eq!(name, format!("_sp_id.{}", cookie_hash("example.com")));
    let value = rest.split(';').next().unwrap_or_default();
    let duid = "00000000-0000-4000-8000-000000000001";
    assert_eq!(value, format!("{duid}.1765000000.0.1765000000..00000000-0000-4000-8000-000000000002....0"));
    let fields = id_fields(value).expect("well formed: a later request re-issues it");
    assert_eq!((fields.duid.as_str(), fields.visits), (duid, 0));
    assert!(rest.contains("; Domain=example.com;"));
    assert_eq!(got.subject.duid.as_deref(), Some(duid), "the Worker's own events carry the new id");
    assert_eq!((got.subject.session_id, got.subject.visits), (None, None), "no session yet");
    // A longer host: the root domain is not certain without cookieDomain.
    assert_eq!(issue(SHOP, &[], &o).set_cookie, None);
    let given = options(r#"{"create":true,"cookieDomain":"example.co.uk"}"#);
    let set = issue(SHOP, &[], &given).set_cookie.expect("created");
    assert!(set.starts_with(&format!("_sp_id.{}=", cookie_hash("example.co.uk"))) && set.contains("; Domain=example.co.uk;"), "{set}");
    let host_only = options(r#"{"create":true,"discoverRootDomain":false}"#);
    let set = issue(SHOP, &[], &host_only).set_cookie.expect("created");
    assert!(set.starts_with(&format!("_sp_id.{}=", cookie_hash("www.shop.example.co.uk"))) && !set.contains("Domain"), "{set}");
}

#[test]
fn privacy_signals_stop_every_cookie_unless_told_otherwise() {
    let hash = cookie_hash("example.co.uk");
    let id = format!("_sp_id.{hash}={}", value());
    for signal in [("sec-gpc", "1"), ("dnt", "1"), ("dnt", " 1 ")] {
        let headers = [("cookie", id.clone()), (signal.0, signal.1.to_owned())];
        let got = issue(SHOP, &headers, &options(r#"{"create":true,"cookieDomain":"example.co.uk"}"#));
        assert_eq!(got.set_cookie, None, "{signal:?}");
        assert_eq!(got.subject.duid.as_deref(), Some(DUID), "the request is still read");
        assert_eq!(issue("https://example.com/", &headers[1..], &options(r#"{"create":true}"#)).set_cookie, None, "none created");
        assert!(issue(SHOP, &headers, &options(r#"{"respectPrivacySignals":false}"#)).set_cookie.is_some());
    }
    let not_a_signal = [("cookie", id), ("sec-gpc", "0".to_owned()), ("dnt", "unspecified".to_owned())];
    assert!(issue(SHOP, &not_a_signal, &options("{}")).set_cookie.is_some());
}

#[test]
fn options_are_checked_as_the_browser_build_checks_them() {
    assert!(option_error(r#"{"cookieSameSite":"lax"}"#).starts_with("cookieSameSite must be"));
    assert!(option_error(r#"{"cookieLifetime":-1}"#).starts_with("cookieLifetime must be"));
    assert!(option_error(r#"{"cookieLifetime":1.5}"#).starts_with("cookieLifetime must be"));
    assert!(option_error(r#"{"cookieName":"a;b"}"#).starts_with("cookieName must be"));
    for domain in ["a;b", "example.com\r\nSet-Cookie: x=1", "a b", ""] {
        let text = format!(r#"{{"cookieDomain":{domain:?}}}"#);
        assert!(option_error(&text).starts_with("cookieDomain must be"), "{domain:?}");
    }
    assert!(option_error(r#"{"ipHeader":{"hops":2}}"#).contains("ipHeader.name"));
}
