//! The page's storage and fields through `js/web.js`, whose functions only touch the page and
//! never throw: the identity values where `stateStorageStrategy` keeps them (cookies, see
//! [`super::cookies`], or localStorage with an expiry, as sp.js writes both), root-domain
//! discovery, the page's fields and Do Not Track. The rules are `snowplow_core::web`'s.

use snowplow_core::json_read::{parse, Value};
use snowplow_core::web::config::WebConfig;
use snowplow_core::web::cookie::Cookie;
use snowplow_core::web::domain::{cookie_hash, cookie_names, fixup_domain, root_candidates};
use snowplow_core::web::local_state::{expired, expires_key, removals};
use snowplow_core::web::page::PageFields;
use snowplow_core::web::page_read::{self, Measures, RawPage, Signal};
use snowplow_core::web::session::Strategy;
use wasm_bindgen::prelude::*;

use super::cookies;
use crate::platform::env::now_ms;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./web.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/web.js"))]
extern "C" {
    /// What the module asks of the page, by number (see [`PageOp`]); never throws.
    fn page(op: u32, a: &str, b: &str) -> Option<String>;
    /// Wake task `active` of instance `k` on the page events named in the JSON text `events`
    /// (and the page shown again), task `scroll` on scroll.
    #[wasm_bindgen(js_name = watchActivity)]
    pub fn watch_activity(k: u32, active: u32, scroll: u32, events: &str);
}

/// The questions `page` of `js/web.js` answers, by number (its order).
#[derive(Clone, Copy)]
enum PageOp {
    HostName,
    CookieText,
    CookieWrite,
    LocalGet,
    LocalSet,
    LocalRemove,
    ResolveUrl,
    Fields,
    DoNotTrack,
    ScrollOffsets,
}

/// Ask the page `op` about `a` and `b`: its answer, `""` when it has none.
fn ask(op: PageOp, a: &str, b: &str) -> String {
    page(op as u32, a, b).unwrap_or_default()
}

fn host_name() -> String {
    ask(PageOp::HostName, "", "")
}

/// `document.cookie`, or `""`.
pub(crate) fn cookie_text() -> String {
    ask(PageOp::CookieText, "", "")
}

/// `document.cookie = cookie` (one cookie string).
pub(crate) fn cookie_write(cookie: &str) {
    page(PageOp::CookieWrite as u32, cookie, "");
}

/// localStorage item `key`, if there is one.
pub(crate) fn local_get(key: &str) -> Option<String> {
    page(PageOp::LocalGet as u32, key, "")
}

/// Store `value` as localStorage item `key`; false when it was refused.
pub(crate) fn local_set(key: &str, value: &str) -> bool {
    page(PageOp::LocalSet as u32, key, value).is_some()
}

/// Remove localStorage item `key`.
pub(crate) fn local_remove(key: &str) {
    page(PageOp::LocalRemove as u32, key, "");
}

/// `url` resolved against the page's URL, or as given.
pub fn resolve_url(url: &str) -> String {
    ask(PageOp::ResolveUrl, url, "")
}

/// The page's `[x, y]` scroll offsets (0 where unknown).
pub fn scroll_offsets() -> (f64, f64) {
    let json = ask(PageOp::ScrollOffsets, "", "");
    let read = parse(&json);
    let at = |i| read.and_then(|v| v.at(i)).and_then(page_read::number).unwrap_or(0.0);
    (at(0), at(1))
}

/// localStorage value `key` as this page wrote it last (within the read-back window), else as
/// stored, unless its expiry passed (then both are removed).
fn state_get(key: &str) -> Option<String> {
    if let Some(mine) = cookies::remembered(key) {
        return Some(mine);
    }
    if !expired(local_get(&expires_key(key)).as_deref(), now_ms()) {
        return local_get(key);
    }
    state_remove(key);
    None
}

/// Set the items that keep a value (the expiry first; nothing more once one is refused).
pub(crate) fn items_set(items: &[(String, String)]) {
    for (k, v) in items {
        if !local_set(k, v) {
            break;
        }
    }
}

/// Remove `key` and its expiry from localStorage.
fn state_remove(key: &str) {
    for k in removals(key) {
        local_remove(&k);
    }
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
                root_candidates(&host).into_iter().find(|d| cookies::sticks(d, &cfg.same_site, cfg.secure)).unwrap_or_else(|| host.clone())
            }
            None => String::new(),
        };
        let hashed = if domain.is_empty() { fixup_domain(&host) } else { domain.clone() };
        let (id_name, ses_name) = cookie_names(&cfg.cookie_name, &cookie_hash(&hashed));
        Storage { cfg, id_name, ses_name, domain }
    }

    fn get(&self, name: &str) -> Option<String> {
        match self.cfg.strategy {
            Strategy::Cookie | Strategy::CookieAndLocalStorage => cookies::get(name),
            Strategy::LocalStorage => state_get(name),
            Strategy::None => None,
        }
    }

    fn set(&self, name: &str, value: &str, ttl_s: i64) {
        match self.cfg.strategy {
            Strategy::Cookie | Strategy::CookieAndLocalStorage => cookies::set(&self.cookie(name, value, ttl_s)),
            Strategy::LocalStorage => cookies::set_item(name, value, ttl_s),
            Strategy::None => {}
        }
    }

    fn cookie<'a>(&'a self, name: &'a str, value: &'a str, ttl_s: i64) -> Cookie<'a> {
        Cookie { name, value, ttl_s, domain: &self.domain, same_site: &self.cfg.same_site, secure: self.cfg.secure }
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
            cookies::set(&self.cookie(name, "", -1));
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
/// parameter of its URL and the document's referrer (see `pageFields` in `js/web.js`).
pub fn read_page() -> (PageFields, String, String) {
    let json = ask(PageOp::Fields, "", "");
    let raw: Vec<Value<'_>> = parse(&json).map(|v| v.items().collect()).unwrap_or_default();
    let mut text: [String; 7] = Default::default();
    for (slot, v) in text.iter_mut().zip(&raw) {
        *slot = v.as_str().map(|s| s.into_owned()).unwrap_or_default();
    }
    let mut num = [None; 12];
    for (slot, v) in num.iter_mut().zip(raw.iter().skip(8)) {
        *slot = page_read::number(*v);
    }
    let [url, document_referrer, title, cd, cs, lang, tz] = text;
    let [sw, sh, iw, ih, rw1, rw2, rw3, rh1, rh2, rh3, bh1, bh2] = num;
    RawPage {
        url,
        document_referrer,
        title,
        cd,
        cs,
        lang,
        tz,
        cookie_enabled: raw.get(7).and_then(|v| v.as_bool()),
        measures: Measures {
            screen: [sw, sh],
            inner: [iw, ih],
            root_width: [rw1, rw2, rw3],
            root_height: [rh1, rh2, rh3],
            body_height: [bh1, bh2],
        },
    }
    .fields()
}

/// True when the browser asks not to be tracked (see `doNotTrack` in `js/web.js`).
pub fn do_not_track() -> bool {
    let json = ask(PageOp::DoNotTrack, "", "");
    let signal = |v: Value<'_>| match v.as_str() {
        Some(s) => Signal::Text(s.into_owned()),
        None if v.as_bool() == Some(true) => Signal::Other,
        None => Signal::Unset,
    };
    let signals: Vec<Signal> = parse(&json).map(|v| v.items().map(signal).collect()).unwrap_or_default();
    page_read::do_not_track(&signals)
}
