//! What-if curves: the amount of one operation for every possible operation day, computed in one
//! call (the page's charts; one boundary crossing instead of one per day).

#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::io::input::{At, FromJson, Json};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar;
use crate::domain::money::Money;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::lifecycle::switch;
use crate::rules::refunds::unsubscribe;
use crate::rules::spec_changes::{downgrade, upgrade};

/// Most points one curve may have (27 years of days).
pub const MAX_POINTS: i64 = 10_000;

/// The operation whose amount the curve follows, with its request (its `date` is replaced by each
/// day of the curve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum CurveOp {
    /// `refund` of `unsubscribeRefund`.
    UnsubscribeRefund(unsubscribe::UnsubscribeRequest),
    /// `refund` of `downgradeRefund`.
    DowngradeRefund(downgrade::DowngradeRequest),
    /// `cost` of `upgradeCost`.
    UpgradeCost(upgrade::UpgradeRequest),
    /// `refund` of `switchToOnDemand`.
    SwitchToOnDemand(switch::SwitchRequest),
}

/// A curve: one amount per day from `from` to `to`, in integer cents (`null` where the operation
/// refuses that day, e.g. after expiry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    /// First day.
    #[serde(with = "calendar::ymd")]
    #[cfg_attr(test, ts(type = "string"))]
    pub from: NaiveDate,
    /// Last day.
    #[serde(with = "calendar::ymd")]
    #[cfg_attr(test, ts(type = "string"))]
    pub to: NaiveDate,
    /// Amount in cents for each day, `None` when refused.
    #[cfg_attr(test, ts(type = "(number | null)[]"))]
    pub cents: Vec<Option<i64>>,
    /// The error code of each refused day's first refusal (same length as `cents`).
    pub refusals: Vec<Option<ErrorCode>>,
}

crate::to_json!(Curve {
    from: with(crate::io::output::write_ymd),
    to: with(crate::io::output::write_ymd),
    cents,
    refusals,
});

impl CurveOp {
    /// The amount on `day`.
    pub fn amount_on(&mut self, day: NaiveDate) -> Result<Money> {
        match self {
            CurveOp::UnsubscribeRefund(r) => {
                r.date = day;
                unsubscribe::unsubscribe_refund_with(r, Breakdown::silent(r.policy))
                    .map(|x| x.refund)
            }
            CurveOp::DowngradeRefund(r) => {
                r.date = day;
                downgrade::downgrade_refund_with(r, Breakdown::silent(r.policy)).map(|x| x.refund)
            }
            CurveOp::UpgradeCost(r) => {
                r.date = day;
                upgrade::upgrade_cost_with(r, Breakdown::silent(r.policy)).map(|x| x.cost)
            }
            CurveOp::SwitchToOnDemand(r) => {
                r.date = day;
                switch::switch_to_on_demand_with(r, Breakdown::silent(r.policy))
                    .map(|x| x.refund.refund)
            }
        }
    }

    /// The orders' first start and last end: the natural range of the curve.
    pub fn natural_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let orders = match self {
            CurveOp::UnsubscribeRefund(r) => &r.orders,
            CurveOp::DowngradeRefund(r) => &r.orders,
            CurveOp::UpgradeCost(r) => &r.orders,
            CurveOp::SwitchToOnDemand(r) => &r.orders,
        };
        Some((orders.first()?.start, orders.last()?.end))
    }
}

impl CurveOp {
    /// The curve operation named `op` (`unsubscribeRefund`, `downgradeRefund`, `upgradeCost`,
    /// `switchToOnDemand`) with its request given as JSON text.
    pub fn from_text(op: &str, request: &str) -> Result<CurveOp> {
        let c = Self::read_text(op, request)?;
        let provider = match &c {
            CurveOp::UnsubscribeRefund(r) => r.provider,
            CurveOp::DowngradeRefund(r) => r.provider,
            CurveOp::UpgradeCost(r) => r.provider,
            CurveOp::SwitchToOnDemand(r) => r.provider,
        };
        match provider {
            Some(p) if p != crate::domain::provider::Provider::Huawei => Err(Error::new(
                ErrorCode::NotSupported,
                "provider",
                format!(
                    "{op} implements huawei rules only; the documents give no {} rule for it",
                    p.name()
                ),
            )),
            _ => Ok(c),
        }
    }

    fn read_text(op: &str, request: &str) -> Result<CurveOp> {
        Self::read(op, At::root(&crate::io::input::parse_text(request)?))
    }

    fn read(op: &str, at: At<'_>) -> Result<CurveOp> {
        match op {
            "unsubscribeRefund" => FromJson::from_json(at).map(CurveOp::UnsubscribeRefund),
            "downgradeRefund" => FromJson::from_json(at).map(CurveOp::DowngradeRefund),
            "upgradeCost" => FromJson::from_json(at).map(CurveOp::UpgradeCost),
            "switchToOnDemand" => FromJson::from_json(at).map(CurveOp::SwitchToOnDemand),
            other => Err(Error::new(
                ErrorCode::UnknownOperation,
                "op",
                format!(
                    "\"{}\" has no curve; curves exist for unsubscribeRefund, downgradeRefund, upgradeCost and switchToOnDemand",
                    crate::domain::money::clip(other)
                ),
            )),
        }
    }
}

impl FromJson for CurveOp {
    /// The request with its operation in the member `op`.
    fn from_json(at: At<'_>) -> Result<CurveOp> {
        if !matches!(at.json, Json::Object(_)) {
            return Err(at.invalid_type("an object"));
        }
        let (op, request) = at.json.clone().take_op();
        let Some(Json::String(op)) = op else {
            return Err(Error::new(
                ErrorCode::MissingField,
                "op",
                "missing field `op`",
            ));
        };
        Self::read(&op, at.with_value(&request))
    }
}

/// The amount of `op` for every day of `from..=to` (default: the orders' whole life).
pub fn curve(mut op: CurveOp, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Curve> {
    let natural = op.natural_range();
    let (Some(from), Some(to)) = (from.or(natural.map(|r| r.0)), to.or(natural.map(|r| r.1)))
    else {
        return Err(Error::new(
            ErrorCode::MissingField,
            "orders",
            "at least one order is needed",
        ));
    };
    if to < from {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "to",
            format!("{to} is before {from}"),
        ));
    }
    let n = calendar::days_inclusive(from, to);
    if n > MAX_POINTS {
        return Err(Error::new(
            ErrorCode::TooManyItems,
            "to",
            format!("{n} days; a curve has at most {MAX_POINTS} points"),
        ));
    }
    let mut cents = Vec::with_capacity(n as usize);
    let mut refusals = Vec::with_capacity(n as usize);
    for day in from.iter_days().take(n as usize) {
        match op.amount_on(day) {
            Ok(m) => {
                cents.push(
                    m.0.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
                        .and_then(|c| c.round().to_i64()),
                );
                refusals.push(None);
            }
            Err(e) => {
                cents.push(None);
                refusals.push(Some(e.code));
            }
        }
    }
    Ok(Curve {
        from,
        to,
        cents,
        refusals,
    })
}
