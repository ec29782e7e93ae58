//! sp.js's cookies as rules: the `document.cookie` string that writes one, reading one out of
//! the page's cookie text, the coalesced writes ([`Jar`]) and root-domain discovery's test
//! cookie ([`RootTest`]). The binding only assigns and reads `document.cookie`.
//!
//! Writes are coalesced as sp.js coalesces them: a cookie write costs a round trip to the
//! browser's cookie store, twice per event otherwise. The last value per name is written
//! [`WRITE_DELAY_MS`] later, or at once when the page is hidden or left, and read back from
//! memory for [`READ_BACK_MS`]; a deletion (negative lifetime) is written at once and forgets
//! what was pending or remembered under its name. The identity values kept in localStorage
//! (`stateStorageStrategy: "localStorage"`, four `setItem` calls per event otherwise) are
//! coalesced the same way, in the same jar ([`Jar::set_item`]).

use super::domain::{COOKIE_PATH, ROOT_TEST_COOKIE};
use super::time::utc_string;
use crate::int_text;
use crate::urlencode::{decode_uri_component, encode_uri_component_into};

/// How long after a write the coalesced cookies are written (ms).
pub const WRITE_DELAY_MS: i64 = 10;

/// How long a written value is read back from memory rather than from the page (ms).
pub const READ_BACK_MS: i64 = 50;

/// One cookie write, as sp.js makes it.
#[derive(Debug, Clone, Copy)]
pub struct Cookie<'a> {
    /// The name (written as it is).
    pub name: &'a str,
    /// The value (written `encodeURIComponent`-ed).
    pub value: &'a str,
    /// Seconds it lives: `0` a browser-session cookie, negative deletes it at once.
    pub ttl_s: i64,
    /// `Domain`, none when empty.
    pub domain: &'a str,
    /// `SameSite`, none when empty.
    pub same_site: &'a str,
    /// `Secure`.
    pub secure: bool,
}

impl Cookie<'_> {
    /// The `document.cookie` string of this write at `now_ms`: `name=<value>; Expires=<HTTP
    /// date>; Path=/; Domain=…; SameSite=…; Secure` (no `Expires` for a lifetime of 0).
    pub fn text(&self, now_ms: i64) -> String {
        let expires = (self.ttl_s != 0).then(|| utc_string(now_ms.saturating_add(self.ttl_s.saturating_mul(1000))));
        self.write("; Expires=", expires.as_deref().unwrap_or_default())
    }

    /// The `Set-Cookie` header value of this cookie sent by a server: as [`Cookie::text`] with
    /// `Max-Age=<seconds>` for `Expires` (none for a lifetime of 0).
    pub fn header(&self) -> String {
        let max_age = if self.ttl_s != 0 { int_text(self.ttl_s) } else { String::new() };
        self.write("; Max-Age=", &max_age)
    }

    /// `name=<value>`, the lifetime `attribute` with `lifetime` (none when empty), then the
    /// path, domain, SameSite and Secure attributes.
    fn write(&self, attribute: &str, lifetime: &str) -> String {
        let mut s = String::with_capacity(self.name.len() + self.value.len() + 96);
        s.push_str(self.name);
        s.push('=');
        encode_uri_component_into(&mut s, self.value);
        for (attribute, v) in [(attribute, lifetime), ("; Path=", COOKIE_PATH), ("; Domain=", self.domain), ("; SameSite=", self.same_site)]
        {
            if !v.is_empty() {
                s.push_str(attribute);
                s.push_str(v);
            }
        }
        if self.secure {
            s.push_str("; Secure");
        }
        s
    }
}

/// The cookie `name` in the page's cookie text `all` (`document.cookie`): the first `name=`,
/// its value `decodeURIComponent`-ed; `None` when there is none or it does not decode.
pub fn read(all: &str, name: &str) -> Option<String> {
    let (marker, text) = (["; ", name, "="].concat(), ["; ", all].concat());
    // A plain scan: `str::split_once` with a string pattern costs a searcher's code in the wasm.
    let at = (0..text.len()).find(|&i| text.as_bytes().get(i..).is_some_and(|b| b.starts_with(marker.as_bytes())))?;
    let rest = text.get(at + marker.len()..)?;
    decode_uri_component(rest.split(';').next().unwrap_or_default())
}

/// What to do with one cookie write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Write this cookie string now.
    Now(String),
    /// It waits for [`Jar::flush`].
    Later {
        /// Call [`Jar::flush`] at this time (none: a wake-up is already due).
        wake_at_ms: Option<i64>,
        /// The first write that waits: from now on, also flush when the page is hidden or left.
        watch_exit: bool,
    },
}

