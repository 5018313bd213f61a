//! Unsubscribe refunds (003 §3.4) and the in-use refund they share with the immediate switch to
//! pay-per-use (003 §3.2.6.4).
//!
//! | scenario | consumed | handling fee | vouchers |
//! |---|---|---|---|
//! | `inUse` (使用中, 003 §3.4.2.2) | charged | charged | not returned |
//! | `notYetEffective` (未生效, 003 §3.4.3) | no | no | returned |
//! | `renewalPeriod` (续费周期, 003 §3.4.4) | no | no | returned |
//! | `creationFailed` (创建/变更失败, 003 §3.4.5) | no | no | returned |

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self, refund_days, RefundDays};
use crate::domain::exact::{Exact, Rounding};
use crate::domain::handling_fee;
use crate::domain::money::{approx, equals, show, Money, Ratio, RoundingPolicy};
use crate::domain::order::{self, Order};
use crate::domain::provider::Provider;
use crate::error::{Error, ErrorCode, Result};

/// 003 §3.4.2.1: a refund above this needs the account manager's approval.
pub const LARGE_REFUND_THRESHOLD: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// The unsubscribe scenario (003 §3.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum Scenario {
    /// The resource is in use: cash paid − consumed − handling fee (003 §3.4.2.2).
    InUse,
    /// Bought with a future start time and not started: full refund (003 §3.4.3).
    NotYetEffective,
    /// Renewal periods that have not started: full refund of those periods (003 §3.4.4).
    RenewalPeriod,
    /// Creation or change failed: full refund (003 §3.4.5).
    CreationFailed,
}

crate::enum_from_json!(Scenario {
    InUse,
    NotYetEffective,
    RenewalPeriod,
    CreationFailed
});

/// What kind of resource is unsubscribed (the refusal cases of 003 §3.4.2.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    /// An ordinary prepaid resource.
    #[default]
    Standard,
    /// A resource package (资源包): not unsubscribable, except Cloud Server Backup (CBR) and Data
    /// Warehouse Service (DWS) packages.
    ResourcePackage,
    /// A trial: not unsubscribable.
    Trial,
    /// A free service: not unsubscribable.
    Free,
    /// A one-off charge: not unsubscribable.
    OneOff,
}

crate::enum_from_json!(ResourceKind {
    Standard,
    ResourcePackage,
    Trial,
    Free,
    OneOff
});

/// Request of `unsubscribeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnsubscribeRequest {
    /// Which of the four scenarios applies.
    pub scenario: Scenario,
    /// The unsubscribe day.
    #[serde(with = "calendar::ymd")]
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    /// The resource's orders: the purchase and its renewals, in date order.
    pub orders: Vec<Order>,
    /// The kind of resource (default `standard`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<ResourceKind>"))]
    pub resource_kind: ResourceKind,
    /// The cloud service code, e.g. `CBR` or `DWS` (whose packages may be unsubscribed).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub service: Option<String>,
    /// Handling-fee rate to use instead of table 3-5 (e.g. `"0"` under a framework contract that
    /// waives it, or the rate of a term the table lacks).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub handling_fee_rate: Option<Ratio>,
    /// `renewalPeriod`: the expiry the customer keeps (the end of one of the orders); every order
    /// after it is refunded. Default: the end of the order running on `date`.
    #[serde(default, with = "calendar::ymd_opt")]
    #[cfg_attr(test, ts(optional, as = "Option<String>"))]
    pub keep_until: Option<NaiveDate>,
    /// Day a large refund (> 1000) is approved; decides the bill month (003 §3.4.2.1).
    #[serde(default, with = "calendar::ymd_opt")]
    #[cfg_attr(test, ts(optional, as = "Option<String>"))]
    pub approval_date: Option<NaiveDate>,
    /// The cloud whose rules are asked for (003 is Huawei's; absent = the rules this operation
    /// implements). Another provider is refused with `NOT_SUPPORTED`, never answered by Huawei's rules.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub provider: Option<Provider>,
    /// Rounding policy (default `console`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<RoundingPolicy>"))]
    pub policy: RoundingPolicy,
}

crate::from_json!(UnsubscribeRequest {
    scenario,
    date: with(crate::domain::calendar::read_ymd),
    orders,
    resource_kind: default,
    service: default,
    handling_fee_rate: default,
    keep_until: default_with(crate::domain::calendar::read_ymd_opt),
    approval_date: default_with(crate::domain::calendar::read_ymd_opt),
    provider: default,
    policy: default,
});

