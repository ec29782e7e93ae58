use super::*;
use crate::emitter::{EmitterOptions, Timeout};
use crate::json_read::parse;
use crate::Num;

fn emitter(text: &str) -> crate::Result<(EmitterOptions, Read)> {
    let v = parse(text).expect("test JSON");
    let mut r = read_set(&ASYNC_EMITTER, Some(v), "options")?;
    Ok((EmitterOptions::from_read(&mut r), r))
}

fn message(text: &str) -> String {
    emitter(text).expect_err("an error").message()
}

#[test]
fn reads_every_kind_by_name() {
    let text = r#"{"method":"get","port":8080,"bufferSize":2.5,"requestTimeout":[1,0.5],"customRetryCodes":{"429":false},
        "customHeaders":{"X-A":"b"},"onSuccess":{"\u0000":"function","hold":4},"eventStore":"memory","storageKey":"k","unknown":[1]}"#;
    let (o, mut r) = emitter(text).expect("valid");
    assert_eq!(o.method.as_deref(), Some("get"));
    assert_eq!(o.port.as_ref().map(Num::as_str), Some("8080"));
    assert_eq!(o.buffer_size.as_ref().map(Num::as_str), Some("2.5"));
    assert!(matches!(o.request_timeout, Some(Timeout::Phases(ref a, ref b)) if a.as_str() == "1" && b.as_str() == "0.5"));
    assert_eq!(o.custom_retry_codes, vec![("429".to_owned(), false)]);
    assert_eq!(o.custom_headers, vec![("X-A".to_owned(), "b".to_owned())]);
    assert_eq!(r.held("onSuccess").map(|t| t.hold), Some(4));
    assert!(r.held("onFailure").is_none());
    assert_eq!(r.str("eventStore").as_deref(), Some("memory"));
    assert_eq!(r.str("storageKey").as_deref(), Some("k"));
}

