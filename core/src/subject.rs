//! Who an event is about: platform, user and device fields, and how an event's own subject
//! overrides the tracker's.

use crate::error::{quoted, Error, Result};
use crate::{key, Num, Payload};

/// The platforms of the tracker protocol (`p`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Personal computer.
    Pc,
    /// Television.
    Tv,
    /// Mobile.
    Mob,
    /// Games console.
    Cnsl,
    /// Internet of things.
    Iot,
    /// Web (the default in a browser).
    Web,
    /// Server-side (the default in Workers and Node).
    Srv,
    /// General application.
    App,
}

const PLATFORMS: [(Platform, &str); 8] = [
    (Platform::Pc, "pc"),
    (Platform::Tv, "tv"),
    (Platform::Mob, "mob"),
    (Platform::Cnsl, "cnsl"),
    (Platform::Iot, "iot"),
    (Platform::Web, "web"),
    (Platform::Srv, "srv"),
    (Platform::App, "app"),
];

impl Platform {
    /// Parse a protocol platform code; `param` names the argument in the error.
    pub fn parse(code: &str, param: &str) -> Result<Platform> {
        PLATFORMS
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(p, _)| *p)
            .ok_or_else(|| Error::type_error(param, "one of pc, tv, mob, cnsl, iot, web, srv, app", quoted(code)))
    }

    /// The protocol code.
    pub fn code(self) -> &'static str {
        PLATFORMS.iter().find(|(p, _)| *p == self).map_or("srv", |(_, c)| c)
    }
}

/// The subject fields other than the platform, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `uid`
    UserId,
    /// `res`
    ScreenResolution,
    /// `vp`
    Viewport,
    /// `cd`
    ColorDepth,
    /// `tz`
    Timezone,
    /// `lang`
    Lang,
    /// `duid`
    DomainUserId,
    /// `sid`
    DomainSessionId,
    /// `vid`
    DomainSessionIndex,
    /// `ip`
    IpAddress,
    /// `ua`
    Useragent,
    /// `tnuid`
    NetworkUserId,
}

const FIELD_KEYS: [&str; 12] = ["uid", "res", "vp", "cd", "tz", "lang", "duid", "sid", "vid", "ip", "ua", "tnuid"];

/// What a `Subject` setter sets ([`setter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setter {
    /// A text field.
    Text(Field),
    /// The platform.
    Platform,
    /// `res` (false) or `vp` (true) from a width and a height.
    Dimensions(bool),
    /// A count field, its parameter named as given.
    Count(Field, &'static str),
    /// Every field one HTTP request tells (`setFromRequest`, Node and workerd).
    Request,
    /// The same, answering the `Set-Cookie` that re-issues the user's `_sp_id`
    /// (`identityCookie`, Node and workerd).
    IdentityCookie,
}

/// The setter `method` of a JS `Subject` (as `opts::METHODS` declares them), if it is one.
pub fn setter(method: &str) -> Option<Setter> {
    use Field::*;
    Some(match method {
        "setUserId" => Setter::Text(UserId),
        "setTimezone" => Setter::Text(Timezone),
        "setLang" => Setter::Text(Lang),
        "setDomainUserId" => Setter::Text(DomainUserId),
        "setDomainSessionId" => Setter::Text(DomainSessionId),
        "setIpAddress" => Setter::Text(IpAddress),
        "setUseragent" => Setter::Text(Useragent),
        "setNetworkUserId" => Setter::Text(NetworkUserId),
        "setPlatform" => Setter::Platform,
        "setScreenResolution" => Setter::Dimensions(false),
        "setViewport" => Setter::Dimensions(true),
        "setColorDepth" => Setter::Count(ColorDepth, "depth"),
        "setDomainSessionIndex" => Setter::Count(DomainSessionIndex, "index"),
        "setFromRequest" => Setter::Request,
        "identityCookie" => Setter::IdentityCookie,
        _ => return None,
    })
}

