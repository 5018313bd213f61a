//! The same answer from every door (issue "Read twice"): properties that tie the operations to
//! each other rather than to this project's reading of one rule.
//!
//! - every order chain `quote` produces (a new purchase, then renewals, from any start day —
//!   the 29th–31st and Feb 29 included) is accepted by every lifecycle operation on every day;
//! - listing a monthly term at the price it would be derived at changes no answer;
//! - a promotion used only after the order date, or only on another resource, changes no answer;
//! - a cart of one line answers what the single operation answers, and a cart adds up;
//! - what every answer shows adds up: its breakdown's lines to its total, every operation, every
//!   policy (over the golden vectors' requests; `tests/properties.rs` does it on random ones).
//!
//! 10,000 cases per property by default; `PROPTEST_CASES=100000 cargo test --release --test
//! read_twice` for a long run.

mod common;
use billcalc::io::ops::{calculate_text, curve_text};
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

use common::config;

/// `op` on `request` (figures only), as JSON.
fn answer(op: &str, request: &Value) -> Result<Value, String> {
    calculate_text(op, &request.to_string(), false)
        .map(|t| serde_json::from_str(&t).expect("an answer is JSON"))
        .map_err(|e| format!("{} at {}: {}", e.code.as_str(), e.path, e.message))
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("a decimal, not {v}"))).unwrap()
}

fn money(cents: u64) -> String {
    Decimal::new(cents as i64, 2).to_string()
}

/// A start day biased to month ends: the 28th–31st and Feb 29 of a leap year, or any day.
fn start_day() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    prop_oneof![
        (0u64..3_000).prop_map(move |d| base + Days::new(d)),
        (2019i32..2030, 1u32..=12, 28u32..=31).prop_map(|(y, m, d)| {
            (0..4)
                .find_map(|back| NaiveDate::from_ymd_opt(y, m, d - back))
                .unwrap()
        }),
        (0i32..3).prop_map(|k| NaiveDate::from_ymd_opt(2020 + 4 * k, 2, 29).unwrap()),
    ]
}

/// Terms of a chain: monthly ones more often (their month ends are where chains broke).
fn term() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => prop::sample::select(vec!["1M", "2M", "3M", "6M"]),
        1 => prop::sample::select(vec!["1Y", "2Y"]),
    ]
}

/// The price table every chain is bought from: monthly terms derive from 1M, yearly are listed.
fn prices(month: u64) -> Value {
    json!({"1M": money(month), "1Y": money(month * 10), "2Y": money(month * 18)})
}

/// A new purchase on `start` then renewals, each quoted by `quote` and paid in cash as quoted.
fn chain(start: NaiveDate, terms: &[&str], month: u64) -> Vec<Value> {
    let mut orders: Vec<Value> = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        let req = match orders.last() {
            None => json!({"kind": "new", "date": start.to_string(), "start": start.to_string(),
                           "term": t, "prices": prices(month)}),
            Some(prev) => json!({"kind": "renewal", "date": start.to_string(), "term": t,
                                 "currentExpiry": prev["end"], "prices": prices(month)}),
        };
        let q = answer("quote", &req).unwrap_or_else(|e| panic!("quote {i}: {e}: {req}"));
        orders.push(json!({"start": q["start"], "end": q["end"], "term": t,
                           "paidCash": q["payable"]}));
    }
    orders
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

/// The curve operations on the chain: every day answered, none refused.
fn every_day_answered(op: &str, req: &Value, days: usize) -> Result<(), String> {
    let c: Value = serde_json::from_str(
        &curve_text(op, &req.to_string(), None, None).map_err(|e| e.message.to_string())?,
    )
    .unwrap();
    let refusals = c["refusals"].as_array().unwrap();
    prop_assert_eq_days(refusals.len(), days, op)?;
    match refusals.iter().position(|r| !r.is_null()) {
        None => Ok(()),
        Some(i) => Err(format!("{op} refuses day {i} with {}", refusals[i])),
    }
}

fn prop_assert_eq_days(got: usize, want: usize, op: &str) -> Result<(), String> {
    (got == want)
        .then_some(())
        .ok_or(format!("{op}: {got} days, expected {want}"))
}

