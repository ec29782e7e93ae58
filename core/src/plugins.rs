//! Plugins (`tracker.addPlugin`) and the order in which an event meets them and the global
//! contexts, as @snowplow/tracker-core 4.x runs them: built → each plugin's `contexts()` →
//! global contexts → each `beforeTrack(builder)` → each `filter(payload)` → sent → each
//! `afterTrack(payload)`.
//!
//! Hooks are the user's functions, called by the host ([`Calls`]). A hook that throws, or
//! answers what it may not, is warned about once per plugin and skipped for that event; except
//! `filter`: one that throws drops the event (tracker-core keeps it; a broken consent filter
//! must not leak events). A returned promise is ignored, with the same one warning.

use std::cell::Cell;

use crate::error::{Error, Result};
use crate::events::SelfDescribingJson;
pub use crate::global_contexts::Calls;
use crate::global_contexts::{entities, GlobalContexts};
use crate::json::write_str;
use crate::json_read::parse;
use crate::opts::{marked_as, Taken};
use crate::{key, Payload};

/// The hooks a plugin may have, in the order the facade asks for them (its slot is the index
/// + 1), then the names of Snowplow's own plugin packages, which are refused.
pub const PLUGIN_TAKES: &str = "object contexts beforeTrack filter afterTrack activateBrowserPlugin activateCorePlugin";
const HOOKS: [&str; 4] = ["contexts", "beforeTrack", "filter", "afterTrack"];
const CONTEXTS: usize = 0;
const BEFORE_TRACK: usize = 1;
const FILTER: usize = 2;
const AFTER_TRACK: usize = 3;

/// One plugin the host holds as `F`.
#[derive(Debug)]
pub struct Plugin<F> {
    held: F,
    has: [bool; 4],
    warned: Cell<bool>,
}

impl<F> Plugin<F> {
    /// The plugin the facade took out (`t`, asked for [`PLUGIN_TAKES`]); errors name `param`.
    pub fn read(t: &Taken, param: &str, keep: impl FnOnce(&Taken) -> F) -> Result<Plugin<F>> {
        if t.function || t.has.iter().any(|h| h.starts_with("activate")) {
            let expected = "an object with contexts, beforeTrack, filter or afterTrack (Snowplow's own plugin packages are not supported: pass their hooks in a plain object)";
            return Err(Error::type_error(param, expected, t.describe()));
        }
        let has = HOOKS.map(|h| t.has.iter().any(|n| n == h));
        if !has.contains(&true) {
            return Err(Error::type_error(param, "an object with contexts, beforeTrack, filter or afterTrack", "an object with none"));
        }
        Ok(Plugin { held: keep(t), has, warned: Cell::new(false) })
    }

    /// Call hook `hook` if the plugin has it (a throw or a promise is warned about once).
    fn call(&self, hook: usize, args: &str, calls: &mut dyn Calls<F>) -> Hooked {
        if !self.has.get(hook).copied().unwrap_or(false) {
            return Hooked::Absent;
        }
        let name = HOOKS.get(hook).copied().unwrap_or_default();
        let thrown = if self.warned.get() { String::new() } else { [PREFIX, name, " threw", ONCE].concat() };
        let Some(answer) = calls.call(&self.held, hook as u32 + 1, hook == BEFORE_TRACK, args, &thrown) else {
            self.warned.set(true);
            return Hooked::Threw;
        };
        if parse(&answer).and_then(|v| v.at(0)).is_some_and(|v| marked_as(v, "promise")) {
            self.warn(name, " returned a promise (hooks are synchronous; it is ignored)", calls);
            return Hooked::Promise;
        }
        Hooked::Answer(answer)
    }

    fn warn(&self, hook: &str, what: &str, calls: &mut dyn Calls<F>) {
        if !self.warned.replace(true) {
            calls.warn(&[PREFIX, hook, what, ONCE].concat());
        }
    }
}

/// What calling a hook gave.
enum Hooked {
    /// The plugin has no such hook.
    Absent,
    /// The JSON text of `[result]`.
    Answer(String),
    /// It threw.
    Threw,
    /// It returned a promise (ignored).
    Promise,
}

const PREFIX: &str = "snowplow-tracker-wasm: a plugin's ";
const ONCE: &str = ": skipped for this event (warned once per plugin)";

