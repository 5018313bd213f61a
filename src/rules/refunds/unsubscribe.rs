//! Unsubscribe refunds (003 §3.4). The in-use refund, which the immediate switch to pay-per-use
//! shares, is in [`super::in_use`].
//!
//! | scenario | consumed | handling fee | vouchers |
//! |---|---|---|---|
//! | `inUse` (使用中, 003 §3.4.2.2) | charged | charged | not returned |
//! | `notYetEffective` (未生效, 003 §3.4.3) | no | no | returned |
//! | `renewalPeriod` (续费周期, 003 §3.4.4) | no | no | returned |
//! | `creationFailed` (创建/变更失败, 003 §3.4.5) | no | no | returned |

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self};
use crate::domain::messages::Msg;
use crate::domain::money::{show, Money, Ratio};
use crate::domain::order::{self, Order};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::refunds::in_use::{in_use_refund, in_use_refund_amount, InUseFor, InUsePlan};
use crate::rules::refunds::never_refundable;
pub use crate::rules::refunds::refund::{needs_approval, OrderRefund, UnsubscribeResponse};
use crate::rules::refunds::refund::{refund_to, PaidWith};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// The unsubscribe scenario (003 §3.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
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

/// What kind of resource is unsubscribed (the refusal cases of 003 §3.4.2.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
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

/// Request of `unsubscribeRefund`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct UnsubscribeRequest {
    /// Which of the four scenarios applies.
    pub scenario: Scenario,
    /// The unsubscribe day.
    pub date: NaiveDate,
    /// The resource's orders: the purchase and its renewals, in date order.
    pub orders: Vec<Order>,
    /// The kind of resource (default `standard`).
    #[json(default)]
    pub resource_kind: ResourceKind,
    /// The cloud service, by code or name (`CBR`, `DWS`, whose packages may be unsubscribed;
    /// a service of 003 §3.4.2.3 table 3-7 such as `SMN` is never refunded).
    pub service: Option<String>,
    /// Handling-fee rate to use instead of table 3-5 (e.g. `"0"` under a framework contract that
    /// waives it, or the rate of a term the table lacks).
    pub handling_fee_rate: Option<Ratio>,
    /// `renewalPeriod`: the expiry the customer keeps (the end of one of the orders); every order
    /// after it is refunded. Default: the end of the order running on `date`.
    pub keep_until: Option<NaiveDate>,
    /// Day a large refund (> 1000) is approved; decides the bill month (003 §3.4.2.1).
    pub approval_date: Option<NaiveDate>,
    /// How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where
    /// the refund goes (003 §3.4.6).
    #[json(default)]
    pub paid_with: PaidWith,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// 003 §3.4: the cash refund of unsubscribing a prepaid resource, with its breakdown.
///
/// 003 §3.4.2.2 ex. 1: EVS 2022-08-19..2022-09-19 paid 110.00, unsubscribed 2022-09-02: fee
/// 110.00 × 10 % = 11.00, consumed 110.00 × 14/32 = 48.125 → 48.13, refund 50.87.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn unsubscribe_refund(req: &UnsubscribeRequest, b: Breakdown) -> Result<UnsubscribeResponse> {
    let (first, last) = unsubscribe_checks(req)?;
    let mut res = match req.scenario {
        Scenario::InUse => in_use(req, first, last, b)?,
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
                "unsubscribe.whyNotYetEffective",
            )
        }
        Scenario::CreationFailed => automatic(full_refund(
            &req.orders,
            &|_| true,
            req.date,
            b,
            "unsubscribe.whyCreationFailed",
        )),
        Scenario::RenewalPeriod => {
            let keep = kept_until(req)?;
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
                "unsubscribe.whyRenewalPeriod",
            )
        }
    };
    let bill_day = apply_approval(&mut res, req.date, req.approval_date)?;
    res.refund_to = refund_to(
        req.paid_with,
        res.refund,
        Some(bill_day),
        &mut res.breakdown,
    );
    Ok(res)
}

