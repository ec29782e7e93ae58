//! The page as the host reads it, raw, made into the tracker's fields as sp.js makes them: the
//! screen (`res`), viewport (`vp`) and document (`ds`) sizes from the DOM's numbers, `cookie`
//! from `navigator.cookieEnabled`, the `referrer` query parameter of the page's URL, and which
//! Do Not Track signal counts.

use super::page::PageFields;
use crate::num::Num;
use crate::urlencode::decode;

/// The page's numbers: each `Number(…)` of what the DOM says, `None` where reading it threw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// `screen.width`, `screen.height`.
    pub screen: [Option<f64>; 2],
    /// `innerWidth`, `innerHeight`.
    pub inner: [Option<f64>; 2],
    /// `documentElement`'s `clientWidth`, `offsetWidth`, `scrollWidth`.
    pub root_width: [Option<f64>; 3],
    /// `documentElement`'s `clientHeight`, `offsetHeight`, `scrollHeight`.
    pub root_height: [Option<f64>; 3],
    /// `body`'s `offsetHeight`, `scrollHeight` (`None`: no body).
    pub body_height: [Option<f64>; 2],
}

/// What the page says before an event, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPage {
    /// `location.href`.
    pub url: String,
    /// `document.referrer`.
    pub document_referrer: String,
    /// `document.title`.
    pub title: String,
    /// `screen.colorDepth`.
    pub cd: String,
    /// The document's character set.
    pub cs: String,
    /// The browser's language.
    pub lang: String,
    /// The IANA time zone.
    pub tz: String,
    /// `navigator.cookieEnabled`'s truthiness, `None` where it could not be read.
    pub cookie_enabled: Option<bool>,
    /// The sizes.
    pub measures: Measures,
}

/// `String(n)` of a number the DOM gave (whole numbers; a fraction is cut off, as the DOM's
/// sizes have none).
fn text(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        (if n > 0.0 { "Infinity" } else { "-Infinity" }).into()
    } else {
        Num::from_safe_integer(n.trunc()).map_or_else(|| crate::int_text(n as i64), |n| n.as_str().to_owned())
    }
}

/// A size as the host writes it: a JSON number, or the text of one JSON cannot hold (`"NaN"`,
/// `"Infinity"`, `"-Infinity"`); `None` when it could not be read.
pub fn number(v: crate::json_read::Value<'_>) -> Option<f64> {
    match v.as_str().as_deref() {
        Some("Infinity") => Some(f64::INFINITY),
        Some("-Infinity") => Some(f64::NEG_INFINITY),
        Some(_) => Some(f64::NAN),
        None => v.as_number().and_then(crate::Num::from_json).map(|n| n.value()),
    }
}

/// `Math.max(…values)`: NaN when one is NaN.
fn js_max(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(f64::NEG_INFINITY, |m, v| if m.is_nan() || v.is_nan() { f64::NAN } else { m.max(v) })
}

/// `WxH`, or '' when either could not be read.
fn size(w: Option<f64>, h: Option<f64>) -> String {
    match (w, h) {
        (Some(w), Some(h)) => [text(w), "x".into(), text(h)].concat(),
        _ => String::new(),
    }
}

impl Measures {
    /// `res`: `floor(screen.width)xfloor(screen.height)`.
    pub fn res(&self) -> String {
        let [w, h] = self.screen.map(|v| v.map(f64::floor));
        size(w, h)
    }

    /// `vp`: the viewport, each side `Math.max(0, Math.floor(side))`.
    pub fn vp(&self) -> String {
        let [w, h] = self.inner.map(|v| v.map(|v| js_max([0.0, v.floor()])));
        size(w, h)
    }

    /// `ds`: the document, the largest of the root element's widths by the largest of its and
    /// the body's heights (no body: 0).
    pub fn ds(&self) -> String {
        let all = |v: &[Option<f64>]| v.iter().copied().collect::<Option<Vec<f64>>>();
        let body = js_max(self.body_height.iter().map(|v| v.unwrap_or(0.0)));
        let w = all(&self.root_width).map(js_max);
        let h = all(&self.root_height).map(|h| js_max(h.into_iter().chain([body])));
        size(w, h)
    }
}

impl RawPage {
    /// The page's fields (the event's referrer not chosen yet), the `referrer` parameter of its
    /// URL and the document's referrer.
    pub fn fields(self) -> (PageFields, String, String) {
        let cookie = match self.cookie_enabled {
            Some(true) => "1",
            Some(false) => "0",
            None => "",
        };
        let m = &self.measures;
        let (res, vp, ds) = (m.res(), m.vp(), m.ds());
        let param = referrer_param(&self.url);
        let fields = PageFields {
            url: self.url,
            referrer: String::new(),
            title: self.title,
            res,
            vp,
            ds,
            cd: self.cd,
            cs: self.cs,
            lang: self.lang,
            tz: self.tz,
            cookie: cookie.into(),
        };
        (fields, param, self.document_referrer)
    }
}

/// The `referrer` (or `referer`) query parameter of `href` as sp.js reads it (the last one
/// before any `#`; `+` as space, then `decodeURIComponent`), or '' (none, or it does not decode).
pub fn referrer_param(href: &str) -> String {
    let before_hash = href.split('#').next().unwrap_or_default();
    for (i, b) in before_hash.bytes().enumerate().rev() {
        if b != b'?' && b != b'&' {
            continue;
        }
        let rest = before_hash.get(i + 1..).unwrap_or_default();
        if let Some(v) = rest.strip_prefix("referrer=").or_else(|| rest.strip_prefix("referer=")) {
            return decode(v.split('&').next().unwrap_or_default()).unwrap_or_default();
        }
    }
    String::new()
}

/// A Do Not Track signal as the page holds it (`navigator.doNotTrack`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Absent, or a falsy value that is not a string.
    Unset,
    /// A string (`""` is falsy).
    Text(String),
    /// Any other truthy value.
    Other,
}

/// True when the browser asks not to be tracked: the first set signal of
/// `navigator.doNotTrack`, `navigator.msDoNotTrack` and `window.doNotTrack`, in that order, is
/// `"1"` or `"yes"`.
pub fn do_not_track(signals: &[Signal]) -> bool {
    for s in signals {
        match s {
            Signal::Text(t) if !t.is_empty() => return t == "1" || t == "yes",
            Signal::Other => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests;
