//! Events with their own protocol fields and no schema: page view, page ping, structured event.

use crate::error::Result;
use crate::{key, validate, Num, Payload};

/// A page view (`e=pv`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageView {
    /// `url`, required.
    pub page_url: String,
    /// `page`.
    pub page_title: Option<String>,
    /// `refr`.
    pub referrer: Option<String>,
}

impl PageView {
    pub(crate) fn payload(&self) -> Result<Payload> {
        let mut p = Payload::with_capacity(20);
        p.add(key::EVENT, "pv");
        p.add("url", validate::non_empty("pageUrl", &self.page_url)?);
        p.add_opt("page", self.page_title.as_deref());
        p.add_opt("refr", self.referrer.as_deref());
        Ok(p)
    }
}

/// A page ping (`e=pp`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PagePing {
    /// `url`, required.
    pub page_url: String,
    /// `page`.
    pub page_title: Option<String>,
    /// `refr`.
    pub referrer: Option<String>,
    /// `pp_mix`.
    pub min_x: Option<Num>,
    /// `pp_max`.
    pub max_x: Option<Num>,
    /// `pp_miy`.
    pub min_y: Option<Num>,
    /// `pp_may`.
    pub max_y: Option<Num>,
}

impl PagePing {
    pub(crate) fn payload(&self) -> Result<Payload> {
        let mut p = Payload::with_capacity(24);
        p.add(key::EVENT, "pp");
        p.add("url", validate::non_empty("pageUrl", &self.page_url)?);
        p.add_opt("page", self.page_title.as_deref());
        p.add_opt("refr", self.referrer.as_deref());
        for (k, v) in [("pp_mix", &self.min_x), ("pp_max", &self.max_x), ("pp_miy", &self.min_y), ("pp_may", &self.max_y)] {
            p.add_opt(k, v.as_ref().map(Num::as_str));
        }
        Ok(p)
    }
}

/// A structured event (`e=se`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructEvent {
    /// `se_ca`, required.
    pub category: String,
    /// `se_ac`, required.
    pub action: String,
    /// `se_la`.
    pub label: Option<String>,
    /// `se_pr`.
    pub property: Option<String>,
    /// `se_va`.
    pub value: Option<Num>,
}

impl StructEvent {
    pub(crate) fn payload(&self) -> Result<Payload> {
        let mut p = Payload::with_capacity(22);
        p.add(key::EVENT, "se");
        p.add("se_ca", validate::non_empty("category", &self.category)?);
        p.add("se_ac", validate::non_empty("action", &self.action)?);
        p.add_opt("se_la", self.label.as_deref());
        p.add_opt("se_pr", self.property.as_deref());
        p.add_opt("se_va", self.value.as_ref().map(Num::as_str));
        Ok(p)
    }
}
