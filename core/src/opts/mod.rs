//! Option sets declared once (name, kind, TypeScript type, doc: `decls.rs`): the reader of options sent as
//! `JSON.stringify` text reads them by name ([`read`]), and `src/bin/gen.rs` writes from the same
//! tables what the JS facade takes out of an options bag (functions, host objects) and the
//! TypeScript interfaces.

mod decls;
mod read;

pub use decls::{Param, ASYNC_EMITTER, ASYNC_EMITTER_DOCS, CLASSES, EMITTER, EMITTER_DOCS, SETS};
pub use read::{absent, describe, number, read_set, string, Got, Read, MARK};

/// What an option holds, as the reader checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An optional string.
    Str,
    /// An optional finite number.
    Num,
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
}

impl Kind {
    /// What the facade takes out of the bag for this kind: `"function"` (functions only),
    /// `"object"` (objects and functions), or nothing (the option crosses as JSON).
    pub fn takes(self) -> Option<&'static str> {
        match self {
            Kind::Function => Some("function"),
            Kind::NameOrObject => Some("object"),
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

/// An options interface: its name, doc, the interface it extends and its own options.
#[derive(Debug, PartialEq, Eq)]
pub struct Set {
    /// The TypeScript interface's name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// The interface it extends, whose options it also reads.
    pub extends: Option<&'static Set>,
    /// Its own options.
    pub decls: &'static [Decl],
}

impl Set {
    /// Every option the set reads: the extended set's first, then its own.
    pub fn all(&self) -> Vec<&'static Decl> {
        let mut out = self.extends.map(Set::all).unwrap_or_default();
        out.extend(self.decls.iter());
        out
    }
}

/// The slot of held option `name` of `set`: its place among the set's options the facade
/// takes out, in declaration order.
pub fn slot(set: &Set, name: &str) -> Option<usize> {
    set.all().iter().filter(|d| d.kind.takes().is_some()).position(|d| d.name == name)
}

#[cfg(test)]
mod tests;
