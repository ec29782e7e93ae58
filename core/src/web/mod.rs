//! What a web tracker does in a page, as sp.js (the Snowplow browser tracker 4.x) does it, so a
//! site moving from it keeps its users and sessions: the `_sp_id`/`_sp_ses` cookies byte for
//! byte, the session rules, the page view id, activity pings. Rules only: the binding reads and
//! writes the page.

pub mod activity;
pub mod config;
pub mod cookie;
pub mod domain;
pub mod id_cookie;
pub mod local_state;
pub mod page;
pub mod page_read;
pub mod session;
mod sha1;
pub mod sp_queue;
pub mod time;

pub use sha1::sha1_hex;

use crate::events::SelfDescribingJson;
use crate::{Payload, Subject};

/// What a page adds to one event.
#[derive(Debug, Clone, Default)]
pub struct PageAdditions {
    /// Entities after the event's own (`web_page`, `client_session`).
    pub contexts: Vec<SelfDescribingJson>,
    /// Fields under the event's and the tracker's subjects (`duid`, `sid`, `vid`, `res`, …).
    pub subject: Subject,
    /// The page's `url`, `refr`, `page`, `ds`, `cs`, `cookie` and the tracker's overrides.
    pub page: Option<(page::PageFields, page::PageOverrides)>,
    /// Anonymous tracking: no `uid`, whatever a subject says.
    pub anonymous: bool,
}

impl PageAdditions {
    /// After the subjects are written: the page's fields where the event has none, and no user
    /// id when anonymous.
    pub fn finish(&self, p: &mut Payload) {
        if let Some((fields, overrides)) = &self.page {
            fields.write(p, overrides);
        }
        if self.anonymous {
            p.remove("uid");
        }
    }
}

/// The page, as the tracker asks it about each event (implemented by the browser binding).
pub trait PageSource {
    /// What to add to event `eid` (`page_view`: a page view) that happens at `time_ms`.
    fn additions(&mut self, eid: &str, page_view: bool, time_ms: i64) -> PageAdditions;
}
