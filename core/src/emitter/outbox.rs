//! The emitter's state machine without I/O: buffered events, flush rounds, requests in flight,
//! retries with backoff, 413 halving, and flush waiters. The bindings drive it:
//! `input` → `flush` → `next_request` → (fetch) → `finish` → callbacks from the reports.

use super::policy::{Outcome, RetryPolicy};
use super::rounds::{Counts, FailInfo, Reason, Report, Rounds};
use super::wire::{self, Item};
use super::Method;
use crate::Payload;

/// The validated settings of one emitter.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxConfig {
    /// GET (one event per request) or POST (batches).
    pub method: Method,
    /// Full URL of the GET endpoint (`…/i`).
    pub get_url: String,
    /// Full URL of the POST endpoint (`…/com.snowplowanalytics.snowplow/tp2` by default).
    pub post_url: String,
    /// Flush once this many events are buffered.
    pub buffer_size: usize,
    /// Flush once the buffered events take this many bytes as sent; each request stays
    /// within it unless one event alone is larger.
    pub byte_limit: usize,
    /// At most this many events are buffered; more are refused.
    pub capacity: usize,
    /// At most this many bytes of events (as sent) are held, buffered or in flight; more are
    /// refused.
    pub capacity_bytes: usize,
    /// Requests allowed in flight at once.
    pub max_in_flight: usize,
    /// Most events in one request (a Cloudflare Queues batch takes 100); `usize::MAX` for HTTP.
    pub max_batch_events: usize,
    /// Largest single event accepted, in bytes as sent (a Queues message takes 128 KB);
    /// `usize::MAX` for HTTP, where an oversized event is sent alone.
    pub max_event_bytes: usize,
    /// Retry rules.
    pub retry: RetryPolicy,
}

/// One HTTP request to make.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Pass it back to [`Outbox::finish`].
    pub id: u32,
    /// Full URL (GET: with the query).
    pub url: String,
    /// The POST body; `None` for GET.
    pub body: Option<String>,
    /// Events carried.
    pub events: usize,
    /// Sent as the page is left (`fetch(…, {keepalive: true})`), within the exit budget.
    pub keepalive: bool,
}

impl Request {
    /// The HTTP method: `"POST"` with a body, `"GET"` without.
    pub fn method(&self) -> &'static str {
        if self.body.is_some() {
            "POST"
        } else {
            "GET"
        }
    }
}

/// What `input` did with an event.
#[derive(Debug, PartialEq)]
pub enum Input {
    /// Buffered; `send` says a flush round was opened (the buffer reached `buffer_size`, or
    /// `byte_limit` worth of events fills a request): start sending.
    Buffered {
        /// Whether there is something to send now.
        send: bool,
    },
    /// Not buffered, handed back: the buffer is at capacity ([`Reason::Capacity`]) or the event
    /// alone exceeds `max_event_bytes` ([`Reason::TooLarge`]).
    Refused(Payload, Reason),
}

/// Buffer, rounds and requests of one emitter.
#[derive(Debug)]
pub struct Outbox {
    cfg: OutboxConfig,
    buffer: Vec<Item>,
    unflushed: usize,
    unflushed_bytes: usize,
    in_flight: Vec<Flight>,
    next_seq: u64,
    next_request: u32,
    rounds: Rounds,
    backoff_ms: u64,
    retry_due: Option<i64>,
    batch_cap: Option<usize>,
    held_bytes: usize,
    keep_attempts: bool,
    attempts: Vec<Attempt>,
    keep_journal: bool,
    journal: Vec<Change>,
    exit_budget: Option<usize>,
    handed_off: Vec<u32>,
}

/// A request in flight: its id, round, events, and size and method as sent.
#[derive(Debug)]
struct Flight {
    id: u32,
    round: u32,
    items: Vec<Item>,
    bytes: usize,
    post: bool,
}

impl Drop for Outbox {
    fn drop(&mut self) {
        super::memory::release(self.held_bytes);
    }
}

