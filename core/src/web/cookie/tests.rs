use super::*;

const NOW: i64 = 1_700_000_000_123;

fn cookie<'a>(name: &'a str, value: &'a str, ttl_s: i64) -> Cookie<'a> {
    Cookie { name, value, ttl_s, domain: "", same_site: "Lax", secure: false }
}

#[test]
fn cookie_strings_as_sp_js_writes_them() {
    // Expected values from sp.js's cookie string (encodeURIComponent, Date#toUTCString) in Node 20.
    let id = Cookie {
        name: "_sp_id.1fff",
        value: "a1b2.1700000000.3.1700000100.1699990000.c0ffee;x y",
        ttl_s: 63_072_000,
        domain: ".example.com",
        same_site: "Lax",
        secure: true,
    };
    assert_eq!(
        id.text(NOW),
        "_sp_id.1fff=a1b2.1700000000.3.1700000100.1699990000.c0ffee%3Bx%20y; Expires=Thu, 13 Nov 2025 22:13:20 GMT; Path=/; Domain=.example.com; SameSite=Lax; Secure"
    );
    let ses = Cookie { name: "_sp_ses.1fff", value: "*", ttl_s: 1800, domain: "", same_site: "None", secure: false };
    assert_eq!(ses.text(NOW), "_sp_ses.1fff=*; Expires=Tue, 14 Nov 2023 22:43:20 GMT; Path=/; SameSite=None");
    let gone = Cookie { name: "t", value: "", ttl_s: -1, domain: "example.com", same_site: "", secure: false };
    assert_eq!(gone.text(NOW), "t=; Expires=Tue, 14 Nov 2023 22:13:19 GMT; Path=/; Domain=example.com");
    let session = Cookie { name: "t", value: "v", ttl_s: 0, domain: "", same_site: "", secure: true };
    assert_eq!(session.text(NOW), "t=v; Path=/; Secure", "no Expires: a browser-session cookie");
}

#[test]
fn reading_takes_the_first_of_a_name_decoded_or_none() {
    assert_eq!(read("a=1; b=2; a=3", "a").as_deref(), Some("1"));
    assert_eq!(read("xa=1; a=%7Ex%20y", "a").as_deref(), Some("~x y"), "a whole name only");
    assert_eq!(read("b=x; a=1; a=2", "a").as_deref(), Some("1"));
    assert_eq!(read("a=", "a").as_deref(), Some(""));
    assert_eq!(read("ab=1", "a"), None);
    assert_eq!(read("a=1", "b"), None);
    assert_eq!(read("", "a"), None);
    assert_eq!(read("a=%E0%A4%A", "a"), None, "decodeURIComponent throws: absent");
}

#[test]
fn writes_wait_and_the_last_per_name_is_written() {
    let mut jar = Jar::default();
    assert_eq!(jar.set(&cookie("a", "1", 60), NOW), Write::Later { wake_at_ms: Some(NOW + 10), watch_exit: true });
    assert_eq!(jar.set(&cookie("b", "2", 60), NOW + 3), Write::Later { wake_at_ms: None, watch_exit: false }, "one wake-up");
    assert_eq!(jar.set(&cookie("a", "3", 60), NOW + 5), Write::Later { wake_at_ms: None, watch_exit: false });
    assert_eq!(
        jar.flush(),
        [Pending::Cookie(cookie("a", "3", 60).text(NOW + 5)), Pending::Cookie(cookie("b", "2", 60).text(NOW + 3))],
        "first-written order"
    );
    assert!(jar.flush().is_empty());
    assert_eq!(
        jar.set(&cookie("b", "4", 60), NOW + 20),
        Write::Later { wake_at_ms: Some(NOW + 30), watch_exit: false },
        "after a flush a new wake-up; the page's exit is watched already"
    );
}

#[test]
fn written_values_are_read_back_from_memory_for_50_ms() {
    let mut jar = Jar::default();
    let _ = jar.set(&cookie("a", "1", 60), NOW);
    let _ = jar.set(&cookie("a", "2", 60), NOW + 10);
    let _ = jar.flush();
    assert_eq!(jar.remembered("a", NOW + 59), Some("2"), "after the flush too");
    assert_eq!(jar.remembered("a", NOW + 60), None, "then the page answers");
    assert_eq!(jar.remembered("b", NOW), None);
}

#[test]
fn a_deletion_is_written_at_once_and_forgets_the_name() {
    let mut jar = Jar::default();
    let _ = jar.set(&cookie("a", "1", 60), NOW);
    let _ = jar.set(&cookie("b", "2", 60), NOW);
    assert_eq!(jar.set(&cookie("a", "", -1), NOW + 1), Write::Now(cookie("a", "", -1).text(NOW + 1)));
    assert_eq!(jar.remembered("a", NOW + 2), None);
    assert_eq!(jar.remembered("b", NOW + 2), Some("2"));
    assert_eq!(jar.flush(), [Pending::Cookie(cookie("b", "2", 60).text(NOW))], "a's pending write dropped");
}

#[test]
fn a_session_cookie_waits_like_any_other() {
    let mut jar = Jar::default();
    assert!(matches!(jar.set(&cookie("a", "1", 0), NOW), Write::Later { .. }));
    assert_eq!(jar.remembered("a", NOW), Some("1"));
}

#[test]
fn root_domain_test_cookie() {
    let test = RootTest::new(NOW);
    assert_eq!((test.name.as_str(), test.value.as_str()), ("_sp_root_domain_test_1700000000123", "_test_value_1700000000123"));
    let c = test.cookie("example.com", "Lax", true);
    assert_eq!(
        c.text(NOW),
        "_sp_root_domain_test_1700000000123=_test_value_1700000000123; Path=/; Domain=example.com; SameSite=Lax; Secure"
    );
    assert!(test.stuck("x=1; _sp_root_domain_test_1700000000123=_test_value_1700000000123"));
    assert!(!test.stuck("x=1"), "the browser refused it");
    assert!(!test.stuck("_sp_root_domain_test_1700000000123=other"));
}

#[test]
fn local_storage_items_wait_beside_cookies_and_keep_their_expiry_from_the_write() {
    let mut jar = Jar::default();
    assert_eq!(jar.set_item("_sp_id.1", "v1", 60, NOW), Write::Later { wake_at_ms: Some(NOW + WRITE_DELAY_MS), watch_exit: true });
    assert_eq!(jar.set_item("_sp_ses.1", "*", 30, NOW + 1), Write::Later { wake_at_ms: None, watch_exit: false });
    assert_eq!(jar.set_item("_sp_id.1", "v2", 60, NOW + 2), Write::Later { wake_at_ms: None, watch_exit: false });
    assert_eq!(jar.remembered("_sp_id.1", NOW + 3), Some("v2"), "read back before it is written");
    let expiry = |at: i64| crate::int_text(at);
    assert_eq!(
        jar.flush(),
        [
            Pending::Items([("_sp_id.1.expires".into(), expiry(NOW + 2 + 60_000)), ("_sp_id.1".into(), "v2".into())]),
            Pending::Items([("_sp_ses.1.expires".into(), expiry(NOW + 1 + 30_000)), ("_sp_ses.1".into(), "*".into())]),
        ],
        "the last value per key, expiry first"
    );
    let _ = jar.set_item("_sp_id.1", "v3", 60, NOW + 20);
    jar.forget("_sp_id.1");
    assert!(jar.flush().is_empty(), "a removal forgets what waits");
    assert_eq!(jar.remembered("_sp_id.1", NOW + 21), None);
}
