//! Every option name the bindings still read from a JS object, as one enum (options that cross
//! as JSON text are named by core's tables instead): tables of fields (events, options) name
//! their options by [`Key`], errors print [`Key::name`], and the bindings make each JS string
//! once.

macro_rules! keys {
    ($($k:ident => $js:literal),* $(,)?) => {
        /// Every option name the API reads.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $($k),* }
        /// The JS names, in [`Key`] order.
        pub const NAMES: &[&str] = &[$($js),*];
    };
}

keys! {
    PageUrl => "pageUrl", PageTitle => "pageTitle", Referrer => "referrer", MinX => "minX", MaxX => "maxX",
    MinY => "minY", MaxY => "maxY", Category => "category", Action => "action", Label => "label",
    Property => "property", Value => "value", Event => "event", Name => "name", Id => "id", Type => "type",
    PreviousName => "previousName", PreviousId => "previousId", PreviousType => "previousType",
    TransitionType => "transitionType", TargetUrl => "targetUrl", ElementId => "elementId",
    ElementClasses => "elementClasses", ElementTarget => "elementTarget", ElementContent => "elementContent",
    Sku => "sku", Quantity => "quantity", UnitPrice => "unitPrice", Currency => "currency",
    FormId => "formId", NodeName => "nodeName", FormClasses => "formClasses", Elements => "elements",
    Terms => "terms", Filters => "filters", TotalResults => "totalResults", PageResults => "pageResults",
    OrderId => "orderId", TotalValue => "totalValue", Affiliation => "affiliation", TaxValue => "taxValue",
    Shipping => "shipping", City => "city", State => "state", Country => "country", Items => "items",
    Price => "price", BufferSize => "bufferSize", Input => "input", Flush => "flush",
    ByteLimit => "byteLimit", MaxRetryDelaySeconds => "maxRetryDelaySeconds", FlushTimeout => "flushTimeout",
    SendBatch => "sendBatch", Send => "send", Body => "body", Messages => "messages", Ack => "ack",
    Retry => "retry", Classes => "classes", Message => "message", Filename => "filename",
    Lineno => "lineno", Colno => "colno", Error => "error", ProgrammingLanguage => "programmingLanguage",
}

impl Key {
    /// The JS property name.
    pub fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }
}
