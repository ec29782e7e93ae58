//! The payload builder a plugin's `beforeTrack` is handed (tracker-core's `PayloadBuilder`):
//! the state the host builds it from, and the event read back from what it left.
//!
//! The host's builder records its calls and hands back `[result, dict, json, calls]`: the
//! fields object (`getPayload()`, changed in place or not), the JSON entries (`getJson()`) and
//! each `add`, `addDict`, `addJson` and `addContextEntity` in order, applied here with
//! tracker-core's rules (`add` skips `null`, `undefined` and `""`; `addJson` skips what is not a
//! non-empty object; a `cx` entry's entities join the event's contexts). The result must be an
//! event as a collector takes it ([`crate::emitter::incoming_event`]).

use crate::base64;
use crate::emitter::incoming_event;
use crate::error::{quoted, Error, Result};
use crate::events::read::entity;
use crate::events::{contexts_json, SelfDescribingJson};
use crate::json_read::{parse, Kind, Value};
use crate::opts::{absent, describe};
use crate::{key, Payload};

/// The keys tracker-core's builder keeps as JSON entries rather than fields.
const JSON_KEYS: [&str; 4] = [key::UE_PX, key::UE_PR, key::CX, key::CO];

/// The builder state for `p` (built, without contexts) and its contexts, as JSON text `[dict,
/// json]`: the fields, then the self-describing event's entry and the contexts' entry.
pub fn args(p: &Payload, contexts: &[&SelfDescribingJson]) -> String {
    let mut out = String::with_capacity(p.json_len_bound().min(8192) + 128);
    out.push('[');
    p.write_json_except(&mut out, &JSON_KEYS);
    out.push_str(",[");
    let ue = match (p.get(key::UE_PR), p.get(key::UE_PX)) {
        (Some(plain), _) => Some(plain.to_owned()),
        (None, Some(b64)) => base64::decode(b64).and_then(|b| String::from_utf8(b).ok()),
        _ => None,
    };
    let entry = |out: &mut String, enc: &str, plain: &str, json: &str| {
        if !out.ends_with('[') {
            out.push(',');
        }
        out.push_str("{\"keyIfEncoded\":\"");
        out.push_str(enc);
        out.push_str("\",\"keyIfNotEncoded\":\"");
        out.push_str(plain);
        out.push_str("\",\"json\":");
        out.push_str(json);
        out.push('}');
    };
    if let Some(ue) = ue {
        entry(&mut out, key::UE_PX, key::UE_PR, &ue);
    }
    if !contexts.is_empty() {
        entry(&mut out, key::CX, key::CO, &contexts_json(contexts));
    }
    out.push_str("]]");
    out
}

/// What a builder left, being read.
struct Left {
    pairs: Vec<(String, String)>,
    /// The entities of `cx` JSON entries (the event's own when `getJson()` was read).
    contexts: Vec<SelfDescribingJson>,
}

impl Left {
    /// `add(key, value)`: `null`, `undefined` and `""` are skipped; a value must be a string.
    fn add(&mut self, name: &str, v: Value<'_>) -> Result<()> {
        if absent(v) {
            return Ok(());
        }
        let Some(text) = v.as_str().filter(|_| v.kind() == Kind::String) else {
            return Err(Error::type_error(["event.", name].concat(), "a string", describe(v)));
        };
        self.set(name, &text);
        Ok(())
    }

    fn set(&mut self, name: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.pairs.iter_mut().find(|(k, _)| k == name) {
            Some(pair) => pair.1 = text.to_owned(),
            None => self.pairs.push((name.to_owned(), text.to_owned())),
        }
    }

    /// Every member of the object `v` added.
    fn add_dict(&mut self, v: Value<'_>, what: &str) -> Result<()> {
        if v.kind() != Kind::Object {
            return Err(Error::type_error(what, "an object of fields", describe(v)));
        }
        v.members().try_for_each(|(name, value)| self.add(&name, value))
    }

    /// A JSON entry: a `cx` one's entities join the contexts; another is written under its key.
    fn add_json(&mut self, enc: &str, plain: &str, json: Value<'_>, encode_base64: bool) -> Result<()> {
        if json.kind() != Kind::Object || json.is_empty() {
            return Ok(());
        }
        if enc == key::CX {
            let data = json.get("data").filter(|d| d.kind() == Kind::Array);
            let Some(data) = data else { return Err(Error::type_error("cx.data", "an array of entities", describe(json))) };
            for (i, item) in data.items().enumerate() {
                self.contexts.push(entity(item, &crate::indexed("cx.data", i))?);
            }
            return Ok(());
        }
        let text = if encode_base64 { base64::encode(json.raw().as_bytes()) } else { json.raw().to_owned() };
        self.set(if encode_base64 { enc } else { plain }, &text);
        Ok(())
    }
}

/// The text of the string at `v`, or an error naming `what`.
fn text(v: Option<Value<'_>>, what: &str) -> Result<String> {
    match v.and_then(|v| v.as_str().filter(|_| v.kind() == Kind::String)) {
        Some(s) => Ok(s.into_owned()),
        None => Err(Error::type_error(what, "a string", v.map_or_else(|| "undefined".into(), describe))),
    }
}

/// What a builder left (the host's answer `[result, dict, json, calls]`, with `0` for `dict`
/// and `json` when the builder's objects were never asked for) of the event `current` (built,
/// without contexts): its fields, whether the contexts are replaced (`getJson()`'s entries
/// stand for them), and the entities its contexts are then, or gain.
pub fn result(answer: &str, current: &Payload, encode_base64: bool) -> Result<(Payload, bool, Vec<SelfDescribingJson>)> {
    let v = parse(answer).ok_or_else(|| Error::type_error("builder", "JSON", "something else"))?;
    let mut left = Left { pairs: Vec::new(), contexts: Vec::new() };
    let (dict, json, calls) = (v.at(1), v.at(2), v.at(3));
    let replaced = dict.is_some_and(|d| d.kind() != Kind::Number);
    let mut entries = Vec::new();
    let mut added = Vec::new();
    if replaced {
        left.add_dict(dict.unwrap_or(v), "getPayload()")?;
        for e in json.into_iter().flat_map(Value::items) {
            entries.push((text(e.get("keyIfEncoded"), "keyIfEncoded")?, text(e.get("keyIfNotEncoded"), "keyIfNotEncoded")?, e.get("json")));
        }
    } else {
        left.pairs = current.pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    }
    for call in calls.into_iter().flat_map(Value::items) {
        match text(call.at(0), "call")?.as_str() {
            "add" => left.add(&text(call.at(1), "add(key)")?, call.at(2).unwrap_or(call))?,
            "addDict" => left.add_dict(call.at(1).unwrap_or(call), "addDict(dict)")?,
            "addJson" => {
                entries.push((text(call.at(1), "addJson(keyIfEncoded)")?, text(call.at(2), "addJson(keyIfNotEncoded)")?, call.at(3)))
            }
            "addContextEntity" => added.push(entity(call.at(1).unwrap_or(call), "addContextEntity(entity)")?),
            other => return Err(Error::type_error("call", "a builder method", quoted(other))),
        }
    }
    for (enc, plain, json) in entries {
        if let Some(json) = json {
            left.add_json(&enc, &plain, json, encode_base64)?;
        }
    }
    left.contexts.extend(added);
    Ok((incoming_event(&left.pairs)?, replaced, left.contexts))
}
