//! Property tests of the JSON reader and the number reader, with serde_json (and `str::parse`)
//! as the oracle. Each prints its case count (`cargo test -- --show-output`).
//!
//! serde_json is built with `arbitrary_precision`, so it keeps number texts as written and, like
//! `JSON.parse` and our reader, accepts numbers beyond f64's range (`1e400`). One deliberate
//! difference remains: a lone surrogate escape (`"\ud800"`) is refused by serde_json, accepted by
//! `JSON.parse` and by our reader (as U+FFFD); the oracle sees such escapes as `\uFFFD`.

// Test code: a helper's failed unwrap or out-of-range index is a failed case.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use serde_json::Value as Serde;
use snowplow_core::json_read::{parse, Value};
use snowplow_core::num_read::number;

mod common;
use common::check;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        proptest::collection::vec(
            prop_oneof![Just('a'), Just('"'), Just('\\'), Just('/'), Just('\n'), Just('\u{1}'), Just('\u{7f}'), Just('é'), Just('😀')],
            0..8
        )
        .prop_map(String::from_iter),
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![any::<f64>().prop_filter("finite", |x| x.is_finite()), (-1e6f64..1e6), (-1000i32..1000).prop_map(|i| f64::from(i) / 8.0)]
}

fn json() -> impl Strategy<Value = Serde> {
    let leaf = prop_oneof![
        Just(Serde::Null),
        any::<bool>().prop_map(Serde::Bool),
        any::<i64>().prop_map(Serde::from),
        any::<u64>().prop_map(Serde::from),
        finite().prop_map(Serde::from),
        text().prop_map(Serde::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Serde::Array),
            proptest::collection::vec((text(), inner), 0..6).prop_map(|m| Serde::Object(m.into_iter().collect())),
        ]
    })
}

/// Our reading of `ours` is serde_json's value `theirs`; with `compact`, every raw slice is
/// serde_json's own compact text of that value.
fn same(ours: Value<'_>, theirs: &Serde, compact: bool) -> Result<(), TestCaseError> {
    if compact {
        prop_assert_eq!(ours.raw(), serde_json::to_string(theirs).unwrap());
    }
    match theirs {
        Serde::Null => prop_assert!(ours.is_null()),
        Serde::Bool(b) => prop_assert_eq!(ours.as_bool(), Some(*b)),
        Serde::Number(n) => {
            let t = n.to_string();
            prop_assert_eq!(ours.as_number(), Some(t.as_str()));
            let std = t.parse::<f64>().unwrap();
            prop_assert!(number(&t).is_some_and(|v| ulps(v, std) <= 1), "{t}");
        }
        Serde::String(s) => {
            let decoded = ours.as_str();
            prop_assert_eq!(decoded.as_deref(), Some(s.as_str()));
        }
        Serde::Array(a) => {
            prop_assert_eq!(ours.len(), a.len());
            for (o, t) in ours.items().zip(a) {
                same(o, t, compact)?;
            }
        }
        Serde::Object(m) => {
            prop_assert_eq!(ours.len(), m.len());
            for ((ok, ov), (tk, tv)) in ours.members().zip(m) {
                prop_assert_eq!(&ok, tk);
                prop_assert_eq!(ours.get(tk), Some(ov));
                same(ov, tv, compact)?;
            }
        }
    }
    Ok(())
}

