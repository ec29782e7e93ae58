//! The events of the Python tracker 1.1.0, each a plain struct that validates itself and
//! builds its event-specific payload fields.

mod commerce;
mod forms;
mod native;
mod self_describing;

pub use commerce::{CartAction, CartChange, Transaction, TransactionItem};
pub use forms::{FormChange, FormElement, FormSubmit};
pub use native::{PagePing, PageView, StructEvent};
pub use self_describing::{FilterValue, LinkClick, MobileScreenView, ScreenView, SiteSearch};

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

/// Options every track method takes besides the event itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Common {
    /// Context entities, sent under `cx`/`co` in a contexts 1-0-1 envelope.
    pub contexts: Vec<SelfDescribingJson>,
    /// True timestamp in ms (`ttm`).
    pub true_timestamp: Option<i64>,
    /// The event's own subject, overriding the tracker's field by field.
    pub subject: Option<crate::Subject>,
}

impl Common {
    /// Check every context entity.
    pub fn validate(&self) -> Result<()> {
        for (i, c) in self.contexts.iter().enumerate() {
            c.validate(|| crate::indexed("context", i))?;
        }
        Ok(())
    }
}

/// One event of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `e=pv`
    PageView(PageView),
    /// `e=pp`
    PagePing(PagePing),
    /// `e=se`
    Struct(StructEvent),
    /// `e=ue` with the user's schema.
    SelfDescribing(SelfDescribingJson),
    /// Legacy screen view (snowplow/screen_view 1-0-0).
    ScreenView(ScreenView),
    /// Mobile screen view (mobile/screen_view 1-0-0).
    MobileScreenView(MobileScreenView),
    /// Link click.
    LinkClick(LinkClick),
    /// Add to / remove from cart.
    Cart(CartChange),
    /// Form field change.
    FormChange(FormChange),
    /// Form submission.
    FormSubmit(FormSubmit),
    /// Site search.
    SiteSearch(SiteSearch),
    /// Ecommerce transaction (`tr`) plus one `ti` event per item.
    Transaction(Transaction),
}

impl Event {
    /// The JS method that tracks this kind of event (used in error messages).
    pub fn method_name(&self) -> &'static str {
        match self {
            Event::PageView(_) => "trackPageView",
            Event::PagePing(_) => "trackPagePing",
            Event::Struct(_) => "trackStructEvent",
            Event::SelfDescribing(_) => "trackSelfDescribingEvent",
            Event::ScreenView(_) => "trackScreenView",
            Event::MobileScreenView(_) => "trackMobileScreenView",
            Event::LinkClick(_) => "trackLinkClick",
            Event::Cart(c) => match c.action {
                CartAction::Add => "trackAddToCart",
                CartAction::Remove => "trackRemoveFromCart",
            },
            Event::FormChange(_) => "trackFormChange",
            Event::FormSubmit(_) => "trackFormSubmit",
            Event::SiteSearch(_) => "trackSiteSearch",
            Event::Transaction(_) => "trackEcommerceTransaction",
        }
    }

    /// Validate and build the event-specific fields: one payload, or for a transaction the `tr`
    /// payload followed by one `ti` payload per item. `new_id` makes a UUID where one is needed.
    pub fn build(&self, encode_base64: bool, new_id: &mut dyn FnMut() -> String) -> Result<Vec<Payload>> {
        let sd = |sd: Result<SelfDescribingJson>| sd.map(|sd| vec![self_describing_payload(&sd, encode_base64)]);
        match self {
            Event::PageView(e) => e.payload().map(|p| vec![p]),
            Event::PagePing(e) => e.payload().map(|p| vec![p]),
            Event::Struct(e) => e.payload().map(|p| vec![p]),
            Event::SelfDescribing(e) => sd(e.validate(|| "event".to_owned()).map(|()| e.clone())),
            Event::ScreenView(e) => sd(e.to_sdj()),
            Event::MobileScreenView(e) => sd(e.to_sdj(new_id)),
            Event::LinkClick(e) => sd(e.to_sdj()),
            Event::Cart(e) => sd(e.to_sdj()),
            Event::FormChange(e) => sd(e.to_sdj()),
            Event::FormSubmit(e) => sd(e.to_sdj()),
            Event::SiteSearch(e) => sd(e.to_sdj()),
            Event::Transaction(e) => e.payloads(),
        }
    }
}

/// `e=ue` with the event wrapped in an unstruct_event envelope under `ue_px` / `ue_pr`.
fn self_describing_payload(event: &SelfDescribingJson, encode_base64: bool) -> Payload {
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

/// Shorthand for an optional string JSON value.
pub(crate) fn opt_str(v: &Option<String>) -> Option<Value> {
    v.as_ref().map(|s| Value::Str(s.clone()))
}

/// Shorthand for an optional string-list JSON value.
pub(crate) fn opt_list(v: &Option<Vec<String>>) -> Option<Value> {
    v.as_ref().map(|l| Value::StrList(l.clone()))
}

#[cfg(test)]
mod tests;
