//! Which storage items belong to which queue. A queue stored under key `K` names its event
//! items `K:<eid>` and, in a worker, its heartbeat `K@alive:<tab>`. An item is `K`'s only when
//! its name is exactly that: never by a prefix, so `K:b:<eid>` (the queue of `storageKey` "b")
//! is not `K`'s.

/// What one storage item is to the queue of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemName<'a> {
    /// One of this queue's events: its id.
    Event(&'a str),
    /// The heartbeat of a worker holding claims on this queue.
    Beat(u64),
    /// Another queue's item, or something else.
    Other,
}

/// The heartbeat items' infix: after the key, before the holder's tab id.
const BEAT: &str = "@alive:";

/// What the item `name` is to the queue stored under `key`.
pub fn item_of<'a>(key: &str, name: &'a str) -> ItemName<'a> {
    match name.rsplit_once(':') {
        Some((k, eid)) if k == key && !eid.is_empty() => ItemName::Event(eid),
        Some((k, tab)) => match (k.strip_suffix(&BEAT[..BEAT.len() - 1]), crate::uint_read::<u64>(tab)) {
            (Some(k), Some(tab)) if k == key && tab > 0 => ItemName::Beat(tab),
            _ => ItemName::Other,
        },
        None => ItemName::Other,
    }
}

/// The item name of event `eid` in the queue stored under `key`.
pub fn event_name(key: &str, eid: &str) -> String {
    [key, ":", eid].concat()
}

/// The item name of `tab`'s heartbeat in the queue stored under `key`.
pub fn beat_name(key: &str, tab: u64) -> String {
    [key, BEAT, &crate::int_text(tab as i64)].concat()
}
