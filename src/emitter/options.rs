//! Reading `new Emitter(endpoint, options)` / `new AsyncEmitter(…)` once, at the edge: the
//! values are read by name against one table and checked for their JS type here; every rule
//! (ranges, defaults, what they make) is the core's, shared with `QueueEmitter`.

use std::rc::Rc;

use js_sys::Function;
use snowplow_core::emitter::store::{self, StoreKind};
use snowplow_core::emitter::{emitter_settings, EmitterOptions, OutboxConfig, Timeout};
use snowplow_core::Num;
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::keys::Key;
use crate::boundary::read::{absent, Reader, Ty, Val};
use crate::emitter::persist;
use crate::emitter::sender::{Sender, Transport};
use crate::platform::env::{has_document, runtime, Runtime};
use crate::platform::storage::{self, Backend};

/// Everything an emitter needs, validated.
pub struct EmitterSettings {
    /// The state machine's settings.
    pub outbox: OutboxConfig,
    /// Where requests go.
    pub sender: Rc<dyn Sender>,
    /// `onSuccess(events)`.
    pub on_success: Option<Function>,
    /// `onFailure(successCount, unsentEvents, info)`.
    pub on_failure: Option<Function>,
    /// `onRequestSuccess({events, status, method, bytes, attempt})`, once per request.
    pub on_request_success: Option<Function>,
    /// `onRequestFailure({events, status, reason, method, bytes, attempt, willRetry})`.
    pub on_request_failure: Option<Function>,
    /// `flushTimeout` in ms.
    pub flush_timeout_ms: f64,
    /// The queue's storage key and store, and whether `eventStore` was given (else a tracker
    /// that stores nothing may keep it in memory), or `None` to keep it in memory.
    pub store: Option<(String, Backend, bool)>,
}

/// `requestTimeout`: seconds, or `[connect, read]`.
fn request_timeout(r: &Reader, v: JsValue) -> JsResult<Option<Timeout>> {
    if let Some(arr) = crate::boundary::js::array_copy(&v)? {
        if arr.length() != 2 {
            return Err(r.type_error("", "requestTimeout", "seconds or [connect, read] seconds", &arr.into()));
        }
        let phase = |i: u32, name: &str| match r.value(arr.get(i), Ty::ReqNum, "requestTimeout", name) {
            Ok(Val::Num(n)) => Ok(n),
            Ok(_) => Ok(Num::int(0)),
            Err(e) => Err(e),
        };
        return Ok(Some(Timeout::Phases(phase(0, "[0]")?, phase(1, "[1]")?)));
    }
    Ok(match r.value(v, Ty::Num, "", "requestTimeout")? {
        Val::Num(n) => Some(Timeout::Both(n)),
        _ => None,
    })
}

fn function(r: &Reader, name: &str, v: JsValue) -> JsResult<Option<Function>> {
    if absent(&v) {
        Ok(None)
    } else {
        v.dyn_into::<Function>().map(Some).map_err(|v| r.type_error("", name, "a function", &v))
    }
}

