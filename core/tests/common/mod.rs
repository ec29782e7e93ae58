//! What the property-test files share.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Run `cases` cases of `test` over `strategy` and print the count.
pub fn check<S: Strategy>(name: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let result = runner.run(&strategy, test);
    assert!(result.is_ok(), "property {name} failed: {result:?}");
    println!("property {name}: {cases} cases, 0 failures");
}
