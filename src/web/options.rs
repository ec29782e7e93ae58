//! The Tracker's web options, read once at construction (browser build) from the options
//! message core already read ([`snowplow_core::opts::TRACKER`]); the rules are the core's
//! ([`snowplow_core::web::config`]).

use std::rc::Rc;

use snowplow_core::opts::Read;
use snowplow_core::web::config::{WebConfig, WebOptions};
use wasm_bindgen::JsValue;

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::read::{absent, Reader};

/// The checked web settings and `onSessionUpdateCallback`.
pub struct WebSettings {
    /// The settings.
    pub config: WebConfig,
    /// Called with the `client_session` data when a session starts.
    pub on_session_update: Option<Rc<Hold>>,
}

/// Check the web options left in `o` and `onSessionUpdateCallback` (what the facade took out,
/// or `undefined`).
pub fn read(r: &Reader, o: &mut Read, callback: JsValue) -> JsResult<WebSettings> {
    let on_session_update = match Hold::function(callback.clone()) {
        Some(h) => Some(Rc::new(h)),
        None if absent(&callback) => None,
        None => return Err(r.type_error("", "onSessionUpdateCallback", "a function", &callback)),
    };
    let config = WebConfig::new(&WebOptions::from_read(o)).map_err(|e| to_js(e.within(&r.prefix())))?;
    Ok(WebSettings { config, on_session_update })
}
