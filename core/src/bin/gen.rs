//! Prints the declared option sets and constructor parameters as JSON, for
//! `scripts/gen-api.mjs`: the TypeScript interfaces and the facade's lists of what it takes out
//! of an options bag are written from it (`scripts/build.sh` runs this).

use snowplow_core::json::write_str;
use snowplow_core::opts::{Param, CLASSES, SETS};

fn main() {
    let mut out = String::from("{\"sets\":[");
    for (i, (set, docs)) in SETS.iter().enumerate() {
        out.push_str(if i == 0 { "{\"name\":" } else { ",{\"name\":" });
        write_str(&mut out, set.name);
        out.push_str(",\"doc\":");
        write_str(&mut out, set.doc);
        out.push_str(",\"extends\":");
        match set.extends {
            Some(e) => write_str(&mut out, e.name),
            None => out.push_str("null"),
        }
        out.push_str(",\"options\":[");
        for (j, (d, (ts, doc))) in set.decls.iter().zip(docs.iter()).enumerate() {
            out.push_str(if j == 0 { "{\"name\":" } else { ",{\"name\":" });
            write_str(&mut out, d.name);
            out.push_str(",\"ts\":");
            write_str(&mut out, ts);
            out.push_str(",\"doc\":");
            write_str(&mut out, doc);
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push_str("],\"classes\":{");
    for (i, (name, params)) in CLASSES.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, name);
        out.push_str(":[");
        for (j, p) in params.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            match p {
                Param::Value(_) => out.push('0'),
                Param::Bag(_, set) => {
                    out.push('{');
                    for (k, d) in set.all().iter().enumerate() {
                        if k > 0 {
                            out.push(',');
                        }
                        write_str(&mut out, d.name);
                        out.push(':');
                        match d.kind.takes() {
                            Some(t) => write_str(&mut out, t),
                            None => out.push('0'),
                        }
                    }
                    out.push('}');
                }
            }
        }
        out.push(']');
    }
    out.push_str("}}");
    println!("{out}");
}