proptest! {
    #![proptest_config(config())]

    /// 003 §3.2.2.1: a renewal ends on the old expiry + N months; what `quote` sells, every
    /// lifecycle operation accepts, on every day of the chain.
    #[test]
    fn every_chain_quote_sells_is_accepted_every_day(
        start in start_day(),
        terms in prop::collection::vec(term(), 1..4),
        month in 100u64..100_000,
        op in 0usize..4,
        pick in any::<u64>(),
    ) {
        let orders = chain(start, &terms, month);
        let (first, last) = (date(&orders[0]["start"]), date(&orders[orders.len() - 1]["end"]));
        let days = (last - first).num_days() as usize + 1;
        let day = (first + Days::new(pick % days as u64)).to_string();
        let o = json!(orders);
        let (name, req) = match op {
            0 => ("unsubscribeRefund", json!({"scenario": "inUse", "date": day, "orders": o})),
            1 => ("switchToOnDemand", json!({"mode": "immediate", "date": day, "orders": o})),
            2 => ("upgradeCost", json!({"date": day, "orders": o, "oldPrices": prices(month),
                                        "newPrices": prices(month * 2)})),
            _ => ("downgradeRefund", json!({"date": day, "orders": o,
                                            "newPrices": prices(month / 2 + 1)})),
        };
        every_day_answered(name, &req, days).map_err(TestCaseError::fail)?;
        // Disk expansion has no curve: the picked day.
        let expansion = json!({"date": day, "orders": o, "capacityBefore": 10,
                               "capacityAfter": 20, "unitPrices": prices(month)});
        answer("expansionCost", &expansion).map_err(TestCaseError::fail)?;
    }

    /// 003 §3.2.7: a monthly term missing from a table is priced n × 1M; listing it at exactly
    /// that price changes no answer of upgrade, downgrade or expansion.
    #[test]
    fn listing_a_term_at_its_derived_price_changes_nothing(
        start in start_day(),
        terms in prop::collection::vec(prop::sample::select(vec!["1M", "2M", "3M", "6M"]), 1..3),
        month in 100u64..100_000,
        listed in 2u32..=12,
        pick in any::<u64>(),
        op in 0usize..3,
    ) {
        let orders = json!(chain(start, &terms, month));
        let first = date(&orders[0]["start"]);
        let last = date(&orders[orders.as_array().unwrap().len() - 1]["end"]);
        let day = (first + Days::new(pick % ((last - first).num_days() as u64 + 1))).to_string();
        let new = month * 3 / 2 + 1;
        let table = json!({"1M": money(new)});
        let mut derived = table.clone();
        derived[format!("{listed}M")] = json!(money(new * u64::from(listed)));
        let ask = |t: &Value| match op {
            0 => ("upgradeCost", json!({"date": day, "orders": orders,
                                        "oldPrices": {"1M": money(month)}, "newPrices": t})),
            1 => ("downgradeRefund", json!({"date": day, "orders": orders, "newPrices": t})),
            _ => ("expansionCost", json!({"date": day, "orders": orders, "capacityBefore": 5,
                                          "capacityAfter": 7, "unitPrices": t})),
        };
        let (name, a) = ask(&table);
        let (_, b) = ask(&derived);
        prop_assert_eq!(answer(name, &a), answer(name, &b), "{} {}", name, derived);
    }

    /// 003 §3.3.2: only a promotion used on an earlier order of this resource competes. Adding
    /// one used after the order date, or one used only on another line's resource, changes no
    /// answer.
    #[test]
    fn promotions_used_later_or_elsewhere_change_nothing(
        list in 1u64..10_000_000,
        business in 50u64..=100,
        partner in 50u64..=100,
        factor in 10u64..=100,
        later in 1u64..400,
        offset in 0u64..3_000,
    ) {
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(offset);
        let (b, p, f) = (Decimal::new(business as i64, 2), Decimal::new(partner as i64, 2),
                         Decimal::new(factor as i64, 2));
        let base = json!({"listAmount": money(list), "date": day.to_string(),
                          "business": b.to_string(), "partner": p.to_string()});
        let mut with = base.clone();
        with["promotions"] = json!([{"factor": f.to_string(), "effective": day.to_string(),
                                     "usedOn": (day + Days::new(later)).to_string()}]);
        let (x, y) = (answer("bestDiscount", &base).unwrap(), answer("bestDiscount", &with).unwrap());
        prop_assert_eq!((&x["chosen"], &x["amount"]), (&y["chosen"], &y["amount"]));
        // In a cart: a promotion on line B's history never reaches line A.
        let line = |history: Value| json!({"kind": "renewal", "term": "1M",
            "currentExpiry": (day + Days::new(5)).to_string(), "prices": {"1M": money(list)},
            "promotions": history});
        let used = json!([{"factor": f.to_string(), "effective": day.to_string(),
                           "usedOn": day.to_string()}]);
        let cart = |lines: Vec<Value>| json!({"date": day.to_string(),
            "offers": {"business": b.to_string(), "partner": p.to_string()}, "items": lines});
        let alone = answer("checkout", &cart(vec![line(json!([]))])).unwrap();
        let beside = answer("checkout", &cart(vec![line(json!([])), line(used)])).unwrap();
        prop_assert_eq!(&alone["lines"][0], &beside["lines"][0]);
    }

    /// A cart of one line answers what the single operation answers for it, and every cart's
    /// shown lines add up: list − discount − voucher = due per line and in total.
    #[test]
    fn a_one_line_cart_answers_as_its_operation(
        start in start_day(),
        t in term(),
        kind in 0usize..4,
        month in 100u64..100_000,
        factor in 50u64..=100,
        voucher in 0u64..5_000,
        unified_day in 1u32..=28,
    ) {
        let day = start.to_string();
        let f = Decimal::new(factor as i64, 2).to_string();
        let expiry = (start + Days::new(10)).to_string();
        let (item, op, single, due_key) = match kind {
            0 => (json!({"term": t, "prices": prices(month)}), "quote",
                  json!({"date": day, "term": t, "prices": prices(month), "discount": f}), "payable"),
            1 => (json!({"kind": "renewal", "term": t, "currentExpiry": expiry, "prices": prices(month)}),
                  "quote", json!({"kind": "renewal", "date": day, "term": t,
                  "currentExpiry": expiry, "prices": prices(month), "discount": f}), "payable"),
            2 => (json!({"kind": "unifiedRenewal", "renewTerm": t, "currentExpiry": expiry,
                         "unifiedDay": unified_day, "prices": prices(month)}),
                  "unifiedExpiry", json!({"date": day, "renewTerm": t, "currentExpiry": expiry,
                  "unifiedDay": unified_day, "prices": prices(month), "discount": f}), "total"),
            _ => {
                let orders = json!(chain(start - Days::new(3), &[t], month));
                (json!({"kind": "upgrade", "orders": orders, "oldPrices": prices(month),
                        "newPrices": prices(month * 2)}),
                 "upgradeCost", json!({"date": day, "orders": orders, "oldPrices": prices(month),
                 "newPrices": prices(month * 2), "offer": {"kind": "rate", "factor": f}}), "cost")
            }
        };
        let cart = json!({"date": day, "offers": {"business": f}, "items": [item],
            "vouchers": [{"id": "v", "balance": money(voucher), "validFrom": "2019-01-01",
                          "validTo": "2035-12-31"}]});
        let c = answer("checkout", &cart).map_err(TestCaseError::fail)?;
        let s = answer(op, &single);
        let line = &c["lines"][0];
        match (&line["error"], s) {
            (Value::Null, Ok(s)) => {
                // With a positive amount the business factor is the one offer: the operation
                // with that factor charges what the line charges before its voucher.
                let before_voucher = dec(&line["amountDue"])
                    + line["voucher"].get("amount").map_or(Decimal::ZERO, dec);
                if line["discount"].is_null() {
                    prop_assert_eq!(dec(&line["listAmount"]), Decimal::ZERO);
                } else {
                    prop_assert_eq!(before_voucher, dec(&s[due_key]), "{} {}", line, s);
                }
                let shown = dec(&line["listAmount"])
                    - line["discount"].get("amount").map_or(Decimal::ZERO, dec)
                    - line["voucher"].get("amount").map_or(Decimal::ZERO, dec);
                prop_assert_eq!(shown, dec(&line["amountDue"]), "{}", line);
                let totals = dec(&c["listTotal"]) - dec(&c["discountTotal"]) - dec(&c["voucherTotal"]);
                prop_assert_eq!(totals, dec(&c["total"]));
                if let Some(reason) = line["discount"]["reason"].as_str() {
                    prop_assert!(reason.contains(&before_voucher.to_string()) || reason.contains("coupon"),
                                 "the reason quotes what is charged: {}", line);
                }
            }
            (e, Err(_)) => prop_assert!(!e.is_null(), "the cart answered what the operation refused: {}", line),
            (e, Ok(s)) => prop_assert!(false, "the cart refused {} where {} answered {}", e, op, s),
        }
    }
}

