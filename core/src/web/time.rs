//! Dates as sp.js writes them: `Date.prototype.toISOString` (UTC, milliseconds, `Z`) in its
//! cookies, and `Date.prototype.toUTCString` (an HTTP date) in their `Expires` attribute.

/// The largest time from the epoch a JavaScript `Date` holds, either way (ms).
pub const MAX_DATE_MS: i64 = 8_640_000_000_000_000;

/// A UTC time split into its calendar fields.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    /// 0 for Sunday.
    weekday: i64,
    ms_of_day: i64,
}

fn civil(ms: i64) -> Civil {
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
    Civil { year, month, day, weekday: (days + 4).rem_euclid(7), ms_of_day }
}

/// `n` in at least `width` digits (a `-` before them for a negative `n`).
fn pad(n: i64, width: usize) -> String {
    let digits = crate::int_text(n.abs());
    [if n < 0 { "-" } else { "" }, &"0".repeat(width.saturating_sub(digits.len())), &digits].concat()
}

/// `HH:MM:SS` of a time of day.
fn clock(ms_of_day: i64) -> String {
    let (h, m, s) = (ms_of_day / 3_600_000, ms_of_day / 60_000 % 60, ms_of_day / 1000 % 60);
    [pad(h, 2), ":".into(), pad(m, 2), ":".into(), pad(s, 2)].concat()
}

/// `new Date(ms).toISOString()` for times from year 0 to 9999.
pub fn iso(ms: i64) -> String {
    let c = civil(ms);
    [
        pad(c.year, 4),
        "-".into(),
        pad(c.month, 2),
        "-".into(),
        pad(c.day, 2),
        "T".into(),
        clock(c.ms_of_day),
        ".".into(),
        pad(c.ms_of_day % 1000, 3),
        "Z".into(),
    ]
    .concat()
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `new Date(ms).toUTCString()`: `Thu, 01 Jan 1970 00:00:00 GMT`, or `Invalid Date` beyond the
/// range a `Date` holds.
pub fn utc_string(ms: i64) -> String {
    if !(-MAX_DATE_MS..=MAX_DATE_MS).contains(&ms) {
        return "Invalid Date".into();
    }
    let c = civil(ms);
    let weekday = WEEKDAYS.get(c.weekday as usize).copied().unwrap_or_default();
    let month = MONTHS.get((c.month - 1) as usize).copied().unwrap_or_default();
    [weekday, ", ", &pad(c.day, 2), " ", month, " ", &pad(c.year, 4), " ", &clock(c.ms_of_day), " GMT"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_javascript_writes_it() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(1_795_844_396_400), "2026-11-28T05:39:56.400Z");
        assert_eq!(iso(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso(253_402_300_799_999), "9999-12-31T23:59:59.999Z");
    }

    #[test]
    fn http_dates_as_to_utc_string_writes_them() {
        // Expected values from `new Date(ms).toUTCString()` in Node 20.
        assert_eq!(utc_string(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(utc_string(1_795_844_396_400), "Sat, 28 Nov 2026 05:39:56 GMT");
        assert_eq!(utc_string(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(utc_string(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(utc_string(-62_198_755_200_001), "Thu, 31 Dec -0002 23:59:59 GMT");
        assert_eq!(utc_string(MAX_DATE_MS), "Sat, 13 Sep 275760 00:00:00 GMT");
        assert_eq!(utc_string(-MAX_DATE_MS), "Tue, 20 Apr -271821 00:00:00 GMT");
        assert_eq!(utc_string(MAX_DATE_MS + 1), "Invalid Date");
    }
}
