//! The events autotracking sends: button clicks, form focus and errors.

use super::*;

fn ue_data(ev: Event) -> String {
    let pairs = track(ev);
    let ue = &pairs.iter().find(|(k, _)| *k == "ue_pr").unwrap().1;
    let start = ue.find("\"data\":{\"schema\"").unwrap();
    ue[start..].to_owned()
}

#[test]
fn button_click() {
    let e = ev(&BUTTON_CLICK, vec![(K::Label, s("Buy")), (K::Id, s("b1")), (K::Classes, list(&["x", "y"])), (K::Name, s("buy"))]);
    assert_eq!(
        ue_data(e),
        r#""data":{"schema":"iglu:com.snowplowanalytics.snowplow/button_click/jsonschema/1-0-0","data":{"label":"Buy","id":"b1","classes":["x","y"],"name":"buy"}}}"#
    );
    assert!(err(ev(&BUTTON_CLICK, vec![(K::Label, s(""))])).contains("label"));
}

#[test]
fn form_focus_sends_its_type_as_element_type() {
    let e = ev(&FORM_FOCUS, vec![(K::FormId, s("f")), (K::ElementId, s("e")), (K::NodeName, s("INPUT")), (K::Type, s("EMAIL"))]);
    assert_eq!(
        ue_data(e),
        r#""data":{"schema":"iglu:com.snowplowanalytics.snowplow/focus_form/jsonschema/1-0-0","data":{"formId":"f","elementId":"e","nodeName":"INPUT","value":null,"elementType":"email"}}}"#
    );
    assert!(err(ev(&FORM_FOCUS, vec![(K::FormId, s("f")), (K::ElementId, s("e")), (K::NodeName, s("DIV"))])).contains("nodeName"));
}

#[test]
fn errors_are_cut_to_the_schema_maxima_and_named_javascript() {
    let long = "é".repeat(3000);
    let e = ev(
        &ERROR,
        vec![
            (K::ProgrammingLanguage, s("RUST")),
            (K::Message, s(&long)),
            (K::Error, s(&"s".repeat(9000))),
            (K::Filename, s(&"f".repeat(2000))),
            (K::Lineno, n(3)),
            (K::Colno, n(7)),
        ],
    );
    let data = ue_data(e);
    assert!(data.contains(r#""programmingLanguage":"JAVASCRIPT""#), "{}", &data[..200]);
    assert!(data.contains(&format!(r#""message":"{}""#, "é".repeat(2048))));
    assert!(data.contains(&format!(r#""stackTrace":"{}""#, "s".repeat(8192))));
    assert!(data.contains(&format!(r#""fileName":"{}""#, "f".repeat(1024))));
    assert!(data.contains(r#""lineNumber":3,"lineColumn":7"#));
    assert!(err(ev(&ERROR, vec![(K::Message, s("m")), (K::Lineno, n(-1))])).contains("lineno"));
}
