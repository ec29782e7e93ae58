//! The rules of every emitter's options, shared by `Emitter`/`AsyncEmitter`, `QueueEmitter`
//! and the Redis helpers: what each option must hold, its default, and the settings it makes.
//! The binding reads the values (strings, numbers, pairs) and hands them here; parameter names
//! in errors are relative (`"bufferSize"`), the binding puts the class before them.

use super::{collector_base, parse_protocol, Method, OutboxConfig, RetryPolicy};
use crate::constants::{GET_PATH, POST_PATH};
use crate::error::{quoted, Error, Result};
use crate::Num;

/// A positive integer option (`bufferSize`, `byteLimit`, `threadCount`…); values above a
/// billion read as a billion.
pub fn positive_int(name: &str, n: Option<&Num>, default: usize) -> Result<usize> {
    match n {
        None => Ok(default),
        Some(n) if n.is_integer() && n.value() >= 1.0 => Ok(n.value().min(1e9) as usize),
        Some(n) => Err(Error::range_error(name, "a positive integer", n.as_str())),
    }
}

/// An integer option from 1 to `max` (a limit of the destination).
pub fn int_up_to(name: &str, n: Option<&Num>, default: usize, max: usize, expected: &'static str) -> Result<usize> {
    match n {
        Some(v) if v.value() > max as f64 && v.is_integer() => Err(Error::range_error(name, expected, v.as_str())),
        _ => positive_int(name, n, default),
    }
}

/// A duration option in seconds (fractions allowed), as milliseconds; `allow_zero` for `0`.
pub fn seconds(name: &str, n: Option<&Num>, default: f64, allow_zero: bool) -> Result<f64> {
    match n {
        None => Ok(default * 1000.0),
        Some(n) if n.value() > 0.0 || (allow_zero && n.value() == 0.0) => Ok((n.value() * 1000.0).min(1e15)),
        Some(n) => {
            Err(Error::range_error(name, if allow_zero { "a number of seconds ≥ 0" } else { "a number of seconds > 0" }, n.as_str()))
        }
    }
}

/// `requestTimeout` as read: seconds, or `[connect, read]` seconds.
#[derive(Debug, Clone, PartialEq)]
pub enum Timeout {
    /// One limit for both waits.
    Both(Num),
    /// The wait for the status, then the wait for the body.
    Phases(Num, Num),
}

/// The options of `new Emitter(endpoint, options)` / `new AsyncEmitter(…)` as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmitterOptions {
    /// `protocol`.
    pub protocol: Option<String>,
    /// `port`.
    pub port: Option<Num>,
    /// `method`.
    pub method: Option<String>,
    /// `bufferSize`.
    pub buffer_size: Option<Num>,
    /// `byteLimit`.
    pub byte_limit: Option<Num>,
    /// `requestTimeout`.
    pub request_timeout: Option<Timeout>,
    /// `bufferCapacity`.
    pub buffer_capacity: Option<Num>,
    /// `bufferCapacityBytes`.
    pub buffer_capacity_bytes: Option<Num>,
    /// `maxRetryDelaySeconds`.
    pub max_retry_delay_seconds: Option<Num>,
    /// `customRetryCodes`: `(key, retry)` as given.
    pub custom_retry_codes: Vec<(String, bool)>,
    /// `maxRetries`.
    pub max_retries: Option<Num>,
    /// `flushTimeout`.
    pub flush_timeout: Option<Num>,
    /// `postPath`.
    pub post_path: Option<String>,
    /// `threadCount` (an `AsyncEmitter` option).
    pub thread_count: Option<Num>,
    /// `customHeaders`, name → value, checked with `fetch`'s rules.
    pub custom_headers: Vec<(String, String)>,
}

impl EmitterOptions {
    /// The rule-checked options of a bag read against [`crate::opts::ASYNC_EMITTER`] (an
    /// `Emitter` reads that set too, so that `threadCount` is named as an `AsyncEmitter` option).
    pub fn from_read(r: &mut crate::opts::Read) -> Self {
        EmitterOptions {
            protocol: r.str("protocol"),
            port: r.num("port"),
            method: r.str("method"),
            buffer_size: r.num("bufferSize"),
            byte_limit: r.num("byteLimit"),
            request_timeout: r.timeout("requestTimeout"),
            buffer_capacity: r.num("bufferCapacity"),
            buffer_capacity_bytes: r.num("bufferCapacityBytes"),
            max_retry_delay_seconds: r.num("maxRetryDelaySeconds"),
            custom_retry_codes: r.flags("customRetryCodes"),
            max_retries: r.num("maxRetries"),
            flush_timeout: r.num("flushTimeout"),
            post_path: r.str("postPath"),
            thread_count: r.num("threadCount"),
            custom_headers: r.texts("customHeaders"),
        }
    }
}

