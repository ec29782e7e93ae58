//! Tasks the host wakes by number: what the module waits for (a timer, a custom emitter's
//! `flush()`, a page event, an answer to a request) is a Rust closure kept here under a number,
//! and the host is handed only the number; it wakes the task through the module's `wake`
//! export. Nothing the host holds can keep Rust state alive or call freed code, and Rust holds
//! no JS closure (the in-crate tests, which have no facade to connect the export, hand the host
//! one dispatcher closure instead).

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::boundary::js::next_id;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    fn connect(dispatch: &JsValue) -> u32;
    /// Wake task `id` of instance `k` after `ms` (every `ms` when `repeat`).
    pub fn schedule(k: u32, id: u32, ms: f64, repeat: bool, unref: bool);
    /// Stop the timer of task `id`; never throws.
    pub fn cancel(id: u32);
    /// The promise of deferred `id` (the in-crate tests await some).
    #[cfg(test)]
    fn deferred(id: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = resolveDeferred)]
    fn resolve_deferred(id: u32, json: &str);
}

/// What a task is woken with: the host's text (a request's or a store's answer as JSON text, a
/// lock's number), `None` for a timer or a page event.
type Task = Box<dyn FnMut(Option<String>)>;

struct Entry {
    id: u32,
    once: bool,
    /// `None` while it runs.
    task: Option<Task>,
}

thread_local! {
    /// Live tasks by increasing id (ids come from one counter).
    static TASKS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    /// This instance's number for the host, 0 until connected.
    static INSTANCE: Cell<u32> = const { Cell::new(0) };
}

fn position(tasks: &[Entry], id: u32) -> Option<usize> {
    tasks.binary_search_by_key(&id, |e| e.id).ok()
}

/// Run task `id` with the host's text (see `Task`): the host woke it. A one-shot task is
/// forgotten first; a lasting one is put back after it ran unless it was ended meanwhile. No
/// borrow is held while it runs.
#[wasm_bindgen(skip_typescript)]
pub fn wake(id: u32, value: Option<String>) {
    let taken = TASKS.with(|t| {
        let mut t = t.borrow_mut();
        let i = position(&t, id)?;
        if t.get(i)?.once {
            return Some((true, t.remove(i).task));
        }
        Some((false, t.get_mut(i)?.task.take()))
    });
    let Some((once, Some(mut task))) = taken else { return };
    task(value);
    if once {
        return;
    }
    let unused = TASKS.with(|t| {
        let mut t = t.borrow_mut();
        match position(&t, id).and_then(|i| t.get_mut(i)) {
            Some(e) if e.task.is_none() => {
                e.task = Some(task);
                None
            }
            _ => Some(task),
        }
    });
    drop(unused);
}

/// This instance's number for the host (connecting its dispatcher the first time).
pub fn instance() -> u32 {
    let k = INSTANCE.with(Cell::get);
    if k != 0 {
        return k;
    }
    // Called from inside a call the facade made: the host connects this instance's `wake` export.
    #[cfg(not(test))]
    let k = connect(&JsValue::UNDEFINED);
    #[cfg(test)]
    let k = {
        let dispatcher = Closure::<dyn Fn(u32, Option<String>)>::new(wake);
        let k = connect(dispatcher.as_ref());
        dispatcher.forget();
        k
    };
    INSTANCE.with(|i| i.set(k));
    k
}

/// Connect this instance now, if it is not yet: `make` calls it (every object is made by the
/// facade's call), so the first wait, which may come later from a promise's continuation (Redis,
/// Queues), finds the instance connected to its own `wake` export.
pub fn connect_here() {
    instance();
}

fn add(once: bool, task: Task) -> u32 {
    let id = next_id();
    TASKS.with(|t| t.borrow_mut().push(Entry { id, once, task: Some(task) }));
    id
}

/// A task run once, at its first wake; its number.
pub fn once(f: impl FnOnce(Option<String>) + 'static) -> u32 {
    let mut f = Some(f);
    add(
        true,
        Box::new(move |v| {
            if let Some(f) = f.take() {
                f(v);
            }
        }),
    )
}

/// A task run at every wake until [`end`]; its number.
pub fn every(f: impl FnMut(Option<String>) + 'static) -> u32 {
    add(false, Box::new(f))
}

/// Forget task `id` (later wakes do nothing); what it held is dropped outside any borrow.
pub fn end(id: u32) {
    let entry = TASKS.with(|t| {
        let mut t = t.borrow_mut();
        position(&t, id).map(|i| t.remove(i))
    });
    drop(entry);
}

/// A promise the module resolves later, by number, with JSON text the host parses: the host
/// makes the promise when the number reaches it (a call's answer, see
/// [`crate::boundary::answer::Answer::Promise`]); Rust holds no `resolve` function and builds no
/// JS value for it.
pub struct Deferred(u32);

impl Deferred {
    /// A new deferred's number and its resolver.
    pub fn new() -> (u32, Deferred) {
        let id = next_id();
        (id, Deferred(id))
    }

    /// Resolve the promise with the value of the JSON text `json` (`undefined` for "").
    pub fn resolve(self, json: &str) {
        resolve_deferred(self.0, json);
    }

    /// The number of a deferred resolved now with the value of `json` (see [`Deferred::resolve`]).
    pub fn resolved(json: &str) -> u32 {
        let (id, d) = Deferred::new();
        d.resolve(json);
        id
    }
}

/// The promise of deferred `id`, for the in-crate tests to await.
#[cfg(test)]
pub fn promise(id: u32) -> js_sys::Promise {
    deferred(id)
}