/// What happens to one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct OrderRefund {
    /// Index of the order in the request.
    #[cfg_attr(test, ts(type = "number"))]
    pub index: usize,
    /// `expired`, `inUse`, `notStarted`, `kept` or `full`.
    pub status: &'static str,
    /// Cash paid on the order.
    pub paid_cash: Money,
    /// Consumed amount kept by the provider.
    pub consumed: Money,
    /// Handling fee kept by the provider.
    pub handling_fee: Money,
    /// Cash refunded for this order.
    pub refund: Money,
    /// Voucher amount returned for this order.
    pub voucher_returned: Money,
}

crate::to_json!(OrderRefund {
    index,
    status,
    paid_cash,
    consumed,
    handling_fee,
    refund,
    voucher_returned,
});

/// Result of `unsubscribeRefund` (and of `switchToOnDemand`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct UnsubscribeResponse {
    /// Cash refunded, rounded half up to cents. The breakdown lines add up to it.
    pub refund: Money,
    /// Voucher amount returned (not cash; void if the voucher has expired, 003 §3.4.1).
    pub voucher_returned: Money,
    /// Cash paid on the orders concerned.
    pub paid_cash: Money,
    /// Consumed amount (in-use order only).
    pub consumed: Money,
    /// Handling fee.
    pub handling_fee: Money,
    /// Handling-fee rate applied (`0.10`).
    pub handling_fee_rate: Ratio,
    /// Day counts of the order running on the operation day (in-use only).
    pub days: Option<RefundDays>,
    /// 003 §3.4.2.1: refund > 1000 needs approval (auto-approved after 24 h).
    pub requires_approval: bool,
    /// Month whose bill carries the refund (`YYYY-MM`): the month the unsubscribe succeeds.
    pub bill_month: String,
    /// Per-order outcome.
    pub orders: Vec<OrderRefund>,
    /// Line items and formulas.
    pub breakdown: Breakdown,
}

crate::to_json!(UnsubscribeResponse {
    refund,
    voucher_returned,
    paid_cash,
    consumed,
    handling_fee,
    handling_fee_rate,
    days,
    requires_approval,
    bill_month,
    orders,
    breakdown,
});

/// Where the in-use refund is being computed for: names and refusal codes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InUseFor {
    Unsubscribe,
    SwitchToOnDemand,
}

