//! Identity values in localStorage as sp.js keeps them (`stateStorageStrategy: "localStorage"`):
//! the value under its key and, written before it, `<key>.expires`, the time in ms when it
//! expires. An expired value is removed with its expiry; one with no expiry never expires.
//! The binding only gets, sets and removes items.

use crate::int_text;

/// The key of `key`'s expiry.
pub fn expires_key(key: &str) -> String {
    [key, ".expires"].concat()
}

/// True when a value whose expiry item holds `expires` (none: no such item) has expired at
/// `now_ms`: `Number(expires) <= now` in JavaScript (so an expiry that is not a number has).
pub fn expired(expires: Option<&str>, now_ms: i64) -> bool {
    expires.is_some_and(|text| !number_above(text, now_ms))
}

/// The items to set, in order, to keep `value` as `key` for `ttl_s` seconds from `now_ms`: the
/// expiry first.
pub fn items(key: &str, value: &str, ttl_s: i64, now_ms: i64) -> [(String, String); 2] {
    let until = now_ms.saturating_add(ttl_s.saturating_mul(1000));
    [(expires_key(key), int_text(until)), (key.to_owned(), value.to_owned())]
}

/// The items to remove to forget `key`: the value and its expiry.
pub fn removals(key: &str) -> [String; 2] {
    [key.to_owned(), expires_key(key)]
}

/// White space and line terminators, which `Number()` trims.
fn js_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}')
}

/// Saturating value of decimal or radix `digits` (`None` if one is not a digit).
fn digits_value(digits: &str, radix: u32) -> Option<u64> {
    digits.chars().try_fold(0u64, |v, c| Some(v.saturating_mul(u64::from(radix)).saturating_add(u64::from(c.to_digit(radix)?))))
}

/// `Number(text) > n` in JavaScript, without float parsing: white space trimmed, empty as 0,
/// `0x`/`0o`/`0b` integers, `±Infinity`, decimals with a fraction and an exponent; anything else
/// is NaN (never above). Decimals are compared exactly (Number's rounding past 17 significant
/// digits aside).
fn number_above(text: &str, n: i64) -> bool {
    let t = text.trim_matches(js_space);
    // A non-negative value `int + fraction` is above `n` when: n < 0, or int > n, or int = n and
    // there is a fraction.
    let above = |int: u64, frac: bool| n < 0 || int > n as u64 || int == n as u64 && frac;
    for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return !digits.is_empty() && digits_value(digits, radix).is_some_and(|v| above(v, false));
        }
    }
    let (negative, body) = match (t.strip_prefix('-'), t.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => (false, t),
    };
    if body == "Infinity" {
        return !negative;
    }
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent = match exponent {
        None => 0,
        Some(e) => {
            let (sign, digits) = match (e.strip_prefix('-'), e.strip_prefix('+')) {
                (Some(d), _) => (-1, d),
                (_, Some(d)) => (1, d),
                _ => (1, e),
            };
            match digits_value(digits, 10) {
                Some(v) if !digits.is_empty() => sign * v.min(100_000) as i64,
                _ => return false,
            }
        }
    };
    if whole.is_empty() && fraction.is_empty() || !(whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())) {
        return t.is_empty() && n < 0; // Number("") is 0; anything else here is NaN
    }
    // The value's integer part and whether a fraction is left, from the digits with the point
    // moved by the exponent.
    let point = whole.len() as i64 + exponent;
    let (mut int, mut frac, mut i) = (0u64, false, 0i64);
    for d in whole.bytes().chain(fraction.bytes()) {
        if i < point {
            int = int.saturating_mul(10).saturating_add(u64::from(d - b'0'));
        } else {
            frac |= d != b'0';
        }
        i += 1;
    }
    for _ in i..point.min(i + 40) {
        int = int.saturating_mul(10);
    }
    // A negative value `-(int + fraction)` is above `n` when `int + fraction < -n`.
    if negative {
        n < 0 && int < n.unsigned_abs()
    } else {
        above(int, frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_as_sp_js_checks_it() {
        let now = 1_700_000_000_000;
        assert!(!expired(None, now), "no expiry: never expires");
        assert!(!expired(Some("1700000000001"), now));
        assert!(expired(Some("1700000000000"), now), "expires at the time itself");
        assert!(expired(Some("garbage"), now), "NaN: expired");
        assert!(expired(Some(""), now), "Number('') is 0");
        assert_eq!(items("k", "v", 30, now), [("k.expires".into(), "1700000030000".into()), ("k".into(), "v".into())]);
        assert_eq!(removals("k"), ["k".to_owned(), "k.expires".to_owned()]);
    }

    #[test]
    fn numbers_compare_as_javascript_compares_them() {
        // Each against `Number(text) > 1700000000000` in Node 20.
        let n = 1_700_000_000_000;
        let above = [
            "1700000000001",
            " 1700000000001\n",
            "1.7000000000001e12",
            "17000000000001e-1",
            "1700000000000.5",
            "+1700000000001",
            "Infinity",
        ];
        let above = above.into_iter().chain(["0x18BCFE56801", "1e13", "\u{feff}2e12\u{3000}", ".2e13"]);
        for t in above {
            assert!(number_above(t, n), "{t:?}");
        }
        let not =
            ["1700000000000", "1699999999999.9", "-1700000000001", "-Infinity", "1.7e12", "1e", "1e+", "0x", "-0x10", "1_7", "infinity"];
        let not = not.into_iter().chain([
            ".",
            "e5",
            "1.2.3",
            "0x1G",
            " ",
            "NaN",
            "1700000000000.000",
            "00",
            "17e11",
            "2e12.",
            "17000000000000e-1",
        ]);
        for t in not {
            assert!(!number_above(t, n), "{t:?}");
        }
        assert!(number_above("0.5", 0) && !number_above("-0.5", 0) && number_above("-0.5", -1) && !number_above("-1", -1));
        assert!(number_above("", -1) && !number_above("", 0) && number_above("-0", -1) && !number_above("-0", 0));
        assert!(number_above("1e99999999999999999999", n) && number_above("1e-5", 0));
    }
}