/// The checks whatever the day: the orders, the rate, whether the resource may be unsubscribed
/// at all (003 §3.4.2.3); the first and last orders. Run once for a whole curve.
pub(crate) fn unsubscribe_checks(req: &UnsubscribeRequest) -> Result<(&Order, &Order)> {
    order::validate(&req.orders).map_err(|e| e.under("orders"))?;
    order::require_cash(&req.orders).map_err(|e| e.under("orders"))?;
    check_rate(req.handling_fee_rate)?;
    check_unsubscribable(req)?;
    match (req.orders.first(), req.orders.last()) {
        (Some(f), Some(l)) => Ok((f, l)),
        _ => Err(Error::new(
            ErrorCode::MissingField,
            "orders",
            "at least one order is needed",
        )),
    }
}

/// The refund alone on `req.date`, once [`unsubscribe_checks`] passed: a curve's point, the
/// figures of [`unsubscribe_refund`] without its answer. `None` outside the `inUse` scenario,
/// whose curve runs the whole rule each day.
pub(crate) fn refund_on_day(
    req: &UnsubscribeRequest,
    first: &Order,
    last: &Order,
    plan: Option<&InUsePlan>,
) -> Option<Result<Money>> {
    if req.scenario != Scenario::InUse {
        return None;
    }
    Some(in_use_dates(req, first, last).and_then(|()| {
        let refund = in_use_refund_amount(
            plan,
            &req.orders,
            req.date,
            req.handling_fee_rate,
            req.options.policy,
            InUseFor::Unsubscribe,
        )?;
        if needs_approval(refund) {
            check_approval_date(req.date, req.approval_date)?;
        }
        Ok(refund)
    }))
}

/// 003 §3.4.2.2: the in-use refund, for a day within the orders (an expired resource cannot be
/// unsubscribed, 003 §3.4.2.3; before its start it is not yet effective).
fn in_use(
    req: &UnsubscribeRequest,
    first: &Order,
    last: &Order,
    b: Breakdown,
) -> Result<UnsubscribeResponse> {
    in_use_dates(req, first, last)?;
    in_use_refund(
        &req.orders,
        req.date,
        req.handling_fee_rate,
        b,
        InUseFor::Unsubscribe,
    )
}

/// 003 §3.4.2.3: an expired resource cannot be unsubscribed; before its start it is not yet in
/// use.
fn in_use_dates(req: &UnsubscribeRequest, first: &Order, last: &Order) -> Result<()> {
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
    Ok(())
}

/// 003 §3.4.2.3: the services, packages, trials, free services and one-off charges never
/// unsubscribed — except when their creation failed (003 §3.4.5) — and in-use packages other than
/// CBR and DWS.
fn check_unsubscribable(req: &UnsubscribeRequest) -> Result<()> {
    if let Some(why) = req.service.as_deref().and_then(never_refundable::refusal) {
        if req.scenario != Scenario::CreationFailed {
            return Err(Error::new(ErrorCode::UnsubscribeNotAllowed, "service", why));
        }
    }
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
    Ok(())
}

/// 003 §3.4.4: the expiry kept when renewal periods are unsubscribed: `keepUntil` (the end of an
/// order running on or after the day), else the end of the order running on the day.
fn kept_until(req: &UnsubscribeRequest) -> Result<NaiveDate> {
    match req.keep_until {
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
            Ok(k)
        }
        None => match req
            .orders
            .iter()
            .find(|o| o.start <= req.date && req.date <= o.end)
        {
            Some(o) => Ok(o.end),
            None => Err(Error::new(
                ErrorCode::InvalidPeriod,
                "date",
                format!("no order is running on {}; pass keepUntil", req.date),
            )),
        },
    }
}

