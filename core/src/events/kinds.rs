//! Every event kind as data: its JS method, what it becomes on the wire, and a table of its
//! fields (option name, wire key or schema property, type and rule). One interpreter
//! ([`super::build`]) reads and builds them all.

use crate::constants::*;
use crate::names::Key as K;

/// What an option must hold, and the rule the core checks on it. `undefined` and `null` count
/// as absent except where noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// An optional string.
    Str,
    /// A string that must be given (it may be empty).
    ReqStr,
    /// A non-empty string that must be given.
    NonEmpty,
    /// A string or `null`, always sent (`null` when absent).
    NullStr,
    /// An optional UUID string.
    Uuid,
    /// A UUID string, generated when absent.
    NewUuid,
    /// `INPUT`, `TEXTAREA` or `SELECT`, which must be given.
    NodeName,
    /// An optional HTML input type, sent in lower case.
    FormType,
    /// An optional finite number.
    Num,
    /// A finite number that must be given.
    ReqNum,
    /// An optional integer from 0 to 2^31 − 1.
    Count,
    /// An optional integer from −2^31 to 2^31 − 1 (an integer column of the pipeline).
    Int,
    /// An integer from −2^31 to 2^31 − 1 that must be given.
    ReqInt,
    /// An optional boolean.
    Bool,
    /// An optional array of strings.
    List,
    /// A non-empty array of strings.
    Terms,
    /// An optional object of name → string or boolean.
    Filters,
    /// An optional array of objects, each read against the table.
    Items(&'static [Field]),
    /// A `{schema, data}` object that must be given.
    SelfDescribing,
    /// A string cut to at most this many characters (a schema's `maxLength`); required when
    /// the flag is set.
    Clip(usize, bool),
    /// An `Error`'s `stack` (the facade reads it), cut to 8192 characters (application_error).
    Stack,
    /// Always this string, whatever is given (application_error's `programmingLanguage`).
    Fixed(&'static str),
    /// Any JS value, read by the bindings themselves (a callback, a Subject, nested options);
    /// the core never sees it.
    Any,
}

impl Ty {
    /// True when `undefined`/`null` is an error ("is required").
    pub fn required(self) -> bool {
        matches!(self, Ty::ReqStr | Ty::NonEmpty | Ty::NodeName | Ty::ReqNum | Ty::ReqInt | Ty::SelfDescribing | Ty::Clip(_, true))
    }
}

/// One option of an event.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// The option's name.
    pub name: K,
    /// The wire key (native events) or the schema property (self-describing events).
    pub key: &'static str,
    /// Its type and rule.
    pub ty: Ty,
}

/// What an event kind becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape {
    /// Its own protocol fields, under this `e`.
    Native(&'static str),
    /// A self-describing event of this schema, its fields the data's properties.
    Schema(&'static str),
    /// The user's own `{schema, data}` as a self-describing event.
    UserEvent,
    /// `e=tr`, then one `e=ti` per item sharing its order id and currency.
    Transaction,
}

/// One kind of event.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    /// The JS method that tracks it (starts every error message).
    pub method: &'static str,
    /// What it becomes.
    pub shape: Shape,
    /// Its options, in reading and sending order.
    pub fields: &'static [Field],
    /// At least one field must be given (the legacy screen view: name or id).
    pub needs_one: bool,
}

const fn f(name: K, key: &'static str, ty: Ty) -> Field {
    Field { name, key, ty }
}

const fn kind(method: &'static str, shape: Shape, fields: &'static [Field]) -> Kind {
    Kind { method, shape, fields, needs_one: false }
}

use Ty::*;

