//! A JSON number text (`-12`, `13.99`, `1e+21`, as `JSON.stringify` writes it) read as an `f64`
//! for range checks (is it ≥ 1, a whole number, seconds as milliseconds), without
//! `str::parse::<f64>`, whose tables cost about 14 kB of wasm.
//!
//! How: the first 19 significant digits make a `u64` significand `w` (trailing zeros go to the
//! exponent), the value is `w × 10^e`, and `10^e = 5^e × 2^e` with `5^|e|` raised in 64-bit
//! fixed point (`u128` products). A multiplication keeps the product's top 64 bits, a division
//! is a 64-step long division, and the result is rounded to nearest-even once, from 64 bits and a
//! sticky bit, subnormals included. `5^n` is exact for `n ≤ 27`, so the result is the correctly
//! rounded `f64` (what `str::parse` gives) whenever the text has at most 19 significant digits
//! and `|e| ≤ 27`; every integer up to 2^53, and every text `JSON.stringify` writes for a
//! magnitude from 1e-7 to 1e21, is such a text. Otherwise the result is within 1 ulp (tested
//! against `str::parse`), so whole-ness still reads right for those texts: above 2^52 every
//! `f64` is whole, and below 1e-7 none but 0 is.

/// Where the JSON number that starts at byte `i` of `b` ends, or `None` when none starts there
/// (RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
pub fn number_end(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits_end(b, i),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = some_digits(b, i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = some_digits(b, i)?;
    }
    Some(i)
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// The end of the digits at `i`, when there is at least one.
fn some_digits(b: &[u8], i: usize) -> Option<usize> {
    let end = digits_end(b, i);
    (end > i).then_some(end)
}

/// Significant digits kept: 10^19 < 2^64.
const KEPT: i64 = 19;

/// The value of the JSON number `text`, or `None` when `text` is not exactly one JSON number or
/// its value is not finite (`1e400`, where `str::parse` gives infinity). Also reads Rust's `{}`
/// and `{:e}` renderings of finite numbers. Exact when the text has at most 19 significant
/// digits and a decimal exponent (after moving trailing zeros into it) from -27 to 27, else
/// within 1 ulp.
pub fn number(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if number_end(b, 0)? != b.len() {
        return None;
    }
    let mantissa_end = b.iter().position(|&c| c == b'e' || c == b'E').unwrap_or(b.len());
    let mantissa = b.get(..mantissa_end).unwrap_or_default();
    // Digits counted: all, after the point, and where the significant ones start and end.
    let (mut count, mut fraction, mut point, mut first, mut last) = (0i64, 0i64, false, -1i64, 0i64);
    for &c in mantissa {
        if c == b'.' {
            point = true;
        } else if c.is_ascii_digit() {
            if c != b'0' {
                if first < 0 {
                    first = count;
                }
                last = count + 1;
            }
            fraction += i64::from(point);
            count += 1;
        }
    }
    let negative = b.first() == Some(&b'-');
    let sign = if negative { -1.0 } else { 1.0 };
    if first < 0 {
        return Some(sign * 0.0);
    }
    let kept_end = last.min(first + KEPT);
    let (mut w, mut at) = (0u64, 0i64);
    for &c in mantissa {
        if c.is_ascii_digit() {
            if at >= first && at < kept_end {
                w = w * 10 + u64::from(c - b'0');
            }
            at += 1;
        }
    }
    let mut exponent = 0i64;
    for &c in b.get(mantissa_end..).unwrap_or_default() {
        if c.is_ascii_digit() {
            exponent = (exponent * 10 + i64::from(c - b'0')).min(1 << 40);
        }
    }
    if b.get(mantissa_end + 1) == Some(&b'-') {
        exponent = -exponent;
    }
    let e10 = count - kept_end - fraction + exponent;
    // w < 10^digits, so the value is below 10^(digits + e10).
    let digits = kept_end - first;
    if digits + e10 > 310 {
        return None;
    }
    if digits + e10 < -325 {
        return Some(sign * 0.0);
    }
    let v = scale(w, e10 as i32, last > kept_end);
    v.is_finite().then_some(sign * v)
}

/// A positive number `m × 2^e` with `m`'s top bit set; `exact` is false when it was cut short
/// (it is then a little below the true value).
#[derive(Clone, Copy)]
struct Wide {
    m: u64,
    e: i32,
    exact: bool,
}

fn mul(a: Wide, b: Wide) -> Wide {
    let p = u128::from(a.m) * u128::from(b.m);
    let shift = u32::from(p >> 127 == 0);
    let p = p << shift;
    Wide { m: (p >> 64) as u64, e: a.e + b.e + 64 - shift as i32, exact: a.exact && b.exact && p as u64 == 0 }
}

/// 5^n.
fn pow5(mut n: u32) -> Wide {
    let mut r = Wide { m: 1 << 63, e: -63, exact: true };
    let mut base = Wide { m: 5 << 61, e: -61, exact: true };
    while n > 0 {
        if n & 1 == 1 {
            r = mul(r, base);
        }
        n >>= 1;
        if n > 0 {
            base = mul(base, base);
        }
    }
    r
}

/// `w × 10^e10` (`w > 0`, `more`: digits after `w` were dropped), rounded to an `f64`.
fn scale(w: u64, e10: i32, more: bool) -> f64 {
    let zeros = w.leading_zeros();
    let a = Wide { m: w << zeros, e: -(zeros as i32), exact: !more };
    let p = pow5(e10.unsigned_abs());
    if e10 >= 0 {
        let x = mul(a, p);
        return round(x.m, x.e + e10, !x.exact);
    }
    // a / p by long division: a quotient of 64 significant bits and whether anything is left.
    let (mut r, d) = (u128::from(a.m), u128::from(p.m));
    let (mut q, mut steps, mut e) = (0u64, 64, -64);
    if r >= d {
        (r, q, steps, e) = (r - d, 1, 63, -63);
    }
    for _ in 0..steps {
        r <<= 1;
        q <<= 1;
        if r >= d {
            r -= d;
            q |= 1;
        }
    }
    round(q, a.e - p.e + e + e10, r != 0 || !a.exact || !p.exact)
}

/// `m × 2^e` (`m`'s top bit set; `sticky`: the true value is a little more) rounded to the
/// nearest `f64`, ties to even; infinity when too large.
fn round(m: u64, e: i32, sticky: bool) -> f64 {
    let top = e + 63; // the binary exponent of m's top bit
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits below the 53 an f64 keeps, more for a subnormal result.
    let dropped = 11 + (-1022 - top).max(0);
    if dropped > 64 {
        return 0.0; // below half the smallest subnormal
    }
    let m = u128::from(m);
    let mut kept = (m >> dropped) as u64;
    let rest = m & ((1 << dropped) - 1);
    let half = 1 << (dropped - 1);
    if rest > half || (rest == half && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    // `kept` holds the implicit bit (2^52) for a normal number, so adding it to the exponent
    // field one below carries into the next exponent when rounding reached 2^53 (or infinity).
    f64::from_bits((((top + 1022).max(0) as u64) << 52) + kept)
}

#[cfg(test)]
mod tests;
