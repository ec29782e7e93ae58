//! A JSON reader (RFC 8259) for the one text a call from JS brings: options and events made by
//! the engine's `JSON.stringify`, read by name against the option tables.
//!
//! The text may be forged, so [`parse`] checks all of it first (nesting at most [`MAX_DEPTH`]
//! deep, so a hostile `[[[[…` is refused, never a stack overflow). A [`Value`] is then just a
//! slice of checked text, walked again when asked for a member or an item: no tree is built and
//! nothing is allocated but the strings that hold escapes. One scanner serves for checking and
//! for walking, so the code is small. Each value keeps its exact source text ([`Value::raw`]):
//! event and context `data` are embedded byte for byte as `JSON.stringify` wrote them. Numbers
//! stay text; [`crate::num_read`] reads one when a rule needs its value.
//!
//! Walking costs time in proportion to the text walked: [`Value::get`] reads every member of its
//! object (the last of duplicate keys wins, as in `JSON.parse`), [`Value::at`] the items before
//! its index. Iterate with [`Value::items`] and [`Value::members`] to read each part once.

use std::borrow::Cow;

use crate::num_read::number_end;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: u32 = 256;

/// The text of one JSON value that [`parse`] checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'a> {
    raw: &'a str,
}

/// What a [`Value`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number, kept as its text.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

/// The one JSON value `text` holds (whitespace around it allowed), or `None` when `text` is not
/// well-formed JSON or nests deeper than [`MAX_DEPTH`]. A lone surrogate escape (`"\ud800"`) is
/// accepted, as `JSON.parse` accepts it, and reads as U+FFFD.
pub fn parse(text: &str) -> Option<Value<'_>> {
    let mut s = Scan { b: text.as_bytes(), i: 0 };
    s.ws();
    let start = s.i;
    let ok = s.value(0);
    let end = s.i;
    s.ws();
    if ok && s.i == text.len() {
        text.get(start..end).map(|raw| Value { raw })
    } else {
        None
    }
}

impl<'a> Value<'a> {
    /// The value's text exactly as it stands in the source.
    pub fn raw(self) -> &'a str {
        self.raw
    }

    /// What the value is.
    pub fn kind(self) -> Kind {
        match self.raw.as_bytes().first() {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'"') => Kind::String,
            Some(b'[') => Kind::Array,
            Some(b'{') => Kind::Object,
            _ => Kind::Number,
        }
    }

    /// True for `null`.
    pub fn is_null(self) -> bool {
        self.raw == "null"
    }

    /// The boolean, for `true` or `false`.
    pub fn as_bool(self) -> Option<bool> {
        match self.raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// The number's text (`13.99`, `1e+21`), for a number.
    pub fn as_number(self) -> Option<&'a str> {
        (self.kind() == Kind::Number).then_some(self.raw)
    }

    /// The decoded string, for a string: borrowed from the source when it has no escapes.
    pub fn as_str(self) -> Option<Cow<'a, str>> {
        (self.kind() == Kind::String).then(|| unquote(self.raw))
    }

    /// The value of the object's member `name` (the last one when the key is repeated, as in
    /// `JSON.parse`); `None` when there is none or this is not an object.
    pub fn get(self, name: &str) -> Option<Value<'a>> {
        let mut found = None;
        for (key, value) in self.members() {
            if key == name {
                found = Some(value);
            }
        }
        found
    }

    /// The object's members in order, keys decoded, repeated keys included; none when this is
    /// not an object.
    pub fn members(self) -> Members<'a> {
        Members(Walk::of(self, b'{'))
    }

    /// The array's items in order; none when this is not an array.
    pub fn items(self) -> Items<'a> {
        Items(Walk::of(self, b'['))
    }

    /// The array's item `index`; `None` past the end or when this is not an array.
    pub fn at(self, index: usize) -> Option<Value<'a>> {
        self.items().nth(index)
    }

    /// How many items (an array) or members (an object, repeated keys counted) it has; 0 for
    /// anything else.
    pub fn len(self) -> usize {
        let mut walk = Walk::of(self, if self.kind() == Kind::Object { b'{' } else { b'[' });
        let mut n = 0;
        while walk.step().is_some() {
            n += 1;
        }
        n
    }

    /// True when [`Value::len`] is 0.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// The items of an array ([`Value::items`]).
#[derive(Debug, Clone)]
pub struct Items<'a>(Walk<'a>);

impl<'a> Iterator for Items<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        self.0.step().map(|(_, value)| value)
    }
}

/// The members of an object, `(key, value)` ([`Value::members`]).
#[derive(Debug, Clone)]
pub struct Members<'a>(Walk<'a>);

