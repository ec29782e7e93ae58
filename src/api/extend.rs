//! The Tracker's global contexts and plugins: its methods that add and remove them, and an
//! event's way through them (core decides the order and what each answer means; the host calls
//! the user's functions, with no borrow of the tracker held).

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::error::Result;
use snowplow_core::events::SelfDescribingJson;
use snowplow_core::global_contexts::Calls;
use snowplow_core::json_read::Value;
use snowplow_core::opts::Taken;
use snowplow_core::plugins::{Extensions, Plugin};
use snowplow_core::tracker::Built;
use snowplow_core::{Error, Payload};

use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::hold::Hold;
use crate::boundary::message;

/// What a tracker adds to its events, each function held by the host.
pub(crate) type Ext = Extensions<Rc<Hold>>;

/// The host, calling the user's functions.
struct Host;

impl Calls<Rc<Hold>> for Host {
    fn call(&mut self, f: &Rc<Hold>, slot: u32, builder: bool, args: &str, thrown: &str) -> Option<String> {
        f.hook(slot, builder, args, thrown)
    }
    fn warn(&mut self, text: &str) {
        crate::boundary::js::warn(text);
    }
}

/// The tracker's reference to a function the facade took out.
fn keep(t: Taken) -> Rc<Hold> {
    Rc::new(Hold::keep(t.hold))
}

/// A tracker's extensions: changed in place, never while its hooks run (they hold it).
pub(crate) type SharedExt = Rc<RefCell<Ext>>;

/// The error of a call a tracker refuses while its hooks run (tracking would recurse).
pub(crate) fn busy() -> Error {
    Error::type_error("this", "a tracker whose global contexts and plugins are not running (called from inside one)", "a call from a hook")
}

/// Change the extensions `ext` with `change` and the first argument of `Tracker.<method>`;
/// refused while a hook of this tracker runs.
#[inline(never)]
fn change(ext: &SharedExt, method: &str, message: &str, change: &mut dyn FnMut(&mut Ext, Value<'_>) -> Result<()>) -> JsResult<()> {
    let name = ["Tracker.", method].concat();
    let text = message::text(message, &name)?;
    let params = message::params(text, &name)?;
    let changed = match (ext.try_borrow_mut(), params.at(0)) {
        (Err(_), _) => Err(busy()),
        (Ok(_), None) => Err(Error::required("contexts")),
        (Ok(mut ext), Some(v)) => change(&mut ext, v),
    };
    changed.map_err(|e| to_js(e.within(&[&name, ": "].concat())))
}

/// `addGlobalContexts(contexts)`.
pub(crate) fn add_global_contexts(ext: &SharedExt, message: &str) -> JsResult<()> {
    change(ext, "addGlobalContexts", message, &mut |ext, v| ext.globals.add(v, "contexts", &mut keep))
}

/// `removeGlobalContexts(contexts)`.
pub(crate) fn remove_global_contexts(ext: &SharedExt, message: &str) -> JsResult<()> {
    change(ext, "removeGlobalContexts", message, &mut |ext, v| ext.globals.remove(v, "contexts", &mut keep, &mut |a, b| a.same(b)))
}

/// `clearGlobalContexts()`.
pub(crate) fn clear_global_contexts(ext: &SharedExt) -> JsResult<()> {
    let Ok(mut ext) = ext.try_borrow_mut() else { return Err(to_js(busy().within("Tracker.clearGlobalContexts: "))) };
    ext.globals.clear();
    Ok(())
}

/// `addPlugin(plugin)`.
pub(crate) fn add_plugin(ext: &SharedExt, message: &str) -> JsResult<()> {
    change(ext, "addPlugin", message, &mut |ext, v| {
        let expected = "an object with contexts, beforeTrack, filter or afterTrack";
        let t = snowplow_core::opts::taken(v).ok_or_else(|| Error::type_error("plugin", expected, message::describe(Some(v))))?;
        ext.plugins.push(Plugin::read(&t, "plugin", |t| keep(t.clone()))?);
        Ok(())
    })
}

/// One finished event: its payload and, when a hook is to see it, its JSON text.
pub(crate) struct Finished {
    pub(crate) payload: Payload,
    pub(crate) json: Option<String>,
}

/// How a tracker finishes an event (its contexts added, its size checked).
pub(crate) type Finish<'a> = &'a dyn Fn(Payload, &[&[SelfDescribingJson]]) -> JsResult<Payload>;

/// The events `built` (their own contexts `own`, their schema `schema`) through the extensions
/// `ext`, in tracker-core's order up to `filter`: each finished, or `None` when a filter dropped
/// it. Called with no borrow of the tracker held (`ext` is borrowed: the tracker refuses to track
/// or change them while they run).
pub(crate) fn run(
    ext: &Ext,
    built: Vec<Built>,
    own: &[SelfDescribingJson],
    schema: &str,
    encode: bool,
    finish: Finish<'_>,
) -> JsResult<Vec<Option<Finished>>> {
    let mut out = Vec::with_capacity(built.len());
    for b in built {
        let mut extra = Vec::new();
        ext.contexts(&b.payload, schema, &mut Host, &mut extra);
        let payload = if ext.changes_events() {
            let all: Vec<SelfDescribingJson> = own.iter().chain(&b.page_contexts).cloned().chain(extra).collect();
            let (p, contexts) = ext.before_track(b.payload, all, encode, &mut Host);
            finish(p, &[&contexts])
        } else {
            finish(b.payload, &[own, &b.page_contexts, &extra])
        };
        out.push(payload?);
    }
    let watched = ext.watches_payloads();
    Ok(out
        .into_iter()
        .map(|payload| {
            let json = watched.then(|| payload.to_json());
            let keep = json.as_deref().is_none_or(|j| ext.keep(j, &mut Host));
            keep.then_some(Finished { payload, json })
        })
        .collect())
}

/// Each plugin's `afterTrack` with each event sent.
pub(crate) fn after_track(ext: &Ext, sent: &[Option<String>]) {
    for json in sent.iter().flatten() {
        ext.after_track(json, &mut Host);
    }
}
