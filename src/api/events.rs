//! Reading each track method's options object into a core event, once, at the edge: one
//! table of `(Key, Ty)` per event, read in one pass.

use snowplow_core::events::*;
use wasm_bindgen::JsValue;

use crate::api::subject::SUBJECTS;
use crate::boundary::errors::JsResult;
use crate::boundary::keys::{self, Key as K};
use crate::boundary::read::{absent, is_options_object, json_text, Reader, Ty::*};

/// A `{schema, data}` object (a context entity or a self-describing event). `name` is only
/// called to word an error: this runs once per context on the hot path.
fn self_describing(r: &Reader, v: &JsValue, name: &dyn Fn() -> String) -> JsResult<SelfDescribingJson> {
    if !is_options_object(v)? {
        return Err(r.type_error("", &name(), "an object", v));
    }
    let schema = keys::get(v, K::Schema)?;
    let Some(schema) = schema.as_string() else { return Err(r.type_error("", &(name() + ".schema"), "a string", &schema)) };
    let data = keys::get(v, K::Data)?;
    let data = match json_text(&data) {
        Some(text) => text,
        None => r.json(&data, &(name() + ".data"))?,
    };
    Ok(SelfDescribingJson::raw(schema, data))
}

/// The options every track method shares: `context`, `trueTimestamp`, `subject`.
pub fn common(r: &Reader, o: &JsValue) -> JsResult<Common> {
    let mut f = r.fields(o, "", &[(K::Context, Any), (K::TrueTimestamp, Num), (K::Subject, Any)])?;
    let mut c = Common::default();
    if let Some(arr) = r.array(&f.js(), "context", "an array of {schema, data} objects")? {
        c.contexts.reserve(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            c.contexts.push(self_describing(r, &item, &|| snowplow_core::indexed("context", i))?);
        }
    }
    c.true_timestamp = f.num().map(|n| n.value().trunc() as i64);
    let subject = f.js();
    if !absent(&subject) {
        match SUBJECTS.with(|r| r.lookup(&subject)) {
            Some(s) => c.subject = Some(s.borrow().clone()),
            _ => return Err(r.type_error("", "subject", "a Subject", &subject)),
        }
    }
    Ok(c)
}

/// `trackPageView`.
pub fn page_view(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let mut f = r.fields(o, "", &[(K::PageUrl, NonEmpty), (K::PageTitle, Str), (K::Referrer, Str)])?;
    Ok(Event::PageView(PageView { page_url: f.text(), page_title: f.str(), referrer: f.str() }))
}

/// `trackPagePing`.
pub fn page_ping(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec =
        [(K::PageUrl, NonEmpty), (K::PageTitle, Str), (K::Referrer, Str), (K::MinX, Num), (K::MaxX, Num), (K::MinY, Num), (K::MaxY, Num)];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::PagePing(PagePing {
        page_url: f.text(),
        page_title: f.str(),
        referrer: f.str(),
        min_x: f.num(),
        max_x: f.num(),
        min_y: f.num(),
        max_y: f.num(),
    }))
}

/// `trackStructEvent`.
pub fn struct_event(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec = [(K::Category, NonEmpty), (K::Action, NonEmpty), (K::Label, Str), (K::Property, Str), (K::Value, Num)];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::Struct(StructEvent { category: f.text(), action: f.text(), label: f.str(), property: f.str(), value: f.num() }))
}

/// `trackSelfDescribingEvent`.
pub fn self_describing_event(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let event = keys::get(o, K::Event)?;
    Ok(Event::SelfDescribing(self_describing(r, &event, &|| "event".to_owned())?))
}

/// `trackScreenView`.
pub fn screen_view(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let mut f = r.fields(o, "", &[(K::Name, Str), (K::Id, Str)])?;
    Ok(Event::ScreenView(ScreenView { name: f.str(), id: f.str() }))
}

/// `trackMobileScreenView`.
pub fn mobile_screen_view(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec = [
        (K::Id, Str),
        (K::Name, NonEmpty),
        (K::Type, Str),
        (K::PreviousName, Str),
        (K::PreviousId, Str),
        (K::PreviousType, Str),
        (K::TransitionType, Str),
    ];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::MobileScreenView(MobileScreenView {
        id: f.str(),
        name: f.text(),
        screen_type: f.str(),
        previous_name: f.str(),
        previous_id: f.str(),
        previous_type: f.str(),
        transition_type: f.str(),
    }))
}

/// `trackLinkClick`.
pub fn link_click(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec =
        [(K::TargetUrl, NonEmpty), (K::ElementId, Str), (K::ElementClasses, StrList), (K::ElementTarget, Str), (K::ElementContent, Str)];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::LinkClick(LinkClick {
        target_url: f.text(),
        element_id: f.str(),
        element_classes: f.list(),
        element_target: f.str(),
        element_content: f.str(),
    }))
}

