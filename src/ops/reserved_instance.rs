//! Reserved-instance unsubscribe (预留实例, 003 §3.4.2.2 table 3-6).

use chrono::{NaiveDateTime, Timelike};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::breakdown::Breakdown;
use crate::calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{show, Money, Ratio, RoundingPolicy};
use crate::provider::Provider;

/// 003 §3.4.2.2 table 3-6: the handling-fee rate on the remaining part, 12 %.
pub const RI_FEE_RATE: Decimal = Decimal::from_parts(12, 0, 0, false, 2);

/// How the reserved instance was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum RiPayment {
    /// 全预付: everything up front.
    FullUpfront,
    /// 无预付: nothing up front, an hourly amount.
    NoUpfront,
    /// 部分预付: exists as a billing mode but has no published refund formula (RULES.md §19 A8):
    /// refused with `NOT_SUPPORTED` rather than guessed.
    PartialUpfront,
}

crate::enum_from_json!(RiPayment {
    FullUpfront,
    NoUpfront,
    PartialUpfront
});

/// Request of `reservedInstanceRefund`. Give either `start`, `end` and `at` (date-times; the
/// remaining time counts from the next whole hour) or `remainingRatio` (with `totalHours` for
/// no-upfront RIs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReservedInstanceRequest {
    /// `fullUpfront` or `noUpfront` (partial upfront has no published formula, RULES.md §19 A8).
    pub payment: RiPayment,
    /// Start of the RI term.
    #[serde(default, with = "calendar::datetime_opt")]
    #[cfg_attr(test, ts(optional, as = "Option<String>"))]
    pub start: Option<NaiveDateTime>,
    /// End of the RI term.
    #[serde(default, with = "calendar::datetime_opt")]
    #[cfg_attr(test, ts(optional, as = "Option<String>"))]
    pub end: Option<NaiveDateTime>,
    /// When it is unsubscribed.
    #[serde(default, with = "calendar::datetime_opt")]
    #[cfg_attr(test, ts(optional, as = "Option<String>"))]
    pub at: Option<NaiveDateTime>,
    /// Remaining hours / total hours, when no dates are given (0–1).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub remaining_ratio: Option<Ratio>,
    /// Total hours of the term, when no dates are given (no-upfront only).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<u32>"))]
    pub total_hours: Option<u64>,
    /// Full upfront: cash part of the upfront payment.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub upfront_cash: Money,
    /// Full upfront: voucher part of the upfront payment.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub upfront_voucher: Money,
    /// No upfront: the hourly amount.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub hourly_amount: Money,
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

crate::from_json!(ReservedInstanceRequest {
    payment,
    start: default_with(crate::calendar::read_datetime_opt),
    end: default_with(crate::calendar::read_datetime_opt),
    at: default_with(crate::calendar::read_datetime_opt),
    remaining_ratio: default,
    total_hours: default,
    upfront_cash: default,
    upfront_voucher: default,
    hourly_amount: default,
    provider: default,
    policy: default,
});

/// Result of `reservedInstanceRefund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct ReservedInstanceResponse {
    /// Cash refunded to the balance (full upfront), half up to cents; 0 otherwise.
    pub refund: Money,
    /// Handling fee: 12 % of the remaining part of the order amount.
    pub handling_fee: Money,
    /// What the customer pays (no upfront: the fee, by month-end settlement; full upfront: 0).
    pub customer_pays: Money,
    /// Remaining hours / total hours.
    pub remaining_ratio: Ratio,
    /// Remaining hours (from the next whole hour), when dates were given.
    #[cfg_attr(test, ts(optional, as = "Option<u32>"))]
    pub remaining_hours: Option<i64>,
    /// Total hours, when known.
    #[cfg_attr(test, ts(optional, as = "Option<u32>"))]
    pub total_hours: Option<i64>,
    /// Line items and formulas (they add up to `refund − customerPays`).
    pub breakdown: Breakdown,
}

crate::to_json!(ReservedInstanceResponse {
    refund,
    handling_fee,
    customer_pays,
    remaining_ratio,
    remaining_hours,
    total_hours,
    breakdown,
});

/// 003 §3.4.2.2 table 3-6.
/// Full upfront: `refund = max0(cash × ratio − (cash + voucher) × ratio × 12 %)`; vouchers not returned.
/// No upfront: the customer pays `hourly × total hours × ratio × 12 %`.
/// Ex. 2: 50 cash + 50 voucher, half the year left: 25 − 6 = 19. Ex. 3: 10 + 90: 5 − 6 < 0 → 0.
pub fn reserved_instance_refund(req: &ReservedInstanceRequest) -> Result<ReservedInstanceResponse> {
    reserved_instance_refund_with(req, Breakdown::new(req.policy))
}