/// `{ key: value }` pairs of an optional object; each value is `what`, taken by `take`.
fn pairs<T>(
    r: &Reader,
    v: JsValue,
    name: &str,
    expected: &'static str,
    what: &'static str,
    take: fn(&JsValue) -> Option<T>,
) -> JsResult<Vec<(String, T)>> {
    let mut out = Vec::new();
    for (key, value) in r.entries(&v, name, expected)? {
        let Some(t) = take(&value) else { return Err(r.type_error(&[name, "."].concat(), &key, what, &value)) };
        out.push((key, t));
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
        (Key::OnRequestSuccess, Ty::Any),
        (Key::OnRequestFailure, Ty::Any),
        (Key::BufferCapacity, Ty::Num),
        (Key::BufferCapacityBytes, Ty::Num),
        (Key::MaxRetryDelaySeconds, Ty::Num),
        (Key::CustomRetryCodes, Ty::Any),
        (Key::MaxRetries, Ty::Num),
        (Key::FlushTimeout, Ty::Num),
        (Key::PostPath, Ty::Str),
        (Key::CustomHeaders, Ty::Any),
        (Key::Fetch, Ty::Any),
        (Key::ThreadCount, Ty::Num),
        (Key::EventStore, Ty::Any),
        (Key::StorageKey, Ty::Str),
    ];
    let mut f = r.fields(&options, "", &spec)?;
    let (protocol, port, method, buffer_size, byte_limit) = (f.str(), f.num(), f.str(), f.num(), f.num());
    let request_timeout = request_timeout(&r, f.js())?;
    let on_success = function(&r, "onSuccess", f.js())?;
    let on_failure = function(&r, "onFailure", f.js())?;
    let on_request_success = function(&r, "onRequestSuccess", f.js())?;
    let on_request_failure = function(&r, "onRequestFailure", f.js())?;
    let (buffer_capacity, buffer_capacity_bytes, max_retry_delay_seconds) = (f.num(), f.num(), f.num());
    let custom_retry_codes = pairs(&r, f.js(), "customRetryCodes", "an object of status → boolean", "a boolean", JsValue::as_bool)?;
    let (max_retries, flush_timeout, post_path) = (f.num(), f.num(), f.str());
    let headers = pairs(&r, f.js(), "customHeaders", "an object of header name → string", "a string", JsValue::as_string)?;
    let fetch = function(&r, "fetch", f.js())?;
    let thread_count = f.num();
    let (event_store, storage_key) = (f.js(), f.str());
    let o = EmitterOptions {
        protocol,
        port,
        method,
        buffer_size,
        byte_limit,
        request_timeout,
        buffer_capacity,
        buffer_capacity_bytes,
        max_retry_delay_seconds,
        custom_retry_codes,
        max_retries,
        flush_timeout,
        post_path,
        thread_count,
        custom_headers: headers,
    };
    let within = |e: snowplow_core::Error| to_js(if e.param == "endpoint" { e.within(&[class, ": "].concat()) } else { e.within(&prefix) });
    let mut s = emitter_settings(&endpoint, &o, async_emitter).map_err(within)?;
    // The core checks scheme, host and port; the platform's URL parser adds IDNA's mapping.
    if !crate::boundary::js::url_parses(&s.outbox.post_url) {
        let e = snowplow_core::Error::type_error("endpoint", "a valid host name or IP address", snowplow_core::error::quoted(&endpoint));
        return Err(within(e));
    }
    let browser = runtime() == Runtime::Browser;
    let default = match (browser, has_document()) {
        (true, true) => StoreKind::LocalStorage,
        (true, false) => StoreKind::IndexedDb,
        _ => StoreKind::Memory,
    };
    let backend = match event_store.as_string() {
        _ if absent(&event_store) => Backend::Builtin(default),
        Some(name) => Backend::Builtin(store::event_store(Some(&name), default).map_err(within)?),
        None => storage::custom(&event_store).ok_or_else(|| r.type_error("", "eventStore", store::EVENT_STORE_EXPECTED, &event_store))?,
    };
    let store = if matches!(backend, Backend::Builtin(StoreKind::Memory)) {
        None
    } else {
        let key = store::store_key(&s.outbox.post_url, storage_key.as_deref()).map_err(within)?;
        if persist::key_in_use(&key) {
            let e = snowplow_core::Error::type_error(
                "storageKey",
                "a key no other live emitter of this page stores under (give each its own storageKey)",
                "the same collector and key",
            );
            return Err(within(e));
        }
        if o.buffer_capacity_bytes.is_none() && matches!(backend, Backend::Builtin(StoreKind::LocalStorage)) {
            s.outbox.capacity_bytes = store::LOCAL_STORAGE_BYTES;
        }
        Some((key, backend, !absent(&event_store)))
    };
    let transport = Transport {
        fetch,
        headers: o.custom_headers,
        connect_ms: s.connect_ms,
        read_ms: s.read_ms,
        browser,
        anonymous: Default::default(),
    };
    let sender = Rc::new(transport);
    let flush_timeout_ms = s.flush_timeout_ms;
    Ok(EmitterSettings {
        outbox: s.outbox,
        sender,
        on_success,
        on_failure,
        on_request_success,
        on_request_failure,
        flush_timeout_ms,
        store,
    })
}