/// A subject: every field optional. Set fields override, field by field, those of a subject
/// underneath (the tracker's), the platform included.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Subject {
    platform: Option<Platform>,
    values: [Option<String>; 12],
}

/// The largest width, height, colour depth or session index the collector stores (a 32-bit
/// signed integer).
const MAX_COUNT: f64 = 2_147_483_647.0;

/// Check that a width or height is an integer from 1 to 2^31 − 1 and render it.
fn dimension(n: &Num, param: &str) -> Result<String> {
    if n.value() >= 1.0 && n.value() <= MAX_COUNT && n.is_integer() {
        Ok(n.as_str().to_owned())
    } else {
        Err(Error::range_error(param, "an integer from 1 to 2147483647", n.as_str()))
    }
}

impl Subject {
    /// A subject with no field set.
    pub fn new() -> Self {
        Subject::default()
    }

    /// Set (or with `None` clear) the platform.
    pub fn set_platform(&mut self, platform: Option<Platform>) {
        self.platform = platform;
    }

    /// The platform, when set.
    pub fn platform(&self) -> Option<Platform> {
        self.platform
    }

    /// Set (or with `None` or an empty string clear) a field.
    pub fn set(&mut self, field: Field, value: Option<String>) {
        if let Some(slot) = self.values.get_mut(field as usize) {
            *slot = value.filter(|v| !v.is_empty());
        }
    }

    /// The value of a field.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values.get(field as usize).and_then(|v| v.as_deref())
    }

    /// Set `res` to `"WxH"`; both must be positive integers.
    pub fn set_screen_resolution(&mut self, width: &Num, height: &Num) -> Result<()> {
        let v = format_dimensions(width, height)?;
        self.set(Field::ScreenResolution, Some(v));
        Ok(())
    }

    /// Set `vp` to `"WxH"`; both must be positive integers.
    pub fn set_viewport(&mut self, width: &Num, height: &Num) -> Result<()> {
        let v = format_dimensions(width, height)?;
        self.set(Field::Viewport, Some(v));
        Ok(())
    }

    /// Set a field that holds an integer from 0 to 2^31 − 1 (`cd`, `vid`).
    pub fn set_count(&mut self, field: Field, n: Option<&Num>, param: &str) -> Result<()> {
        if let Some(n) = n {
            crate::validate::count(param, n)?;
        }
        self.set(field, n.map(|n| n.as_str().to_owned()));
        Ok(())
    }

    /// Write `p` and the subject fields to `payload`, field by field from the first of
    /// `layers` that sets it (the event's subject, the tracker's, the page's); `p` falls back
    /// to `default_platform` when none sets it.
    pub fn write(payload: &mut Payload, layers: [Option<&Subject>; 3], default_platform: Platform) {
        let platform = layers.iter().flatten().find_map(|s| s.platform).unwrap_or(default_platform);
        payload.add(key::PLATFORM, platform.code());
        for (i, k) in FIELD_KEYS.iter().enumerate() {
            let value = layers.iter().flatten().find_map(|s| s.values.get(i).and_then(|v| v.as_deref()));
            payload.add_opt(k, value);
        }
    }
}

