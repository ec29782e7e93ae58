//! User and session identity as sp.js keeps it: the `_sp_id` value (see [`super::id_cookie`])
//! read before each event and written after it, a session that lives while `_sp_ses` does (its
//! storage expires it `sessionCookieTimeout` after the last event), and in memory when nothing is
//! stored. The binding reads and writes the storage; every rule is here.

use super::id_cookie::{seconds, IdCookie, Remembered};

/// Where identity is kept (`stateStorageStrategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Cookies for identity, localStorage for the event queue (the default).
    CookieAndLocalStorage,
    /// Cookies only; the event queue in memory.
    Cookie,
    /// localStorage only.
    LocalStorage,
    /// Nothing stored.
    None,
}

impl Strategy {
    /// The option's value.
    pub fn parse(v: &str) -> Option<Strategy> {
        Some(match v {
            "cookieAndLocalStorage" => Strategy::CookieAndLocalStorage,
            "cookie" => Strategy::Cookie,
            "localStorage" => Strategy::LocalStorage,
            "none" => Strategy::None,
            _ => return None,
        })
    }

    /// Whether the persistent event queue may be stored (sp.js keeps it in memory otherwise).
    pub fn stores_queue(self) -> bool {
        matches!(self, Strategy::CookieAndLocalStorage | Strategy::LocalStorage)
    }
}

/// `anonymousTracking`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anonymous {
    /// On: no user id, no `duid`.
    pub on: bool,
    /// Keep the session (`sid`, `vid`, the session cookie) while anonymous.
    pub with_session: bool,
    /// Ask the collector not to record the IP and network id (`SP-Anonymous: *`).
    pub server: bool,
}

/// What an event carries and what to store after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// `duid`.
    pub duid: Option<String>,
    /// `sid`.
    pub sid: Option<String>,
    /// `vid`.
    pub vid: Option<i64>,
    /// The id value to store (the session marker is stored with it), if anything is stored.
    pub store: Option<String>,
    /// The `client_session` data, when a session is kept.
    pub client_session: Option<String>,
    /// A session began or was stored for the first time: `onSessionUpdateCallback` is due.
    pub session_update: bool,
}

/// One tracker's session state.
#[derive(Debug, Clone)]
pub struct Session {
    /// Where identity is kept.
    pub strategy: Strategy,
    /// The anonymous-tracking switches.
    pub anonymous: Anonymous,
    /// `sessionCookieTimeout` in ms (also the in-memory session's timeout).
    pub timeout_ms: i64,
    memory: Remembered,
    last_event_ms: i64,
    manual_update: bool,
}

const NIL_UUID: &str = "00000000-0000-0000-0000-000000000000";

impl Session {
    fn stores(&self) -> bool {
        self.strategy != Strategy::None && (!self.anonymous.on || self.anonymous.with_session)
    }

    fn keeps_session(&self) -> bool {
        !self.anonymous.on || self.anonymous.with_session
    }

    fn load(&self, stored: Option<&str>, now_ms: i64, uuid: &mut dyn FnMut() -> String) -> IdCookie {
        if self.strategy == Strategy::None {
            let none = Remembered { duid: String::new(), session_id: String::new(), visits: 0 };
            let mut id = IdCookie::parse(None, &none, now_ms, uuid);
            (id.created_s, id.now_s) = (0, 0);
            return id;
        }
        IdCookie::parse(stored, &self.memory, now_ms, uuid)
    }

    fn start(&mut self, id: &mut IdCookie, uuid: &mut dyn FnMut() -> String) {
        id.start_session(self.memory.visits, uuid());
        self.memory.session_id = id.session_id.clone();
    }

    /// The tracker starts (a page load): reads the stored id (`stored`) and whether the session
    /// marker is there (`session_alive`); without it a new session begins now. Returns the
    /// session and the id value to store, if anything is stored.
    pub fn begin(
        strategy: Strategy,
        anonymous: Anonymous,
        timeout_ms: i64,
        stored: Option<&str>,
        session_alive: bool,
        now_ms: i64,
        uuid: &mut dyn FnMut() -> String,
    ) -> (Session, Option<String>) {
        let memory = Remembered { duid: String::new(), session_id: uuid(), visits: 1 };
        let mut s = Session { strategy, anonymous, timeout_ms, memory, last_event_ms: now_ms, manual_update: false };
        if !s.keeps_session() {
            return (s, None);
        }
        let alive = strategy != Strategy::None && session_alive;
        let mut id = s.load(stored, now_ms, uuid);
        if id.duid.is_empty() && !anonymous.on {
            id.duid = uuid();
        }
        s.memory.duid = id.duid.clone();
        if alive {
            s.memory.session_id = id.session_id.clone();
        } else {
            s.start(&mut id, uuid);
        }
        s.memory.visits = id.visits;
        id.now_s = seconds(now_ms);
        let store = s.stores().then(|| id.serialize(anonymous.on));
        (s, store)
    }

