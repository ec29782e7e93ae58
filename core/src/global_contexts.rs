//! Global contexts, as @snowplow/tracker-core 4.x keeps them (`addGlobalContexts`,
//! `removeGlobalContexts`, `clearGlobalContexts`): which providers a tracker holds, and which
//! entities they give an event.
//!
//! A provider is a static entity, a generator (a user's function, `F`: the host calls it), or a
//! conditional `[filter or ruleset, provider or providers]`. Primitives (entities and
//! generators) come before conditionals, unnamed before named, each in the order added; a name
//! added again replaces its provider in place. Removal compares functions by identity and data
//! by value, as tracker-core's `compareProvider` does. Differences from tracker-core, on
//! purpose: anything that is not a provider is a TypeError when added (tracker-core drops it
//! silently), a generator or filter that throws or answers wrongly is warned about once per
//! provider, and rulesets match as [`crate::rulesets`] says.

use std::cell::Cell;

use crate::error::{Error, Result};
use crate::events::read::entity;
use crate::events::SelfDescribingJson;
use crate::json_read::{parse, Kind, Value};
use crate::opts::{describe, is_marked, taken, Taken};
use crate::rulesets::RuleSet;

/// How the tracker calls its user's functions: the host runs them, never the core.
pub trait Calls<F> {
    /// Call `f` (`slot` 0), or its method `slot` (a plugin's hook, see
    /// [`crate::plugins::PLUGIN_TAKES`]; `builder`: handed a payload builder of the state in
    /// `args`), with the JSON text `args` (its arguments, an array); the JSON text of
    /// `[result]`, or `None` when it threw (the host logs what it threw with `thrown`, unless
    /// `thrown` is empty).
    fn call(&mut self, f: &F, slot: u32, builder: bool, args: &str, thrown: &str) -> Option<String>;
    /// Warn the developer (`console.warn`).
    fn warn(&mut self, text: &str);
}

/// An entity or a function that makes them.
#[derive(Debug)]
pub enum Primitive<F> {
    /// A static `{schema, data}`.
    Entity(SelfDescribingJson),
    /// `(args) => entity | entity[] | undefined`.
    Generator(F),
}

/// When a conditional provider applies.
#[derive(Debug)]
pub enum Condition<F> {
    /// `(args) => boolean`: applies when it returns `true`.
    Filter(F),
    /// Applies to the event schemas the ruleset accepts.
    Rules(RuleSet),
}

/// One provider as added.
#[derive(Debug)]
pub struct Provider<F> {
    condition: Option<Condition<F>>,
    primitives: Vec<Primitive<F>>,
    /// Its primitives were given as an array (`[filter, [a]]` is not `[filter, a]` to removal).
    listed: bool,
    /// It was warned about (once per provider per tracker).
    warned: Cell<bool>,
}

/// What [`Provider`] reading expects.
const PROVIDER: &str = "a global context: a {schema, data} entity, a generator function or a [filter or ruleset, provider(s)] pair";
const PRIMITIVE: &str = "a {schema, data} entity or a generator function";

/// What the facade took out at `v`, when it is a function.
fn function(v: Value<'_>) -> Option<Taken> {
    taken(v).filter(|t| t.function)
}

/// A primitive at `v`; `keep` makes the tracker's own reference of a function.
fn primitive<F>(v: Value<'_>, name: &str, expected: &'static str, keep: &mut dyn FnMut(Taken) -> F) -> Result<Primitive<F>> {
    match function(v) {
        Some(t) => Ok(Primitive::Generator(keep(t))),
        None if v.kind() == Kind::Object => entity(v, name).map(Primitive::Entity),
        None => Err(Error::type_error(name, expected, describe(v))),
    }
}

