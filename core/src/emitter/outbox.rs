//! The emitter's bookkeeping without I/O: buffered events, batches ready to send, requests in
//! flight. The bindings drive it: `input` → `flush` → `next_request` → (fetch) → `finish`.

use std::collections::VecDeque;

use super::{build_requests, Method, Request};
use crate::Payload;

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The collector answered with this HTTP status.
    Status(u16),
    /// No answer: network error or abort.
    NetworkError,
}

impl Outcome {
    /// True for a 2xx status.
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Status(s) if (200..300).contains(&s))
    }
}

/// Buffer, ready queue and in-flight count of one emitter.
#[derive(Debug)]
pub struct Outbox {
    method: Method,
    url: String,
    buffer_size: usize,
    max_in_flight: usize,
    buffer: Vec<Payload>,
    ready: VecDeque<Vec<Payload>>,
    in_flight: usize,
}

impl Outbox {
    /// An empty outbox sending to `url`; a flush starts once `buffer_size` events are buffered;
    /// at most `max_in_flight` requests run at once.
    pub fn new(method: Method, url: String, buffer_size: usize, max_in_flight: usize) -> Self {
        Outbox { method, url, buffer_size: buffer_size.max(1), max_in_flight: max_in_flight.max(1), buffer: Vec::new(), ready: VecDeque::new(), in_flight: 0 }
    }

    /// Buffer an event; true when the buffer is now full and should be flushed.
    pub fn input(&mut self, event: Payload) -> bool {
        self.buffer.push(event);
        self.buffer.len() >= self.buffer_size
    }

    /// Move every buffered event to the ready queue: one batch per event for GET, one batch
    /// for POST.
    pub fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let events = std::mem::take(&mut self.buffer);
        match self.method {
            Method::Get => self.ready.extend(events.into_iter().map(|e| vec![e])),
            Method::Post => self.ready.push_back(events),
        }
    }

    /// The next request to start, if a batch is ready and the in-flight limit allows; `stm` is
    /// set to `now_ms`. The caller must report its end with [`Outbox::finish`].
    pub fn next_request(&mut self, now_ms: i64) -> Option<Request> {
        if self.in_flight >= self.max_in_flight {
            return None;
        }
        let batch = self.ready.pop_front()?;
        self.in_flight += 1;
        build_requests(self.method, &self.url, batch, now_ms).into_iter().next()
    }

    /// Record the end of a request started by [`Outbox::next_request`].
    pub fn finish(&mut self, _request: &Request, _outcome: Outcome) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// Events buffered, not yet flushed.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }

    /// True when nothing is ready to send and nothing is in flight.
    pub fn is_idle(&self) -> bool {
        self.ready.is_empty() && self.in_flight == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(i: u32) -> Payload {
        let mut p = Payload::default();
        p.add("e", "se");
        p.add("se_ca", &i.to_string());
        p
    }

    #[test]
    fn post_batches_at_buffer_size_one_request_in_flight() {
        let mut o = Outbox::new(Method::Post, "u".into(), 3, 1);
        assert!(!o.input(ev(1)));
        assert!(!o.input(ev(2)));
        assert!(o.input(ev(3)));
        o.flush();
        assert_eq!(o.buffered(), 0);
        o.input(ev(4));
        o.flush();
        let first = o.next_request(10).unwrap();
        assert_eq!(first.events.len(), 3);
        assert!(o.next_request(10).is_none(), "one in flight at most");
        assert!(!o.is_idle());
        o.finish(&first, Outcome::Status(200));
        let second = o.next_request(11).unwrap();
        assert_eq!(second.events.len(), 1);
        assert_eq!(second.events[0].get("stm"), Some("11"));
        o.finish(&second, Outcome::NetworkError);
        assert!(o.is_idle());
    }

    #[test]
    fn get_sends_one_event_per_request_in_order() {
        let mut o = Outbox::new(Method::Get, "http://h/i".into(), 1, 4);
        for i in 0..5 {
            o.input(ev(i));
        }
        o.flush();
        let reqs: Vec<_> = std::iter::from_fn(|| o.next_request(1)).collect();
        assert_eq!(reqs.len(), 4, "limited by max_in_flight");
        assert!(reqs[0].url.contains("se_ca=0"));
        assert!(reqs[3].url.contains("se_ca=3"));
        assert!(Outcome::Status(204).is_success() && !Outcome::Status(302).is_success() && !Outcome::NetworkError.is_success());
    }
}
