//! Golden payloads for every event type and every validation error of the event builders.

use super::*;
use crate::tracker::{Env, TrackerConfig};
use crate::{base64, Field, Num, Platform, Subject};

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
    }
}

fn track_with(ev: Event, common: &Common, base64: bool) -> crate::Result<Vec<Payload>> {
    config(base64).track(&ev, common, None, &mut FakeEnv { ids: 0 })
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

/// A transaction with only the required fields and `items`.
fn bare_transaction(order: &str, items: Vec<TransactionItem>) -> Transaction {
    Transaction {
        order_id: order.into(),
        total_value: Num::int(1),
        affiliation: None,
        tax_value: None,
        shipping: None,
        city: None,
        state: None,
        country: None,
        currency: None,
        items,
    }
}

fn err(ev: Event) -> String {
    track_with(ev, &Common::default(), true).unwrap_err().to_string()
}

#[test]
fn page_view_and_ping() {
    let pv = PageView { page_url: "https://a/b?c=1".into(), page_title: Some("Home".into()), referrer: None };
    assert_eq!(track(Event::PageView(pv)), with_tail(&[("e", "pv"), ("url", "https://a/b?c=1"), ("page", "Home")]));
    let pp = PagePing {
        page_url: "u".into(),
        min_x: Some(Num::int(0)),
        max_x: Some(Num::int(10)),
        min_y: None,
        max_y: Some(Num::with_text(2.5, "2.5".into())),
        ..Default::default()
    };
    assert_eq!(track(Event::PagePing(pp)), with_tail(&[("e", "pp"), ("url", "u"), ("pp_mix", "0"), ("pp_max", "10"), ("pp_may", "2.5")]));
}

#[test]
fn structured_event_keeps_zero() {
    let se = StructEvent {
        category: "c".into(),
        action: "a".into(),
        label: Some(String::new()),
        property: Some("p".into()),
        value: Some(Num::int(0)),
    };
    assert_eq!(track(Event::Struct(se)), with_tail(&[("e", "se"), ("se_ca", "c"), ("se_ac", "a"), ("se_pr", "p"), ("se_va", "0")]));
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
    let sd = SelfDescribingJson::raw("iglu:com.acme/ev/jsonschema/1-0-0", "{\"a\":[1,\"é\"]}");
    assert_eq!(ue_data(Event::SelfDescribing(sd)), r#"{"schema":"iglu:com.acme/ev/jsonschema/1-0-0","data":{"a":[1,"é"]}}"#);
    let sv = ScreenView { name: Some("Home".into()), id: None };
    assert_eq!(
        ue_data(Event::ScreenView(sv)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/screen_view/jsonschema/1-0-0","data":{"name":"Home"}}"#
    );
    let msv = MobileScreenView { name: "Home".into(), screen_type: Some("feed".into()), ..Default::default() };
    assert_eq!(
        ue_data(Event::MobileScreenView(msv)),
        r#"{"schema":"iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0","data":{"id":"00000000-0000-4000-8000-000000000001","name":"Home","type":"feed"}}"#
    );
    let lc = LinkClick {
        target_url: "https://t".into(),
        element_classes: Some(vec!["a".into(), "b".into()]),
        element_content: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        ue_data(Event::LinkClick(lc)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1","data":{"targetUrl":"https://t","elementClasses":["a","b"],"elementContent":"x"}}"#
    );
    let ss = SiteSearch {
        terms: vec!["a".into(), "b c".into()],
        filters: Some(vec![("cat".into(), FilterValue::Str("books".into())), ("new".into(), FilterValue::Bool(true))]),
        total_results: Some(Num::int(10)),
        page_results: None,
    };
    assert_eq!(
        ue_data(Event::SiteSearch(ss)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/site_search/jsonschema/1-0-0","data":{"terms":["a","b c"],"filters":{"cat":"books","new":true},"totalResults":10}}"#
    );
}

#[test]
fn cart_and_forms() {
    let cart = |action| CartChange {
        action,
        sku: "s".into(),
        quantity: Num::int(2),
        name: None,
        category: Some("c".into()),
        unit_price: Some(Num::with_text(9.99, "9.99".into())),
        currency: Some("EUR".into()),
    };
    assert_eq!(
        ue_data(Event::Cart(cart(CartAction::Add))),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0","data":{"sku":"s","quantity":2,"category":"c","unitPrice":9.99,"currency":"EUR"}}"#
    );
    assert!(ue_data(Event::Cart(cart(CartAction::Remove))).contains("remove_from_cart/jsonschema/1-0-0"));
    let fc = FormChange {
        form_id: "f".into(),
        element_id: String::new(),
        node_name: "INPUT".into(),
        value: None,
        input_type: Some("Email".into()),
        element_classes: None,
    };
    assert_eq!(
        ue_data(Event::FormChange(fc)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/change_form/jsonschema/1-0-0","data":{"formId":"f","elementId":"","nodeName":"INPUT","value":null,"type":"email"}}"#
    );
    let el = FormElement { name: "n".into(), value: Some("v".into()), node_name: "TEXTAREA".into(), input_type: None };
    let fs = FormSubmit { form_id: "f".into(), form_classes: Some(vec!["x".into()]), elements: vec![el] };
    assert_eq!(
        ue_data(Event::FormSubmit(fs)),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0","data":{"formId":"f","formClasses":["x"],"elements":[{"name":"n","value":"v","nodeName":"TEXTAREA"}]}}"#
    );
    let fs = FormSubmit { form_id: "f".into(), form_classes: None, elements: vec![] };
    assert!(ue_data(Event::FormSubmit(fs)).ends_with("\"data\":{\"formId\":\"f\"}}"));
}

#[test]
fn transaction_and_items_share_order_fields() {
    let item = |sku: &str| TransactionItem {
        sku: sku.into(),
        price: Num::with_text(7.99, "7.99".into()),
        quantity: Num::int(1),
        name: Some("n".into()),
        category: None,
    };
    let tr = Transaction {
        order_id: "o1".into(),
        total_value: Num::with_text(13.99, "13.99".into()),
        affiliation: None,
        tax_value: Some(Num::int(0)),
        shipping: None,
        city: Some("Paris".into()),
        state: None,
        country: Some("FR".into()),
        currency: Some("EUR".into()),
        items: vec![item("a"), item("b")],
    };
    let common = Common {
        true_timestamp: Some(1_600_000_000_000),
        contexts: vec![SelfDescribingJson::raw("iglu:a/b/jsonschema/1-0-0", "{}")],
        subject: None,
    };
    let ps = track_with(Event::Transaction(tr), &common, true).unwrap();
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
    let tr = bare_transaction("o", vec![item("a")]);
    let ps = track_with(Event::Transaction(tr), &Common::default(), true).unwrap();
    assert!(ps.iter().all(|p| p.get("ttm").is_none()));
}

#[test]
fn contexts_ttm_and_subjects() {
    let common = Common {
        contexts: vec![
            SelfDescribingJson::raw("iglu:com.acme/c/jsonschema/1-0-0", "{\"k\":\"ü\"}"),
            SelfDescribingJson::raw("iglu:com.acme/d/jsonschema/1-0-0", "{}"),
        ],
        true_timestamp: Some(1),
        subject: None,
    };
    let expected = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":[{"schema":"iglu:com.acme/c/jsonschema/1-0-0","data":{"k":"ü"}},{"schema":"iglu:com.acme/d/jsonschema/1-0-0","data":{}}]}"#;
    let pv = || Event::PageView(PageView { page_url: "u".into(), ..Default::default() });
    let plain = track_with(pv(), &common, false).unwrap();
    assert_eq!(plain[0].get("co"), Some(expected));
    assert_eq!(plain[0].get("ttm"), Some("1"));
    let b64 = track_with(pv(), &common, true).unwrap();
    let cx = b64[0].get("cx").unwrap();
    assert_eq!(base64::decode(cx).unwrap(), expected.as_bytes());
    assert!(b64[0].get("co").is_none());

    let mut tracker_subject = Subject::new();
    tracker_subject.set_platform(Some(Platform::Web));
    tracker_subject.set(Field::UserId, Some("u1".into()));
    tracker_subject.set(Field::Lang, Some("en".into()));
    let mut ev_subject = Subject::new();
    ev_subject.set(Field::UserId, Some("u2".into()));
    let common = Common { subject: Some(ev_subject), ..Default::default() };
    let p = config(true).track(&pv(), &common, Some(&tracker_subject), &mut FakeEnv { ids: 0 }).unwrap();
    assert_eq!((p[0].get("p"), p[0].get("uid"), p[0].get("lang")), (Some("web"), Some("u2"), Some("en")));
    let mut cfg = config(true);
    cfg.namespace = None;
    cfg.app_id = None;
    let p = cfg.track(&pv(), &Common::default(), None, &mut FakeEnv { ids: 0 }).unwrap();
    assert!(p[0].get("tna").is_none() && p[0].get("aid").is_none());
    assert_eq!(p[0].get("p"), Some("srv"));
}

#[test]
fn every_validation_error_names_its_parameter() {
    let cases: Vec<(Event, &str)> = vec![
        (Event::PageView(PageView::default()), "trackPageView: pageUrl must be a non-empty string, got \"\""),
        (Event::PagePing(PagePing::default()), "trackPagePing: pageUrl must be a non-empty string"),
        (Event::Struct(StructEvent { action: "a".into(), ..Default::default() }), "trackStructEvent: category must be a non-empty string"),
        (Event::Struct(StructEvent { category: "c".into(), ..Default::default() }), "trackStructEvent: action must be a non-empty string"),
        (Event::SelfDescribing(SelfDescribingJson::raw("", "{}")), "trackSelfDescribingEvent: event.schema must be an Iglu URI"),
        (Event::SelfDescribing(SelfDescribingJson::raw("test.schema", "{}")), "trackSelfDescribingEvent: event.schema must be an Iglu URI"),
        (Event::ScreenView(ScreenView::default()), "trackScreenView: name or id must be given"),
        (Event::MobileScreenView(MobileScreenView::default()), "trackMobileScreenView: name must be a non-empty string"),
        (
            Event::MobileScreenView(MobileScreenView { name: "n".into(), id: Some("534".into()), ..Default::default() }),
            "trackMobileScreenView: id must be a UUID",
        ),
        (
            Event::MobileScreenView(MobileScreenView { name: "n".into(), previous_id: Some("x".into()), ..Default::default() }),
            "trackMobileScreenView: previousId must be a UUID",
        ),
        (Event::LinkClick(LinkClick::default()), "trackLinkClick: targetUrl must be a non-empty string"),
        (
            Event::Cart(CartChange {
                action: CartAction::Remove,
                sku: String::new(),
                quantity: Num::int(1),
                name: None,
                category: None,
                unit_price: None,
                currency: None,
            }),
            "trackRemoveFromCart: sku must be a non-empty string",
        ),
        (
            Event::FormChange(FormChange { node_name: "INPUT".into(), ..Default::default() }),
            "trackFormChange: formId must be a non-empty string",
        ),
        (
            Event::FormChange(FormChange { form_id: "f".into(), node_name: "DIV".into(), ..Default::default() }),
            "trackFormChange: nodeName must be one of INPUT, TEXTAREA, SELECT, got \"DIV\"",
        ),
        (
            Event::FormChange(FormChange {
                form_id: "f".into(),
                node_name: "INPUT".into(),
                input_type: Some("bogus".into()),
                ..Default::default()
            }),
            "trackFormChange: type must be an HTML input type",
        ),
        (Event::FormSubmit(FormSubmit::default()), "trackFormSubmit: formId must be a non-empty string"),
        (
            Event::FormSubmit(FormSubmit {
                form_id: "f".into(),
                form_classes: None,
                elements: vec![FormElement { node_name: "P".into(), ..Default::default() }],
            }),
            "trackFormSubmit: elements[0].nodeName must be one of",
        ),
        (
            Event::FormSubmit(FormSubmit {
                form_id: "f".into(),
                form_classes: None,
                elements: vec![FormElement { node_name: "INPUT".into(), input_type: Some("x".into()), ..Default::default() }],
            }),
            "trackFormSubmit: elements[0].type must be",
        ),
        (Event::SiteSearch(SiteSearch::default()), "trackSiteSearch: terms must be a non-empty array of strings"),
        (
            Event::SiteSearch(SiteSearch { terms: vec!["t".into()], page_results: Some(Num::int(-1)), ..Default::default() }),
            "trackSiteSearch: pageResults must be an integer from 0 to 2147483647, got -1",
        ),
        (
            Event::SiteSearch(SiteSearch {
                terms: vec!["t".into()],
                total_results: Some(Num::with_text(0.5, "0.5".into())),
                ..Default::default()
            }),
            "trackSiteSearch: totalResults must be an integer",
        ),
    ];
    for (ev, want) in cases {
        let got = err(ev);
        assert!(got.starts_with(want), "got {got:?}, want {want:?}");
    }
    let item = TransactionItem { sku: String::new(), price: Num::int(1), quantity: Num::int(1), name: None, category: None };
    let tr = bare_transaction;
    assert!(err(Event::Transaction(tr("", vec![]))).starts_with("trackEcommerceTransaction: orderId must be a non-empty string"));
    assert!(err(Event::Transaction(tr("o", vec![item]))).starts_with("trackEcommerceTransaction: items[0].sku must be a non-empty string"));
    let common = Common { contexts: vec![SelfDescribingJson::raw("nope", "{}")], ..Default::default() };
    let pv = Event::PageView(PageView { page_url: "u".into(), ..Default::default() });
    let e = track_with(pv, &common, true).unwrap_err();
    assert!(e.to_string().starts_with("trackPageView: context[0].schema must be an Iglu URI"), "{e}");
    assert_eq!(e.kind, crate::ErrorKind::Type);
}
