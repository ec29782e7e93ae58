//! The JS `Subject` handle: chainable setters over state the trackers share.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::{Field, Num, Platform, Subject};
use wasm_bindgen::prelude::*;

use crate::boundary::errors::{js, JsResult};
use crate::boundary::handles::Registry;
use crate::boundary::read::{Reader, Ty, Val};

/// Subject state shared between the JS handle and every tracker or event using it.
pub type SharedSubject = Rc<RefCell<Subject>>;

thread_local! {
    /// Live subjects, for the trackers and events they are handed to.
    pub static SUBJECTS: Registry<SharedSubject> = const { Registry::new() };
}

/// Who the events are about: platform, user, device and session fields.
///
/// Setters are chainable and return the same object. A tracker given a subject sees its later
/// changes. Passing `null`, `undefined` or `""` to a setter clears that field.
#[wasm_bindgen(js_name = Subject)]
pub struct JsSubject {
    shared: SharedSubject,
    id: u32,
}

impl Drop for JsSubject {
    fn drop(&mut self) {
        SUBJECTS.with(|r| r.unregister(self.id));
    }
}

/// One setter argument checked against `ty`.
fn arg(method: &str, name: &str, v: JsValue, ty: Ty) -> JsResult<Val> {
    Reader::new(method).value(v, ty, "", name)
}

fn text(v: Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s),
        _ => None,
    }
}

fn number(v: Val) -> Option<Num> {
    match v {
        Val::Num(n) => Some(n),
        _ => None,
    }
}

impl JsSubject {
    fn set_field(&self, field: Field, prefix: &str, value: JsValue) -> JsResult<()> {
        // Longer than any event could be: refused before it is copied in.
        let largest = crate::boundary::read::largest_event();
        if crate::boundary::js::text_longer(&value, largest as f64) {
            let got = ["more than ", &snowplow_core::int_text(largest as i64), " characters"].concat();
            return js(Err(snowplow_core::Error::range_error(
                [prefix, "value"].concat(),
                "a string no longer than the largest maxEventBytes",
                got,
            )));
        }
        let v = text(arg(prefix, "value", value, Ty::Str)?);
        self.shared.borrow_mut().set(field, v);
        Ok(())
    }

    fn dimensions(&self, prefix: &str, w: JsValue, h: JsValue, viewport: bool) -> JsResult<()> {
        let w = number(arg(prefix, "width", w, Ty::ReqNum)?).unwrap_or_else(|| Num::int(0));
        let h = number(arg(prefix, "height", h, Ty::ReqNum)?).unwrap_or_else(|| Num::int(0));
        let mut s = self.shared.borrow_mut();
        js(if viewport { s.set_viewport(&w, &h) } else { s.set_screen_resolution(&w, &h) })
    }

    fn count(&self, field: Field, prefix: &str, name: &str, v: JsValue) -> JsResult<()> {
        let n = number(arg(prefix, name, v, Ty::Num)?);
        let param = [prefix, name].concat();
        js(self.shared.borrow_mut().set_count(field, n.as_ref(), &param))
    }
}

macro_rules! string_setters {
    ($($(#[$doc:meta])* $rust:ident, $js:literal, $field:ident;)*) => {
        #[wasm_bindgen(js_class = Subject)]
        impl JsSubject {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = "Subject")]
                pub fn $rust(&self, #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue) -> JsResult<()> {
                    self.set_field(Field::$field, concat!("Subject.", $js, ": "), value)
                }
            )*
        }
    };
}

string_setters! {
    /// User id (`uid`).
    set_user_id, "setUserId", UserId;
    /// Time zone (`tz`), e.g. `"Europe/London"`.
    set_timezone, "setTimezone", Timezone;
    /// Language (`lang`), e.g. `"en-GB"`.
    set_lang, "setLang", Lang;
    /// Domain user id (`duid`).
    set_domain_user_id, "setDomainUserId", DomainUserId;
    /// Domain session id (`sid`).
    set_domain_session_id, "setDomainSessionId", DomainSessionId;
    /// IP address (`ip`).
    set_ip_address, "setIpAddress", IpAddress;
    /// User agent (`ua`).
    set_useragent, "setUseragent", Useragent;
    /// Network user id (`tnuid`).
    set_network_user_id, "setNetworkUserId", NetworkUserId;
}

#[wasm_bindgen(js_class = Subject)]
impl JsSubject {
    /// A subject with no field set.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsSubject {
        let shared: SharedSubject = Rc::default();
        let id = SUBJECTS.with(|r| r.register(shared.clone()));
        JsSubject { shared, id }
    }

    /// Internal: the handle number the tracker uses to find this subject.
    #[wasm_bindgen(getter, js_name = __snowplowHandle, skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.id
    }

    /// Platform (`p`): one of `"pc"`, `"tv"`, `"mob"`, `"cnsl"`, `"iot"`, `"web"`, `"srv"`, `"app"`;
    /// `null` restores the runtime default (`web` in browsers, `srv` in Workers and Node).
    #[wasm_bindgen(js_name = setPlatform, unchecked_return_type = "Subject")]
    pub fn set_platform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"pc\" | \"tv\" | \"mob\" | \"cnsl\" | \"iot\" | \"web\" | \"srv\" | \"app\" | null")]
        value: JsValue,
    ) -> JsResult<()> {
        let prefix = "Subject.setPlatform: ";
        let code = text(arg(prefix, "platform", value, Ty::Str)?);
        let platform = code.map(|c| Platform::parse(&c, "Subject.setPlatform: platform")).transpose();
        self.shared.borrow_mut().set_platform(js(platform)?);
        Ok(())
    }

    /// Screen resolution (`res`, `"WxH"`); integers from 1 to 2147483647.
    #[wasm_bindgen(js_name = setScreenResolution, unchecked_return_type = "Subject")]
    pub fn set_screen_resolution(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
    ) -> JsResult<()> {
        self.dimensions("Subject.setScreenResolution: ", width, height, false)
    }

    /// Viewport (`vp`, `"WxH"`); integers from 1 to 2147483647.
    #[wasm_bindgen(js_name = setViewport, unchecked_return_type = "Subject")]
    pub fn set_viewport(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
    ) -> JsResult<()> {
        self.dimensions("Subject.setViewport: ", width, height, true)
    }

    /// Colour depth (`cd`), an integer from 0 to 2147483647.
    #[wasm_bindgen(js_name = setColorDepth, unchecked_return_type = "Subject")]
    pub fn set_color_depth(&self, #[wasm_bindgen(unchecked_param_type = "number | null")] depth: JsValue) -> JsResult<()> {
        self.count(Field::ColorDepth, "Subject.setColorDepth: ", "depth", depth)
    }

    /// Domain session index (`vid`), an integer from 0 to 2147483647.
    #[wasm_bindgen(js_name = setDomainSessionIndex, unchecked_return_type = "Subject")]
    pub fn set_domain_session_index(&self, #[wasm_bindgen(unchecked_param_type = "number | null")] index: JsValue) -> JsResult<()> {
        self.count(Field::DomainSessionIndex, "Subject.setDomainSessionIndex: ", "index", index)
    }
}

impl Default for JsSubject {
    fn default() -> Self {
        JsSubject::new()
    }
}
