//! What-if curves: the amount of one operation for every possible operation day, computed in one
//! call (the page's charts; one boundary crossing instead of one per day).

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::breakdown::Breakdown;
use crate::calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::handling_fee;
use crate::money::{Money, Ratio, RoundingPolicy};
use crate::ops::unsubscribe::{ResourceKind, Scenario, UnsubscribeRequest};
use crate::ops::{downgrade, switch, unsubscribe, upgrade};
use crate::order::{self, Order};
use crate::provider::Provider;

/// Most points one curve may have (27 years of days).
pub const MAX_POINTS: i64 = 10_000;

/// The operation whose amount the curve follows, with its request (its `date` is replaced by each
/// day of the curve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            Some(p) if p != crate::provider::Provider::Huawei => Err(Error::new(
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
        let mut d = serde_json::Deserializer::from_str(request);
        match op {
            "unsubscribeRefund" => crate::input::read(&mut d).map(CurveOp::UnsubscribeRefund),
            "downgradeRefund" => crate::input::read(&mut d).map(CurveOp::DowngradeRefund),
            "upgradeCost" => crate::input::read(&mut d).map(CurveOp::UpgradeCost),
            "switchToOnDemand" => crate::input::read(&mut d).map(CurveOp::SwitchToOnDemand),
            other => Err(Error::new(
                ErrorCode::UnknownOperation,
                "op",
                format!(
                    "\"{}\" has no curve; curves exist for unsubscribeRefund, downgradeRefund, upgradeCost and switchToOnDemand",
                    crate::money::clip(other)
                ),
            )),
        }
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
    let mut daily = match &op {
        CurveOp::UnsubscribeRefund(r) => InUseDaily::new(r),
        _ => None,
    };
    for day in from.iter_days().take(n as usize) {
        if let Some(c) = daily.as_mut().and_then(|d| d.cents_on(day)) {
            cents.push(Some(c));
            refusals.push(None);
            continue;
        }
        match op.amount_on(day) {
            Ok(m) => {
                cents.push((m.0 * rust_decimal::Decimal::ONE_HUNDRED).round().to_i64());
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

/// Paid amounts with more decimals than this take the general rule on every day (below it the
/// integer evaluation is provably the decimal one: see [`InUseDaily`]).
const DAILY_MAX_SCALE: u32 = 8;

/// The in-use unsubscribe refund (003 §3.4.2.2) day after day, for curves. The constants of each
/// order — its cash at a common scale, the cash of the renewals after it (refunded in full while
/// it runs), its handling fee for each band of table 3-5 — come from the general rule's own
/// functions (`refund_days`, `table_rate`, `Money` rounding); each day evaluates only
/// `cents(Σ after + max0(paid − cents(paid × consumed days / total days) − fee))` in 64-bit
/// integers, instead of the whole operation in `Decimal` (a tenth of the time in wasm). Rounding
/// half up of an integer quotient is exact, and the general rule's 28-digit decimal quotient
/// cannot cross a half-cent for amounts of at most [`DAILY_MAX_SCALE`] decimals, so both agree;
/// `tests/properties.rs` checks every day of random curves against the general rule. Any day this
/// cannot answer (no running order, no table rate, an overflow) is left to the general rule,
/// which then gives the refusal.
struct InUseDaily {
    orders: Vec<Order>,
    fee_override: Option<Ratio>,
    scale: u32,
    /// One cent in units of the common scale: 10^(scale − 2).
    cent: i64,
    /// Each order's cash, in units of the common scale.
    paid: Vec<i64>,
    /// The cash of the orders after each one.
    after: Vec<i64>,
    /// The fee band last used: order, the band's bounds (after `lower`, up to `upper`), the fee.
    band: Option<FeeBand>,
}

#[derive(Clone, Copy)]
struct FeeBand {
    order: usize,
    lower: Option<NaiveDate>,
    upper: Option<NaiveDate>,
    fee: i64,
}

impl InUseDaily {
    /// `None` unless the request is an in-use unsubscribe under the document policy that the
    /// general rule accepts on some day (every day-independent check passes).
    fn new(r: &UnsubscribeRequest) -> Option<InUseDaily> {
        let plain = r.scenario == Scenario::InUse
            && r.policy == RoundingPolicy::Document
            && r.resource_kind == ResourceKind::Standard
            && r.approval_date.is_none()
            && matches!(r.provider, None | Some(Provider::Huawei));
        if !plain {
            return None;
        }
        order::validate(&r.orders, "orders").ok()?;
        unsubscribe::check_rate(r.handling_fee_rate).ok()?;
        let scale = r.orders.iter().map(|o| o.paid_cash.0.scale()).max()?.max(2);
        if scale > DAILY_MAX_SCALE {
            return None;
        }
        let cent = 10_i64.checked_pow(scale.checked_sub(2)?)?;
        let mut daily = InUseDaily {
            orders: r.orders.clone(),
            fee_override: r.handling_fee_rate,
            scale,
            cent,
            paid: Vec::with_capacity(r.orders.len()),
            after: Vec::with_capacity(r.orders.len()),
            band: None,
        };
        for o in &r.orders {
            let units = daily.units(o.paid_cash)?;
            daily.paid.push(units);
        }
        let mut later = 0_i64;
        for p in daily.paid.iter().rev() {
            daily.after.push(later);
            later = later.checked_add(*p)?;
        }
        daily.after.reverse();
        Some(daily)
    }

    /// An amount in units of the common scale (`None` if it does not fit).
    fn units(&self, m: Money) -> Option<i64> {
        let mut d = m.0;
        d.rescale(self.scale);
        if d.scale() != self.scale || d.is_sign_negative() {
            return None;
        }
        i64::try_from(d.mantissa()).ok()
    }

    /// The refund in cents on `day`, or `None` to let the general rule answer.
    fn cents_on(&mut self, day: NaiveDate) -> Option<i64> {
        let i = self.orders.partition_point(|o| o.end < day);
        let o = self.orders.get(i)?;
        if o.start > day {
            return None;
        }
        let d = calendar::refund_days(o.start, o.end, day);
        let fee = self.fee(i, day)?;
        let paid = *self.paid.get(i)?;
        let consumed = half_up_quotient(
            paid.checked_mul(d.consumed)?,
            d.total.checked_mul(self.cent)?,
        )?
        .checked_mul(self.cent)?;
        let net = paid.checked_sub(consumed)?.checked_sub(fee)?;
        let total = self.after.get(i)?.checked_add(net.max(0))?;
        half_up_quotient(total, self.cent)
    }

    /// The handling fee of order `i` on `day` in units (table 3-5's rate for the band of `day`,
    /// or the request's rate), kept while the days stay in the band.
    fn fee(&mut self, i: usize, day: NaiveDate) -> Option<i64> {
        if let Some(b) = self.band {
            let inside = b.lower.map_or(true, |l| day > l) && b.upper.map_or(true, |u| day <= u);
            if b.order == i && inside {
                return Some(b.fee);
            }
        }
        let o = self.orders.get(i)?;
        let rate = match self.fee_override {
            Some(r) => r.0,
            None => handling_fee::table_rate(o.term, o.start, day, i).ok()?,
        };
        let fee = self.units((o.paid_cash * rate).cents())?;
        let band = handling_fee::consumed_years_band(o.start, day);
        let upper = calendar::add_months(o.start, band.checked_mul(12)?);
        let lower = match band.checked_sub(1)? {
            0 => None,
            before => Some(calendar::add_months(o.start, before.checked_mul(12)?)?),
        };
        self.band = Some(FeeBand {
            order: i,
            lower,
            upper,
            fee,
        });
        Some(fee)
    }
}

/// `n / d` rounded half up, for `n ≥ 0`, `d > 0`.
fn half_up_quotient(n: i64, d: i64) -> Option<i64> {
    let (q, r) = (n.checked_div(d)?, n.checked_rem(d)?);
    if n < 0 || d <= 0 {
        return None;
    }
    Some(if r.checked_mul(2)? >= d {
        q.checked_add(1)?
    } else {
        q
    })
}