impl<F> Provider<F> {
    /// The provider at `v` (errors name it `name`, `"Tracker.addGlobalContexts: contexts[0]"`).
    pub fn read(v: Value<'_>, name: &str, keep: &mut dyn FnMut(Taken) -> F) -> Result<Provider<F>> {
        let mut p = Provider { condition: None, primitives: Vec::new(), listed: false, warned: Cell::new(false) };
        if v.kind() != Kind::Array {
            p.primitives.push(primitive(v, name, PROVIDER, keep)?);
            return Ok(p);
        }
        let (Some(first), Some(second), 2) = (v.at(0), v.at(1), v.len()) else {
            return Err(Error::type_error(name, "a [filter or ruleset, provider(s)] pair", describe(v)));
        };
        p.condition = Some(match function(first) {
            Some(t) => Condition::Filter(keep(t)),
            None => Condition::Rules(RuleSet::read(first, &[name, "[0]"].concat())?),
        });
        let at = [name, "[1]"].concat();
        p.listed = second.kind() == Kind::Array;
        if !p.listed {
            p.primitives.push(primitive(second, &at, PRIMITIVE, keep)?);
        }
        for (i, item) in second.items().enumerate().filter(|_| p.listed) {
            p.primitives.push(primitive(item, &crate::indexed(&at, i), PRIMITIVE, keep)?);
        }
        Ok(p)
    }

    fn is_conditional(&self) -> bool {
        self.condition.is_some()
    }

    /// True when `self` and `other` are the same provider: functions compared by `same`, data by
    /// value.
    fn same_as(&self, other: &Provider<F>, same: &mut dyn FnMut(&F, &F) -> bool) -> bool {
        let condition = match (&self.condition, &other.condition) {
            (None, None) => true,
            (Some(Condition::Filter(a)), Some(Condition::Filter(b))) => same(a, b),
            (Some(Condition::Rules(a)), Some(Condition::Rules(b))) => a == b,
            _ => false,
        };
        condition
            && self.listed == other.listed
            && self.primitives.len() == other.primitives.len()
            && self.primitives.iter().zip(&other.primitives).all(|pair| match pair {
                (Primitive::Entity(a), Primitive::Entity(b)) => a.schema == b.schema && a.data.raw_text() == b.data.raw_text(),
                (Primitive::Generator(a), Primitive::Generator(b)) => same(a, b),
                _ => false,
            })
    }

    /// Warn about this provider with `text`, once.
    fn warn_once(&self, calls: &mut dyn Calls<F>, text: &str) {
        if !self.warned.replace(true) {
            calls.warn(text);
        }
    }
}

/// A tracker's global contexts.
#[derive(Debug)]
pub struct GlobalContexts<F> {
    unnamed: Vec<Provider<F>>,
    named: Vec<(String, Provider<F>)>,
}

impl<F> Default for GlobalContexts<F> {
    fn default() -> Self {
        GlobalContexts { unnamed: Vec::new(), named: Vec::new() }
    }
}

/// What `addGlobalContexts` takes.
const CONTEXTS: &str = "an array of global contexts or an object of named ones";

impl<F> GlobalContexts<F> {
    /// True when it holds no provider.
    pub fn is_empty(&self) -> bool {
        self.unnamed.is_empty() && self.named.is_empty()
    }

    /// Add the providers at `v` (an array, or an object of named providers): all of them, or
    /// none when one is not a provider. Errors name `param` (`"contexts"`).
    pub fn add(&mut self, v: Value<'_>, param: &str, keep: &mut dyn FnMut(Taken) -> F) -> Result<()> {
        match v.kind() {
            Kind::Array => {
                let mut read = Vec::with_capacity(v.len());
                for (i, item) in v.items().enumerate() {
                    read.push(Provider::read(item, &crate::indexed(param, i), keep)?);
                }
                self.unnamed.extend(read);
            }
            Kind::Object if !is_marked(v) => {
                let mut read = Vec::with_capacity(v.len());
                for (name, item) in v.members() {
                    read.push((name.to_string(), Provider::read(item, &[param, ".", &name].concat(), keep)?));
                }
                for (name, p) in read {
                    let kind = p.is_conditional();
                    match self.named.iter_mut().find(|(n, q)| *n == name && q.is_conditional() == kind) {
                        Some(slot) => slot.1 = p,
                        None => self.named.push((name, p)),
                    }
                }
            }
            _ => return Err(Error::type_error(param, CONTEXTS, describe(v))),
        }
        Ok(())
    }

