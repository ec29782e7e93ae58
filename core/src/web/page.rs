//! The page an event happens on, as sp.js reports it: the page view id (`web_page` entity),
//! renewed by each page view once an event has used it; the page's own fields under whatever
//! the event and the subjects set; the setters that override what the page says.

use crate::constants::{key, SCHEMA_WEB_PAGE};
use crate::events::SelfDescribingJson;
use crate::json::{Object, Value};
use crate::{Field, Payload, Subject};

/// The page view id.
#[derive(Debug, Clone, Default)]
pub struct PageView {
    id: Option<String>,
    used: bool,
}

impl PageView {
    /// The id for an event (`page_view`: a page view, which starts a new id once a page view
    /// has used the current one; events before the first page view share its id).
    pub fn id_for(&mut self, page_view: bool, uuid: &mut dyn FnMut() -> String) -> &str {
        if page_view && std::mem::replace(&mut self.used, true) {
            self.id = None;
        }
        self.id.get_or_insert_with(uuid)
    }

    /// Anonymous tracking was switched to `anonymous`: switching it on starts a new page view id
    /// (events after it cannot be joined to the identified ones through `web_page`) unless the
    /// session is kept (`withSessionTracking`); switching off keeps the id. As sp.js does, the
    /// next page view keeps the new id.
    pub fn follow_anonymous(&mut self, anonymous: crate::web::session::Anonymous) {
        if anonymous.on && !anonymous.with_session {
            (self.id, self.used) = (None, false);
        }
    }

    /// The current id, if any (the activity callback reports it).
    pub fn current(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

/// The referrer as sp.js keeps it: a `referrer` (or `referer`) query parameter of the page, else
/// in a single-page app the URL the page had before it last changed, else the document's.
#[derive(Debug, Clone, Default)]
pub struct Referrer {
    url: String,
    previous: Option<String>,
}

impl Referrer {
    /// The page is at `url` when the tracker starts.
    pub fn new(url: String) -> Referrer {
        Referrer { url, previous: None }
    }

    /// The referrer of an event at `url`, given the page's query parameter (or '') and the
    /// document's referrer.
    pub fn for_event(&mut self, url: &str, param: &str, document: &str) -> String {
        if !self.url.is_empty() && self.url != url {
            self.previous = Some(std::mem::replace(&mut self.url, url.to_owned()));
        } else if self.url.is_empty() {
            self.url = url.to_owned();
        }
        let chosen = if !param.is_empty() { param } else { self.previous.as_deref().unwrap_or(document) };
        chosen.to_owned()
    }
}

/// The `web_page` 1-0-0 entity of page view `id`.
pub fn web_page(id: &str) -> SelfDescribingJson {
    let mut data = Object::new();
    data.set("id", Value::Str(id.to_owned()));
    SelfDescribingJson { schema: SCHEMA_WEB_PAGE.to_owned(), data: Value::Object(data) }
}

/// What the page says, read before each event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFields {
    /// `location.href`.
    pub url: String,
    /// `document.referrer`.
    pub referrer: String,
    /// `document.title`.
    pub title: String,
    /// Screen `WxH`.
    pub res: String,
    /// Viewport `WxH`.
    pub vp: String,
    /// Document size `WxH`.
    pub ds: String,
    /// Colour depth.
    pub cd: String,
    /// Character set.
    pub cs: String,
    /// Language.
    pub lang: String,
    /// Time zone (IANA).
    pub tz: String,
    /// `"1"` when cookies are enabled, else `"0"`.
    pub cookie: String,
}

/// The tracker's overrides of the page (`setCustomUrl`, `setReferrerUrl`, `setDocumentTitle`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOverrides {
    /// Replaces `url`.
    pub url: Option<String>,
    /// Replaces `refr`.
    pub referrer: Option<String>,
    /// Replaces `page`.
    pub title: Option<String>,
}

impl PageFields {
    /// The page's subject fields (`res`, `vp`, `cd`, `tz`, `lang`), under the event's and the
    /// tracker's subjects.
    pub fn subject(&self) -> Subject {
        let mut s = Subject::new();
        for (field, v) in [
            (Field::ScreenResolution, &self.res),
            (Field::Viewport, &self.vp),
            (Field::ColorDepth, &self.cd),
            (Field::Timezone, &self.tz),
            (Field::Lang, &self.lang),
        ] {
            s.set(field, Some(v.clone()));
        }
        s
    }