impl Outbox {
    /// An empty outbox.
    pub fn new(mut cfg: OutboxConfig) -> Self {
        cfg.buffer_size = cfg.buffer_size.max(1);
        cfg.max_in_flight = cfg.max_in_flight.max(1);
        Outbox {
            cfg,
            buffer: Vec::new(),
            unflushed: 0,
            unflushed_bytes: 0,
            in_flight: Vec::new(),
            next_seq: 1,
            next_request: 1,
            rounds: Rounds::default(),
            backoff_ms: 0,
            retry_due: None,
            batch_cap: None,
            held_bytes: 0,
            keep_attempts: false,
            attempts: Vec::new(),
            keep_journal: false,
            journal: Vec::new(),
            exit_budget: None,
            handed_off: Vec::new(),
        }
    }

    fn post(&self) -> bool {
        self.cfg.method == Method::Post
    }

    /// Buffer an event (its `stm`, if any, is replaced at each send). A flush round opens when
    /// `buffer_size` events wait, or when the next event would no longer fit in one request of
    /// `byte_limit` bytes (so each automatic flush is one request). Beyond `capacity` events,
    /// `capacity_bytes`, the module-wide bound of [`super::memory`] or what the allocator can
    /// give, the event is refused, never a trap.
    pub fn input(&mut self, payload: Payload) -> Input {
        let (item, size) = match self.admit(payload) {
            Ok(admitted) => admitted,
            Err(refused) => return refused,
        };
        let mut send = false;
        if self.unflushed > 0 && wire::envelope_len() + self.unflushed_bytes + size > self.cfg.byte_limit {
            self.flush();
            send = true;
        }
        self.unflushed += 1;
        self.unflushed_bytes += size;
        self.buffer.push(item);
        if self.unflushed >= self.cfg.buffer_size || wire::envelope_len() + self.unflushed_bytes >= self.cfg.byte_limit {
            self.flush();
            send = true;
        }
        Input::Buffered { send }
    }

    /// The event as an item and its size as sent (with its separator), counted as held; or
    /// the refusal (see [`Outbox::input`]).
    fn admit(&mut self, payload: Payload) -> Result<(Item, usize), Input> {
        if self.buffer.len() >= self.cfg.capacity || self.buffer.try_reserve(1).is_err() {
            return Err(Input::Refused(payload, Reason::Capacity));
        }
        let item = Item::new(payload, self.post(), self.next_seq);
        let size = item.size(self.post()) + 1;
        if size > self.cfg.max_event_bytes {
            return Err(Input::Refused(item.payload, Reason::TooLarge));
        }
        if self.held_bytes + size > self.cfg.capacity_bytes || !super::memory::try_hold(size) {
            return Err(Input::Refused(item.payload, Reason::Capacity));
        }
        self.held_bytes += size;
        self.next_seq += 1;
        Ok((item, size))
    }

    /// True when an event with this id (compared case-insensitively) is buffered or in flight.
    pub fn contains_eid(&self, eid: &str) -> bool {
        self.count_held(1, &|i| i.eid().eq_ignore_ascii_case(eid)) > 0
    }

    /// Start a flush round over every buffered event not yet flushed. It never ends a pending
    /// backoff: nothing is sent before the retry is due, whoever flushes (a timer, a callback,
    /// a finalizer, the user); the round goes out when the backoff ends.
    pub fn flush(&mut self) {
        let mut round = None;
        for item in &mut self.buffer {
            if item.round.is_none() {
                item.round = Some(*round.get_or_insert_with(|| self.rounds.open()));
            }
        }
        if round.is_none() {
            return;
        }
        self.unflushed = 0;
        self.unflushed_bytes = 0;
    }

    /// The retry timer fired: end the backoff and flush.
    pub fn retry_now(&mut self) {
        self.retry_due = None;
        self.flush();
    }

    /// When the pending retry is due (ms since the epoch), if one is.
    pub fn retry_due(&self) -> Option<i64> {
        self.retry_due
    }

