//! Host tests of reading track options from JSON text: the messages the per-value reader
//! gave, from the facade's markers.

use super::*;
use crate::events::kinds::*;
use crate::json_read::parse;

fn read(kind: &'static Kind, text: &str) -> Result<Track> {
    track(kind, parse(text).expect("test JSON"), std::ptr::eq(kind, &WEB_PAGE_VIEW))
}

fn err(kind: &'static Kind, text: &str) -> String {
    read(kind, text).expect_err(text).message()
}

#[test]
fn fields_are_read_in_table_order_by_name() {
    let t = read(&PAGE_VIEW, r#"{"referrer":"r","pageUrl":"u","x":1,"pageUrl":"v"}"#).unwrap();
    assert_eq!(t.event.vals, vec![Val::Str("v".into()), Val::Absent, Val::Str("r".into())]);
    assert!(t.subject.is_none());
    let t = read(
        &STRUCT_EVENT,
        r#"{"category":"c","action":"a","value":1.5e3,"trueTimestamp":12,"subject":{"\u0000":"object","hold":3,"handle":9}}"#,
    )
    .unwrap();
    assert_eq!(t.event.vals[4], Val::Num(crate::Num::from_json("1.5e3").unwrap()));
    assert_eq!(t.common.true_timestamp.unwrap().as_str(), "12");
    assert_eq!(t.subject.map(|s| (s.hold, s.handle)), Some((3, 9)));
    assert!(read(&WEB_PAGE_VIEW, r#"{"\u0000":"undefined"}"#).unwrap().event.vals.iter().all(|v| *v == Val::Absent));
}

#[test]
fn messages_name_the_option_and_what_was_given() {
    let cases: &[(&Kind, &str, &str)] = &[
        (&PAGE_VIEW, r#"{"\u0000":"undefined"}"#, "options must be an object, got undefined"),
        (&WEB_PAGE_VIEW, "null", "options must be an object, got null"),
        (&PAGE_VIEW, "[1]", "options must be an object, got an array"),
        (&PAGE_VIEW, "{}", "pageUrl is required"),
        (&PAGE_VIEW, r#"{"pageUrl":{"\u0000":"function"}}"#, "pageUrl must be a string, got a function"),
        (&PAGE_VIEW, r#"{"pageUrl":""}"#, "pageUrl must be a non-empty string, got \"\""),
        (&STRUCT_EVENT, r#"{"category":"c","action":"a","value":{"\u0000":"NaN"}}"#, "value must be a finite number, got NaN"),
        (&STRUCT_EVENT, r#"{"category":"c","action":"a","value":{"\u0000":"bigint"}}"#, "value must be a number, got a BigInt"),
        (&SITE_SEARCH, r#"{"terms":["a",{"\u0000":"object"}]}"#, "terms[1] must be a string, got an object"),
        (&SITE_SEARCH, r#"{"terms":["a"],"filters":{"k":2}}"#, "filters.k must be a string or a boolean, got 2"),
        (&SITE_SEARCH, r#"{"terms":["a"],"filters":{"\u0000":"object"}}"#, "filters must be an object, got an object"),
        (
            &TRANSACTION,
            r#"{"orderId":"o","totalValue":1,"items":{}}"#,
            "items must be an array of {sku, price, quantity} objects, got an object",
        ),
        (
            &TRANSACTION,
            r#"{"orderId":"o","totalValue":1,"items":[{"sku":"s","price":1,"quantity":1},3]}"#,
            "items[1] must be an object, got 3",
        ),
        (&TRANSACTION, r#"{"orderId":"o","totalValue":1,"items":[{"sku":"s","price":1}]}"#, "items[0].quantity is required"),
        (&SELF_DESCRIBING, r#"{"event":{"data":{}}}"#, "event.schema must be a string, got undefined"),
        (
            &SELF_DESCRIBING,
            r#"{"event":{"schema":"iglu:a/b/jsonschema/1-0-0"}}"#,
            "event.data must be JSON-serialisable data, got undefined",
        ),
        (
            &PAGE_VIEW,
            r#"{"pageUrl":"u","context":[{"schema":"s","data":{"\u0000":"object"}}]}"#,
            "context[0].data must be JSON-serialisable data (no cycles, BigInt or functions), got an object",
        ),
        (&PAGE_VIEW, r#"{"pageUrl":"u","context":{}}"#, "context must be an array of {schema, data} objects, got an object"),
        (&PAGE_VIEW, r#"{"pageUrl":"u","context":["x"]}"#, "context[0] must be an object, got \"x\""),
        (&PAGE_VIEW, r#"{"pageUrl":"u","subject":3}"#, "subject must be a Subject, got 3"),
        (&PAGE_VIEW, r#"{"pageUrl":"u","trueTimestamp":"1"}"#, "trueTimestamp must be a number, got \"1\""),
    ];
    for (kind, text, want) in cases {
        let got = match read(kind, text) {
            Ok(t) => t.event.build(false, &mut || "id".into()).err().map(|e| e.message()).unwrap_or_default(),
            Err(e) => e.message(),
        };
        assert_eq!(&got, want, "{text}");
    }
}

#[test]
fn data_is_kept_as_written() {
    let t = read(
        &SELF_DESCRIBING,
        r#"{"event":{"schema":"iglu:a/b/jsonschema/1-0-0","data":{"a": [1, "\ud800"] }},"context":[{"schema":"s","data":null}]}"#,
    )
    .unwrap();
    let Val::SelfDescribing(sd) = &t.event.vals[0] else { panic!("not read") };
    assert_eq!(sd.data, crate::json::Value::Raw(r#"{"a": [1, "\ud800"] }"#.into()));
    assert_eq!(t.common.contexts[0].data, crate::json::Value::Raw("null".into()));
    assert_eq!(err(&SELF_DESCRIBING, r#"{"event":{"schema":1,"data":1}}"#), "event.schema must be a string, got 1");
}
