//! `subject.setFromRequest(request, options)` (Node and workerd build): what one HTTP request
//! tells of its user, by core's rules (`snowplow_core::request_identity`); the host reads the
//! request's URL and the headers core names (`js/hooks.js` `requestPart`).

use snowplow_core::opts;
use snowplow_core::request_identity::{read_request, RequestOptions};
use snowplow_core::{Error, Field, Num};

use crate::api::subject::JsSubject;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::message;

#[cfg_attr(not(test), wasm_bindgen::prelude::wasm_bindgen(raw_module = "./hooks.js"))]
#[cfg_attr(test, wasm_bindgen::prelude::wasm_bindgen(module = "/js/hooks.js"))]
extern "C" {
    /// The URL (`name` "") or header `name` of the request the host holds as `id`: `"\u{0}"` when
    /// absent, `"\u{1}"` when reading it threw.
    #[wasm_bindgen(js_name = requestPart)]
    fn request_part(id: u32, name: &str) -> String;
}

const NAME: &str = "Subject.setFromRequest";
const EXPECTED: &str = "a Request, or an object with url and headers.get(name)";

impl JsSubject {
    /// Set every field the request in `message` tells, each only when well formed.
    pub(crate) fn set_from_request(&self, message: &str) -> JsResult<()> {
        let text = message::text(message, NAME)?;
        let params = message::params(text, NAME)?;
        let request = message::taken(params.at(0), "Subject.setFromRequest: request", EXPECTED)?;
        let within = |e: Error| to_js(e.within("Subject.setFromRequest: "));
        let mut bag = opts::read_set(&opts::REQUEST, params.at(1), "options").map_err(within)?;
        let options = RequestOptions::from_read(&mut bag).map_err(within)?;
        let mut unreadable = false;
        let mut part = |name: &str| match request_part(request.hold, name) {
            v if v == "\u{0}" => None,
            v if v == "\u{1}" => {
                unreadable = true;
                None
            }
            v => Some(v),
        };
        let Some(url) = part("") else {
            return Err(within(Error::type_error("request", EXPECTED, request.describe())));
        };
        let got = read_request(&url, &mut part, &options, crate::platform::env::on_cloudflare());
        if unreadable {
            return Err(within(Error::type_error(
                "request",
                "a request whose headers can be read (headers.get threw)",
                request.describe(),
            )));
        }
        let mut s = self.shared().borrow_mut();
        for (field, value) in [
            (Field::DomainUserId, got.duid),
            (Field::DomainSessionId, got.session_id),
            (Field::NetworkUserId, got.network_user_id),
            (Field::IpAddress, got.ip),
            (Field::Useragent, got.useragent),
            (Field::Lang, got.lang),
        ] {
            if value.is_some() {
                s.set(field, value);
            }
        }
        if let Some(v) = got.visits {
            s.set_count(Field::DomainSessionIndex, Some(&Num::int(v)), "vid").map_err(within)?;
        }
        Ok(())
    }
}