/// 003 §3.4.2.2 / §3.2.6.4: refund of an in-use resource on `date`.
///
/// - orders ended before `date`: fully consumed, nothing back;
/// - the order running on `date`: `max0(paid − paid × consumed/total days − paid × fee rate)`;
/// - renewal orders not started yet: unsubscribed with it (003 §3.4.2.2) and, as not-yet-started
///   renewal periods (003 §3.4.4), refunded in full, vouchers returned, no fee (RULES.md §19 A7:
///   not stated; billcalc's choice, documented in the README).
pub(crate) fn in_use_refund(
    orders: &[Order],
    date: NaiveDate,
    fee_override: Option<Ratio>,
    mut b: Breakdown,
    purpose: InUseFor,
) -> Result<UnsubscribeResponse> {
    let policy = b.policy;
    let mut rows = Vec::with_capacity(orders.len());
    let mut days = None;
    let (mut consumed_total, mut fee_total, mut refund_total) =
        (Exact::ZERO, Exact::ZERO, Exact::ZERO);
    let mut rate_used = Ratio::default();
    let mut paid_total = Money::ZERO;
    let mut voucher_back = Money::ZERO;
    let mut running_found = false;
    for (i, o) in orders.iter().enumerate() {
        if o.end < date {
            rows.push(OrderRefund {
                index: i,
                status: "expired",
                paid_cash: o.cash(),
                consumed: o.cash(),
                handling_fee: Money::ZERO,
                refund: Money::ZERO,
                voucher_returned: Money::ZERO,
            });
            continue;
        }
        paid_total += o.cash();
        if o.start > date {
            b.line_with(o.cash(), || {
                (
                    format!(
                        "renewal order {i} ({}..{}, not started): cash back in full",
                        o.start, o.end
                    ),
                    format!(
                        "{} (003 §3.4.4: no consumption, no fee; vouchers returned)",
                        o.cash()
                    ),
                )
            });
            voucher_back += o.voucher;
            refund_total = refund_total.plus(o.cash().exact())?;
            rows.push(OrderRefund {
                index: i,
                status: "notStarted",
                paid_cash: o.cash(),
                consumed: Money::ZERO,
                handling_fee: Money::ZERO,
                refund: o.cash(),
                voucher_returned: o.voucher,
            });
            continue;
        }
        running_found = true;
        let d = refund_days(o.start, o.end, date);
        days = Some(d);
        let rate = match fee_override {
            Some(r) => r,
            None => Ratio(handling_fee::table_rate(o.term, o.start, date, i)?),
        };
        rate_used = rate;
        // 003 §3.4.2.2: consumed = paid × consumed days / total days; fee = paid × rate.
        let paid = o.cash().exact();
        let exact_consumed = paid.times(Exact::ratio(d.consumed, d.total))?;
        let exact_fee = paid.times(Exact::of(rate.0))?;
        let (consumed, fee) = match policy {
            // 003 §3.4.2.2 states both rounded to cents (110.00 × 14/32 = 48.13).
            RoundingPolicy::Console | RoundingPolicy::Document => (
                exact_consumed.round(2, Rounding::HalfUp).map(Exact::of)?,
                exact_fee.round(2, Rounding::HalfUp).map(Exact::of)?,
            ),
            RoundingPolicy::Exact => (exact_consumed, exact_fee),
        };
        let net = paid.minus(consumed)?.minus(fee)?;
        let refund = net.max0();

        b.fact_with(|| {
            (
                format!("days of order {i}"),
                format!(
                    "total days({}..{}) = {}; consumed days({}..day before {date}) = {}; remaining days({date}..{}) = {}",
                    o.start, o.end, d.total, o.start, d.consumed, o.end, d.remaining
                ),
                format!("{}/{}/{}", d.total, d.consumed, d.remaining),
            )
        });
        let rounding_note = |exact: Exact, used: Exact| {
            if exact == used {
                String::new()
            } else {
                format!(
                    " → {} (rounded half up to cents as 003 §3.4.2.2 states: {} policy)",
                    Money::shown(used),
                    policy.name()
                )
            }
        };
        b.line_with(o.cash(), || {
            (
                format!("cash paid, order {i} ({})", o.term),
                "paid cash (实付金额), vouchers excluded".to_string(),
            )
        });
        b.line_with(Money::shown(consumed.negated()), || {
            (
                "consumed amount".to_string(),
                format!(
                    "{} × {} / {} {}{}",
                    o.cash(),
                    d.consumed,
                    d.total,
                    equals(exact_consumed),
                    rounding_note(exact_consumed, consumed)
                ),
            )
        });
        b.line_with(Money::shown(fee.negated()), || {
            let source = if fee_override.is_some() {
                "rate given in the request"
            } else {
                "003 §3.4.2.2 table 3-5"
            };
            (
                "handling fee".to_string(),
                format!(
                    "{} × {} {}{} ({source})",
                    o.cash(),
                    show(rate.0),
                    equals(exact_fee),
                    rounding_note(exact_fee, fee)
                ),
            )
        });
        if net.is_negative() {
            b.line_with(Money::shown(net.negated()), || {
                (
                    "no refund below zero".to_string(),
                    format!(
                        "{} − {} − {} {} < 0 → 0 (003 §3.4.2.2)",
                        o.cash(),
                        approx(consumed),
                        approx(fee),
                        equals(net)
                    ),
                )
            });
        }
        consumed_total = consumed_total.plus(consumed)?;
        fee_total = fee_total.plus(fee)?;
        refund_total = refund_total.plus(refund)?;
        rows.push(OrderRefund {
            index: i,
            status: "inUse",
            paid_cash: o.cash(),
            consumed: Money::shown(consumed),
            handling_fee: Money::shown(fee),
            refund: Money::shown(refund),
            voucher_returned: Money::ZERO,
        });
    }
    if !running_found {
        let what = match purpose {
            InUseFor::Unsubscribe => "unsubscribe",
            InUseFor::SwitchToOnDemand => "switch",
        };
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "date",
            format!("no order is running on {date}; an in-use {what} needs the order that covers that day"),
        ));
    }
    let refund = Money::cents_of(refund_total)?;
    b.settle(refund, "final rounding", || {
        format!("{} → {refund} (half up to cents)", approx(refund_total))
    });
    if voucher_back.is_positive() {
        b.note_with(|| format!("vouchers returned with the unstarted renewals: {voucher_back}"));
    }
    b.note("vouchers used on the running order are not returned (003 §3.4.2.2)");
    Ok(UnsubscribeResponse {
        refund,
        voucher_returned: voucher_back,
        paid_cash: paid_total,
        consumed: Money::shown(consumed_total),
        handling_fee: Money::shown(fee_total),
        handling_fee_rate: rate_used,
        days,
        requires_approval: refund.0 > LARGE_REFUND_THRESHOLD,
        bill_month: month_of(date),
        orders: rows,
        breakdown: b,
    })
}