/// [`reserved_instance_refund`] into a given breakdown ([`Breakdown::silent`] for figures only).
pub fn reserved_instance_refund_with(
    req: &ReservedInstanceRequest,
    mut b: Breakdown,
) -> Result<ReservedInstanceResponse> {
    if req.payment == RiPayment::PartialUpfront {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "payment",
            "partial-upfront reserved instances have no published refund formula (003 §3.4.2.2 table 3-6 covers full and no upfront)",
        ));
    }
    let (ratio, remaining_hours, total_hours) = match (
        req.start,
        req.end,
        req.at,
        req.remaining_ratio,
    ) {
        (Some(start), Some(end), Some(at), None) => {
            if end <= start {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "end",
                    format!("{end} is not after {start}"),
                ));
            }
            if at < start || at > end {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "at",
                    format!("{at} is outside the RI term {start}..{end}"),
                ));
            }
            let total_minutes = (end - start).num_minutes();
            let total = total_minutes / 60;
            if total_minutes % 60 != 0 || total == 0 {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "end",
                    "an RI term is a whole number of hours",
                ));
            }
            let next_hour = if at.minute() == 0 && at.second() == 0 {
                at
            } else {
                at.with_minute(0)
                    .and_then(|t| t.with_second(0))
                    .unwrap_or(at)
                    + chrono::Duration::hours(1)
            };
            let remaining = ((end - next_hour).num_minutes() / 60).max(0);
            let ratio = Decimal::from(remaining) / Decimal::from(total);
            b.fact(
                "remaining ratio",
                format!(
                    "remaining hours from the next whole hour {next_hour} to {end} / total hours = {remaining} / {total}"
                ),
                show(ratio),
            );
            (ratio, Some(remaining), Some(total))
        }
        (None, None, None, Some(r)) => {
            if r.0 > Decimal::ONE {
                return Err(Error::new(
                    ErrorCode::InvalidNumber,
                    "remainingRatio",
                    format!("{r} is above 1"),
                ));
            }
            b.fact("remaining ratio", "given", show(r.0));
            (r.0, None, req.total_hours.map(|h| h.min(1_000_000) as i64))
        }
        _ => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "remainingRatio",
                "give either start, end and at, or remainingRatio",
            ))
        }
    };
    let (refund, fee, pays) = match req.payment {
        RiPayment::FullUpfront => {
            let value = req.upfront_cash * ratio;
            let upfront = req.upfront_cash + req.upfront_voucher;
            let fee = upfront * ratio * RI_FEE_RATE;
            b.line(
                "remaining value of the cash paid",
                format!("{} × {} = {}", req.upfront_cash, show(ratio), show(value.0)),
                value,
            );
            b.line(
                "handling fee",
                format!(
                    "({} + {}) × {} × 12% = {}",
                    req.upfront_cash,
                    req.upfront_voucher,
                    show(ratio),
                    show(fee.0)
                ),
                -fee,
            );
            let net = value - fee;
            if net.is_negative() {
                b.line(
                    "no refund below zero",
                    format!(
                        "{} < 0 → 0; the customer pays nothing (003 §3.4.2.2)",
                        show(net.0)
                    ),
                    -net,
                );
            }
            let refund = net.max0().cents();
            b.settle(refund, "final rounding", || {
                format!("{} → {refund}", show(net.max0().0))
            });
            b.note("vouchers are not returned (003 §3.4.2.2 table 3-6)");
            (refund, fee.cents(), Money::ZERO)
        }
        RiPayment::NoUpfront | RiPayment::PartialUpfront => {
            let Some(total) = total_hours else {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    "totalHours",
                    "a no-upfront RI needs its total hours",
                ));
            };
            let fee = req.hourly_amount * Decimal::from(total) * ratio * RI_FEE_RATE;
            let pays = fee.cents();
            b.line(
                "handling fee the customer pays",
                format!(
                    "{} × {total} h × {} × 12% = {}",
                    req.hourly_amount,
                    show(ratio),
                    show(fee.0)
                ),
                -fee,
            );
            b.settle(-pays, "final rounding", || {
                format!("{} → {pays}", show(fee.0))
            });
            b.note(
                "charged by month-end settlement; RI vouchers first, then balance (003 §3.4.2.2)",
            );
            (Money::ZERO, pays, pays)
        }
    };
    Ok(ReservedInstanceResponse {
        refund,
        handling_fee: fee,
        customer_pays: pays,
        remaining_ratio: Ratio(ratio),
        remaining_hours,
        total_hours,
        breakdown: b,
    })
}
