use super::*;

#[test]
fn the_referrer_parameter_as_sp_js_reads_it() {
    // Expected values from sp.js's regex and decoding in Node 20.
    for (href, param) in [
        ("https://s/?referrer=https%3A%2F%2Fa%2F%3Fq%3D1", "https://a/?q=1"),
        ("https://s/?referer=a+b%2B", "a b+"),
        ("https://s/?x=1&referrer=a&referrer=b", "b"),
        ("https://s/?referrer=a#&referrer=b", "a"),
        ("https://s/#?referrer=a", ""),
        ("https://s/?xreferrer=a", ""),
        ("https://s/?referrer=%E0%A4%A", ""),
        ("https://s/?referrer=a&b=c#d", "a"),
        ("https://s/?referrer=", ""),
        ("https://s/?referrerx=1", ""),
        ("", ""),
    ] {
        assert_eq!(referrer_param(href), param, "{href}");
    }
}

#[test]
fn sizes_as_sp_js_renders_them() {
    // Expected values from sp.js's expressions in Node 20.
    let m = |inner: [Option<f64>; 2]| Measures { inner, ..Default::default() };
    assert_eq!(m([Some(1280.7), Some(-3.0)]).vp(), "1280x0");
    assert_eq!(m([Some(f64::NAN), Some(5.0)]).vp(), "NaNx5");
    assert_eq!(m([Some(-0.5), Some(f64::INFINITY)]).vp(), "0xInfinity");
    assert_eq!(m([None, Some(5.0)]).vp(), "", "unreadable");
    let screen = Measures { screen: [Some(-0.5), Some(-0.0)], ..Default::default() };
    assert_eq!(screen.res(), "-1x0", "no Math.max(0, …) for the screen");
    assert_eq!(Measures { screen: [Some(1920.0), Some(1080.0)], ..Default::default() }.res(), "1920x1080");
    assert_eq!(Measures::default().res(), "");
    let doc = Measures {
        root_width: [Some(800.0), Some(1024.0), Some(900.0)],
        root_height: [Some(10.0), Some(20.0), Some(30.0)],
        body_height: [Some(400.0), Some(2000.0)],
        ..Default::default()
    };
    assert_eq!(doc.ds(), "1024x2000");
    assert_eq!(Measures { body_height: [None, None], ..doc.clone() }.ds(), "1024x30", "no body: 0");
    assert_eq!(Measures { root_width: [Some(1.0), Some(f64::NAN), Some(3.0)], ..doc.clone() }.ds(), "NaNx2000");
    assert_eq!(Measures { root_height: [Some(1.0), None, Some(3.0)], ..doc }.ds(), "", "no root element");
}

#[test]
fn raw_page_to_fields() {
    let raw = RawPage {
        url: "https://s/?referrer=x".into(),
        document_referrer: "https://r/".into(),
        title: "T".into(),
        cd: "24".into(),
        tz: "Europe/London".into(),
        cookie_enabled: Some(true),
        measures: Measures { inner: [Some(800.0), Some(600.0)], ..Default::default() },
        ..Default::default()
    };
    let (f, param, document) = raw.clone().fields();
    assert_eq!(
        (f.url.as_str(), f.title.as_str(), f.vp.as_str(), f.res.as_str(), f.cookie.as_str()),
        ("https://s/?referrer=x", "T", "800x600", "", "1")
    );
    assert_eq!((f.cd.as_str(), f.tz.as_str(), f.referrer.as_str()), ("24", "Europe/London", ""));
    assert_eq!((param.as_str(), document.as_str()), ("x", "https://r/"));
    assert_eq!(RawPage { cookie_enabled: Some(false), ..raw.clone() }.fields().0.cookie, "0");
    assert_eq!(RawPage { cookie_enabled: None, ..raw }.fields().0.cookie, "", "navigator unreadable");
}

#[test]
fn the_first_set_do_not_track_signal_counts() {
    let text = |s: &str| Signal::Text(s.into());
    assert!(do_not_track(&[text("1"), Signal::Unset, Signal::Unset]));
    assert!(do_not_track(&[Signal::Unset, text("yes"), text("0")]));
    assert!(do_not_track(&[text(""), Signal::Unset, text("1")]), "'' is falsy");
    assert!(!do_not_track(&[text("0"), text("1"), text("1")]), "the first set one decides");
    assert!(!do_not_track(&[text("unspecified"), text("1"), Signal::Unset]));
    assert!(!do_not_track(&[Signal::Other, text("1"), Signal::Unset]), "a truthy non-string stops the search");
    assert!(!do_not_track(&[text("Yes")]) && !do_not_track(&[]));
}

#[test]
fn sizes_read_as_the_host_writes_them() {
    let sizes = crate::json_read::parse(r#"[1280, 0.5, "NaN", "Infinity", "-Infinity", null]"#).expect("json");
    let got: Vec<Option<f64>> = sizes.items().map(number).collect();
    assert_eq!(got[..2], [Some(1280.0), Some(0.5)]);
    assert!(got[2].is_some_and(f64::is_nan));
    assert_eq!(got[3..], [Some(f64::INFINITY), Some(f64::NEG_INFINITY), None]);
    // As sp.js writes a viewport whose width is NaN; a side that could not be read leaves it out.
    let m = Measures { inner: [got[2], Some(10.0)], ..Measures::default() };
    assert_eq!(m.vp(), "NaNx10");
    assert_eq!(Measures { inner: [got[5], Some(10.0)], ..Measures::default() }.vp(), "");
}
