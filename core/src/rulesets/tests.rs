use super::*;
use crate::json_read::parse;

fn set(json: &str) -> Result<RuleSet> {
    RuleSet::read(parse(json).unwrap_or_else(|| panic!("not JSON: {json}")), "ruleset")
}

#[test]
fn valid_and_invalid_rules() {
    for ok in [
        "iglu:com.acme/*/jsonschema/*-*-*",
        "iglu:com.acme/event/jsonschema/1-0-0",
        "iglu:com.acme.*/*/jsonschema/1-*-*",
        "iglu:com.acme.*.*/page.view/jsonschema/*-0-*",
        "iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1",
    ] {
        assert!(Rule::parse(ok).is_some(), "{ok} is a rule");
    }
    for bad in [
        "iglu:*/*/jsonschema/*-*-*",     // a vendor of one part
        "iglu:acme/*/jsonschema/*-*-*",  // likewise
        "iglu:com.*/*/jsonschema/*-*-*", // a wildcard in the first two parts
        "iglu:*.acme/*/jsonschema/*-*-*",
        "iglu:com.acme.*.shop/*/jsonschema/*-*-*", // a named part after a wildcard
        "iglu:com.acme/*/avro/*-*-*",              // not jsonschema
        "iglu:com.acme/*/jsonschema/0-0-0",        // model 0
        "iglu:com.acme/*/jsonschema/1-01-0",       // a leading zero
        "iglu:com.acme/*/jsonschema/1-0",
        "iglu:com.acme/*/jsonschema/1-0-0-0",
        "iglu:com.acme/ev ent/jsonschema/1-0-0",
        "iglu:com.acme/*/jsonschema/*-*-*/x",
        "com.acme/*/jsonschema/*-*-*",
        "iglu:com..acme/*/jsonschema/*-*-*",
        "",
    ] {
        assert!(Rule::parse(bad).is_none(), "{bad} is not a rule");
    }
}

#[test]
fn schemas_match_part_by_part_and_vendor_wildcards_one_part_each() {
    let m = |rule: &str, schema: &str| Rule::parse(rule).is_some_and(|r| r.matches(schema));
    assert!(m("iglu:com.acme/*/jsonschema/*-*-*", "iglu:com.acme/event/jsonschema/1-0-0"));
    assert!(!m("iglu:com.acme/*/jsonschema/*-*-*", "iglu:com.acme.shop/event/jsonschema/1-0-0"));
    assert!(m("iglu:com.acme.*/*/jsonschema/*-*-*", "iglu:com.acme.shop/event/jsonschema/1-0-0"), "tracker-core 4.10 never matches this");
    assert!(!m("iglu:com.acme.*/*/jsonschema/*-*-*", "iglu:com.acme/event/jsonschema/1-0-0"));
    assert!(!m("iglu:com.acme.*/*/jsonschema/*-*-*", "iglu:com.acme.shop.eu/event/jsonschema/1-0-0"));
    assert!(m("iglu:com.acme/event/jsonschema/1-*-*", "iglu:com.acme/event/jsonschema/1-2-3"));
    assert!(!m("iglu:com.acme/event/jsonschema/1-*-*", "iglu:com.acme/event/jsonschema/2-0-0"));
    assert!(!m("iglu:com.acme/event/jsonschema/1-0-0", "iglu:com.acme/other/jsonschema/1-0-0"));
    assert!(!m("iglu:com.acme/*/jsonschema/*-*-*", ""), "an event without a schema matches no rule");
    assert!(!m("iglu:com.acme/*/jsonschema/*-*-*", "iglu:com.acme/event/jsonschema/1-0"));
}

#[test]
fn accept_and_reject_together_and_alone() {
    let shop = "iglu:com.acme/shop/jsonschema/1-0-0";
    let page = "iglu:com.acme/page/jsonschema/1-0-0";
    let other = "iglu:org.example/x/jsonschema/1-0-0";
    let both = set(r#"{"accept":"iglu:com.acme/*/jsonschema/*-*-*","reject":["iglu:com.acme/page/jsonschema/*-*-*"]}"#).unwrap_or_default();
    assert!(both.applies(shop) && !both.applies(page) && !both.applies(other) && !both.applies(""));
    let accept = set(r#"{"accept":["iglu:com.acme/page/jsonschema/*-*-*","iglu:org.example/*/jsonschema/*-*-*"]}"#).unwrap_or_default();
    assert!(accept.applies(page) && accept.applies(other) && !accept.applies(shop));
    let reject = set(r#"{"reject":"iglu:com.acme/*/jsonschema/*-*-*"}"#).unwrap_or_default();
    assert!(!reject.applies(shop) && reject.applies(other) && reject.applies(""), "reject only: every event it does not reject");
}

#[test]
fn an_invalid_ruleset_is_a_type_error_naming_the_rule() {
    let message = |json: &str| set(json).err().map(|e| e.message()).unwrap_or_default();
    assert_eq!(
        message(r#"{"accept":"iglu:com.*/*/jsonschema/*-*-*"}"#),
        "ruleset.accept must be an Iglu URI glob like iglu:com.acme.*/*/jsonschema/1-*-*, got \"iglu:com.*/*/jsonschema/*-*-*\""
    );
    assert!(message(r#"{"reject":["iglu:com.acme/*/jsonschema/*-*-*",5]}"#).starts_with("ruleset.reject[1] must be an Iglu URI glob"));
    assert!(message("{}").starts_with("ruleset must be a ruleset with accept, reject or both"));
    assert!(message("[]").starts_with("ruleset must be a ruleset { accept, reject }"));
}
