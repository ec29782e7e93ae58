//! Reading `new Emitter(endpoint, options)` / `new AsyncEmitter(…)` once, at the edge: the
//! options cross as JSON text that core reads against its declarations (`snowplow_core::opts`);
//! the callbacks, `fetch` and a custom store arrive beside it, taken out by the facade. Every
//! rule (ranges, defaults, what they make) is the core's, shared with `QueueEmitter`.

use std::rc::Rc;

use snowplow_core::emitter::store::{self, StoreKind};
use snowplow_core::emitter::{emitter_settings, EmitterOptions, OutboxConfig};
use snowplow_core::opts;

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::message;
use crate::emitter::callbacks::Callbacks;
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
    /// `onSuccess`, `onFailure`, `onRequestSuccess`, `onRequestFailure`.
    pub callbacks: Callbacks,
    /// `flushTimeout` in ms.
    pub flush_timeout_ms: f64,
    /// The queue's storage key and store, and whether `eventStore` was given (else a tracker
    /// that stores nothing may keep it in memory), or `None` to keep it in memory.
    pub store: Option<(String, Backend, bool)>,
}

/// Read and validate the constructor's message (see [`crate::boundary::message`]): the JSON
/// text of `[endpoint, options]` read against core's declarations, and the functions and store
/// the facade took out. `async_emitter` allows `threadCount`.
pub fn read(text: &str, class: &str, async_emitter: bool) -> JsResult<EmitterSettings> {
    let text = message::text(text, class)?;
    let params = message::params(text, class)?;
    let at = |e: snowplow_core::Error| to_js(e.within(&[class, ": "].concat()));
    let endpoint = match params.at(0) {
        Some(v) if !opts::absent(v) => opts::string("endpoint", v).map_err(at)?,
        _ => return Err(at(snowplow_core::Error::required("endpoint"))),
    };
    let prefix = [class, "Options."].concat();
    let within_options = |e: snowplow_core::Error| to_js(e.within(&prefix));
    let mut bag = opts::read_set(&opts::ASYNC_EMITTER, params.at(1), "options").map_err(within_options)?;
    // Core read them as functions: the facade holds only functions for them.
    let callbacks = ["onSuccess", "onFailure", "onRequestSuccess", "onRequestFailure"].map(|name| bag.held(name));
    let fetch = bag.held("fetch").map(|t| Hold::keep(t.hold));
    let event_store = bag.take("eventStore");
    let store_given = event_store != opts::Got::Absent;
    let storage_key = bag.str("storageKey");
    let o = EmitterOptions::from_read(&mut bag);
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
    let backend = match event_store {
        opts::Got::Str(name) => Backend::Builtin(store::event_store(Some(&name), default).map_err(within)?),
        opts::Got::Held(t) => storage::custom(&t)
            .ok_or_else(|| within(snowplow_core::Error::type_error("eventStore", store::EVENT_STORE_EXPECTED, t.describe())))?,
        _ => Backend::Builtin(default),
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
        Some((key, backend, store_given))
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
    Ok(EmitterSettings { outbox: s.outbox, sender, callbacks: Callbacks::new(callbacks), flush_timeout_ms, store })
}