/// What an HTTP emitter's options make.
#[derive(Debug, Clone, PartialEq)]
pub struct EmitterSettings {
    /// The outbox's settings.
    pub outbox: OutboxConfig,
    /// Longest wait for the status, ms.
    pub connect_ms: f64,
    /// Longest wait for the body, ms.
    pub read_ms: f64,
    /// `flushTimeout`, ms.
    pub flush_timeout_ms: f64,
}

/// Validate `endpoint` and `o` (`async_emitter`: `threadCount` allowed). An error's parameter
/// is the option's name, or `endpoint`.
pub fn emitter_settings(endpoint: &str, o: &EmitterOptions, async_emitter: bool) -> Result<EmitterSettings> {
    let protocol = parse_protocol(o.protocol.as_deref().unwrap_or("https"), "protocol")?;
    let port = match &o.port {
        None => None,
        Some(p) if p.is_integer() && (1.0..=65535.0).contains(&p.value()) => Some(p.value() as u16),
        Some(p) => return Err(Error::range_error("port", "an integer from 1 to 65535", p.as_str())),
    };
    let method = Method::parse(o.method.as_deref().unwrap_or("post"), "method")?;
    let buffer_size = positive_int("bufferSize", o.buffer_size.as_ref(), method.default_buffer_size())?;
    let byte_limit = positive_int("byteLimit", o.byte_limit.as_ref(), 40_000)?;
    let (connect_ms, read_ms) = match &o.request_timeout {
        None => (5000.0, 5000.0),
        Some(Timeout::Both(n)) => {
            let ms = seconds("requestTimeout", Some(n), 5.0, false)?;
            (ms, ms)
        }
        Some(Timeout::Phases(c, r)) => {
            (seconds("requestTimeout[0]", Some(c), 5.0, false)?, seconds("requestTimeout[1]", Some(r), 5.0, false)?)
        }
    };
    let capacity = positive_int("bufferCapacity", o.buffer_capacity.as_ref(), 10_000)?;
    let capacity_bytes = positive_int("bufferCapacityBytes", o.buffer_capacity_bytes.as_ref(), DEFAULT_CAPACITY_BYTES)?;
    let max_delay_ms = seconds("maxRetryDelaySeconds", o.max_retry_delay_seconds.as_ref(), 60.0, true)?;
    let custom = retry_codes(&o.custom_retry_codes)?;
    let max_retries = match &o.max_retries {
        None => None,
        Some(n) if n.is_integer() && n.value() >= 0.0 => Some(n.value().min(4e9) as u32),
        Some(n) => return Err(Error::range_error("maxRetries", "an integer ≥ 0", n.as_str())),
    };
    let flush_timeout_ms = seconds("flushTimeout", o.flush_timeout.as_ref(), 10.0, true)?;
    let post_path = o.post_path.as_deref().unwrap_or(POST_PATH);
    if !post_path.starts_with('/') || post_path.contains(['?', '#', ' ']) {
        return Err(Error::type_error("postPath", "a path starting with /", quoted(post_path)));
    }
    if !async_emitter && o.thread_count.is_some() {
        return Err(Error::type_error("threadCount", "absent (it is an AsyncEmitter option)", "a number"));
    }
    let max_in_flight = positive_int("threadCount", o.thread_count.as_ref(), 1)?;
    super::check_headers("customHeaders", &o.custom_headers)?;
    let base = collector_base(endpoint, protocol, port)?;
    Ok(EmitterSettings {
        outbox: OutboxConfig {
            method,
            get_url: [base.as_str(), GET_PATH].concat(),
            post_url: [base.as_str(), post_path].concat(),
            buffer_size: buffer_size.min(capacity),
            byte_limit,
            capacity,
            capacity_bytes,
            max_in_flight,
            max_batch_events: usize::MAX,
            max_event_bytes: usize::MAX,
            retry: RetryPolicy { custom, max_retries, max_delay_ms: max_delay_ms as u64 },
        },
        connect_ms,
        read_ms,
        flush_timeout_ms,
    })
}

