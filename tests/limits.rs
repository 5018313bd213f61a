//! Limits: absurd inputs are coded errors, never an overflow, a hang or a panic.

use serde_json::{json, Value};

fn code(req: Value) -> (String, String) {
    let e = billcalc::calculate(req).expect_err("refused");
    (e.code.as_str().to_string(), e.path.clone())
}

fn unsubscribe(orders: Value, date: &str) -> Value {
    json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": date, "orders": orders})
}

fn one(start: &str, end: &str, term: &str, paid: Value) -> Value {
    json!([{"start": start, "end": end, "term": term, "paidCash": paid}])
}

#[test]
fn money_beyond_the_guaranteed_range() {
    let huge = "79228162514264337593543950335"; // Decimal::MAX
    assert_eq!(
        code(unsubscribe(
            one("2022-01-01", "2022-01-31", "1M", json!(huge)),
            "2022-01-05"
        ))
        .0,
        "MONEY_OUT_OF_RANGE"
    );
    assert_eq!(
        code(unsubscribe(
            one("2022-01-01", "2022-01-31", "1M", json!("1".repeat(60))),
            "2022-01-05"
        ))
        .0,
        "INVALID_MONEY"
    );
    assert_eq!(
        code(unsubscribe(
            one("2022-01-01", "2022-01-31", "1M", json!(1e300)),
            "2022-01-05"
        ))
        .0,
        "INVALID_MONEY"
    );
    assert_eq!(
        code(unsubscribe(
            one("2022-01-01", "2022-01-31", "1M", json!(u64::MAX)),
            "2022-01-05"
        ))
        .0,
        "MONEY_OUT_OF_RANGE"
    );
    // The largest accepted amount computes without overflow.
    let r = billcalc::calculate(unsubscribe(
        one("2022-01-01", "2022-01-31", "1M", json!("1000000000000")),
        "2022-01-05",
    ))
    .unwrap();
    assert_eq!(r["refund"], "770967741935.48");
}

#[test]
fn dates_outside_1970_to_9999() {
    assert_eq!(
        code(unsubscribe(
            one("1969-12-31", "2022-01-31", "1M", json!("1")),
            "2022-01-05"
        )),
        ("DATE_OUT_OF_RANGE".into(), "orders[0].start".into())
    );
    assert_eq!(
        code(unsubscribe(
            one("2022-01-01", "10000-01-31", "1M", json!("1")),
            "2022-01-05"
        ))
        .0,
        "INVALID_DATE"
    );
    // A result date past 9999-12-31 is refused like an input date (never `+10000-…`).
    let r = billcalc::calculate(
        json!({"op": "quote", "date": "9999-06-01", "term": "1Y", "prices": {"1Y": "1"}}),
    );
    assert_eq!(r.unwrap_err().code.as_str(), "DATE_OUT_OF_RANGE");
    // Near the end of the range the 10-year cap is 9999-12-31, not the operation day.
    let late = billcalc::calculate(
        json!({"op": "quote", "date": "9995-01-01", "term": "1Y", "prices": {"1Y": "1"}}),
    )
    .unwrap();
    assert_eq!(late["latestAllowedExpiry"], "9999-12-31");
    for request in [
        json!({"op": "autoRenewalSchedule", "expiry": "9999-12-20T23:59:59", "purchaseTerm": "1M"}),
        json!({"op": "consumptionQuota", "billedUnpaid": "1", "unbilledEstimate": "1", "totalQuota": "1", "exhaustedOn": "9999-12-25"}),
        json!({"op": "unifiedExpiry", "currentExpiry": "9999-12-31", "renewTerm": "10Y"}),
        json!({"op": "unifiedExpiry", "currentExpiry": "9999-12-15", "renewTerm": "1M"}),
        json!({"op": "unifiedExpiry", "currentExpiry": "9999-12-15"}),
    ] {
        let e = billcalc::calculate(request.clone()).unwrap_err();
        assert_eq!(e.code.as_str(), "DATE_OUT_OF_RANGE", "{request}");
    }
}

#[test]
fn ten_thousand_orders() {
    let orders: Vec<Value> = (0..10_000u64)
        .map(|i| {
            let s = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new(i * 2);
            json!({"start": s.to_string(), "end": (s + chrono::Days::new(1)).to_string(), "term": "1M", "paidCash": "1"})
        })
        .collect();
    assert_eq!(
        code(unsubscribe(Value::Array(orders), "1980-01-01")),
        ("TOO_MANY_ITEMS".into(), "orders".into())
    );
}

#[test]
fn absurd_terms_and_numbers() {
    for term in [
        "0M", "121M", "11Y", "999Y", "1W", "", "M", "-1M", "1.5Y", "１M",
    ] {
        assert_eq!(
            code(unsubscribe(
                one("2022-01-01", "2022-01-31", term, json!("1")),
                "2022-01-05"
            ))
            .0,
            "UNKNOWN_TERM",
            "{term}"
        );
    }
    let disk = json!({"op": "expansionCost", "date": "2021-07-03", "orders": [{"start": "2021-07-01", "end": "2021-07-31", "term": "1M", "paidCash": "3.5"}], "capacityBefore": 10, "capacityAfter": 1_000_000_000u64, "unitPrices": {"1M": "0.35"}});
    assert_eq!(code(disk).0, "INVALID_NUMBER");
    let quote = json!({"op": "quote", "date": "2022-01-01", "term": "1M", "prices": {"1M": "1"}, "quantity": 10_000_000u64});
    assert_eq!(code(quote), ("INVALID_NUMBER".into(), "quantity".into()));
}

#[test]
fn curves_are_bounded() {
    let request = json!({"scenario": "inUse", "date": "2000-01-01",
        "orders": [{"start": "2000-01-01", "end": "2000-01-31", "term": "1M", "paidCash": "1"}]});
    let to = chrono::NaiveDate::from_ymd_opt(2040, 1, 1);
    let e = billcalc::io::ops::curve_text("unsubscribeRefund", &request.to_string(), None, to)
        .unwrap_err();
    assert_eq!(e.code.as_str(), "TOO_MANY_ITEMS");
}
