//! Golden payloads for every event type and every validation error of the event builders.

use super::kinds::*;
use super::*;
use crate::names::Key as K;
use crate::subject::Field as SubjectField;
use crate::tracker::{Env, TrackerConfig};
use crate::{base64, Num, Platform, Subject};

struct FakeEnv {
    ids: u32,
}

impl Env for FakeEnv {
    fn now_ms(&mut self) -> i64 {
        1_700_000_000_123
    }
    fn uuid(&mut self) -> String {
        self.ids += 1;
        format!("00000000-0000-4000-8000-{:012}", self.ids)
    }
}

fn config(base64: bool) -> TrackerConfig {
    TrackerConfig {
        namespace: Some("ns".into()),
        app_id: Some("app".into()),
        encode_base64: base64,
        version: "rs-wasm-0.1.0".into(),
        default_platform: Platform::Srv,
        max_event_bytes: crate::tracker::DEFAULT_MAX_EVENT_BYTES,
    }
}

fn track_with(ev: Event, common: &Common, base64: bool) -> crate::Result<Vec<Payload>> {
    config(base64).track(ev, common, None, &mut FakeEnv { ids: 0 }, None)
}

fn track(ev: Event) -> Vec<(&'static str, String)> {
    let p = track_with(ev, &Common::default(), false).unwrap();
    assert_eq!(p.len(), 1);
    p[0].pairs().map(|(k, v)| (k, v.to_owned())).collect()
}

fn owned(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

const TAIL: [(&str, &str); 6] = [
    ("p", "srv"),
    ("eid", "00000000-0000-4000-8000-000000000001"),
    ("dtm", "1700000000123"),
    ("tv", "rs-wasm-0.1.0"),
    ("tna", "ns"),
    ("aid", "app"),
];

fn with_tail(head: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut v = owned(head);
    v.extend(owned(&TAIL));
    v
}

/// An event of `kind` with the `given` fields, the others absent.
fn ev(kind: &'static Kind, given: Vec<(K, Val)>) -> Event {
    Event { kind, vals: row(kind.fields, given) }
}

/// The values of one table's fields, by name.
fn row(table: &[Field], given: Vec<(K, Val)>) -> Vec<Val> {
    let mut vals = vec![Val::Absent; table.len()];
    for (k, v) in given {
        let i = table.iter().position(|f| f.name == k).unwrap();
        vals[i] = v;
    }
    vals
}

/// The table of `kind`'s array-of-objects field `k`.
fn items_table(kind: &Kind, k: K) -> &'static [Field] {
    match kind.fields.iter().find(|f| f.name == k).unwrap().ty {
        Ty::Items(t) => t,
        _ => panic!("not an items field"),
    }
}

fn s(v: &str) -> Val {
    Val::Str(v.into())
}
fn n(i: i64) -> Val {
    Val::Num(Num::int(i))
}
fn nt(v: f64, t: &str) -> Val {
    Val::Num(Num::with_text(v, t.into()))
}
fn list(items: &[&str]) -> Val {
    Val::List(items.iter().map(|s| (*s).to_owned()).collect())
}
fn sdj(schema: &str, data: &str) -> Val {
    Val::SelfDescribing(Box::new(SelfDescribingJson::raw(schema, data)))
}

fn err(ev: Event) -> String {
    track_with(ev, &Common::default(), true).unwrap_err().to_string()
}

#[test]
fn page_view_and_ping() {
    let pv = ev(&PAGE_VIEW, vec![(K::PageUrl, s("https://a/b?c=1")), (K::PageTitle, s("Home"))]);
    assert_eq!(track(pv), with_tail(&[("e", "pv"), ("url", "https://a/b?c=1"), ("page", "Home")]));
    let pp = ev(&PAGE_PING, vec![(K::PageUrl, s("u")), (K::MinX, n(0)), (K::MaxX, n(10)), (K::MaxY, n(-25))]);
    assert_eq!(track(pp), with_tail(&[("e", "pp"), ("url", "u"), ("pp_mix", "0"), ("pp_max", "10"), ("pp_may", "-25")]));
    // Offsets are integer columns of the pipeline: fractions or huge numbers are refused.
    for bad in [nt(2.5, "2.5"), nt(1e300, "1e+300"), n(2_147_483_648)] {
        let e = err(ev(&PAGE_PING, vec![(K::PageUrl, s("u")), (K::MaxY, bad)]));
        assert!(e.starts_with("trackPagePing: maxY must be an integer from -2147483648 to 2147483647"), "{e}");
    }
}

