//! The JS `Emitter`: buffers events and sends them to a collector with `fetch`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use snowplow_core::emitter::{collector_url, parse_protocol, Method, Outbox, Outcome, Request};
use snowplow_core::{Error, Payload};
use wasm_bindgen::prelude::*;

use crate::env::{now_ms, runtime, Runtime};
use crate::errors::{js, to_js, JsResult};
use crate::handles::{self, Handle};
use crate::props::Key;
use crate::read::{Reader, Ty, Val};
use crate::{console, transport};

/// Emitter state shared by the JS handle, the trackers using it and its requests in flight.
pub struct EmitterShared {
    outbox: RefCell<Outbox>,
    idle_waiters: RefCell<Vec<Function>>,
    browser: bool,
}

/// The validated emitter options.
struct EmitterConfig {
    url: String,
    method: Method,
    buffer_size: usize,
}

fn read_config(endpoint: JsValue, options: JsValue) -> JsResult<EmitterConfig> {
    let endpoint = match Reader::new("Emitter: ").value(endpoint, Ty::ReqStr, "", "endpoint")? {
        Val::Str(s) => s,
        _ => String::new(),
    };
    let o = Reader::new("EmitterOptions.");
    o.object(&options, "options", true)?;
    let spec = [(Key::Protocol, Ty::Str), (Key::Method, Ty::Str), (Key::Port, Ty::Num), (Key::BufferSize, Ty::Num)];
    let mut f = o.fields(&options, "", &spec)?;
    let protocol = js(parse_protocol(f.str().as_deref().unwrap_or("https"), "EmitterOptions.protocol"))?;
    let method = js(Method::parse(f.str().as_deref().unwrap_or("post"), "EmitterOptions.method"))?;
    let port = match f.num() {
        None => None,
        Some(p) if p.is_integer() && (1.0..=65535.0).contains(&p.value()) => Some(p.value() as u16),
        Some(p) => return Err(to_js(Error::range_error("EmitterOptions.port", "an integer from 1 to 65535", p.as_str()))),
    };
    let buffer_size = match f.num() {
        None => method.default_buffer_size(),
        Some(n) if n.is_integer() && n.value() >= 1.0 => n.value().min(1e9) as usize,
        Some(n) => return Err(to_js(Error::range_error("EmitterOptions.bufferSize", "a positive integer", n.as_str()))),
    };
    let url = js(collector_url(&endpoint, protocol, port, method))?;
    Ok(EmitterConfig { url, method, buffer_size })
}

impl EmitterShared {
    /// Buffer an event; a full buffer starts a flush.
    pub fn input(self: &Rc<Self>, event: Payload) {
        let full = self.outbox.borrow_mut().input(event);
        if full {
            self.outbox.borrow_mut().flush();
            self.pump();
        }
    }

    /// Send everything buffered; the promise resolves once no request is queued or in flight,
    /// including requests started before this call.
    pub fn flush(self: &Rc<Self>) -> Promise {
        self.outbox.borrow_mut().flush();
        self.pump();
        if self.outbox.borrow().is_idle() {
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let me = self.clone();
        Promise::new(&mut |resolve, _reject| me.idle_waiters.borrow_mut().push(resolve))
    }

    /// Start every request the outbox allows.
    fn pump(self: &Rc<Self>) {
        loop {
            let next = self.outbox.borrow_mut().next_request(now_ms());
            let Some(req) = next else { break };
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = transport::send(&req, me.browser).await;
                me.finished(&req, outcome);
            });
        }
    }

    fn finished(self: &Rc<Self>, req: &Request, outcome: Outcome) {
        self.outbox.borrow_mut().finish(req, outcome);
        if !outcome.is_success() {
            let what = match outcome {
                Outcome::Status(s) => "HTTP ".to_owned() + &snowplow_core::int_text(s.into()),
                Outcome::NetworkError => "a network error".to_owned(),
            };
            let count = snowplow_core::int_text(req.events.len() as i64);
            console::warn(&["snowplow-tracker-wasm: ", &count, " event(s) not delivered to ", strip_query(&req.url), ": ", &what].concat());
        }
        self.pump();
        if self.outbox.borrow().is_idle() {
            let waiters = std::mem::take(&mut *self.idle_waiters.borrow_mut());
            for resolve in waiters {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }
    }
}

fn strip_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// Sends events to a Snowplow collector: one GET per event to `/i`, or POST batches to
/// `/com.snowplowanalytics.snowplow/tp2`, with the global `fetch`.
#[wasm_bindgen(js_name = Emitter)]
pub struct JsEmitter {
    shared: Rc<EmitterShared>,
    id: u32,
}

impl Drop for JsEmitter {
    fn drop(&mut self) {
        handles::unregister(self.id);
    }
}

#[wasm_bindgen(js_class = Emitter)]
impl JsEmitter {
    /// An emitter for the collector at `endpoint` (`host[:port][/path]` or an `http(s)://` URL).
    /// Throws a `TypeError`/`RangeError` naming the first invalid option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] endpoint: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EmitterOptions")] options: JsValue,
    ) -> JsResult<JsEmitter> {
        let c = read_config(endpoint, options)?;
        let shared = Rc::new(EmitterShared {
            outbox: RefCell::new(Outbox::new(c.method, c.url, c.buffer_size, 1)),
            idle_waiters: RefCell::new(Vec::new()),
            browser: runtime() == Runtime::Browser,
        });
        let id = handles::register(Handle::Emitter(shared.clone()));
        Ok(JsEmitter { shared, id })
    }

    /// Internal: the handle number a tracker uses to find this emitter.
    #[wasm_bindgen(getter, js_name = __snowplowHandle, skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.id
    }

    /// Send everything buffered. Resolves when every request this call or an earlier `track()`
    /// started has finished.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn flush(&self) -> Promise {
        self.shared.flush()
    }

    /// Events buffered and not yet handed to `fetch`.
    #[wasm_bindgen(getter, js_name = bufferedCount)]
    pub fn buffered_count(&self) -> u32 {
        self.shared.outbox.borrow().buffered() as u32
    }
}
