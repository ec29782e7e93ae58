//! The Tracker's web options, read once at construction (browser build) from the options
//! message core already read ([`snowplow_core::opts::TRACKER`]); the rules are the core's
//! ([`snowplow_core::web::config`]).

use std::rc::Rc;

use snowplow_core::opts::{Read, Taken};
use snowplow_core::web::config::{WebConfig, WebOptions};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;

/// The checked web settings and `onSessionUpdateCallback`.
pub struct WebSettings {
    /// The settings.
    pub config: WebConfig,
    /// Called with the `client_session` data when a session starts.
    pub on_session_update: Option<Rc<Hold>>,
}

/// Check the web options left in `o` and keep `onSessionUpdateCallback` (the function the
/// facade took out, if given: core read it as a function).
pub fn read(o: &mut Read, callback: Option<Taken>) -> JsResult<WebSettings> {
    let on_session_update = callback.map(|t| Rc::new(Hold::keep(t.hold)));
    let config = WebConfig::new(&WebOptions::from_read(o)).map_err(|e| to_js(e.within("TrackerOptions.")))?;
    Ok(WebSettings { config, on_session_update })
}