/// 003 §3.4.5: a failed creation or change is unsubscribed and refunded by the system, whatever
/// the amount: the large-refund approval is for the three scenarios 003 §3.4.1 names (in use,
/// not yet effective, renewal periods).
fn automatic(mut res: UnsubscribeResponse) -> UnsubscribeResponse {
    if needs_approval(res.refund) {
        res.breakdown
            .note_msg(|| crate::msg!("unsubscribe.failedCreationAutomatic"));
    }
    res.requires_approval = false;
    res
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

/// 003 §3.4.2.1: large refunds are booked in the month the unsubscribe is approved. The day
/// whose month's bill carries the refund (`billMonth`).
fn apply_approval(
    res: &mut UnsubscribeResponse,
    date: NaiveDate,
    approval: Option<NaiveDate>,
) -> Result<NaiveDate> {
    if !res.requires_approval {
        return Ok(date);
    }
    check_approval_date(date, approval)?;
    match approval {
        Some(a) => {
            res.bill_month = calendar::BillMonth(a);
            let month = &res.bill_month;
            res.breakdown
                .note_msg(|| crate::msg!("unsubscribe.largeApproved", approved = a, month = month));
            Ok(a)
        }
        None => {
            let month = &res.bill_month;
            res.breakdown
                .note_msg(|| crate::msg!("unsubscribe.largeNeedsApproval", month = month));
            Ok(date)
        }
    }
}

/// 003 §3.4.2.1: a large refund cannot be approved before the unsubscribe.
fn check_approval_date(date: NaiveDate, approval: Option<NaiveDate>) -> Result<()> {
    match approval {
        Some(a) if a < date => Err(Error::new(
            ErrorCode::InvalidPeriod,
            "approvalDate",
            format!("approval {a} is before the unsubscribe {date}"),
        )),
        _ => Ok(()),
    }
}

/// Full refund (cash and vouchers, no fee) of the orders selected by `pick`.
fn full_refund(
    orders: &[Order],
    pick: &dyn Fn(&Order) -> bool,
    date: NaiveDate,
    mut b: Breakdown,
    why: &'static str,
) -> UnsubscribeResponse {
    let (mut paid, mut vouchers) = (Money::ZERO, Money::ZERO);
    for (i, o) in orders.iter().enumerate() {
        if pick(o) {
            b.line_msg(o.cash(), || {
                crate::msg!(
                    "unsubscribe.fullRefund",
                    index = i,
                    start = o.start,
                    end = o.end,
                    cash = o.cash(),
                    why = Msg::new(why)
                )
            });
            paid += o.cash();
            vouchers += o.voucher_back(date);
            explain_void_voucher(i, o, date, &mut b);
        }
    }
    let refund = paid.cents();
    b.settle_msg(refund, || {
        crate::msg!("quote.finalRounding", value = show(paid.0), total = refund)
    });
    if vouchers.is_positive() {
        b.note_msg(|| crate::msg!("unsubscribe.vouchersBack", amount = vouchers));
    }
    UnsubscribeResponse {
        refund,
        voucher_returned: vouchers,
        paid_cash: paid,
        consumed: Money::ZERO,
        handling_fee: Money::ZERO,
        handling_fee_rate: Ratio::default(),
        days: None,
        requires_approval: needs_approval(refund),
        bill_month: calendar::BillMonth(date),
        orders: b.detail(|_| full_refund_rows(orders, pick, date)),
        refund_to: b.detail(|_| None),
        breakdown: b,
    }
}

/// Each order's outcome (the answer's `orders`, an explanation's detail): those `pick` selects
/// refunded in full with their vouchers, the others kept.
fn full_refund_rows(
    orders: &[Order],
    pick: &dyn Fn(&Order) -> bool,
    date: NaiveDate,
) -> Vec<OrderRefund> {
    let mut rows = Vec::with_capacity(orders.len());
    for (i, o) in orders.iter().enumerate() {
        let (status, refund, voucher) = if pick(o) {
            ("full", o.cash(), o.voucher_back(date))
        } else {
            ("kept", Money::ZERO, Money::ZERO)
        };
        rows.push(OrderRefund {
            index: i,
            status,
            paid_cash: o.cash(),
            consumed: Money::ZERO,
            handling_fee: Money::ZERO,
            refund,
            voucher_returned: voucher,
        });
    }
    rows
}

/// A response with nothing refunded (a switch at expiry), into breakdown `b`.
pub(crate) fn empty_response(date: NaiveDate, b: Breakdown) -> UnsubscribeResponse {
    full_refund(&[], &|_| false, date, b, "unsubscribe.whyNotYetEffective")
}

/// 003 §3.4.1: a voucher already expired on the refund day is not returned; say so.
pub(crate) fn explain_void_voucher(i: usize, o: &Order, date: NaiveDate, b: &mut Breakdown) {
    if let Some(last) = o.voucher_void_since(date) {
        b.note_msg(|| {
            crate::msg!(
                "unsubscribe.voucherVoid",
                index = i,
                voucher = o.voucher,
                last = last,
                date = date
            )
        });
    }
}
