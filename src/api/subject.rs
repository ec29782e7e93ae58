//! The JS `Subject` handle: chainable setters over state the trackers share.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::opts::{self, Got};
use snowplow_core::subject::{setter, Setter};
use snowplow_core::{Error, Field, Platform, Subject};

use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::handles::Registry;
use crate::boundary::message;

/// Subject state shared between the JS handle and every tracker or event using it.
pub type SharedSubject = Rc<RefCell<Subject>>;

thread_local! {
    /// Live subjects, for the trackers and events they are handed to.
    pub static SUBJECTS: Registry<SharedSubject> = const { Registry::new() };
}

/// A `Subject`: who the events are about (the module's side of the JS object; its setters'
/// rules are core's `subject::setter`).
pub struct JsSubject {
    shared: SharedSubject,
    id: u32,
}

impl Drop for JsSubject {
    fn drop(&mut self) {
        SUBJECTS.with(|r| r.unregister(self.id));
    }
}

/// A string longer than any event could carry: refused before it is copied in, and after.
fn too_long(method: &str, largest: usize) -> crate::boundary::errors::Thrown {
    let got = ["more than ", &snowplow_core::int_text(largest as i64), " characters"].concat();
    to_js(Error::range_error(["Subject.", method, ": value"].concat(), "a string no longer than the largest maxEventBytes", got))
}

impl JsSubject {
    fn set_field(&self, field: Field, method: &str, message: &str) -> JsResult<()> {
        let largest = crate::boundary::read::largest_event();
        if message == message::TOO_LONG {
            return Err(too_long(method, largest));
        }
        let v = message::first(message, "Subject", method)?.str();
        if v.as_ref().is_some_and(|s| s.encode_utf16().count() > largest) {
            return Err(too_long(method, largest));
        }
        self.shared.borrow_mut().set(field, v);
        Ok(())
    }

    fn dimensions(&self, method: &str, message: &str, viewport: bool) -> JsResult<()> {
        let mut got = message::read(message, "Subject", method)?.into_iter();
        let mut dimension = |name| got.next().and_then(Got::num).ok_or_else(|| message::fail("Subject", method, Error::required(name)));
        let (w, h) = (dimension("width")?, dimension("height")?);
        let mut s = self.shared.borrow_mut();
        let set = if viewport { s.set_viewport(&w, &h) } else { s.set_screen_resolution(&w, &h) };
        set.map_err(|e| message::fail("Subject", method, e))
    }

    fn platform(&self, message: &str) -> JsResult<()> {
        let code = message::first(message, "Subject", "setPlatform")?.str();
        let platform = code.map(|c| Platform::parse(&c, "platform")).transpose().map_err(|e| message::fail("Subject", "setPlatform", e))?;
        self.shared.borrow_mut().set_platform(platform);
        Ok(())
    }

    fn count(&self, field: Field, method: &str, name: &str, message: &str) -> JsResult<()> {
        let n = message::first(message, "Subject", method)?.num();
        self.shared.borrow_mut().set_count(field, n.as_ref(), name).map_err(|e| message::fail("Subject", method, e))
    }
}

impl JsSubject {
    /// A subject with no field set.
    pub fn new() -> JsSubject {
        let shared: SharedSubject = Rc::default();
        let id = SUBJECTS.with(|r| r.register(shared.clone()));
        JsSubject { shared, id }
    }

    /// Its state, shared with the trackers using it.
    #[cfg(feature = "edge")]
    pub(crate) fn shared(&self) -> &SharedSubject {
        &self.shared
    }

    /// The handle trackers find this subject by.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Method `index` of core's declared `Subject` methods (`opts::METHODS`), from the message
    /// the facade made of its arguments: a setter answers nothing (the facade returns the
    /// subject), `identityCookie` its `Set-Cookie` text or `null` (their types are generated from
    /// core's `METHOD_DOCS`).
    pub fn call(&self, index: u32, message: &str) -> JsResult<Answer> {
        let method = opts::method_at("Subject", index).map_or("", |m| m.0);
        let set = match setter(method) {
            Some(Setter::Text(field)) => self.set_field(field, method, message),
            Some(Setter::Platform) => self.platform(message),
            Some(Setter::Dimensions(viewport)) => self.dimensions(method, message, viewport),
            Some(Setter::Count(field, name)) => self.count(field, method, name, message),
            #[cfg(feature = "edge")]
            Some(Setter::Request) => self.set_from_request(message),
            #[cfg(feature = "edge")]
            Some(Setter::IdentityCookie) => return self.identity_cookie(message),
            #[cfg(not(feature = "edge"))]
            Some(Setter::Request | Setter::IdentityCookie) => Err(to_js(Error::type_error(
                ["Subject.", method].concat(),
                "a call in the Node or workerd build (the browser build has no request to read)",
                "a call in a browser",
            ))),
            None => Err(crate::boundary::message::undeclared("Subject", index)),
        };
        set.map(|()| Answer::Nothing)
    }
}

impl Default for JsSubject {
    fn default() -> Self {
        JsSubject::new()
    }
}

/// The Subject the facade took out (`t`), or the error naming `name` (after `prefix`) with
/// `expected`.
pub(crate) fn read_subject(
    t: Option<snowplow_core::opts::Taken>,
    prefix: &str,
    name: &str,
    expected: &'static str,
) -> JsResult<SharedSubject> {
    let found = t.as_ref().and_then(|t| SUBJECTS.with(|r| r.get(t.handle)));
    found.ok_or_else(|| to_js(Error::type_error([prefix, name].concat(), expected, t.map_or_else(|| "undefined".into(), |t| t.describe()))))
}
