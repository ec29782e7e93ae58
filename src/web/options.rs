//! The Tracker's web options, read once at construction (browser build); the rules are the
//! core's ([`snowplow_core::web::config`]).

use js_sys::Function;
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

/// `anonymousTracking`: a boolean, or `{ withSessionTracking, withServerAnonymisation }`.
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

/// Read the web options of `options` (a TrackerOptions object or undefined).
pub fn read(r: &Reader, options: &JsValue) -> JsResult<WebSettings> {
    let spec = [
        (Key::StateStorageStrategy, Ty::Str),
        (Key::CookieName, Ty::Str),
        (Key::CookieDomain, Ty::Str),
        (Key::DiscoverRootDomain, Ty::Bool),
        (Key::CookieLifetime, Ty::Num),
        (Key::SessionCookieTimeout, Ty::Num),
        (Key::CookieSameSite, Ty::Str),
        (Key::CookieSecure, Ty::Bool),
        (Key::Contexts, Ty::Any),
        (Key::OnSessionUpdateCallback, Ty::Any),
        (Key::AnonymousTracking, Ty::Any),
        (Key::RespectDoNotTrack, Ty::Bool),
    ];
    let mut f = r.fields(options, "", &spec)?;
    let mut o = WebOptions {
        strategy: f.str(),
        cookie_name: f.str(),
        cookie_domain: f.str(),
        discover_root_domain: f.bool(),
        cookie_lifetime: f.num(),
        session_timeout: f.num(),
        same_site: f.str(),
        secure: f.bool(),
        ..WebOptions::default()
    };
    let contexts = f.js();
    if !absent(&contexts) {
        r.object(&contexts, "contexts", false)?;
        let mut c = r.fields(&contexts, "contexts.", &[(Key::WebPage, Ty::Bool), (Key::Session, Ty::Bool)])?;
        (o.web_page, o.session) = (c.bool(), c.bool());
    }
    let callback = f.js();
    let on_session_update = match callback.dyn_into::<Function>() {
        Ok(f) => Some(f),
        Err(v) if absent(&v) => None,
        Err(v) => return Err(r.type_error("", "onSessionUpdateCallback", "a function", &v)),
    };
    o.anonymous = anonymous(r, f.js())?;
    o.respect_dnt = f.bool();
    let config = WebConfig::new(&o).map_err(|e| to_js(e.within(&r.prefix())))?;
    Ok(WebSettings { config, on_session_update })
}
