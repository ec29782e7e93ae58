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
    /// The id for an event (`page_view`: a page view, which starts a new id once the current
    /// one has been sent).
    pub fn id_for(&mut self, page_view: bool, uuid: &mut dyn FnMut() -> String) -> &str {
        if page_view && self.used {
            self.id = None;
        }
        self.used = true;
        self.id.get_or_insert_with(uuid)
    }

    /// The current id, if any (the activity callback reports it).
    pub fn current(&self) -> Option<&str> {
        self.id.as_deref()
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
        assert_eq!(pv.id_for(true, &mut uuid), "id2");
        assert_eq!(pv.id_for(false, &mut uuid), "id2");
        let mut fresh = PageView::default();
        assert_eq!(fresh.id_for(true, &mut uuid), "id3", "the first page view");
        assert_eq!(fresh.current(), Some("id3"));
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
