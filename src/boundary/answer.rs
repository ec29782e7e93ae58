//! What the object exports (`make`, `call`, `track`) answer: one text the facade decodes
//! (`answer` in `js/boundary.js`), so no JS value is made in the module for a result or an
//! error. `""` is `undefined`; a text starting with `"\u0000"` is a marker (`P<n>` the promise
//! of deferred `n`, `T`/`R` and a message a `TypeError`/`RangeError` to throw, `J` the exception
//! the host kept); anything else is a JSON value.

use snowplow_core::{int_text, ErrorKind};

use crate::boundary::errors::{JsResult, Pending};

/// A call's result before it is written.
#[derive(Debug)]
pub enum Answer {
    /// `undefined`.
    Nothing,
    /// A JSON value's text.
    Json(String),
    /// The promise of deferred `n` (see [`crate::boundary::tasks::Deferred`]).
    Promise(u32),
}

impl Answer {
    /// `true` or `false`.
    pub fn bool(b: bool) -> Answer {
        Answer::Json(if b { "true" } else { "false" }.into())
    }

    /// A whole number.
    pub fn number(n: usize) -> Answer {
        Answer::Json(int_text(n as i64))
    }

    /// A string.
    pub fn text(s: &str) -> Answer {
        let mut out = String::with_capacity(s.len() + 2);
        snowplow_core::json::write_str(&mut out, s);
        Answer::Json(out)
    }

    /// An array of strings.
    pub fn texts(list: &[String]) -> Answer {
        let mut out = String::from("[");
        for (i, s) in list.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            snowplow_core::json::write_str(&mut out, s);
        }
        out.push(']');
        Answer::Json(out)
    }
}

/// The text of a call's result, for the facade.
pub fn write(r: JsResult<Answer>) -> String {
    match r {
        Ok(Answer::Nothing) => String::new(),
        Ok(Answer::Json(text)) => text,
        Ok(Answer::Promise(n)) => ["\u{0}P", &int_text(i64::from(n))].concat(),
        Err(t) => match t.take() {
            Some(Pending::Core(e)) => [if e.kind == ErrorKind::Range { "\u{0}R" } else { "\u{0}T" }, &e.message()].concat(),
            #[cfg(feature = "edge")]
            Some(Pending::Js(v)) => {
                crate::boundary::js::keep_thrown(&v);
                "\u{0}J".into()
            }
            None => "\u{0}Tsnowplow-tracker-wasm: an internal error (an error without its cause)".into(),
        },
    }
}
