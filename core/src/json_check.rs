//! Whether a text is well-formed JSON (RFC 8259), without building a tree: events given back
//! to `emitter.input()` carry contexts and self-describing data as JSON text, checked here
//! before a collector would refuse them.

/// Deepest nesting accepted (a hostile `[[[[…` ends as "not JSON", never a stack overflow).
const MAX_DEPTH: u32 = 256;

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
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
    fn digits(&mut self) -> bool {
        let start = self.i;
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        self.i > start
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
                        if !self.b.get(self.i..self.i + 4).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                            return false;
                        }
                        self.i += 4;
                    } else if !b"\"\\/bfnrt".contains(&e) {
                        return false;
                    }
                }
                0..=0x1f => return false, // also the end of the text (peek gives 0)
                _ => {}
            }
        }
    }
    fn number(&mut self) -> bool {
        self.eat(b'-');
        if !self.eat(b'0') && !self.digits() {
            return false;
        }
        if self.eat(b'.') && !self.digits() {
            return false;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            return self.digits();
        }
        true
    }
    /// `open` items `close`, each read by `item`, separated by commas.
    fn list(&mut self, close: u8, depth: u32, item: fn(&mut Self, u32) -> bool) -> bool {
        self.ws();
        if self.eat(close) {
            return true;
        }
        loop {
            if !item(self, depth) {
                return false;
            }
            self.ws();
            if !self.eat(b',') {
                return self.eat(close);
            }
            self.ws();
        }
    }
    fn member(&mut self, depth: u32) -> bool {
        if !self.string() {
            return false;
        }
        self.ws();
        self.eat(b':') && self.value(depth)
    }
    fn value(&mut self, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        self.ws();
        match self.peek() {
            b'{' => {
                self.i += 1;
                self.list(b'}', depth + 1, Self::member)
            }
            b'[' => {
                self.i += 1;
                self.list(b']', depth + 1, Self::value)
            }
            b'"' => self.string(),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }
}

/// True when `text` is one well-formed JSON value (surrounding whitespace allowed).
pub fn is_json(text: &str) -> bool {
    let mut s = Scan { b: text.as_bytes(), i: 0 };
    let ok = s.value(0);
    s.ws();
    ok && s.i == s.b.len()
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn well_formed_json() {
        for ok in ["{}", "[]", " {\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\\n\"]} ", "0", "\"é\"", "[{}]", "-0.0E1"] {
            assert!(is_json(ok), "{ok}");
        }
        let deep = "[".repeat(100_000);
        for bad in [
            "",
            "{not json",
            "{'a':1}",
            "[1,]",
            "{\"a\"}",
            "01",
            "1.",
            "+1",
            "\"\\x\"",
            "\"a\nb\"",
            "[1] x",
            "nul",
            "\"",
            "\"\\u12\"",
            &deep,
        ] {
            assert!(!is_json(bad), "{bad:.20}");
        }
    }
}
