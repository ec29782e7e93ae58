//! The page as an emitter sees it, through `js/boundary.js` (none of its functions throws: a
//! disabled or full storage is a result): localStorage and Web Locks for the persistent event
//! queue, page exit and back/forward-cache restore, and whether the device is online.

use wasm_bindgen::prelude::*;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./boundary.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/boundary.js"))]
extern "C" {
    #[wasm_bindgen(js_name = storeLoad)]
    fn store_load(prefix: &str) -> JsValue;
    #[wasm_bindgen(js_name = storeGet)]
    fn store_get(key: &str) -> Option<String>;
    #[wasm_bindgen(js_name = storeSet)]
    fn store_set(key: &str, value: &str) -> bool;
    #[wasm_bindgen(js_name = storeRemove)]
    fn store_remove(key: &str);
    #[wasm_bindgen(js_name = withLock)]
    fn with_lock(name: &str, callback: &JsValue);
    #[wasm_bindgen(js_name = onPageExit)]
    fn on_page_exit(callback: &JsValue, left_only: bool);
    #[wasm_bindgen(js_name = isOffline)]
    fn is_offline() -> bool;
    #[wasm_bindgen(js_name = onceOnline)]
    fn once_online(callback: &JsValue);
    #[wasm_bindgen(js_name = onPageRestored)]
    fn on_page_restored(callback: &JsValue);
}

/// The stored items whose key starts with `prefix`; `None` when there is no usable storage.
pub fn load(prefix: &str) -> Option<Vec<(String, String)>> {
    let items: js_sys::Array = store_load(prefix).dyn_into().ok()?;
    Some(
        items
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.dyn_into().ok()?;
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect(),
    )
}

/// One stored item.
pub fn get(key: &str) -> Option<String> {
    store_get(key)
}

/// Store an item; `false` when storage refuses it (quota, disabled, private mode).
pub fn set(key: &str, value: &str) -> bool {
    store_set(key, value)
}

/// Remove an item.
pub fn remove(key: &str) {
    store_remove(key);
}

/// Run `task` once, holding the cross-tab lock `name` (Web Locks; at once where there are none).
pub fn locked(name: &str, task: impl FnOnce() + 'static) {
    with_lock(name, &Closure::once_into_js(task));
}

/// Run `task` each time the page is hidden or left (`left_only`: only when it is left). It
/// lives as long as the page.
pub fn at_page_exit(left_only: bool, task: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(task);
    on_page_exit(closure.as_ref(), left_only);
    closure.forget();
}

/// Run `task` each time the page comes back from the back/forward cache. It lives as long as
/// the page.
pub fn at_page_restored(task: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(task);
    on_page_restored(closure.as_ref());
    closure.forget();
}

/// True when the browser says the device is offline.
pub fn offline() -> bool {
    is_offline()
}

/// Run `task` once the device is online again.
pub fn when_online(task: impl FnOnce() + 'static) {
    once_online(&Closure::once_into_js(task));
}
