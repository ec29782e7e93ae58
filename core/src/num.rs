//! Numbers as the tracker sends them: rendered exactly as JavaScript's `String(n)` renders them.

/// A finite number with its JavaScript rendering (`2`, `13.99`, `1e+21`).
///
/// Integers are rendered here; other values carry the text the bindings got from JS, so the core
/// needs no float formatting code (which would cost kilobytes of wasm).
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    value: f64,
    text: String,
}

/// Largest integer JavaScript represents exactly (2^53 - 1).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl Num {
    /// An integer.
    pub fn int(i: i64) -> Num {
        Num { value: i as f64, text: int_text(i) }
    }

    /// A number whose JavaScript rendering is `text` (the caller guarantees it).
    pub fn with_text(value: f64, text: String) -> Num {
        Num { value, text }
    }

    /// The number a JSON number text writes (`13.99`, `1e+21`: `JSON.stringify`'s rendering,
    /// which is JavaScript's `String(n)`), with that text kept as its rendering; `None` when
    /// `text` is not one JSON number or is not finite (`1e400`). The value is read by
    /// [`crate::num_read::number`], good for range checks, not for arithmetic to the last bit.
    pub fn from_json(text: &str) -> Option<Num> {
        crate::num_read::number(text).map(|value| Num { value, text: text.to_owned() })
    }

    /// The number, when it is a safe integer (`|n| ≤ 2^53 - 1`, no fraction): rendered here.
    pub fn from_safe_integer(value: f64) -> Option<Num> {
        if value.is_finite() && value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER {
            // -0 renders as "0" in JS, as it does once cast to i64.
            Some(Num::int(value as i64))
        } else {
            None
        }
    }

    /// The numeric value.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The rendering.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True for a whole number.
    pub fn is_integer(&self) -> bool {
        self.value.fract() == 0.0
    }
}

/// The integer in decimal `text` as `str::parse::<i64>` reads it (an optional sign, then only
/// ASCII digits; `None` when empty, anything else, or out of range): one reader for every
/// integer the crate parses, instead of a `parse` instantiation per integer type.
pub fn int_read(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = i64::from(b - b'0');
        n = n.checked_mul(10)?;
        n = if negative { n.checked_sub(d)? } else { n.checked_add(d)? };
    }
    Some(n)
}

/// [`int_read`] for a count or an id: `None` for a negative one (or a `-` sign), or one that
/// does not fit in `T` (or above `i64::MAX`).
pub fn uint_read<T: TryFrom<i64>>(text: &str) -> Option<T> {
    if text.starts_with('-') {
        return None;
    }
    T::try_from(int_read(text)?).ok()
}

/// Decimal text of an integer, without the `core::fmt` machinery (kilobytes of wasm).
pub fn int_text(i: i64) -> String {
    let mut digits = [0u8; 21];
    let mut n = i.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    if i < 0 && at > 0 {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'-';
        }
    }
    String::from_utf8(digits.get(at..).unwrap_or_default().to_vec()).unwrap_or_default()
}

/// `name[i]`, for parameter names in error messages.
pub fn indexed(name: &str, i: usize) -> String {
    [name, "[", &int_text(i as i64), "]"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_text_matches_display() {
        for i in [0, 7, -7, 10, 99, 100, -1_234_567, i64::MAX, i64::MIN, 1_700_000_000_123] {
            assert_eq!(int_text(i), i.to_string());
        }
        assert_eq!(indexed("items", 12), "items[12]");
    }

    #[test]
    fn integers_render_like_js() {
        assert_eq!(Num::int(2).as_str(), "2");
        assert_eq!(Num::int(-15).as_str(), "-15");
        assert_eq!(Num::from_safe_integer(-0.0).map(|n| n.text), Some("0".into()));
        assert_eq!(Num::from_safe_integer(1_700_000_000_000.0).map(|n| n.text), Some("1700000000000".into()));
        assert_eq!(Num::from_safe_integer(13.99), None);
        assert_eq!(Num::from_safe_integer(1e21), None);
        assert_eq!(Num::from_safe_integer(f64::NAN), None);
        assert!(Num::with_text(2.5, "2.5".into()).value() == 2.5);
        assert!(!Num::with_text(2.5, "2.5".into()).is_integer());
        assert_eq!(Num::from_json("1e+21"), Some(Num::with_text(1e21, "1e+21".into())));
        assert!(Num::from_json("1e+21").is_some_and(|n| n.is_integer()));
        assert_eq!(Num::from_json("13.99").map(|n| (n.value(), n.is_integer())), Some((13.99, false)));
        assert_eq!(Num::from_json("1e400"), None);
        assert_eq!(Num::from_json("1."), None);
    }
}
