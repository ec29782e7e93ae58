//! Completing an event: contexts, true timestamp, subject, id, timestamps, tracker fields.

use crate::emitter::positive_int;
use crate::error::Result;
use crate::events::{Common, Event, SelfDescribingJson};
use crate::opts::Read;
use crate::web::PageSource;
use crate::{key, Payload, Platform, Subject};

/// What the platform supplies: the clock and random ids.
pub trait Env {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&mut self) -> i64;
    /// A new UUID v4 string.
    fn uuid(&mut self) -> String;
}

/// Format 16 random bytes as a UUID v4 (version and variant bits set).
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |n: u8| HEX.get(usize::from(n & 15)).copied().unwrap_or(b'0');
    // Written into a fixed buffer: one allocation, no per-character call.
    let mut out = [b'-'; 36];
    let mut at = out.iter_mut().enumerate().filter(|(i, _)| !matches!(i, 8 | 13 | 18 | 23)).map(|(_, c)| c);
    for byte in b {
        for nibble in [byte >> 4, byte] {
            if let Some(c) = at.next() {
                *c = hex(nibble);
            }
        }
    }
    String::from_utf8(out.to_vec()).unwrap_or_default()
}

/// The tracker's own settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackerConfig {
    /// `tna`, omitted when `None`.
    pub namespace: Option<String>,
    /// `aid`, omitted when `None`.
    pub app_id: Option<String>,
    /// Contexts and self-describing events as base64 (`cx`, `ue_px`) or plain JSON (`co`, `ue_pr`).
    pub encode_base64: bool,
    /// `tv`.
    pub version: String,
    /// `p` when no subject sets a platform.
    pub default_platform: Platform,
    /// Largest event accepted, in bytes of its JSON as sent (`maxEventBytes`): a larger one is
    /// refused at `track()`, before any emitter gets it.
    pub max_event_bytes: usize,
}

/// Default `maxEventBytes`: a collector's usual limit.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 1_000_000;

impl TrackerConfig {
    /// The settings of `TrackerOptions` read from its message (the web options stay in `o` for
    /// [`crate::web::config::WebOptions::from_read`]): `tv` is `version`, `p` without a subject
    /// `default_platform`. Empty `namespace`/`appId` are omitted; base64 is on by default.
    pub fn from_read(o: &mut Read, version: &str, default_platform: Platform) -> Result<TrackerConfig> {
        let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
        Ok(TrackerConfig {
            namespace: non_empty(o.str("namespace")),
            app_id: non_empty(o.str("appId")),
            encode_base64: o.bool("encodeBase64").unwrap_or(true),
            version: version.to_owned(),
            default_platform,
            max_event_bytes: positive_int("maxEventBytes", o.num("maxEventBytes").as_ref(), DEFAULT_MAX_EVENT_BYTES)?,
        })
    }
}

/// The longest JSON text (in JS string units) worth copying into the module for events of at
/// most `max_event_bytes`: well above anything that could fit once sent (escaped or base64), so
/// below it the event's own size check and message apply; above it the text is refused unread.
pub fn text_bound(max_event_bytes: usize) -> usize {
    max_event_bytes.saturating_mul(4).saturating_add(65_536)
}

/// An event built but for its contexts: see [`TrackerConfig::finish`].
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// Every field but the contexts.
    pub payload: Payload,
    /// The entities the page adds (in a browser), after the event's own.
    pub page_contexts: Vec<SelfDescribingJson>,
}

impl TrackerConfig {
    /// Validate `event` and build its complete payloads (a transaction gives one per item too).
    /// `subject` is the tracker's subject; the event's own subject in `common` overrides it.
    /// `page`, in a browser, adds what the page knows (see [`crate::web::PageSource`]).
    pub fn track(
        &self,
        event: Event,
        common: &Common,
        subject: Option<&Subject>,
        env: &mut dyn Env,
        page: Option<&mut dyn PageSource>,
    ) -> Result<Vec<Payload>> {
        let method = event.kind.method;
        let built = self.build(event, common, subject, env, page)?;
        built.into_iter().map(|b| self.finish(method, b.payload, &[&common.contexts, &b.page_contexts])).collect()
    }

    /// [`TrackerConfig::track`] but for the contexts and the size check, which
    /// [`TrackerConfig::finish`] adds once plugins and global contexts have had their say.
    pub fn build(
        &self,
        event: Event,
        common: &Common,
        subject: Option<&Subject>,
        env: &mut dyn Env,
        mut page: Option<&mut dyn PageSource>,
    ) -> Result<Vec<Built>> {
        let method = event.kind.method;
        let page_view = event.kind.method == "trackPageView";
        let with_method = |e: crate::Error| e.within(&[method, ": "].concat());
        common.validate().map_err(with_method)?;
        let payloads = event.build(self.encode_base64, &mut || env.uuid()).map_err(with_method)?;
        let now_ms = env.now_ms();
        let now = crate::int_text(now_ms);
        let ttm = common.true_timestamp.as_ref().map(|t| t.value().trunc() as i64);
        let mut out = Vec::with_capacity(payloads.len());
        for mut p in payloads {
            let eid = env.uuid();
            let added = page.as_deref_mut().map(|s| s.additions(&eid, page_view, ttm.unwrap_or(now_ms)));
            if let Some(ttm) = ttm {
                p.add(key::TTM, &crate::int_text(ttm));
            }
            let auto = added.as_ref().map(|a| &a.subject);
            Subject::write(&mut p, [common.subject.as_deref(), subject, auto], self.default_platform);
            if let Some(a) = &added {
                a.finish(&mut p);
            }
            p.add(key::EID, &eid);
            p.add(key::DTM, now.as_str());
            p.add(key::TV, self.version.as_str());
            p.add_opt(key::TNA, self.namespace.as_deref());
            p.add_opt(key::AID, self.app_id.as_deref());
            out.push(Built { payload: p, page_contexts: added.map(|a| a.contexts).unwrap_or_default() });
        }
        Ok(out)
    }

    /// `p` (built by [`TrackerConfig::build`] for `method`) with the entities of `lists` added
    /// under `cx`/`co`, once checked within `maxEventBytes`: before any emitter sees the event,
    /// so a caller's retry never duplicates it.
    pub fn finish(&self, method: &str, mut p: Payload, lists: &[&[SelfDescribingJson]]) -> Result<Payload> {
        if lists.iter().any(|l| !l.is_empty()) {
            let all: Vec<&SelfDescribingJson> = lists.iter().flat_map(|l| l.iter()).collect();
            p.add_json(&crate::events::contexts_json(&all), self.encode_base64, key::CX, key::CO);
        }
        // Escaping at most sextuples a byte: only events that might be too large are measured.
        if p.json_len_bound() > self.max_event_bytes {
            let len = p.json_len();
            if len > self.max_event_bytes {
                let e = crate::Error::range_error("event", "within maxEventBytes as sent (bytes of JSON)", crate::int_text(len as i64));
                return Err(e.within(&[method, ": "].concat()));
            }
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = uuid_v4([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
        assert!(crate::validate::uuid("u", &u).is_ok());
    }
}