/// `YYYY-MM` of a day.
pub(crate) fn month_of(d: NaiveDate) -> String {
    // Years are 1970..=9999 (parse_date), so four digits; written by hand, as format! machinery
    // was a tenth of the wasm fast path's time.
    let (y, m) = (d.year().clamp(0, 9999).unsigned_abs(), d.month());
    let digit = |n: u32| char::from_digit(n % 10, 10).unwrap_or('0');
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
    ]
    .iter()
    .collect()
}

/// 003 §3.4: the cash refund of unsubscribing a prepaid resource, with its breakdown.
///
/// 003 §3.4.2.2 ex. 1: EVS 2022-08-19..2022-09-19 paid 110.00, unsubscribed 2022-09-02: fee
/// 110.00 × 10 % = 11.00, consumed 110.00 × 14/32 = 48.125 → 48.13, refund 50.87.
pub fn unsubscribe_refund(req: &UnsubscribeRequest) -> Result<UnsubscribeResponse> {
    unsubscribe_refund_with(req, Breakdown::new(req.policy))
}

/// [`unsubscribe_refund`] into a given breakdown ([`Breakdown::silent`] for figures only).
pub fn unsubscribe_refund_with(
    req: &UnsubscribeRequest,
    b: Breakdown,
) -> Result<UnsubscribeResponse> {
    order::validate(&req.orders, "orders")?;
    order::require_cash(&req.orders, "orders")?;
    check_rate(req.handling_fee_rate)?;
    match req.resource_kind {
        ResourceKind::ResourcePackage => {
            let exempt = req
                .service
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("CBR") || s.eq_ignore_ascii_case("DWS"));
            // 003 §3.4.2.3 lists the in-use resources that cannot be unsubscribed; a package
            // not yet in effect (re-bought, or an add-on with a future start) is refunded in
            // full like any not-yet-effective resource (003 §3.4.3).
            if !exempt && req.scenario == Scenario::InUse {
                return Err(Error::new(
                    ErrorCode::PackageNotUnsubscribable,
                    "resourceKind",
                    "an in-use resource package cannot be unsubscribed, except Cloud Server Backup (CBR) and Data Warehouse Service (DWS) packages (003 §3.4.2.3); one not yet in effect can (003 §3.4.3)",
                ));
            }
        }
        ResourceKind::Trial | ResourceKind::Free | ResourceKind::OneOff
            if req.scenario != Scenario::CreationFailed =>
        {
            return Err(Error::new(
                ErrorCode::UnsubscribeNotAllowed,
                "resourceKind",
                "trials, free services and one-off charges cannot be unsubscribed (003 §3.4.2.3)",
            ));
        }
        _ => {}
    }
    let (first, last) = match (req.orders.first(), req.orders.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "orders",
                "at least one order is needed",
            ))
        }
    };
    let mut res = match req.scenario {
        Scenario::InUse => {
            if req.date > last.end {
                return Err(Error::new(
                    ErrorCode::ResourceExpired,
                    "date",
                    format!(
                        "the resource expired on {} (23:59:59); an expired resource cannot be unsubscribed (003 §3.4.2.3)",
                        last.end
                    ),
                ));
            }
            if req.date < first.start {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "date",
                    format!(
                        "the resource starts {}; before that it is not in use (scenario notYetEffective)",
                        first.start
                    ),
                ));
            }
            in_use_refund(
                &req.orders,
                req.date,
                req.handling_fee_rate,
                b,
                InUseFor::Unsubscribe,
            )?
        }
        Scenario::NotYetEffective => {
            if req.date >= first.start {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "date",
                    format!(
                        "the resource started {}; from then on it is in use (scenario inUse)",
                        first.start
                    ),
                ));
            }
            full_refund(
                &req.orders,
                &|_| true,
                req.date,
                b,
                "not yet effective (003 §3.4.3)",
            )
        }
        Scenario::CreationFailed => full_refund(
            &req.orders,
            &|_| true,
            req.date,
            b,
            "creation or change failed (003 §3.4.5)",
        ),
        Scenario::RenewalPeriod => {
            let keep = match req.keep_until {
                Some(k) => {
                    if !req.orders.iter().any(|o| o.end == k && o.end >= req.date) {
                        return Err(Error::new(
                            ErrorCode::InvalidPeriod,
                            "keepUntil",
                            format!(
                                "{k} is not the end of an order running on or after {}",
                                req.date
                            ),
                        ));
                    }
                    k
                }
                None => match req
                    .orders
                    .iter()
                    .find(|o| o.start <= req.date && req.date <= o.end)
                {
                    Some(o) => o.end,
                    None => {
                        return Err(Error::new(
                            ErrorCode::InvalidPeriod,
                            "date",
                            format!("no order is running on {}; pass keepUntil", req.date),
                        ))
                    }
                },
            };
            if !req
                .orders
                .iter()
                .any(|o| o.start > keep && o.start > req.date)
            {
                return Err(Error::new(
                    ErrorCode::RenewalPeriodNotUnsubscribable,
                    "orders",
                    format!(
                        "no renewal period starts after {keep} and after {}; a started period is unsubscribed as in use (003 §3.4.4)",
                        req.date
                    ),
                ));
            }
            full_refund(
                &req.orders,
                &|o| o.start > keep && o.start > req.date,
                req.date,
                b,
                "renewal period not yet started (003 §3.4.4)",
            )
        }
    };
    apply_approval(&mut res, req.date, req.approval_date)?;
    Ok(res)
}

