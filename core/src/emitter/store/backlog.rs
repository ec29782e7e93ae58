//! Writes a store refused, kept to be tried again. A full or disabled storage refuses a write
//! (`QuotaExceededError`, a rejected promise); space may free up later (delivered events leave,
//! the page removes its own items), so nothing switches the queue to memory for good: each
//! refused write waits here, oldest first, and is tried again on every later write, before it;
//! a removal is always attempted and, when refused, tried again the same way. What waits here
//! is also held in memory by the emitter, within its `bufferCapacityBytes`, so this is bounded
//! too. A refusal is warned once, until a write succeeds.

/// One storage operation, for the caller to perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op<'a> {
    /// Store `text` as item `name`.
    Put(&'a str, &'a str),
    /// Remove item `name`.
    Remove(&'a str),
}

/// What became of an [`Op`] at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Done (a synchronous store).
    Yes,
    /// Under way (an asynchronous store): a later refusal comes to [`Backlog::refused`].
    Pending,
    /// Refused.
    No,
}

/// The writes and removals of one queue not (yet) stored.
#[derive(Debug, Default)]
pub struct Backlog {
    /// Items to write, oldest first, with their latest text.
    unwritten: Vec<(String, String)>,
    /// Items to remove.
    unremoved: Vec<String>,
    /// A refusal was warned and no write has succeeded since.
    refusing: bool,
}

impl Backlog {
    /// Write `text` as `name` (after what waits, which is tried first). True when a refusal
    /// should be warned now.
    pub fn put(&mut self, name: &str, text: &str, io: &mut dyn FnMut(Op) -> Done) -> bool {
        match self.unwritten.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => text.clone_into(&mut entry.1),
            None => self.unwritten.push((name.to_owned(), text.to_owned())),
        }
        self.pass(io)
    }

    /// Remove `name` (a waiting write of it is dropped), then try what waits. True when a
    /// refusal should be warned now.
    pub fn remove(&mut self, name: &str, io: &mut dyn FnMut(Op) -> Done) -> bool {
        let mut i = 0;
        while let Some((n, _)) = self.unwritten.get(i) {
            if n == name {
                self.unwritten.remove(i);
            } else {
                i += 1;
            }
        }
        if !self.unremoved.iter().any(|n| n == name) {
            self.unremoved.push(name.to_owned());
        }
        self.pass(io)
    }

    /// Try every waiting removal, then the waiting writes oldest first until one is refused.
    /// True when a refusal should be warned now.
    pub fn pass(&mut self, io: &mut dyn FnMut(Op) -> Done) -> bool {
        let mut warn = false;
        let before = self.unremoved.len();
        let mut i = 0;
        while let Some(name) = self.unremoved.get(i) {
            if io(Op::Remove(name)) == Done::No {
                i += 1;
            } else {
                self.unremoved.remove(i);
            }
        }
        if self.unremoved.len() == before && before > 0 {
            warn |= self.note_refused();
        }
        while let Some((name, text)) = self.unwritten.first() {
            match io(Op::Put(name, text)) {
                Done::No => return warn | self.note_refused(),
                Done::Yes => self.refusing = false,
                Done::Pending => {}
            }
            self.unwritten.remove(0);
        }
        warn
    }

    /// An asynchronous store refused an operation on `name`: a write (`put`) whose latest text,
    /// if the event is still held, is `text`, else a removal. It waits for the next pass (a
    /// write first). True when a refusal should be warned now.
    pub fn refused(&mut self, name: &str, put: bool, text: Option<&str>) -> bool {
        match text {
            Some(text) if put && self.stored(name) => self.unwritten.insert(0, (name.to_owned(), text.to_owned())),
            None if !put && !self.unremoved.iter().any(|n| n == name) => self.unremoved.push(name.to_owned()),
            _ => {}
        }
        self.note_refused()
    }

    /// The store could not be read. True when that should be warned now.
    pub fn unreadable(&mut self) -> bool {
        self.note_refused()
    }

    /// True unless a write of `name` waits (refused so far): its latest text is stored, or on
    /// its way to an asynchronous store.
    pub fn stored(&self, name: &str) -> bool {
        !self.unwritten.iter().any(|(n, _)| n == name)
    }

    /// The text of `name` waiting here, if its write waits.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.unwritten.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str())
    }

    /// How many writes wait.
    pub fn waiting(&self) -> usize {
        self.unwritten.len()
    }

    /// True the first time after a success (or ever) that a refusal is seen.
    fn note_refused(&mut self) -> bool {
        !std::mem::replace(&mut self.refusing, true)
    }
}
