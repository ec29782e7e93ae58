use super::*;
use crate::json_read::parse;

/// The host as the tests play it: each function (by hold number) answers from a script; every
/// call and warning is recorded.
#[derive(Default)]
pub(crate) struct Host {
    pub answers: Vec<(u32, Option<String>)>,
    pub calls: Vec<(u32, u32, String, bool)>,
    pub warnings: Vec<String>,
}

impl Calls<u32> for Host {
    fn call(&mut self, f: &u32, slot: u32, _builder: bool, args: &str, thrown: &str) -> Option<String> {
        self.calls.push((*f, slot, args.to_owned(), !thrown.is_empty()));
        self.answers.iter().find(|(id, _)| id == f).and_then(|(_, a)| a.clone())
    }
    fn warn(&mut self, text: &str) {
        self.warnings.push(text.to_owned());
    }
}

pub(crate) fn f(hold: u32) -> String {
    format!(r#"{{"\u0000":"function","hold":{hold}}}"#)
}

const A: &str = r#"{"schema":"iglu:com.acme/a/jsonschema/1-0-0","data":{"a":1}}"#;
const B: &str = r#"{"schema":"iglu:com.acme/b/jsonschema/1-0-0","data":{"b":2}}"#;
const SHOP: &str = r#"{"accept":["iglu:com.acme.*/*/jsonschema/*-*-*"]}"#;

fn store(text: &str) -> Result<GlobalContexts<u32>> {
    let mut g = GlobalContexts::default();
    g.add(parse(text).expect("json"), "contexts", &mut |t| t.hold)?;
    Ok(g)
}

fn schemas(g: &GlobalContexts<u32>, schema: &str, host: &mut Host) -> Vec<String> {
    let mut out = Vec::new();
    g.apply(schema, &mut || "[{\"event\":{}}]".into(), host, &mut out);
    out.iter().map(|e| e.schema.rsplit('/').nth(2).unwrap_or_default().to_owned()).collect()
}

#[test]
fn primitives_come_before_conditionals_unnamed_before_named() {
    let mut g = store(&format!(r#"[[{SHOP}, {B}], {A}]"#)).expect("valid");
    g.add(parse(&format!(r#"{{"n": {B}, "c": [{SHOP}, [{A}]]}}"#)).expect("json"), "contexts", &mut |t| t.hold).expect("valid");
    let mut host = Host::default();
    assert_eq!(schemas(&g, "iglu:com.acme.shop/x/jsonschema/1-0-0", &mut host), ["a", "b", "b", "a"]);
    assert_eq!(schemas(&g, "", &mut host), ["a", "b"], "page views and structured events have no schema");
    // A name added again replaces its provider in place; a primitive and a conditional of one
    // name are two providers, as in tracker-core.
    g.add(parse(&format!(r#"{{"n": {A}}}"#)).expect("json"), "contexts", &mut |t| t.hold).expect("valid");
    assert_eq!(schemas(&g, "", &mut host), ["a", "a"]);
    assert!(host.calls.is_empty(), "static and ruleset providers cost no call");
}

#[test]
fn generators_and_filters_are_called_with_the_event() {
    let g = store(&format!(r#"[{}, [{}, [{A}, {}]]]"#, f(1), f(2), f(3))).expect("valid");
    let mut host = Host {
        answers: vec![(1, Some(format!("[{B}]"))), (2, Some("[true]".into())), (3, Some(format!("[[{A},{B}]]")))],
        ..Host::default()
    };
    assert_eq!(schemas(&g, "", &mut host), ["b", "a", "a", "b"]);
    assert_eq!(host.calls.iter().map(|c| c.0).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(host.calls.iter().all(|c| c.1 == 0 && c.2 == "[{\"event\":{}}]"));
    // A filter that does not return true: nothing from its provider.
    let mut host = Host { answers: vec![(1, Some("[null]".into())), (2, Some("[false]".into()))], ..Host::default() };
    assert_eq!(schemas(&g, "", &mut host), Vec::<String>::new());
    assert!(host.warnings.is_empty(), "undefined from a generator and false from a filter are answers");
}

#[test]
fn a_throwing_or_wrong_function_is_skipped_and_warned_about_once() {
    let g = store(&format!(r#"[{}, [{}, {A}], {B}]"#, f(1), f(2))).expect("valid");
    let mut host = Host { answers: vec![(1, None), (2, Some("[\"yes\"]".into()))], ..Host::default() };
    for _ in 0..3 {
        assert_eq!(schemas(&g, "", &mut host), ["b"], "the event keeps what the others give");
    }
    let asked_to_log: Vec<bool> = host.calls.iter().filter(|c| c.0 == 1).map(|c| c.3).collect();
    assert_eq!(asked_to_log, [true, false, false], "the host logs the first throw only");
    assert_eq!(host.warnings.len(), 1, "{:?}", host.warnings);
    assert!(host.warnings[0].contains("no boolean"));
    for wrong in ["[3]", "[[1]]", r#"[{"schema":"nope","data":{}}]"#, r#"[{"\u0000":"promise"}]"#] {
        let g = store(&format!("[{}]", f(1))).expect("valid");
        let mut host = Host { answers: vec![(1, Some(wrong.into()))], ..Host::default() };
        assert_eq!(schemas(&g, "", &mut host), Vec::<String>::new());
        assert_eq!(host.warnings.len(), 1, "{wrong}");
    }
}

#[test]
fn what_is_not_a_provider_is_a_type_error_and_adds_nothing() {
    let cases = [
        ("3", "contexts"),
        (r#"[{"schema":"iglu:com.acme/a/jsonschema/1-0-0","data":{}}, 4]"#, "contexts[1]"),
        (r#"[{"schema":"not a uri","data":{}}]"#, "contexts[0].schema"),
        (r#"[[{"accept":"iglu:com.*/a/jsonschema/1-0-0"}, {}]]"#, "contexts[0][0].accept"),
        (r#"[[{}, {}]]"#, "contexts[0][0]"),
        (r#"[[{"reject":"iglu:com.acme/a/jsonschema/1-0-0"}]]"#, "contexts[0]"),
        (r#"[[{"reject":"iglu:com.acme/a/jsonschema/1-0-0"}, [3]]]"#, "contexts[0][1][0]"),
        (r#"{"n": [1, 2, 3]}"#, "contexts.n"),
    ];
    for (text, param) in cases {
        let e = store(text).expect_err(text);
        assert!(e.to_string().contains(param), "{text}: {e}");
    }
    let mut g = store(&format!("[{A}]")).expect("valid");
    assert!(g.add(parse(&format!("[{B}, 1]")).expect("json"), "contexts", &mut |t| t.hold).is_err());
    assert_eq!(schemas(&g, "", &mut Host::default()), ["a"], "a failed add adds none of its providers");
}

#[test]
fn removal_compares_functions_by_identity_and_data_by_value() {
    let text = format!(r#"[{A}, {}, [{SHOP}, [{B}]], [{}, {B}]]"#, f(1), f(2));
    let mut g = store(&text).expect("valid");
    g.add(parse(&format!(r#"{{"n": {A}, "m": [{SHOP}, {B}]}}"#)).expect("json"), "contexts", &mut |t| t.hold).expect("valid");
    let same = &mut |a: &u32, b: &u32| a == b;
    let keep = &mut |t: Taken| t.hold;
    // Not removed: the same ruleset with its entity not in an array, another function.
    g.remove(parse(&format!(r#"[[{SHOP}, {B}], {}]"#, f(9))).expect("json"), "contexts", keep, same).expect("valid");
    let mut host = Host { answers: vec![(1, Some("[null]".into())), (2, Some("[true]".into()))], ..Host::default() };
    assert_eq!(schemas(&g, "iglu:com.acme.shop/x/jsonschema/1-0-0", &mut host), ["a", "a", "b", "b", "b"]);
    g.remove(parse(&format!(r#"[{A}, {}, [{SHOP}, [{B}]], "m"]"#, f(1))).expect("json"), "contexts", keep, same).expect("valid");
    assert_eq!(schemas(&g, "iglu:com.acme.shop/x/jsonschema/1-0-0", &mut host), ["a", "b"], "the named `n` and the filter's remain");
    g.remove(parse(&format!(r#"[[{}, {B}], "n"]"#, f(2))).expect("json"), "contexts", keep, same).expect("valid");
    assert!(g.is_empty());
    assert!(g.remove(parse("{}").expect("json"), "contexts", keep, same).is_err());
    let mut g = store(&format!("[{A}]")).expect("valid");
    g.clear();
    assert!(g.is_empty());
}

#[test]
fn the_event_text_is_made_only_for_a_function() {
    let g = store(&format!(r#"[{A}, [{SHOP}, {B}]]"#)).expect("valid");
    let mut made = 0;
    g.apply(
        "iglu:com.acme.shop/x/jsonschema/1-0-0",
        &mut || {
            made += 1;
            String::new()
        },
        &mut Host::default(),
        &mut Vec::new(),
    );
    assert_eq!(made, 0);
    let g = store(&format!("[{}, {}]", f(1), f(2))).expect("valid");
    g.apply(
        "",
        &mut || {
            made += 1;
            "[{}]".into()
        },
        &mut Host::default(),
        &mut Vec::new(),
    );
    assert_eq!(made, 1, "made once per event");
}
