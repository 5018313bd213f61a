//! Downgrade refund (资源降配, 003 §3.2.7).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::breakdown::Breakdown;
use crate::calendar::{self, refund_days};
use crate::error::Result;
use crate::money::{show, Money, Ratio, RoundingPolicy};
use crate::ops::spec_change::{check_factor, check_prepaid, remaining_periods, BillingMode};
use crate::order::Order;
use crate::price::{PriceTable, TermMatch};
use crate::provider::Provider;

/// Request of `downgradeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DowngradeRequest {
    /// The change day.
    #[serde(with = "calendar::ymd")]
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    /// The resource's orders (purchase and renewals), in date order.
    pub orders: Vec<Order>,
    /// Current prices of the new (lower) configuration, per term.
    pub new_prices: PriceTable,
    /// The discount factor the system picks automatically (business, partner or a promotion used
    /// before, 003 §3.2.7); default 1 (none).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub discount: Option<Ratio>,
    /// `prepaid` (default) or `payPerUse` (refused: 003 §3.2.7 covers prepaid resources only).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<BillingMode>"))]
    pub billing_mode: BillingMode,
    /// The cloud whose rules are asked for (003 is Huawei's; absent = the rules this operation
    /// implements). Another provider is refused with `NOT_SUPPORTED`, never answered by Huawei's rules.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub provider: Option<Provider>,
    /// Rounding policy (default `document`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<RoundingPolicy>"))]
    pub policy: RoundingPolicy,
}

crate::from_json!(DowngradeRequest {
    date: with(crate::calendar::read_ymd),
    orders,
    new_prices,
    discount: default,
    billing_mode: default,
    provider: default,
    policy: default,
});

/// Result of `downgradeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct DowngradeResponse {
    /// Cash refunded, half up to cents; 0 when the formula gives ≤ 0 (the downgrade still happens).
    pub refund: Money,
    /// Remaining value of the cash paid: Σ paid / total days × remaining days.
    pub remaining_value: Money,
    /// New configuration for the remaining period: price × R × discount.
    pub new_config_cost: Money,
    /// Total remaining period R (change day excluded), in `periodUnit`.
    pub remaining_period: Ratio,
    /// `months` or `years`.
    pub period_unit: calendar::PeriodUnit,
    /// The price term matched (rounded down).
    pub matched_term: crate::term::Term,
    /// Line items and formulas.
    pub breakdown: Breakdown,
}

crate::to_json!(DowngradeResponse {
    refund,
    remaining_value,
    new_config_cost,
    remaining_period,
    period_unit,
    matched_term,
    breakdown,
});

/// 003 §3.2.7: `refund = remaining value − P_new × R × d`, ≤ 0 → no refund.
///
/// - remaining value = paid cash / total days × remaining days (change day counted; vouchers never);
/// - P_new = the new configuration's price for the remaining period rounded DOWN to a priced term;
/// - R = remaining period, change day not counted.
///
/// Ex. 1: bought 2018-11-01 (Nov 1–30) at 120, downgraded 2018-11-24 to 90/month:
/// 120/30 × 7 − 90 × 0.2 = 28 − 18 = 10.00.
pub fn downgrade_refund(req: &DowngradeRequest) -> Result<DowngradeResponse> {
    downgrade_refund_with(req, Breakdown::new(req.policy))
}

/// [`downgrade_refund`] into a given breakdown ([`Breakdown::silent`] for figures only).
pub fn downgrade_refund_with(
    req: &DowngradeRequest,
    mut b: Breakdown,
) -> Result<DowngradeResponse> {
    check_prepaid(req.billing_mode)?;
    let d = check_factor(req.discount, "discount")?;
    let (unit, periods, r_total) = remaining_periods(&req.orders, req.date, &mut b)?;
    let (price, note) = req.new_prices.match_period(
        unit == calendar::PeriodUnit::Years,
        r_total,
        TermMatch::Down,
        "newPrices",
    )?;
    b.fact_with(|| {
        (
            "new configuration price".to_string(),
            format!(
                "remaining period {} {} rounded down → {} (003 §3.2.7)",
                show(r_total),
                unit.name(),
                price.term
            ),
            price.describe(),
        )
    });
    if let Some(n) = note {
        b.note(n);
    }
    let mut value = Money::ZERO;
    for p in &periods {
        let days = refund_days(p.order.start, p.order.end, req.date);
        let v = (p.order.paid_cash * Decimal::from(days.remaining))
            .divided_by(Decimal::from(days.total));
        b.line_with(v, || {
            (
                format!("remaining value of order {} ({})", p.index, p.order.term),
                format!(
                    "{} / {} days × {} remaining days = {}",
                    p.order.paid_cash,
                    days.total,
                    days.remaining,
                    show(v.0)
                ),
            )
        });
        value += v;
    }
    let cost = price.rate * r_total * d;
    b.line_with(-cost, || {
        let discount_text = if d == Decimal::ONE {
            String::new()
        } else {
            format!(" × {}", show(d))
        };
        (
            "new configuration for the remaining period".to_string(),
            format!(
                "{} × {} {}{discount_text} = {}",
                show(price.rate.0),
                show(r_total),
                unit.name(),
                show(cost.0)
            ),
        )
    });
    let net = value - cost;
    if !net.is_positive() {
        b.line_with(-net, || {
            (
                "no refund".to_string(),
                format!(
                    "{} − {} = {} ≤ 0 → no refund; the downgrade still happens (003 §3.2.7)",
                    show(value.0),
                    show(cost.0),
                    show(net.0)
                ),
            )
        });
    }
    let exact = net.max0();
    let refund = exact.cents();
    b.settle(refund, "final rounding", || {
        format!("{} → {refund} (half up to cents)", show(exact.0))
    });
    b.note("vouchers used on the current configuration are not returned (003 §3.2.7)");
    Ok(DowngradeResponse {
        refund,
        remaining_value: value,
        new_config_cost: cost,
        remaining_period: Ratio(r_total),
        period_unit: unit,
        matched_term: price.term,
        breakdown: b,
    })
}

/// 003 §3.2.7 remaining value, in any unit: `paid / total length × remaining length`.
/// The document's illustration: 10000 / 3 years × 2.75 years = 9,166.67. billcalc's operations
/// measure it in days (RULES.md §19 A5).
pub fn remaining_value(paid: Money, total: Decimal, remaining: Decimal) -> Money {
    (paid * remaining).divided_by(total)
}
