//! sp.js's cookies in this page, and its localStorage identity items: the coalesced writes of
//! `snowplow_core::web::cookie::Jar`, driven here with a one-shot timer and the page-exit hook,
//! and root-domain discovery's test. The page is touched only through `document.cookie`
//! (assigned one string, or read whole) and `localStorage`, never while the jar is borrowed: a
//! page that hooks either may track from the hook.

use std::cell::RefCell;

use snowplow_core::web::cookie::{read, Cookie, Jar, Pending, RootTest, Write};

use super::io::{cookie_text, cookie_write, items_set};
use crate::platform::env::now_ms;
use crate::platform::storage::at_page_exit;
use crate::platform::timers::Timer;

thread_local! {
    static JAR: RefCell<Jar> = RefCell::new(Jar::default());
    static WAKE: RefCell<Option<Timer>> = const { RefCell::new(None) };
}

/// The value this page wrote last as cookie or item `name`, within the read-back window.
pub fn remembered(name: &str) -> Option<String> {
    JAR.with(|j| j.try_borrow().ok().and_then(|j| j.remembered(name, now_ms()).map(str::to_owned)))
}

/// The cookie `name` as this page wrote it last (within the read-back window) or as the page
/// holds it.
pub fn get(name: &str) -> Option<String> {
    remembered(name).or_else(|| read(&cookie_text(), name))
}

/// Write `c`: at once when it is a deletion, else at the jar's next flush.
pub fn set(c: &Cookie) {
    follow(JAR.with(|j| j.try_borrow_mut().ok().map(|mut j| j.set(c, now_ms()))));
}

/// Keep `value` as localStorage item `key` for `ttl_s` seconds, at the jar's next flush.
pub fn set_item(key: &str, value: &str, ttl_s: i64) {
    follow(JAR.with(|j| j.try_borrow_mut().ok().map(|mut j| j.set_item(key, value, ttl_s, now_ms()))));
}

/// Do what the jar said of a write: make it now, or wake for its flush (and at page exit).
fn follow(write: Option<Write>) {
    match write {
        Some(Write::Now(text)) => cookie_write(&text),
        Some(Write::Later { wake_at_ms, watch_exit }) => {
            if watch_exit {
                at_page_exit(false, flush);
            }
            if let Some(at) = wake_at_ms {
                let timer = Timer::once(at.saturating_sub(now_ms()) as f64, false, flush);
                WAKE.with(|w| w.replace(Some(timer)));
            }
        }
        None => {}
    }
}

/// Write what waits (the wake-up is due, or the page is hidden or left).
fn flush() {
    // Taken first (a due wake-up is cancelled), dropped last: it may be the timer running this.
    let wake = WAKE.with(|w| w.take());
    let writes = JAR.with(|j| j.try_borrow_mut().map(|mut j| j.flush()).unwrap_or_default());
    for write in writes {
        match write {
            Pending::Cookie(text) => cookie_write(&text),
            Pending::Items(items) => items_set(&items),
        }
    }
    drop(wake);
}

/// True when a cookie set on `domain` can be read back (root-domain discovery); leaves none.
pub fn sticks(domain: &str, same_site: &str, secure: bool) -> bool {
    let test = RootTest::new(now_ms());
    let c = test.cookie(domain, same_site, secure);
    cookie_write(&c.text(now_ms()));
    let stuck = test.stuck(&cookie_text());
    set(&Cookie { value: "", ttl_s: -1, ..c });
    stuck
}
