//! When to retry and how long to wait: the status rules of the Snowplow trackers, exponential
//! backoff with jitter, and `Retry-After`.

/// Statuses never retried unless `customRetryCodes` says so.
pub const NO_RETRY_STATUSES: [u16; 5] = [400, 401, 403, 410, 422];

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The collector answered with this HTTP status.
    Status(u16),
    /// No answer: connection refused, reset, DNS failure…
    NetworkError,
    /// `requestTimeout` ran out.
    Timeout,
}

impl Outcome {
    /// The outcome of an answer with this `status`: an integer from 100 to 599 is an HTTP
    /// status; anything else (a custom `fetch` answering `65736`, `NaN` or an opaque `0`) is no
    /// HTTP answer at all, so a network failure.
    pub fn from_status(status: f64) -> Outcome {
        if status.fract() == 0.0 && (100.0..=599.0).contains(&status) {
            Outcome::Status(status as u16)
        } else {
            Outcome::NetworkError
        }
    }

    /// True for a 2xx status.
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Status(s) if (200..300).contains(&s))
    }

    /// The status for callbacks: the HTTP status, or 0 when there was none.
    pub fn status(self) -> u16 {
        match self {
            Outcome::Status(s) => s,
            _ => 0,
        }
    }
}

/// Retry rules of one emitter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RetryPolicy {
    /// `customRetryCodes`: status → retry or not (2xx is never retried whatever it says).
    pub custom: Vec<(u16, bool)>,
    /// `maxRetries`: attempts after the first; `None` = unlimited.
    pub max_retries: Option<u32>,
    /// `maxRetryDelaySeconds` in ms.
    pub max_delay_ms: u64,
}

impl RetryPolicy {
    /// Whether a failed request should be tried again (ignoring `max_retries`).
    pub fn should_retry(&self, outcome: Outcome) -> bool {
        match outcome {
            Outcome::NetworkError | Outcome::Timeout => true,
            Outcome::Status(s) if (200..300).contains(&s) => false,
            Outcome::Status(s) => match self.custom.iter().find(|(code, _)| *code == s) {
                Some(&(_, retry)) => retry,
                None => !NO_RETRY_STATUSES.contains(&s),
            },
        }
    }

    /// True when an event that has been attempted `attempts` times may be sent again.
    pub fn attempts_left(&self, attempts: u32) -> bool {
        self.max_retries.is_none_or(|max| attempts <= max)
    }

    /// The next backoff: `min(previous × 2 + jitter, max)`, jitter in `[0, 1)` seconds.
    pub fn next_delay(&self, previous_ms: u64, jitter01: f64) -> u64 {
        let jitter = (jitter01.clamp(0.0, 0.999_999) * 1000.0) as u64;
        previous_ms.saturating_mul(2).saturating_add(jitter).min(self.max_delay_ms)
    }

    /// The wait before retrying: the backoff, or for 429/503 with `Retry-After` the larger of
    /// the backoff and `Retry-After` (itself capped at the maximum delay).
    pub fn wait(&self, backoff_ms: u64, outcome: Outcome, retry_after_ms: Option<u64>) -> u64 {
        match (outcome, retry_after_ms) {
            (Outcome::Status(429 | 503), Some(ra)) => backoff_ms.max(ra.min(self.max_delay_ms)),
            _ => backoff_ms,
        }
    }
}

/// A `Retry-After` header as a wait in ms: delta-seconds, or an HTTP date read by `date_ms`
/// (the platform's date parser: NaN when the text is no date) counted from `now_ms`; a date in
/// the past is no wait. More seconds than a u64 holds is still "a long time": the longest wait.
pub fn retry_after_ms(value: &str, date_ms: impl FnOnce(&str) -> f64, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(crate::uint_read::<u64>(value).map_or(u64::MAX, |s| s.saturating_mul(1000)));
    }
    let at = date_ms(value);
    at.is_finite().then(|| (at - now_ms).max(0.0) as u64)
}

