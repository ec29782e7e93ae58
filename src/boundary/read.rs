//! The largest event size texts are bounded by: message texts longer than any event could be
//! are refused by the facade before they are copied in.

use snowplow_core::tracker::{text_bound, DEFAULT_MAX_EVENT_BYTES};

thread_local! {
    /// The largest `maxEventBytes` of any tracker made so far (the default until then).
    static LARGEST_EVENT: std::cell::Cell<usize> = const { std::cell::Cell::new(DEFAULT_MAX_EVENT_BYTES) };
}

/// A tracker accepts events of up to `bytes`: texts that long may be copied in.
pub fn allow_events_of(bytes: usize) {
    if bytes > largest_event() {
        LARGEST_EVENT.with(|l| l.set(bytes));
        announce_bound();
    }
}

#[cfg_attr(not(test), wasm_bindgen::prelude::wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen::prelude::wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    #[wasm_bindgen(js_name = setTextBound)]
    fn set_text_bound(chars: f64);
}

/// Tell the host the longest message text the module takes (core's bound for the largest
/// `maxEventBytes` so far): at start, and whenever a tracker raises it.
pub fn announce_bound() {
    set_text_bound(text_bound(largest_event()) as f64);
}

/// The largest event any tracker accepts, in bytes.
pub fn largest_event() -> usize {
    LARGEST_EVENT.with(std::cell::Cell::get)
}
