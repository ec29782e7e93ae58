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

/// Invalid input, named by the parameter it concerns.
///
/// `Display` renders `"<param> must be <expected>, got <got>"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// TypeError or RangeError.
    pub kind: ErrorKind,
    /// The parameter, e.g. `"trackPageView: pageUrl"`.
    pub param: String,
    /// What was expected, e.g. `"a non-empty string"`.
    pub expected: &'static str,
    /// A short rendering of what was given.
    pub got: String,
}

impl Error {
    /// A `TypeError` for `param`.
    pub fn type_error(param: impl Into<String>, expected: &'static str, got: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Type, param: param.into(), expected, got: got.into() }
    }

    /// A `RangeError` for `param`.
    pub fn range_error(param: impl Into<String>, expected: &'static str, got: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Range, param: param.into(), expected, got: got.into() }
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
        [self.param.as_str(), " must be ", self.expected, ", got ", &self.got].concat()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.param)?;
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