/// What the host saw of one request, from the JSON text it wrote: `"timeout"` (no status in
/// time), `[status, Retry-After, Retry-After as read by the platform's date parser]` (a
/// response; what is missing is `null`), or anything else for a network error. The outcome and
/// the wait `Retry-After` asks for, counted from `now_ms`.
pub fn answer(json: &str, now_ms: f64) -> (Outcome, Option<u64>) {
    let Some(v) = crate::json_read::parse(json) else { return (Outcome::NetworkError, None) };
    if v.as_str().is_some_and(|s| s == "timeout") {
        return (Outcome::Timeout, None);
    }
    let Some(status) = v.at(0) else { return (Outcome::NetworkError, None) };
    let status = status.as_number().and_then(crate::num_read::number).unwrap_or(f64::NAN);
    let date = v.at(2).and_then(|d| d.as_number()).and_then(crate::num_read::number).unwrap_or(f64::NAN);
    let wait = v.at(1).and_then(|r| r.as_str()).and_then(|r| retry_after_ms(&r, |_| date, now_ms));
    (Outcome::from_status(status), wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_host_writes_them() {
        assert_eq!(answer(r#""timeout""#, 0.0), (Outcome::Timeout, None));
        assert_eq!(answer(r#""error""#, 0.0), (Outcome::NetworkError, None));
        assert_eq!(answer("", 0.0), (Outcome::NetworkError, None));
        assert_eq!(answer("[200,null,null]", 0.0), (Outcome::Status(200), None));
        assert_eq!(answer(r#"[503,"120",null]"#, 0.0), (Outcome::Status(503), Some(120_000)));
        assert_eq!(
            answer(r#"[429,"Wed, 21 Oct 2015 07:28:00 GMT",1445412480000]"#, 1_445_412_470_000.0),
            (Outcome::Status(429), Some(10_000))
        );
        assert_eq!(answer(r#"[429,"soon",null]"#, 0.0), (Outcome::Status(429), None));
        // A custom fetch answering nonsense: no HTTP answer at all.
        assert_eq!(answer(r#"["200",null,null]"#, 0.0), (Outcome::NetworkError, None));
        assert_eq!(answer("[null,null,null]", 0.0), (Outcome::NetworkError, None));
        assert_eq!(answer("[65736,null,null]", 0.0), (Outcome::NetworkError, None));
    }

    #[test]
    fn every_status_from_0_to_599() {
        let p = RetryPolicy { custom: vec![(429, false), (400, true), (200, true)], max_retries: None, max_delay_ms: 60_000 };
        let plain = RetryPolicy::default();
        for s in 0..=599u16 {
            let o = Outcome::Status(s);
            let expected = !(200..300).contains(&s) && ![400, 401, 403, 410, 422].contains(&s);
            assert_eq!(plain.should_retry(o), expected, "status {s}");
            let custom = match s {
                429 => false,
                400 => true,
                _ => expected,
            };
            assert_eq!(p.should_retry(o), custom, "custom, status {s}");
        }
        assert!(plain.should_retry(Outcome::NetworkError) && plain.should_retry(Outcome::Timeout));
        assert!(Outcome::Status(204).is_success() && !Outcome::Status(302).is_success() && !Outcome::Timeout.is_success());
        assert_eq!(Outcome::Timeout.status(), 0);
        assert_eq!(Outcome::from_status(204.0), Outcome::Status(204));
        for bad in [65736.0, 65535.0, 99.0, 600.0, 0.0, 200.5, f64::NAN, -200.0] {
            assert_eq!(Outcome::from_status(bad), Outcome::NetworkError, "{bad}");
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let no_date = |_: &str| f64::NAN;
        assert_eq!(retry_after_ms(" 7 ", no_date, 0.0), Some(7000));
        assert_eq!(retry_after_ms("99999999999999999999999", no_date, 0.0), Some(u64::MAX));
        assert_eq!(retry_after_ms("", no_date, 0.0), None);
        assert_eq!(retry_after_ms("-1", no_date, 0.0), None);
        assert_eq!(retry_after_ms("soon", no_date, 0.0), None);
        let date = |t: &str| if t == "Wed, 21 Oct 2015 07:28:00 GMT" { 1_445_412_480_000.0 } else { f64::NAN };
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT ", date, 1_445_412_470_000.0), Some(10_000));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", date, 1_445_412_490_000.0), Some(0));
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let p = RetryPolicy { max_delay_ms: 60_000, ..Default::default() };
        assert_eq!(p.next_delay(0, 0.0), 0);
        assert_eq!(p.next_delay(0, 0.5), 500);
        assert_eq!(p.next_delay(500, 0.25), 1250);
        assert_eq!(p.next_delay(40_000, 0.9), 60_000);
        assert_eq!(p.next_delay(u64::MAX, 0.9), 60_000);
        assert_eq!(p.next_delay(1000, 7.0), 2999, "jitter stays below one second");
    }

    #[test]
    fn retry_after_for_429_and_503_only() {
        let p = RetryPolicy { max_delay_ms: 10_000, ..Default::default() };
        assert_eq!(p.wait(500, Outcome::Status(429), Some(3000)), 3000);
        assert_eq!(p.wait(5000, Outcome::Status(503), Some(3000)), 5000);
        assert_eq!(p.wait(500, Outcome::Status(429), Some(999_000)), 10_000);
        assert_eq!(p.wait(500, Outcome::Status(500), Some(3000)), 500);
        assert_eq!(p.wait(500, Outcome::Status(429), None), 500);
    }

    #[test]
    fn max_retries() {
        let p = RetryPolicy { max_retries: Some(2), ..Default::default() };
        assert!(p.attempts_left(1) && p.attempts_left(2) && !p.attempts_left(3));
        let never = RetryPolicy { max_retries: Some(0), ..Default::default() };
        assert!(!never.attempts_left(1));
        assert!(RetryPolicy::default().attempts_left(u32::MAX));
    }
}
