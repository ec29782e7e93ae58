//! Everything an emitter waits for by time, as one list: the host keeps a single timer per
//! emitter, set for the earliest deadline ([`Deadlines::next`]), and when it fires the emitter
//! runs what is due ([`Deadlines::take_due`]). Times are ms since the epoch.

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The end of a backoff: retry what failed.
    Retry,
    /// The periodic flush (`setFlushTimer`, or a page's default).
    Flush,
    /// The periodic renewal of a stored queue's claims.
    Renew,
    /// A browser worker's periodic heartbeat.
    Beat,
    /// When a worker holding stored events may have stopped: claim again.
    Check,
    /// The `flushTimeout` of a blocking flush, by its waiter.
    Waiter(u32),
}

impl Due {
    /// True when waiting for it keeps the emitter alive without any holder: events backing
    /// off, and a blocking flush someone awaits. The periodic ones never do.
    pub fn holds_emitter(self) -> bool {
        matches!(self, Due::Retry | Due::Waiter(_))
    }

    /// True when waiting for it keeps a Node process alive: only a blocking flush someone
    /// awaits (a backoff or a periodic flush never holds a process open on its own).
    pub fn holds_process(self) -> bool {
        matches!(self, Due::Waiter(_))
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    due: Due,
    at: i64,
    /// 0 for once; else it comes back every `period` ms.
    period: i64,
}

/// An emitter's deadlines.
#[derive(Debug, Default)]
pub struct Deadlines {
    entries: Vec<Entry>,
}

impl Deadlines {
    /// Wait for `due` at `at` (replacing an earlier deadline for it); with a `period` > 0 it
    /// comes back every `period` ms after that.
    pub fn set(&mut self, due: Due, at: i64, period: i64) {
        self.clear(due);
        self.entries.push(Entry { due, at, period: period.max(0) });
    }

    /// Stop waiting for `due`.
    pub fn clear(&mut self, due: Due) {
        self.entries.retain(|e| e.due != due);
    }

    /// When `due` is next, if it is set.
    pub fn at(&self, due: Due) -> Option<i64> {
        self.entries.iter().find(|e| e.due == due).map(|e| e.at)
    }

    /// The earliest deadline, and whether anything waited for keeps a process alive
    /// ([`Due::holds_process`]); `None` when nothing is waited for.
    pub fn next(&self) -> Option<(i64, bool)> {
        let at = self.entries.iter().map(|e| e.at).min()?;
        Some((at, self.entries.iter().any(|e| e.due.holds_process())))
    }

    /// True when something waited for keeps the emitter alive ([`Due::holds_emitter`]).
    pub fn hold_emitter(&self) -> bool {
        self.entries.iter().any(|e| e.due.holds_emitter())
    }

    /// What is due at `now`, in the order it was set: one-off deadlines are forgotten,
    /// periodic ones move to their next time after `now` (a late timer runs them once).
    pub fn take_due(&mut self, now: i64) -> Vec<Due> {
        let mut due = Vec::new();
        for e in &mut self.entries {
            if e.at <= now {
                due.push(e.due);
                if e.period > 0 {
                    e.at += ((now - e.at) / e.period + 1) * e.period;
                }
            }
        }
        self.entries.retain(|e| e.period > 0 || e.at > now);
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_deadline_and_what_keeps_alive() {
        let mut d = Deadlines::default();
        assert_eq!(d.next(), None);
        d.set(Due::Flush, 1_000, 1_000);
        d.set(Due::Renew, 30_000, 30_000);
        assert_eq!(d.next(), Some((1_000, false)));
        d.set(Due::Waiter(7), 500, 0);
        assert_eq!(d.next(), Some((500, true)));
        d.set(Due::Waiter(7), 2_000, 0);
        assert_eq!((d.next(), d.at(Due::Waiter(7))), (Some((1_000, true)), Some(2_000)));
        d.clear(Due::Waiter(7));
        assert_eq!(d.next(), Some((1_000, false)));
        assert!(!d.hold_emitter());
        d.set(Due::Retry, 900, 0);
        assert_eq!(d.next(), Some((900, false)));
        assert!(d.hold_emitter());
    }

    #[test]
    fn due_ones_run_once_and_periodic_ones_come_back() {
        let mut d = Deadlines::default();
        d.set(Due::Flush, 1_000, 1_000);
        d.set(Due::Retry, 1_500, 0);
        d.set(Due::Waiter(1), 5_000, 0);
        assert_eq!(d.take_due(999), vec![]);
        assert_eq!(d.take_due(1_000), vec![Due::Flush]);
        assert_eq!(d.at(Due::Flush), Some(2_000));
        // A late wake runs a periodic deadline once and moves it past now.
        assert_eq!(d.take_due(4_200), vec![Due::Flush, Due::Retry]);
        assert_eq!((d.at(Due::Flush), d.at(Due::Retry)), (Some(5_000), None));
        assert_eq!(d.take_due(5_000), vec![Due::Flush, Due::Waiter(1)]);
        assert_eq!(d.next(), Some((6_000, false)));
    }
}
