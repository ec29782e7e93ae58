use super::*;
use crate::global_contexts::tests::{f, Host};
use crate::json_read::parse;

fn plugin(hold: u32, has: &[&str]) -> Result<Plugin<u32>> {
    let t = Taken { hold, handle: 0, has: has.iter().map(|h| (*h).to_owned()).collect(), function: false };
    Plugin::read(&t, "plugin", |t| t.hold)
}

fn event() -> Payload {
    let mut p = Payload::with_capacity(8);
    p.add(key::EVENT, "ue");
    p.add(key::UE_PR, r#"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":"iglu:com.acme/e/jsonschema/1-0-0","data":{}}}"#);
    p.add(key::EID, "6c6c1fc9-77b6-4b29-8a55-ad1b9d0d4fc4");
    p.add(key::PLATFORM, "srv");
    p.add(key::TV, "rs-wasm-0");
    p
}

const A: &str = r#"{"schema":"iglu:com.acme/a/jsonschema/1-0-0","data":{"a":1}}"#;

#[test]
fn only_plain_objects_with_a_hook_are_plugins() {
    assert!(plugin(1, &["filter"]).is_ok());
    let none = plugin(1, &[]).expect_err("no hook");
    assert!(none.to_string().contains("plugin"), "{none}");
    let snowplow = plugin(1, &["beforeTrack", "activateBrowserPlugin"]).expect_err("theirs");
    assert!(snowplow.to_string().contains("not supported"), "{snowplow}");
    let t = Taken { hold: 1, handle: 0, has: vec![], function: true };
    assert!(Plugin::read(&t, "plugin", |t| t.hold).is_err());
}

#[test]
fn plugin_contexts_come_before_global_contexts_and_hooks_are_slots() {
    let mut ext = Extensions::default();
    ext.globals.add(parse(&format!("[{}]", f(9))).expect("json"), "contexts", &mut |t| t.hold).expect("valid");
    ext.plugins.push(plugin(1, &["contexts", "afterTrack"]).expect("valid"));
    let b = A.replace("/a/", "/b/");
    let mut host = Host { answers: vec![(1, Some(format!("[[{A}]]"))), (9, Some(format!("[{b}]")))], ..Host::default() };
    let mut out = Vec::new();
    ext.contexts(&event(), "iglu:com.acme/e/jsonschema/1-0-0", &mut host, &mut out);
    assert_eq!(
        out.iter().map(|e| e.schema.as_str()).collect::<Vec<_>>(),
        ["iglu:com.acme/a/jsonschema/1-0-0", "iglu:com.acme/b/jsonschema/1-0-0"]
    );
    assert_eq!((host.calls[0].0, host.calls[0].1, host.calls[0].2.as_str()), (1, 1, "[]"), "contexts() is slot 1, no arguments");
    let args = &host.calls[1].2;
    assert!(args.starts_with(r#"[{"event":{"e":"ue","eid":"#), "{args}");
    assert!(args.ends_with(r#""eventType":"ue","eventSchema":"iglu:com.acme/e/jsonschema/1-0-0"}]"#), "{args}");
    assert!(!args.contains("ue_pr"), "the event's fields, its JSON apart: {args}");
    ext.after_track("{}", &mut host);
    assert_eq!(host.calls.last().map(|c| (c.1, c.2.as_str())), Some((4, "[{}]")));
}

#[test]
fn filters_drop_on_false_or_a_throw_and_keep_on_anything_else() {
    let verdict = |answer: Option<&str>| {
        let mut ext = Extensions::default();
        ext.plugins.push(plugin(1, &["filter"]).expect("valid"));
        let mut host = Host { answers: vec![(1, answer.map(str::to_owned))], ..Host::default() };
        (ext.keep("{}", &mut host), host.warnings.len())
    };
    assert_eq!(verdict(Some("[false]")), (false, 0));
    assert_eq!(verdict(None), (false, 0), "a throw drops (the host logs it)");
    assert_eq!(verdict(Some("[true]")), (true, 0));
    assert_eq!(verdict(Some("[null]")), (true, 0), "undefined is not false");
    assert_eq!(verdict(Some(r#"[{"\u0000":"promise"}]"#)), (true, 1), "a promise is ignored, with a warning");
}

#[test]
fn before_track_changes_fields_and_entities_as_the_builder_allows() {
    let mut ext = Extensions::default();
    ext.plugins.push(plugin(1, &["beforeTrack"]).expect("valid"));
    let ctx = crate::events::read::entity(parse(A).expect("json"), "a").expect("entity");
    let state = builder::args(&event(), &[&ctx]);
    assert!(state.starts_with(r#"[{"e":"ue","eid":"#), "{state}");
    assert!(
        state.contains(
            r#"{"keyIfEncoded":"ue_px","keyIfNotEncoded":"ue_pr","json":{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/"#
        ),
        "{state}"
    );
    assert!(
        state.contains(r#"{"keyIfEncoded":"cx","keyIfNotEncoded":"co","json":{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/"#),
        "{state}"
    );
    // The host answers with the fields (one changed in place), the entries and the calls.
    let b = A.replace("/a/", "/b/");
    let answer = format!(
        r#"[null,{{"e":"ue","eid":"6c6c1fc9-77b6-4b29-8a55-ad1b9d0d4fc4","p":"web","tv":"rs-wasm-0"}},[{{"keyIfEncoded":"cx","keyIfNotEncoded":"co","json":{{"schema":"s","data":[{A}]}}}}],
        [["add","uid","u1"],["add","url",null],["add","page",""],["addDict",{{"tz":"UTC"}}],["addContextEntity",{b}],["addJson","ue_px","ue_pr",{{"schema":"iglu:x","data":{{}}}}],["addJson","ue_px","ue_pr",{{}}]]]"#
    );
    let mut host = Host { answers: vec![(1, Some(answer))], ..Host::default() };
    let (p, contexts) = ext.before_track(event(), vec![ctx.clone()], false, &mut host);
    assert!(host.calls[0].3 && host.calls[0].1 == 2, "beforeTrack is slot 2");
    assert_eq!(p.get("p"), Some("web"));
    assert_eq!((p.get("uid"), p.get("tz"), p.get("url"), p.get("page")), (Some("u1"), Some("UTC"), None, None));
    assert_eq!(p.get("ue_pr"), Some(r#"{"schema":"iglu:x","data":{}}"#));
    assert_eq!(
        contexts.iter().map(|c| c.schema.as_str()).collect::<Vec<_>>(),
        ["iglu:com.acme/a/jsonschema/1-0-0", "iglu:com.acme/b/jsonschema/1-0-0"]
    );
    assert!(host.warnings.is_empty(), "{:?}", host.warnings);
    // A builder whose objects were never asked for: its calls apply to the event as it was.
    let answer = format!(r#"[null,0,0,[["add","uid","u2"],["addContextEntity",{b}],["addJson","cx","co",{{"schema":"s","data":[{b}]}}]]]"#);
    let mut host = Host { answers: vec![(1, Some(answer))], ..Host::default() };
    let (p, contexts) = ext.before_track(event(), vec![ctx.clone()], true, &mut host);
    assert_eq!((p.get("uid"), p.get("p"), p.get("ue_pr")), (Some("u2"), Some("srv"), event().get("ue_pr")));
    let names: Vec<&str> = contexts.iter().map(|c| &c.schema[9..17]).collect();
    assert_eq!(names, ["acme/a/j", "acme/b/j", "acme/b/j"], "the event's own, then addJson's, then addContextEntity's");
    // What a collector would refuse is not an event: that plugin is skipped for it, warned once.
    for bad in [
        r#"[null,{"e":"ue","eid":"6c6c1fc9-77b6-4b29-8a55-ad1b9d0d4fc4","p":"web","tv":"t","custom":"x"},[],[]]"#,
        r#"[null,{"e":"pv"},[],[]]"#,
        r#"[null,{"e":"pv","uid":3},[],[]]"#,
        r#"[null,{},[],[["addContextEntity",{"schema":1}]]]"#,
    ] {
        let mut host = Host { answers: vec![(1, Some(bad.to_owned()))], ..Host::default() };
        let mut ext = Extensions::default();
        ext.plugins.push(plugin(1, &["beforeTrack"]).expect("valid"));
        let (p, contexts) = ext.before_track(event(), vec![ctx.clone()], true, &mut host);
        assert_eq!((p, contexts.len()), (event(), 1), "{bad}: unchanged");
        assert_eq!(host.warnings.len(), 1, "{bad}");
    }
}