#[test]
fn structured_event_keeps_zero() {
    let se =
        ev(&STRUCT_EVENT, vec![(K::Category, s("c")), (K::Action, s("a")), (K::Label, s("")), (K::Property, s("p")), (K::Value, n(0))]);
    assert_eq!(track(se), with_tail(&[("e", "se"), ("se_ca", "c"), ("se_ac", "a"), ("se_pr", "p"), ("se_va", "0")]));
}

fn ue_data(ev: Event) -> String {
    let p = track(ev);
    let ue = &p.iter().find(|(k, _)| *k == "ue_pr").unwrap().1;
    let prefix = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\",\"data\":";
    assert!(ue.starts_with(prefix), "{ue}");
    assert_eq!(p[0], ("e", "ue".to_owned()));
    ue[prefix.len()..ue.len() - 1].to_owned()
}

#[test]
fn self_describing_events() {
    let sd = ev(&SELF_DESCRIBING, vec![(K::Event, sdj("iglu:com.acme/ev/jsonschema/1-0-0", "{\"a\":[1,\"é\"]}"))]);
    assert_eq!(ue_data(sd), r#"{"schema":"iglu:com.acme/ev/jsonschema/1-0-0","data":{"a":[1,"é"]}}"#);
    assert_eq!(
        ue_data(ev(&SCREEN_VIEW, vec![(K::Name, s("Home"))])),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/screen_view/jsonschema/1-0-0","data":{"name":"Home"}}"#
    );
    assert_eq!(
        ue_data(ev(&MOBILE_SCREEN_VIEW, vec![(K::Name, s("Home")), (K::Type, s("feed"))])),
        r#"{"schema":"iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0","data":{"id":"00000000-0000-4000-8000-000000000001","name":"Home","type":"feed"}}"#
    );
    let lc = ev(&LINK_CLICK, vec![(K::TargetUrl, s("https://t")), (K::ElementClasses, list(&["a", "b"])), (K::ElementContent, s("x"))]);
    assert_eq!(
        ue_data(lc),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1","data":{"targetUrl":"https://t","elementClasses":["a","b"],"elementContent":"x"}}"#
    );
    let filters = Val::Pairs(vec![("cat".into(), s("books")), ("new".into(), Val::Bool(true))]);
    let ss = ev(&SITE_SEARCH, vec![(K::Terms, list(&["a", "b c"])), (K::Filters, filters), (K::TotalResults, n(10))]);
    assert_eq!(
        ue_data(ss),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/site_search/jsonschema/1-0-0","data":{"terms":["a","b c"],"filters":{"cat":"books","new":true},"totalResults":10}}"#
    );
}

#[test]
fn cart_and_forms() {
    let cart = |kind| {
        ev(
            kind,
            vec![(K::Sku, s("s")), (K::Quantity, n(2)), (K::Category, s("c")), (K::UnitPrice, nt(9.99, "9.99")), (K::Currency, s("EUR"))],
        )
    };
    assert_eq!(
        ue_data(cart(&ADD_TO_CART)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0","data":{"sku":"s","quantity":2,"category":"c","unitPrice":9.99,"currency":"EUR"}}"#
    );
    assert!(ue_data(cart(&REMOVE_FROM_CART)).contains("remove_from_cart/jsonschema/1-0-0"));
    let fc = ev(&FORM_CHANGE, vec![(K::FormId, s("f")), (K::ElementId, s("")), (K::NodeName, s("INPUT")), (K::Type, s("Email"))]);
    assert_eq!(
        ue_data(fc),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/change_form/jsonschema/1-0-0","data":{"formId":"f","elementId":"","nodeName":"INPUT","value":null,"type":"email"}}"#
    );
    let el = row(items_table(&FORM_SUBMIT, K::Elements), vec![(K::Name, s("n")), (K::Value, s("v")), (K::NodeName, s("TEXTAREA"))]);
    let fs = ev(&FORM_SUBMIT, vec![(K::FormId, s("f")), (K::FormClasses, list(&["x"])), (K::Elements, Val::Items(vec![el]))]);
    assert_eq!(
        ue_data(fs),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0","data":{"formId":"f","formClasses":["x"],"elements":[{"name":"n","value":"v","nodeName":"TEXTAREA"}]}}"#
    );
    let fs = ev(&FORM_SUBMIT, vec![(K::FormId, s("f")), (K::Elements, Val::Items(vec![]))]);
    assert!(ue_data(fs).ends_with("\"data\":{\"formId\":\"f\"}}"));
}

/// A transaction with only the required fields and `items`.
fn bare_transaction(order: &str, items: Vec<Vec<Val>>) -> Event {
    ev(&TRANSACTION, vec![(K::OrderId, s(order)), (K::TotalValue, n(1)), (K::Items, Val::Items(items))])
}

fn item(sku: &str) -> Vec<Val> {
    row(items_table(&TRANSACTION, K::Items), vec![(K::Sku, s(sku)), (K::Price, nt(7.99, "7.99")), (K::Quantity, n(1)), (K::Name, s("n"))])
}

#[test]
fn transaction_and_items_share_order_fields() {
    let tr = ev(
        &TRANSACTION,
        vec![
            (K::OrderId, s("o1")),
            (K::TotalValue, nt(13.99, "13.99")),
            (K::TaxValue, n(0)),
            (K::City, s("Paris")),
            (K::Country, s("FR")),
            (K::Currency, s("EUR")),
            (K::Items, Val::Items(vec![item("a"), item("b")])),
        ],
    );
    let common = Common {
        true_timestamp: Some(Num::int(1_600_000_000_000)),
        contexts: vec![SelfDescribingJson::raw("iglu:a/b/jsonschema/1-0-0", "{}")],
        subject: None,
    };
    let ps = track_with(tr, &common, true).unwrap();
    assert_eq!(ps.len(), 3);
    let tr: Vec<_> = ps[0].pairs().take(7).collect();
    assert_eq!(
        tr,
        vec![("e", "tr"), ("tr_id", "o1"), ("tr_tt", "13.99"), ("tr_tx", "0"), ("tr_ci", "Paris"), ("tr_co", "FR"), ("tr_cu", "EUR")]
    );
    let ti: Vec<_> = ps[1].pairs().take(7).collect();
    assert_eq!(ti, vec![("e", "ti"), ("ti_id", "o1"), ("ti_sk", "a"), ("ti_nm", "n"), ("ti_pr", "7.99"), ("ti_qu", "1"), ("ti_cu", "EUR")]);
    for p in &ps {
        assert_eq!(p.get("ttm"), Some("1600000000000"));
        assert_eq!(p.get("cx"), ps[0].get("cx"));
    }
    let eids: std::collections::HashSet<_> = ps.iter().map(|p| p.get("eid").unwrap()).collect();
    assert_eq!(eids.len(), 3);
    // Without a true timestamp no event gets ttm (the Python tracker gives items "now").
    let ps = track_with(bare_transaction("o", vec![item("a")]), &Common::default(), true).unwrap();
    assert!(ps.iter().all(|p| p.get("ttm").is_none()));
}

#[test]
fn contexts_ttm_and_subjects() {
    let common = Common {
        contexts: vec![
            SelfDescribingJson::raw("iglu:com.acme/c/jsonschema/1-0-0", "{\"k\":\"ü\"}"),
            SelfDescribingJson::raw("iglu:com.acme/d/jsonschema/1-0-0", "{}"),
        ],
        true_timestamp: Some(Num::int(1)),
        subject: None,
    };
    let expected = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":[{"schema":"iglu:com.acme/c/jsonschema/1-0-0","data":{"k":"ü"}},{"schema":"iglu:com.acme/d/jsonschema/1-0-0","data":{}}]}"#;
    let pv = || ev(&PAGE_VIEW, vec![(K::PageUrl, s("u"))]);
    let plain = track_with(pv(), &common, false).unwrap();
    assert_eq!(plain[0].get("co"), Some(expected));
    assert_eq!(plain[0].get("ttm"), Some("1"));
    let b64 = track_with(pv(), &common, true).unwrap();
    let cx = b64[0].get("cx").unwrap();
    assert_eq!(base64::decode(cx).unwrap(), expected.as_bytes());
    assert!(b64[0].get("co").is_none());

    let mut tracker_subject = Subject::new();
    tracker_subject.set_platform(Some(Platform::Web));
    tracker_subject.set(SubjectField::UserId, Some("u1".into()));
    tracker_subject.set(SubjectField::Lang, Some("en".into()));
    let mut ev_subject = Subject::new();
    ev_subject.set(SubjectField::UserId, Some("u2".into()));
    let common = Common { subject: Some(Box::new(ev_subject)), ..Default::default() };
    let p = config(true).track(pv(), &common, Some(&tracker_subject), &mut FakeEnv { ids: 0 }, None).unwrap();
    assert_eq!((p[0].get("p"), p[0].get("uid"), p[0].get("lang")), (Some("web"), Some("u2"), Some("en")));
    let mut cfg = config(true);
    cfg.namespace = None;
    cfg.app_id = None;
    let p = cfg.track(pv(), &Common::default(), None, &mut FakeEnv { ids: 0 }, None).unwrap();
    assert!(p[0].get("tna").is_none() && p[0].get("aid").is_none());
    assert_eq!(p[0].get("p"), Some("srv"));
}

#[test]
fn every_validation_error_names_its_parameter() {
    let cases: Vec<(Event, &str)> = vec![
        (ev(&PAGE_VIEW, vec![(K::PageUrl, s(""))]), "trackPageView: pageUrl must be a non-empty string, got \"\""),
        (ev(&PAGE_PING, vec![(K::PageUrl, s(""))]), "trackPagePing: pageUrl must be a non-empty string"),
        (ev(&STRUCT_EVENT, vec![(K::Category, s("")), (K::Action, s("a"))]), "trackStructEvent: category must be a non-empty string"),
        (ev(&STRUCT_EVENT, vec![(K::Category, s("c")), (K::Action, s(""))]), "trackStructEvent: action must be a non-empty string"),
        (ev(&SELF_DESCRIBING, vec![(K::Event, sdj("", "{}"))]), "trackSelfDescribingEvent: event.schema must be an Iglu URI"),
        (ev(&SELF_DESCRIBING, vec![(K::Event, sdj("test.schema", "{}"))]), "trackSelfDescribingEvent: event.schema must be an Iglu URI"),
        (ev(&SCREEN_VIEW, vec![]), "trackScreenView: name or id must be given"),
        (ev(&MOBILE_SCREEN_VIEW, vec![(K::Name, s(""))]), "trackMobileScreenView: name must be a non-empty string"),
        (ev(&MOBILE_SCREEN_VIEW, vec![(K::Name, s("n")), (K::Id, s("534"))]), "trackMobileScreenView: id must be a UUID"),
        (ev(&MOBILE_SCREEN_VIEW, vec![(K::Name, s("n")), (K::PreviousId, s("x"))]), "trackMobileScreenView: previousId must be a UUID"),
        (ev(&LINK_CLICK, vec![(K::TargetUrl, s(""))]), "trackLinkClick: targetUrl must be a non-empty string"),
        (ev(&REMOVE_FROM_CART, vec![(K::Sku, s("")), (K::Quantity, n(1))]), "trackRemoveFromCart: sku must be a non-empty string"),
        (ev(&FORM_CHANGE, vec![(K::FormId, s("")), (K::NodeName, s("INPUT"))]), "trackFormChange: formId must be a non-empty string"),
        (
            ev(&FORM_CHANGE, vec![(K::FormId, s("f")), (K::NodeName, s("DIV"))]),
            "trackFormChange: nodeName must be one of INPUT, TEXTAREA, SELECT, got \"DIV\"",
        ),
        (
            ev(&FORM_CHANGE, vec![(K::FormId, s("f")), (K::NodeName, s("INPUT")), (K::Type, s("bogus"))]),
            "trackFormChange: type must be an HTML input type",
        ),
        (ev(&FORM_SUBMIT, vec![(K::FormId, s(""))]), "trackFormSubmit: formId must be a non-empty string"),
        (
            ev(
                &FORM_SUBMIT,
                vec![
                    (K::FormId, s("f")),
                    (K::Elements, Val::Items(vec![row(items_table(&FORM_SUBMIT, K::Elements), vec![(K::NodeName, s("P"))])])),
                ],
            ),
            "trackFormSubmit: elements[0].nodeName must be one of",
        ),
        (
            ev(
                &FORM_SUBMIT,
                vec![
                    (K::FormId, s("f")),
                    (
                        K::Elements,
                        Val::Items(vec![row(items_table(&FORM_SUBMIT, K::Elements), vec![(K::NodeName, s("INPUT")), (K::Type, s("x"))])]),
                    ),
                ],
            ),
            "trackFormSubmit: elements[0].type must be",
        ),
        (ev(&SITE_SEARCH, vec![]), "trackSiteSearch: terms must be a non-empty array of strings"),
        (ev(&SITE_SEARCH, vec![(K::Terms, list(&[]))]), "trackSiteSearch: terms must be a non-empty array of strings"),
        (
            ev(&SITE_SEARCH, vec![(K::Terms, list(&["t"])), (K::PageResults, n(-1))]),
            "trackSiteSearch: pageResults must be an integer from 0 to 2147483647, got -1",
        ),
        (
            ev(&SITE_SEARCH, vec![(K::Terms, list(&["t"])), (K::TotalResults, nt(0.5, "0.5"))]),
            "trackSiteSearch: totalResults must be an integer",
        ),
    ];
    for (ev, want) in cases {
        let got = err(ev);
        assert!(got.starts_with(want), "got {got:?}, want {want:?}");
    }
    assert!(err(bare_transaction("", vec![])).starts_with("trackEcommerceTransaction: orderId must be a non-empty string"));
    assert!(err(bare_transaction("o", vec![item("")])).starts_with("trackEcommerceTransaction: items[0].sku must be a non-empty string"));
    let mut half = item("a");
    half[4] = nt(1.5, "1.5");
    assert!(err(bare_transaction("o", vec![half])).starts_with("trackEcommerceTransaction: items[0].quantity must be an integer"));
    let common = Common { contexts: vec![SelfDescribingJson::raw("nope", "{}")], ..Default::default() };
    let e = track_with(ev(&PAGE_VIEW, vec![(K::PageUrl, s("u"))]), &common, true).unwrap_err();
    assert!(e.to_string().starts_with("trackPageView: context[0].schema must be an Iglu URI"), "{e}");
    assert_eq!(e.kind, crate::ErrorKind::Type);
    // An event larger than maxEventBytes is refused before any emitter gets it.
    let mut small = config(false);
    small.max_event_bytes = 300;
    let big = ev(&PAGE_VIEW, vec![(K::PageUrl, s(&"u".repeat(200)))]);
    let e = small.track(big, &Common::default(), None, &mut FakeEnv { ids: 0 }, None).unwrap_err();
    assert!(e.to_string().starts_with("trackPageView: event must be within maxEventBytes as sent (bytes of JSON), got 3"), "{e}");
    assert_eq!(e.kind, crate::ErrorKind::Range);
    let p = &small
        .track(ev(&PAGE_VIEW, vec![(K::PageUrl, s("\n\"\u{1}"))]), &Common::default(), None, &mut FakeEnv { ids: 0 }, None)
        .unwrap()[0];
    assert_eq!(p.json_len(), p.to_json().len());
    // Out-of-range numbers never reach the wire.
    for (t, ok) in [(8.64e15, true), (-8.64e15, true), (8.64e15 + 1.0, false), (1e300, false)] {
        let common = Common { true_timestamp: Some(Num::with_text(t, "t".into())), ..Default::default() };
        let r = track_with(ev(&PAGE_VIEW, vec![(K::PageUrl, s("u"))]), &common, true);
        assert_eq!(r.is_ok(), ok, "{t}");
        if let Err(e) = r {
            assert!(e.to_string().starts_with("trackPageView: trueTimestamp must be a time in ms within"), "{e}");
            assert_eq!(e.kind, crate::ErrorKind::Range);
        }
    }
}

#[test]
fn every_tracked_kind_is_declared_for_typescript() {
    use super::kinds::{TRACKED, TRACKED_DOCS, TRANSACTION};
    assert_eq!(TRACKED.len(), TRACKED_DOCS.len());
    for (kind, (ts, _, returns, doc)) in TRACKED.iter().zip(TRACKED_DOCS) {
        assert!(ts.ends_with("Options") && !doc.is_empty(), "{}", kind.method);
        assert_eq!(*returns == "string[]", std::ptr::eq(*kind, &TRANSACTION), "{}", kind.method);
    }
}

mod web_kinds;
