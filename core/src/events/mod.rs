//! The events of the Python tracker 1.1.0: each kind is a table of fields ([`kinds`]), read
//! into [`Val`]s by the bindings and checked and built into payloads by one interpreter
//! ([`build`]).

mod build;
pub mod error_flood;
pub mod kinds;
pub mod read;

pub use build::Val;
pub use kinds::{Field, Kind, Shape, Ty};

use crate::error::Result;
use crate::json::Value;
use crate::{constants, key, validate, Payload};

/// A `{schema, data}` pair: a context entity or a self-describing event.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfDescribingJson {
    /// Iglu URI of `data`'s schema.
    pub schema: String,
    /// The data; user data arrives as [`Value::Raw`] JSON text.
    pub data: Value,
}

impl SelfDescribingJson {
    /// A pair from a schema and user JSON text.
    pub fn raw(schema: impl Into<String>, data_json: impl Into<String>) -> Self {
        SelfDescribingJson { schema: schema.into(), data: Value::Raw(data_json.into()) }
    }

    /// Check the schema URI; `param` names the pair (built only on error).
    pub fn validate(&self, param: impl FnOnce() -> String) -> Result<()> {
        if validate::is_iglu_uri(&self.schema) {
            Ok(())
        } else {
            validate::iglu_uri(&(param() + ".schema"), &self.schema)
        }
    }

    /// Append `{"schema":…,"data":…}` to `out` without copying the data.
    pub fn write(&self, out: &mut String) {
        out.push_str("{\"schema\":");
        crate::json::write_str(out, &self.schema);
        out.push_str(",\"data\":");
        self.data.write(out);
        out.push('}');
    }
}

/// The largest time a JS `Date` holds, in ms from the epoch either way.
pub const MAX_TIME_MS: f64 = 8.64e15;

/// Options every track method takes besides the event itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Common {
    /// Context entities, sent under `cx`/`co` in a contexts 1-0-1 envelope.
    pub contexts: Vec<SelfDescribingJson>,
    /// True timestamp in ms (`ttm`): within ±8.64e15 (a JS `Date`'s range), sent truncated.
    pub true_timestamp: Option<crate::Num>,
    /// The event's own subject, overriding the tracker's field by field.
    pub subject: Option<Box<crate::Subject>>,
}

impl Common {
    /// Check every context entity.
    pub fn validate(&self) -> Result<()> {
        if let Some(t) = &self.true_timestamp {
            if t.value().is_nan() || t.value().abs() > MAX_TIME_MS {
                return Err(crate::Error::range_error("trueTimestamp", "a time in ms within ±8.64e15 (a JS Date's range)", t.as_str()));
            }
        }
        for (i, c) in self.contexts.iter().enumerate() {
            c.validate(|| crate::indexed("context", i))?;
        }
        Ok(())
    }
}

/// One event: its kind and the value of each of its fields, in table order.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// What kind of event.
    pub kind: &'static Kind,
    /// One value per field of `kind.fields`.
    pub vals: Vec<Val>,
}

/// The contexts envelope of `all` (contexts 1-0-1), as JSON text.
pub fn contexts_json(all: &[&SelfDescribingJson]) -> String {
    let mut json = String::with_capacity(80 + all.iter().map(|c| c.schema.len() + 64).sum::<usize>());
    json.push_str("{\"schema\":\"");
    json.push_str(constants::SCHEMA_CONTEXTS);
    json.push_str("\",\"data\":");
    crate::json::write_list(&mut json, all, |out, c| c.write(out));
    json.push('}');
    json
}

impl Event {
    /// True for an error event of an `Error` the tracker itself threw: never tracked (tracking
    /// it could loop).
    pub fn is_tracker_error(&self) -> bool {
        self.vals.contains(&Val::TrackerError)
    }

    /// The schema of the event, as global contexts' rulesets see it: a self-describing event's
    /// own, `""` for the rest (page views, structured events…).
    pub fn schema(&self) -> &str {
        match self.kind.shape {
            kinds::Shape::Schema(s) => s,
            kinds::Shape::UserEvent => self
                .vals
                .iter()
                .find_map(|v| match v {
                    Val::SelfDescribing(sd) => Some(sd.schema.as_str()),
                    _ => None,
                })
                .unwrap_or_default(),
            _ => "",
        }
    }
}

/// `e=ue` with the event wrapped in an unstruct_event envelope under `ue_px` / `ue_pr`.
pub(crate) fn self_describing_payload(event: &SelfDescribingJson, encode_base64: bool) -> Payload {
    let mut json = String::with_capacity(96 + event.schema.len());
    json.push_str("{\"schema\":\"");
    json.push_str(constants::SCHEMA_UNSTRUCT_EVENT);
    json.push_str("\",\"data\":");
    event.write(&mut json);
    json.push('}');
    let mut p = Payload::with_capacity(16);
    p.add(key::EVENT, "ue");
    p.add_json(&json, encode_base64, key::UE_PX, key::UE_PR);
    p
}

#[cfg(test)]
mod tests;
