//! Reading each track method's options object into a core event, once, at the edge.

use js_sys::Array;
use snowplow_core::events::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::bag::Bag;
use crate::errors::JsResult;
use crate::handles::{self, Handle};
use crate::read::Reader;

/// A `{schema, data}` object (a context entity or a self-describing event). `name` is only
/// called to word an error: this runs once per context on the hot path.
fn self_describing(r: &Reader, v: &JsValue, name: &dyn Fn() -> String) -> JsResult<SelfDescribingJson> {
    let Some(o) = r.object(v, "", false).ok().flatten() else { return Err(r.type_error(&name(), "an object", v)) };
    let schema = o.schema()?;
    let Some(schema) = schema.as_string() else { return Err(r.type_error(&(name() + ".schema"), "a string", &schema)) };
    let data = o.data()?;
    let data = match crate::read::json_text(&data) {
        Some(text) => text,
        None => return r.json(&data, &(name() + ".data")).map(|text| SelfDescribingJson::raw(schema.clone(), text)),
    };
    Ok(SelfDescribingJson::raw(schema, data))
}

/// The options every track method shares: `context`, `trueTimestamp`, `subject`.
pub fn common(r: &Reader, o: &Bag) -> JsResult<Common> {
    let mut c = Common::default();
    if let Some(arr) = r.opt_array(o.context(), "context", "an array of {schema, data} objects")? {
        c.contexts.reserve(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            c.contexts.push(self_describing(r, &item, &|| format!("context[{i}]"))?);
        }
    }
    c.true_timestamp = r.opt_number(o.true_timestamp(), "trueTimestamp")?.map(|n| n.value().trunc() as i64);
    let subject = o.subject()?;
    if !crate::read::absent(&subject) {
        match handles::lookup(&subject) {
            Some(Handle::Subject(s)) => c.subject = Some(s.borrow().clone()),
            _ => return Err(r.type_error("subject", "a Subject", &subject)),
        }
    }
    Ok(c)
}

fn string_or_empty(r: &Reader, v: crate::read::Got, name: &str) -> JsResult<String> {
    Ok(r.opt_string(v, name)?.unwrap_or_default())
}

/// `trackPageView`.
pub fn page_view(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::PageView(PageView {
        page_url: string_or_empty(r, o.page_url(), "pageUrl")?,
        page_title: r.opt_string(o.page_title(), "pageTitle")?,
        referrer: r.opt_string(o.referrer(), "referrer")?,
    }))
}

/// `trackPagePing`.
pub fn page_ping(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::PagePing(PagePing {
        page_url: string_or_empty(r, o.page_url(), "pageUrl")?,
        page_title: r.opt_string(o.page_title(), "pageTitle")?,
        referrer: r.opt_string(o.referrer(), "referrer")?,
        min_x: r.opt_number(o.min_x(), "minX")?,
        max_x: r.opt_number(o.max_x(), "maxX")?,
        min_y: r.opt_number(o.min_y(), "minY")?,
        max_y: r.opt_number(o.max_y(), "maxY")?,
    }))
}

/// `trackStructEvent`.
pub fn struct_event(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::Struct(StructEvent {
        category: string_or_empty(r, o.category(), "category")?,
        action: string_or_empty(r, o.action(), "action")?,
        label: r.opt_string(o.label(), "label")?,
        property: r.opt_string(o.property(), "property")?,
        value: r.opt_number(o.value(), "value")?,
    }))
}

/// `trackSelfDescribingEvent`.
pub fn self_describing_event(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::SelfDescribing(self_describing(r, &o.event()?, &|| "event".to_owned())?))
}

/// `trackScreenView`.
pub fn screen_view(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::ScreenView(ScreenView { name: r.opt_string(o.name(), "name")?, id: r.opt_string(o.id(), "id")? }))
}

/// `trackMobileScreenView`.
pub fn mobile_screen_view(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::MobileScreenView(MobileScreenView {
        id: r.opt_string(o.id(), "id")?,
        name: string_or_empty(r, o.name(), "name")?,
        screen_type: r.opt_string(o.type_(), "type")?,
        previous_name: r.opt_string(o.previous_name(), "previousName")?,
        previous_id: r.opt_string(o.previous_id(), "previousId")?,
        previous_type: r.opt_string(o.previous_type(), "previousType")?,
        transition_type: r.opt_string(o.transition_type(), "transitionType")?,
    }))
}

/// `trackLinkClick`.
pub fn link_click(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::LinkClick(LinkClick {
        target_url: string_or_empty(r, o.target_url(), "targetUrl")?,
        element_id: r.opt_string(o.element_id(), "elementId")?,
        element_classes: r.opt_string_list(o.element_classes(), "elementClasses")?,
        element_target: r.opt_string(o.element_target(), "elementTarget")?,
        element_content: r.opt_string(o.element_content(), "elementContent")?,
    }))
}