/// What a tracker adds to its events: global contexts and plugins.
#[derive(Debug)]
pub struct Extensions<F> {
    /// The global contexts.
    pub globals: GlobalContexts<F>,
    /// The plugins, in the order added.
    pub plugins: Vec<Plugin<F>>,
}

impl<F> Default for Extensions<F> {
    fn default() -> Self {
        Extensions { globals: GlobalContexts::default(), plugins: Vec::new() }
    }
}

impl<F> Extensions<F> {
    /// True when events pass through nothing.
    pub fn is_empty(&self) -> bool {
        self.globals.is_empty() && self.plugins.is_empty()
    }

    /// The entities the plugins' `contexts()` and then the global contexts give the event
    /// `p` (built, without contexts) of schema `schema`, appended to `out`.
    pub fn contexts(&self, p: &Payload, schema: &str, calls: &mut dyn Calls<F>, out: &mut Vec<SelfDescribingJson>) {
        for plugin in &self.plugins {
            if let Hooked::Answer(answer) = plugin.call(CONTEXTS, "[]", calls) {
                match entities(&answer) {
                    Some(list) => out.extend(list),
                    None => plugin.warn("contexts()", " returned no array of entities", calls),
                }
            }
        }
        self.globals.apply(schema, &mut || event_args(p, schema), calls, out);
    }

    /// True when a plugin has `filter` or `afterTrack` (they are handed each event's JSON).
    pub fn watches_payloads(&self) -> bool {
        self.plugins.iter().any(|p| p.has[FILTER] || p.has[AFTER_TRACK])
    }

    /// True when a plugin has `beforeTrack`.
    pub fn changes_events(&self) -> bool {
        self.plugins.iter().any(|p| p.has[BEFORE_TRACK])
    }

    /// The event `p` (built, without contexts) and its contexts after each plugin's
    /// `beforeTrack`, handed a builder of them (see [`builder::args`]); a plugin whose builder
    /// does not leave a valid event is skipped for it (warned once).
    pub fn before_track(
        &self,
        p: Payload,
        contexts: Vec<SelfDescribingJson>,
        encode_base64: bool,
        calls: &mut dyn Calls<F>,
    ) -> (Payload, Vec<SelfDescribingJson>) {
        let mut current = (p, contexts);
        for plugin in &self.plugins {
            let state = builder::args(&current.0, &current.1.iter().collect::<Vec<_>>());
            let Hooked::Answer(answer) = plugin.call(BEFORE_TRACK, &state, calls) else { continue };
            match builder::result(&answer, &current.0, encode_base64) {
                Ok((p, replaced, contexts)) => {
                    current.0 = p;
                    if replaced {
                        current.1 = contexts;
                    } else {
                        current.1.extend(contexts);
                    }
                }
                Err(e) => plugin.warn("beforeTrack", &[" left an invalid event (", &e.message(), ")"].concat(), calls),
            }
        }
        current
    }

    /// False when a plugin's `filter` returns `false` or throws for the event `json` (its JSON
    /// text).
    pub fn keep(&self, json: &str, calls: &mut dyn Calls<F>) -> bool {
        let args = ["[", json, "]"].concat();
        self.plugins.iter().all(|plugin| match plugin.call(FILTER, &args, calls) {
            Hooked::Answer(answer) => answer != "[false]",
            Hooked::Threw => false,
            Hooked::Absent | Hooked::Promise => true,
        })
    }

    /// Each plugin's `afterTrack` with the event sent (`json`, its JSON text).
    pub fn after_track(&self, json: &str, calls: &mut dyn Calls<F>) {
        let args = ["[", json, "]"].concat();
        for plugin in &self.plugins {
            plugin.call(AFTER_TRACK, &args, calls);
        }
    }
}

/// The JSON text of `[{event, eventType, eventSchema}]` for generators and filters: the event's
/// fields as built (no contexts, no self-describing event: tracker-core hands them apart).
pub fn event_args(p: &Payload, schema: &str) -> String {
    let mut out = String::with_capacity(p.json_len_bound().min(4096) + 64);
    out.push_str("[{\"event\":");
    p.write_json_except(&mut out, &[key::UE_PX, key::UE_PR, key::CX, key::CO]);
    out.push_str(",\"eventType\":");
    write_str(&mut out, p.get(key::EVENT).unwrap_or_default());
    out.push_str(",\"eventSchema\":");
    write_str(&mut out, schema);
    out.push_str("}]");
    out
}

pub mod builder;
#[cfg(test)]
mod tests;
