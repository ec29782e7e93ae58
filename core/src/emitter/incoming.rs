//! An event given back to `emitter.input()` (as callbacks hand events out), checked the way a
//! collector would check it, so an event it would refuse is a TypeError naming the field at
//! the call instead of a failure on every send.

use crate::constants::PAYLOAD_KEYS;
use crate::error::{quoted, Error, Result};
use crate::json_read::{Kind, Value};
use crate::opts::{describe, is_marked};
use crate::{base64, json_check::is_json, key, validate, Payload, Platform};

/// Event types of the tracker protocol (`e`).
pub const EVENT_TYPES: [&str; 8] = ["pv", "pp", "se", "ue", "tr", "ti", "ad", "ev"];

/// Timestamps, sent as digits of ms.
const TIMESTAMPS: [&str; 3] = [key::DTM, key::TTM, key::STM];

fn field(name: &str) -> String {
    ["event.", name].concat()
}

/// Check one field's value by its key's rule.
fn check(k: &'static str, value: &str) -> Result<()> {
    let bad = |expected| Err(Error::type_error(field(k), expected, quoted(value)));
    if TIMESTAMPS.contains(&k) {
        let digits = (1..=16).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
        return if digits { Ok(()) } else { bad("a time in ms, as digits") };
    }
    match k {
        key::EVENT if !EVENT_TYPES.contains(&value) => bad("one of pv, pp, se, ue, tr, ti, ad, ev"),
        key::EID => validate::uuid(&field(k), value),
        key::PLATFORM => Platform::parse(value, &field(k)).map(|_| ()),
        key::CO | key::UE_PR if !is_json(value) => bad("JSON text"),
        key::CX | key::UE_PX => match base64::decode(value).and_then(|b| String::from_utf8(b).ok()) {
            Some(text) if is_json(&text) => Ok(()),
            _ => bad("base64 of JSON text"),
        },
        _ => Ok(()),
    }
}

/// The payload of an event given back as `(field, value)` pairs: every field a tracker protocol
/// field, `e`, `eid`, `p` and `tv` given and well-formed, `stm` dropped (each send stamps its
/// own). Empty values are left out, as the tracker leaves them out.
pub fn incoming_event(pairs: &[(String, String)]) -> Result<Payload> {
    let mut p = Payload::with_capacity(pairs.len());
    for (name, value) in pairs {
        let Some(&k) = PAYLOAD_KEYS.iter().find(|k| **k == name) else {
            return Err(Error::type_error(field(name), "absent (not a tracker protocol field)", quoted(value)));
        };
        if [key::EVENT, key::EID, key::PLATFORM, key::TV].contains(&k) && value.is_empty() {
            return Err(Error::type_error(field(k), "a non-empty string", "\"\""));
        }
        if !value.is_empty() {
            check(k, value)?;
        }
        if k != key::STM {
            p.add(k, value);
        }
    }
    for required in [key::EVENT, key::EID, key::PLATFORM, key::TV] {
        if p.get(required).is_none() {
            return Err(Error::required(field(required)));
        }
    }
    Ok(p)
}

/// What [`event_from_json`] wants.
pub const EVENT_EXPECTED: &str = "an event object (as onFailure hands it out)";

/// An event object as JSON text holds it (a stored event, or `input()`'s argument as the facade
/// wrote it): an object whose every member is a string, then checked by [`incoming_event`].
pub fn event_from_json(v: Value<'_>) -> Result<Payload> {
    if v.kind() != Kind::Object || is_marked(v) {
        return Err(Error::type_error("event", EVENT_EXPECTED, describe(v)));
    }
    let mut pairs = Vec::with_capacity(v.len());
    for (name, value) in v.members() {
        let Some(text) = value.as_str() else { return Err(Error::type_error(field(&name), "a string", describe(value))) };
        pairs.push((name.into_owned(), text.into_owned()));
    }
    incoming_event(&pairs)
}

