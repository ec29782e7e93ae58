use super::*;

const DUID: &str = "6c6c1fc9-77b6-4b29-8a55-ad1b9d0d4fc4";
const SID: &str = "0f9a2c1e-7d4b-4c8e-9a1f-3b2d5e6f7a80";

fn sp_id(fields: &[&str]) -> String {
    fields.join(".")
}

fn valid() -> String {
    sp_id(&[DUID, "1700000000", "3", "1700000100", "1699990000", SID, DUID, SID, "1700000000123", "7"])
}

#[test]
fn cookie_headers_are_read_as_browsers_send_them() {
    let c = cookies(&["a=1;b=2; c = 3 ;a=ignored", "d=%41%42;e=%zz;f=\"q%20\";g", "b=second header"]);
    assert_eq!(cookie(&c, "a"), Some("1"), "the first of duplicate names wins");
    assert_eq!(cookie(&c, "b"), Some("2"));
    assert_eq!(cookie(&c, "c"), Some("3"), "whitespace around a pair is optional");
    assert_eq!(cookie(&c, "d"), Some("AB"));
    assert_eq!(cookie(&c, "e"), None, "a value that fails percent-decoding is absent");
    assert!(c.iter().any(|(n, _)| n == "e"), "its name is still taken");
    assert_eq!(cookie(&c, "f"), Some("q "), "a quoted value");
    assert_eq!(cookie(&c, "g"), None);
    assert_eq!(percent_decode("%e9"), None, "not UTF-8");
    assert_eq!(percent_decode("%C3%A9"), Some("é".into()));
    assert_eq!(percent_decode("100%"), None);
}

#[test]
fn an_sp_id_counts_only_when_well_formed() {
    assert_eq!(id_fields(&valid()), Some(IdFields { duid: DUID.into(), visits: 3, session_id: SID.into() }));
    let first_visit = sp_id(&[DUID, "1700000000", "1", "1700000000", "", SID, "", "", "", "0"]);
    assert!(id_fields(&first_visit).is_some(), "the optional fields may be empty");
    let mut bad = vec![
        sp_id(&["not-a-uuid", "1700000000", "3", "1700000100", "", SID, "", "", "", "7"]),
        sp_id(&[DUID, "17e8", "3", "1700000100", "", SID, "", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "-3", "1700000100", "", SID, "", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "03", "1700000100", "", SID, "", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "99999999999999999", "1700000100", "", SID, "", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "3", "1700000100", "", "", "", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "3", "1700000100", "", SID, "x", "", "", "7"]),
        sp_id(&[DUID, "1700000000", "3", "1700000100", "", SID, "", "", ""]),
        [valid(), ".1".into()].concat(),
        [valid().as_str(), "<script>"].concat(),
    ];
    bad.push(valid().replace(DUID, &[DUID, &"0".repeat(200)].concat()));
    for v in &bad {
        assert_eq!(id_fields(v), None, "{v}");
    }
}

#[test]
fn the_id_cookie_is_looked_for_on_each_domain_sp_js_may_have_chosen() {
    assert_eq!(id_cookie_domains("shop.example.com", Some(".example.com")), [".example.com"]);
    assert_eq!(id_cookie_domains("Example.COM.", None), ["example.com"]);
    assert_eq!(
        id_cookie_domains("www.shop.example.co.uk", None),
        ["co.uk", "example.co.uk", "shop.example.co.uk", "www.shop.example.co.uk"]
    );
    // sp.js on www.shop.example.co.uk settles on example.co.uk (co.uk refuses cookies).
    let hash = cookie_hash("example.co.uk");
    let header = format!("_sp_id.{hash}={}; _sp_ses.{hash}=*; other=1", valid());
    let c = cookies(&[&header]);
    assert_eq!(find_id(&c, "_sp_", "www.shop.example.co.uk", None), Some((id_fields(&valid()).unwrap(), true)));
    let without_session = format!("_sp_id.{hash}={}", valid());
    assert_eq!(find_id(&cookies(&[&without_session]), "_sp_", "www.shop.example.co.uk", None).map(|f| f.1), Some(false));
    // A foreign domain's cookie (another hash), or a malformed value: no identity.
    assert_eq!(find_id(&c, "_sp_", "www.other.example", None), None);
    let malformed = format!("_sp_id.{hash}=x.1.2");
    assert_eq!(find_id(&cookies(&[&malformed]), "_sp_", "shop.example.co.uk", None), None);
}