    /// An event `eid` at `event_ms` (its `dtm`, or `ttm`): what it carries and what to store.
    pub fn on_event(
        &mut self,
        stored: Option<&str>,
        session_alive: bool,
        eid: &str,
        event_ms: i64,
        now_ms: i64,
        uuid: &mut dyn FnMut() -> String,
    ) -> Identity {
        if !self.keeps_session() {
            self.last_event_ms = now_ms;
            return Identity::default();
        }
        let alive = self.strategy != Strategy::None && session_alive;
        let mut id = self.load(stored, now_ms, uuid);
        let first_in_session = id.event_index == 0;
        if id.stored {
            if alive {
                self.memory.session_id = id.session_id.clone();
            } else {
                self.start(&mut id, uuid);
            }
            self.memory.visits = id.visits;
        } else if now_ms - self.last_event_ms > self.timeout_ms {
            self.memory.visits += 1;
            self.start(&mut id, uuid);
        }
        id.now_s = seconds(now_ms);
        if id.event_index == 0 {
            id.first_event_id = eid.to_owned();
            id.first_event_ms = Some(event_ms);
        }
        id.event_index += 1;
        self.last_event_ms = now_ms;
        let stores = self.stores();
        // After `newSession()` (which reported the session itself), the next event does not.
        let reported = std::mem::take(&mut self.manual_update);
        let anonymous = self.anonymous.on;
        Identity {
            duid: Some(id.duid.clone()).filter(|d| !d.is_empty() && !anonymous),
            sid: Some(self.memory.session_id.clone()).filter(|s| !s.is_empty()),
            vid: Some(self.memory.visits),
            store: stores.then(|| id.serialize(anonymous)),
            client_session: Some(self.client_session(&id)),
            session_update: stores && (!alive || first_in_session) && !reported,
        }
    }

    /// `newSession()`: a new session now. Returns the id value to store and the
    /// `client_session` data for `onSessionUpdateCallback` (when anything is stored).
    pub fn renew(&mut self, stored: Option<&str>, now_ms: i64, uuid: &mut dyn FnMut() -> String) -> Option<(String, String)> {
        let mut id = self.load(stored, now_ms, uuid);
        if !id.stored {
            self.memory.visits += 1;
        }
        self.start(&mut id, uuid);
        self.memory.visits = id.visits;
        id.now_s = seconds(now_ms);
        self.last_event_ms = now_ms;
        if !self.stores() {
            return None;
        }
        self.manual_update = true;
        Some((id.serialize(self.anonymous.on), self.client_session(&id)))
    }

    /// `clearUserData`: forget the session unless `preserve_session`, the user unless
    /// `preserve_user` (the binding removes the stored values).
    pub fn clear(&mut self, preserve_session: bool, preserve_user: bool, uuid: &mut dyn FnMut() -> String) {
        if !preserve_session {
            self.memory.session_id = uuid();
            self.memory.visits = 1;
        }
        if !preserve_user {
            self.memory.duid = if self.anonymous.on { String::new() } else { uuid() };
        }
    }

    /// The `client_session` 1-0-2 data of `id`, keys in sp.js's order.
    fn client_session(&self, id: &IdCookie) -> String {
        let anonymous = self.anonymous.on;
        let mut out = String::with_capacity(320);
        let opt = |out: &mut String, v: Option<&str>| match v {
            Some(v) if !v.is_empty() => crate::json::write_str(out, v),
            _ => out.push_str("null"),
        };
        out.push_str("{\"userId\":");
        crate::json::write_str(&mut out, if anonymous { NIL_UUID } else { &id.duid });
        out.push_str(",\"sessionId\":");
        crate::json::write_str(&mut out, &id.session_id);
        out.push_str(",\"eventIndex\":");
        out.push_str(&crate::int_text(id.event_index));
        out.push_str(",\"sessionIndex\":");
        out.push_str(&crate::int_text(id.visits));
        out.push_str(",\"previousSessionId\":");
        opt(&mut out, Some(id.previous_session_id.as_str()).filter(|_| !anonymous));
        out.push_str(",\"storageMechanism\":");
        crate::json::write_str(&mut out, if self.strategy == Strategy::LocalStorage { "LOCAL_STORAGE" } else { "COOKIE_1" });
        out.push_str(",\"firstEventId\":");
        opt(&mut out, Some(id.first_event_id.as_str()));
        out.push_str(",\"firstEventTimestamp\":");
        let time = id.first_event_ms.map(super::time::iso);
        opt(&mut out, time.as_deref());
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests;
