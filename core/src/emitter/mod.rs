//! Emitter rules that need no network: the collector URL, buffering and batching, retries,
//! flush rounds and waiters.

use crate::error::{quoted, Error, Result};

pub mod callback_text;
pub mod deadlines;
pub mod drain;
mod endpoint;
pub mod forward;
mod headers;
mod incoming;
pub mod memory;
mod options;
mod outbox;
mod policy;
mod rounds;
pub mod store;
mod wire;

pub use endpoint::collector_base;
pub use headers::{check_headers, request_headers};
pub use incoming::{event_from_json, event_from_text, incoming_event, EVENT_EXPECTED, EVENT_TYPES};
pub use options::{
    dead_letter_key, drain_batch, emitter_settings, positive_int, queue_settings, redis_key, seconds, EmitterOptions, EmitterSettings,
    QueueOptions, Timeout,
};
pub use outbox::{Attempt, Change, Input, Outbox, OutboxConfig, Request};
pub use policy::{answer, retry_after_ms, Outcome, RetryPolicy, NO_RETRY_STATUSES};
pub use rounds::{Counts, FailInfo, Reason, Report};

/// HTTP method of an emitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One event per request, as a query string to `/i`.
    Get,
    /// Batches as a JSON body to the POST path.
    Post,
}

impl Method {
    /// Parse `"get"` / `"post"`.
    pub fn parse(s: &str, param: &str) -> Result<Method> {
        match s {
            "get" => Ok(Method::Get),
            "post" => Ok(Method::Post),
            _ => Err(Error::type_error(param, "\"get\" or \"post\"", quoted(s))),
        }
    }

    /// The default buffer size: 1 for GET, 10 for POST.
    pub fn default_buffer_size(self) -> usize {
        match self {
            Method::Get => 1,
            Method::Post => 10,
        }
    }
}

/// Parse a protocol option: `"http"` / `"https"`.
pub fn parse_protocol(s: &str, param: &str) -> Result<&'static str> {
    match s {
        "http" => Ok("http"),
        "https" => Ok("https"),
        _ => Err(Error::type_error(param, "\"http\" or \"https\"", quoted(s))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_protocols() {
        assert!(Method::parse("GET", "m").is_err());
        assert!(parse_protocol("ftp", "p").is_err());
    }
}
