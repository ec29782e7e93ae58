//! Taking over the events sp.js left unsent (`snowplowOutQueue_<tracker id>[_post2|_get]` in
//! localStorage), without ever losing one: sp.js's key is cut down only as its events become
//! safe. An event is safe once every emitter it went to holds it somewhere that survives the
//! page (a stored queue that accepted it) or has settled it (delivered, or refused for good and
//! reported). Until then the key keeps it, in sp.js's own format, so the next page takes it
//! again if this one is left first; the binding holds a Web Lock while it works on the key, so
//! two tabs never both send it.

use crate::emitter::incoming_event;
use crate::json_read::{parse, Kind, Value};
use crate::urlencode::decode_form;
use crate::{key, Payload};

/// sp.js's localStorage queues for tracker id `namespace`: 4.x's, then 3.x's POST and GET ones.
pub fn queue_keys(namespace: &str) -> [String; 3] {
    ["", "_post2", "_get"].map(|suffix| ["snowplowOutQueue_", namespace, suffix].concat())
}

/// The sp.js queues being taken over: each key with its items as sp.js wrote them and, per item
/// (by its index there), the event id and how many emitters still hold it only in memory.
#[derive(Debug, Default)]
pub struct Adoption {
    entries: Vec<Entry>,
    keys: Vec<(String, Vec<String>)>,
}

#[derive(Debug)]
struct Entry {
    key: usize,
    index: u32,
    eid: String,
    waiting: u32,
}

impl Adoption {
    /// Take sp.js's queue `key`, whose value is `text` (a JSON array; anything else is no
    /// queue): its events by index, leaving out items that are not events a collector would
    /// take (they stay in the key until it goes). The key is rewritten from its items, each as
    /// sp.js wrote it, as its events become safe.
    pub fn queue(&mut self, key: &str, text: &str) -> Vec<(u32, Payload)> {
        let Some(items) = parse(text).filter(|v| v.kind() == Kind::Array) else { return Vec::new() };
        let mut events = Vec::new();
        let mut written = Vec::new();
        for (i, item) in items.items().enumerate() {
            let Ok(index) = u32::try_from(i) else { break };
            if let Some(p) = item_fields(item).and_then(|pairs| incoming_event(&pairs).ok()) {
                events.push((index, p));
            }
            written.push(item.raw().to_owned());
        }
        self.keys.push((key.to_owned(), written));
        events
    }

    /// Item `index` of `key` (taken with [`Adoption::queue`]) is event `eid`, which `waiting`
    /// emitters hold only in memory (0: it is safe already).
    pub fn add(&mut self, key: &str, index: u32, eid: &str, waiting: u32) {
        if let Some(k) = self.keys.iter().position(|(k, _)| k == key) {
            self.entries.push(Entry { key: k, index, eid: eid.to_owned(), waiting });
        }
    }

    /// An emitter settled `eid`; true when that made an item safe (the keys are to be rewritten).
    pub fn settled(&mut self, eid: &str) -> bool {
        let entry = self.entries.iter_mut().find(|e| e.waiting > 0 && e.eid.eq_ignore_ascii_case(eid));
        entry.is_some_and(|e| {
            e.waiting -= 1;
            e.waiting == 0
        })
    }

    /// Every key as it should now be: the items still to keep, each as sp.js wrote it, or
    /// `None` when none is left and the key goes (with its `.expires`).
    pub fn rewrites(&self) -> Vec<(&str, Option<String>)> {
        let mut out = Vec::with_capacity(self.keys.len());
        for (k, (key, items)) in self.keys.iter().enumerate() {
            let keep: Vec<&str> = self
                .entries
                .iter()
                .filter(|e| e.key == k && e.waiting > 0)
                .filter_map(|e| items.get(e.index as usize).map(String::as_str))
                .collect();
            out.push((key.as_str(), if keep.is_empty() { None } else { Some(["[", &keep.join(","), "]"].concat()) }));
        }
        out
    }

    /// True once every item is safe.
    pub fn done(&self) -> bool {
        self.entries.iter().all(|e| e.waiting == 0)
    }
}

/// A JSON value as `String(v)` renders a value sp.js stored (strings as they are, numbers and
/// literals as written).
fn as_text(v: Value<'_>) -> String {
    match v.as_str() {
        Some(s) => s.into_owned(),
        None => v.raw().to_owned(),
    }
}

/// False for what JavaScript counts as falsy among JSON values.
fn truthy(v: Value<'_>) -> bool {
    !matches!(v.raw(), "null" | "false" | "0" | "\"\"" | "-0")
}