    /// The next request to start, if events of a round wait, no backoff is pending and the
    /// in-flight limit allows. `stm` is set to `now_ms`.
    pub fn next_request(&mut self, now_ms: i64) -> Option<Request> {
        // As the page is left, requests in flight may not finish: the exit budget, not the
        // in-flight limit, bounds what goes.
        let busy = self.exit_budget.is_none() && self.in_flight.len() >= self.cfg.max_in_flight;
        if busy || self.retry_due.is_some_and(|t| t > now_ms) {
            return None;
        }
        let first = self.buffer.first()?;
        let round = first.round?;
        let post = self.post();
        // As the page is left, every request must fit in what is left of the exit budget.
        let limit = self.exit_budget.map_or(self.cfg.byte_limit, |b| b.min(self.cfg.byte_limit));
        let alone = if post { wire::envelope_len() + first.size(true) } else { self.cfg.get_url.len() + first.size(false) };
        if self.exit_budget.is_some_and(|b| alone > b) {
            return None;
        }
        let cap = self.batch_cap.unwrap_or(usize::MAX).min(self.cfg.max_batch_events);
        let mut bytes = wire::envelope_len();
        let mut take = 0;
        for item in self.buffer.iter() {
            let size = item.size(post) + usize::from(take > 0);
            let fits = take == 0 || (post && take < cap && bytes + size <= limit);
            if item.round != Some(round) || !fits {
                break;
            }
            bytes += size;
            take += 1;
        }
        let stm = wire::stm(now_ms);
        let rest = self.buffer.split_off(take);
        let mut items = std::mem::replace(&mut self.buffer, rest);
        for item in &mut items {
            item.stamp(&stm);
            item.attempts += 1;
        }
        let (url, body) = match items.first() {
            Some(first) if !post && self.cfg.get_url.len() + first.size(false) <= self.cfg.byte_limit => {
                (wire::get_url(&self.cfg.get_url, first, &stm), None)
            }
            // POST, or a GET event too large for a URL, which goes alone as a POST.
            _ => (self.cfg.post_url.clone(), Some(wire::post_body(items.iter(), &stm, post))),
        };
        let id = self.next_request;
        self.next_request = self.next_request.wrapping_add(1);
        self.rounds.started(round);
        let events = items.len();
        let bytes = body.as_ref().map_or(url.len(), String::len);
        let keepalive = self.exit_budget.is_some();
        self.exit_budget = self.exit_budget.map(|b| b.saturating_sub(bytes));
        self.in_flight.push(Flight { id, round, items, bytes, post: body.is_some() });
        Some(Request { id, url, body, events, keepalive })
    }

    /// Record how request `id` ended; returns the flush rounds this completed, for callbacks.
    /// `retry_after_ms` is the `Retry-After` of the answer; `jitter01` a random number in [0, 1).
    pub fn finish(&mut self, id: u32, outcome: Outcome, retry_after_ms: Option<u64>, now_ms: i64, jitter01: f64) -> Vec<Report> {
        let Some(pos) = self.in_flight.iter().position(|f| f.id == id) else { return Vec::new() };
        if outcome.is_success() {
            let mut i = 0;
            while let Some(&h) = self.handed_off.get(i) {
                if h == id {
                    self.handed_off.remove(i);
                } else {
                    i += 1;
                }
            }
        } else if self.forget_handed_off(id) {
            return Vec::new();
        }
        let flight = self.in_flight.swap_remove(pos);
        let mut attempt = self.attempt(&flight, outcome);
        let (round, mut items) = (flight.round, flight.items);
        self.rounds.ended(round);
        let status = outcome.status();
        if outcome.is_success() {
            self.backoff_ms = 0;
            self.batch_cap = None;
            self.let_go(&items);
            self.note_settled(&items);
            self.rounds.delivered(round, items);
        } else if status == 413 && items.len() > 1 {
            // Too large for the collector: send the same events in halves.
            attempt.will_retry = true;
            self.batch_cap = Some(items.len() / 2);
            for item in &mut items {
                item.attempts -= 1;
            }
            self.put_back(items);
        } else {
            let retry = status != 413 && self.cfg.retry.should_retry(outcome);
            let (again, dropped) = split(items, &|i| retry && self.cfg.retry.attempts_left(i.attempts));
            let reason = Reason::of(outcome);
            attempt.will_retry = !again.is_empty();
            if !again.is_empty() {
                self.backoff_ms = self.cfg.retry.next_delay(self.backoff_ms, jitter01);
                let wait = self.cfg.retry.wait(self.backoff_ms, outcome, retry_after_ms);
                let due = now_ms.saturating_add(wait as i64);
                self.retry_due = Some(self.retry_due.map_or(due, |d| d.max(due)));
                self.rounds.failed(round, &again, FailInfo { status, reason, will_retry: true }, false);
                self.note_retry(&again);
                let mut again = again;
                for item in &mut again {
                    item.round = None;
                }
                self.put_back(again);
            }
            if !dropped.is_empty() {
                self.let_go(&dropped);
                self.note_settled(&dropped);
                self.rounds.failed(round, &dropped, FailInfo { status, reason, will_retry: false }, true);
            }
        }
        self.record(attempt);
        self.rounds.completed(&self.buffer)
    }

