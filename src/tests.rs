//! In-crate wasm tests, run in Node (`wasm-pack test --node`) and headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`). The collector is
//! tests/support/collector.mjs; its URL is baked in at compile time from
//! `SNOWPLOW_TEST_COLLECTOR`.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::api::emitter::JsEmitter;
use crate::api::subject::JsSubject;
use crate::api::tracker::JsTracker;
use crate::boundary::answer::Answer;
use crate::boundary::errors::Thrown;
use crate::boundary::tasks::promise;
use crate::platform::env::{runtime, Runtime};
use snowplow_core::events::kinds;

fn collector() -> &'static str {
    option_env!("SNOWPLOW_TEST_COLLECTOR").expect("build the tests with SNOWPLOW_TEST_COLLECTOR=http://127.0.0.1:PORT")
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn s(v: &str) -> &str {
    v
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn test_fetch(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fetch)]
    fn test_fetch_with(url: &str, init: &JsValue) -> js_sys::Promise;
}

/// Tell the collector how to answer its next requests (`[{"status":500}]`…).
async fn script(answers: &str) {
    let init = obj(&[("method", JsValue::from_str("POST")), ("body", JsValue::from_str(answers))]);
    JsFuture::from(test_fetch_with(&format!("{}/__script", collector()), &init)).await.unwrap();
}

/// The events the collector received with `aid` = `app`.
async fn received(app: &str) -> Vec<(String, JsValue)> {
    let resp = JsFuture::from(test_fetch(&format!("{}/__requests", collector()))).await.unwrap();
    let json = Reflect::get(&resp, &"json".into()).unwrap().unchecked_into::<Function>().call0(&resp).unwrap();
    let requests: Array = JsFuture::from(js_sys::Promise::from(json)).await.unwrap().unchecked_into();
    let mut out = Vec::new();
    for r in requests.iter() {
        let method = Reflect::get(&r, &"method".into()).unwrap().as_string().unwrap();
        let events: Array = Reflect::get(&r, &"events".into()).unwrap().unchecked_into();
        let errors: Array = Reflect::get(&r, &"errors".into()).unwrap().unchecked_into();
        for e in events.iter() {
            if Reflect::get(&e, &"aid".into()).unwrap().as_string().as_deref() == Some(app) {
                assert_eq!(errors.length(), 0, "schema errors: {:?}", errors.join("; "));
                out.push((method.clone(), e));
            }
        }
    }
    out
}

fn field(e: &JsValue, k: &str) -> Option<String> {
    Reflect::get(e, &k.into()).unwrap().as_string()
}

fn error_message(e: Thrown) -> (String, String) {
    let Some(crate::boundary::errors::Pending::Core(e)) = e.take() else { panic!("not a core error") };
    let name = if e.kind == snowplow_core::ErrorKind::Range { "RangeError" } else { "TypeError" };
    (name.to_owned(), e.message())
}

/// The string a call answered (a JSON string's text).
fn answered_text(a: Answer) -> Option<String> {
    let Answer::Json(text) = a else { return None };
    text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).map(str::to_owned)
}

/// `trackPageView` as the facade calls it: the event id.
fn page_view(t: &JsTracker, message: &str) -> Result<Option<String>, Thrown> {
    t.track(&kinds::PAGE_VIEW, message).map(answered_text)
}

/// `trackStructEvent` as the facade calls it: the event id.
fn struct_event(t: &JsTracker, message: &str) -> Result<Option<String>, Thrown> {
    t.track(&kinds::STRUCT_EVENT, message).map(answered_text)
}