    /// Remove what `v` names (an array of names and providers): a name removes both named
    /// providers of that name; a provider removes every unnamed one equal to it (`keep` makes
    /// references of the call's functions, `same` compares two). Nothing is removed when one is
    /// neither.
    pub fn remove(
        &mut self,
        v: Value<'_>,
        param: &str,
        keep: &mut dyn FnMut(Taken) -> F,
        same: &mut dyn FnMut(&F, &F) -> bool,
    ) -> Result<()> {
        if v.kind() != Kind::Array {
            return Err(Error::type_error(param, "an array of global contexts and names", describe(v)));
        }
        let mut names = Vec::new();
        let mut probes = Vec::new();
        for (i, item) in v.items().enumerate() {
            match item.as_str() {
                Some(name) if item.kind() == Kind::String => names.push(name.into_owned()),
                _ => probes.push(Provider::read(item, &crate::indexed(param, i), keep)?),
            }
        }
        self.named.retain(|(n, _)| !names.contains(n));
        self.unnamed.retain(|p| !probes.iter().any(|probe| p.same_as(probe, same)));
        Ok(())
    }

    /// Remove every provider.
    pub fn clear(&mut self) {
        self.unnamed.clear();
        self.named.clear();
    }

    fn in_order(&self, conditional: bool) -> impl Iterator<Item = &Provider<F>> {
        let named = self.named.iter().map(|(_, p)| p);
        self.unnamed.iter().chain(named).filter(move |p| p.is_conditional() == conditional)
    }

    /// The entities the providers give an event whose schema is `schema` (`""` for events
    /// without one), appended to `out`; `args` is the JSON text of `[{event, eventType,
    /// eventSchema}]`, made only when a function is to be called.
    pub fn apply(&self, schema: &str, args: &mut dyn FnMut() -> String, calls: &mut dyn Calls<F>, out: &mut Vec<SelfDescribingJson>) {
        let mut text: Option<String> = None;
        let mut args = move || text.get_or_insert_with(&mut *args).clone();
        for p in self.in_order(false).chain(self.in_order(true)) {
            let applies = match &p.condition {
                None => true,
                Some(Condition::Rules(r)) => r.applies(schema),
                Some(Condition::Filter(f)) => {
                    let thrown = if p.warned.get() { "" } else { THREW };
                    match calls.call(f, 0, false, &args(), thrown).as_deref().map(first) {
                        None => {
                            p.warned.set(true);
                            false
                        }
                        Some(Some("true")) => true,
                        Some(Some("false")) => false,
                        Some(_) => {
                            p.warn_once(calls, NOT_BOOLEAN);
                            false
                        }
                    }
                }
            };
            if applies {
                for prim in &p.primitives {
                    match prim {
                        Primitive::Entity(e) => out.push(e.clone()),
                        Primitive::Generator(f) => generate(p, f, &args(), calls, out),
                    }
                }
            }
        }
    }
}

/// The raw JSON text of the first item of the array text `answer`.
fn first(answer: &str) -> Option<&str> {
    parse(answer).and_then(|v| v.at(0)).map(Value::raw)
}

const THREW: &str = "snowplow-tracker-wasm: a global context's function threw: skipped for this event (warned once per provider)";
const NOT_BOOLEAN: &str =
    "snowplow-tracker-wasm: a global context's filter returned no boolean: skipped for this event (warned once per provider)";
const NOT_ENTITY: &str = "snowplow-tracker-wasm: a global context's generator returned no entity or array of entities: skipped for this event (warned once per provider)";

/// What generator `f` of provider `p` gives, appended to `out`.
fn generate<F>(p: &Provider<F>, f: &F, args: &str, calls: &mut dyn Calls<F>, out: &mut Vec<SelfDescribingJson>) {
    let thrown = if p.warned.get() { "" } else { THREW };
    let Some(answer) = calls.call(f, 0, false, args, thrown) else {
        p.warned.set(true);
        return;
    };
    match entities(&answer) {
        Some(list) => out.extend(list),
        None => p.warn_once(calls, NOT_ENTITY),
    }
}

/// The entities a function answered (`[result]` as JSON text): none for `undefined` or `null`,
/// one entity, or an array of them; `None` when it is anything else or one is not valid.
pub fn entities(answer: &str) -> Option<Vec<SelfDescribingJson>> {
    let v = parse(answer)?.at(0)?;
    match v.kind() {
        Kind::Null => Some(Vec::new()),
        Kind::Array => {
            let mut list = Vec::with_capacity(v.len());
            for item in v.items() {
                list.push(entity(item, "entity").ok()?);
            }
            Some(list)
        }
        _ => entity(v, "entity").ok().map(|e| vec![e]),
    }
}

#[cfg(test)]
pub(crate) mod tests;
