//! The platform as the core sees it: clock, random ids, and which runtime we are in.
//! Everything comes from the global scope (never `window`), so it works in pages, workers,
//! workerd and Node alike.

use std::cell::{Cell, RefCell};

use snowplow_core::{tracker::uuid_v4, Platform};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math, js_name = random)]
    pub fn math_random() -> f64;
}

/// The JavaScript runtime the module runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// A page or a browser worker.
    Browser,
    /// A request's isolate, whose timers do not outlive the request: Cloudflare's workerd, or an
    /// Edge runtime (Vercel Edge Functions, a global `EdgeRuntime` string).
    Isolate,
    /// Node.js (and other server runtimes that expose `process.versions.node`).
    Node,
}

/// What the global scope says about where the module runs, read once.
#[derive(Debug, Clone, Copy)]
struct Facts {
    document: bool,
    runtime: Runtime,
    /// Cloudflare's workerd (read by the Node/workerd build only).
    #[cfg_attr(not(feature = "edge"), allow(dead_code))]
    cloudflare: bool,
}

thread_local! {
    static FACTS: Cell<Option<Facts>> = const { Cell::new(None) };
    static RANDOM: RefCell<RandomPool> = const { RefCell::new(RandomPool { bytes: [0; POOL], used: POOL }) };
}

fn facts() -> Facts {
    FACTS.with(|cell| {
        if let Some(f) = cell.get() {
            return f;
        }
        let json = crate::boundary::js::host_facts();
        let read = snowplow_core::json_read::parse(&json);
        let fact = |i: usize| read.and_then(|r| r.at(i)).and_then(|v| v.as_str()).unwrap_or_default();
        let runtime = if fact(1) == "Cloudflare-Workers" || !fact(3).is_empty() {
            Runtime::Isolate
        } else if !fact(2).is_empty() {
            Runtime::Node
        } else {
            Runtime::Browser
        };
        let f = Facts { document: fact(0) == "1", runtime, cloudflare: fact(1) == "Cloudflare-Workers" };
        cell.set(Some(f));
        f
    })
}

/// True in Cloudflare's workerd (`navigator.userAgent` "Cloudflare-Workers"), where a request's
/// `CF-Connecting-IP` is Cloudflare's own.
#[cfg(feature = "edge")]
pub fn on_cloudflare() -> bool {
    facts().cloudflare
}

/// True in a page: a global `document` object with cookies (`'cookie' in document`), false in
/// workers and servers. The one test of "in a page" (web tracking, the queue's defaults and
/// heartbeats all ask it).
pub fn has_document() -> bool {
    facts().document
}

/// The current runtime, detected once.
pub fn runtime() -> Runtime {
    facts().runtime
}

/// `p` when no subject sets a platform: `web` in a browser, `srv` elsewhere.
pub fn default_platform() -> Platform {
    match runtime() {
        Runtime::Browser => Platform::Web,
        Runtime::Isolate | Runtime::Node => Platform::Srv,
    }
}

const POOL: usize = 4096;

/// Random bytes fetched from `crypto.getRandomValues` 4 KiB at a time (256 UUIDs per call
/// into JS). It works on plain-http pages too, where `crypto.randomUUID` is missing.
struct RandomPool {
    bytes: [u8; POOL],
    used: usize,
}

impl RandomPool {
    fn take16(&mut self) -> [u8; 16] {
        if self.used + 16 > POOL {
            if get_random_values(&mut self.bytes).is_err() {
                // No Web Crypto at all (very old runtimes): Math.random keeps ids unique enough.
                for b in self.bytes.iter_mut() {
                    *b = (math_random() * 256.0) as u8;
                }
            }
            self.used = 0;
        }
        let mut out = [0u8; 16];
        if let Some(src) = self.bytes.get(self.used..self.used + 16) {
            out.copy_from_slice(src);
        }
        self.used += 16;
        out
    }
}

/// A new UUID v4.
pub fn new_uuid() -> String {
    uuid_v4(RANDOM.with(|pool| pool.try_borrow_mut().map(|mut p| p.take16()).unwrap_or_default()))
}

thread_local! {
    static TAB: Cell<u64> = const { Cell::new(0) };
}

/// This page's id among the tabs of its origin (random, fixed for the module's life).
pub fn tab_id() -> u64 {
    TAB.with(|t| {
        if t.get() == 0 {
            t.set((math_random() * 9.0e15) as u64 + 1);
        }
        t.get()
    })
}

/// Milliseconds since the epoch, from `Date.now()`.
pub fn now_ms() -> i64 {
    crate::boundary::js::now() as i64
}

/// The core's [`snowplow_core::tracker::Env`] backed by the JS globals.
pub struct JsEnv;

impl snowplow_core::tracker::Env for JsEnv {
    fn now_ms(&mut self) -> i64 {
        now_ms()
    }
    fn uuid(&mut self) -> String {
        new_uuid()
    }
}
