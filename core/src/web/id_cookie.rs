//! The `_sp_id.<hash>` value sp.js (the Snowplow browser tracker 4.x) writes, read and written
//! byte for byte: ten fields joined by `.`: domain user id, creation time (s), visit count, time
//! of the last write (s), previous visit time (s), session id, previous session id, first event
//! id, first event time (ms), event index. An absent field is empty.

/// The values a tracker holds when no stored `_sp_id` is readable (storage off or refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    /// The domain user id.
    pub duid: String,
    /// The session id.
    pub session_id: String,
    /// The visit (session) count.
    pub visits: i64,
}

/// A parsed `_sp_id` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCookie {
    /// True when it was read from storage; false when made from [`Remembered`] values.
    pub stored: bool,
    /// Domain user id (`duid`), a UUID, or empty.
    pub duid: String,
    /// When the cookie was first written, seconds since the epoch.
    pub created_s: i64,
    /// Sessions so far (`vid`).
    pub visits: i64,
    /// Time of the last write, seconds.
    pub now_s: i64,
    /// When the previous session was last active, seconds.
    pub last_visit_s: Option<i64>,
    /// The session id (`sid`).
    pub session_id: String,
    /// The previous session's id, or empty.
    pub previous_session_id: String,
    /// The first event of the session, or empty.
    pub first_event_id: String,
    /// Its time, milliseconds.
    pub first_event_ms: Option<i64>,
    /// Events of the session so far.
    pub event_index: i64,
}

/// JavaScript's `parseInt(text)` as sp.js applies it: leading spaces, a sign, then the longest
/// run of digits (`"12abc"` is 12; after `0x`, hex digits); `None` when there is none (or it
/// does not fit in 64 bits).
pub fn parse_int(text: &str) -> Option<i64> {
    let t = text.trim_start();
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = match rest.strip_prefix("0x").or_else(|| rest.strip_prefix("0X")) {
        Some(hex) => (16, hex),
        None => (10, rest),
    };
    let end = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
    let n = i64::from_str_radix(digits.get(..end).filter(|d| !d.is_empty())?, radix).ok()?;
    Some(if negative { -n } else { n })
}

/// Seconds from milliseconds as sp.js counts them: `Math.round(ms / 1000)`.
pub fn seconds(ms: i64) -> i64 {
    (ms + 500).div_euclid(1000)
}

impl IdCookie {
    /// Read a stored value (`None` or empty: nothing stored, so made from `memory`), as sp.js
    /// does: missing or `"undefined"` session fields are filled (a new session id from `uuid`),
    /// numbers read with `parseInt`, fields past the tenth ignored.
    pub fn parse(value: Option<&str>, memory: &Remembered, now_ms: i64, uuid: &mut dyn FnMut() -> String) -> IdCookie {
        let now_s = seconds(now_ms);
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            return IdCookie {
                stored: false,
                duid: memory.duid.clone(),
                created_s: now_s,
                visits: memory.visits,
                now_s,
                last_visit_s: None,
                session_id: memory.session_id.clone(),
                previous_session_id: String::new(),
                first_event_id: String::new(),
                first_event_ms: None,
                event_index: 0,
            };
        };
        let fields: Vec<&str> = value.split('.').collect();
        let raw = |i: usize| fields.get(i).copied().filter(|f| !f.is_empty() && *f != "undefined");
        let int = |i: usize| raw(i).and_then(parse_int);
        IdCookie {
            stored: true,
            duid: fields.first().copied().unwrap_or_default().to_owned(),
            created_s: int(1).unwrap_or(now_s),
            visits: int(2).unwrap_or(memory.visits),
            now_s: int(3).unwrap_or(now_s),
            last_visit_s: int(4),
            session_id: raw(5).map_or_else(&mut *uuid, str::to_owned),
            previous_session_id: raw(6).unwrap_or_default().to_owned(),
            first_event_id: raw(7).unwrap_or_default().to_owned(),
            first_event_ms: int(8),
            event_index: int(9).unwrap_or(0),
        }
    }

    /// The stored value; with `anonymous`, the user id and previous session id are left empty.
    pub fn serialize(&self, anonymous: bool) -> String {
        let opt = |v: Option<i64>| v.map(crate::int_text).unwrap_or_default();
        let hide = |v: &str| if anonymous { String::new() } else { v.to_owned() };
        [
            hide(&self.duid),
            crate::int_text(self.created_s),
            crate::int_text(self.visits),
            crate::int_text(self.now_s),
            opt(self.last_visit_s),
            self.session_id.clone(),
            hide(&self.previous_session_id),
            self.first_event_id.clone(),
            opt(self.first_event_ms),
            crate::int_text(self.event_index),
        ]
        .join(".")
    }

    /// Start a new session: a stored cookie counts one more visit and remembers the session it
    /// ends; one made from memory takes `visits`. The event index starts again.
    pub fn start_session(&mut self, visits: i64, session_id: String) {
        if self.stored {
            self.previous_session_id = std::mem::replace(&mut self.session_id, session_id);
            self.last_visit_s = Some(self.now_s);
            self.visits += 1;
        } else {
            self.session_id = session_id;
            self.visits = visits;
        }
        self.event_index = 0;
        self.first_event_id.clear();
        self.first_event_ms = None;
    }
}

#[cfg(test)]
mod tests;
