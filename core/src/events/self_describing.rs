//! Built-in self-describing events of iglu-central: screen views, link click, site search.

use super::{opt_list, opt_str, SelfDescribingJson};
use crate::error::{Error, Result};
use crate::json::{Object, Value};
use crate::{constants, validate, Num};

/// Legacy screen view (snowplow/screen_view 1-0-0): at least one of name and id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScreenView {
    /// Screen name.
    pub name: Option<String>,
    /// Screen id.
    pub id: Option<String>,
}

impl ScreenView {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        let mut o = Object::new();
        o.set_opt("name", opt_str(&self.name)).set_opt("id", opt_str(&self.id));
        if o.is_empty() {
            return Err(Error::type_error("name or id", "given (the schema needs one of them)", "neither"));
        }
        Ok(SelfDescribingJson { schema: constants::SCHEMA_SCREEN_VIEW.into(), data: Value::Object(o) })
    }
}

/// Mobile screen view (mobile/screen_view 1-0-0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MobileScreenView {
    /// Screen view id (a UUID); generated when absent.
    pub id: Option<String>,
    /// Screen name, required.
    pub name: String,
    /// Screen type.
    pub screen_type: Option<String>,
    /// Previous screen's name.
    pub previous_name: Option<String>,
    /// Previous screen view's id (a UUID).
    pub previous_id: Option<String>,
    /// Previous screen's type.
    pub previous_type: Option<String>,
    /// Transition type.
    pub transition_type: Option<String>,
}

impl MobileScreenView {
    pub(crate) fn to_sdj(&self, new_id: &mut dyn FnMut() -> String) -> Result<SelfDescribingJson> {
        validate::non_empty("name", &self.name)?;
        let id = match &self.id {
            Some(id) => {
                validate::uuid("id", id)?;
                id.clone()
            }
            None => new_id(),
        };
        if let Some(prev) = &self.previous_id {
            validate::uuid("previousId", prev)?;
        }
        let mut o = Object::new();
        o.set("id", Value::Str(id))
            .set("name", Value::Str(self.name.clone()))
            .set_opt("type", opt_str(&self.screen_type))
            .set_opt("previousName", opt_str(&self.previous_name))
            .set_opt("previousId", opt_str(&self.previous_id))
            .set_opt("previousType", opt_str(&self.previous_type))
            .set_opt("transitionType", opt_str(&self.transition_type));
        Ok(SelfDescribingJson { schema: constants::SCHEMA_MOBILE_SCREEN_VIEW.into(), data: Value::Object(o) })
    }
}

/// Link click (snowplow/link_click 1-0-1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkClick {
    /// Target URL, required.
    pub target_url: String,
    /// Element id.
    pub element_id: Option<String>,
    /// Element classes.
    pub element_classes: Option<Vec<String>>,
    /// Element target.
    pub element_target: Option<String>,
    /// Element content.
    pub element_content: Option<String>,
}

impl LinkClick {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        let mut o = Object::new();
        o.set("targetUrl", Value::Str(validate::non_empty("targetUrl", &self.target_url)?.to_owned()))
            .set_opt("elementId", opt_str(&self.element_id))
            .set_opt("elementClasses", opt_list(&self.element_classes))
            .set_opt("elementTarget", opt_str(&self.element_target))
            .set_opt("elementContent", opt_str(&self.element_content));
        Ok(SelfDescribingJson { schema: constants::SCHEMA_LINK_CLICK.into(), data: Value::Object(o) })
    }
}

/// A site search filter value.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string filter.
    Str(String),
    /// A boolean filter.
    Bool(bool),
}

/// Site search (snowplow/site_search 1-0-0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteSearch {
    /// Search terms, at least one.
    pub terms: Vec<String>,
    /// Filters, name → string or boolean.
    pub filters: Option<Vec<(String, FilterValue)>>,
    /// Total results (integer ≥ 0).
    pub total_results: Option<Num>,
    /// Pages of results (integer ≥ 0).
    pub page_results: Option<Num>,
}

impl SiteSearch {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        if self.terms.is_empty() {
            return Err(Error::type_error("terms", "a non-empty array of strings", "[]"));
        }
        let mut o = Object::new();
        o.set("terms", Value::StrList(self.terms.clone()));
        if let Some(filters) = &self.filters {
            let mut json = String::from("{");
            for (i, (name, value)) in filters.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                crate::json::write_str(&mut json, name);
                json.push(':');
                match value {
                    FilterValue::Str(s) => crate::json::write_str(&mut json, s),
                    FilterValue::Bool(b) => Value::Bool(*b).write(&mut json),
                }
            }
            json.push('}');
            o.set("filters", Value::Raw(json));
        }
        for (param, key, n) in [("totalResults", "totalResults", &self.total_results), ("pageResults", "pageResults", &self.page_results)] {
            if let Some(n) = n {
                validate::count(param, n)?;
                o.set(key, Value::Num(n.clone()));
            }
        }
        Ok(SelfDescribingJson { schema: constants::SCHEMA_SITE_SEARCH.into(), data: Value::Object(o) })
    }
}
