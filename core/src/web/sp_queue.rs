//! Taking over the events sp.js left unsent (`snowplowOutQueue_<tracker id>[_post2|_get]` in
//! localStorage), without ever losing one: sp.js's key is cut down only as its events become
//! safe. An event is safe once every emitter it went to holds it somewhere that survives the
//! page (a stored queue that accepted it) or has settled it (delivered, or refused for good and
//! reported). Until then the key keeps it, in sp.js's own format, so the next page takes it
//! again if this one is left first; the binding holds a Web Lock while it works on the key, so
//! two tabs never both send it.

/// One of sp.js's queues being taken over: its storage key and, per item (by its index there),
/// the event id and how many emitters still hold it only in memory.
#[derive(Debug, Default)]
pub struct Adoption {
    entries: Vec<Entry>,
    keys: Vec<String>,
}

#[derive(Debug)]
struct Entry {
    key: usize,
    index: u32,
    eid: String,
    waiting: u32,
}

impl Adoption {
    /// Item `index` of `key` is event `eid`, which `waiting` emitters hold only in memory (0:
    /// it is safe already).
    pub fn add(&mut self, key: &str, index: u32, eid: &str, waiting: u32) {
        let k = self.keys.iter().position(|k| k == key).unwrap_or_else(|| {
            self.keys.push(key.to_owned());
            self.keys.len() - 1
        });
        self.entries.push(Entry { key: k, index, eid: eid.to_owned(), waiting });
    }

    /// An emitter settled `eid`; true when that made an item safe (the keys are to be rewritten).
    pub fn settled(&mut self, eid: &str) -> bool {
        let entry = self.entries.iter_mut().find(|e| e.waiting > 0 && e.eid.eq_ignore_ascii_case(eid));
        entry.is_some_and(|e| {
            e.waiting -= 1;
            e.waiting == 0
        })
    }

    /// Every key as it should now be: the indices of the items to keep (as sp.js wrote them),
    /// or `None` when none is left and the key goes.
    pub fn rewrites(&self) -> Vec<(&str, Option<Vec<u32>>)> {
        let keep = |k| -> Vec<u32> { self.entries.iter().filter(|e| e.key == k && e.waiting > 0).map(|e| e.index).collect() };
        self.keys.iter().enumerate().map(|(k, key)| (key.as_str(), Some(keep(k)).filter(|v| !v.is_empty()))).collect()
    }

    /// True once every item is safe.
    pub fn done(&self) -> bool {
        self.entries.iter().all(|e| e.waiting == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_cut_down_only_as_its_events_become_safe() {
        let mut a = Adoption::default();
        a.add("q_post2", 0, "A", 1);
        a.add("q_post2", 1, "B", 0); // stored by every emitter already
        a.add("q_post2", 2, "C", 2); // two memory emitters
        a.add("q_get", 0, "D", 0);
        assert_eq!(a.rewrites(), [("q_post2", Some(vec![0, 2])), ("q_get", None)]);
        assert!(!a.settled("X"), "not one of sp.js's");
        assert!(a.settled("a"), "ids compare case-insensitively");
        assert!(!a.settled("A"), "once");
        assert!(!a.settled("C"), "one of its two emitters");
        assert_eq!(a.rewrites()[0], ("q_post2", Some(vec![2])));
        assert!(!a.done());
        assert!(a.settled("C"));
        assert!(a.done());
        assert_eq!(a.rewrites()[0], ("q_post2", None));
    }
}
