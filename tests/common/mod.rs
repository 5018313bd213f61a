//! What the property tests share.

use proptest::test_runner::Config as ProptestConfig;

/// 10,000 cases per property by default, `PROPTEST_CASES` for a long run; no failure files.
pub fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
