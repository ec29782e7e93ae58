//! How a worker shows that it is alive. A page hands its claims over as it is left (the next
//! page of its tab follows it, and `pagehide` releases them), but a worker has neither
//! `sessionStorage` nor `pagehide`: it is stopped without a word when its page goes. So a worker
//! holding claims keeps a heartbeat item in the store, renewed every [`BEAT_MS`]; a claim whose
//! holder's heartbeat is older than [`BEAT_STALE_MS`] is free, long before its lease lapses.
//! Holders without a heartbeat (pages) keep today's lease.

use super::Stored;

/// How often a worker renews its heartbeat.
pub const BEAT_MS: i64 = 2_000;
/// A heartbeat older than this is a stopped worker's: its claims are free.
pub const BEAT_STALE_MS: i64 = 5_000;

/// One holder's heartbeat as stored: its tab id and when it last beat (ms since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beat {
    /// The holder.
    pub tab: u64,
    /// Its last beat.
    pub at_ms: i64,
}

impl Beat {
    /// The item's text.
    pub fn encode(&self) -> String {
        crate::int_text(self.at_ms)
    }

    /// A heartbeat item of `tab` read back; `None` when damaged.
    pub fn decode(tab: u64, text: &str) -> Option<Beat> {
        crate::int_read(text).map(|at_ms| Beat { tab, at_ms })
    }

    /// True once this heartbeat says its holder has stopped.
    pub fn stale(&self, now_ms: i64) -> bool {
        now_ms.saturating_sub(self.at_ms) > BEAT_STALE_MS
    }
}

/// True when `tab` has a heartbeat among `beats` and it is stale.
pub fn stopped(beats: &[Beat], tab: u64, now_ms: i64) -> bool {
    beats.iter().any(|b| b.tab == tab && b.stale(now_ms))
}

/// When the next claim held by another worker becomes free, if its heartbeat stops: the
/// earliest moment one of `stored`'s claims not `tab`'s, whose holder beats, would turn stale.
/// The caller claims again then (a worker that stopped is taken over within seconds).
pub fn next_check_ms(stored: &[Stored], tab: u64, beats: &[Beat], now_ms: i64) -> Option<i64> {
    let mut next: Option<i64> = None;
    for s in stored {
        let Some(c) = s.claim.filter(|c| c.tab != tab && c.until_ms > now_ms) else { continue };
        for b in beats {
            if b.tab == c.tab && !b.stale(now_ms) {
                let at = b.at_ms.saturating_add(BEAT_STALE_MS + 1);
                next = Some(next.map_or(at, |n| n.min(at)));
                break;
            }
        }
    }
    next
}

/// The heartbeats to remove: those of holders stopped longer than a lease (`lease_ms`), whose
/// claims have all lapsed anyway.
pub fn forgotten(beats: &[Beat], now_ms: i64, lease_ms: i64) -> Vec<u64> {
    let mut tabs = Vec::new();
    for b in beats {
        if now_ms.saturating_sub(b.at_ms) > lease_ms {
            tabs.push(b.tab);
        }
    }
    tabs
}
