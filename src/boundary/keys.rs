//! Reading a named property of a JS object. Every option name the API reads is a [`Key`]; its
//! JS string is made once and reused, and one catching `Reflect.get` import serves them all
//! (one import instead of one per name keeps the wasm and its glue small). A throwing getter
//! becomes an `Err` instead of unwinding through Rust frames.

use wasm_bindgen::JsValue;

macro_rules! keys {
    ($($k:ident => $js:literal),* $(,)?) => {
        /// Every option name the API reads.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs, dead_code)] // some names are only read by the `edge` feature

        pub enum Key { $($k),* }
        /// The JS names, in [`Key`] order.
        pub const NAMES: &[&str] = &[$($js),*];
    };
}

keys! {
    PageUrl => "pageUrl", PageTitle => "pageTitle", Referrer => "referrer",
    MinX => "minX", MaxX => "maxX", MinY => "minY", MaxY => "maxY",
    Category => "category", Action => "action", Label => "label", Property => "property", Value => "value",
    Event => "event", Schema => "schema", Data => "data",
    Name => "name", Id => "id", Type => "type", PreviousName => "previousName", PreviousId => "previousId",
    PreviousType => "previousType", TransitionType => "transitionType",
    TargetUrl => "targetUrl", ElementId => "elementId", ElementClasses => "elementClasses",
    ElementTarget => "elementTarget", ElementContent => "elementContent",
    Sku => "sku", Quantity => "quantity", UnitPrice => "unitPrice", Currency => "currency",
    FormId => "formId", NodeName => "nodeName", FormClasses => "formClasses", Elements => "elements",
    Terms => "terms", Filters => "filters", TotalResults => "totalResults", PageResults => "pageResults",
    OrderId => "orderId", TotalValue => "totalValue", Affiliation => "affiliation", TaxValue => "taxValue",
    Shipping => "shipping", City => "city", State => "state", Country => "country", Items => "items", Price => "price",
    Context => "context", TrueTimestamp => "trueTimestamp", Subject => "subject",
    Namespace => "namespace", AppId => "appId", EncodeBase64 => "encodeBase64",
    Protocol => "protocol", Port => "port", Method => "method", BufferSize => "bufferSize",
    Input => "input", Flush => "flush",
    ByteLimit => "byteLimit", RequestTimeout => "requestTimeout", OnSuccess => "onSuccess", OnFailure => "onFailure",
    BufferCapacity => "bufferCapacity", MaxRetryDelaySeconds => "maxRetryDelaySeconds", CustomRetryCodes => "customRetryCodes",
    MaxRetries => "maxRetries", FlushTimeout => "flushTimeout", PostPath => "postPath", CustomHeaders => "customHeaders",
    Fetch => "fetch", ThreadCount => "threadCount", Unref => "unref", Status => "status", Headers => "headers",
    Sent => "sent", Failed => "failed", Pending => "pending",
    ArrayBuffer => "arrayBuffer",
    SendBatch => "sendBatch", Send => "send", Body => "body", Messages => "messages", Ack => "ack", Retry => "retry",
    RPushCamel => "rPush", RPush => "rpush", LMoveCamel => "lMove", LMove => "lmove", LRemCamel => "lRem", LRem => "lrem",
    Batch => "batch",
}

impl Key {
    /// The JS property name.
    pub fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }
}

thread_local! {
    static KEYS: Vec<JsValue> = NAMES.iter().map(|n| JsValue::from_str(n)).collect();
}

/// `obj[key]`; `Err` with the exception when a getter throws. `obj` must be an object.
pub fn get(obj: &JsValue, key: Key) -> Result<JsValue, JsValue> {
    KEYS.with(|keys| match keys.get(key as usize) {
        Some(k) => js_sys::Reflect::get(obj, k),
        None => Ok(JsValue::UNDEFINED),
    })
}

/// `obj[key] = value` on a plain object this crate made (cannot fail).
pub fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// An object literal from `(key, value)` pairs.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        set(&o, k, v);
    }
    o.into()
}