/// `"WxH"`; errors name `width` or `height` (the caller adds its method).
fn format_dimensions(width: &Num, height: &Num) -> Result<String> {
    let w = dimension(width, "width")?;
    let h = dimension(height, "height")?;
    Ok(w + "x" + &h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Subject {
        let mut s = Subject::new();
        s.set_platform(Some(Platform::Mob));
        s.set(Field::UserId, Some("user 1".into()));
        s.set_screen_resolution(&Num::int(1920), &Num::int(1080)).unwrap();
        s.set_viewport(&Num::int(800), &Num::int(600)).unwrap();
        s.set_count(Field::ColorDepth, Some(&Num::int(24)), "cd").unwrap();
        s.set(Field::Timezone, Some("Europe/London".into()));
        s.set(Field::Lang, Some("en".into()));
        s.set(Field::DomainUserId, Some("d".into()));
        s.set(Field::DomainSessionId, Some("s".into()));
        s.set_count(Field::DomainSessionIndex, Some(&Num::int(3)), "vid").unwrap();
        s.set(Field::IpAddress, Some("1.2.3.4".into()));
        s.set(Field::Useragent, Some("UA/1".into()));
        s.set(Field::NetworkUserId, Some("n".into()));
        s
    }

    #[test]
    fn writes_every_field() {
        let mut p = Payload::default();
        Subject::write(&mut p, [None, Some(&full()), None], Platform::Web);
        let got: Vec<_> = p.pairs().collect();
        assert_eq!(
            got,
            vec![
                ("p", "mob"),
                ("uid", "user 1"),
                ("res", "1920x1080"),
                ("vp", "800x600"),
                ("cd", "24"),
                ("tz", "Europe/London"),
                ("lang", "en"),
                ("duid", "d"),
                ("sid", "s"),
                ("vid", "3"),
                ("ip", "1.2.3.4"),
                ("ua", "UA/1"),
                ("tnuid", "n")
            ]
        );
    }

    #[test]
    fn event_subject_overrides_field_by_field_and_keeps_platform() {
        let mut ev = Subject::new();
        ev.set(Field::UserId, Some("other".into()));
        let mut p = Payload::default();
        Subject::write(&mut p, [Some(&ev), Some(&full()), None], Platform::Web);
        assert_eq!(p.get("uid"), Some("other"));
        assert_eq!(p.get("p"), Some("mob"), "an event subject without platform does not reset p");
        assert_eq!(p.get("tz"), Some("Europe/London"));
        ev.set_platform(Some(Platform::Tv));
        let mut p = Payload::default();
        Subject::write(&mut p, [Some(&ev), Some(&full()), None], Platform::Web);
        assert_eq!(p.get("p"), Some("tv"));
    }

    #[test]
    fn defaults_and_clearing() {
        let mut p = Payload::default();
        Subject::write(&mut p, [None, None, None], Platform::Srv);
        assert_eq!(p.pairs().collect::<Vec<_>>(), vec![("p", "srv")]);
        let mut s = full();
        s.set(Field::UserId, Some(String::new()));
        s.set(Field::Lang, None);
        assert_eq!(s.get(Field::UserId), None);
        assert_eq!(s.get(Field::Lang), None);
    }

    #[test]
    fn validation() {
        let mut s = Subject::new();
        let e = s.set_viewport(&Num::int(0), &Num::int(10)).unwrap_err();
        assert_eq!(e.to_string(), "width must be an integer from 1 to 2147483647, got 0");
        assert_eq!(e.kind, crate::ErrorKind::Range);
        let e = s.set_screen_resolution(&Num::int(10), &Num::with_text(1.5, "1.5".into())).unwrap_err();
        assert_eq!(e.to_string(), "height must be an integer from 1 to 2147483647, got 1.5");
        let e = s.set_count(Field::ColorDepth, Some(&Num::int(-1)), "Subject.setColorDepth: depth").unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Range);
        // Numbers a field cannot carry are refused, never sent as `1e+300`.
        let huge = Num::with_text(1e300, "1e+300".into());
        let e = s.set_count(Field::ColorDepth, Some(&huge), "Subject.setColorDepth: depth").unwrap_err();
        assert_eq!(e.to_string(), "Subject.setColorDepth: depth must be an integer from 0 to 2147483647, got 1e+300");
        assert!(s.set_viewport(&Num::int(2_147_483_648), &Num::int(1)).is_err());
        assert!(s.set_count(Field::DomainSessionIndex, Some(&Num::int(2_147_483_647)), "vid").is_ok());
        let e = Platform::parse("desktop", "Subject.setPlatform: platform").unwrap_err();
        assert_eq!(e.to_string(), "Subject.setPlatform: platform must be one of pc, tv, mob, cnsl, iot, web, srv, app, got \"desktop\"");
        assert_eq!(Platform::parse("iot", "p").map(Platform::code), Ok("iot"));
    }
}
