//! Sending as the page is left: requests go out with `keepalive`, whose bodies in flight
//! together must stay within a budget (64 KiB in browsers); what does not fit stays stored.

use super::Outbox;

impl Outbox {
    /// While `Some(bytes)`, requests are made only if they fit in what is left of `bytes`, each
    /// taking its size off, and are marked `keepalive`; `None` ends it.
    pub fn set_exit_budget(&mut self, bytes: Option<usize>) {
        self.exit_budget = bytes;
    }
}
