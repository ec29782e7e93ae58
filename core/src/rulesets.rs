//! Global contexts' rulesets (`{ accept, reject }` of Iglu URI globs, as @snowplow/tracker-core
//! 4.x takes them): which rules are valid, and whether an event's schema matches.
//!
//! A rule is `iglu:<vendor>/<name>/jsonschema/<model>-<revision>-<addition>` where any part may
//! be `*`. The vendor has at least two dot-separated parts, its first two are never `*`, and no
//! named part follows a `*` (`com.acme.*` is a rule, `com.*` is not); a vendor rule matches a
//! vendor of as many parts, each `*` standing for one. Two declared differences from
//! tracker-core 4.10: its vendor matcher swaps its arguments, so there a vendor glob never
//! matches (here `com.acme.*` matches `com.acme.shop`); and a ruleset with only `reject`
//! applies there to no event, here to every event it does not reject. Separators are literal
//! (tracker-core's rule pattern takes any character between vendor parts).

use crate::error::{quoted, Error, Result};
use crate::json_read::{Kind, Value};

/// What a rule must be, for error messages.
const EXPECTED: &str = "an Iglu URI glob like iglu:com.acme.*/*/jsonschema/1-*-*";

/// A `*` or the text a part must equal.
fn part_matches(rule: &str, part: &str) -> bool {
    rule == "*" || rule == part
}

/// True when `part` is one of `[a-zA-Z0-9-_]` (and `.` when `dots`), at least one.
fn is_name(part: &str, dots: bool) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (dots && b == b'.'))
}

/// A version number as Iglu writes it: `0` only where `zero` is allowed, no leading zeros.
fn is_number(part: &str, zero: bool) -> bool {
    match part.as_bytes() {
        [b'0'] => zero,
        [first, rest @ ..] => (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit),
        [] => false,
    }
}

/// The vendor, name and version parts of `uri` (`iglu:v/n/jsonschema/M-R-A`), unchecked.
fn split(uri: &str) -> Option<(&str, &str, [&str; 3])> {
    let mut parts = uri.strip_prefix("iglu:")?.split('/');
    let (vendor, name, format, version) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || format != "jsonschema" {
        return None;
    }
    let mut v = version.split('-');
    let versions = [v.next()?, v.next()?, v.next()?];
    v.next().is_none().then_some((vendor, name, versions))
}

/// The parts of a schema an event names, when it is a concrete Iglu URI.
fn schema_parts(schema: &str) -> Option<(&str, &str, [&str; 3])> {
    let (vendor, name, [m, r, a]) = split(schema)?;
    let ok = is_name(vendor, true) && is_name(name, false) && is_number(m, false) && is_number(r, true) && is_number(a, true);
    ok.then_some((vendor, name, [m, r, a]))
}

/// One valid rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule(String);

impl Rule {
    /// `text` when it is a valid rule.
    fn parse(text: &str) -> Option<Rule> {
        let (vendor, name, [m, r, a]) = split(text)?;
        let parts: Vec<&str> = vendor.split('.').collect();
        let named_after_star = parts.iter().skip_while(|p| **p != "*").any(|p| *p != "*");
        let vendor_ok = parts.len() >= 2
            && parts.iter().take(2).all(|p| *p != "*")
            && !named_after_star
            && parts.iter().all(|p| *p == "*" || is_name(p, false));
        let wild = |p: &str, ok: bool| p == "*" || ok;
        let ok = vendor_ok
            && wild(name, is_name(name, true))
            && wild(m, is_number(m, false))
            && wild(r, is_number(r, true))
            && wild(a, is_number(a, true));
        ok.then(|| Rule(text.to_owned()))
    }

    /// True when `schema` is a concrete Iglu URI this rule matches.
    fn matches(&self, schema: &str) -> bool {
        let (Some((rv, rn, rver)), Some((sv, sn, sver))) = (split(&self.0), schema_parts(schema)) else { return false };
        let (mut rule_vendor, mut vendor) = (rv.split('.'), sv.split('.'));
        let vendor_ok = loop {
            match (rule_vendor.next(), vendor.next()) {
                (Some(r), Some(v)) if part_matches(r, v) => {}
                (None, None) => break true,
                _ => break false,
            }
        };
        vendor_ok && part_matches(rn, sn) && rver.iter().zip(sver).all(|(r, s)| part_matches(r, s))
    }
}

/// A ruleset: the rules that accept an event's schema and those that reject it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleSet {
    accept: Vec<Rule>,
    reject: Vec<Rule>,
}

impl RuleSet {
    /// Read `{ accept?, reject? }` at `v` (each a rule or an array of rules, at least one of the
    /// two given); errors name `param` (`"addGlobalContexts: contexts[0][0]"`).
    pub fn read(v: Value<'_>, param: &str) -> Result<RuleSet> {
        if v.kind() != Kind::Object {
            return Err(Error::type_error(param, "a ruleset { accept, reject }", crate::opts::describe(v)));
        }
        let mut set = RuleSet::default();
        let mut given = false;
        for (key, list) in [("accept", &mut set.accept), ("reject", &mut set.reject)] {
            let Some(rules) = v.get(key).filter(|r| !crate::opts::absent(*r)) else { continue };
            given = true;
            let name = [param, ".", key].concat();
            let one = |r: Value<'_>, name: &str| match r.as_str() {
                Some(text) if r.kind() == Kind::String => {
                    Rule::parse(&text).ok_or_else(|| Error::type_error(name, EXPECTED, quoted(&text)))
                }
                _ => Err(Error::type_error(name, EXPECTED, crate::opts::describe(r))),
            };
            if rules.kind() == Kind::Array {
                for (i, r) in rules.items().enumerate() {
                    list.push(one(r, &[name.as_str(), "[", &crate::int_text(i as i64), "]"].concat())?);
                }
            } else {
                list.push(one(rules, &name)?);
            }
        }
        if !given {
            return Err(Error::type_error(param, "a ruleset with accept, reject or both", "neither"));
        }
        Ok(set)
    }

    /// True when a provider under this ruleset applies to an event of schema `schema` (`""` for
    /// events without one): no reject rule matches it, and an accept rule does (when there are
    /// accept rules).
    pub fn applies(&self, schema: &str) -> bool {
        let rejected = self.reject.iter().any(|r| r.matches(schema));
        let accepted = self.accept.is_empty() || self.accept.iter().any(|r| r.matches(schema));
        accepted && !rejected
    }
}

#[cfg(test)]
mod tests;
