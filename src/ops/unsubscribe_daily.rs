//! The in-use unsubscribe refund (003 §3.4.2.2) evaluated in 64-bit integers, for the fast paths:
//! the what-if curve (one evaluation per day) and the wasm package's positional call.
//!
//! The constants of each order — its cash at a common scale, the cash and vouchers of the renewals
//! after it (refunded in full while it runs, 003 §3.4.4), its handling fee for each band of table
//! 3-5 — come from the general rule's own functions (`refund_days`, `band_of`,
//! `band_rate`, `Money` rounding). A day evaluates only
//! `cents(Σ after + max0(paid − cents(paid × consumed days / total days) − fee))`.
//!
//! Why the integers agree with [`super::unsubscribe`]: rounding half up of an integer quotient is
//! exact, and the general rule's 28-digit decimal quotient cannot cross a half-cent for amounts of
//! at most [`MAX_SCALE`] decimals (the distance of `paid × d / total` from a half-cent is at least
//! `1 / (2 · total · 10^(scale−2))`, far above its rounding error). `tests/properties.rs` checks
//! every figure of random requests and every checked day of random curves against the general
//! rule. Any request or day this does not cover (another scenario or policy, no running order, a
//! band without a rate, an overflow) returns `None`, and the general rule answers, refusals
//! included.

#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{self, RefundDays};
use crate::handling_fee;
use crate::money::{Money, Ratio, RoundingPolicy};
use crate::ops::unsubscribe::{check_rate, ResourceKind, Scenario, UnsubscribeRequest};
use crate::order::{self, Order};
use crate::provider::Provider;

/// Amounts with more decimals than this take the general rule.
pub const MAX_SCALE: u32 = 8;

/// One day's figures, amounts in units of [`InUseDaily::scale`] unless named otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFigures {
    /// Index of the order running on the day.
    pub order: usize,
    /// Its refund day counts.
    pub days: RefundDays,
    /// The handling-fee rate applied.
    pub rate: Decimal,
    /// `cents(paid × consumed / total)`.
    pub consumed: i64,
    /// `cents(paid × rate)`.
    pub fee: i64,
    /// `max0(paid − consumed − fee)`: the running order's refund.
    pub order_refund: i64,
    /// The whole refund, in cents.
    pub refund_cents: i64,
}

/// The fee band last used: order, band of table 3-5, rate, fee.
#[derive(Debug, Clone, Copy)]
struct FeeBand {
    order: usize,
    band: handling_fee::Band,
    rate: Decimal,
    fee: i64,
}

/// The in-use refund of one request, ready to be evaluated on any day.
#[derive(Debug, Clone)]
pub struct InUseDaily<'a> {
    orders: &'a [Order],
    fee_override: Option<Ratio>,
    scale: u32,
    /// One cent in units: 10^(scale − 2).
    cent: i64,
    voucher_scale: u32,
    per_order: Vec<PerOrder>,
    band: Option<FeeBand>,
}

/// An order's constants, in units.
#[derive(Debug, Clone, Copy)]
struct PerOrder {
    /// Its cash.
    paid: i64,
    /// Its vouchers (units of `voucher_scale`).
    voucher: i64,
    /// The cash of the orders after it.
    paid_after: i64,
    /// The vouchers of the orders after it (units of `voucher_scale`).
    vouchers_after: i64,
}

