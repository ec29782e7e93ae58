//! The page's error flood limit: a page that throws in a loop must not flood the collector with
//! `trackError` events (nor the page with work), so at most [`MAX_PER_SECOND`] are tracked per
//! second; the first one refused in a second is reported.

/// Errors tracked per second, at most.
pub const MAX_PER_SECOND: u32 = 10;

/// What the limit says of one more error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Track it.
    Track,
    /// Refuse it, and say so: the first refused in this second.
    RefuseAndWarn,
    /// Refuse it (already said).
    Refuse,
}

/// Errors counted in the current one-second window.
#[derive(Debug, Default, Clone)]
pub struct ErrorFlood {
    start_ms: i64,
    count: u32,
}

impl ErrorFlood {
    /// The verdict on an error at `now_ms`.
    pub fn check(&mut self, now_ms: i64) -> Verdict {
        if self.count == 0 || now_ms < self.start_ms || now_ms - self.start_ms >= 1000 {
            self.start_ms = now_ms;
            self.count = 0;
        }
        self.count = self.count.saturating_add(1);
        match self.count {
            n if n <= MAX_PER_SECOND => Verdict::Track,
            n if n == MAX_PER_SECOND + 1 => Verdict::RefuseAndWarn,
            _ => Verdict::Refuse,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_per_second_then_one_warning() {
        let mut f = ErrorFlood::default();
        let verdicts: Vec<Verdict> = (0..13).map(|i| f.check(1_000 + i)).collect();
        assert!(verdicts[..10].iter().all(|v| *v == Verdict::Track));
        assert_eq!(&verdicts[10..], [Verdict::RefuseAndWarn, Verdict::Refuse, Verdict::Refuse]);
        assert_eq!(f.check(1_999), Verdict::Refuse, "still the same second");
        assert_eq!(f.check(2_000), Verdict::Track, "a new second");
        assert_eq!(f.check(500), Verdict::Track, "a clock that went back starts again");
    }
}
