//! What the host answers about a store, as the JSON text it writes (`js/queue.js`): the items it
//! loaded and the refusals of an asynchronous store. Anything else in the text is left out, so
//! a store that returns odd values cannot make the queue misread its own items.

use crate::json_read::{parse, Kind, Value};

/// How long a store may take to load or to finish its writes before the queue stops waiting
/// for it (a store that never answers must not hold the cross-tab lock).
pub const LOAD_TIMEOUT_MS: u32 = 10_000;

fn text(v: Option<Value<'_>>) -> Option<String> {
    v?.as_str().map(|s| s.into_owned())
}

/// The `(name, text)` items of `[[name, text], …]`; pairs that are not two strings are left
/// out. `None` when the text is not an array.
pub fn items(json: &str) -> Option<Vec<(String, String)>> {
    let list = parse(json).filter(|v| v.kind() == Kind::Array)?;
    let mut out = Vec::new();
    for pair in list.items() {
        if let (Some(name), Some(text)) = (text(pair.at(0)), text(pair.at(1))) {
            out.push((name, text));
        }
    }
    Some(out)
}

/// A refusal `[name, wasWrite, latestText | null]`: the item's name, whether a write (else a
/// removal) was refused, and the item's latest text while the host still holds it.
pub fn refusal(json: &str) -> Option<(String, bool, Option<String>)> {
    let v = parse(json)?;
    Some((text(v.at(0))?, v.at(1)?.as_bool()?, text(v.at(2))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_only_pairs_of_strings() {
        let got = items(r#"[["q:1","{\"a\":1}"],["q:2",5],"x",["q:3","t","extra"],[]]"#);
        assert_eq!(got, Some(vec![("q:1".into(), r#"{"a":1}"#.into()), ("q:3".into(), "t".into())]));
        assert_eq!(items("[]"), Some(vec![]));
        assert_eq!(items("nope"), None);
    }

    #[test]
    fn refusals_name_the_item_and_what_was_refused() {
        assert_eq!(refusal(r#"["q:1",true,"text"]"#), Some(("q:1".into(), true, Some("text".into()))));
        assert_eq!(refusal(r#"["q:1",false,null]"#), Some(("q:1".into(), false, None)));
        assert_eq!(refusal(r#"[1,true]"#), None);
        assert_eq!(refusal("{"), None);
    }
}