impl<'a> InUseDaily<'a> {
    /// `None` unless the request is an in-use unsubscribe of a standard resource under the
    /// document policy, without an approval date, that passes every check not tied to the day.
    pub fn new(r: &'a UnsubscribeRequest) -> Option<InUseDaily<'a>> {
        let covered = r.scenario == Scenario::InUse
            && r.policy == RoundingPolicy::Document
            && r.resource_kind == ResourceKind::Standard
            && r.approval_date.is_none()
            && matches!(r.provider, None | Some(Provider::Huawei));
        if !covered {
            return None;
        }
        order::validate(&r.orders, "orders").ok()?;
        check_rate(r.handling_fee_rate).ok()?;
        let scale_of = |pick: fn(&Order) -> Money| -> Option<u32> {
            let s = r.orders.iter().map(|o| pick(o).0.scale()).max()?.max(2);
            (s <= MAX_SCALE).then_some(s)
        };
        let scale = scale_of(|o| o.paid_cash)?;
        let voucher_scale = scale_of(|o| o.voucher)?;
        let mut per_order = Vec::with_capacity(r.orders.len());
        for o in &r.orders {
            per_order.push(PerOrder {
                paid: units(o.paid_cash, scale)?,
                voucher: units(o.voucher, voucher_scale)?,
                paid_after: 0,
                vouchers_after: 0,
            });
        }
        let (mut paid_later, mut vouchers_later) = (0_i64, 0_i64);
        for p in per_order.iter_mut().rev() {
            p.paid_after = paid_later;
            p.vouchers_after = vouchers_later;
            paid_later = paid_later.checked_add(p.paid)?;
            vouchers_later = vouchers_later.checked_add(p.voucher)?;
        }
        Some(InUseDaily {
            orders: &r.orders,
            fee_override: r.handling_fee_rate,
            scale,
            cent: 10_i64.checked_pow(scale.checked_sub(2)?)?,
            voucher_scale,
            per_order,
            band: None,
        })
    }

    /// The scale of the amounts in units (2 for cents).
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The scale of voucher amounts.
    pub fn voucher_scale(&self) -> u32 {
        self.voucher_scale
    }

    /// Cash of order `i` and of every order after it (the cash of the orders not expired).
    pub fn paid_from(&self, i: usize) -> Option<i64> {
        let p = self.per_order.get(i)?;
        p.paid.checked_add(p.paid_after)
    }

    /// Vouchers of the orders after `i` (returned with the renewals not started).
    pub fn vouchers_after(&self, i: usize) -> Option<i64> {
        self.per_order.get(i).map(|p| p.vouchers_after)
    }

    /// The figures on `day`, or `None` to let the general rule answer.
    pub fn on(&mut self, day: NaiveDate) -> Option<DayFigures> {
        let i = self.orders.partition_point(|o| o.end < day);
        let o = self.orders.get(i)?;
        if o.start > day {
            return None;
        }
        let days = calendar::refund_days(o.start, o.end, day);
        let (rate, fee) = self.fee(i, day)?;
        let PerOrder {
            paid, paid_after, ..
        } = *self.per_order.get(i)?;
        let consumed = half_up_quotient(
            paid.checked_mul(days.consumed)?,
            days.total.checked_mul(self.cent)?,
        )?
        .checked_mul(self.cent)?;
        let order_refund = paid.checked_sub(consumed)?.checked_sub(fee)?.max(0);
        let total = paid_after.checked_add(order_refund)?;
        Some(DayFigures {
            order: i,
            days,
            rate,
            consumed,
            fee,
            order_refund,
            refund_cents: half_up_quotient(total, self.cent)?,
        })
    }

    /// The handling-fee rate and fee of order `i` on `day` (table 3-5's rate for the band of
    /// `day`, or the request's rate), kept while the days stay in the band.
    fn fee(&mut self, i: usize, day: NaiveDate) -> Option<(Decimal, i64)> {
        if let Some(b) = self.band {
            if b.order == i && b.band.contains(day) {
                return Some((b.rate, b.fee));
            }
        }
        let o = self.orders.get(i)?;
        let band = handling_fee::band_of(o.start, day);
        let rate = match self.fee_override {
            Some(r) => r.0,
            None => handling_fee::band_rate(o.term, band.band, i).ok()?,
        };
        // `Money × rate` as the general rule computes it (its operator saturates; this gives up instead).
        let fee = units(Money(o.paid_cash.0.checked_mul(rate)?).cents(), self.scale)?;
        self.band = Some(FeeBand {
            order: i,
            band,
            rate,
            fee,
        });
        Some((rate, fee))
    }
}

/// An amount in units of `scale` decimals (`None` if negative or too large).
fn units(m: Money, scale: u32) -> Option<i64> {
    let mut d = m.0;
    d.rescale(scale);
    if d.scale() != scale || d.is_sign_negative() {
        return None;
    }
    i64::try_from(d.mantissa()).ok()
}

/// `n / d` rounded half up, for `n ≥ 0`, `d > 0`.
fn half_up_quotient(n: i64, d: i64) -> Option<i64> {
    if n < 0 || d <= 0 {
        return None;
    }
    let (q, r) = (n.checked_div(d)?, n.checked_rem(d)?);
    Some(if r.checked_mul(2)? >= d {
        q.checked_add(1)?
    } else {
        q
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_4_2_2_unsubscribe_example_1_in_integers() {
        // 110.00 × 14 / 32 = 48.125 → 48.13; fee 110.00 × 0.10 = 11.00; 110 − 48.13 − 11 = 50.87.
        let r: UnsubscribeRequest = crate::input::read_text(
            r#"{"scenario":"inUse","date":"2022-09-02","orders":[{"start":"2022-08-19","end":"2022-09-19","term":"1M","paidCash":"110.00"}]}"#,
        )
        .unwrap();
        let mut d = InUseDaily::new(&r).unwrap();
        let f = d.on(r.date).unwrap();
        assert_eq!(
            (f.consumed, f.fee, f.order_refund, f.refund_cents),
            (4813, 1100, 5087, 5087)
        );
        assert_eq!(
            (f.days.total, f.days.consumed, f.days.remaining),
            (32, 14, 18)
        );
    }

    #[test]
    fn half_up() {
        assert_eq!(half_up_quotient(15, 10), Some(2));
        assert_eq!(half_up_quotient(14, 10), Some(1));
        assert_eq!(half_up_quotient(0, 7), Some(0));
        assert_eq!(half_up_quotient(-1, 7), None);
        assert_eq!(half_up_quotient(1, 0), None);
    }
}