/// One queue item's fields: a 4.x `{payload}`, a 3.x `{evt}`, an event object itself, or a GET
/// query string (`?e=pv&…`, decoded as `URLSearchParams` does: the last of a repeated name
/// wins); `stm` left out (each send stamps its own).
fn item_fields(item: Value<'_>) -> Option<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(query) = item.as_str() {
        for part in query.strip_prefix('?').unwrap_or(&query).split('&').filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let (name, value) = (decode_form(name), decode_form(value));
            match pairs.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = value,
                None => pairs.push((name, value)),
            }
        }
    } else {
        let inner = ["payload", "evt"].iter().find_map(|k| item.get(k).filter(|v| truthy(*v)));
        let event = inner.unwrap_or(item);
        if event.kind() != Kind::Object {
            return None;
        }
        pairs = event.members().map(|(k, v)| (k.into_owned(), as_text(v))).collect();
    }
    pairs.retain(|(k, _)| k != key::STM);
    Some(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_cut_down_only_as_its_events_become_safe() {
        let mut a = Adoption::default();
        a.queue("q_post2", r#"["a",{"b":1},"c"]"#);
        a.queue("q_get", "[]");
        a.queue("q_bad", "not json");
        a.add("q_post2", 0, "A", 1);
        a.add("q_post2", 1, "B", 0); // stored by every emitter already
        a.add("q_post2", 2, "C", 2); // two memory emitters
        a.add("q_get", 0, "D", 0);
        a.add("q_bad", 0, "E", 1); // not a queue taken: never rewritten
        assert_eq!(a.rewrites(), [("q_post2", Some(r#"["a","c"]"#.into())), ("q_get", None)]);
        assert!(!a.settled("X"), "not one of sp.js's");
        assert!(a.settled("a"), "ids compare case-insensitively");
        assert!(!a.settled("A"), "once");
        assert!(!a.settled("C"), "one of its two emitters");
        assert_eq!(a.rewrites()[0], ("q_post2", Some(r#"["c"]"#.into())));
        assert!(!a.done());
        assert!(a.settled("C"));
        assert!(a.done());
        assert_eq!(a.rewrites()[0], ("q_post2", None));
    }

    const EID: &str = "5d79770b-015b-4af8-8c91-b2ed6faf4b1e";

    fn queue_events(text: &str) -> Vec<(u32, Payload)> {
        Adoption::default().queue("k", text)
    }

    /// The key's text once only the items at `keep` are left.
    fn queue_kept(text: &str, keep: &[u32]) -> Option<String> {
        let mut a = Adoption::default();
        a.queue("k", text);
        keep.iter().for_each(|&i| a.add("k", i, "x", 1));
        a.rewrites().pop().and_then(|(_, kept)| kept)
    }

    #[test]
    fn every_format_sp_js_wrote_is_read() {
        let v4 = format!(
            r#"[{{"bytes":90,"payload":{{"e":"pv","eid":"{EID}","p":"web","tv":"js-4.1.0","stm":"1","vid":2,"url":"https://a.example/"}}}}]"#
        );
        let events = queue_events(&v4);
        assert_eq!(events.len(), 1);
        let (i, p) = &events[0];
        assert_eq!(*i, 0);
        assert_eq!(p.get("vid"), Some("2"), "numbers as String() renders them");
        assert_eq!(p.get("stm"), None);
        let v3_post = format!(r#"[{{"evt":{{"e":"se","eid":"{EID}","p":"web","tv":"js-3"}},"bytes":1}}]"#);
        assert_eq!(queue_events(&v3_post)[0].1.get("e"), Some("se"));
        let plain = format!(r#"[{{"e":"pv","eid":"{EID}","p":"web","tv":"js-3"}}]"#);
        assert_eq!(queue_events(&plain).len(), 1);
        let get = format!(r#"["?e=pv&eid={EID}&p=web&tv=js-3&page=Caf%C3%A9+Menu&url=%ZZ&stm=1&p=mob"]"#);
        let events = queue_events(&get);
        let p = &events[0].1;
        assert_eq!(p.get("page"), Some("Café Menu"));
        assert_eq!(p.get("url"), Some("%ZZ"), "a bad escape kept as written, as URLSearchParams does");
        assert_eq!(p.get("p"), Some("mob"), "the last of a repeated name wins");
        assert_eq!(p.get("stm"), None);
        // Not events: skipped, their indices kept.
        let mixed = format!(r#"[null,5,{{"payload":"x"}},[1],{{"e":"pv"}},{{"payload":{{"e":"pv","eid":"{EID}","p":"web","tv":"t"}}}}]"#);
        let events = queue_events(&mixed);
        assert_eq!(events.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [5]);
        assert!(queue_events("{}").is_empty());
        assert!(queue_events("[").is_empty());
        assert_eq!(queue_keys("sp1"), ["snowplowOutQueue_sp1", "snowplowOutQueue_sp1_post2", "snowplowOutQueue_sp1_get"]);
    }

    #[test]
    fn kept_items_are_written_as_sp_js_wrote_them() {
        let text = r#"[ {"payload":{"a":"\u00e9"}} , "?e=pv" ,3]"#;
        assert_eq!(queue_kept(text, &[0, 2]).as_deref(), Some(r#"[{"payload":{"a":"\u00e9"}},3]"#));
        assert_eq!(queue_kept(text, &[1]).as_deref(), Some(r#"["?e=pv"]"#));
        assert_eq!(queue_kept(text, &[]), None, "nothing left: the key goes");
    }
}
