//! Dates as sp.js writes them: `Date.prototype.toISOString` (UTC, milliseconds, `Z`).

/// `new Date(ms).toISOString()` for times from year 0 to 9999.
pub fn iso(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let pad = |n: i64, width: usize| {
        let digits = crate::int_text(n);
        ["0".repeat(width.saturating_sub(digits.len())), digits].concat()
    };
    let (h, m, s, milli) = (ms_of_day / 3_600_000, ms_of_day / 60_000 % 60, ms_of_day / 1000 % 60, ms_of_day % 1000);
    [
        pad(year, 4),
        "-".into(),
        pad(month, 2),
        "-".into(),
        pad(day, 2),
        "T".into(),
        pad(h, 2),
        ":".into(),
        pad(m, 2),
        ":".into(),
        pad(s, 2),
        ".".into(),
        pad(milli, 3),
        "Z".into(),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn as_javascript_writes_it() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(1_795_844_396_400), "2026-11-28T05:39:56.400Z");
        assert_eq!(iso(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso(253_402_300_799_999), "9999-12-31T23:59:59.999Z");
    }
}