/// A value written recently, read back from memory until `until_ms`.
#[derive(Debug, Clone)]
struct Recent {
    name: String,
    value: String,
    until_ms: i64,
}

/// A write that waits: a cookie string to assign, or the localStorage items (the expiry first)
/// that keep a value as sp.js keeps it ([`super::local_state::items`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Assign this to `document.cookie`.
    Cookie(String),
    /// Set these items, in order.
    Items([(String, String); 2]),
}

/// The page's cookie and localStorage writes waiting to be made, and the values read back from
/// memory.
#[derive(Debug, Clone, Default)]
pub struct Jar {
    /// `(name, write)` in the order the names were first written since the last flush.
    pending: Vec<(String, Pending)>,
    recent: Vec<Recent>,
    wake_at_ms: Option<i64>,
    watching_exit: bool,
}

impl Jar {
    /// Write `c` at `now_ms`: a deletion at once, any other value later (the last per name).
    pub fn set(&mut self, c: &Cookie, now_ms: i64) -> Write {
        let text = c.text(now_ms);
        if c.ttl_s < 0 {
            self.forget(c.name);
            return Write::Now(text);
        }
        self.wait(c.name, c.value, Pending::Cookie(text), now_ms)
    }

    /// Keep `value` as the localStorage item `key` for `ttl_s` seconds from `now_ms`, written
    /// later as cookies are (the last per key).
    pub fn set_item(&mut self, key: &str, value: &str, ttl_s: i64, now_ms: i64) -> Write {
        self.wait(key, value, Pending::Items(super::local_state::items(key, value, ttl_s, now_ms)), now_ms)
    }

    /// Forget what is pending or remembered under `name` (it is removed or deleted at once).
    pub fn forget(&mut self, name: &str) {
        self.pending.retain(|(n, _)| n != name);
        self.recent.retain(|r| r.name != name);
    }

    fn wait(&mut self, name: &str, value: &str, write: Pending, now_ms: i64) -> Write {
        let wake_at_ms = match self.wake_at_ms {
            Some(_) => None,
            None => Some(now_ms.saturating_add(WRITE_DELAY_MS)),
        };
        self.wake_at_ms = self.wake_at_ms.or(wake_at_ms);
        let watch_exit = !std::mem::replace(&mut self.watching_exit, true);
        match self.pending.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = write,
            None => self.pending.push((name.to_owned(), write)),
        }
        self.recent.retain(|r| r.name != name && r.until_ms > now_ms);
        self.recent.push(Recent { name: name.to_owned(), value: value.to_owned(), until_ms: now_ms.saturating_add(READ_BACK_MS) });
        Write::Later { wake_at_ms, watch_exit }
    }

    /// The value of cookie or item `name` written less than [`READ_BACK_MS`] before `now_ms`, if any
    /// (else the page's cookie text answers).
    pub fn remembered(&self, name: &str, now_ms: i64) -> Option<&str> {
        self.recent.iter().find(|r| r.name == name && r.until_ms > now_ms).map(|r| r.value.as_str())
    }

    /// The writes to make now (the wake-up is due, or the page is hidden or left), in order; no
    /// wake-up is due after it.
    pub fn flush(&mut self) -> Vec<Pending> {
        self.wake_at_ms = None;
        self.pending.drain(..).map(|(_, write)| write).collect()
    }
}

/// Root-domain discovery's test cookie: set on a candidate domain, the domain is the root when
/// it can be read back.
#[derive(Debug, Clone)]
pub struct RootTest {
    /// `_sp_root_domain_test_<ms>`.
    pub name: String,
    /// `_test_value_<ms>`.
    pub value: String,
}

impl RootTest {
    /// The test cookie of a discovery at `now_ms`.
    pub fn new(now_ms: i64) -> RootTest {
        let ms = int_text(now_ms);
        RootTest { name: [ROOT_TEST_COOKIE, &ms].concat(), value: ["_test_value_", &ms].concat() }
    }

    /// The test cookie on `domain`: a browser-session cookie written at once (its removal, the
    /// same with a lifetime of -1, goes through the [`Jar`]).
    pub fn cookie<'a>(&'a self, domain: &'a str, same_site: &'a str, secure: bool) -> Cookie<'a> {
        Cookie { name: &self.name, value: &self.value, ttl_s: 0, domain, same_site, secure }
    }

    /// True when the page's cookie text `all`, read after the test cookie was written, holds it.
    pub fn stuck(&self, all: &str) -> bool {
        read(all, &self.name).as_deref() == Some(self.value.as_str())
    }
}

#[cfg(test)]
mod tests;