/// The page view and page ping kinds, whose `pageUrl` is of type `$url`.
macro_rules! page_kinds {
    ($(#[$view_doc:meta])* $view:ident, $(#[$ping_doc:meta])* $ping:ident, $url:ident) => {
        $(#[$view_doc])*
        pub static $view: Kind = kind(
            "trackPageView",
            Shape::Native("pv"),
            &[f(K::PageUrl, "url", $url), f(K::PageTitle, "page", Str), f(K::Referrer, "refr", Str)],
        );
        $(#[$ping_doc])*
        pub static $ping: Kind = kind(
            "trackPagePing",
            Shape::Native("pp"),
            &[
                f(K::PageUrl, "url", $url),
                f(K::PageTitle, "page", Str),
                f(K::Referrer, "refr", Str),
                f(K::MinX, "pp_mix", Int),
                f(K::MaxX, "pp_max", Int),
                f(K::MinY, "pp_miy", Int),
                f(K::MaxY, "pp_may", Int),
            ],
        );
    };
}

page_kinds!(
    /// `trackPageView`.
    PAGE_VIEW,
    /// `trackPagePing`.
    PAGE_PING,
    NonEmpty
);
page_kinds!(
    /// `trackPageView` in a page, which gives the URL when the options do not.
    WEB_PAGE_VIEW,
    /// `trackPagePing` in a page.
    WEB_PAGE_PING,
    Str
);
/// `trackStructEvent`.
pub static STRUCT_EVENT: Kind = kind(
    "trackStructEvent",
    Shape::Native("se"),
    &[
        f(K::Category, "se_ca", NonEmpty),
        f(K::Action, "se_ac", NonEmpty),
        f(K::Label, "se_la", Str),
        f(K::Property, "se_pr", Str),
        f(K::Value, "se_va", Num),
    ],
);
/// `trackSelfDescribingEvent`.
pub static SELF_DESCRIBING: Kind = kind("trackSelfDescribingEvent", Shape::UserEvent, &[f(K::Event, "", SelfDescribing)]);
/// `trackScreenView` (snowplow/screen_view 1-0-0: name or id).
pub static SCREEN_VIEW: Kind =
    Kind { needs_one: true, ..kind("trackScreenView", Shape::Schema(SCHEMA_SCREEN_VIEW), &[f(K::Name, "name", Str), f(K::Id, "id", Str)]) };
/// `trackMobileScreenView` (mobile/screen_view 1-0-0).
pub static MOBILE_SCREEN_VIEW: Kind = kind(
    "trackMobileScreenView",
    Shape::Schema(SCHEMA_MOBILE_SCREEN_VIEW),
    &[
        f(K::Id, "id", NewUuid),
        f(K::Name, "name", NonEmpty),
        f(K::Type, "type", Str),
        f(K::PreviousName, "previousName", Str),
        f(K::PreviousId, "previousId", Uuid),
        f(K::PreviousType, "previousType", Str),
        f(K::TransitionType, "transitionType", Str),
    ],
);
/// `trackLinkClick` (link_click 1-0-1).
pub static LINK_CLICK: Kind = kind(
    "trackLinkClick",
    Shape::Schema(SCHEMA_LINK_CLICK),
    &[
        f(K::TargetUrl, "targetUrl", NonEmpty),
        f(K::ElementId, "elementId", Str),
        f(K::ElementClasses, "elementClasses", List),
        f(K::ElementTarget, "elementTarget", Str),
        f(K::ElementContent, "elementContent", Str),
    ],
);
const CART: &[Field] = &[
    f(K::Sku, "sku", NonEmpty),
    f(K::Quantity, "quantity", ReqNum),
    f(K::Name, "name", Str),
    f(K::Category, "category", Str),
    f(K::UnitPrice, "unitPrice", Num),
    f(K::Currency, "currency", Str),
];
/// `trackAddToCart` (add_to_cart 1-0-0).
pub static ADD_TO_CART: Kind = kind("trackAddToCart", Shape::Schema(SCHEMA_ADD_TO_CART), CART);
/// `trackRemoveFromCart` (remove_from_cart 1-0-0).
pub static REMOVE_FROM_CART: Kind = kind("trackRemoveFromCart", Shape::Schema(SCHEMA_REMOVE_FROM_CART), CART);
/// `trackFormChange` (change_form 1-0-0).
pub static FORM_CHANGE: Kind = kind(
    "trackFormChange",
    Shape::Schema(SCHEMA_CHANGE_FORM),
    &[
        f(K::FormId, "formId", NonEmpty),
        f(K::ElementId, "elementId", ReqStr),
        f(K::NodeName, "nodeName", NodeName),
        f(K::Value, "value", NullStr),
        f(K::Type, "type", FormType),
        f(K::ElementClasses, "elementClasses", List),
    ],
);
/// `trackFormFocus` (focus_form 1-0-0): `type` is sent as `elementType`.
pub static FORM_FOCUS: Kind = kind(
    "trackFormFocus",
    Shape::Schema(SCHEMA_FOCUS_FORM),
    &[
        f(K::FormId, "formId", ReqStr),
        f(K::ElementId, "elementId", ReqStr),
        f(K::NodeName, "nodeName", NodeName),
        f(K::Value, "value", NullStr),
        f(K::Type, "elementType", FormType),
        f(K::ElementClasses, "elementClasses", List),
    ],
);
/// `trackButtonClick` (button_click 1-0-0).
pub static BUTTON_CLICK: Kind = kind(
    "trackButtonClick",
    Shape::Schema(SCHEMA_BUTTON_CLICK),
    &[f(K::Label, "label", NonEmpty), f(K::Id, "id", Str), f(K::Classes, "classes", List), f(K::Name, "name", Str)],
);
/// `trackError` (application_error 1-0-1, as the browser-tracker error plugin sends it): texts
/// cut to the schema's maxima.
pub static ERROR: Kind = kind(
    "trackError",
    Shape::Schema(SCHEMA_APPLICATION_ERROR),
    &[
        f(K::ProgrammingLanguage, "programmingLanguage", Fixed("JAVASCRIPT")),
        f(K::Message, "message", Clip(2048, true)),
        f(K::Error, "stackTrace", Stack),
        f(K::Lineno, "lineNumber", Count),
        f(K::Colno, "lineColumn", Count),
        f(K::Filename, "fileName", Clip(1024, false)),
    ],
);
const FORM_ELEMENT: &[Field] =
    &[f(K::Name, "name", ReqStr), f(K::Value, "value", NullStr), f(K::NodeName, "nodeName", NodeName), f(K::Type, "type", FormType)];
/// `trackFormSubmit` (submit_form 1-0-0; an empty `elements` is left out).
pub static FORM_SUBMIT: Kind = kind(
    "trackFormSubmit",
    Shape::Schema(SCHEMA_SUBMIT_FORM),
    &[f(K::FormId, "formId", NonEmpty), f(K::FormClasses, "formClasses", List), f(K::Elements, "elements", Items(FORM_ELEMENT))],
);
/// `trackSiteSearch` (site_search 1-0-0).
pub static SITE_SEARCH: Kind = kind(
    "trackSiteSearch",
    Shape::Schema(SCHEMA_SITE_SEARCH),
    &[
        f(K::Terms, "terms", Terms),
        f(K::Filters, "filters", Filters),
        f(K::TotalResults, "totalResults", Count),
        f(K::PageResults, "pageResults", Count),
    ],
);
const TRANSACTION_ITEM: &[Field] = &[
    f(K::Sku, "ti_sk", NonEmpty),
    f(K::Name, "ti_nm", Str),
    f(K::Category, "ti_ca", Str),
    f(K::Price, "ti_pr", ReqNum),
    f(K::Quantity, "ti_qu", ReqInt),
];
/// `trackEcommerceTransaction`: `tr_id` and `tr_cu` must stay first and ninth (the items copy them).
pub static TRANSACTION: Kind = kind(
    "trackEcommerceTransaction",
    Shape::Transaction,
    &[
        f(K::OrderId, "tr_id", NonEmpty),
        f(K::TotalValue, "tr_tt", ReqNum),
        f(K::Affiliation, "tr_af", Str),
        f(K::TaxValue, "tr_tx", Num),
        f(K::Shipping, "tr_sh", Num),
        f(K::City, "tr_ci", Str),
        f(K::State, "tr_st", Str),
        f(K::Country, "tr_co", Str),
        f(K::Currency, "tr_cu", Str),
        f(K::Items, "", Items(TRANSACTION_ITEM)),
    ],
);

/// What an array-of-objects field holds, for its error message.
pub fn items_expected(name: K) -> &'static str {
    match name {
        K::Items => "an array of {sku, price, quantity} objects",
        K::Elements => "an array of {name, value, nodeName, type} objects",
        _ => "an array of objects",
    }
}

/// Every kind a `Tracker` method tracks (the page's own page view and ping share their methods'
/// options): `src/bin/gen.rs` writes from it what the facade follows in each method's options.
pub static TRACKED: &[&Kind] = &[
    &PAGE_VIEW,
    &PAGE_PING,
    &STRUCT_EVENT,
    &SELF_DESCRIBING,
    &SCREEN_VIEW,
    &MOBILE_SCREEN_VIEW,
    &LINK_CLICK,
    &ADD_TO_CART,
    &REMOVE_FROM_CART,
    &FORM_CHANGE,
    &FORM_FOCUS,
    &FORM_SUBMIT,
    &BUTTON_CLICK,
    &ERROR,
    &SITE_SEARCH,
    &TRANSACTION,
];

/// How each [`TRACKED`] kind's method is declared in TypeScript, in the same order (read by
/// `src/bin/gen.rs` only, so the shipped module does not carry it): its options' interface,
/// whether they may be left out, what it returns, and its doc.
pub static TRACKED_DOCS: &[(&str, bool, &str, &str)] = &[
    ("PageViewOptions", true, "string", "A page view (`e=pv`). In a page the options may be left out: the page gives its URL, title and referrer."),
    ("PagePingOptions", false, "string", "A page ping (`e=pp`)."),
    ("StructEventOptions", false, "string", "A structured event (`e=se`)."),
    ("SelfDescribingEventOptions", false, "string", "A self-describing event (`e=ue`) with your own schema."),
    ("ScreenViewOptions", false, "string", "A legacy screen view (snowplow/screen_view 1-0-0)."),
    ("MobileScreenViewOptions", false, "string", "A mobile screen view (mobile/screen_view 1-0-0); `id` is generated when absent."),
    ("LinkClickOptions", false, "string", "A link click (link_click 1-0-1)."),
    ("CartOptions", false, "string", "An add to cart (add_to_cart 1-0-0)."),
    ("CartOptions", false, "string", "A remove from cart (remove_from_cart 1-0-0)."),
    ("FormChangeOptions", false, "string", "A form field change (change_form 1-0-0)."),
    ("FormFocusOptions", false, "string", "A form field focused (focus_form 1-0-0)."),
    ("FormSubmitOptions", false, "string", "A form submission (submit_form 1-0-0)."),
    ("ButtonClickOptions", false, "string", "A button click (button_click 1-0-0)."),
    ("ErrorOptions", false, "string", "An error (application_error 1-0-1, `programmingLanguage` JAVASCRIPT): `message`, `filename` and the `error`'s stack are cut to the schema's maxima."),
    ("SiteSearchOptions", false, "string", "A site search (site_search 1-0-0)."),
    (
        "TransactionOptions",
        false,
        "string[]",
        "An ecommerce transaction (`e=tr`) and one item event (`e=ti`) per item; the items share its order id, currency, contexts, true timestamp and subject. Returns the event ids, transaction first.",
    ),
];
