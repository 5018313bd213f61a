//! Downgrade refund (资源降配, 003 §3.2.7).

use crate::domain::breakdown::{Breakdown, Detail};
use crate::domain::calendar::{self, refund_days, RefundDays};
use crate::domain::exact::Exact;
use crate::domain::messages::{unit_word, Msg};
use crate::domain::money::{approx, equals, times_factor, Money, Ratio};
use crate::domain::price::{MatchedPrice, PriceTable, TermMatch, TermNote};
use crate::error::Result;
use crate::rules::refunds::refund::{refund_to, PaidWith, RefundTo};
use crate::rules::spec_changes::remaining::{check_factor, remaining_periods_of_valid, SpecChange};
use crate::rules::spec_changes::remaining::{OrderPeriod, RemainingPeriods};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};
use chrono::NaiveDate;

/// Request of `downgradeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct DowngradeRequest {
    /// The change day, the orders and the billing mode.
    #[json(flatten)]
    pub change: SpecChange,
    /// Current prices of the new (lower) configuration, per term.
    pub new_prices: PriceTable,
    /// The discount factor the system picks automatically (business, partner or a promotion used
    /// before, 003 §3.2.7); default 1 (none).
    pub discount: Option<Ratio>,
    /// How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where
    /// the refund goes (003 §3.4.6).
    #[json(default)]
    pub paid_with: PaidWith,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// One order's part of the remaining value.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct OrderValue {
    /// Index of the order in the request.
    pub index: usize,
    /// Its refund day counts: total, consumed and remaining days (the change day counted as
    /// remaining, 003 §3.2.7).
    pub days: RefundDays,
    /// Days counted in its remaining period R (the change day excluded; in years Feb 29 not
    /// counted).
    pub remaining_period_days: i64,
    /// Its remaining period R in `periodUnit`.
    pub remaining_period: Exact,
    /// Its remaining value: cash paid / total days × remaining days (at most 8 decimals).
    pub remaining_value: Money,
}

/// Result of `downgradeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct DowngradeResponse {
    /// Cash refunded, half up to cents; 0 when the formula gives ≤ 0 (the downgrade still happens).
    pub refund: Money,
    /// Remaining value of the cash paid: Σ paid / total days × remaining days (exact, shown to at
    /// most 8 decimals).
    pub remaining_value: Money,
    /// New configuration for the remaining period: price × R × discount (exact, shown to at most
    /// 8 decimals).
    pub new_config_cost: Money,
    /// Days counted in the total remaining period: the change day excluded, and in years Feb 29
    /// not counted (003 §3.2.7).
    pub remaining_days: i64,
    /// Total remaining period R (change day excluded), in `periodUnit`.
    pub remaining_period: Exact,
    /// `months` or `years`.
    pub period_unit: calendar::PeriodUnit,
    /// The price term matched (rounded down).
    pub matched_term: crate::domain::term::Term,
    /// Each unexpired order: its day counts, remaining period and remaining value (an
    /// explanation's: the package gives it on first read, as `breakdown`).
    pub orders: Detail<Vec<OrderValue>>,
    /// Where the cash refund goes and when it arrives (003 §3.4.6); null when nothing is refunded
    /// (an explanation's: the package gives it on first read, as `breakdown`).
    pub refund_to: Detail<Option<RefundTo>>,
    /// Line items and formulas (they add up to `refund`).
    pub breakdown: Breakdown,
}

/// 003 §3.2.7: `refund = remaining value − P_new × R × d`, ≤ 0 → no refund.
///
/// - remaining value = paid cash / total days × remaining days (change day counted; vouchers never);
/// - P_new = the new configuration's price for the remaining period rounded DOWN to a priced term;
/// - R = remaining period, change day not counted.
///
/// Every figure is exact; the refund is rounded half up to cents once (all policies).
/// Ex. 1: bought 2018-11-01 (Nov 1–30) at 120, downgraded 2018-11-24 to 90/month:
/// 120/30 × 7 − 90 × 6/30 = 28 − 18 = 10.00.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn downgrade_refund(req: &DowngradeRequest, mut b: Breakdown) -> Result<DowngradeResponse> {
    let (periods, d, price, note) = downgrade_terms(req)?;
    let unit = periods.unit;
    let figures = downgrade_figures(req.change.date, &periods, &price, d)?;
    explain_downgrade(req.change.date, &periods, &price, note, d, &figures, &mut b);
    let refund = figures.refund;
    let orders = b.detail(|_| {
        let rows = figures.orders.iter();
        rows.map(|(p, days, v)| OrderValue {
            index: p.index,
            days: *days,
            remaining_period_days: p.days,
            remaining_period: p.r,
            remaining_value: Money::shown(*v),
        })
        .collect()
    });
    let refund_to = refund_to(req.paid_with, refund, Some(req.change.date), &mut b);
    Ok(DowngradeResponse {
        refund,
        remaining_value: Money::shown(figures.value),
        new_config_cost: Money::shown(figures.cost),
        remaining_days: periods.days(),
        remaining_period: periods.total,
        period_unit: unit,
        matched_term: price.term,
        orders,
        refund_to,
        breakdown: b,
    })
}

/// The refund alone on the change day: a curve's point, the figures of [`downgrade_refund`]
/// without its answer.
/// `d` is the discount factor [`day_independent_checks`] gave.
pub(crate) fn refund_on_day(req: &DowngradeRequest, d: Exact) -> Result<Money> {
    let (periods, d, price, _) = day_terms(req, d)?;
    Ok(downgrade_figures(req.change.date, &periods, &price, d)?.refund)
}

