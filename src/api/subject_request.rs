//! `subject.setFromRequest(request, options)` and `subject.identityCookie(request, options)`
//! (Node and workerd build): what one HTTP request tells of its user, and the `_sp_id` cookie
//! the server re-issues, by core's rules (`snowplow_core::request_identity`); the host reads the
//! request's URL and the headers core names (`js/hooks.js` `requestPart`).

use snowplow_core::opts::{self, Read, Set};
use snowplow_core::request_identity::identity_cookie::{identity_cookie, CookieOptions};
use snowplow_core::request_identity::{read_request, RequestOptions, RequestSubject};
use snowplow_core::{Error, Field, Num};

use crate::api::subject::JsSubject;
use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::message;
use crate::platform::env::{new_uuid, now_ms, on_cloudflare};

#[cfg_attr(not(test), wasm_bindgen::prelude::wasm_bindgen(raw_module = "./hooks.js"))]
#[cfg_attr(test, wasm_bindgen::prelude::wasm_bindgen(module = "/js/hooks.js"))]
extern "C" {
    /// The URL (`name` "") or header `name` of the request the host holds as `id`: `"\u{0}"` when
    /// absent, `"\u{1}"` when reading it threw.
    #[wasm_bindgen(js_name = requestPart)]
    fn request_part(id: u32, name: &str) -> String;
}

const EXPECTED: &str = "a Request, or an object with url and headers.get(name)";

/// A request's URL and headers, read through the host.
type Header<'a> = dyn FnMut(&str) -> Option<String> + 'a;

impl JsSubject {
    /// Set every field the request in `message` tells, each only when well formed.
    pub(crate) fn set_from_request(&self, message: &str) -> JsResult<()> {
        self.with_request(message, "Subject.setFromRequest", &opts::REQUEST, |bag, url, header| {
            let options = RequestOptions::from_read(bag)?;
            Ok((read_request(url, header, &options, on_cloudflare()), ()))
        })
    }

    /// As [`JsSubject::set_from_request`], answering the `Set-Cookie` header value that
    /// re-issues (or with `create`, makes) the user's `_sp_id`, or `null`.
    pub(crate) fn identity_cookie(&self, message: &str) -> JsResult<Answer> {
        let set_cookie = self.with_request(message, "identityCookie", &opts::IDENTITY_COOKIE, |bag, url, header| {
            let options = CookieOptions::from_read(bag)?;
            let issued = identity_cookie(url, header, &options, on_cloudflare(), now_ms(), &mut new_uuid);
            Ok((issued.subject, issued.set_cookie))
        })?;
        let mut text = String::new();
        match set_cookie {
            Some(s) => snowplow_core::json::write_str(&mut text, &s),
            None => text.push_str("null"),
        }
        Ok(Answer::Json(text))
    }

    /// Read `message`'s request and options (of `set`) with `read`, then set the fields the
    /// request told; errors are named after `name`.
    fn with_request<T>(
        &self,
        message: &str,
        name: &str,
        set: &'static Set,
        read: impl FnOnce(&mut Read, &str, &mut Header) -> Result<(RequestSubject, T), Error>,
    ) -> JsResult<T> {
        let within = |e: Error| to_js(e.within(&[name, ": "].concat()));
        let params = message::params(message::text(message, name)?, name)?;
        let request = message::taken(params.at(0), &[name, ": request"].concat(), EXPECTED)?;
        let mut bag = opts::read_set(set, params.at(1), "options").map_err(within)?;
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
        let (got, answer) = read(&mut bag, &url, &mut part).map_err(within)?;
        if unreadable {
            return Err(within(Error::type_error(
                "request",
                "a request whose headers can be read (headers.get threw)",
                request.describe(),
            )));
        }
        self.set_told(got).map_err(within)?;
        Ok(answer)
    }

    /// Set each field `got` has.
    fn set_told(&self, got: RequestSubject) -> Result<(), Error> {
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
        match got.visits {
            Some(v) => s.set_count(Field::DomainSessionIndex, Some(&Num::int(v)), "vid"),
            None => Ok(()),
        }
    }
}
