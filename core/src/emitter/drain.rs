//! `drainRedis`'s rules as a state machine: which Redis command comes next, what each element
//! moved is (an event, or a value to remove and report), where a delivered, refused or pending
//! event goes, and when the drain ends. The host runs the commands on the client in the order
//! [`Drain::next`] asks for them and answers each ([`Reply`]); nothing here touches Redis.
//!
//! Crash-safe: events are moved atomically (LMOVE) to `<key>:processing` before they are sent;
//! leftovers of a drain that died there go back to the head of the list first; whatever is not
//! delivered or dead-lettered goes back to the head, in order; only events that may still be
//! delivered stop the drain.

use crate::emitter::{event_from_text, FailInfo};
use crate::error::Error;
use crate::{int_text, key, Payload};

/// What the host does next.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// `LMOVE from to fromSide toSide`; answer [`Reply::Moved`]. `keep` when the host must keep
    /// an element that is not text (bytes that are not UTF-8) to remove it later by [`Command::Remove`].
    Move {
        /// Source list.
        from: String,
        /// Destination list.
        to: String,
        /// `"LEFT"` or `"RIGHT"`.
        from_side: &'static str,
        /// `"LEFT"` or `"RIGHT"`.
        to_side: &'static str,
        /// Keep a non-text element for a later removal.
        keep: bool,
    },
    /// `LREM list 1 <value>`: the element as text, or the non-text element the host kept as
    /// `kept`; answer [`Reply::Done`]. When `invalid` is given, report it first (the value is not
    /// an event: the message, and why).
    Remove {
        /// The list.
        list: String,
        /// The element's text, when it is text.
        text: Option<String>,
        /// The host's number for a non-text element (0 for text).
        kept: u32,
        /// What to report before removing it.
        invalid: Option<(String, Error)>,
    },
    /// `RPUSH list text`; answer [`Reply::Done`].
    Push {
        /// The list.
        list: String,
        /// The value.
        text: String,
    },
    /// Hand these events to the emitter (those it does not hold already), flush it and answer
    /// [`Reply::Outcomes`]: each one's outcome, in this order.
    Send(Vec<Payload>),
    /// The drain is over: resolve it with this JSON text (`{sent, requeued, invalid, dead}`).
    Finish(String),
}

impl Reply {
    /// What the host answered a [`Command::Move`] with: `null` (the list was empty), or `[text
    /// or null, kept]` (see `js/clients.js`); anything else reads as an empty list.
    pub fn moved(answer: &str) -> Reply {
        let Some(v) = crate::json_read::parse(answer).filter(|v| v.kind() == crate::json_read::Kind::Array) else {
            return Reply::Moved(None);
        };
        let text = v.at(0).filter(|t| t.kind() == crate::json_read::Kind::String).and_then(|t| t.as_str()).map(|t| t.into_owned());
        let kept = v.at(1).and_then(|n| n.as_number()).and_then(crate::uint_read).unwrap_or(0);
        Reply::Moved(Some((text, kept)))
    }
}

/// The host's answer to the last [`Command`].
#[derive(Debug)]
pub enum Reply {
    /// The first call: nothing asked yet.
    Start,
    /// `LMOVE`'s element: `None` when the list was empty, else its text (`None` when it is not
    /// text) and the host's number for it when kept (else 0).
    Moved(Option<(Option<String>, u32)>),
    /// The command was carried out.
    Done,
    /// Each sent event's outcome: delivered, refused for good, or still pending (`None`).
    Outcomes(Vec<Option<Result<(), FailInfo>>>),
}

/// Where the drain is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Moving a dead drain's leftovers back.
    Recover,
    /// Moving a batch to the processing list.
    Fill,
    /// Reading the moved element at this index.
    Check(usize),
    /// Waiting for the sent events' outcomes.
    Sending,
    /// Settling the sent event at this index (a dead letter, when pushed, is then removed).
    Settle(usize, bool),
    /// Moving what is still pending back.
    Requeue,
    /// Over.
    Over,
}

/// An element moved to the processing list: its text (when it is text), the host's number for it
/// when it is not, the event read from it, and what became of that event once sent (`None`:
/// still pending).
struct Moved {
    text: Option<String>,
    kept: u32,
    event: Option<Payload>,
    outcome: Option<Result<(), FailInfo>>,
}

/// One `drainRedis` run.
pub struct Drain {
    key: String,
    processing: String,
    dead: String,
    batch: usize,
    phase: Phase,
    moved: Vec<Moved>,
    pending: bool,
    counts: [u32; 4],
}

/// The counts' names, in `counts`' order.
const COUNTS: [&str; 4] = ["sent", "requeued", "invalid", "dead"];
const SENT: usize = 0;
const REQUEUED: usize = 1;
const INVALID: usize = 2;
const DEAD: usize = 3;

impl Drain {
    /// A drain of list `key` in batches of `batch`, dead letters to `dead` (all checked:
    /// [`crate::emitter::redis_key`], [`crate::emitter::dead_letter_key`], [`crate::emitter::drain_batch`]).
    pub fn new(key: String, dead: String, batch: usize) -> Drain {
        let processing = [key.as_str(), ":processing"].concat();
        Drain { key, processing, dead, batch, phase: Phase::Recover, moved: Vec::new(), pending: false, counts: [0; 4] }
    }

