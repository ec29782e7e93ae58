//! The Tracker's web options, read once at construction (browser build) from the options
//! message core already read ([`snowplow_core::opts::TRACKER`]); the rules are the core's
//! ([`snowplow_core::web::config`]).

use js_sys::Function;
use snowplow_core::opts::Read;
use snowplow_core::web::config::{WebConfig, WebOptions};
use snowplow_core::web::session::Anonymous;
use wasm_bindgen::{JsCast, JsValue};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::keys::Key;
use crate::boundary::read::{absent, Reader, Ty};

/// The checked web settings and `onSessionUpdateCallback`.
pub struct WebSettings {
    /// The settings.
    pub config: WebConfig,
    /// Called with the `client_session` data when a session starts.
    pub on_session_update: Option<Function>,
}

/// `enableAnonymousTracking(options)`: a boolean, or `{ withSessionTracking,
/// withServerAnonymisation }` (still read value by value).
pub fn anonymous(r: &Reader, v: JsValue) -> JsResult<Anonymous> {
    if let Some(on) = v.as_bool() {
        return Ok(Anonymous { on, ..Anonymous::default() });
    }
    if absent(&v) {
        return Ok(Anonymous::default());
    }
    if !v.is_object() {
        return Err(r.type_error("", "anonymousTracking", "a boolean or { withSessionTracking, withServerAnonymisation }", &v));
    }
    let spec = [(Key::WithSessionTracking, Ty::Bool), (Key::WithServerAnonymisation, Ty::Bool)];
    let mut f = r.fields(&v, "anonymousTracking.", &spec)?;
    Ok(Anonymous { on: true, with_session: f.bool().unwrap_or(false), server: f.bool().unwrap_or(false) })
}

/// Check the web options left in `o` and `onSessionUpdateCallback` (what the facade took out,
/// or `undefined`).
pub fn read(r: &Reader, o: &mut Read, callback: JsValue) -> JsResult<WebSettings> {
    let on_session_update = match callback.dyn_into::<Function>() {
        Ok(f) => Some(f),
        Err(v) if absent(&v) => None,
        Err(v) => return Err(r.type_error("", "onSessionUpdateCallback", "a function", &v)),
    };
    let config = WebConfig::new(&WebOptions::from_read(o)).map_err(|e| to_js(e.within(&r.prefix())))?;
    Ok(WebSettings { config, on_session_update })
}
