//! Form events: change_form 1-0-0 and submit_form 1-0-0.

use super::{opt_list, SelfDescribingJson};
use crate::error::Result;
use crate::json::{Object, Value};
use crate::{constants, validate};

/// A form field change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormChange {
    /// Form id, required.
    pub form_id: String,
    /// Element id (may be empty).
    pub element_id: String,
    /// INPUT, TEXTAREA or SELECT.
    pub node_name: String,
    /// The new value; `None` is sent as `null`.
    pub value: Option<String>,
    /// Input type (an HTML input type; sent in lower case).
    pub input_type: Option<String>,
    /// Element classes.
    pub element_classes: Option<Vec<String>>,
}

impl FormChange {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        validate::non_empty("formId", &self.form_id)?;
        validate::node_name("nodeName", &self.node_name)?;
        let input_type = self.input_type.as_deref().map(|t| validate::form_type("type", t)).transpose()?;
        let mut o = Object::new();
        o.set("formId", Value::Str(self.form_id.clone()))
            .set("elementId", Value::Str(self.element_id.clone()))
            .set("nodeName", Value::Str(self.node_name.clone()))
            .set("value", self.value.clone().map_or(Value::Null, Value::Str))
            .set_opt("type", input_type.map(Value::Str))
            .set_opt("elementClasses", opt_list(&self.element_classes));
        Ok(SelfDescribingJson { schema: constants::SCHEMA_CHANGE_FORM.into(), data: Value::Object(o) })
    }
}

/// One element of a submitted form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormElement {
    /// Element name.
    pub name: String,
    /// Its value; `None` is sent as `null`.
    pub value: Option<String>,
    /// INPUT, TEXTAREA or SELECT.
    pub node_name: String,
    /// Input type.
    pub input_type: Option<String>,
}

/// A form submission.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormSubmit {
    /// Form id, required.
    pub form_id: String,
    /// Form classes.
    pub form_classes: Option<Vec<String>>,
    /// Elements; an empty list is omitted.
    pub elements: Vec<FormElement>,
}

impl FormSubmit {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        validate::non_empty("formId", &self.form_id)?;
        let mut elements = Vec::with_capacity(self.elements.len());
        for (i, el) in self.elements.iter().enumerate() {
            validate::node_name(&(crate::indexed("elements", i) + ".nodeName"), &el.node_name)?;
            let input_type =
                el.input_type.as_deref().map(|t| validate::form_type(&(crate::indexed("elements", i) + ".type"), t)).transpose()?;
            let mut o = Object::new();
            o.set("name", Value::Str(el.name.clone()))
                .set("value", el.value.clone().map_or(Value::Null, Value::Str))
                .set("nodeName", Value::Str(el.node_name.clone()))
                .set_opt("type", input_type.map(Value::Str));
            elements.push(o);
        }
        let mut o = Object::new();
        o.set("formId", Value::Str(self.form_id.clone())).set_opt("formClasses", opt_list(&self.form_classes));
        if !elements.is_empty() {
            o.set("elements", Value::ObjectList(elements));
        }
        Ok(SelfDescribingJson { schema: constants::SCHEMA_SUBMIT_FORM.into(), data: Value::Object(o) })
    }
}