/// The marker the facade writes for `value` taken out of a message (`kind` `"object"` or
/// `"function"`), held by the host as it holds it: its number, the package handle (0: none) and
/// the functions it was asked about and has.
fn taken(value: &JsValue, kind: &str, handle: u32, has: &[&str]) -> String {
    let id = crate::boundary::js::hold(vec![value.clone()]);
    let has: Vec<String> = has.iter().map(|n| format!("{n:?}")).collect();
    format!(r#"{{"\u0000":{kind:?},"hold":{id},"handle":{handle},"has":[{}]}}"#, has.join(","))
}

/// A tracker made as the facade makes one: `emitters` the marker (or array) of its emitters,
/// `options` the bag's JSON text.
fn new_tracker(emitters: &str, options: &str) -> Result<JsTracker, Thrown> {
    JsTracker::new(s(&["[", emitters, ",", options, "]"].concat()))
}

/// A custom emitter recording what it gets: its marker, and the events.
fn recorder() -> (String, Array) {
    let got = Array::new();
    let push = Closure::<dyn Fn(JsValue)>::new({
        let got = got.clone();
        move |e: JsValue| {
            got.push(&e);
        }
    });
    let emitter = obj(&[("input", push.into_js_value())]);
    (taken(&emitter, "object", 0, &["input"]), got)
}

#[wasm_bindgen_test]
fn default_platform_follows_the_runtime() {
    let (emitter, got) = recorder();
    let t = new_tracker(&emitter, "{}").unwrap();
    page_view(&t, s(r#"[{"pageUrl":"https://a"}]"#)).unwrap();
    let expected = if runtime() == Runtime::Browser { "web" } else { "srv" };
    assert_eq!(field(&got.get(0), "p").as_deref(), Some(expected));
    assert_eq!(field(&got.get(0), "tv").as_deref(), Some(crate::api::tracker::TRACKER_VERSION));
}

#[wasm_bindgen_test]
fn handles_are_shared_not_consumed() {
    let (emitter, got) = recorder();
    let subject = JsSubject::new();
    subject.call(0, s(r#"["first"]"#)).unwrap(); // setUserId, the first declared setter
                                                 // The facade's object for it: any JS object, taken out with the subject's handle.
    let subject_js: JsValue = js_sys::Object::new().into();
    let marker = taken(&subject_js, "object", subject.id(), &[]);
    let emitters = [r#"{"\u0000":"array","items":["#, &emitter, "]}"].concat();
    let t = new_tracker(&emitters, &[r#"{"subject":"#, &marker, "}"].concat()).unwrap();
    // The JS object still works after being given to the tracker, and the tracker sees changes.
    subject.call(0, s(r#"["second"]"#)).unwrap(); // still the caller's, after the tracker took it
    let message = [r#"[{"category":"c","action":"a","subject":"#, &marker, "}]"].concat();
    let eid = struct_event(&t, &message).unwrap();
    let ev = got.get(0);
    assert_eq!(field(&ev, "uid").as_deref(), Some("second"));
    assert_eq!(field(&ev, "eid"), eid);
    assert!(field(&ev, "stm").is_none(), "custom emitters get no stm");
}

#[wasm_bindgen_test]
fn invalid_input_throws_named_errors() {
    let (emitter, _) = recorder();
    let t = new_tracker(&emitter, "{}").unwrap();
    let (name, msg) = error_message(page_view(&t, s(r#"[{"pageUrl":""}]"#)).unwrap_err());
    assert_eq!((name.as_str(), msg.as_str()), ("TypeError", "trackPageView: pageUrl must be a non-empty string, got \"\""));
    let (name, msg) = error_message(struct_event(&t, s(r#"[{"category":"c","action":"a","value":"2"}]"#)).unwrap_err());
    assert_eq!((name.as_str(), msg.as_str()), ("TypeError", "trackStructEvent: value must be a number, got \"2\""));
    let (name, msg) = error_message(t.track(&kinds::SITE_SEARCH, s(r#"[{"terms":["t"],"totalResults":{"\u0000":"NaN"}}]"#)).unwrap_err());
    assert_eq!((name.as_str(), msg.as_str()), ("RangeError", "trackSiteSearch: totalResults must be a finite number, got NaN"));
    let (name, _) = error_message(JsEmitter::new(s(r#"["h",{"bufferSize":0}]"#), "Emitter", false).err().unwrap());
    assert_eq!(name, "RangeError");
    let (_, msg) = error_message(new_tracker(&taken(&obj(&[]), "object", 0, &[]), "{}").err().unwrap());
    assert!(msg.starts_with("Tracker: emitters must be an Emitter or an object with an input(event) method"), "{msg}");
}

async fn send_two(method: &str, app: &str) -> Vec<(String, JsValue)> {
    // Unique per run: the collector may have served earlier runs.
    let app = &format!("{app}-{}", crate::platform::env::new_uuid());
    // In memory: the tests of one page share one collector, and a stored queue is per page.
    // The facade's message: the arguments as JSON text, nothing held.
    let message = format!(r#"[{:?},{{"method":{:?},"eventStore":"memory"}}]"#, collector(), method);
    let emitter = JsEmitter::new(s(&message), "Emitter", false).unwrap();
    let emitter_js = taken(&js_sys::Object::new().into(), "object", emitter.id(), &["input"]);
    let t = new_tracker(&emitter_js, &format!(r#"{{"appId":{app:?},"namespace":"wasm-test"}}"#)).unwrap();
    let page = r#"[{"pageUrl":"https://example.com/a b?x=1&y=é","context":[{"schema":"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0","data":{"id":"5d79770b-015b-4af8-8c91-b2ed6faf4b1e"}}]}]"#;
    page_view(&t, s(page)).unwrap();
    struct_event(&t, s(r#"[{"category":"shop & more","action":"add=1+2#","value":2.5}]"#)).unwrap();
    JsFuture::from(promise(t.flush(s("[]")).unwrap())).await.unwrap();
    received(app).await
}

#[wasm_bindgen_test]
async fn get_sends_one_request_per_event() {
    let got = send_two("get", "wasm-get").await;
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|(m, _)| m == "GET"));
    assert_eq!(field(&got[0].1, "url").as_deref(), Some("https://example.com/a b?x=1&y=é"));
    assert_eq!(field(&got[1].1, "se_ca").as_deref(), Some("shop & more"));
    assert_eq!(field(&got[1].1, "se_ac").as_deref(), Some("add=1+2#"));
    assert_eq!(field(&got[1].1, "se_va").as_deref(), Some("2.5"));
    assert!(field(&got[0].1, "cx").is_some() && field(&got[0].1, "stm").is_some());
}

#[wasm_bindgen_test]
async fn post_batches_events_in_one_request() {
    let got = send_two("post", "wasm-post").await;
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|(m, _)| m == "POST"));
    assert_eq!(field(&got[0].1, "e").as_deref(), Some("pv"));
    assert_eq!(field(&got[0].1, "stm"), field(&got[1].1, "stm"));
}

#[wasm_bindgen_test]
async fn a_500_is_retried_with_the_same_eid_and_reported() {
    let app = format!("wasm-retry-{}", crate::platform::env::new_uuid());
    let failures = Array::new();
    let on_failure = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new({
        let failures = failures.clone();
        move |count: JsValue, _events: JsValue, info: JsValue| {
            failures.push(&Array::of2(&count, &info));
        }
    });
    // onFailure taken out and marked in the text as the facade does it.
    let on_failure = taken(&on_failure.into_js_value(), "function", 0, &[]);
    let message = format!(r#"[{:?},{{"maxRetryDelaySeconds":0.1,"onFailure":{on_failure},"eventStore":"memory"}}]"#, collector());
    let emitter = JsEmitter::new(s(&message), "Emitter", false).unwrap();
    let emitter_js = taken(&js_sys::Object::new().into(), "object", emitter.id(), &[]);
    let t = new_tracker(&emitter_js, &format!(r#"{{"appId":{app:?}}}"#)).unwrap();
    script(r#"[{"status":500}]"#).await;
    let eid = page_view(&t, s(r#"[{"pageUrl":"https://retry"}]"#)).unwrap();
    let result = JsFuture::from(promise(t.flush(s("[]")).unwrap())).await.unwrap();
    assert_eq!(Reflect::get(&result, &"sent".into()).unwrap().as_f64(), Some(1.0));
    let got = received(&app).await;
    assert_eq!(got.len(), 2, "the failed attempt and the retry both reached the collector");
    assert!(got.iter().all(|(m, e)| m == "POST" && field(e, "eid").as_deref() == eid.as_deref()));
    assert_eq!(failures.length(), 1);
    let info = Array::from(&failures.get(0)).get(1);
    assert_eq!(Reflect::get(&info, &"status".into()).unwrap().as_f64(), Some(500.0));
    assert_eq!(Reflect::get(&info, &"willRetry".into()).unwrap().as_bool(), Some(true));
}