/// An event as JSON text (a stored event, a Redis element) back to a [`Payload`], by the rules
/// of [`event_from_json`].
pub fn event_from_text(text: &str) -> Result<Payload> {
    match crate::json_read::parse(text) {
        Some(v) => event_from_json(v),
        None => Err(Error::type_error("event", EVENT_EXPECTED, "text that is not JSON")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let base = [("e", "pv"), ("eid", "5d79770b-015b-4af8-8c91-b2ed6faf4b1e"), ("p", "web"), ("tv", "js-4"), ("url", "u")];
        let mut v: Vec<(String, String)> = base.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        for (k, val) in extra {
            match v.iter_mut().find(|(name, _)| name == k) {
                Some(slot) => slot.1 = (*val).to_owned(),
                None => v.push(((*k).to_owned(), (*val).to_owned())),
            }
        }
        v
    }

    fn err(extra: &[(&str, &str)]) -> String {
        incoming_event(&pairs(extra)).unwrap_err().to_string()
    }

    #[test]
    fn accepts_what_the_tracker_sends() {
        let cx = base64::encode(b"{\"schema\":\"iglu:a/b/jsonschema/1-0-0\",\"data\":[]}");
        let p =
            incoming_event(&pairs(&[("dtm", "1700000000000"), ("stm", "1"), ("cx", &cx), ("co", "{}"), ("ue_pr", "{\"a\":1}")])).unwrap();
        assert_eq!(p.get("stm"), None);
        assert_eq!(p.get("cx"), Some(cx.as_str()));
        let standard = "eyJhIjoiPz8/In0="; // {"a":"???"} in standard base64, with '/' and padding
        assert!(incoming_event(&pairs(&[("ue_px", standard)])).is_ok());
    }

    #[test]
    fn refuses_what_a_collector_would() {
        assert_eq!(err(&[("eid", "not-a-uuid")]), "event.eid must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got \"not-a-uuid\"");
        assert_eq!(err(&[("e", "zz")]), "event.e must be one of pv, pp, se, ue, tr, ti, ad, ev, got \"zz\"");
        assert_eq!(err(&[("e", "")]), "event.e must be a non-empty string, got \"\"");
        assert_eq!(err(&[("dtm", "yesterday")]), "event.dtm must be a time in ms, as digits, got \"yesterday\"");
        assert_eq!(err(&[("ttm", "12345678901234567")]), "event.ttm must be a time in ms, as digits, got \"12345678901234567\"");
        assert_eq!(err(&[("co", "{not json")]), "event.co must be JSON text, got \"{not json\"");
        assert_eq!(err(&[("ue_px", "!!!")]), "event.ue_px must be base64 of JSON text, got \"!!!\"");
        assert_eq!(err(&[("cx", "bm90IGpzb24")]), "event.cx must be base64 of JSON text, got \"bm90IGpzb24\"");
        assert_eq!(err(&[("p", "desktop")]), "event.p must be one of pc, tv, mob, cnsl, iot, web, srv, app, got \"desktop\"");
        assert_eq!(err(&[("bogus", "1")]), "event.bogus must be absent (not a tracker protocol field), got \"1\"");
        let no_tv: Vec<_> = pairs(&[]).into_iter().filter(|(k, _)| k != "tv").collect();
        assert_eq!(incoming_event(&no_tv).unwrap_err().to_string(), "event.tv is required");
    }

    #[test]
    fn reads_an_event_from_its_json() {
        let from = |text: &str| event_from_json(crate::json_read::parse(text).unwrap()).map_err(|e| e.to_string());
        let good = r#"{"e":"pv","eid":"5d79770b-015b-4af8-8c91-b2ed6faf4b1e","p":"web","tv":"js-4","url":"caf\u00e9","stm":"1"}"#;
        let p = from(good).unwrap();
        assert_eq!(p.get("url"), Some("café"));
        assert_eq!(p.get("stm"), None);
        assert_eq!(from("[]").unwrap_err(), "event must be an event object (as onFailure hands it out), got an array");
        assert_eq!(from("\"pv\"").unwrap_err(), "event must be an event object (as onFailure hands it out), got \"pv\"");
        let marked = "{\"\\u0000\":\"function\"}";
        assert_eq!(from(marked).unwrap_err(), "event must be an event object (as onFailure hands it out), got a function");
        let number = good.replace(r#""url":"caf\u00e9""#, r#""url":5"#);
        assert_eq!(from(&number).unwrap_err(), "event.url must be a string, got 5");
        let nested = good.replace(r#""url":"caf\u00e9""#, r#""url":{"\u0000":"symbol"}"#);
        assert_eq!(from(&nested).unwrap_err(), "event.url must be a string, got a symbol");
        assert_eq!(from(r#"{"e":"pv"}"#).unwrap_err(), "event.eid is required");
    }
}
