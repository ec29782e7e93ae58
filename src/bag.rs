//! Structural getters for every option name the API reads. One JS getter per name is the
//! fastest way to read an options object (V8 caches the property lookup); the TypeScript
//! interfaces in `types.rs` say which names each method accepts. Every getter catches: a
//! throwing getter on a user object becomes an `Err` instead of unwinding through Rust frames.

use wasm_bindgen::prelude::*;

macro_rules! getters {
    ($($rust:ident => $js:literal),* $(,)?) => {
        #[wasm_bindgen]
        extern "C" {
            /// Any JS object read as an options bag.
            pub type Bag;
            $(
                #[wasm_bindgen(method, getter, structural, catch, js_name = $js)]
                pub fn $rust(this: &Bag) -> Result<JsValue, JsValue>;
            )*
        }
    };
}

getters! {
    page_url => "pageUrl", page_title => "pageTitle", referrer => "referrer",
    min_x => "minX", max_x => "maxX", min_y => "minY", max_y => "maxY",
    category => "category", action => "action", label => "label", property => "property", value => "value",
    event => "event", schema => "schema", data => "data",
    name => "name", id => "id", type_ => "type", previous_name => "previousName", previous_id => "previousId",
    previous_type => "previousType", transition_type => "transitionType",
    target_url => "targetUrl", element_id => "elementId", element_classes => "elementClasses",
    element_target => "elementTarget", element_content => "elementContent",
    sku => "sku", quantity => "quantity", unit_price => "unitPrice", currency => "currency",
    form_id => "formId", node_name => "nodeName", form_classes => "formClasses", elements => "elements",
    terms => "terms", filters => "filters", total_results => "totalResults", page_results => "pageResults",
    order_id => "orderId", total_value => "totalValue", affiliation => "affiliation", tax_value => "taxValue",
    shipping => "shipping", city => "city", state => "state", country => "country", items => "items", price => "price",
    context => "context", true_timestamp => "trueTimestamp", subject => "subject",
    namespace => "namespace", app_id => "appId", encode_base64 => "encodeBase64",
    protocol => "protocol", port => "port", method => "method", buffer_size => "bufferSize",
    input => "input", flush => "flush", handle => "__snowplowHandle",
}
