//! Web tracking in a page (browser build only): sp.js's identity cookies and sessions, the
//! page's fields and `web_page` entity, activity pings. `io` touches the page through
//! `js/web.js`; `cookies` drives the coalesced cookie writes; `state` holds a tracker's web
//! state; `options` reads its options. The rules are in `snowplow_core::web`. Outside a page
//! (see `platform::env::has_document`: a worker) none of it switches on.

pub mod activity;
pub mod cookies;
pub mod io;
pub mod options;
pub mod sp_queue;
pub mod state;
