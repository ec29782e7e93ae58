//! Prints the declared option sets and constructor parameters as JSON, for
//! `scripts/gen-api.mjs`: the TypeScript interfaces and the facade's lists of what it takes out
//! of an options bag are written from it (`scripts/build.sh` runs this).

use snowplow_core::events::kinds::{Field, Ty, TRACKED, TRACKED_DOCS};
use snowplow_core::json::write_str;
use snowplow_core::opts::{Kind, Param, Set, CLASSES, CLASS_DOCS, GETTERS, METHODS, METHOD_DOCS, SETS};

/// What the facade follows in an event's options: `0` a value (objects in it are marked), `1`
/// data (as `JSON.stringify` writes it), `"object"` held (`"object input"`: asked whether it has
/// an `input` function), `"stack"` an object's `stack` read, `[spec]` each item, `{…}` a bag;
/// and in a method's parameters `3`,
/// global context providers (see `js/facade.js` `pass`).
fn event_spec(out: &mut String, fields: &[Field], common: bool) {
    out.push('{');
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, f.name.name());
        out.push(':');
        match f.ty {
            Ty::Items(table) => {
                out.push('[');
                event_spec(out, table, false);
                out.push(']');
            }
            Ty::SelfDescribing => out.push_str(SELF_DESCRIBING),
            Ty::Stack => out.push_str("\"stack\""),
            _ => out.push('0'),
        }
    }
    if common {
        out.push_str(",\"context\":[");
        out.push_str(SELF_DESCRIBING);
        out.push_str("],\"trueTimestamp\":0,\"subject\":\"object\"");
    }
    out.push('}');
}

/// What the facade follows in an options bag of `set`: held options by what it takes, nested
/// bags by their own spec, everything else `0`.
fn bag_spec(out: &mut String, set: &Set) {
    out.push('{');
    for (k, d) in set.all().iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        write_str(out, d.name);
        out.push(':');
        kind_spec(out, d.kind);
    }
    out.push('}');
}

/// What the facade does with a value of `kind`: take it out, follow it as a bag, or read it.
fn kind_spec(out: &mut String, kind: Kind) {
    match (kind.takes(), kind.nested()) {
        (Some(t), _) => write_str(out, t),
        (None, Some(nested)) => bag_spec(out, nested),
        (None, None) => out.push('0'),
    }
}

/// The spec of a parameter list.
fn params_spec(out: &mut String, params: &[Param]) {
    out.push('[');
    for (j, p) in params.iter().enumerate() {
        if j > 0 {
            out.push(',');
        }
        match p {
            Param::Value(_) => out.push('0'),
            Param::Held(_, takes) => write_str(out, takes),
            Param::Option(d) => kind_spec(out, d.kind),
            Param::Bag(_, set) => bag_spec(out, set),
            Param::Providers(_) => out.push('3'),
        }
    }
    out.push(']');
}

/// `"name":spec,…` of the declared methods of `class`.
fn methods_spec(out: &mut String, class: &str, first: bool) {
    let methods = METHODS.iter().filter(|(c, _)| *c == class).flat_map(|(_, m)| m.iter());
    for (i, (name, params)) in methods.enumerate() {
        if i > 0 || !first {
            out.push(',');
        }
        write_str(out, name);
        out.push(':');
        params_spec(out, params);
    }
}

/// `{"key":"text",…}` of string members, after a comma unless it is the `first` of a list.
fn text_object(out: &mut String, first: bool, members: &[(&str, &str)]) {
    out.push_str(if first { "{" } else { ",{" });
    for (i, (key, text)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, key);
        out.push(':');
        write_str(out, text);
    }
    out.push('}');
}

/// The spec of a `{schema, data}` object.
const SELF_DESCRIBING: &str = "{\"schema\":0,\"data\":1}";

fn main() {
    let mut out = String::from("{\"sets\":[");
    for (i, (set, (set_doc, docs))) in SETS.iter().enumerate() {
        out.push_str(if i == 0 { "{\"name\":" } else { ",{\"name\":" });
        write_str(&mut out, set.name);
        out.push_str(",\"doc\":");
        write_str(&mut out, set_doc);
        out.push_str(",\"extends\":");
        match set.extends {
            Some(e) => write_str(&mut out, e.name),
            None => out.push_str("null"),
        }
        out.push_str(",\"options\":[");
        for (j, (d, (ts, doc))) in set.decls.iter().zip(docs.iter()).enumerate() {
            text_object(&mut out, j == 0, &[("name", d.name), ("ts", ts), ("doc", doc)]);
        }
        out.push_str("]}");
    }
    out.push_str("],\"classes\":{");
    for (i, (name, params)) in CLASSES.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, name);
        out.push(':');
        params_spec(&mut out, params);
    }
    out.push_str("},\"methods\":{\"Tracker\":{");
    for (i, kind) in TRACKED.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, kind.method);
        out.push_str(":[");
        event_spec(&mut out, kind.fields, true);
        out.push(']');
    }
    methods_spec(&mut out, "Tracker", false);
    out.push('}');
    for (class, _) in METHODS.iter().filter(|(c, _)| !c.is_empty() && *c != "Tracker") {
        out.push(',');
        write_str(&mut out, class);
        out.push_str(":{");
        methods_spec(&mut out, class, true);
        out.push('}');
    }
    out.push_str("},\"functions\":{");
    methods_spec(&mut out, "", true);
    out.push_str("},\"tracked\":[");
    for (i, (kind, (ts, optional, returns, doc))) in TRACKED.iter().zip(TRACKED_DOCS).enumerate() {
        let mark = if *optional { "?" } else { "" };
        text_object(&mut out, i == 0, &[("name", kind.method), ("ts", ts), ("optional", mark), ("returns", returns), ("doc", doc)]);
    }
    out.push_str("],\"calls\":{");
    for (i, (class, docs)) in METHOD_DOCS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, class);
        out.push_str(":[");
        let methods = METHODS.iter().filter(|(c, _)| c == class).flat_map(|(_, m)| m.iter());
        for (j, ((name, _), (params, returns, doc))) in methods.zip(docs.iter()).enumerate() {
            let kind = if GETTERS.contains(name) { "getter" } else { "method" };
            text_object(&mut out, j == 0, &[("name", name), ("params", params), ("returns", returns), ("doc", doc), ("kind", kind)]);
        }
        out.push(']');
    }
    out.push_str("},\"objects\":[");
    for (i, (name, params, doc, constructor)) in CLASS_DOCS.iter().enumerate() {
        text_object(&mut out, i == 0, &[("name", name), ("params", params), ("doc", doc), ("constructorDoc", constructor)]);
    }
    out.push_str("]}");
    println!("{out}");
}
