//! JavaScript calls that may run user code (a getter, a Proxy trap, a replaced `console`), made
//! so that no exception ever unwinds through a wasm frame: each is a `catch` import, or a
//! function of `js/boundary.js` that cannot throw. An exception unwinding through wasm would
//! leave the module's stack pointer moved for good; a few hundred of them and every call traps.

use wasm_bindgen::prelude::*;

// The glue imports the package's own boundary.js; in-crate tests get it as a snippet.
#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    /// A new handle id, unique across the module instances that share `boundary.js` (a page
    /// that loads both builds cannot pass one's objects to the other).
    #[wasm_bindgen(js_name = nextId)]
    pub fn next_id() -> u32;
    /// `console.warn(message)` unless the log level is below `"warn"`; never throws.
    pub fn warn(message: &str);
    /// `Date.now()` as it was when the module loaded (a page's later replacement cannot call
    /// back into the module while it holds its state).
    pub fn now() -> f64;
    /// The JSON text of `["1" if a document with cookies else "", navigator.userAgent,
    /// process.versions.node, EdgeRuntime]` (`""` where absent); never throws.
    #[wasm_bindgen(js_name = hostFacts)]
    pub fn host_facts() -> String;
    /// Whether the platform's URL parser takes `url` with a host (IDNA included); never throws.
    #[wasm_bindgen(js_name = urlParses)]
    pub fn url_parses(url: &str) -> bool;
    /// The log level: 0 off, 1 errors, 2 warnings and errors.
    #[wasm_bindgen(js_name = setLogLevel)]
    pub fn set_log_level(level: u32);
    /// `console.error(message, detail)` unless the log level is `"off"`; never throws.
    pub fn error(message: &str, detail: &JsValue);
    /// Keep the exception `thrown` for the facade, which throws it again when the call's answer
    /// says so (see `crate::boundary::answer`; Node and workerd build).
    #[cfg(feature = "edge")]
    #[wasm_bindgen(js_name = keepThrown)]
    pub fn keep_thrown(thrown: &JsValue);
    /// Hold `values` for the module as the facade does for a message (in-crate tests); their
    /// number.
    #[cfg(test)]
    pub fn hold(values: Vec<JsValue>) -> u32;
}
