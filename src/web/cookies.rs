//! sp.js's cookies in this page: the coalesced writes of `snowplow_core::web::cookie::Jar`,
//! driven here with a one-shot timer and the page-exit hook, and root-domain discovery's test.
//! The page is touched only through `document.cookie` (assigned one string, or read whole), and
//! never while the jar is borrowed: a page that hooks `document.cookie` may track from the hook.

use std::cell::RefCell;

use snowplow_core::web::cookie::{read, Cookie, Jar, RootTest, Write};

use super::io::{cookie_text, cookie_write};
use crate::platform::env::now_ms;
use crate::platform::storage::at_page_exit;
use crate::platform::timers::Timer;

thread_local! {
    static JAR: RefCell<Jar> = RefCell::new(Jar::default());
    static WAKE: RefCell<Option<Timer>> = const { RefCell::new(None) };
}

/// The cookie `name` as this page wrote it last (within the read-back window) or as the page
/// holds it.
pub fn get(name: &str) -> Option<String> {
    let mine = JAR.with(|j| j.try_borrow().ok().and_then(|j| j.remembered(name, now_ms()).map(str::to_owned)));
    mine.or_else(|| read(&cookie_text(), name))
}

/// Write `c`: at once when it is a deletion, else at the jar's next flush.
pub fn set(c: &Cookie) {
    let write = JAR.with(|j| j.try_borrow_mut().ok().map(|mut j| j.set(c, now_ms())));
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
    let cookies = JAR.with(|j| j.try_borrow_mut().map(|mut j| j.flush()).unwrap_or_default());
    for text in cookies {
        cookie_write(&text);
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
