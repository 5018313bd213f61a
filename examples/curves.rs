//! The four what-if curves of a 3-year order (1,096 days each) and the calls behind them, for an
//! instruction count that does not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/curves` (docs/PERFORMANCE.md); a second
//! argument keeps the one operation named (`curves 1 unsubscribeRefund`).

use billcalc::io::ops::{calculate_text, curve_text};

fn main() {
    let orders =
        r#"[{"start": "2020-01-01", "end": "2022-12-31", "term": "3Y", "paidCash": "3000"}]"#;
    let prices = r#"{"1Y": "1000", "3Y": "2500"}"#;
    let bigger = r#"{"1Y": "1500", "3Y": "4000"}"#;
    let curves = [
        (
            "unsubscribeRefund",
            format!(r#"{{"scenario": "inUse", "date": "2020-01-01", "orders": {orders}}}"#),
        ),
        (
            "switchToOnDemand",
            format!(r#"{{"mode": "immediate", "date": "2020-01-01", "orders": {orders}}}"#),
        ),
        (
            "upgradeCost",
            format!(
                r#"{{"date": "2020-01-01", "orders": {orders}, "oldPrices": {prices}, "newPrices": {bigger}}}"#
            ),
        ),
        (
            "downgradeRefund",
            format!(
                r#"{{"date": "2020-01-01", "orders": {orders}, "newPrices": {{"1Y": "600", "3Y": "1500"}}}}"#
            ),
        ),
    ];
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let only = std::env::args().nth(2);
    let mut size = 0;
    for _ in 0..rounds {
        for (op, request) in &curves {
            if only.as_deref().is_some_and(|o| o != *op) {
                continue;
            }
            size += curve_text(op, request, None, None).map_or(0, |c| c.len());
            size += calculate_text(op, request, false).map_or(0, |a| a.len());
        }
    }
    println!("{size}");
}
