use std::time::Instant;

use super::*;

fn ok(text: &str) -> Value<'_> {
    parse(text).unwrap_or_else(|| panic!("refused {text:.40}"))
}

fn s(v: Option<Value<'_>>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(Cow::into_owned)
}

#[test]
fn values_keep_their_source_text() {
    let text = " {\"schema\" : \"iglu:x\", \"data\":{ \"a\" : [1, 2.50,-0e+0 ] ,\"b\":null} }\n";
    let root = ok(text);
    assert_eq!(root.kind(), Kind::Object);
    assert_eq!(root.raw(), text.trim());
    let data = root.get("data").unwrap();
    assert_eq!(data.raw(), "{ \"a\" : [1, 2.50,-0e+0 ] ,\"b\":null}");
    let a = data.get("a").unwrap();
    assert_eq!((a.kind(), a.len(), a.raw()), (Kind::Array, 3, "[1, 2.50,-0e+0 ]"));
    let numbers: Vec<_> = a.items().map(|v| v.as_number().unwrap()).collect();
    assert_eq!(numbers, ["1", "2.50", "-0e+0"]);
    assert_eq!(a.at(1).map(Value::raw), Some("2.50"));
    assert_eq!(a.at(3), None);
    assert!(data.get("b").unwrap().is_null());
    assert_eq!(s(root.get("schema")), Some("iglu:x".into()));
    assert_eq!(root.get("missing"), None);
    assert_eq!(a.get("a"), None, "an array has no members");
    assert_eq!(data.items().count(), 0, "an object has no items");
    assert_eq!((ok("true").as_bool(), ok("false").as_bool(), ok("1").as_bool()), (Some(true), Some(false), None));
    assert_eq!((ok("\"1\"").as_number(), ok("1").as_str()), (None, None));
    assert_eq!((ok("{}").len(), ok("[]").is_empty(), ok("7").len()), (0, true, 0));
}

#[test]
fn the_last_of_repeated_keys_wins_and_members_keep_order() {
    let root = ok(r#"{"a":1,"b":2,"a":3,"\u0061":4,"c":{"a":5}}"#);
    assert_eq!(root.get("a").map(Value::raw), Some("4"));
    let keys: Vec<_> = root.members().map(|(k, v)| (k.into_owned(), v.raw())).collect();
    assert_eq!(keys[..4], [("a".into(), "1"), ("b".into(), "2"), ("a".into(), "3"), ("a".into(), "4")]);
    assert_eq!(root.len(), 5);
}

#[test]
fn strings_are_decoded() {
    let plain = ok("\"héllo 😀\"");
    assert!(matches!(plain.as_str(), Some(Cow::Borrowed("héllo 😀"))));
    for (text, want) in [
        (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
        (r#""\u00e9\u00E9é""#, "ééé"),
        (r#""a\ud83d\ude00b""#, "a😀b"),
        (r#""\ud800""#, "\u{FFFD}"),
        (r#""\udc00x""#, "\u{FFFD}x"),
        (r#""\ud800\u0041""#, "\u{FFFD}A"),
        (r#""\ud800\ud800\udc00""#, "\u{FFFD}𐀀"),
        (r#""\ud800\n""#, "\u{FFFD}\n"),
        (r#""\u0000""#, "\0"),
    ] {
        assert_eq!(s(Some(ok(text))), Some(want.into()), "{text}");
    }
}

#[test]
fn malformed_text_is_refused() {
    for bad in [
        "",
        " ",
        "{",
        "[",
        "]",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\"}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{1:1}",
        "01",
        "-01",
        "-",
        "1.",
        ".5",
        "+1",
        "1e",
        "1e+",
        "0x1",
        "NaN",
        "Infinity",
        "-Infinity",
        "nul",
        "tru",
        "True",
        "nulll",
        "\"",
        "\"abc",
        "\"\\\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\U0041\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\u{1}\"",
        "\"\u{0}\"",
        "[1] x",
        "[1][2]",
        "1 2",
        "\u{feff}1",
        "\u{a0}1",
        "\u{b}1",
        "\u{c}1",
        "[1 2]",
        "{\"a\":1 \"b\":2}",
        "[\"a\",]",
        "/**/1",
        "[1]//",
    ] {
        assert_eq!(parse(bad), None, "{bad:?}");
    }
}

#[test]
fn whitespace_is_the_four_of_rfc_8259() {
    assert_eq!(ok(" \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n2 \t\r\n} \t\r\n] \t\r\n").len(), 2);
    assert_eq!(ok("\"\u{7f}\u{80}\u{2028}\"").as_str().map(|s| s.chars().count()), Some(3));
}

#[test]
fn nesting_is_limited_to_256() {
    let depth = MAX_DEPTH as usize;
    let arrays = |n: usize| ["[".repeat(n), "]".repeat(n)].concat();
    let objects = |n: usize| ["{\"k\":".repeat(n), "0".into(), "}".repeat(n)].concat();
    assert!(parse(&arrays(depth)).is_some());
    assert!(parse(&arrays(depth + 1)).is_none());
    assert!(parse(&objects(depth)).is_some());
    assert!(parse(&objects(depth + 1)).is_none());
    let deepest = objects(depth);
    let mut v = ok(&deepest);
    for _ in 0..depth {
        v = v.get("k").unwrap();
    }
    assert_eq!(v.raw(), "0");
    for hostile in ["[".repeat(1_000_000), "{\"a\":".repeat(300_000), "[{\"a\":".repeat(200_000)] {
        assert!(parse(&hostile).is_none());
    }
}

#[test]
fn huge_texts_take_linear_time() {
    let n = 200_000;
    let items = ["[", &"{\"a\":\"x\\u00e9\",\"b\":[1,2]},".repeat(n), "0]"].concat();
    let members =
        ["{", &(0..n).map(|i| ["\"k", &i.to_string(), "\":", &i.to_string(), ","].concat()).collect::<String>(), "\"end\":1}"].concat();
    let long_string = ["\"", &"ab\\n".repeat(n * 5), "\""].concat();
    let started = Instant::now();
    let root = ok(&items);
    assert_eq!(root.len(), n + 1);
    assert_eq!(root.items().filter(|v| v.get("a").is_some()).count(), n);
    let obj = ok(&members);
    assert_eq!(obj.get("end").map(Value::raw), Some("1"));
    assert_eq!(obj.members().count(), n + 1);
    assert_eq!(ok(&long_string).as_str().map(|s| s.len()), Some(n * 15));
    let unterminated = ["[", &"1,".repeat(n * 5)].concat();
    assert!(parse(&unterminated).is_none());
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}