impl<'a> Iterator for Members<'a> {
    type Item = (Cow<'a, str>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.step().map(|(key, value)| (unquote(key), value))
    }
}

/// A place in a checked array or object.
#[derive(Debug, Clone)]
struct Walk<'a> {
    text: &'a str,
    i: usize,
    keyed: bool,
}

impl<'a> Walk<'a> {
    /// The start of `v` when it opens with `open`, else the end.
    fn of(v: Value<'a>, open: u8) -> Walk<'a> {
        let inside = v.raw.as_bytes().first() == Some(&open);
        Walk { text: v.raw, i: if inside { 1 } else { v.raw.len() }, keyed: open == b'{' }
    }

    /// The next part: its key as written (quoted; empty in an array) and its value.
    fn step(&mut self) -> Option<(&'a str, Value<'a>)> {
        let mut s = Scan { b: self.text.as_bytes(), i: self.i };
        s.ws();
        s.eat(b',');
        s.ws();
        let key_start = s.i;
        let mut ok = !self.keyed || s.string();
        let key_end = s.i;
        if self.keyed {
            s.ws();
            s.eat(b':');
            s.ws();
        }
        let start = s.i;
        ok = ok && s.value(0);
        self.i = if ok { s.i } else { self.text.len() };
        if !ok {
            return None;
        }
        Some((self.text.get(key_start..key_end)?, Value { raw: self.text.get(start..s.i)? }))
    }
}

/// The checker: reads one well-formed value at `i` and moves past it.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    /// The byte at `i`; 0 at the end (never valid where a token is expected).
    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(0)
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == c;
        if hit {
            self.i += 1;
        }
        hit
    }

    fn ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        let hit = self.b.get(self.i..self.i + word.len()) == Some(word);
        if hit {
            self.i += word.len();
        }
        hit
    }

    fn string(&mut self) -> bool {
        if !self.eat(b'"') {
            return false;
        }
        loop {
            let c = self.peek();
            self.i += 1;
            match c {
                b'"' => return true,
                b'\\' => {
                    let e = self.peek();
                    self.i += 1;
                    if e == b'u' {
                        if hex4(self.b, self.i).is_none() {
                            return false;
                        }
                        self.i += 4;
                    } else if !b"\"\\/bfnrt".contains(&e) {
                        return false;
                    }
                }
                0..=0x1f => return false, // also the end of the text
                _ => {}
            }
        }
    }

    /// One value at `i`, inside `depth` arrays and objects.
    fn value(&mut self, depth: u32) -> bool {
        match self.peek() {
            // `{` + 2 is `}`, `[` + 2 is `]`.
            open @ (b'{' | b'[') if depth < MAX_DEPTH => {
                self.i += 1;
                self.parts(open + 2, depth + 1)
            }
            b'"' => self.string(),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => match number_end(self.b, self.i) {
                Some(end) => {
                    self.i = end;
                    true
                }
                None => false,
            },
        }
    }

    /// The items or members after an opening bracket, up to and including `close`.
    fn parts(&mut self, close: u8, depth: u32) -> bool {
        self.ws();
        if self.eat(close) {
            return true;
        }
        loop {
            if close == b'}' {
                if !self.string() {
                    return false;
                }
                self.ws();
                if !self.eat(b':') {
                    return false;
                }
                self.ws();
            }
            if !self.value(depth) {
                return false;
            }
            self.ws();
            if !self.eat(b',') {
                return self.eat(close);
            }
            self.ws();
        }
    }
}

/// The four hex digits at `i`.
fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let mut u = 0;
    for k in i..i + 4 {
        u = u * 16 + char::from(*b.get(k)?).to_digit(16)?;
    }
    Some(u)
}

/// The text of a checked string literal (quotes included), decoded.
fn unquote(raw: &str) -> Cow<'_, str> {
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let b = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let (mut i, mut start) = (0, 0);
    while let Some(&c) = b.get(i) {
        if c != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(inner.get(start..i).unwrap_or_default());
        let e = b.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        out.push(match e {
            b'u' => {
                let mut u = hex4(b, i).unwrap_or(0xFFFD);
                i += 4;
                // A high surrogate takes the low one that follows it; alone, either is U+FFFD.
                if (0xD800..0xDC00).contains(&u) && b.get(i..i + 2) == Some(b"\\u") {
                    if let Some(low @ 0xDC00..=0xDFFF) = hex4(b, i + 2) {
                        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                char::from_u32(u).unwrap_or('\u{FFFD}')
            }
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            other => char::from(other), // `"`, `\`, `/`
        });
        start = i;
    }
    out.push_str(inner.get(start..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