#[test]
fn client_addresses_come_only_from_headers_named_with_their_hops() {
    assert_eq!(ip_address("203.0.113.7"), Some("203.0.113.7".into()));
    assert_eq!(ip_address("203.0.113.7:4711"), Some("203.0.113.7".into()));
    assert_eq!(ip_address("[2001:db8::1]:4711"), Some("2001:db8::1".into()));
    for ok in ["::1", "::", "2001:db8:0:0:0:0:2:1", "::ffff:192.0.2.1", "::192.0.2.1", "fe80::1:2"] {
        assert!(ip_address(ok).is_some(), "{ok}");
    }
    for bad in ["256.1.1.1", "01.2.3.4", "1.2.3", "evil.example", "1::2::3", "2001:db8:0:0:0:0:0:2:1", "12345::", "<script>", ""] {
        assert_eq!(ip_address(bad), None, "{bad}");
    }
    let xff = "198.51.100.9, 203.0.113.7, 10.0.0.2";
    assert_eq!(from_list(xff, 1).as_deref(), Some("10.0.0.2"), "hops 1: the last entry");
    assert_eq!(from_list(xff, 2).as_deref(), Some("203.0.113.7"));
    assert_eq!(from_list(xff, 4), None, "more hops than entries");
    assert_eq!(from_list("spoofed, 203.0.113.7", 2), None, "not an address");
    let fwd = r#"for=198.51.100.9;proto=https, for="[2001:db8:cafe::17]:4711", for=_hidden"#;
    assert_eq!(from_forwarded(fwd, 2).as_deref(), Some("2001:db8:cafe::17"));
    assert_eq!(from_forwarded(fwd, 3).as_deref(), Some("198.51.100.9"));
    assert_eq!(from_forwarded(fwd, 1), None, "an obfuscated identifier is no address");
    assert_eq!(from_forwarded("proto=https;For=203.0.113.7", 1).as_deref(), Some("203.0.113.7"), "parameter names ignore case");
}

#[test]
fn the_language_is_the_first_tag_of_accept_language() {
    assert_eq!(first_language("en-GB,en;q=0.9,fr;q=0.8").as_deref(), Some("en-GB"));
    assert_eq!(first_language(" fr-CA ;q=1, en").as_deref(), Some("fr-CA"));
    assert_eq!(first_language("*, de").as_deref(), Some("de"), "a wildcard is no language");
    assert_eq!(first_language("<x>, zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
    assert_eq!(first_language(""), None);
}

#[test]
fn a_request_gives_each_field_it_has_well_formed() {
    let hash = cookie_hash("example.co.uk");
    let headers = [
        ("cookie", format!("_sp_id.{hash}={}, sp={SID}", valid())),
        ("user-agent", "Mozilla/5.0 (test)".to_owned()),
        ("accept-language", "en-GB,en;q=0.8".to_owned()),
        ("cf-connecting-ip", "203.0.113.7".to_owned()),
        ("x-forwarded-for", "198.51.100.1, 192.0.2.9".to_owned()),
    ];
    let mut header = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    let url = "https://www.shop.example.co.uk:8443/cart?x=1";
    let o = RequestOptions::default();
    let got = read_request(url, &mut header, &o, true);
    assert_eq!(got.duid.as_deref(), Some(DUID));
    assert_eq!(got.visits, Some(3));
    assert_eq!(got.session_id, None, "no _sp_ses: the session has ended");
    assert_eq!(got.network_user_id.as_deref(), Some(SID));
    assert_eq!(got.ip.as_deref(), Some("203.0.113.7"), "CF-Connecting-IP in workerd");
    assert_eq!((got.useragent.as_deref(), got.lang.as_deref()), (Some("Mozilla/5.0 (test)"), Some("en-GB")));
    assert_eq!(read_request(url, &mut header, &o, false).ip, None, "elsewhere no header is trusted by default");
    let named = RequestOptions { ip_header: Some(("X-Forwarded-For".into(), 2)), ..RequestOptions::default() };
    assert_eq!(read_request(url, &mut header, &named, true).ip.as_deref(), Some("198.51.100.1"));
    assert_eq!(url_host("http://user@[2001:db8::1]:80/"), Some("2001:db8::1".into()));
    assert_eq!(url_host("not a url"), None);
}
