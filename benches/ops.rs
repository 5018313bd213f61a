//! Native speed of every operation (`cargo bench`): typed requests built once outside the timed
//! loop, the JSON entry point the CLI uses, and the 1,096-point daily refund curve of a 3-year order.

use billcalc::io::ops::OPERATIONS;
use billcalc::rules::explained;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

fn order(start: &str, end: &str, term: &str, paid: &str) -> Value {
    json!({"start": start, "end": end, "term": term, "paidCash": paid})
}

fn requests() -> Vec<(&'static str, Value)> {
    let month = vec![order("2018-11-01", "2018-11-30", "1M", "120")];
    vec![
        (
            "unsubscribeRefund",
            json!({"scenario": "inUse", "date": "2022-09-02", "orders": [order("2022-08-19", "2022-09-19", "1M", "110.00")]}),
        ),
        (
            "downgradeRefund",
            json!({"date": "2018-11-24", "orders": month, "newPrices": {"1M": "90"}}),
        ),
        (
            "upgradeCost",
            json!({"date": "2019-03-31", "orders": [order("2019-01-31", "2020-01-31", "1Y", "120"), order("2020-02-01", "2020-09-30", "8M", "88"), order("2020-10-01", "2021-09-30", "1Y", "120")], "oldPrices": {"1M": "11", "1Y": "120"}, "newPrices": {"3Y": "400"}}),
        ),
        (
            "expansionCost",
            json!({"date": "2021-07-03", "orders": [order("2021-07-01", "2021-07-31", "1M", "3.5")], "capacityBefore": 10, "capacityAfter": 60, "unitPrices": {"1M": "0.35"}}),
        ),
        (
            "unifiedExpiry",
            json!({"currentExpiry": "2023-03-15", "renewTerm": "1M", "unifiedDay": 1, "prices": {"1M": "30"}}),
        ),
        (
            "quote",
            json!({"kind": "renewal", "date": "2023-03-20", "currentExpiry": "2023-03-15", "term": "1M", "prices": {"1M": "30"}}),
        ),
        (
            "switchToOnDemand",
            json!({"date": "2022-09-02", "orders": [order("2022-08-19", "2022-09-19", "1M", "110.00")]}),
        ),
        (
            "reservedInstanceRefund",
            json!({"payment": "fullUpfront", "remainingRatio": "0.5", "upfrontCash": "50", "upfrontVoucher": "50"}),
        ),
    ]
}

/// One worked example per remaining operation, from the golden vectors (the first that succeeds).
fn vector_requests(known: &[&str]) -> Vec<(&'static str, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut vectors: Vec<Value> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        vectors.extend(v.as_array().unwrap().iter().cloned());
    }
    OPERATIONS
        .iter()
        .map(|o| o.name)
        .filter(|op| !known.contains(op))
        .filter_map(|op| {
            let v = vectors
                .iter()
                .find(|v| v["request"]["op"] == op && v.get("expect").is_some())?;
            let mut req = v["request"].clone();
            req.as_object_mut()?.remove("op");
            Some((op, req))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    use billcalc::io::ops::*;
    use billcalc::io::read::from_value;
    use billcalc::rules::lifecycle::{quote, switch, unified_expiry};
    use billcalc::rules::refunds::{reserved_instance, unsubscribe};
    use billcalc::rules::spec_changes::{downgrade, expansion, upgrade};
    let mut all = requests();
    let known: Vec<&str> = all.iter().map(|(op, _)| *op).collect();
    all.extend(vector_requests(&known));
    assert_eq!(all.len(), OPERATIONS.len(), "a request for every operation");
    for (op, req) in all {
        let v = req.clone();
        let mut g = c.benchmark_group(op);
        match op {
            "unsubscribeRefund" => {
                let r: unsubscribe::UnsubscribeRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(unsubscribe::unsubscribe_refund, black_box(&r)))
                });
            }
            "downgradeRefund" => {
                let r: downgrade::DowngradeRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(downgrade::downgrade_refund, black_box(&r)))
                });
            }
            "upgradeCost" => {
                let r: upgrade::UpgradeRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(upgrade::upgrade_cost, black_box(&r)))
                });
            }
            "expansionCost" => {
                let r: expansion::ExpansionRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(expansion::expansion_cost, black_box(&r)))
                });
            }
            "unifiedExpiry" => {
                let r: unified_expiry::UnifiedExpiryRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(unified_expiry::unified_expiry, black_box(&r)))
                });
            }
            "quote" => {
                let r: quote::QuoteRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(quote::quote, black_box(&r)))
                });
            }
            "switchToOnDemand" => {
                let r: switch::SwitchRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(switch::switch_to_on_demand, black_box(&r)))
                });
            }
            "reservedInstanceRefund" => {
                let r: reserved_instance::ReservedInstanceRequest = from_value(v).unwrap();
                g.bench_function("typed", |b| {
                    b.iter(|| explained(reserved_instance::reserved_instance_refund, black_box(&r)))
                });
            }
            // The rest of the rulebook: through the JSON entry point only (below).
            _ => {}
        }
        let text = req.to_string();
        g.bench_function("json text", |b| {
            b.iter(|| calculate_text(op, black_box(&text), true))
        });
        g.bench_function("json text, figures only", |b| {
            b.iter(|| calculate_text(op, black_box(&text), false))
        });
        g.finish();
    }
    let three_years = json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": "2020-01-01", "orders": [order("2020-01-01", "2022-12-31", "3Y", "3000")]});
    let mut three_years = three_years;
    three_years.as_object_mut().unwrap().remove("op");
    let curve_request = three_years.to_string();
    c.bench_function("curve/unsubscribeRefund 1096 days", |b| {
        b.iter(|| {
            billcalc::io::ops::curve_text(
                "unsubscribeRefund",
                black_box(&curve_request),
                None,
                None,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
