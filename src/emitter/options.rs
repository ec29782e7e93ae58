//! Reading `new Emitter(endpoint, options)` / `new AsyncEmitter(…)` into validated settings,
//! once, at the edge.

use js_sys::Function;
use snowplow_core::constants::{GET_PATH, POST_PATH};
use snowplow_core::emitter::{collector_base, parse_protocol, Method, OutboxConfig, RetryPolicy};
use snowplow_core::{Error, Num};
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::errors::{js, to_js, JsResult};
use crate::boundary::keys::Key;
use crate::boundary::read::{absent, describe, Reader, Ty, Val};
use crate::emitter::sender::{Sender, Transport};
use crate::platform::env::{runtime, Runtime};

/// Everything an emitter needs, validated.
pub struct EmitterSettings {
    /// The state machine's settings.
    pub outbox: OutboxConfig,
    /// Where requests go.
    pub sender: std::rc::Rc<dyn Sender>,
    /// `onSuccess(events)`.
    pub on_success: Option<Function>,
    /// `onFailure(successCount, unsentEvents, info)`.
    pub on_failure: Option<Function>,
    /// `flushTimeout` in ms.
    pub flush_timeout_ms: f64,
}

fn range(r: &Reader, name: &str, expected: &'static str, n: &Num) -> JsValue {
    to_js(Error::range_error(r.param("", name), expected, n.as_str()))
}

fn positive_int(r: &Reader, name: &str, n: Option<Num>, default: usize) -> JsResult<usize> {
    match n {
        None => Ok(default),
        Some(n) if n.is_integer() && n.value() >= 1.0 => Ok(n.value().min(1e9) as usize),
        Some(n) => Err(range(r, name, "a positive integer", &n)),
    }
}

fn seconds(r: &Reader, name: &str, n: Option<Num>, default: f64, allow_zero: bool) -> JsResult<f64> {
    match n {
        None => Ok(default * 1000.0),
        Some(n) if n.value() > 0.0 || (allow_zero && n.value() == 0.0) => Ok(n.value() * 1000.0),
        Some(n) => Err(range(r, name, if allow_zero { "a number of seconds ≥ 0" } else { "a number of seconds > 0" }, &n)),
    }
}

/// `requestTimeout`: seconds, or `[connect, read]`.
fn request_timeout(r: &Reader, v: JsValue) -> JsResult<(f64, f64)> {
    if let Some(arr) = crate::boundary::js::array_copy(&v)? {
        if arr.length() != 2 {
            return Err(r.type_error("", "requestTimeout", "seconds or [connect, read] seconds", &arr.into()));
        }
        let phase = |i: u32, name: &str| match r.value(arr.get(i), Ty::ReqNum, "requestTimeout", name)? {
            Val::Num(n) => seconds(r, &["requestTimeout", name].concat(), Some(n), 5.0, false),
            _ => Ok(5000.0),
        };
        return Ok((phase(0, "[0]")?, phase(1, "[1]")?));
    }
    let n = match r.value(v, Ty::Num, "", "requestTimeout")? {
        Val::Num(n) => Some(n),
        _ => None,
    };
    let ms = seconds(r, "requestTimeout", n, 5.0, false)?;
    Ok((ms, ms))
}

fn function(r: &Reader, name: &str, v: JsValue) -> JsResult<Option<Function>> {
    if absent(&v) {
        Ok(None)
    } else {
        v.dyn_into::<Function>().map(Some).map_err(|v| r.type_error("", name, "a function", &v))
    }
}

/// `customRetryCodes`: `{ [status]: boolean }`, statuses 100–599 other than 2xx.
fn retry_codes(r: &Reader, v: JsValue) -> JsResult<Vec<(u16, bool)>> {
    let mut out = Vec::new();
    for (key, value) in r.entries(&v, "customRetryCodes", "an object of status → boolean")? {
        let status = key.parse::<u16>().ok().filter(|s| (100..600).contains(s) && !(200..300).contains(s));
        let Some(status) = status else {
            return Err(to_js(Error::range_error(
                r.param("", "customRetryCodes"),
                "keyed by HTTP statuses 100–599 other than 2xx",
                describe(&key.into()),
            )));
        };
        let Some(retry) = value.as_bool() else { return Err(r.type_error("customRetryCodes.", &key, "a boolean", &value)) };
        out.push((status, retry));
    }
    Ok(out)
}

/// `customHeaders`: `{ name: value }` of strings.
fn headers(r: &Reader, v: JsValue) -> JsResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (name, value) in r.entries(&v, "customHeaders", "an object of header name → string")? {
        let Some(text) = value.as_string() else { return Err(r.type_error("customHeaders.", &name, "a string", &value)) };
        out.push((name, text));
    }
    Ok(out)
}

