//! Property tests over random valid requests (rules.md invariants). 10,000 cases per property by
//! default; `PROPTEST_CASES=1000000 cargo test --release --test properties` for a long run.

mod common;
use billcalc::domain::calendar::add_months;
use billcalc::domain::handling_fee::consumed_years_band;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::str::FromStr;

fn config() -> ProptestConfig {
    let c = common::config();
    ProptestConfig {
        // Under 1 % of the cases are set aside by `prop_assume!` (a day whose next day is in
        // another order or fee band): allow that share of a long run, not a fixed 1,024.
        max_global_rejects: (c.cases / 20).max(1_024),
        ..c
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
        let prices = |c: u64| json!({"1M": money(c), "1Y": money(c * 11), "2Y": money(c * 21), "3Y": money(c * 30)});
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
        let res = billcalc::calculate(json!({"op": "unifiedExpiry", "currentExpiry": expiry.to_string(), "renewTerm": TERMS[t].0, "unifiedDay": unified_day, "prices": {"1M": money(price), "1Y": money(price * 10), "2Y": money(price * 19), "3Y": money(price * 27)}})).unwrap();
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
    fn arbitrary_json_never_panics(v in json_value(), op in 0usize..32) {
        let mut v = v;
        if let Value::Object(m) = &mut v {
            let name = billcalc::io::ops::OPERATIONS.get(op).map_or("nope", |o| o.name);
            m.insert("op".into(), json!(name));
        }
        let _ = billcalc::calculate(v);
    }
}

proptest! {
    #![proptest_config(config())]

    /// 003 §3.2.3.1: discount → voucher → cash → credit → card / settlement. Paid, the parts taken
    /// add up to the payable amount; failed or pending (003 §3.2.3.1, §3.3.2), nothing is taken:
    /// `unpaid` is the whole payable amount and `shortfall` what the payers could not cover. So
    /// taken + unpaid = payable either way, nothing is negative and nothing short is hidden.
    #[test]
    fn payment_split_parts_add_up(
        list in 0u64..10_000_000, factor in 1u64..=100, voucher in 0u64..1_000_000,
        cash in 0u64..5_000_000, credit in 0u64..5_000_000, card in any::<bool>(),
        settlement in any::<bool>(), flow in 0usize..3,
    ) {
        let flow = ["autoRenewal", "orderPayment", "oldAutoRenewal"][flow];
        let req = json!({"op": "paymentSplit", "flow": flow, "listAmount": money(list), "date": "2021-06-01",
            "discounts": [{"kind": "business", "factor": format!("{}", Decimal::new(factor as i64, 2))}],
            "vouchers": [{"id": "v", "balance": money(voucher), "validFrom": "2021-01-01", "validTo": "2021-12-31"}],
            "cashBalance": money(cash), "creditBalance": money(credit), "cardBound": card, "monthlySettlement": settlement});
        let res = billcalc::calculate(req).unwrap();
        let parts: Decimal = ["cash", "credit", "monthlySettlement", "card", "unpaid"].iter().map(|k| dec(&res[k])).sum();
        prop_assert_eq!(parts, dec(&res["payable"]));
        prop_assert_eq!(dec(&res["amountDue"]) - dec(&res["voucherTotal"]), dec(&res["payable"]));
        for k in ["cash", "credit", "monthlySettlement", "card", "unpaid", "voucherTotal", "payable"] {
            prop_assert!(dec(&res[k]) >= Decimal::ZERO, "{k} negative: {res}");
        }
        prop_assert!(dec(&res["cash"]) <= dec(&json!(money(cash))));
        prop_assert!(dec(&res["shortfall"]) >= Decimal::ZERO && dec(&res["shortfall"]) <= dec(&res["payable"]));
        // What was short: the rest after the balance (nothing with month-end settlement), unless
        // an auto-renewal's bound card may take it (at most 20,000 USD a transaction, 003 §5.1.2).
        // 003 §1.3: on monthly settlement the month's bill pays an order and an auto-renewal
        // (the old auto-renewal, 003 §13.1.2.1, knows only the balance).
        let rest = if flow != "oldAutoRenewal" && settlement {
            Decimal::ZERO
        } else {
            (dec(&res["payable"]) - dec(&json!(money(cash))) - dec(&json!(money(credit)))).max(Decimal::ZERO)
        };
        let card_takes = flow == "autoRenewal" && card && rest <= Decimal::from(20_000);
        prop_assert_eq!(dec(&res["shortfall"]), if card_takes { Decimal::ZERO } else { rest });
        let taken: Decimal = ["cash", "credit", "monthlySettlement", "card"].iter().map(|k| dec(&res[k])).sum();
        if res["status"] == "paid" {
            prop_assert!(dec(&res["unpaid"]).is_zero() && dec(&res["shortfall"]).is_zero(), "{res}");
            prop_assert_eq!(taken, dec(&res["payable"]));
        } else {
            prop_assert!(taken.is_zero(), "a failed payment takes nothing: {res}");
            prop_assert_eq!(dec(&res["unpaid"]), dec(&res["payable"]));
            prop_assert!(dec(&res["shortfall"]) > Decimal::ZERO, "{res}");
            let want = if flow == "orderPayment" { "pendingPayment" } else { "failed" };
            prop_assert_eq!(&res["status"], want);
        }
        lines_add_up(&res, "payable");
    }

    /// 003 §4, 000: every record's quantity is either paid by packages or billed pay-per-use,
    /// and no package pays more than its quota (per cycle when resettable).
    #[test]
    fn package_usage_conserves_quantities(
        quota in 1u64..1_000, resettable in any::<bool>(),
        records in prop::collection::vec((0u64..400, 0u64..500), 1..30),
    ) {
        let start = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        let usage: Vec<Value> = records.iter().map(|(d, a)| json!({
            "date": (start + Days::new(*d)).to_string(), "billingItem": "traffic", "amount": a.to_string()})).collect();
        let mut pkg = json!({"id": "p", "kind": if resettable { "resettable" } else { "nonResettable" },
            "quota": quota.to_string(), "start": start.to_string(), "end": "2024-12-31", "billingItem": "traffic"});
        if resettable {
            pkg["resetCycle"] = json!("month");
        }
        let res = billcalc::calculate(json!({"op": "packageUsage", "packages": [pkg], "usage": usage,
            "prices": {"traffic": "0.37"}})).unwrap();
        for (r, (_, amount)) in res["records"].as_array().unwrap().iter().zip(&records) {
            let covered: Decimal = r["covered"].as_array().unwrap().iter().map(|c| dec(&c["amount"])).sum();
            prop_assert_eq!(covered + dec(&r["overage"]), Decimal::from(*amount));
        }
        let p = &res["packages"][0];
        if resettable {
            for c in p["cycles"].as_array().unwrap() {
                prop_assert!(dec(&c[1]) <= Decimal::from(quota));
            }
        } else {
            prop_assert!(dec(&p["used"]) <= Decimal::from(quota));
        }
        lines_add_up(&res, "charge");
    }

    /// 003 §6.1.6, §13.2.8, 004: a bill's payable amount is within a cent of its exact total
    /// (per line for the per-line rules), and the breakdown lines add up to it.
    #[test]
    fn bill_rounding_stays_within_a_cent(
        amounts in prop::collection::vec(0u64..10_000_000_000, 1..20), rule in 0usize..5,
    ) {
        let (provider, customer, month) = [
            ("huawei", "monthlySettlement", "2021-07"), ("huawei", "monthlySettlement", "2020-10"),
            ("huawei", "nonMonthly", "2022-01"), ("volcengine", "monthlySettlement", "2022-01"),
            ("volcengine", "monthlySettlement", "2021-07"),
        ][rule];
        let list: Vec<String> = amounts.iter().map(|a| Decimal::new(*a as i64, 8).to_string()).collect();
        let res = billcalc::calculate(json!({"op": "billRounding", "provider": provider,
            "customerType": customer, "billMonth": month, "amounts": list})).unwrap();
        let off = Decimal::from_str(res["roundingOff"].as_str().unwrap()).unwrap().abs();
        prop_assert!(off < Decimal::new(amounts.len() as i64, 2) + Decimal::new(1, 2), "{res}");
        lines_add_up(&res, "payable");
    }

    /// 003 §8: invoice = price + tax, net = invoice − WHT, lines add up to the net.
    #[test]
    fn tax_invoice_adds_up(price in 0u64..10_000_000_000, rate in 0u64..=30, wht in 0u64..=20) {
        let res = billcalc::calculate(json!({"op": "taxInvoice", "price": money(price), "country": "PK",
            "indirectTaxRate": Decimal::new(rate as i64, 2).to_string(),
            "withholdingRate": Decimal::new(wht as i64, 2).to_string()})).unwrap();
        prop_assert_eq!(dec(&res["invoice"]), dec(&json!(money(price))) + dec(&res["indirectTax"]));
        prop_assert_eq!(dec(&res["netPayable"]), dec(&res["invoice"]) - dec(&res["withholding"]));
        lines_add_up(&res, "netPayable");
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
            "1e3",
            "back\\slash \"quoted\" /",
            "tab\t new\nline \u{1}\u{1f}",
            "é € \u{1F600}"
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

/// Orders for curve checks: 1–3 segments with gaps of 0–2 days, paid with 0–10 decimals, any term
/// (a long order crosses table 3-5's bands).
fn curve_orders() -> impl Strategy<Value = Vec<(NaiveDate, NaiveDate, &'static str, String)>> {
    (
        0u64..14_000,
        prop::collection::vec(
            (
                0usize..TERMS.len(),
                any::<bool>(),
                0u64..3,
                0u64..100_000_000_000,
                0u32..=10,
            ),
            1..=3,
        ),
    )
        .prop_map(|(offset, segs)| {
            let mut start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(offset);
            let mut out = Vec::new();
            for (t, minus_one, gap, mantissa, scale) in segs {
                let (term, months) = TERMS[t];
                let mut end = add_months(start, months).unwrap();
                if minus_one {
                    end = end.pred_opt().unwrap();
                }
                let paid = Decimal::from_i128_with_scale(i128::from(mantissa), scale);
                out.push((start, end, term, paid.to_string()));
                start = end + Days::new(1 + gap);
            }
            out
        })
}

proptest! {
    #![proptest_config(config())]

    /// The curve gives, on every checked day, exactly the rule's refund or refusal for that day:
    /// order starts and ends, the days around each band change of table 3-5, days before, between
    /// and after the orders, and random days. The same for the immediate switch to pay-per-use,
    /// whose curve shares the in-use figures, and for the downgrade and upgrade curves, which
    /// compute their amount without the rule's answer; a large refund's approval day is checked
    /// each day.
    #[test]
    fn curves_match_the_general_rule_every_day(
        o in curve_orders(),
        rate in prop::option::of(prop::sample::select(vec!["0", "0.1", "0.125", "0.05", "1", "2"])),
        exact in prop::bool::weighted(0.1),
        kind in prop::sample::select(vec![0usize, 0, 1, 2, 3]),
        approval in prop::option::of(0u64..2_000),
        picks in prop::collection::vec(any::<u64>(), 24),
    ) {
        let orders: Vec<Value> = o
            .iter()
            .map(|(s, e, t, p)| json!({"start": s.to_string(), "end": e.to_string(), "term": t, "paidCash": p}))
            .collect();
        let date = o[0].0.to_string();
        let prices = json!({"1M": "90", "1Y": "900.5", "3Y": "2000"});
        let (op, mut req) = match kind {
            0 => ("unsubscribeRefund", json!({"scenario": "inUse", "date": date, "orders": orders})),
            1 => ("switchToOnDemand", json!({"mode": "immediate", "date": date, "orders": orders})),
            2 => ("downgradeRefund", json!({"date": date, "orders": orders, "newPrices": prices})),
            _ => ("upgradeCost", json!({"date": date, "orders": orders, "oldPrices": {"1M": "30", "1Y": "300"}, "newPrices": prices})),
        };
        if let (Some(a), 0) = (approval, kind) {
            req["approvalDate"] = json!((o[0].0 + Days::new(a)).to_string());
        }
        match (rate, kind) {
            (Some(r), 0 | 1) => req["handlingFeeRate"] = json!(r),
            (Some(r), 2) => req["discount"] = json!(r),
            _ => {}
        }
        if exact {
            req["policy"] = json!("exact");
        }
        let from = o[0].0 - Days::new(2);
        let to = o[o.len() - 1].1 + Days::new(2);
        let text = billcalc::io::ops::curve_text(op, &req.to_string(), Some(from), Some(to)).unwrap();
        let curve: Value = serde_json::from_str(&text).unwrap();
        let mut days = Vec::new();
        for (s, e, _, _) in &o {
            for k in 0..4u32 {
                if let Some(b) = add_months(*s, 12 * k) {
                    days.extend([b - Days::new(1), b, b + Days::new(1)]);
                }
            }
            days.extend([*s - Days::new(1), *s, *e, *e + Days::new(1)]);
        }
        let span = (to - from).num_days() as u64 + 1;
        days.extend(picks.iter().map(|p| from + Days::new(p % span)));
        for day in days.into_iter().filter(|d| *d >= from && *d <= to) {
            let k = (day - from).num_days() as usize;
            let mut one = req.clone();
            one["op"] = json!(op);
            one["date"] = json!(day.to_string());
            match billcalc::calculate(one) {
                Ok(a) => {
                    let amount = if kind == 3 { &a["cost"] } else { &a["refund"] };
                    let cents = dec(amount) * Decimal::ONE_HUNDRED;
                    prop_assert_eq!(curve["cents"][k].as_i64().map(Decimal::from), Some(cents), "{} {}", day, req);
                    prop_assert!(curve["refusals"][k].is_null());
                }
                Err(e) => {
                    prop_assert!(curve["cents"][k].is_null(), "{} {}", day, req);
                    prop_assert_eq!(curve["refusals"][k].as_str(), Some(e.code.as_str()), "{} {}", day, req);
                }
            }
        }
    }
}

/// Our JSON tree and serde_json's value say the same (objects compared as sets of members:
/// serde_json's map is sorted). Our numbers are kept as written; they are compared as the nearest
/// floats, to 1e-12 (serde_json's default float reader is not always correctly rounded).
fn same_json(ours: &billcalc::io::json::Json, theirs: &Value) -> bool {
    use billcalc::io::json::Json;
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Number(a), Value::Number(b)) => match (a.parse::<f64>(), b.as_f64()) {
            (Ok(x), Some(y)) => x == y || ((x - y) / y).abs() < 1e-12,
            _ => false,
        },
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_json(x, y))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(&**k).is_some_and(|y| same_json(x, y)))
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(config())]

    /// The request reader's JSON parser accepts exactly what serde_json accepts (a repeated
    /// member aside, which only ours refuses, and a number beyond f64, which only serde_json
    /// refuses) and reads the same values, on valid JSON and on
    /// JSON with one character removed or one inserted.
    #[test]
    fn json_text_reader_agrees_with_serde_json(
        v in json_value(),
        pretty in any::<bool>(),
        edit in 0usize..3,
        at in any::<usize>(),
        insert in prop::sample::select(vec!['"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', '.', 'e', ' ', 'u', '\u{1}', 'é']),
    ) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let mut chars: Vec<char> = text.chars().collect();
        let i = at % (chars.len() + 1);
        match edit {
            1 if i < chars.len() => { chars.remove(i); }
            2 => chars.insert(i, insert),
            _ => {}
        }
        let text: String = chars.into_iter().collect();
        let ours = billcalc::io::read::parse_text(&text);
        let theirs = serde_json::from_str::<Value>(&text);
        match (&ours, &theirs) {
            (Ok(o), Ok(t)) => prop_assert!(same_json(o, t), "{text}: {o:?} vs {t}"),
            (Err(e), Ok(_)) => prop_assert!(e.message.starts_with("duplicate field"), "{text}: {}", e.message),
            // A number beyond f64 is kept as written by ours (its reader refuses it at its field).
            (Ok(o), Err(e)) => prop_assert!(e.to_string().starts_with("number out of range"), "{text}: ours {o:?}, serde_json {e}"),
            (Err(_), Err(_)) => {}
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// 003 §3.2.1, §3.2.10: a prepaid resource's states are in use, expired, frozen, released, in
    /// that order and contiguous (each starts the second after the previous one ends); 003
    /// §3.2.2.1: keeping it costs, on every day until release, what `quote` charges for a renewal
    /// starting at the old expiry on that day; the lines add up to the cost.
    #[test]
    fn timeline_states_are_contiguous_and_renewing_on_any_day_costs_the_quote(
        offset in 0u64..20_000, t in 0usize..TERMS.len(), price in 1u64..10_000_000,
        d in 1u32..=100, auto in any::<bool>(), after in 0u64..=30, cash in 0u64..20_000_000,
    ) {
        let expiry = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(offset);
        let prices = json!({"1M": money(price), "1Y": money(price * 10), "2Y": money(price * 19), "3Y": money(price * 27)});
        let discount = format!("{}", Decimal::new(d.into(), 2));
        let mut req = json!({"op": "resourceTimeline", "expiry": expiry.to_string(), "prices": prices, "renewTerm": TERMS[t].0, "discount": discount});
        if auto {
            req["autoRenewal"] = json!({"term": if TERMS[t].1 >= 12 { "1Y" } else { "1M" }});
            req["renewTerm"] = req["autoRenewal"]["term"].clone();
            req["cashBalance"] = json!(money(cash));
        }
        let res = billcalc::calculate(req.clone()).unwrap();
        lines_add_up(&res, "costToKeep");
        let periods = res["periods"].as_array().unwrap();
        let states: Vec<&str> = periods.iter().map(|p| p["state"].as_str().unwrap()).collect();
        prop_assert_eq!(states, vec!["inUse", "grace", "retention", "released"]);
        for w in periods.windows(2) {
            let end = chrono::NaiveDateTime::parse_from_str(&w[0]["to"].as_str().unwrap()[..19], "%Y-%m-%dT%H:%M:%S").unwrap();
            let next = chrono::NaiveDateTime::parse_from_str(&w[1]["from"].as_str().unwrap()[..19], "%Y-%m-%dT%H:%M:%S").unwrap();
            prop_assert_eq!(next - end, chrono::Duration::seconds(1));
        }
        // Renewed by auto-renewal, the states follow the renewed expiry; the renewal priced is the
        // one from the expiry the states start after.
        let renewed = res["autoRenewal"]["outcome"] == "renews";
        let current = if renewed { add_months(expiry, if TERMS[t].1 >= 12 { 12 } else { 1 }).unwrap() } else { expiry };
        prop_assert_eq!(periods[0]["to"].as_str().unwrap(), format!("{current}T23:59:59+08:00"));
        let day = expiry + Days::new(after);
        let q = billcalc::calculate(json!({"op": "quote", "kind": "renewal", "date": day.to_string(), "currentExpiry": expiry.to_string(), "term": req["renewTerm"], "prices": prices, "discount": discount}));
        if let Ok(q) = q {
            prop_assert_eq!(&res["costToKeep"], &q["payable"]);
            for p in &periods[..3] {
                prop_assert_eq!(&p["costToKeep"], &q["payable"]);
            }
        }
        prop_assert!(periods[3]["costToKeep"].is_null());
    }

    /// 003 §5.3: a monthly-settlement customer's pay-per-use resources are frozen and released on
    /// the days `consumptionQuota` gives for a quota exhausted on the day the arrears began.
    #[test]
    fn quota_timeline_agrees_with_consumption_quota(offset in 0u64..20_000) {
        let since = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(offset);
        let t = billcalc::calculate(json!({"op": "resourceTimeline", "billing": "payPerUse", "customer": "monthlySettlement", "arrearsSince": since.to_string()})).unwrap();
        let q = billcalc::calculate(json!({"op": "consumptionQuota", "billedUnpaid": "100", "unbilledEstimate": "0", "totalQuota": "100", "exhaustedOn": since.to_string()})).unwrap();
        prop_assert_eq!(&t["periods"][1]["from"].as_str().unwrap()[..10], q["retentionStarts"].as_str().unwrap());
        prop_assert_eq!(&t["periods"][2]["from"].as_str().unwrap()[..10], q["releaseOn"].as_str().unwrap());
    }

    /// 003 §2, §5.2.3: a top-up is all accounted for (bills, then arrears, then cash), pays no bill
    /// beyond what it owes, and what is still due is what was owed less what the top-up and the
    /// repayment paid; the available amount is cash less arrears. A repayment of a whole bill is
    /// always accepted, one cent more never (a bill below the 20,000 USD transaction limit).
    #[test]
    fn postpaid_top_up_and_repayment_account_for_every_cent(
        bills in prop::collection::vec((0u64..2_000_000, 0u64..=100), 1..5),
        top_up in 0u64..5_000_000, arrears in 0u64..500_000, cash in 0u64..500_000, pick in 0usize..5,
    ) {
        let bills_json: Vec<Value> = bills.iter().enumerate().map(|(i, (amount, paid_pct))| json!({
            "month": format!("2023-{:02}", i + 1), "amount": money(*amount), "repaid": money(amount * paid_pct / 100),
        })).collect();
        let owed: Decimal = bills.iter().map(|(a, p)| dec(&json!(money(*a))) - dec(&json!(money(a * p / 100)))).sum();
        let req = json!({"op": "postpaidCalendar", "date": "2023-07-10", "bills": bills_json, "topUp": money(top_up),
            "arrears": money(arrears), "cashBalance": money(cash)});
        let res = billcalc::calculate(req.clone()).unwrap();
        let t = &res["topUp"];
        prop_assert_eq!(dec(&t["toBills"]) + dec(&t["toArrears"]) + dec(&t["toBalance"]), dec(&json!(money(top_up))));
        prop_assert_eq!(dec(&t["toBills"]), owed.min(dec(&json!(money(top_up)))));
        prop_assert_eq!(dec(&res["stillDue"]), owed - dec(&t["toBills"]));
        prop_assert_eq!(dec(&res["available"]), dec(&res["cashBalance"]) - dec(&res["arrears"]));
        lines_add_up(&res, "stillDue");
        // Repay one bill after the top-up: its remaining amount is accepted, a cent more refused.
        let i = pick % bills.len();
        let left = dec(&res["bills"][i]["remainingAfter"]);
        let month = res["bills"][i]["month"].clone();
        if left > Decimal::ZERO && left <= Decimal::from(20_000) {
            let mut ok = req.clone();
            ok["repayment"] = json!({"month": month, "amount": left.to_string()});
            let r = billcalc::calculate(ok).unwrap();
            prop_assert_eq!(dec(&r["stillDue"]), dec(&res["stillDue"]) - left);
            let mut over = req;
            over["repayment"] = json!({"month": month, "amount": (left + Decimal::new(1, 2)).to_string()});
            prop_assert_eq!(billcalc::calculate(over).unwrap_err().code.as_str(), "REPAYMENT_TOO_HIGH");
        }
    }

    /// 003 §10.3, A34: the proposed certificate amounts add up to the total at 2 decimals, none
    /// negative, each within a cent of its exact share.
    #[test]
    fn wht_certificate_amounts_add_up(total in 0u64..100_000_000, weights in prop::collection::vec(1u64..10_000_000, 1..8)) {
        let invoices: Vec<Value> = weights.iter().enumerate()
            .map(|(i, w)| json!({"id": format!("I{i}"), "amountWithoutVat": money(*w)})).collect();
        let req = json!({"op": "invoice", "event": "topUp", "date": "2024-03-05", "amount": "1",
            "whtCertificate": {"total": money(total), "invoices": invoices}});
        let res = billcalc::calculate(req).unwrap();
        let amounts: Vec<Decimal> = res["certificate"]["amounts"].as_array().unwrap().iter().map(dec).collect();
        let t = dec(&json!(money(total)));
        prop_assert_eq!(amounts.iter().sum::<Decimal>(), t);
        let whole: u64 = weights.iter().sum();
        for (a, w) in amounts.iter().zip(&weights) {
            prop_assert!(*a >= Decimal::ZERO && a.scale() <= 2);
            let exact = t * Decimal::from(*w) / Decimal::from(whole);
            prop_assert!((*a - exact).abs() < Decimal::new(1, 2), "{a} vs {exact}");
        }
    }
}
