//! The page as an emitter sees it, through `js/boundary.js` and `js/queue.js` (none of its functions throws: a
//! disabled or full storage is a result): the persistent event queue's store (localStorage,
//! IndexedDB or the user's) and its cross-tab Web Lock, page exit and back/forward-cache
//! restore, and whether the device is online.

use snowplow_core::emitter::store::backlog::{Done, Op};
use snowplow_core::emitter::store::StoreKind;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::boundary::tasks::{self, first_call, lasting};

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    #[wasm_bindgen(js_name = onPageExit)]
    fn on_page_exit(callback: &JsValue, left_only: bool);
    #[wasm_bindgen(js_name = isOffline)]
    fn is_offline() -> bool;
    #[wasm_bindgen(js_name = onceOnline)]
    fn once_online(callback: &JsValue);
    #[wasm_bindgen(js_name = onPageRestored)]
    fn on_page_restored(callback: &JsValue);
}

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./queue.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/queue.js"))]
extern "C" {
    #[wasm_bindgen(js_name = customStore)]
    fn custom_store(v: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = openQueue)]
    fn open_queue(kind: u8, custom: &JsValue, prefix: &str, refused: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = queueItems)]
    fn queue_items(q: &JsValue) -> Option<js_sys::Array>;
    #[wasm_bindgen(js_name = queueGet)]
    fn queue_get(q: &JsValue, name: &str) -> Option<String>;
    #[wasm_bindgen(js_name = queuePut)]
    fn queue_put(q: &JsValue, name: &str, text: &str) -> u8;
    #[wasm_bindgen(js_name = queueRemove)]
    fn queue_remove(q: &JsValue, name: &str) -> u8;
    #[wasm_bindgen(js_name = queueLocked)]
    fn queue_locked(q: &JsValue, name: &str, callback: &JsValue);
    #[wasm_bindgen(js_name = lockHeld)]
    fn lock_held(name: &str, granted: &JsValue);
    #[wasm_bindgen(js_name = followTab)]
    fn follow_tab(id: f64) -> f64;
}

/// Where a queue is stored: `eventStore` as read.
pub enum Backend {
    /// A built-in store (see [`snowplow_core::emitter::store::StoreKind`]).
    Builtin(StoreKind),
    /// The user's `{ load, add, remove }` object, its methods read once.
    Custom(JsValue),
}

/// The user's `eventStore` object, if it has `load`, `add` and `remove` methods.
pub fn custom(v: &JsValue) -> Option<Backend> {
    let store = custom_store(v);
    (!store.is_null()).then_some(Backend::Custom(store))
}

/// What an asynchronous store's refusal is told: the item's name, whether it was a write (else
/// a removal), and the item's latest text if it is still held.
pub type Refused = Box<dyn FnMut(String, bool, Option<String>)>;

/// One emitter's stored queue (see `js/queue.js`): the items named `<prefix>…` as last loaded
/// plus this page's writes, written through to the store, each operation's outcome reported.
pub struct Queue {
    queue: JsValue,
    /// The task hearing of refusals, ended with the queue.
    refused: u32,
}

impl Drop for Queue {
    fn drop(&mut self) {
        tasks::end(self.refused);
    }
}

impl Queue {
    /// The items named `prefix…` in `backend`; `refused` hears of an asynchronous store's
    /// refusals.
    pub fn open(backend: &Backend, prefix: &str, mut refused: Refused) -> Queue {
        let (kind, custom) = match backend {
            Backend::Builtin(StoreKind::IndexedDb) => (2, JsValue::NULL),
            Backend::Builtin(_) => (1, JsValue::NULL),
            Backend::Custom(store) => (3, store.clone()),
        };
        let id = tasks::every(move |_, args| {
            let args: js_sys::Array = args.unchecked_into();
            refused(args.get(0).as_string().unwrap_or_default(), args.get(1).is_truthy(), args.get(2).as_string());
        });
        let hears = tasks::function_of(id);
        Queue { queue: open_queue(kind, &custom, prefix, &hears), refused: id }
    }

    /// Every `(name, text)` item; `None` when the store could not be read.
    pub fn items(&self) -> Option<Vec<(String, String)>> {
        let items = queue_items(&self.queue)?;
        let pair = |pair: JsValue| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        };
        Some(items.iter().filter_map(pair).collect())
    }

    /// The item `name`, as last loaded or written.
    pub fn get(&self, name: &str) -> Option<String> {
        queue_get(&self.queue, name)
    }

    /// Perform `op`.
    pub fn perform(&self, op: Op) -> Done {
        let code = match op {
            Op::Put(name, text) => queue_put(&self.queue, name, text),
            Op::Remove(name) => queue_remove(&self.queue, name),
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
        queue_locked(&self.queue, name, &first_call(move |_| task()));
    }
}

/// Run `granted` once the cross-tab lock `name` is held (Web Locks, where there are); it is
/// held until `granted`'s function is called.
#[cfg(feature = "web")]
pub fn hold_lock(name: &str, granted: impl FnOnce(js_sys::Function) + 'static) {
    lock_held(name, &first_call(move |args| granted(args.get(0).unchecked_into())));
}

/// Remember page `id` as its tab's latest; the page it follows in the tab, if any.
pub fn follow(id: u64) -> Option<u64> {
    let before = follow_tab(id as f64);
    (before > 0.0).then_some(before as u64)
}

/// Run `task` each time the page is hidden or left (`left_only`: only when it is left). It
/// lives as long as the page.
pub fn at_page_exit(left_only: bool, mut task: impl FnMut() + 'static) {
    on_page_exit(&lasting(move |_| task()), left_only);
}

/// Run `task` each time the page comes back from the back/forward cache. It lives as long as
/// the page.
pub fn at_page_restored(mut task: impl FnMut() + 'static) {
    on_page_restored(&lasting(move |_| task()));
}

/// True when the browser says the device is offline.
pub fn offline() -> bool {
    is_offline()
}

/// Run `task` once the device is online again.
pub fn when_online(task: impl FnOnce() + 'static) {
    once_online(&first_call(move |_| task()));
}
