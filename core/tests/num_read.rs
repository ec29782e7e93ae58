//! Property tests of the number reader against `str::parse::<f64>`. Each prints its case count
//! (`cargo test -- --show-output`).
//!
//! The bound tested: the result is `str::parse`'s exactly (bit for bit) when the text has at
//! most 19 significant digits and a decimal exponent, once trailing zeros are moved into it,
//! from -27 to 27 (Clinger's fast path and every integer up to 2^53 are inside); otherwise
//! within 1 ulp. A text whose value is not finite is refused exactly when `str::parse` gives
//! infinity, and whole numbers are read as whole exactly when `f64` says so, for every rendering
//! of an `f64` by Rust (`{}`, `{:e}`) and by JavaScript (`String(n)`, which `JSON.stringify`
//! writes).

// Test code: a helper's failed unwrap or out-of-range index is a failed case.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use snowplow_core::num_read::number;

mod common;
use common::check;

/// Distance in units in the last place (`u64::MAX` across signs).
fn ulps(a: f64, b: f64) -> u64 {
    if a == b {
        0
    } else if a.is_sign_negative() != b.is_sign_negative() {
        u64::MAX
    } else {
        a.to_bits().abs_diff(b.to_bits())
    }
}

/// Significant digits and decimal exponent of the number `text` (trailing zeros moved into it).
fn shape(text: &str) -> (usize, i64) {
    let (mantissa, exp) = text.split_once(['e', 'E']).map_or((text, 0), |(m, e)| (m, e.parse::<i64>().unwrap_or(i64::MAX / 4)));
    let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0');
    let trimmed = significant.trim_end_matches('0');
    (trimmed.len(), exp - fraction + (significant.len() - trimmed.len()) as i64)
}

/// The text must read as `str::parse` reads it, within the bound.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let std = text.parse::<f64>().unwrap();
    let ours = number(text);
    if std.is_infinite() {
        prop_assert_eq!(ours, None, "{}", text);
        return Ok(());
    }
    let ours = ours.unwrap_or(f64::NAN);
    let (digits, e10) = shape(text);
    let bound = if digits <= 19 && e10.abs() <= 27 || digits == 0 { 0 } else { 1 };
    prop_assert!(ulps(ours, std) <= bound, "{text}: {ours:e} vs {std:e}, {digits} digits, exponent {e10}");
    Ok(())
}

/// `String(x)` in JavaScript (what `JSON.stringify` writes for a finite number).
fn js_string(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let e = format!("{:e}", x.abs());
    let (mantissa, exp) = e.split_once('e').unwrap();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let (k, n) = (digits.len() as i32, exp.parse::<i32>().unwrap() + 1);
    let body = if k <= n && n <= 21 {
        [digits, "0".repeat((n - k) as usize)].concat()
    } else if 0 < n && n <= 21 {
        [&digits[..n as usize], ".", &digits[n as usize..]].concat()
    } else if -6 < n && n <= 0 {
        ["0.", &"0".repeat(-n as usize), &digits].concat()
    } else {
        let point = if k == 1 { "" } else { "." };
        let sign = if n > 0 { "+" } else { "-" };
        [&digits[..1], point, &digits[1..], "e", sign, &(n - 1).abs().to_string()].concat()
    };
    if x < 0.0 {
        ["-", &body].concat()
    } else {
        body
    }
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        any::<u64>().prop_map(|b| f64::from_bits(b % 0x0010_0000_0000_0000)), // subnormal
        (-1e22f64..1e22),
        (-1_000_000i64..1_000_000).prop_map(|i| i as f64 / 1000.0),
    ]
}

#[test]
fn renderings_of_every_f64() {
    assert_eq!(js_string(1e21), "1e+21");
    assert_eq!(js_string(-1.5e-7), "-1.5e-7");
    assert_eq!(js_string(123.456), "123.456");
    assert_eq!(js_string(0.000001), "0.000001");
    check("f64 renderings read back", 6000, finite(), |x| {
        for text in [format!("{x}"), format!("{x:e}"), js_string(x)] {
            agrees(&text)?;
            let v = number(&text).unwrap();
            prop_assert_eq!(v.fract() == 0.0, x.fract() == 0.0, "{}", text);
            // Shortest renderings are all inside the exact range but for tiny and huge ones
            // (String(-0) is "0").
            if x == 0.0 || (1e-7..1e21).contains(&x.abs()) {
                prop_assert!(v.to_bits() == x.to_bits() || v == x && x == 0.0, "{}", text);
            }
        }
        Ok(())
    });
}

#[test]
fn integers_up_to_2_pow_53_are_exact() {
    check("integer texts", 3000, (0u64..=1 << 53, any::<bool>(), 0..4usize), |(i, negative, zeros)| {
        let text = [if negative { "-" } else { "" }, &i.to_string(), if zeros > 0 { "." } else { "" }, &"0".repeat(zeros)].concat();
        let v = number(&text).unwrap();
        prop_assert_eq!(v, if negative { -(i as f64) } else { i as f64 });
        prop_assert_eq!(v.fract(), 0.0);
        Ok(())
    });
}

/// Decimal texts with any number of digits, a point anywhere and any exponent.
fn decimal() -> impl Strategy<Value = String> {
    let digits = prop_oneof![
        "[1-9][0-9]{0,18}".prop_map(String::from),
        "[1-9][0-9]{19,40}".prop_map(String::from),
        "[1-9]0{0,30}[1-9]?".prop_map(String::from),
        "9{15,25}".prop_map(String::from),
    ];
    (any::<bool>(), digits, any::<prop::sample::Index>(), prop_oneof![-30i32..30, -400i32..400, -345i32..-300, 290i32..320]).prop_map(
        |(negative, digits, point, exp)| {
            let at = point.index(digits.len()) + 1;
            let (int, fraction) = digits.split_at(at);
            let point = if fraction.is_empty() { "" } else { "." };
            [if negative { "-" } else { "" }, int, point, fraction, "e", &exp.to_string()].concat()
        },
    )
}

#[test]
fn any_decimal_text_is_within_the_bound() {
    check("decimal texts", 8000, decimal(), |t| agrees(&t));
}

#[test]
fn the_integer_reader_is_str_parse() {
    use snowplow_core::{int_read, uint_read};
    let edge = [
        "",
        "+",
        "-",
        "0",
        "-0",
        "+7",
        "007",
        " 1",
        "1 ",
        "1_0",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "٣",
        "1e3",
        "0x10",
    ];
    for text in edge {
        assert_eq!(int_read(text), text.parse::<i64>().ok(), "{text:?}");
        assert_eq!(uint_read::<u16>(text), text.parse::<u16>().ok(), "{text:?}");
        assert_eq!(uint_read::<u32>(text), text.parse::<u32>().ok(), "{text:?}");
    }
    check("integer texts read as str::parse reads them", 3000, "[-+]?[0-9]{0,21}|[-+0-9a ]{0,6}", |text| {
        prop_assert_eq!(int_read(&text), text.parse::<i64>().ok(), "{}", text);
        prop_assert_eq!(uint_read::<u16>(&text), text.parse::<u16>().ok(), "{}", text);
        prop_assert_eq!(uint_read::<u32>(&text), text.parse::<u32>().ok(), "{}", text);
        Ok(())
    });
}
