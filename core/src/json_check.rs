//! Whether a text is well-formed JSON (RFC 8259), without building a tree: events given back
//! to `emitter.input()` carry contexts and self-describing data as JSON text, checked here
//! before a collector would refuse them. The check is [`crate::json_read`]'s.

/// True when `text` is one well-formed JSON value (surrounding whitespace allowed), nested at
/// most [`crate::json_read::MAX_DEPTH`] deep.
pub fn is_json(text: &str) -> bool {
    crate::json_read::parse(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn well_formed_json() {
        for ok in ["{}", "[]", " {\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\\n\"]} ", "0", "\"é\"", "[{}]", "-0.0E1"] {
            assert!(is_json(ok), "{ok}");
        }
        let deep = "[".repeat(100_000);
        for bad in [
            "",
            "{not json",
            "{'a':1}",
            "[1,]",
            "{\"a\"}",
            "01",
            "1.",
            "+1",
            "\"\\x\"",
            "\"a\nb\"",
            "[1] x",
            "nul",
            "\"",
            "\"\\u12\"",
            &deep,
        ] {
            assert!(!is_json(bad), "{bad:.20}");
        }
    }
}
