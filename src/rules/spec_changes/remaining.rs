//! What upgrades, downgrades and disk expansion share (003 §3.2.7): the remaining period of each
//! not-yet-expired order and the price unit.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{
    days_inclusive, days_without_feb_29, describe_period, remaining_period, PeriodUnit,
};
use crate::domain::exact::Exact;
use crate::domain::messages::{unit_singular, unit_word, Msg};
use crate::domain::money::{equals, Ratio};
use crate::domain::order::{self, Order};
use crate::error::{Error, ErrorCode, Result};
use billcalc_derive::{FromJson, ToJson, Ts};

/// One not-yet-expired order and its remaining period R (change day excluded).
pub(crate) struct OrderPeriod<'a> {
    pub index: usize,
    pub order: &'a Order,
    /// First day counted: the day after the change, or the order's own start if later.
    pub from: NaiveDate,
    /// Days counted in R, `from..end` inclusive (0 when the order ends on the change day; in
    /// years, Feb 29 is not counted, 003 §3.2.7).
    pub days: i64,
    /// R in the price unit, exact.
    pub r: Exact,
}

/// The orders' price unit and remaining periods (003 §3.2.7): what upgrades, downgrades and disk
/// expansion share.
pub(crate) struct RemainingPeriods<'a> {
    /// Yearly if any unexpired order is yearly, else monthly.
    pub unit: PeriodUnit,
    /// Each unexpired order's remaining period.
    pub orders: Vec<OrderPeriod<'a>>,
    /// Their sum, the total remaining period R.
    pub total: Exact,
}

impl RemainingPeriods<'_> {
    /// Days counted in the total remaining period (change day excluded).
    pub fn days(&self) -> i64 {
        self.orders.iter().map(|p| p.days).sum()
    }

    /// Write the price type and each order's remaining period into the breakdown as facts.
    pub fn explain(&self, date: NaiveDate, b: &mut Breakdown) {
        b.fact_msg(|| {
            let kind = match self.unit {
                PeriodUnit::Years => "price.kind.yearly",
                PeriodUnit::Months => "price.kind.monthly",
            };
            crate::msg!("spec.priceType", value = Msg::new(kind))
        });
        for p in &self.orders {
            b.fact_msg(|| {
                crate::msg!(
                    "spec.orderRemaining",
                    index = p.index,
                    term = p.order.term,
                    from = p.from,
                    end = p.order.end,
                    date = date,
                    days = describe_period(self.unit, p.from, p.order.end),
                    value = period_text(p.r, self.unit)
                )
            });
        }
        if self.orders.len() > 1 {
            b.fact_msg(|| {
                let sum: Vec<String> = self.orders.iter().map(|p| p.r.to_string()).collect();
                crate::msg!(
                    "spec.totalRemaining",
                    sum = sum.join(" + "),
                    value = period_text(self.total, self.unit)
                )
            });
        }
    }
}

/// A period as a fact shows it: `913/365 ≈ 2.50136986 years`, `1/5 months`… exact figures as
/// they are (`2 years`).
pub(crate) fn period_text(r: Exact, unit: PeriodUnit) -> Msg {
    let unit = if r == Exact::ONE {
        unit_singular(unit)
    } else {
        unit_word(unit)
    };
    if r.is_whole() {
        crate::msg!("period.whole", r = r, unit = unit)
    } else {
        crate::msg!("period.fraction", r = r, value = equals(r), unit = unit)
    }
}

/// Validated orders, the price unit (yearly if any unexpired order is yearly) and each unexpired
/// order's remaining period.
pub(crate) fn remaining_periods(orders: &[Order], date: NaiveDate) -> Result<RemainingPeriods<'_>> {
    order::validate(orders).map_err(|e| e.under("orders"))?;
    remaining_periods_of_valid(orders, date)
}

/// [`remaining_periods`] of orders already validated (a curve validates them once).
pub(crate) fn remaining_periods_of_valid(
    orders: &[Order],
    date: NaiveDate,
) -> Result<RemainingPeriods<'_>> {
    order::check_day_in_term(orders, date).map_err(|e| e.at("date"))?;
    let unit = order::price_unit(orders, date);
    let mut periods = Vec::new();
    let mut total = Exact::ZERO;
    let after = date.succ_opt().unwrap_or(date);
    for (index, o) in order::unexpired(orders, date) {
        let r = remaining_period(unit, o.start, o.end, date)?;
        let from = after.max(o.start);
        let days = match unit {
            PeriodUnit::Months if o.end >= from => days_inclusive(from, o.end),
            PeriodUnit::Months => 0,
            PeriodUnit::Years => days_without_feb_29(from, o.end),
        };
        total = total.plus(r)?;
        periods.push(OrderPeriod {
            index,
            order: o,
            from,
            days,
            r,
        });
    }
    Ok(RemainingPeriods {
        unit,
        orders: periods,
        total,
    })
}

/// A discount factor must lie in (0, 1].
pub(crate) fn check_factor(factor: Option<Ratio>, path: &str) -> Result<Exact> {
    match factor {
        None => Ok(Exact::ONE),
        Some(f) if f.0 > Decimal::ZERO && f.0 <= Decimal::ONE => Ok(Exact::of(f.0)),
        Some(f) => Err(Error::new(
            ErrorCode::InvalidNumber,
            path,
            format!("discount factor {f} is not in (0, 1]; 0.9 means 10 % off (9折)"),
        )),
    }
}

/// What every spec change names (003 §3.2.7): the change day, the orders and the billing mode.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct SpecChange {
    /// The change day (a disk's expansion day).
    pub date: NaiveDate,
    /// The resource's orders (purchase and renewals), in date order.
    pub orders: Vec<Order>,
    /// `prepaid` (default) or `payPerUse` (refused: 003 §3.2.7 covers prepaid resources only).
    #[json(default)]
    pub billing_mode: ResourceBillingMode,
}

impl SpecChange {
    /// Refused unless the resource is prepaid (003 §3.2.7: "按需资源变更不涉及").
    pub(crate) fn check_prepaid(&self) -> Result<()> {
        check_prepaid(self.billing_mode)
    }

    /// Each unexpired order's remaining period on the change day.
    pub(crate) fn remaining_periods(&self) -> Result<RemainingPeriods<'_>> {
        remaining_periods(&self.orders, self.date)
    }
}

/// How the resource is billed: spec-change fees apply to prepaid resources only (003 §3.2.7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum ResourceBillingMode {
    /// Monthly/yearly (包年/包月).
    #[default]
    Prepaid,
    /// Pay-per-use (按需): a spec change has no prepaid fee or refund.
    PayPerUse,
}

/// 003 §3.2.7: "按需资源变更不涉及" — pay-per-use resources are out of scope.
pub(crate) fn check_prepaid(mode: ResourceBillingMode) -> Result<()> {
    match mode {
        ResourceBillingMode::Prepaid => Ok(()),
        ResourceBillingMode::PayPerUse => Err(Error::new(
            ErrorCode::SpecChangeNotPrepaid,
            "billingMode",
            "a pay-per-use resource has no prepaid spec-change fee or refund (003 §3.2.7)",
        )),
    }
}