/// The checks, the remaining periods, the discount factor and the new price matched (rounded
/// down to a priced term, 003 §3.2.7).
fn downgrade_terms(
    req: &DowngradeRequest,
) -> Result<(RemainingPeriods<'_>, Exact, MatchedPrice, Option<TermNote>)> {
    let d = day_independent_checks(req)?;
    day_terms(req, d)
}

/// The checks that do not depend on the change day, in the rule's order (a curve runs them
/// once): prepaid, the discount factor (returned), the orders.
pub(crate) fn day_independent_checks(req: &DowngradeRequest) -> Result<Exact> {
    req.change.check_prepaid()?;
    let d = check_factor(req.discount, "discount")?;
    crate::domain::order::validate(&req.change.orders).map_err(|e| e.under("orders"))?;
    Ok(d)
}

/// The change day's remaining periods and matched price, the orders validated.
fn day_terms(
    req: &DowngradeRequest,
    d: Exact,
) -> Result<(RemainingPeriods<'_>, Exact, MatchedPrice, Option<TermNote>)> {
    let periods = remaining_periods_of_valid(&req.change.orders, req.change.date)?;
    crate::domain::order::require_cash(&req.change.orders).map_err(|e| e.under("orders"))?;
    let (price, note) = req
        .new_prices
        .match_period(
            periods.unit == calendar::PeriodUnit::Years,
            periods.total,
            TermMatch::Down,
        )
        .map_err(|e| e.at("newPrices"))?;
    Ok((periods, d, price, note))
}

/// The figures of a downgrade on its change day.
struct DowngradeFigures<'a> {
    /// Each unexpired order, its refund day counts and its remaining value.
    orders: Vec<(&'a OrderPeriod<'a>, RefundDays, Exact)>,
    /// The remaining values added up.
    value: Exact,
    /// P_new × R × d.
    cost: Exact,
    /// value − cost.
    net: Exact,
    /// The net, 0 when ≤ 0, half up to cents.
    refund: Money,
}

/// 003 §3.2.7: each order's remaining value (change day counted as remaining), summed, less
/// `P_new × R × d`; ≤ 0 → no refund; half up to cents once.
fn downgrade_figures<'a>(
    date: NaiveDate,
    periods: &'a RemainingPeriods<'a>,
    price: &MatchedPrice,
    d: Exact,
) -> Result<DowngradeFigures<'a>> {
    let mut values = Vec::with_capacity(periods.orders.len());
    for p in &periods.orders {
        let days = refund_days(p.order.start, p.order.end, date);
        let v = remaining_value(
            p.order.cash(),
            Exact::whole(days.total),
            Exact::whole(days.remaining),
        )?;
        values.push((p, days, v));
    }
    let value = Exact::sum(values.iter().map(|(_, _, v)| *v))?;
    let cost = price.rate.times(periods.total)?.times(d)?;
    let net = value.minus(cost)?;
    let refund = Money::cents_of(net.max0())?;
    Ok(DowngradeFigures {
        orders: values,
        value,
        cost,
        net,
        refund,
    })
}

/// The breakdown of a downgrade: the remaining periods, P_new, each order's remaining value, the
/// new configuration's cost, no refund when ≤ 0, the final rounding (003 §3.2.7).
fn explain_downgrade(
    date: NaiveDate,
    periods: &RemainingPeriods<'_>,
    price: &MatchedPrice,
    note: Option<TermNote>,
    d: Exact,
    figures: &DowngradeFigures<'_>,
    b: &mut Breakdown,
) {
    // A silent breakdown (figures only) shows no line: no line amount to compute for it.
    if !b.explains() {
        return;
    }
    let unit = periods.unit;
    let (value, cost, net, refund) = (figures.value, figures.cost, figures.net, figures.refund);
    periods.explain(date, b);
    b.fact_msg(|| {
        crate::msg!(
            "downgrade.newPrice",
            r = approx(periods.total),
            unit = unit_word(unit),
            term = price.term,
            value = price.describe()
        )
    });
    if let Some(n) = note {
        b.note_msg(|| n.msg());
    }
    for (p, days, v) in &figures.orders {
        b.line_msg(Money::shown(*v), || {
            crate::msg!(
                "downgrade.remainingValue",
                index = p.index,
                term = p.order.term,
                paid = p.order.cash(),
                days = days.total,
                remaining = days.remaining,
                result = equals(*v)
            )
        });
    }
    b.line_msg(Money::shown(cost.negated()), || {
        crate::msg!(
            "downgrade.newCost",
            rate = approx(price.rate),
            r = periods.total,
            unit = unit_word(unit),
            factor = times_factor(d),
            result = equals(cost)
        )
    });
    if !net.is_positive() {
        b.line_msg(Money::shown(net.negated()), || {
            crate::msg!(
                "downgrade.noRefund",
                value = approx(value),
                cost = approx(cost),
                result = equals(net)
            )
        });
    }
    b.settle_msg(refund, || {
        crate::msg!(
            "finalRoundingOnce",
            value = approx(net.max0()),
            total = refund
        )
    });
    b.note_msg(|| Msg::new("downgrade.vouchersKept"));
}

/// 003 §3.2.7 remaining value: `paid / total length × remaining length`, exact, in any unit.
/// The document's illustration measures in years (10000 / 3 years × 2.75 years = 9,166.67);
/// billcalc's operations measure in days, as the worked downgrade examples do (rules.md A5).
pub fn remaining_value(paid: Money, total: Exact, remaining: Exact) -> Result<Exact> {
    Ok(paid.exact().times(remaining)?.over(total)?)
}
