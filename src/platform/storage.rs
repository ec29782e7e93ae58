//! The page as an emitter sees it, through `js/boundary.js` and `js/queue.js` (none of its functions throws: a
//! disabled or full storage is a result): the persistent event queue's store (localStorage,
//! IndexedDB or the user's) and its cross-tab Web Lock, page exit and back/forward-cache
//! restore, and whether the device is online.

use snowplow_core::emitter::store::answers::{self, LOAD_TIMEOUT_MS};
use snowplow_core::emitter::store::backlog::{Done, Op};
use snowplow_core::emitter::store::{self, StoreKind};
use wasm_bindgen::prelude::*;

use crate::boundary::hold::Hold;
use crate::boundary::tasks;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    /// What the module asks of the page's life, by number (see [`LifeOp`]).
    #[wasm_bindgen(js_name = pageEvent)]
    fn page_event(op: u32, k: u32, id: u32) -> bool;
}

/// The questions `pageEvent` of `js/boundary.js` answers, by number (its order).
#[derive(Clone, Copy)]
enum LifeOp {
    /// Wake a task when the page is hidden or left.
    HiddenOrLeft,
    /// Wake a task when the page is left.
    Left,
    /// Wake a task at the next `online` event.
    Online,
    /// Wake a task at each restore from the back/forward cache.
    Restored,
    /// Whether the browser says it is offline.
    Offline,
    /// Whether the page is hidden (`document.visibilityState`).
    Hidden,
}

/// `pageEvent(op, …)` for task `task` (0: none).
fn life(op: LifeOp, task: u32) -> bool {
    page_event(op as u32, if task == 0 { 0 } else { tasks::instance() }, task)
}

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./queue.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/queue.js"))]
extern "C" {
    /// What the module asks of the stored queues, by number (see [`StoreOp`]); never throws.
    fn store(op: u32, a: u32, b: u32, c: u32, d: u32, name: &str, text: &str) -> Option<String>;
}

/// The operations `store` of `js/queue.js` performs, by number (its order).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "web"), allow(dead_code))] // the Web Lock is the browser build's
enum StoreOp {
    Custom,
    Open,
    Close,
    Items,
    Get,
    Put,
    Remove,
    Locked,
    Lock,
    Release,
    FollowTab,
}

/// `store(op, …)` with the numbers `n` (unused ones 0), `name` and `text`.
fn ask(op: StoreOp, n: [u32; 4], name: &str, text: &str) -> Option<String> {
    let [a, b, c, d] = n;
    store(op as u32, a, b, c, d, name, text)
}

/// [`ask`] for an answer that is a number.
fn ask_number(op: StoreOp, n: [u32; 4], name: &str, text: &str) -> u32 {
    ask(op, n, name, text).and_then(|v| snowplow_core::uint_read(&v)).unwrap_or(0)
}

/// Where a queue is stored: `eventStore` as read.
pub enum Backend {
    /// A built-in store (see [`snowplow_core::emitter::store::StoreKind`]).
    Builtin(StoreKind),
    /// The user's `{ load, add, remove }` object, its methods read once, held by the host.
    Custom(Hold),
}

/// The user's `eventStore` object as the facade took it out, if it has `load`, `add` and
/// `remove` functions (core's rule); the host makes a store of it.
pub fn custom(t: &snowplow_core::opts::Taken) -> Option<Backend> {
    snowplow_core::emitter::store::is_custom_store(t).then(|| {
        let held = Hold::keep(t.hold);
        ask(StoreOp::Custom, [held.id(), 0, 0, 0], "", "");
        Backend::Custom(held)
    })
}

/// What an asynchronous store's refusal is told: the item's name, whether it was a write (else
/// a removal), and the item's latest text if it is still held.
pub type Refused = Box<dyn FnMut(String, bool, Option<String>)>;

/// One emitter's stored queue (see `js/queue.js`), named by the host's number: the items named
/// `<prefix>…` as last loaded plus this page's writes, written through to the store, each
/// operation's outcome reported.
pub struct Queue {
    id: u32,
    /// The task hearing of refusals, ended with the queue.
    refused: u32,
}

impl Drop for Queue {
    fn drop(&mut self) {
        ask(StoreOp::Close, [self.id, 0, 0, 0], "", "");
        tasks::end(self.refused);
    }
}

