//! Calendar edge cases (rules.md A1): leap years, Feb 29, month-end clamping, changes on the first
//! and the last day of an order. Each expectation is computed by hand in its comment.

use billcalc::domain::calendar::{
    add_months, period_length, refund_days, remaining_period, PeriodUnit,
};
use billcalc::domain::exact::Exact;
use chrono::NaiveDate;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn jan_31_plus_one_month_clamps() {
    // 2023 is not a leap year: Feb 28; 2024 is: Feb 29.
    assert_eq!(add_months(d("2023-01-31"), 1), Some(d("2023-02-28")));
    assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
    // Clamping does not carry over: Jan 31 + 2 months = Mar 31.
    assert_eq!(add_months(d("2023-01-31"), 2), Some(d("2023-03-31")));
}

#[test]
fn feb_29_plus_a_year() {
    // 003 §3.2.2.2: 2024-02-29 + 10 years → 2034-02-28; + 4 years lands on a leap day again.
    assert_eq!(add_months(d("2024-02-29"), 12), Some(d("2025-02-28")));
    assert_eq!(add_months(d("2024-02-29"), 48), Some(d("2028-02-29")));
}

#[test]
fn yearly_period_skips_feb_29() {
    // 2020-01-01..2020-12-31 has 366 days; without Feb 29: 365 → exactly 1 year.
    assert_eq!(
        period_length(PeriodUnit::Years, d("2020-01-01"), d("2020-12-31")).unwrap(),
        Exact::ONE
    );
    // 2024-02-28..2024-03-01: 3 days, 2 without Feb 29 → 2/365.
    assert_eq!(
        period_length(PeriodUnit::Years, d("2024-02-28"), d("2024-03-01")).unwrap(),
        Exact::ratio(2, 365)
    );
}

#[test]
fn monthly_period_in_february() {
    // Feb 15–29 2024: 15 of 29 days; Feb 15–28 2023: 14 of 28 = 0.5.
    assert_eq!(
        period_length(PeriodUnit::Months, d("2024-02-15"), d("2024-02-29")).unwrap(),
        Exact::ratio(15, 29)
    );
    assert_eq!(
        period_length(PeriodUnit::Months, d("2023-02-15"), d("2023-02-28")).unwrap(),
        Exact::ratio(1, 2)
    );
}

#[test]
fn change_on_first_day_of_order() {
    // Order 2023-03-01..2023-03-31, change on 03-01: refund days 31 total, 0 consumed, 31 remaining;
    // remaining period excludes the change day: 30/31 month.
    let r = refund_days(d("2023-03-01"), d("2023-03-31"), d("2023-03-01"));
    assert_eq!((r.total, r.consumed, r.remaining), (31, 0, 31));
    assert_eq!(
        remaining_period(
            PeriodUnit::Months,
            d("2023-03-01"),
            d("2023-03-31"),
            d("2023-03-01")
        )
        .unwrap(),
        Exact::ratio(30, 31)
    );
}

#[test]
fn change_on_last_day_of_order() {
    // Change on 03-31, the last day: 1 remaining refund day (the day itself), remaining period 0.
    let r = refund_days(d("2023-03-01"), d("2023-03-31"), d("2023-03-31"));
    assert_eq!((r.total, r.consumed, r.remaining), (31, 30, 1));
    assert_eq!(
        remaining_period(
            PeriodUnit::Months,
            d("2023-03-01"),
            d("2023-03-31"),
            d("2023-03-31")
        )
        .unwrap(),
        Exact::ZERO
    );
}

#[test]
fn unsubscribe_on_last_day() {
    // 100 paid for 31 days, unsubscribed on day 31: consumed 100 × 30/31 = 96.774 → 96.77;
    // fee 10.00; 100 − 96.77 − 10 = −6.77 → no refund.
    let res = billcalc::calculate(
        json!({"op": "unsubscribeRefund", "scenario": "inUse", "date": "2023-03-31",
        "orders": [{"start": "2023-03-01", "end": "2023-03-31", "term": "1M", "paidCash": "100"}]}),
    )
    .unwrap();
    assert_eq!(res["refund"], "0.00");
    assert_eq!(res["consumed"], "96.77");
}

#[test]
fn downgrade_on_last_day_refunds_one_day() {
    // 120 for Nov 1–30, downgraded on Nov 30: remaining value 120/30 × 1 = 4; R = 0 → 4.00.
    let res = billcalc::calculate(json!({"op": "downgradeRefund", "date": "2018-11-30",
        "orders": [{"start": "2018-11-01", "end": "2018-11-30", "term": "1M", "paidCash": "120"}],
        "newPrices": {"1M": "90"}}))
    .unwrap();
    assert_eq!(res["refund"], "4.00");
}

#[test]
fn upgrade_across_leap_year() {
    // 1Y order 2024-01-01..2024-12-31 (366 days), change 2024-01-01: R = 2024-01-02..12-31 without
    // Feb 29 = 364/365 year; (200 − 100) × 364/365 = 99.726… → 99.73 (console: rounded once),
    // 99.72 (document: each order truncated).
    let request = json!({"op": "upgradeCost", "date": "2024-01-01",
        "orders": [{"start": "2024-01-01", "end": "2024-12-31", "term": "1Y", "paidCash": "100"}],
        "oldPrices": {"1Y": "100"}, "newPrices": {"1Y": "200"}});
    let res = billcalc::calculate(request.clone()).unwrap();
    assert_eq!(res["cost"], "99.73");
    assert_eq!(res["remainingDays"], 364);
    assert_eq!(res["remainingPeriod"]["fraction"], "364/365");
    let mut document = request;
    document["policy"] = json!("document");
    assert_eq!(billcalc::calculate(document).unwrap()["cost"], "99.72");
}