/// `trackAddToCart` / `trackRemoveFromCart`.
pub fn cart(action: CartAction) -> impl Fn(&Reader, &Bag) -> JsResult<Event> {
    move |r, o| {
        Ok(Event::Cart(CartChange {
            action,
            sku: string_or_empty(r, o.sku(), "sku")?,
            quantity: r.number(o.quantity(), "quantity")?,
            name: r.opt_string(o.name(), "name")?,
            category: r.opt_string(o.category(), "category")?,
            unit_price: r.opt_number(o.unit_price(), "unitPrice")?,
            currency: r.opt_string(o.currency(), "currency")?,
        }))
    }
}

/// `trackFormChange`.
pub fn form_change(r: &Reader, o: &Bag) -> JsResult<Event> {
    Ok(Event::FormChange(FormChange {
        form_id: string_or_empty(r, o.form_id(), "formId")?,
        element_id: r.string(o.element_id(), "elementId")?,
        node_name: r.string(o.node_name(), "nodeName")?,
        value: r.nullable_string(o.value(), "value")?,
        input_type: r.opt_string(o.type_(), "type")?,
        element_classes: r.opt_string_list(o.element_classes(), "elementClasses")?,
    }))
}

/// `trackFormSubmit`.
pub fn form_submit(r: &Reader, o: &Bag) -> JsResult<Event> {
    let mut elements = Vec::new();
    if let Some(arr) = r.opt_array(o.elements(), "elements", "an array of {name, value, nodeName, type} objects")? {
        for (i, item) in arr.iter().enumerate() {
            let name = format!("elements[{i}]");
            let e = r.require_object(&item, &name)?;
            elements.push(FormElement {
                name: r.string(e.name(), &format!("{name}.name"))?,
                value: r.nullable_string(e.value(), &format!("{name}.value"))?,
                node_name: r.string(e.node_name(), &format!("{name}.nodeName"))?,
                input_type: r.opt_string(e.type_(), &format!("{name}.type"))?,
            });
        }
    }
    Ok(Event::FormSubmit(FormSubmit {
        form_id: string_or_empty(r, o.form_id(), "formId")?,
        form_classes: r.opt_string_list(o.form_classes(), "formClasses")?,
        elements,
    }))
}

/// `trackSiteSearch`.
pub fn site_search(r: &Reader, o: &Bag) -> JsResult<Event> {
    let terms = r.opt_string_list(o.terms(), "terms")?.unwrap_or_default();
    let filters = match r.entries(&o.filters()?, "filters")? {
        None => None,
        Some(entries) => Some(filter_values(r, &entries)?),
    };
    Ok(Event::SiteSearch(SiteSearch {
        terms,
        filters,
        total_results: r.opt_number(o.total_results(), "totalResults")?,
        page_results: r.opt_number(o.page_results(), "pageResults")?,
    }))
}

fn filter_values(r: &Reader, entries: &Array) -> JsResult<Vec<(String, FilterValue)>> {
    let mut out = Vec::with_capacity(entries.length() as usize);
    for pair in entries.iter() {
        let pair: Array = pair.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        let v = if let Some(s) = value.as_string() {
            FilterValue::Str(s)
        } else if let Some(b) = value.as_bool() {
            FilterValue::Bool(b)
        } else {
            return Err(r.type_error(&format!("filters.{key}"), "a string or a boolean", &value));
        };
        out.push((key, v));
    }
    Ok(out)
}

/// `trackEcommerceTransaction`.
pub fn transaction(r: &Reader, o: &Bag) -> JsResult<Event> {
    let mut items = Vec::new();
    if let Some(arr) = r.opt_array(o.items(), "items", "an array of {sku, price, quantity} objects")? {
        for (i, item) in arr.iter().enumerate() {
            let name = format!("items[{i}]");
            let it = r.require_object(&item, &name)?;
            items.push(TransactionItem {
                sku: string_or_empty(r, it.sku(), &format!("{name}.sku"))?,
                price: r.number(it.price(), &format!("{name}.price"))?,
                quantity: r.number(it.quantity(), &format!("{name}.quantity"))?,
                name: r.opt_string(it.name(), &format!("{name}.name"))?,
                category: r.opt_string(it.category(), &format!("{name}.category"))?,
            });
        }
    }
    Ok(Event::Transaction(Transaction {
        order_id: string_or_empty(r, o.order_id(), "orderId")?,
        total_value: r.number(o.total_value(), "totalValue")?,
        affiliation: r.opt_string(o.affiliation(), "affiliation")?,
        tax_value: r.opt_number(o.tax_value(), "taxValue")?,
        shipping: r.opt_number(o.shipping(), "shipping")?,
        city: r.opt_string(o.city(), "city")?,
        state: r.opt_string(o.state(), "state")?,
        country: r.opt_string(o.country(), "country")?,
        currency: r.opt_string(o.currency(), "currency")?,
        items,
    }))
}