impl Queue {
    /// The items named `prefix…` in `backend`; `refused` hears of an asynchronous store's
    /// refusals.
    pub fn open(backend: &Backend, prefix: &str, mut refused: Refused) -> Queue {
        let (kind, custom) = match backend {
            Backend::Builtin(StoreKind::IndexedDb) => (2, 0),
            Backend::Builtin(_) => (1, 0),
            Backend::Custom(store) => (3, store.id()),
        };
        let id = tasks::every(move |told| {
            if let Some((name, put, text)) = told.as_deref().and_then(answers::refusal) {
                refused(name, put, text);
            }
        });
        let ms = snowplow_core::int_text(i64::from(LOAD_TIMEOUT_MS));
        Queue { id: ask_number(StoreOp::Open, [kind, custom, tasks::instance(), id], prefix, &ms), refused: id }
    }

    /// Every `(name, text)` item; `None` when the store could not be read.
    pub fn items(&self) -> Option<Vec<(String, String)>> {
        answers::items(&ask(StoreOp::Items, [self.id, 0, 0, 0], "", "")?)
    }

    /// The item `name`, as last loaded or written.
    pub fn get(&self, name: &str) -> Option<String> {
        ask(StoreOp::Get, [self.id, 0, 0, 0], name, "")
    }

    /// Perform `op`.
    pub fn perform(&self, op: Op) -> Done {
        let code = match op {
            Op::Put(name, text) => ask_number(StoreOp::Put, [self.id, 0, 0, 0], name, text),
            Op::Remove(name) => ask_number(StoreOp::Remove, [self.id, 0, 0, 0], name, ""),
        };
        match code {
            1 => Done::Yes,
            2 => Done::Pending,
            _ => Done::No,
        }
    }

    /// Run `task` once, holding the cross-tab lock `name` (Web Locks, where there are), after
    /// the items are loaded afresh; the lock is held until what `task` wrote is stored.
    pub fn locked(&self, name: &str, task: impl FnOnce() + 'static) {
        ask(StoreOp::Locked, [self.id, tasks::instance(), tasks::once(move |_| task()), 0], name, "");
    }
}

/// A cross-tab lock held (see [`hold_lock`]), let go when dropped.
#[cfg(feature = "web")]
pub struct Lock(u32);

#[cfg(feature = "web")]
impl Drop for Lock {
    fn drop(&mut self) {
        ask(StoreOp::Release, [self.0, 0, 0, 0], "", "");
    }
}

/// Run `granted` once the cross-tab lock `name` is held (Web Locks, where there are); it is
/// held until the [`Lock`] it is given is dropped.
#[cfg(feature = "web")]
pub fn hold_lock(name: &str, granted: impl FnOnce(Lock) + 'static) {
    let task = tasks::once(move |id| granted(Lock(id.and_then(|n| snowplow_core::uint_read(&n)).unwrap_or_default())));
    ask(StoreOp::Lock, [tasks::instance(), task, 0, 0], name, "");
}

/// Remember page `id` as its tab's latest; the page it follows in the tab, if any.
pub fn follow(id: u64) -> Option<u64> {
    let before = ask(StoreOp::FollowTab, [0; 4], store::TAB_ITEM, &snowplow_core::int_text(id as i64));
    store::tab_page(before.as_deref())
}

/// Run `task` each time the page is hidden or left (`left_only`: only when it is left). It
/// lives as long as the page.
pub fn at_page_exit(left_only: bool, mut task: impl FnMut() + 'static) {
    life(if left_only { LifeOp::Left } else { LifeOp::HiddenOrLeft }, tasks::every(move |_| task()));
}

/// Run `task` each time the page comes back from the back/forward cache. It lives as long as
/// the page.
pub fn at_page_restored(mut task: impl FnMut() + 'static) {
    life(LifeOp::Restored, tasks::every(move |_| task()));
}

/// True when the page is hidden now.
pub fn page_hidden() -> bool {
    life(LifeOp::Hidden, 0)
}

/// True when the browser says the device is offline.
pub fn offline() -> bool {
    life(LifeOp::Offline, 0)
}

/// Run `task` once the device is online again.
pub fn when_online(task: impl FnOnce() + 'static) {
    life(LifeOp::Online, tasks::once(move |_| task()));
}
