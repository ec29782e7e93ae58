//! Every option name the JS API reads, as one enum: tables of fields (events, options) name
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
    ByteLimit => "byteLimit", RequestTimeout => "requestTimeout", OnSuccess => "onSuccess", OnFailure => "onFailure", OnRequestSuccess => "onRequestSuccess", OnRequestFailure => "onRequestFailure",
    BufferCapacity => "bufferCapacity", BufferCapacityBytes => "bufferCapacityBytes", MaxEventBytes => "maxEventBytes", MaxRetryDelaySeconds => "maxRetryDelaySeconds", CustomRetryCodes => "customRetryCodes",
    MaxRetries => "maxRetries", FlushTimeout => "flushTimeout", PostPath => "postPath", CustomHeaders => "customHeaders",
    Fetch => "fetch", ThreadCount => "threadCount", Unref => "unref", Status => "status", Headers => "headers",
    Sent => "sent", Failed => "failed", Pending => "pending",
    ArrayBuffer => "arrayBuffer",
    SendBatch => "sendBatch", Send => "send", Body => "body", Messages => "messages", Ack => "ack", Retry => "retry",
    RPushCamel => "rPush", RPush => "rpush", LMoveCamel => "lMove", LMove => "lmove", LRemCamel => "lRem", LRem => "lrem",
    Batch => "batch", DeadLetterKey => "deadLetterKey", EventStore => "eventStore", StorageKey => "storageKey",
    StateStorageStrategy => "stateStorageStrategy", CookieName => "cookieName", CookieDomain => "cookieDomain",
    DiscoverRootDomain => "discoverRootDomain", CookieLifetime => "cookieLifetime", SessionCookieTimeout => "sessionCookieTimeout",
    CookieSameSite => "cookieSameSite", CookieSecure => "cookieSecure", Contexts => "contexts", WebPage => "webPage",
    Session => "session", OnSessionUpdateCallback => "onSessionUpdateCallback", AnonymousTracking => "anonymousTracking",
    WithSessionTracking => "withSessionTracking", WithServerAnonymisation => "withServerAnonymisation",
    RespectDoNotTrack => "respectDoNotTrack", MinimumVisitLength => "minimumVisitLength", HeartbeatDelay => "heartbeatDelay",
    Callback => "callback", PreserveSession => "preserveSession", PreserveUser => "preserveUser",
}

impl Key {
    /// The JS property name.
    pub fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }
}
