//! Reading a track method's options once, at the edge: the event's own fields against its
//! core table ([`snowplow_core::events::kinds`]), then the options every method shares.

use snowplow_core::events::{Common, Event, Kind};
use wasm_bindgen::JsValue;

use crate::api::subject::SUBJECTS;
use crate::boundary::errors::JsResult;
use crate::boundary::keys::Key as K;
use crate::boundary::read::{absent, Reader, Ty::*};

/// The options every track method shares: `context`, `trueTimestamp`, `subject`.
pub fn common(r: &Reader, o: &JsValue) -> JsResult<Common> {
    let mut f = r.fields(o, "", &[(K::Context, Any), (K::TrueTimestamp, Num), (K::Subject, Any)])?;
    let mut c = Common::default();
    if let Some(arr) = r.array(&f.js(), "context", "an array of {schema, data} objects")? {
        c.contexts.reserve(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            c.contexts.push(r.self_describing(&item, &|| snowplow_core::indexed("context", i))?);
        }
    }
    c.true_timestamp = f.num();
    let subject = f.js();
    if !absent(&subject) {
        match SUBJECTS.with(|r| r.lookup(&subject)) {
            Some(s) => c.subject = Some(s.borrow().clone()),
            _ => return Err(r.type_error("", "subject", "a Subject", &subject)),
        }
    }
    Ok(c)
}

/// The event of `kind` that `o` describes.
pub fn event(r: &Reader, o: &JsValue, kind: &'static Kind) -> JsResult<Event> {
    Ok(Event { kind, vals: r.event_fields(o, "", kind.fields)? })
}