/// `v` written with every character outside printable ASCII (and some inside) as `\u` escapes,
/// astral ones as surrogate pairs, and whitespace between tokens.
fn escaped(v: &Serde, out: &mut String) {
    match v {
        Serde::String(s) => {
            out.push('"');
            for c in s.chars() {
                let mut units = [0u16; 2];
                match c {
                    '"' | '\\' => out.extend(['\\', c]),
                    '/' => out.push_str("\\/"),
                    ' '..='~' if c != 'a' => out.push(c),
                    _ => {
                        for u in c.encode_utf16(&mut units).iter() {
                            let hex = format!("{u:04x}");
                            out.push_str("\\u");
                            out.push_str(&if u % 3 == 0 { hex.to_uppercase() } else { hex });
                        }
                    }
                }
            }
            out.push('"');
        }
        Serde::Array(a) => {
            out.push_str("[ ");
            for (i, item) in a.iter().enumerate() {
                out.push_str(if i > 0 { " ,\n" } else { "" });
                escaped(item, out);
            }
            out.push_str("\t]");
        }
        Serde::Object(m) => {
            out.push_str("{\r\n");
            for (i, (k, item)) in m.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                escaped(&Serde::String(k.clone()), out);
                out.push_str(" : ");
                escaped(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Distance in units in the last place (`u64::MAX` across signs).
fn ulps(a: f64, b: f64) -> u64 {
    if a == b {
        0
    } else if a.is_sign_negative() != b.is_sign_negative() {
        u64::MAX
    } else {
        a.to_bits().abs_diff(b.to_bits())
    }
}

#[test]
fn reads_what_serde_json_writes() {
    check("reads serde_json's compact text", 1000, json(), |v| same(parse(&serde_json::to_string(&v).unwrap()).unwrap(), &v, true));
    check("reads serde_json's pretty text", 300, json(), |v| same(parse(&serde_json::to_string_pretty(&v).unwrap()).unwrap(), &v, false));
    check("decodes every escape", 600, json(), |v| {
        let mut t = String::new();
        escaped(&v, &mut t);
        prop_assert_eq!(&serde_json::from_str::<Serde>(&t).unwrap(), &v, "{}", t);
        same(parse(&t).unwrap(), &v, false)
    });
}

/// `t` with every surrogate `\u` escape made `\uFFFD` (serde_json refuses lone ones).
fn mask_surrogates(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let esc = &rest[at..];
        let hex = esc.strip_prefix("\\u").and_then(|r| r.get(..4)).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\uFFFD");
                rest = &esc[6..];
            }
            _ => {
                let next = esc[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&esc[..next]);
                rest = &esc[next..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn accept_like_serde(t: String) -> Result<(), TestCaseError> {
    let theirs = serde_json::from_str::<Serde>(&mask_surrogates(&t)).is_ok();
    prop_assert_eq!(parse(&t).is_some(), theirs, "{:?}", t);
    Ok(())
}

fn piece() -> impl Strategy<Value = String> {
    const TOKENS: [&str; 44] = [
        "/",
        "\\/",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        " ",
        "\n",
        "\t",
        "\r",
        "0",
        "1",
        "9",
        "-",
        "+",
        ".",
        "e",
        "E",
        "true",
        "false",
        "null",
        "nul",
        "a",
        "é",
        "😀",
        "\u{0}",
        "\u{1f}",
        "\u{feff}",
        "\\u00e9",
        "\\ud83d",
        "\\ude00",
        "\\uD800\\uDC00",
        "\\u12",
        "\\n",
        "\\x",
        "1e5",
        "-0.5",
        "01",
        "\"k\":",
        "\"s\"",
    ];
    proptest::sample::select(&TOKENS[..]).prop_map(str::to_owned)
}

#[test]
fn accepts_and_refuses_as_serde_json() {
    check("arbitrary text", 4000, proptest::collection::vec(piece(), 0..16).prop_map(|p| p.concat()), accept_like_serde);
    check(
        "arbitrary bytes",
        1000,
        proptest::collection::vec(any::<u8>(), 0..24).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        accept_like_serde,
    );
    let mutated = (json(), proptest::collection::vec((any::<prop::sample::Index>(), 0..4usize, piece()), 1..4)).prop_map(|(v, edits)| {
        let mut chars: Vec<char> = serde_json::to_string(&v).unwrap().chars().collect();
        for (at, cut, insert) in edits {
            let i = at.index(chars.len() + 1);
            let end = (i + cut).min(chars.len());
            chars.splice(i..end, insert.chars());
        }
        String::from_iter(chars)
    });
    check("mutated valid text", 2000, mutated, accept_like_serde);
}
