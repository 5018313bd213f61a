//! What-if curves: the amount of one operation for every possible operation day, computed in one
//! call (the page's charts; one boundary crossing instead of one per day). Each day is the
//! operation's own rule, with the day as the request's date.

#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use chrono::NaiveDate;

use crate::domain::calendar;
use crate::domain::money::Money;
use crate::domain::order::Order;
use crate::error::{Error, ErrorCode, Result};
use crate::io::write::ToJson;
use crate::rules::lifecycle::switch::{self, SwitchRequest};
use crate::rules::refunds::in_use::InUsePlan;
use crate::rules::refunds::unsubscribe::{self, UnsubscribeRequest};
use crate::rules::spec_changes::downgrade::{self, DowngradeRequest};
use crate::rules::spec_changes::upgrade::{self, UpgradeRequest};
use billcalc_derive::Ts;

/// Most points one curve may have (27 years of days).
pub const MAX_POINTS: i64 = 10_000;

/// A curve: one amount per day from `from` to `to`, in integer cents (`null` where the operation
/// refuses that day, e.g. after expiry).
#[derive(Debug, Clone, PartialEq, Eq, Ts)]
pub struct Curve {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Amount in cents for each day, `None` when refused.
    pub cents: Vec<Option<i64>>,
    /// The error code of each refused day's first refusal (same length as `cents`).
    pub refusals: Vec<Option<ErrorCode>>,
}

/// Written as its declaration says (`from`, `to`, `cents`, `refusals`), the two arrays as ASCII
/// bytes checked once: a curve writes thousands of numbers.
impl ToJson for Curve {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"from\":");
        self.from.write_json(out);
        out.push_str(",\"to\":");
        self.to.write_json(out);
        let mut bytes = Vec::with_capacity(self.cents.len().saturating_mul(16).saturating_add(32));
        bytes.extend_from_slice(b",\"cents\":[");
        billcalc_exact::text::append_cents(&mut bytes, &self.cents);
        bytes.extend_from_slice(b"],\"refusals\":[");
        for (i, r) in self.refusals.iter().enumerate() {
            if i > 0 {
                bytes.push(b',');
            }
            match r {
                Some(code) => {
                    bytes.push(b'"');
                    bytes.extend_from_slice(code.as_str().as_bytes());
                    bytes.push(b'"');
                }
                None => bytes.extend_from_slice(b"null"),
            }
        }
        bytes.extend_from_slice(b"]}");
        out.push_str(std::str::from_utf8(&bytes).unwrap_or_default());
    }
}

/// A request on an operation day, over a resource's orders.
pub(crate) trait Dated {
    /// What the curve computes once, before its days: the checks that do not depend on the day
    /// and the figures that do not (an error there refuses every day).
    type Once;
    /// Move the operation to `day`.
    fn set_date(&mut self, day: NaiveDate);
    /// The orders, whose life is the curve's natural range.
    fn orders(&self) -> &[Order];
    /// [`Dated::Once`].
    fn once(&self) -> Result<Self::Once>;
    /// The amount on the request's day computed from its figures alone, without the rule's
    /// answer, when the operation has such a way (`None`: the whole rule runs that day).
    fn amount_on_day(&self, once: &Self::Once) -> Option<Result<Money>>;
}

impl Dated for DowngradeRequest {
    type Once = crate::domain::exact::Exact;
    fn set_date(&mut self, day: NaiveDate) {
        self.change.date = day;
    }
    fn orders(&self) -> &[Order] {
        &self.change.orders
    }
    fn once(&self) -> Result<crate::domain::exact::Exact> {
        downgrade::day_independent_checks(self)
    }
    fn amount_on_day(&self, d: &crate::domain::exact::Exact) -> Option<Result<Money>> {
        Some(downgrade::refund_on_day(self, *d))
    }
}

impl Dated for UpgradeRequest {
    type Once = ();
    fn set_date(&mut self, day: NaiveDate) {
        self.change.date = day;
    }
    fn orders(&self) -> &[Order] {
        &self.change.orders
    }
    fn once(&self) -> Result<()> {
        upgrade::day_independent_checks(self)
    }
    fn amount_on_day(&self, _: &()) -> Option<Result<Money>> {
        Some(upgrade::cost_on_day(self))
    }
}

impl Dated for UnsubscribeRequest {
    type Once = Option<InUsePlan>;
    fn set_date(&mut self, day: NaiveDate) {
        self.date = day;
    }
    fn orders(&self) -> &[Order] {
        &self.orders
    }
    fn once(&self) -> Result<Option<InUsePlan>> {
        unsubscribe::unsubscribe_checks(self)?;
        Ok(InUsePlan::new(
            &self.orders,
            self.handling_fee_rate,
            self.options.policy,
        ))
    }
    fn amount_on_day(&self, plan: &Option<InUsePlan>) -> Option<Result<Money>> {
        let (first, last) = (self.orders.first()?, self.orders.last()?);
        unsubscribe::refund_on_day(self, first, last, plan.as_ref())
    }
}

impl Dated for SwitchRequest {
    type Once = Option<InUsePlan>;
    fn set_date(&mut self, day: NaiveDate) {
        self.date = day;
    }
    fn orders(&self) -> &[Order] {
        &self.orders
    }
    fn once(&self) -> Result<Option<InUsePlan>> {
        switch::switch_checks(self)?;
        Ok(InUsePlan::new(
            &self.orders,
            self.handling_fee_rate,
            self.options.policy,
        ))
    }
    fn amount_on_day(&self, plan: &Option<InUsePlan>) -> Option<Result<Money>> {
        let (first, last) = (self.orders.first()?, self.orders.last()?);
        switch::refund_on_day(self, first, last, plan.as_ref())
    }
}

/// `amount` of the request on every day of `from..=to` (default: the orders' whole life); where
/// the operation computes its amount alone ([`Dated::amount_on_day`]), that, after
/// [`Dated::once`].
pub(crate) fn curve<Req: Dated>(
    req: &mut Req,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    amount: fn(&Req) -> Result<Money>,
) -> Result<Curve> {
    let natural = match (req.orders().first(), req.orders().last()) {
        (Some(first), Some(last)) => Some((first.start, last.end)),
        _ => None,
    };
    let once = req.once();
    days(natural, from, to, &mut |day| {
        let once = once.as_ref().map_err(Clone::clone)?;
        req.set_date(day);
        req.amount_on_day(once).unwrap_or_else(|| amount(req))
    })
}

/// The curve over the days of `from..=to` (default: `natural`), one call of `amount` a day. Not
/// generic: one copy serves every operation.
fn days(
    natural: Option<(NaiveDate, NaiveDate)>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    amount: &mut dyn FnMut(NaiveDate) -> Result<Money>,
) -> Result<Curve> {
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
    let count = usize::try_from(n).unwrap_or(0);
    let mut cents = Vec::with_capacity(count);
    let mut refusals = Vec::with_capacity(count);
    for day in from.iter_days().take(count) {
        match amount(day) {
            Ok(m) => {
                cents.push(in_cents(m));
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

/// An amount in integer cents (a curve's point).
fn in_cents(m: Money) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    // The usual amount, already in cents: its mantissa, without a decimal multiplication.
    if let (2, Ok(cents)) = (m.0.scale(), i64::try_from(m.0.mantissa())) {
        return Some(cents);
    }
    m.0.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
        .and_then(|c| c.round().to_i64())
}
