//! What upgrades, downgrades and disk expansion share (003 §3.2.7): the remaining period of each
//! not-yet-expired order and the price unit.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::breakdown::Breakdown;
use crate::calendar::{describe_period, remaining_period, PeriodUnit};
use crate::error::{Error, ErrorCode, Result};
use crate::money::{show, Ratio};
use crate::order::{self, Order};

/// One not-yet-expired order and its remaining period R (change day excluded).
pub(crate) struct OrderPeriod<'a> {
    pub index: usize,
    pub order: &'a Order,
    pub r: Decimal,
}

/// Validated orders, the price unit (yearly if any unexpired order is yearly) and each unexpired
/// order's remaining period, written into the breakdown as facts.
pub(crate) fn remaining_periods<'a>(
    orders: &'a [Order],
    date: NaiveDate,
    b: &mut Breakdown,
) -> Result<(PeriodUnit, Vec<OrderPeriod<'a>>, Decimal)> {
    order::validate(orders, "orders")?;
    order::check_day_in_term(orders, date, "date")?;
    let unit = order::price_unit(orders, date);
    b.fact_with(|| {
        (
            "price type".to_string(),
            "yearly if any not-yet-expired order is yearly, else monthly (003 §3.2.7)".to_string(),
            match unit {
                PeriodUnit::Years => "yearly",
                PeriodUnit::Months => "monthly",
            }
            .to_string(),
        )
    });
    let mut periods = Vec::new();
    let mut total = Decimal::ZERO;
    let after = date.succ_opt().unwrap_or(date);
    for (index, o) in order::unexpired(orders, date) {
        let r = remaining_period(unit, o.start, o.end, date);
        let from = after.max(o.start);
        b.fact_with(|| {
            (
                format!("remaining period R of order {index} ({})", o.term),
                format!(
                    "{from}..{} (change day {date} not counted) = {}",
                    o.end,
                    describe_period(unit, from, o.end)
                ),
                format!("{} {}", show(r), unit.name()),
            )
        });
        total += r;
        periods.push(OrderPeriod { index, order: o, r });
    }
    if periods.len() > 1 {
        b.fact_with(|| {
            (
                "total remaining period".to_string(),
                periods
                    .iter()
                    .map(|p| show(p.r))
                    .collect::<Vec<_>>()
                    .join(" + "),
                format!("{} {}", show(total), unit.name()),
            )
        });
    }
    Ok((unit, periods, total))
}

/// A discount factor must lie in (0, 1].
pub(crate) fn check_factor(factor: Option<Ratio>, path: &str) -> Result<Decimal> {
    match factor {
        None => Ok(Decimal::ONE),
        Some(f) if f.0 > Decimal::ZERO && f.0 <= Decimal::ONE => Ok(f.0),
        Some(f) => Err(Error::new(
            ErrorCode::InvalidNumber,
            path,
            format!("discount factor {f} is not in (0, 1]; 0.9 means 10 % off (9折)"),
        )),
    }
}

/// How the resource is billed: spec-change fees apply to prepaid resources only (003 §3.2.7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum BillingMode {
    /// Monthly/yearly (包年/包月).
    #[default]
    Prepaid,
    /// Pay-per-use (按需): a spec change has no prepaid fee or refund.
    PayPerUse,
}

crate::enum_from_json!(BillingMode { Prepaid, PayPerUse });

/// 003 §3.2.7: "按需资源变更不涉及" — pay-per-use resources are out of scope.
pub(crate) fn check_prepaid(mode: BillingMode) -> Result<()> {
    match mode {
        BillingMode::Prepaid => Ok(()),
        BillingMode::PayPerUse => Err(Error::new(
            ErrorCode::SpecChangeNotPrepaid,
            "billingMode",
            "a pay-per-use resource has no prepaid spec-change fee or refund (003 §3.2.7)",
        )),
    }
}
