//! Protocol keys and schema URIs of the Snowplow tracker protocol, in one place.

/// Iglu URI of the POST body envelope.
pub const SCHEMA_PAYLOAD_DATA: &str = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
/// Iglu URI of the envelope around an event's contexts (`cx` / `co`).
pub const SCHEMA_CONTEXTS: &str = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";
/// Iglu URI of the envelope around a self-describing event (`ue_px` / `ue_pr`).
pub const SCHEMA_UNSTRUCT_EVENT: &str = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0";
/// Legacy screen view.
pub const SCHEMA_SCREEN_VIEW: &str = "iglu:com.snowplowanalytics.snowplow/screen_view/jsonschema/1-0-0";
/// Mobile screen view.
pub const SCHEMA_MOBILE_SCREEN_VIEW: &str = "iglu:com.snowplowanalytics.mobile/screen_view/jsonschema/1-0-0";
/// Link click.
pub const SCHEMA_LINK_CLICK: &str = "iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1";
/// Add to cart.
pub const SCHEMA_ADD_TO_CART: &str = "iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0";
/// Remove from cart.
pub const SCHEMA_REMOVE_FROM_CART: &str = "iglu:com.snowplowanalytics.snowplow/remove_from_cart/jsonschema/1-0-0";
/// Button click.
pub const SCHEMA_BUTTON_CLICK: &str = "iglu:com.snowplowanalytics.snowplow/button_click/jsonschema/1-0-0";
/// Form field focus.
pub const SCHEMA_FOCUS_FORM: &str = "iglu:com.snowplowanalytics.snowplow/focus_form/jsonschema/1-0-0";
/// Application error.
pub const SCHEMA_APPLICATION_ERROR: &str = "iglu:com.snowplowanalytics.snowplow/application_error/jsonschema/1-0-1";
/// Form field change.
pub const SCHEMA_CHANGE_FORM: &str = "iglu:com.snowplowanalytics.snowplow/change_form/jsonschema/1-0-0";
/// Form submission.
pub const SCHEMA_SUBMIT_FORM: &str = "iglu:com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0";
/// Site search.
pub const SCHEMA_SITE_SEARCH: &str = "iglu:com.snowplowanalytics.snowplow/site_search/jsonschema/1-0-0";

/// Path of the GET endpoint (one event per request).
pub const GET_PATH: &str = "/i";
/// Default path of the POST endpoint (batches).
pub const POST_PATH: &str = "/com.snowplowanalytics.snowplow/tp2";
/// Content type of a POST body, as every Snowplow tracker sends it.
pub const POST_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Payload keys (tracker protocol field names).
pub mod key {
    /// Event type.
    pub const EVENT: &str = "e";
    /// Event id (uuid v4).
    pub const EID: &str = "eid";
    /// Device created timestamp (ms).
    pub const DTM: &str = "dtm";
    /// Device sent timestamp (ms), set per send attempt.
    pub const STM: &str = "stm";
    /// True timestamp (ms).
    pub const TTM: &str = "ttm";
    /// Tracker version.
    pub const TV: &str = "tv";
    /// Tracker namespace.
    pub const TNA: &str = "tna";
    /// Application id.
    pub const AID: &str = "aid";
    /// Platform.
    pub const PLATFORM: &str = "p";
    /// Base64 contexts.
    pub const CX: &str = "cx";
    /// Plain JSON contexts.
    pub const CO: &str = "co";
    /// Base64 self-describing event.
    pub const UE_PX: &str = "ue_px";
    /// Plain JSON self-describing event.
    pub const UE_PR: &str = "ue_pr";
    /// Page URL.
    pub const URL: &str = "url";
    /// Referrer URL.
    pub const REFR: &str = "refr";
    /// Page title.
    pub const PAGE: &str = "page";
}

/// Every field of payload_data 1-0-4 (an event object given back to `emitter.input()` may
/// carry only these).
pub const PAYLOAD_KEYS: [&str; 80] = [
    "tna", "aid", "p", "dtm", "tz", "e", "tid", "eid", "tv", "duid", "nuid", "uid", "vid", "ip", "res", "url", "page", "refr", "fp",
    "ctype", "cookie", "lang", "f_pdf", "f_qt", "f_realp", "f_wma", "f_dir", "f_fla", "f_java", "f_gears", "f_ag", "cd", "ds", "cs", "vp",
    "mac", "pp_mix", "pp_max", "pp_miy", "pp_may", "ad_ba", "ad_ca", "ad_ad", "ad_uid", "tr_id", "tr_af", "tr_tt", "tr_tx", "tr_sh",
    "tr_ci", "tr_st", "tr_co", "tr_cu", "ti_id", "ti_sk", "ti_nm", "ti_na", "ti_ca", "ti_pr", "ti_qu", "ti_cu", "sa", "sn", "st", "sp",
    "se_ca", "se_ac", "se_la", "se_pr", "se_va", "ue_na", "ue_pr", "ue_px", "co", "cx", "ua", "tnuid", "stm", "sid", "ttm",
];
/// The page view entity sp.js attaches to every event of a page view.
pub const SCHEMA_WEB_PAGE: &str = "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0";
/// The session entity (`contexts.session`).
pub const SCHEMA_CLIENT_SESSION: &str = "iglu:com.snowplowanalytics.snowplow/client_session/jsonschema/1-0-2";