#[test]
fn null_undefined_and_left_out_are_absent() {
    let (o, _) = emitter(r#"{"port":null,"method":{"\u0000":"undefined"}}"#).expect("valid");
    assert_eq!(o, EmitterOptions::default());
    let mut r = read_set(&EMITTER, None, "options").expect("no bag");
    assert_eq!(r.num("port"), None);
    let undefined = parse(r#"{"\u0000":"undefined"}"#).expect("json");
    assert!(read_set(&EMITTER, Some(undefined), "options").is_ok());
}

#[test]
fn messages_say_what_was_given() {
    assert_eq!(message(r#"{"protocol":5}"#), "protocol must be a string, got 5");
    assert_eq!(message(r#"{"port":"80"}"#), "port must be a number, got \"80\"");
    assert_eq!(message(r#"{"port":{"\u0000":"NaN"}}"#), "port must be a finite number, got NaN");
    assert_eq!(message(r#"{"bufferSize":{"\u0000":"-Infinity"}}"#), "bufferSize must be a finite number, got -Infinity");
    assert_eq!(message(r#"{"byteLimit":{"\u0000":"bigint"}}"#), "byteLimit must be a number, got a BigInt");
    assert_eq!(message(r#"{"method":{"\u0000":"symbol"}}"#), "method must be a string, got a symbol");
    assert_eq!(message(r#"{"onSuccess":5}"#), "onSuccess must be a function, got 5");
    assert_eq!(message(r#"{"onFailure":{"\u0000":"object"}}"#), "onFailure must be a function, got an object");
    assert_eq!(message(r#"{"fetch":[]}"#), "fetch must be a function, got an array");
    assert_eq!(message(r#"{"requestTimeout":[1]}"#), "requestTimeout must be seconds or [connect, read] seconds, got an array");
    assert_eq!(message(r#"{"requestTimeout":[1,null]}"#), "requestTimeout[1] is required");
    assert_eq!(message(r#"{"requestTimeout":[1,{"\u0000":"NaN"}]}"#), "requestTimeout[1] must be a finite number, got NaN");
    assert_eq!(message(r#"{"requestTimeout":true}"#), "requestTimeout must be a number, got true");
    assert_eq!(
        message(r#"{"customHeaders":{"\u0000":"object"}}"#),
        "customHeaders must be an object of header name → string, got an object"
    );
    assert_eq!(message(r#"{"customHeaders":{"X":1}}"#), "customHeaders.X must be a string, got 1");
    assert_eq!(message(r#"{"customRetryCodes":{"500":"yes"}}"#), "customRetryCodes.500 must be a boolean, got \"yes\"");
    assert_eq!(message(r#"{"customRetryCodes":[true]}"#), "customRetryCodes must be an object of status → boolean, got an array");
    assert!(message(r#"{"eventStore":5}"#).starts_with("eventStore must be \"memory\""));
    assert_eq!(message(r#"[1]"#), "options must be an object, got an array");
    assert_eq!(message(r#"{"\u0000":"function"}"#), "options must be an object, got a function");
    assert_eq!(message(r#""x""#), "options must be an object, got \"x\"");
}

#[test]
fn long_strings_are_cut_in_messages() {
    let long = "a".repeat(50);
    // The first invalid option in declaration order is named.
    assert_eq!(message(r#"{"method":5,"protocol":50}"#), "protocol must be a string, got 50");
    let text = ["{\"port\":\"", &long, "\"}"].concat();
    assert_eq!(message(&text), ["port must be a number, got \"", &"a".repeat(40), "…\""].concat());
}

#[test]
fn what_the_facade_takes_is_declared_with_what_it_asks_of_it() {
    let held: Vec<&str> = ASYNC_EMITTER.all().iter().filter(|d| d.kind.takes().is_some()).map(|d| d.name).collect();
    assert_eq!(held, ["onSuccess", "onFailure", "onRequestSuccess", "onRequestFailure", "fetch", "eventStore"]);
    assert_eq!(ASYNC_EMITTER.all().last().map(|d| d.name), Some("threadCount"));
    assert_eq!(TRACKER_PARAMS.first(), Some(&Param::Held("emitters", "object input")));
    let store = ASYNC_EMITTER.all().into_iter().find(|d| d.name == "eventStore").map(|d| d.kind.takes());
    assert_eq!(store, Some(Some("object load add remove")));
}

fn tracker(text: &str) -> crate::Result<Read> {
    read_set(&TRACKER, Some(parse(text).expect("test JSON")), "options")
}

fn tracker_message(text: &str) -> String {
    tracker(text).expect_err("an error").message()
}

#[test]
fn tracker_options_read_booleans_objects_and_nested_bags() {
    let mut r = tracker(
        r#"{"encodeBase64":false,"subject":{"\u0000":"object","hold":1,"handle":3},"contexts":{"webPage":false,"other":1},
        "anonymousTracking":{"withServerAnonymisation":true},"onSessionUpdateCallback":{"\u0000":"function","hold":2}}"#,
    )
    .expect("valid");
    assert_eq!(r.bool("encodeBase64"), Some(false));
    assert_eq!(r.held("subject").map(|t| t.handle), Some(3));
    assert_eq!(r.held("onSessionUpdateCallback").map(|t| t.hold), Some(2));
    let mut contexts = r.bag("contexts");
    assert_eq!((contexts.bool("webPage"), contexts.bool("session")), (Some(false), None));
    match r.take("anonymousTracking") {
        Got::Bag(mut a) => assert_eq!((a.bool("withSessionTracking"), a.bool("withServerAnonymisation")), (None, Some(true))),
        other => panic!("{other:?}"),
    }
    assert_eq!(tracker(r#"{"anonymousTracking":true}"#).expect("valid").take("anonymousTracking"), Got::Bool(true));
    // An absent bag reads as every option absent.
    assert_eq!(tracker("{}").expect("valid").bag("contexts").bool("webPage"), None);
}

#[test]
fn tracker_messages_name_the_option() {
    assert_eq!(tracker_message(r#"{"encodeBase64":"yes"}"#), "encodeBase64 must be a boolean, got \"yes\"");
    assert_eq!(tracker_message(r#"{"subject":"s"}"#), "subject must be a Subject or null, got \"s\"");
    assert_eq!(tracker_message(r#"{"contexts":true}"#), "contexts must be an object, got true");
    assert_eq!(tracker_message(r#"{"contexts":{"session":1}}"#), "contexts.session must be a boolean, got 1");
    assert_eq!(
        tracker_message(r#"{"anonymousTracking":{"\u0000":"function"}}"#),
        "anonymousTracking must be a boolean or { withSessionTracking, withServerAnonymisation }, got a function"
    );
    assert_eq!(
        tracker_message(r#"{"anonymousTracking":{"withSessionTracking":"on"}}"#),
        "anonymousTracking.withSessionTracking must be a boolean, got \"on\""
    );
    assert_eq!(tracker_message(r#"{"onSessionUpdateCallback":1}"#), "onSessionUpdateCallback must be a function, got 1");
    let store = taken(parse(r#"{"\u0000":"object","hold":7,"handle":2,"has":["load","add","remove"]}"#).expect("json"));
    assert!(store.as_ref().is_some_and(|t| t.hold == 7 && t.handle == 2 && crate::emitter::store::is_custom_store(t)));
    let partial = taken(parse(r#"{"\u0000":"object","hold":7,"has":["load","add"]}"#).expect("json"));
    assert!(partial.is_some_and(|t| t.handle == 0 && !crate::emitter::store::is_custom_store(&t)));
    assert!(taken(parse(r#"{"\u0000":"object"}"#).expect("json")).is_none(), "an object the facade only marked");
    assert!(taken(parse(r#"{"\u0000":"undefined","hold":1}"#).expect("json")).is_none());
}

#[test]
fn every_declared_name_is_unique_and_documented() {
    for (set, (set_doc, docs)) in SETS {
        assert!(!set_doc.is_empty(), "{}", set.name);
        assert_eq!(set.decls.len(), docs.len(), "{}", set.name);
        assert!(docs.iter().all(|(ts, doc)| !ts.is_empty() && !doc.is_empty()), "{}", set.name);
        let all = set.all();
        for (i, d) in all.iter().enumerate() {
            assert!(all.iter().skip(i + 1).all(|e| e.name != d.name), "{} twice", d.name);
        }
    }
}

#[test]
fn methods_defined_from_the_table_are_declared_for_typescript() {
    use super::{Param, METHODS, METHOD_DOCS};
    for (class, docs) in METHOD_DOCS {
        let (_, methods) = METHODS.iter().find(|(c, _)| c == class).unwrap();
        assert_eq!(methods.len(), docs.len(), "{class}");
        for ((name, params), (ts, returns, doc)) in methods.iter().zip(docs.iter()) {
            let declared: Vec<&str> = params
                .iter()
                .map(|p| match p {
                    Param::Value(n) | Param::Held(n, _) | Param::Bag(n, _) | Param::Providers(n) => *n,
                    Param::Option(d) => d.name,
                })
                .collect();
            let typed: Vec<&str> = ts.split(", ").filter(|p| !p.is_empty()).map(|p| p.split([':', '?']).next().unwrap()).collect();
            assert_eq!(declared, typed, "{class}.{name}");
            assert!(!returns.is_empty() && !doc.is_empty(), "{class}.{name}");
        }
    }
    let (_, setters) = METHODS.iter().find(|(c, _)| *c == "Subject").unwrap();
    assert!(setters.iter().all(|(name, _)| crate::subject::setter(name).is_some()));
    assert_eq!(crate::subject::setter("setBogus"), None);
}

#[test]
fn every_handle_class_is_declared_for_typescript() {
    use super::{CLASSES, CLASS_DOCS, GETTERS, HANDLE_CLASSES, METHODS};
    let named: Vec<&str> = CLASS_DOCS.iter().map(|d| d.0).collect();
    assert_eq!(named, HANDLE_CLASSES);
    for (class, params, doc, constructor) in CLASS_DOCS {
        assert!(!doc.is_empty() && !constructor.is_empty(), "{class}");
        let declared = CLASSES.iter().find(|(c, _)| c == class).map_or(0, |(_, p)| p.len());
        assert_eq!(params.split(", ").filter(|p| !p.is_empty()).count(), declared, "{class}");
    }
    // A getter takes no argument.
    for (_, methods) in METHODS {
        assert!(methods.iter().filter(|(n, _)| GETTERS.contains(n)).all(|(_, p)| p.is_empty()));
    }
}