/// Refuse a handling-fee rate above 1.
pub(crate) fn check_rate(rate: Option<Ratio>) -> Result<()> {
    match rate {
        Some(r) if r.0 > Decimal::ONE => Err(Error::new(
            ErrorCode::InvalidNumber,
            "handlingFeeRate",
            format!("rate {r} is above 1 (100 %)"),
        )),
        _ => Ok(()),
    }
}

/// 003 §3.4.2.1: large refunds are booked in the month the unsubscribe is approved.
fn apply_approval(
    res: &mut UnsubscribeResponse,
    date: NaiveDate,
    approval: Option<NaiveDate>,
) -> Result<()> {
    if !res.requires_approval {
        return Ok(());
    }
    match approval {
        Some(a) if a < date => Err(Error::new(
            ErrorCode::InvalidPeriod,
            "approvalDate",
            format!("approval {a} is before the unsubscribe {date}"),
        )),
        Some(a) => {
            res.bill_month = month_of(a);
            res.breakdown.note(format!(
                "large refund (> 1000): approved {a}, booked in the {} bill (003 §3.4.2.1)",
                res.bill_month
            ));
            Ok(())
        }
        None => {
            res.breakdown.note(format!(
                "large refund (> 1000): needs the account manager's approval, automatic after 24 hours; booked in the bill of the month it is approved ({} if approved the same month, 003 §3.4.2.1)",
                res.bill_month
            ));
            Ok(())
        }
    }
}

/// Full refund (cash and vouchers, no fee) of the orders selected by `pick`.
fn full_refund(
    orders: &[Order],
    pick: &dyn Fn(&Order) -> bool,
    date: NaiveDate,
    mut b: Breakdown,
    why: &str,
) -> UnsubscribeResponse {
    let mut rows = Vec::with_capacity(orders.len());
    let (mut paid, mut vouchers) = (Money::ZERO, Money::ZERO);
    for (i, o) in orders.iter().enumerate() {
        if pick(o) {
            b.line(
                format!("order {i} ({}..{}): cash back in full", o.start, o.end),
                format!("{} — {why}: no consumption, no handling fee", o.cash()),
                o.cash(),
            );
            paid += o.cash();
            vouchers += o.voucher;
            rows.push(OrderRefund {
                index: i,
                status: "full",
                paid_cash: o.cash(),
                consumed: Money::ZERO,
                handling_fee: Money::ZERO,
                refund: o.cash(),
                voucher_returned: o.voucher,
            });
        } else {
            rows.push(OrderRefund {
                index: i,
                status: "kept",
                paid_cash: o.cash(),
                consumed: Money::ZERO,
                handling_fee: Money::ZERO,
                refund: Money::ZERO,
                voucher_returned: Money::ZERO,
            });
        }
    }
    let refund = paid.cents();
    b.settle(refund, "final rounding", || {
        format!("{} → {refund}", show(paid.0))
    });
    if vouchers.is_positive() {
        b.note(format!(
            "vouchers returned: {vouchers} (void if the voucher has already expired, 003 §3.4.1)"
        ));
    }
    UnsubscribeResponse {
        refund,
        voucher_returned: vouchers,
        paid_cash: paid,
        consumed: Money::ZERO,
        handling_fee: Money::ZERO,
        handling_fee_rate: Ratio::default(),
        days: None,
        requires_approval: refund.0 > LARGE_REFUND_THRESHOLD,
        bill_month: month_of(date),
        orders: rows,
        breakdown: b,
    }
}

/// A response with nothing refunded (a switch at expiry), into breakdown `b`.
pub(crate) fn empty_response(date: NaiveDate, b: Breakdown) -> UnsubscribeResponse {
    full_refund(&[], &|_| false, date, b, "")
}