/// `customRetryCodes`: keyed by HTTP statuses 100–599 other than 2xx.
fn retry_codes(given: &[(String, bool)]) -> Result<Vec<(u16, bool)>> {
    given
        .iter()
        .map(|(key, retry)| {
            let status = crate::uint_read::<u16>(key).filter(|s| (100..600).contains(s) && !(200..300).contains(s));
            status
                .map(|s| (s, *retry))
                .ok_or_else(|| Error::range_error("customRetryCodes", "keyed by HTTP statuses 100–599 other than 2xx", quoted(key)))
        })
        .collect()
}

/// Default `bufferCapacityBytes`: 16 MiB of events (as sent) per emitter.
pub const DEFAULT_CAPACITY_BYTES: usize = 16 << 20;

/// Cloudflare Queues limits: messages per batch, bytes per batch, bytes per message.
pub const QUEUE_MAX_MESSAGES: usize = 100;
/// Bytes per `sendBatch`.
pub const QUEUE_MAX_BATCH_BYTES: usize = 256_000;
/// Bytes per message.
pub const QUEUE_MAX_MESSAGE_BYTES: usize = 128_000;

/// The options of `new QueueEmitter(queue, options)` as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueOptions {
    /// `bufferSize`.
    pub buffer_size: Option<Num>,
    /// `byteLimit` (at most a batch's 256,000 bytes).
    pub byte_limit: Option<Num>,
    /// `maxRetryDelaySeconds`.
    pub max_retry_delay_seconds: Option<Num>,
    /// `flushTimeout`.
    pub flush_timeout: Option<Num>,
}

impl QueueOptions {
    /// The options of a bag read against [`crate::opts::QUEUE`].
    pub fn from_read(r: &mut crate::opts::Read) -> Self {
        QueueOptions {
            buffer_size: r.num("bufferSize"),
            byte_limit: r.num("byteLimit"),
            max_retry_delay_seconds: r.num("maxRetryDelaySeconds"),
            flush_timeout: r.num("flushTimeout"),
        }
    }
}

/// Validate a `QueueEmitter`'s options: the outbox's settings and `flushTimeout` in ms. Uses the
/// same rules as [`emitter_settings`] where the options are the same.
pub fn queue_settings(o: &QueueOptions) -> Result<(OutboxConfig, f64)> {
    let buffer_size = positive_int("bufferSize", o.buffer_size.as_ref(), 10)?;
    let byte_limit = int_up_to(
        "byteLimit",
        o.byte_limit.as_ref(),
        QUEUE_MAX_BATCH_BYTES,
        QUEUE_MAX_BATCH_BYTES,
        "an integer from 1 to 256000 (a Queues batch)",
    )?;
    let max_delay_ms = seconds("maxRetryDelaySeconds", o.max_retry_delay_seconds.as_ref(), 60.0, true)?;
    let flush_timeout_ms = seconds("flushTimeout", o.flush_timeout.as_ref(), 10.0, true)?;
    let outbox = OutboxConfig {
        method: Method::Post,
        get_url: String::new(),
        post_url: String::new(),
        buffer_size,
        byte_limit,
        capacity: 10_000,
        capacity_bytes: DEFAULT_CAPACITY_BYTES,
        max_in_flight: 1,
        max_batch_events: QUEUE_MAX_MESSAGES,
        max_event_bytes: QUEUE_MAX_MESSAGE_BYTES,
        retry: RetryPolicy { custom: Vec::new(), max_retries: None, max_delay_ms: max_delay_ms as u64 },
    };
    Ok((outbox, flush_timeout_ms))
}

/// A Redis list key: non-empty, `"snowplow"` when absent.
pub fn redis_key(name: &str, key: Option<&str>) -> Result<String> {
    match key {
        None => Ok("snowplow".to_owned()),
        Some("") => Err(Error::type_error(name, "a non-empty string", "\"\"")),
        Some(k) => Ok(k.to_owned()),
    }
}

/// `drainRedis`'s `deadLetterKey`: a non-empty string other than the list itself, `<key>:dead`
/// when absent.
pub fn dead_letter_key(given: Option<&str>, key: &str) -> Result<String> {
    match given {
        None => Ok([key, ":dead"].concat()),
        Some(k) if k == key || k == [key, ":processing"].concat() => {
            Err(Error::type_error("options.deadLetterKey", "a list other than the events' own and their processing list", quoted(k)))
        }
        Some(k) => redis_key("options.deadLetterKey", Some(k)),
    }
}

/// `drainRedis`'s `batch`: a positive integer, 100 when absent.
pub fn drain_batch(n: Option<&Num>) -> Result<usize> {
    positive_int("options.batch", n, 100)
}

#[cfg(test)]
mod tests;