    /// Add `url`, `refr`, `page`, `ds`, `cs` and `cookie` where the event has none of its own.
    pub fn write(&self, p: &mut Payload, overrides: &PageOverrides) {
        let url = overrides.url.as_deref().unwrap_or(&self.url);
        let refr = overrides.referrer.as_deref().unwrap_or(&self.referrer);
        let title = overrides.title.as_deref().unwrap_or(&self.title);
        for (k, v) in [(key::URL, url), (key::REFR, refr), (key::PAGE, title), ("ds", &self.ds), ("cs", &self.cs), ("cookie", &self.cookie)]
        {
            if !v.is_empty() && p.get(k).is_none() {
                p.add(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_view_renews_the_id_once_it_was_used() {
        let mut n = 0;
        let mut uuid = || {
            n += 1;
            format!("id{n}")
        };
        let mut pv = PageView::default();
        assert_eq!(pv.id_for(false, &mut uuid), "id1", "an event before any page view");
        assert_eq!(pv.id_for(true, &mut uuid), "id1", "the first page view joins it");
        assert_eq!(pv.id_for(false, &mut uuid), "id1");
        assert_eq!(pv.id_for(true, &mut uuid), "id2", "the next page view renews it");
        assert_eq!(pv.current(), Some("id2"));
    }

    #[test]
    fn switching_anonymous_tracking_on_starts_a_new_id_unless_the_session_is_kept() {
        use crate::web::session::Anonymous;
        let mut n = 0;
        let mut uuid = || {
            n += 1;
            format!("id{n}")
        };
        let on = Anonymous { on: true, with_session: false, server: false };
        let mut pv = PageView::default();
        assert_eq!(pv.id_for(true, &mut uuid), "id1");
        pv.follow_anonymous(Anonymous { server: true, ..on });
        assert_eq!(pv.id_for(false, &mut uuid), "id2", "not joinable to the identified page view");
        assert_eq!(pv.id_for(true, &mut uuid), "id2", "the next page view keeps the new id");
        assert_eq!(pv.id_for(true, &mut uuid), "id3");
        pv.follow_anonymous(Anonymous { with_session: true, ..on });
        assert_eq!(pv.id_for(false, &mut uuid), "id3", "withSessionTracking keeps it");
        pv.follow_anonymous(Anonymous::default());
        assert_eq!(pv.id_for(false, &mut uuid), "id3", "switching off keeps it");
    }

    #[test]
    fn single_page_apps_refer_to_the_previous_url_until_a_parameter_says_otherwise() {
        let mut r = Referrer::new("https://s/b".into());
        assert_eq!(r.for_event("https://s/b", "", "https://s/a"), "https://s/a", "the document's");
        assert_eq!(r.for_event("https://s/spa1", "", "https://s/a"), "https://s/b");
        assert_eq!(r.for_event("https://s/spa1", "", "https://s/a"), "https://s/b", "for every event there");
        assert_eq!(r.for_event("https://s/spa2?referrer=x", "x", "https://s/a"), "x");
        assert_eq!(r.for_event("https://s/spa3", "", "https://s/a"), "https://s/spa2?referrer=x");
    }

    #[test]
    fn the_events_own_fields_win_then_the_overrides_then_the_page() {
        let page = PageFields {
            url: "https://a/".into(),
            referrer: "https://r/".into(),
            title: "T".into(),
            cs: "UTF-8".into(),
            ..Default::default()
        };
        let mut p = Payload::with_capacity(8);
        p.add(key::URL, "https://own/");
        page.write(&mut p, &PageOverrides { title: Some("Custom".into()), ..Default::default() });
        assert_eq!((p.get(key::URL), p.get(key::REFR), p.get(key::PAGE)), (Some("https://own/"), Some("https://r/"), Some("Custom")));
        assert_eq!((p.get("cs"), p.get("ds")), (Some("UTF-8"), None), "empty fields are left out");
    }
}
