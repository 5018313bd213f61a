//! Switching a prepaid resource to pay-per-use (003 §3.2.6.3, §3.2.6.4).

use chrono::NaiveDate;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::expiry_instant;
use crate::domain::money::{Money, Ratio};
use crate::domain::order::{self, Order};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::refunds::in_use::{in_use_refund, in_use_refund_amount, InUseFor, InUsePlan};
use crate::rules::refunds::refund::{refund_to, PaidWith};
use crate::rules::refunds::unsubscribe::{check_rate, ResourceKind, UnsubscribeResponse};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// When the switch takes effect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum SwitchMode {
    /// 即时转按需 (003 §3.2.6.4): now, with a refund of the current period; cannot be cancelled.
    #[default]
    Immediate,
    /// 到期转按需 (003 §3.2.6.3): pay-per-use starts when the prepaid term ends; no refund.
    AtExpiry,
}

/// Request of `switchToOnDemand`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct SwitchRequest {
    /// `immediate` (default) or `atExpiry`.
    #[json(default)]
    pub mode: SwitchMode,
    /// The day the switch is requested.
    pub date: NaiveDate,
    /// The resource's orders, in date order.
    pub orders: Vec<Order>,
    /// Resource packages cannot switch (003 §3.2.6.3, §3.2.6.4).
    #[json(default)]
    pub resource_kind: ResourceKind,
    /// Handling-fee rate instead of table 3-1 (`"0"` when a framework contract waives it).
    pub handling_fee_rate: Option<Ratio>,
    /// How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where
    /// the refund goes (003 §3.4.6).
    #[json(default)]
    pub paid_with: PaidWith,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `switchToOnDemand`: the refund (as for an in-use unsubscribe) and when pay-per-use
/// billing starts.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct SwitchResponse {
    /// `immediate` or `atExpiry`.
    pub mode: SwitchMode,
    /// Pay-per-use billing starts after this instant (`2018-10-21T23:59:59+08:00`), or on `date`
    /// for an immediate switch.
    pub pay_per_use_from: String,
    /// The refund, exactly as `unsubscribeRefund` in use computes it (003 §3.2.6.4: same formula).
    #[json(flatten)]
    pub refund: UnsubscribeResponse,
}

/// 003 §3.2.6.4: `refund = max0(paid − consumed − handling fee)`, consumed by days, fee from table
/// 3-1; vouchers not returned. 003 §3.2.6.3: at expiry, no refund and pay-per-use after expiry.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn switch_to_on_demand(req: &SwitchRequest, b: Breakdown) -> Result<SwitchResponse> {
    let (first, last) = switch_checks(req)?;
    switch_dates(req, first, last)?;
    match req.mode {
        SwitchMode::Immediate => {
            let mut refund = in_use_refund(
                &req.orders,
                req.date,
                req.handling_fee_rate,
                b,
                InUseFor::SwitchToOnDemand,
            )?;
            refund
                .breakdown
                .note_msg(|| crate::msg!("switch.immediate"));
            refund.refund_to = refund_to(
                req.paid_with,
                refund.refund,
                Some(req.date),
                &mut refund.breakdown,
            );
            Ok(SwitchResponse {
                mode: req.mode,
                pay_per_use_from: req.date.to_string(),
                refund,
            })
        }
        SwitchMode::AtExpiry => {
            let mut refund = crate::rules::refunds::unsubscribe::empty_response(req.date, b);
            refund
                .breakdown
                .note_msg(|| crate::msg!("switch.atExpiry", from = expiry_instant(last.end)));
            Ok(SwitchResponse {
                mode: req.mode,
                pay_per_use_from: expiry_instant(last.end),
                refund,
            })
        }
    }
}

/// The checks whatever the day: the orders, the rate, whether the resource may switch at all
/// (003 §3.2.6.3, §3.2.6.4); the first and last orders. Run once for a whole curve.
pub(crate) fn switch_checks(req: &SwitchRequest) -> Result<(&Order, &Order)> {
    order::validate(&req.orders).map_err(|e| e.under("orders"))?;
    order::require_cash(&req.orders).map_err(|e| e.under("orders"))?;
    check_rate(req.handling_fee_rate)?;
    let refuse =
        |path: &str, msg: String| Err(Error::new(ErrorCode::ModeSwitchNotAllowed, path, msg));
    // 003 §3.2.6.4 refuses trials the immediate switch; §3.2.6.3 does not list them, so a trial
    // may switch at its expiry (as it may turn commercial). Packages, free and one-off services
    // have no pay-per-use period to switch to.
    let trial_at_expiry =
        req.resource_kind == ResourceKind::Trial && req.mode == SwitchMode::AtExpiry;
    if req.resource_kind != ResourceKind::Standard && !trial_at_expiry {
        return refuse(
            "resourceKind",
            "resource packages, free and one-off services cannot switch to pay-per-use, nor a trial at once (003 §3.2.6.3, §3.2.6.4)".into(),
        );
    }
    match (req.orders.first(), req.orders.last()) {
        (Some(first), Some(last)) => Ok((first, last)),
        _ => Err(Error::new(
            ErrorCode::MissingField,
            "orders",
            "at least one order is needed",
        )),
    }
}

/// 003 §3.2.6.4: only a resource in use can switch.
fn switch_dates(req: &SwitchRequest, first: &Order, last: &Order) -> Result<()> {
    let refuse =
        |path: &str, msg: String| Err(Error::new(ErrorCode::ModeSwitchNotAllowed, path, msg));
    if req.date > last.end {
        return refuse(
            "date",
            format!(
                "the resource expired on {}; only resources in use can switch (003 §3.2.6.4)",
                last.end
            ),
        );
    }
    if req.date < first.start {
        return refuse(
            "date",
            format!(
                "the resource starts {}; only resources in use can switch",
                first.start
            ),
        );
    }
    Ok(())
}

/// The refund alone on `req.date`, once [`switch_checks`] passed: a curve's point, the figures of
/// [`switch_to_on_demand`] without its answer. `None` for a switch at expiry, whose curve runs
/// the whole rule each day.
pub(crate) fn refund_on_day(
    req: &SwitchRequest,
    first: &Order,
    last: &Order,
    plan: Option<&InUsePlan>,
) -> Option<Result<Money>> {
    if req.mode != SwitchMode::Immediate {
        return None;
    }
    Some(switch_dates(req, first, last).and_then(|()| {
        in_use_refund_amount(
            plan,
            &req.orders,
            req.date,
            req.handling_fee_rate,
            req.options.policy,
            InUseFor::SwitchToOnDemand,
        )
    }))
}
