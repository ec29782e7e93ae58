//! Option sets declared once (name, kind, TypeScript type, doc: `decls.rs`): the reader of options sent as
//! `JSON.stringify` text reads them by name ([`read`]), and `src/bin/gen.rs` writes from the same
//! tables what the JS facade takes out of an options bag (functions, host objects) and the
//! TypeScript interfaces.

mod decls;
mod method_docs;
mod read;

pub use decls::{
    Method, Param, ACTIVITY, ACTIVITY_CALLBACK, ANONYMOUS, ASYNC_EMITTER, ASYNC_EMITTER_DOCS, CLASSES, CLEAR_USER_DATA, DRAIN,
    DRAIN_PARAMS, EMITTER, EMITTER_DOCS, EMITTER_PARAMS, FORWARD_PARAMS, GETTERS, HANDLE_CLASSES, IDENTITY_COOKIE, METHODS, QUEUE,
    QUEUE_PARAMS, REDIS_PARAMS, REQUEST, SETS, SUBJECT_EXPECTED, TRACKER, TRACKER_PARAMS, WEB_CONTEXTS,
};
pub use method_docs::{ClassDoc, MethodDoc, CLASS_DOCS, METHOD_DOCS};
pub use read::{absent, describe, is_marked, marked_as, number, read_one, read_set, string, taken, Got, Read, Taken, MARK};

/// What an option holds, as the reader checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An optional string.
    Str,
    /// An optional finite number.
    Num,
    /// An optional boolean.
    Bool,
    /// Seconds, or `[first, second]` seconds.
    Timeout,
    /// An object of key → boolean.
    Flags,
    /// An object of key → string.
    Texts,
    /// A function the facade keeps (the module names it by its slot).
    Function,
    /// A name, or an object the facade keeps (a store, a client).
    NameOrObject,
    /// One of the package's objects (a `Subject`), kept by the facade; what it must be.
    Object(&'static str),
    /// A nested options bag of the set.
    Bag(&'static Set),
    /// `true` or `false`, or a nested bag of the set (on, with those options); what it must be.
    Switch(&'static Set, &'static str),
}

impl Kind {
    /// What the facade takes out of the bag for this kind: `"function"` (functions only),
    /// `"object"` (objects and functions) followed by the names of the functions to ask it for
    /// (a store's `load`, `add` and `remove`), or nothing (the option crosses as JSON).
    pub fn takes(self) -> Option<&'static str> {
        match self {
            Kind::Function => Some("function"),
            Kind::NameOrObject => Some(crate::emitter::store::CUSTOM_STORE_TAKES),
            Kind::Object(_) => Some("object"),
            _ => None,
        }
    }
}

/// One declared option (its TypeScript type and doc are beside it in the set's docs table).
#[derive(Debug, PartialEq, Eq)]
pub struct Decl {
    /// Its name in the options bag.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
}

/// An options interface: its name, the interface it extends and its own options (its docs are
/// apart, in [`SETS`], so the shipped module does not carry them).
#[derive(Debug, PartialEq, Eq)]
pub struct Set {
    /// The TypeScript interface's name.
    pub name: &'static str,
    /// The interface it extends, whose options it also reads.
    pub extends: Option<&'static Set>,
    /// Its own options.
    pub decls: &'static [Decl],
}

impl Kind {
    /// The nested set a bag option reads, if it is one.
    pub fn nested(self) -> Option<&'static Set> {
        match self {
            Kind::Bag(set) | Kind::Switch(set, _) => Some(set),
            _ => None,
        }
    }
}

impl Set {
    /// Every option the set reads: the extended set's first, then its own.
    pub fn all(&self) -> Vec<&'static Decl> {
        let mut out = self.extends.map(Set::all).unwrap_or_default();
        out.extend(self.decls.iter());
        out
    }
}

/// Method `index` of `class` in its [`METHODS`] entry.
pub fn method_at(class: &str, index: u32) -> Option<&'static Method> {
    METHODS.iter().find(|(c, _)| *c == class).and_then(|(_, m)| m.get(index as usize))
}

/// The declared parameters of `method` of `class` (`""`: a module function); none if undeclared.
pub fn method_params(class: &str, method: &str) -> &'static [Param] {
    let methods = METHODS.iter().filter(|(c, _)| *c == class).flat_map(|(_, m)| m.iter());
    methods.into_iter().find(|(m, _)| *m == method).map_or(&[], |(_, p)| *p)
}

#[cfg(test)]
mod tests;