/// `trackAddToCart` / `trackRemoveFromCart`.
pub fn cart(r: &Reader, o: &JsValue, action: CartAction) -> JsResult<Event> {
    let spec = [(K::Sku, NonEmpty), (K::Quantity, ReqNum), (K::Name, Str), (K::Category, Str), (K::UnitPrice, Num), (K::Currency, Str)];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::Cart(CartChange {
        action,
        sku: f.text(),
        quantity: f.req_num(),
        name: f.str(),
        category: f.str(),
        unit_price: f.num(),
        currency: f.str(),
    }))
}

/// `trackFormChange`.
pub fn form_change(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec = [
        (K::FormId, NonEmpty),
        (K::ElementId, ReqStr),
        (K::NodeName, ReqStr),
        (K::Value, NullableStr),
        (K::Type, Str),
        (K::ElementClasses, StrList),
    ];
    let mut f = r.fields(o, "", &spec)?;
    Ok(Event::FormChange(FormChange {
        form_id: f.text(),
        element_id: f.text(),
        node_name: f.text(),
        value: f.str(),
        input_type: f.str(),
        element_classes: f.list(),
    }))
}

/// Each object of an array option, read against `spec`; `what` describes the array.
fn each_object<T>(
    r: &Reader,
    v: &JsValue,
    name: &str,
    what: &'static str,
    mut read: impl FnMut(&str, &JsValue) -> JsResult<T>,
) -> JsResult<Vec<T>> {
    let Some(arr) = r.array(v, name, what)? else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, item) in arr.iter().enumerate() {
        let element = snowplow_core::indexed(name, i);
        if !is_options_object(&item)? {
            return Err(r.type_error("", &element, "an object", &item));
        }
        out.push(read(&(element + "."), &item)?);
    }
    Ok(out)
}

/// `trackFormSubmit`.
pub fn form_submit(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let mut f = r.fields(o, "", &[(K::FormId, NonEmpty), (K::FormClasses, StrList), (K::Elements, Any)])?;
    let (form_id, form_classes) = (f.text(), f.list());
    let spec = [(K::Name, ReqStr), (K::Value, NullableStr), (K::NodeName, ReqStr), (K::Type, Str)];
    let elements = each_object(r, &f.js(), "elements", "an array of {name, value, nodeName, type} objects", |path, item| {
        let mut e = r.fields(item, path, &spec)?;
        Ok(FormElement { name: e.text(), value: e.str(), node_name: e.text(), input_type: e.str() })
    })?;
    Ok(Event::FormSubmit(FormSubmit { form_id, form_classes, elements }))
}

/// `trackSiteSearch`.
pub fn site_search(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec = [(K::Terms, StrList), (K::Filters, Any), (K::TotalResults, Num), (K::PageResults, Num)];
    let mut f = r.fields(o, "", &spec)?;
    let terms = f.list().unwrap_or_default();
    let filters = f.js();
    let filters = if absent(&filters) { None } else { Some(filter_values(r, &filters)?) };

    Ok(Event::SiteSearch(SiteSearch { terms, filters, total_results: f.num(), page_results: f.num() }))
}

fn filter_values(r: &Reader, filters: &JsValue) -> JsResult<Vec<(String, FilterValue)>> {
    let entries = r.entries(filters, "filters", "an object")?;
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let v = match (value.as_string(), value.as_bool()) {
            (Some(s), _) => FilterValue::Str(s),
            (None, Some(b)) => FilterValue::Bool(b),
            _ => return Err(r.type_error("filters.", &key, "a string or a boolean", &value)),
        };
        out.push((key, v));
    }
    Ok(out)
}

/// `trackEcommerceTransaction`.
pub fn transaction(r: &Reader, o: &JsValue) -> JsResult<Event> {
    let spec = [
        (K::OrderId, NonEmpty),
        (K::TotalValue, ReqNum),
        (K::Affiliation, Str),
        (K::TaxValue, Num),
        (K::Shipping, Num),
        (K::City, Str),
        (K::State, Str),
        (K::Country, Str),
        (K::Currency, Str),
        (K::Items, Any),
    ];
    let mut f = r.fields(o, "", &spec)?;
    let (order_id, total_value, affiliation, tax_value, shipping) = (f.text(), f.req_num(), f.str(), f.num(), f.num());
    let (city, state, country, currency) = (f.str(), f.str(), f.str(), f.str());
    let item_spec = [(K::Sku, NonEmpty), (K::Price, ReqNum), (K::Quantity, ReqNum), (K::Name, Str), (K::Category, Str)];
    let items = each_object(r, &f.js(), "items", "an array of {sku, price, quantity} objects", |path, item| {
        let mut i = r.fields(item, path, &item_spec)?;
        Ok(TransactionItem { sku: i.text(), price: i.req_num(), quantity: i.req_num(), name: i.str(), category: i.str() })
    })?;
    Ok(Event::Transaction(Transaction { order_id, total_value, affiliation, tax_value, shipping, city, state, country, currency, items }))
}