/// The properties' generator reaches the month ends it is meant for.
#[test]
fn start_days_include_month_ends() {
    let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(d.day(), 29);
    let orders = chain(
        NaiveDate::from_ymd_opt(2023, 8, 31).unwrap(),
        &["1M", "1M"],
        3000,
    );
    assert_eq!(orders[1]["start"], "2023-10-01");
    assert_eq!(orders[1]["end"], "2023-10-30");
}

/// The member an answer's breakdown lines add up to, per operation (an operation with no money
/// total has no lines). `checkout` adds up to the amount to pay, tax included;
/// `reservedInstanceRefund` to the refund less what the customer pays.
fn shown_total(op: &str, answer: &Value) -> Option<Decimal> {
    let at = |k: &str| answer.get(k).filter(|v| !v.is_null()).map(dec);
    match op {
        "autoRenewalSchedule" | "compareTerms" | "packageRenewal" => None,
        "checkout" => answer["tax"]
            .get("netPayable")
            .map(dec)
            .or_else(|| at("total")),
        "reservedInstanceRefund" => Some(at("refund")? - at("customerPays")?),
        "bestDiscount" => at("amount"),
        "billRounding" | "paymentSplit" | "quote" => at("payable"),
        "billSummary" | "invoice" | "unifiedExpiry" => at("total"),
        "postpaidCalendar" => at("stillDue"),
        "consumptionQuota" => at("used"),
        "convertCurrency" => at("converted"),
        "downgradeRefund" | "switchToOnDemand" | "unsubscribeRefund" => at("refund"),
        "expansionCost" | "upgradeCost" => at("cost"),
        "mergedPayment" => at("due"),
        "packageUsage" => at("charge"),
        "reservedPoolIdleFee" => at("idleFee"),
        "resourceTimeline" => at("costToKeep"),
        "selectVoucher" => at("remaining"),
        "taxInvoice" => at("netPayable"),
        "usageCharge" => at("rounded"),
        other => panic!("no total named for {other}: add it here"),
    }
}

/// What an answer shows adds up: for every answered request of the golden vectors (every
/// operation), under each rounding policy, the breakdown's lines add up to the answer's total to
/// the cent (an answer without a money total shows no lines).
#[test]
fn every_answer_shown_adds_up_under_every_policy() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut checked = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        let vectors: Vec<Value> = serde_json::from_str(&text).unwrap();
        for v in vectors.iter().filter(|v| v.get("expect").is_some()) {
            for policy in ["console", "document", "exact"] {
                let mut req = v["request"].clone();
                req["policy"] = json!(policy);
                let op = req["op"].as_str().unwrap().to_string();
                let Ok(answer) = billcalc::calculate(req) else {
                    continue;
                };
                let lines = answer["breakdown"]["lines"].as_array().unwrap();
                let sum: Decimal = lines.iter().map(|l| dec(&l["amount"])).sum();
                match shown_total(&op, &answer) {
                    Some(total) => assert_eq!(sum, total, "{} ({policy}): {answer}", v["name"]),
                    None => assert!(lines.is_empty(), "{}: lines without a total", v["name"]),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 700, "only {checked} answers checked");
}
