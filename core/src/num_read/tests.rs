use super::*;

fn parse(t: &str) -> f64 {
    t.parse().unwrap()
}

#[test]
fn numbers_json_stringify_writes() {
    for t in [
        "0",
        "-0",
        "1",
        "-12",
        "13.99",
        "0.1",
        "0.3",
        "1e+21",
        "1e21",
        "5e-324",
        "-5e-324",
        "1e-7",
        "2.2250738585072014e-308",
        "2.225073858507201e-308",
        "1.7976931348623157e+308",
        "9007199254740991",
        "9007199254740992",
        "9007199254740993",
        "4503599627370495.5",
        "123456789012345680000",
        "0.30000000000000004",
        "1.2345678901234567e-200",
        "6.02214076e+23",
        "1700000000000.123",
    ] {
        assert_eq!(number(t).map(f64::to_bits), Some(parse(t).to_bits()), "{t}");
    }
}

#[test]
fn long_and_odd_texts() {
    for t in [
        "123.0e-1",
        "1.000000000000000000000000000000000000",
        "0.00000000000000000000000000000000000001e38",
        "100000000000000000000000000000000000000000000000000e-50",
        "9007199254740993.0000000000000000000000001",
        "2.4703282292062327e-324", // below half the smallest subnormal
        "2.4703282292062328e-324", // above it
        "1.7976931348623158e308",  // rounds down to the largest finite
        "1E5",
        "1e-0",
        "0e999999999999999999999999",
    ] {
        let (ours, std) = (number(t).unwrap(), parse(t));
        assert!(ours.to_bits().abs_diff(std.to_bits()) <= 1, "{t}: {ours} vs {std}");
    }
    assert_eq!(number("123.0e-1"), Some(12.3));
    assert_eq!(number("-0").map(f64::is_sign_negative), Some(true));
    assert_eq!(number("1e-400"), Some(0.0));
    assert_eq!(number("-1e-400").map(f64::is_sign_negative), Some(true));
    let long = ["0.", &"0".repeat(1_000_000), "1e1000005"].concat();
    assert_eq!(number(&long), Some(10_000.0));
}

#[test]
fn not_finite_or_not_a_number() {
    for t in [
        "1e400", "-1e400", "1.8e308", "", "-", "+1", "1.", ".5", "01", "-01", "1e", "1e+", "0x10", "1 ", " 1", "NaN", "inf", "Infinity",
        "1,5", "1e5.5", "--1",
    ] {
        assert_eq!(number(t), None, "{t}");
    }
}

#[test]
fn whole_numbers_are_read_as_whole() {
    for (t, whole) in
        [("1e21", true), ("123.0e-1", false), ("120e-1", true), ("4503599627370495.5", false), ("1e-400", true), ("5e-324", false)]
    {
        assert_eq!(number(t).map(|v| v.fract() == 0.0), Some(whole), "{t}");
    }
}

#[test]
fn number_end_finds_the_grammar() {
    assert_eq!(number_end(b"[-1.5e+3,", 1), Some(8));
    assert_eq!(number_end(b"0123", 0), Some(1));
    assert_eq!(number_end(b"-", 0), None);
    assert_eq!(number_end(b"1.e", 0), None);
    assert_eq!(number_end(b"", 0), None);
}