    /// `items` go back to the front of the buffer, in their order.
    fn put_back(&mut self, mut items: Vec<Item>) {
        items.append(&mut self.buffer);
        self.buffer = items;
    }

    /// How many events buffered or in flight `matches`, counting up to `limit`.
    fn count_held(&self, limit: usize, matches: &dyn Fn(&Item) -> bool) -> usize {
        let (mut n, mut k) = (0, 0);
        let mut items = Some(&self.buffer);
        while let Some(held) = items {
            for item in held {
                if n >= limit {
                    return n;
                }
                n += usize::from(matches(item));
            }
            items = self.in_flight.get(k).map(|f| &f.items);
            k += 1;
        }
        n
    }

    /// Events leave for good (delivered or dropped): their bytes are no longer held.
    fn let_go(&mut self, items: &[Item]) {
        let post = self.post();
        let mut bytes = 0;
        for item in items {
            bytes += item.size(post) + 1;
        }
        self.held_bytes = self.held_bytes.saturating_sub(bytes);
        super::memory::release(bytes);
    }

    /// Bytes of events held (buffered or in flight), as sent.
    pub fn held_bytes(&self) -> usize {
        self.held_bytes
    }

    /// The events of request `id` while it is in flight (`stm` set).
    pub fn request_events(&self, id: u32) -> Vec<&Payload> {
        let mut events = Vec::new();
        for flight in &self.in_flight {
            if flight.id == id {
                for item in &flight.items {
                    events.push(&item.payload);
                }
            }
        }
        events
    }

    /// Record the final outcome of the events with these ids from now on (see
    /// [`Outbox::watched`]). Several watches (a queue consumer and a Redis drain on one emitter)
    /// may run at once.
    pub fn watch(&mut self, eids: &[String]) {
        for eid in eids {
            self.rounds.watch.push((eid.clone(), None));
        }
    }

    /// For each id, `Some(Ok(()))` once delivered, `Some(Err(why))` once refused for good,
    /// `None` while pending; their watch ends.
    pub fn watched(&mut self, eids: &[String]) -> Vec<Option<Result<(), FailInfo>>> {
        let watch = &mut self.rounds.watch;
        let mut outcomes = Vec::with_capacity(eids.len());
        for eid in eids {
            let at = watch.iter().position(|(e, _)| e == eid);
            outcomes.push(at.and_then(|i| watch.swap_remove(i).1));
        }
        outcomes
    }

    /// A flush waiter over every event buffered or in flight now; see [`Outbox::counts`].
    pub fn add_waiter(&mut self) -> u32 {
        self.rounds.add_waiter(self.next_seq - 1)
    }

    /// What became of a waiter's events: sent, failed for good, still pending.
    pub fn counts(&self, waiter: u32) -> Option<Counts> {
        let max_seq = self.rounds.waiter_max_seq(waiter)?;
        let pending = self.count_held(usize::MAX, &|i| i.seq <= max_seq);
        self.rounds.counts(waiter, pending)
    }

    /// Forget a waiter.
    pub fn remove_waiter(&mut self, waiter: u32) {
        self.rounds.remove_waiter(waiter);
    }

    /// Whether reports carry the events (only needed when callbacks are set).
    pub fn keep_events(&mut self, keep: bool) {
        self.rounds.keep_events = keep;
    }

    /// Events buffered (waiting to be sent or retried), not counting those in flight.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }

    /// Requests in flight.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// True when nothing is buffered or in flight.
    pub fn is_idle(&self) -> bool {
        self.buffer.is_empty() && self.in_flight.is_empty()
    }
}

/// `items` split by `first`: those it holds for, then the others, each in their order.
fn split(items: Vec<Item>, first: &dyn Fn(&Item) -> bool) -> (Vec<Item>, Vec<Item>) {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for item in items {
        if first(&item) {
            yes.push(item);
        } else {
            no.push(item);
        }
    }
    (yes, no)
}

mod attempts;
mod exit;
mod give_up;
mod journal;

pub use attempts::Attempt;
pub use journal::Change;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_page;
