//! Property tests over random valid requests (RULES.md invariants). 10,000 cases per property by
//! default; `PROPTEST_CASES=200000 cargo test --release --test properties` for a long run.

use billcalc::calendar::add_months;
use billcalc::handling_fee::consumed_years_band;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::str::FromStr;

fn config() -> ProptestConfig {
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

const TERMS: [(&str, u32); 6] = [
    ("1M", 1),
    ("3M", 3),
    ("8M", 8),
    ("1Y", 12),
    ("2Y", 24),
    ("3Y", 36),
];

/// 1–3 contiguous order segments from a random start, each ending on start + term − 1 day or on
/// start + term (both console conventions occur), with random cash in cents.
fn orders() -> impl Strategy<Value = Vec<(NaiveDate, NaiveDate, &'static str, u64, u64)>> {
    (
        0u64..14_000,
        prop::collection::vec(
            (
                0usize..TERMS.len(),
                any::<bool>(),
                0u64..5_000_000,
                0u64..100_000,
            ),
            1..=3,
        ),
    )
        .prop_map(|(offset, segs)| {
            let mut start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(offset);
            let mut out = Vec::new();
            for (t, minus_one, cents, voucher) in segs {
                let (term, months) = TERMS[t];
                let mut end = add_months(start, months).unwrap();
                if minus_one {
                    end = end.pred_opt().unwrap();
                }
                out.push((start, end, term, cents, voucher));
                start = end.succ_opt().unwrap();
            }
            out
        })
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn orders_json(o: &[(NaiveDate, NaiveDate, &str, u64, u64)]) -> Value {
    Value::Array(
        o.iter()
            .map(|(s, e, t, c, v)| json!({"start": s.to_string(), "end": e.to_string(), "term": t, "paidCash": money(*c), "voucher": money(*v)}))
            .collect(),
    )
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).expect("decimal")
}

/// Every response's breakdown lines add up to its main total.
fn lines_add_up(res: &Value, total_key: &str) {
    let sum: Decimal = res["breakdown"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| dec(&l["amount"]))
        .sum();
    if let Some(t) = res.get(total_key).filter(|t| !t.is_null()) {
        assert_eq!(sum, dec(t), "lines add up to {total_key}: {res}");
    }
}

fn day_in(o: &[(NaiveDate, NaiveDate, &str, u64, u64)], pick: u64) -> NaiveDate {
    let first = o[0].0;
    let last = o[o.len() - 1].1;
    let span = (last - first).num_days() as u64 + 1;
    first + Days::new(pick % span)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn unsubscribe_refund_is_bounded_and_explained(o in orders(), pick in any::<u64>(), exact in any::<bool>()) {
        let date = day_in(&o, pick);
        let policy = if exact { "exact" } else { "document" };
        let req = json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": date.to_string(), "orders": orders_json(&o), "policy": policy});
        let res = billcalc::calculate(req).unwrap();
        let refund = dec(&res["refund"]);
        let paid = dec(&res["paidCash"]);
        prop_assert!(refund >= Decimal::ZERO && refund <= paid, "0 ≤ {refund} ≤ {paid}");
        lines_add_up(&res, "refund");
        // Single running order, refund > 0: consumed + fee + refund = cash paid (to the cent under
        // the document policy, which rounds consumed and fee; within half a cent under exact).
        if o.len() == 1 && refund > Decimal::ZERO {
            let gap = (dec(&res["consumed"]) + dec(&res["handlingFee"]) + refund - paid).abs();
            if exact { prop_assert!(gap <= Decimal::new(5, 3), "gap {gap}"); } else { prop_assert_eq!(gap, Decimal::ZERO); }
        }
    }

    #[test]
    fn unsubscribe_refund_never_rises_within_a_fee_band(o in orders(), pick in any::<u64>()) {
        let date = day_in(&o, pick);
        let next = date.succ_opt().unwrap();
        let running = o.iter().find(|s| s.0 <= date && date <= s.1).unwrap();
        prop_assume!(next <= running.1);
        // The handling-fee rate drops at each year boundary of 2Y/3Y orders (table 3-5): the
        // refund may rise there, and only there.
        prop_assume!(consumed_years_band(running.0, date) == consumed_years_band(running.0, next));
        let at = |d: NaiveDate| {
            let r = billcalc::calculate(json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": d.to_string(), "orders": orders_json(&o), "policy": "exact"})).unwrap();
            dec(&r["refund"])
        };
        prop_assert!(at(next) <= at(date));
    }

    #[test]
    fn spec_change_amounts_are_never_negative(o in orders(), pick in any::<u64>(), old in 1u64..100_000, new in 1u64..100_000) {
        let date = day_in(&o, pick);
        let prices = |c: u64| json!({"1M": money(c), "1Y": money(c * 11), "3Y": money(c * 30)});
        let up = billcalc::calculate(json!({"op": "upgradeCost", "date": date.to_string(), "orders": orders_json(&o), "oldPrices": prices(old), "newPrices": prices(new)})).unwrap();
        prop_assert!(dec(&up["cost"]) >= Decimal::ZERO);
        lines_add_up(&up, "cost");
        let down = billcalc::calculate(json!({"op": "downgradeRefund", "date": date.to_string(), "orders": orders_json(&o), "newPrices": prices(new)})).unwrap();
        prop_assert!(dec(&down["refund"]) >= Decimal::ZERO);
        lines_add_up(&down, "refund");
    }

    #[test]
    fn unified_expiry_lands_on_the_day_at_least_a_month_later(offset in 0u64..20_000, t in 0usize..TERMS.len(), day in 0u32..=28, price in 1u64..100_000) {
        let expiry = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(offset);
        let unified_day = if day == 0 { json!("last") } else { json!(day) };
        let res = billcalc::calculate(json!({"op": "unifiedExpiry", "currentExpiry": expiry.to_string(), "renewTerm": TERMS[t].0, "unifiedDay": unified_day, "prices": {"1M": money(price), "1Y": money(price * 10)}})).unwrap();
        let unified = NaiveDate::from_str(res["unifiedExpiry"].as_str().unwrap()).unwrap();
        prop_assert!(unified >= add_months(expiry, 1).unwrap());
        if day == 0 {
            prop_assert_eq!(unified.succ_opt().unwrap().format("%d").to_string(), "01");
        } else {
            prop_assert_eq!(unified.format("%d").to_string(), format!("{day:02}"));
        }
        lines_add_up(&res, "total");
    }

    #[test]
    fn results_do_not_depend_on_field_order(o in orders(), pick in any::<u64>()) {
        let date = day_in(&o, pick);
        let req = json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": date.to_string(), "orders": orders_json(&o), "policy": "exact"});
        let reversed = Value::Object(req.as_object().unwrap().iter().rev().map(|(k, v)| (k.clone(), v.clone())).collect::<Map<_, _>>());
        prop_assert_eq!(billcalc::calculate(req), billcalc::calculate(reversed));
    }

    #[test]
    fn quotes_add_up(t in 0usize..TERMS.len(), qty in 1u64..1000, price in 0u64..10_000_000, d in 1u32..=100, offset in 0u64..20_000) {
        let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(offset);
        let res = billcalc::calculate(json!({"op": "quote", "date": date.to_string(), "term": TERMS[t].0, "quantity": qty, "prices": {"1M": money(price), "1Y": money(price * 10), "2Y": money(price * 19), "3Y": money(price * 27)}, "discount": format!("{}", Decimal::new(d.into(), 2))})).unwrap();
        lines_add_up(&res, "payable");
        prop_assert!(dec(&res["payable"]) <= dec(&res["listAmount"]));
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value(), op in 0usize..9) {
        let mut v = v;
        if let Value::Object(m) = &mut v {
            let name = billcalc::ops::OPERATIONS.get(op).copied().unwrap_or("nope");
            m.insert("op".into(), json!(name));
        }
        let _ = billcalc::calculate(v);
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[0-9A-Za-z.:\\-]{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "2022-09-02",
            "2022-08-19",
            "1M",
            "3Y",
            "110.00",
            "-1",
            "inUse",
            "last",
            "9999-12-31",
            "1e3"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "scenario",
                    "date",
                    "orders",
                    "start",
                    "end",
                    "term",
                    "paidCash",
                    "voucher",
                    "newPrices",
                    "oldPrices",
                    "prices",
                    "currentExpiry",
                    "renewTerm",
                    "unifiedDay",
                    "capacityBefore",
                    "capacityAfter",
                    "unitPrices",
                    "kind",
                    "payment",
                    "remainingRatio",
                    "policy",
                    "discount",
                    "quantity",
                    "1M",
                    "1Y"
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
