//! Checks shared by the event builders; each names the parameter it rejects.

use crate::error::{quoted, Error, Result};
use crate::Num;

/// A required string that must not be empty.
pub fn non_empty<'a>(param: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty() {
        Err(Error::type_error(param, "a non-empty string", "\"\""))
    } else {
        Ok(value)
    }
}

/// True for an Iglu schema URI: `iglu:vendor/name/format/M-R-A`.
pub fn is_iglu_uri(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("iglu:") else { return false };
    let mut parts = rest.split('/');
    let names_ok = (0..3).all(|_| parts.next().is_some_and(|p| !p.is_empty()));
    let version_ok = parts.next().is_some_and(|v| {
        let mut nums = v.split('-');
        (0..3).all(|_| nums.next().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))) && nums.next().is_none()
    });
    names_ok && version_ok && parts.next().is_none()
}

/// An Iglu schema URI: `iglu:vendor/name/format/M-R-A`.
pub fn iglu_uri(param: &str, value: &str) -> Result<()> {
    if is_iglu_uri(value) {
        Ok(())
    } else {
        Err(Error::type_error(param, "an Iglu URI like iglu:com.acme/event/jsonschema/1-0-0", quoted(value)))
    }
}

/// A UUID in its canonical 8-4-4-4-12 hex form.
pub fn uuid(param: &str, value: &str) -> Result<()> {
    let ok = value.len() == 36
        && value.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if ok {
        Ok(())
    } else {
        Err(Error::type_error(param, "a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", quoted(value)))
    }
}

/// `value` must be one of `allowed`; `expected` describes them for the message.
pub fn one_of(param: &str, value: &str, allowed: &[&str], expected: &'static str) -> Result<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Error::type_error(param, expected, quoted(value)))
    }
}

/// An integer within `0..=2^31-1` (the schemas' `integer` counts).
pub fn count(param: &str, n: &Num) -> Result<()> {
    if n.is_integer() && n.value() >= 0.0 && n.value() <= 2_147_483_647.0 {
        Ok(())
    } else {
        Err(Error::range_error(param, "an integer from 0 to 2147483647", n.as_str()))
    }
}

/// Check that `n` is an integer from −2^31 to 2^31 − 1 (an integer column of the pipeline).
pub fn int32(param: &str, n: &Num) -> Result<()> {
    if n.is_integer() && n.value() >= -2_147_483_648.0 && n.value() <= 2_147_483_647.0 {
        Ok(())
    } else {
        Err(Error::range_error(param, "an integer from -2147483648 to 2147483647", n.as_str()))
    }
}

/// The node names of the form schemas.
pub const FORM_NODE_NAMES: [&str; 3] = ["INPUT", "TEXTAREA", "SELECT"];

/// The input types of the form schemas.
pub const FORM_TYPES: [&str; 23] = [
    "button",
    "checkbox",
    "color",
    "date",
    "datetime",
    "datetime-local",
    "email",
    "file",
    "hidden",
    "image",
    "month",
    "number",
    "password",
    "radio",
    "range",
    "reset",
    "search",
    "submit",
    "tel",
    "text",
    "time",
    "url",
    "week",
];

/// A form element's `nodeName`.
pub fn node_name(param: &str, value: &str) -> Result<()> {
    one_of(param, value, &FORM_NODE_NAMES, "one of INPUT, TEXTAREA, SELECT")
}

/// A form input `type`, compared case-insensitively; returns it in lower case, as the schemas want.
pub fn form_type(param: &str, value: &str) -> Result<String> {
    let lower = value.to_ascii_lowercase();
    one_of(param, &lower, &FORM_TYPES, "an HTML input type (text, email, checkbox, …)")?;
    Ok(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        assert!(non_empty("x", "a").is_ok());
        assert_eq!(non_empty("x", "").unwrap_err().to_string(), "x must be a non-empty string, got \"\"");
        assert!(iglu_uri("s", "iglu:com.acme/ev/jsonschema/1-0-0").is_ok());
        for bad in ["", "test.schema", "iglu:com.acme/ev/jsonschema/1-0", "iglu:/ev/jsonschema/1-0-0", "iglu:a/b/c/1-0-x"] {
            assert!(iglu_uri("s", bad).is_err(), "{bad}");
        }
        assert!(uuid("id", "5d79770b-015b-4af8-8c91-b2ed6faf4b1e").is_ok());
        assert!(uuid("id", "534").is_err());
        assert!(uuid("id", "5d79770b-015b-4af8-8c91-b2ed6faf4b1z").is_err());
        assert!(node_name("n", "SELECT").is_ok());
        assert!(node_name("n", "select").is_err());
        assert_eq!(form_type("t", "EMAIL").unwrap(), "email");
        assert!(form_type("t", "textarea").is_err());
        assert!(count("c", &Num::int(0)).is_ok());
        assert_eq!(count("c", &Num::int(-1)).unwrap_err().kind, crate::ErrorKind::Range);
        assert!(count("c", &Num::with_text(1.5, "1.5".into())).is_err());
        assert!(count("c", &Num::int(2_147_483_648)).is_err());
    }
}