/// Read and validate the constructor arguments. `async_emitter` allows `threadCount`.
pub fn read(endpoint: JsValue, options: JsValue, class: &str, async_emitter: bool) -> JsResult<EmitterSettings> {
    let endpoint = match Reader::new(&[class, ": "].concat()).value(endpoint, Ty::ReqStr, "", "endpoint")? {
        Val::Str(s) => s,
        _ => String::new(),
    };
    let prefix = [class, "Options."].concat();
    let r = Reader::new(&prefix);
    r.object(&options, "options", true)?;
    let spec = [
        (Key::Protocol, Ty::Str),
        (Key::Port, Ty::Num),
        (Key::Method, Ty::Str),
        (Key::BufferSize, Ty::Num),
        (Key::ByteLimit, Ty::Num),
        (Key::RequestTimeout, Ty::Any),
        (Key::OnSuccess, Ty::Any),
        (Key::OnFailure, Ty::Any),
        (Key::BufferCapacity, Ty::Num),
        (Key::MaxRetryDelaySeconds, Ty::Num),
        (Key::CustomRetryCodes, Ty::Any),
        (Key::MaxRetries, Ty::Num),
        (Key::FlushTimeout, Ty::Num),
        (Key::PostPath, Ty::Str),
        (Key::CustomHeaders, Ty::Any),
        (Key::Fetch, Ty::Any),
        (Key::ThreadCount, Ty::Num),
    ];
    let mut f = r.fields(&options, "", &spec)?;
    let protocol = js(parse_protocol(f.str().as_deref().unwrap_or("https"), &r.param("", "protocol")))?;
    let port = match f.num() {
        None => None,
        Some(p) if p.is_integer() && (1.0..=65535.0).contains(&p.value()) => Some(p.value() as u16),
        Some(p) => return Err(range(&r, "port", "an integer from 1 to 65535", &p)),
    };
    let method = js(Method::parse(f.str().as_deref().unwrap_or("post"), &r.param("", "method")))?;
    let buffer_size = positive_int(&r, "bufferSize", f.num(), method.default_buffer_size())?;
    let byte_limit = positive_int(&r, "byteLimit", f.num(), 40_000)?;
    let (connect_ms, read_ms) = request_timeout(&r, f.js())?;
    let on_success = function(&r, "onSuccess", f.js())?;
    let on_failure = function(&r, "onFailure", f.js())?;
    let capacity = positive_int(&r, "bufferCapacity", f.num(), 10_000)?;
    let max_delay_ms = seconds(&r, "maxRetryDelaySeconds", f.num(), 60.0, true)?;
    let custom = retry_codes(&r, f.js())?;
    let max_retries = match f.num() {
        None => None,
        Some(n) if n.is_integer() && n.value() >= 0.0 => Some(n.value().min(4e9) as u32),
        Some(n) => return Err(range(&r, "maxRetries", "an integer ≥ 0", &n)),
    };
    let flush_timeout_ms = seconds(&r, "flushTimeout", f.num(), 10.0, true)?;
    let post_path = f.str().unwrap_or_else(|| POST_PATH.to_owned());
    if !post_path.starts_with('/') || post_path.contains(['?', '#', ' ']) {
        return Err(r.type_error("", "postPath", "a path starting with /", &post_path.into()));
    }
    let headers = headers(&r, f.js())?;
    let fetch = function(&r, "fetch", f.js())?;
    let thread_count = f.num();
    if !async_emitter && thread_count.is_some() {
        return Err(r.type_error("", "threadCount", "absent (it is an AsyncEmitter option)", &JsValue::UNDEFINED));
    }
    let max_in_flight = positive_int(&r, "threadCount", thread_count, 1)?;
    let base = collector_base(&endpoint, protocol, port);
    let base = js(base.map_err(|e| if e.param == "port" { e.within(&prefix) } else { e.within(&[class, ": "].concat()) }))?;
    Ok(EmitterSettings {
        outbox: OutboxConfig {
            method,
            get_url: [base.as_str(), GET_PATH].concat(),
            post_url: [base.as_str(), &post_path].concat(),
            buffer_size: buffer_size.min(capacity),
            byte_limit,
            capacity,
            max_in_flight,
            max_batch_events: usize::MAX,
            max_event_bytes: usize::MAX,
            retry: RetryPolicy { custom, max_retries, max_delay_ms: max_delay_ms as u64 },
        },
        sender: std::rc::Rc::new(Transport { fetch, headers, connect_ms, read_ms, browser: runtime() == Runtime::Browser }),
        on_success,
        on_failure,
        flush_timeout_ms,
    })
}
