//! The one error type of the core: a programmer error in the input, never a network problem.

use std::fmt;

/// Which JavaScript error class the bindings should throw for an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Wrong type, missing value, empty string, unknown enum value: a `TypeError`.
    Type,
    /// A number outside its allowed range: a `RangeError`.
    Range,
}

/// Invalid input, named by the parameter it concerns (its fields are [`ErrorData`]'s).
///
/// `Display` renders `"<param> must be <expected>, got <got>"`, or `"<param> is required"`
/// for a required value that was not given. Boxed: every `Result` of the core is then a
/// pointer wider than its value, which keeps the code that moves results through `?` small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorData>);

impl std::ops::Deref for Error {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

/// What an [`Error`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorData {
    /// TypeError or RangeError.
    pub kind: ErrorKind,
    /// The parameter, e.g. `"trackPageView: pageUrl"`.
    pub param: String,
    /// What was expected, e.g. `"a non-empty string"`.
    pub expected: &'static str,
    /// A short rendering of what was given.
    pub got: String,
}

/// The `expected` of [`Error::required`].
const REQUIRED: &str = "given";

impl Error {
    /// A `TypeError` for `param`.
    pub fn type_error(param: impl Into<String>, expected: &'static str, got: impl Into<String>) -> Self {
        Error(Box::new(ErrorData { kind: ErrorKind::Type, param: param.into(), expected, got: got.into() }))
    }

    /// A `RangeError` for `param`.
    pub fn range_error(param: impl Into<String>, expected: &'static str, got: impl Into<String>) -> Self {
        Error(Box::new(ErrorData { kind: ErrorKind::Range, param: param.into(), expected, got: got.into() }))
    }

    /// A `TypeError`: `param` is required and was not given (`undefined` or `null`).
    pub fn required(param: impl Into<String>) -> Self {
        Error(Box::new(ErrorData { kind: ErrorKind::Type, param: param.into(), expected: REQUIRED, got: String::new() }))
    }

    /// The same error with `prefix` put before the parameter name (`"trackPageView: "`).
    pub fn within(mut self, prefix: &str) -> Self {
        self.param.insert_str(0, prefix);
        self
    }
}

impl Error {
    /// The message, `"<param> must be <expected>, got <got>"`, built without `core::fmt`.
    pub fn message(&self) -> String {
        if self.expected == REQUIRED {
            return [self.param.as_str(), " is required"].concat();
        }
        [self.param.as_str(), " must be ", self.expected, ", got ", &self.got].concat()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.param)?;
        if self.expected == REQUIRED {
            return f.write_str(" is required");
        }
        f.write_str(" must be ")?;
        f.write_str(self.expected)?;
        f.write_str(", got ")?;
        f.write_str(&self.got)
    }
}

impl std::error::Error for Error {}

/// Result with the core [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Quote a string for an error message, shortened to 40 characters.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(48) + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_parameter() {
        let e = Error::type_error("trackStructEvent: value", "a number", "\"2\"");
        assert_eq!(e.message(), "trackStructEvent: value must be a number, got \"2\"");
        assert_eq!(e.to_string(), e.message());
        let r = Error::required("pageUrl").within("trackPageView: ");
        assert_eq!((r.kind, r.message()), (ErrorKind::Type, "trackPageView: pageUrl is required".to_owned()));
        assert_eq!(r.to_string(), r.message());
    }
}
