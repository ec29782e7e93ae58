//! Calls on the clients of the Node and workerd build (Redis clients, a Queues producer binding,
//! a Queues batch's messages), which the host holds (`js/clients.js`): the module names the
//! method and writes the arguments; the host calls it and wakes a task with the answer.

use wasm_bindgen::prelude::*;

use crate::boundary::hold::Hold;
use crate::boundary::tasks;

#[cfg_attr(not(test), wasm_bindgen(raw_module = "./clients.js"))]
#[cfg_attr(test, wasm_bindgen(module = "/js/clients.js"))]
extern "C" {
    /// See `js/clients.js` `callClient`. Never throws.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = callClient)]
    fn call_client(id: u32, names: &str, args: &str, element: u32, keep: u8, k: u32, task: u32, thrown: &str);
    /// Reject deferred `deferred` with what the call of task `task` threw (0: only forget it).
    #[wasm_bindgen(js_name = clientFailed)]
    pub fn client_failed(deferred: u32, task: u32);
    #[wasm_bindgen(catch, js_name = clientItems)]
    fn client_items(id: u32, list: &str, field: &str) -> Result<String, JsValue>;
}

/// The items of the array `list` of what the host holds as `id`, each held for the module, with
/// the JSON text of their `field`: `[[number, text or null], …]`, or `null` (see
/// `js/clients.js` `clientItems`); what a getter threw as the error.
pub fn items(id: u32, list: &str, field: &str) -> Result<String, JsValue> {
    client_items(id, list, field)
}

/// What the host answers a call with (see `js/clients.js` `answerText`).
#[derive(Clone, Copy)]
pub enum Answer {
    /// Nothing to read (`0`).
    Done = 0,
    /// A moved element (`null`, or `[text or null, 0]`).
    Element = 1,
    /// A moved element, kept by the host when it is not text (`[null, n]`).
    KeptElement = 2,
}

/// The JSON text of an array of strings (a call's arguments).
pub fn args(values: &[&str]) -> String {
    let mut out = String::new();
    snowplow_core::json::write_list(&mut out, values, |o, v| snowplow_core::json::write_str(o, v));
    out
}

/// Call the first of the methods `names` (`"lMove lmove"`) `client` has, with the arguments in
/// the JSON text `args` (then the element the host kept as `element`, when not 0), and run `then`
/// with the host's answer text (`answer` says which), or `Err(task)` when the call threw or
/// rejected: `task` names what it threw, for [`client_failed`]. `then` always runs later, never
/// during this call.
pub fn call(client: &Hold, names: &str, args: &str, element: u32, answer: Answer, then: impl FnOnce(Result<String, u32>) + 'static) {
    let me = std::rc::Rc::new(std::cell::Cell::new(0));
    let id = me.clone();
    let task = tasks::once(move |text| match text {
        Some(t) if t != "!" => then(Ok(t)),
        _ => then(Err(id.get())),
    });
    me.set(task);
    call_client(client.id(), names, args, element, answer as u8, tasks::instance(), task, "");
}

/// Call it so, without waiting: a throw or rejection is logged with `thrown`.
pub fn call_and_forget(client: &Hold, names: &str, args: &str, thrown: &str) {
    call_client(client.id(), names, args, 0, 0, 0, 0, thrown);
}