    /// What to do after `reply` (the answer to the last command; [`Reply::Start`] first).
    pub fn next(&mut self, reply: Reply) -> Command {
        match (self.phase, reply) {
            (Phase::Recover, Reply::Moved(None)) => {
                self.phase = Phase::Fill;
                self.fill()
            }
            (Phase::Recover, _) => self.back(),
            (Phase::Fill, Reply::Moved(Some((text, kept)))) => {
                self.moved.push(Moved { text, kept, event: None, outcome: None });
                if self.moved.len() < self.batch {
                    self.fill()
                } else {
                    self.check(0)
                }
            }
            (Phase::Fill, _) if self.moved.is_empty() => self.finish(),
            (Phase::Fill, _) => self.check(0),
            (Phase::Check(i), _) => self.check(i),
            (Phase::Sending, Reply::Outcomes(outcomes)) => {
                let sent = self.moved.iter_mut().filter(|m| m.event.is_some());
                for (m, outcome) in sent.zip(outcomes) {
                    m.outcome = outcome;
                }
                self.settle(0, false)
            }
            (Phase::Settle(i, pushed), _) => self.settle(i, pushed),
            (Phase::Requeue, Reply::Moved(Some(_))) => {
                bump(&mut self.counts, REQUEUED);
                self.back()
            }
            (Phase::Requeue, _) if self.pending => self.finish(),
            (Phase::Requeue, _) => {
                self.moved.clear();
                self.phase = Phase::Fill;
                self.fill()
            }
            _ => self.finish(),
        }
    }

    /// `LMOVE processing key RIGHT LEFT`: the last element back to the head.
    fn back(&self) -> Command {
        Command::Move { from: self.processing.clone(), to: self.key.clone(), from_side: "RIGHT", to_side: "LEFT", keep: false }
    }

    fn fill(&self) -> Command {
        Command::Move { from: self.key.clone(), to: self.processing.clone(), from_side: "LEFT", to_side: "RIGHT", keep: true }
    }

    /// Read the moved elements from `i` on: the first that is not an event is removed and
    /// reported; once all are read, the events are sent.
    fn check(&mut self, mut i: usize) -> Command {
        while let Some(m) = self.moved.get_mut(i) {
            i += 1;
            let read = match m.text.as_deref() {
                Some(text) => event_from_text(text),
                None => Err(Error::required("event")),
            };
            match read {
                Ok(p) => m.event = Some(p),
                Err(e) => {
                    self.phase = Phase::Check(i);
                    bump(&mut self.counts, INVALID);
                    let shown = m.text.as_deref().unwrap_or("(not text)");
                    let message = ["snowplow-tracker-wasm: drainRedis removed a value that is not an event: ", shown].concat();
                    let invalid = Some((message, e.within("drainRedis: stored ")));
                    return Command::Remove { list: self.processing.clone(), text: m.text.clone(), kept: m.kept, invalid };
                }
            }
        }
        let events: Vec<Payload> = self.moved.iter().filter_map(|m| m.event.clone()).collect();
        if events.is_empty() {
            self.phase = Phase::Requeue;
            return self.back();
        }
        self.phase = Phase::Sending;
        Command::Send(events)
    }

    /// Settle the moved elements from the `i`-th on (`pushed`: its dead letter was pushed): a
    /// delivered event is removed, one refused for good is dead-lettered then removed, a pending
    /// one stays (and stops the drain); then what is left goes back to the head.
    fn settle(&mut self, mut i: usize, mut pushed: bool) -> Command {
        while let Some(m) = self.moved.get(i) {
            match (&m.event, &m.outcome) {
                // Not an event (removed when read), or still pending.
                (None, _) => {}
                (Some(_), None) => self.pending = true,
                (Some(_), Some(Err(why))) if !pushed => {
                    self.phase = Phase::Settle(i, true);
                    bump(&mut self.counts, DEAD);
                    return Command::Push { list: self.dead.clone(), text: dead_letter(m.text.as_deref().unwrap_or("null"), why) };
                }
                (Some(_), Some(done)) => {
                    if done.is_ok() {
                        bump(&mut self.counts, SENT);
                    }
                    self.phase = Phase::Settle(i + 1, false);
                    return Command::Remove { list: self.processing.clone(), text: m.text.clone(), kept: m.kept, invalid: None };
                }
            }
            i += 1;
            pushed = false;
        }
        self.phase = Phase::Requeue;
        self.back()
    }

    fn finish(&mut self) -> Command {
        self.phase = Phase::Over;
        let fields: Vec<(&str, u32)> = COUNTS.iter().copied().zip(self.counts).collect();
        Command::Finish(crate::emitter::callback_text::numbers(&fields))
    }
}

/// True when a Redis client has each command of `needs`, in one of the spellings each gives
/// (`"lMove lmove"`: node-redis's, then ioredis's), among the functions `has` (what the facade
/// found on it).
pub fn is_client(has: &[String], needs: &[&str]) -> bool {
    needs.iter().all(|n| n.split(' ').any(|name| has.iter().any(|h| h == name)))
}

/// The commands `drainRedis` runs.
pub const DRAIN_NEEDS: &[&str] = &["lMove lmove", "lRem lrem", "rPush rpush"];

/// The command a `RedisEmitter` runs.
pub const PUSH: &str = "rPush rpush";

/// One more of count `which`.
fn bump(counts: &mut [u32; 4], which: usize) {
    if let Some(c) = counts.get_mut(which) {
        *c += 1;
    }
}

/// The event ids of `events`, in order (what the host watches while they are sent).
pub fn event_ids(events: &[Payload]) -> Vec<String> {
    events.iter().map(|p| p.get(key::EID).unwrap_or_default().to_owned()).collect()
}

/// A dead letter: the stored event and why the collector refused it for good.
fn dead_letter(stored: &str, why: &FailInfo) -> String {
    let status = int_text(why.status.into());
    ["{\"reason\":\"", why.reason.name(), "\",\"status\":", &status, ",\"event\":", stored, "}"].concat()
}

#[cfg(test)]
mod tests;
