//! The page's storage and fields through `js/web.js` (none of its functions throws): the
//! identity values where `stateStorageStrategy` keeps them (cookies, or localStorage with an
//! expiry, as sp.js writes both), root-domain discovery, the page's fields.

use snowplow_core::web::config::WebConfig;
use snowplow_core::web::domain::{cookie_hash, cookie_names, fixup_domain, root_candidates};
use snowplow_core::web::page::PageFields;
use snowplow_core::web::session::Strategy;
use wasm_bindgen::prelude::*;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./web.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/web.js"))]
extern "C" {
    #[wasm_bindgen(js_name = hasDocument)]
    pub fn has_document() -> bool;
    #[wasm_bindgen(js_name = hostName)]
    fn host_name() -> String;
    #[wasm_bindgen(js_name = cookieGet)]
    fn cookie_get(name: &str) -> Option<String>;
    #[wasm_bindgen(js_name = cookieSet)]
    fn cookie_set(name: &str, value: &str, ttl: f64, domain: &str, same_site: &str, secure: bool);
    #[wasm_bindgen(js_name = cookieSticks)]
    fn cookie_sticks(domain: &str, same_site: &str, secure: bool) -> bool;
    #[wasm_bindgen(js_name = stateGet)]
    fn state_get(key: &str) -> Option<String>;
    #[wasm_bindgen(js_name = stateSet)]
    fn state_set(key: &str, value: &str, ttl: f64);
    #[wasm_bindgen(js_name = stateRemove)]
    fn state_remove(key: &str);
    #[wasm_bindgen(js_name = resolveUrl)]
    pub fn resolve_url(url: &str) -> String;
    #[wasm_bindgen(js_name = pageFields)]
    fn page_fields() -> Vec<String>;
    #[wasm_bindgen(js_name = doNotTrack)]
    pub fn do_not_track() -> bool;
    #[wasm_bindgen(js_name = scrollOffsets)]
    pub fn scroll_offsets() -> Vec<f64>;
    #[wasm_bindgen(js_name = readSpQueue)]
    pub fn read_sp_queue(namespace: &str) -> Vec<JsValue>;
    #[wasm_bindgen(js_name = writeSpQueue)]
    pub fn write_sp_queue(key: &str, keep: Option<Vec<u32>>);
    #[wasm_bindgen(js_name = watchActivity)]
    pub fn watch_activity(on_active: &JsValue, on_scroll: &JsValue);
}

/// Where one tracker's identity lives: names, domain and lifetimes.
#[derive(Debug, Clone)]
pub struct Storage {
    /// The checked options.
    pub cfg: WebConfig,
    /// `_sp_id.<hash>`.
    pub id_name: String,
    /// `_sp_ses.<hash>`.
    pub ses_name: String,
    domain: String,
}

/// The stored identity before an event: the id value, and whether the session marker lives.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// The `_sp_id` value.
    pub id: Option<String>,
    /// `_sp_ses` is there.
    pub session_alive: bool,
}

impl Storage {
    /// The cookie domain (`cookieDomain`, else the root domain sp.js would find, else none: the
    /// host) and the names hashed from it.
    pub fn new(cfg: WebConfig) -> Storage {
        let host = host_name();
        let domain = match &cfg.cookie_domain {
            Some(d) => d.clone(),
            None if cfg.discover_root_domain => {
                root_candidates(&host).into_iter().find(|d| cookie_sticks(d, &cfg.same_site, cfg.secure)).unwrap_or_else(|| host.clone())
            }
            None => String::new(),
        };
        let hashed = if domain.is_empty() { fixup_domain(&host) } else { domain.clone() };
        let (id_name, ses_name) = cookie_names(&cfg.cookie_name, &cookie_hash(&hashed));
        Storage { cfg, id_name, ses_name, domain }
    }

    fn get(&self, name: &str) -> Option<String> {
        match self.cfg.strategy {
            Strategy::Cookie | Strategy::CookieAndLocalStorage => cookie_get(name),
            Strategy::LocalStorage => state_get(name),
            Strategy::None => None,
        }
    }

    fn set(&self, name: &str, value: &str, ttl_s: i64) {
        match self.cfg.strategy {
            Strategy::Cookie | Strategy::CookieAndLocalStorage => {
                cookie_set(name, value, ttl_s as f64, &self.domain, &self.cfg.same_site, self.cfg.secure)
            }
            Strategy::LocalStorage => state_set(name, value, ttl_s as f64),
            Strategy::None => {}
        }
    }

    /// The stored identity.
    pub fn read(&self) -> Stored {
        Stored {
            id: self.get(&self.id_name).filter(|v| !v.is_empty()),
            session_alive: self.get(&self.ses_name).is_some_and(|v| !v.is_empty()),
        }
    }

    /// Remove both values, from cookies and localStorage alike (`clearUserData`).
    pub fn clear(&self) {
        for name in [&self.id_name, &self.ses_name] {
            cookie_set(name, "", -1.0, &self.domain, &self.cfg.same_site, self.cfg.secure);
            state_remove(name);
        }
    }

    /// Store the id value and renew the session marker.
    pub fn write(&self, id: &str) {
        self.set(&self.id_name, id, self.cfg.cookie_lifetime_s);
        self.set(&self.ses_name, "*", self.cfg.session_timeout_s);
    }
}

/// What the page says now: its fields (the referrer not chosen yet), the `referrer` query
/// parameter of its URL and the document's referrer.
pub fn read_page() -> (PageFields, String, String) {
    let mut f = page_fields().into_iter();
    let mut next = || f.next().unwrap_or_default();
    let (url, param, document) = (next(), next(), next());
    let fields = PageFields {
        url,
        referrer: String::new(),
        title: next(),
        res: next(),
        vp: next(),
        ds: next(),
        cd: next(),
        cs: next(),
        lang: next(),
        tz: next(),
        cookie: next(),
    };
    (fields, param, document)
}
