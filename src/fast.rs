//! The positional fast path of the wasm package (issue 5): the hot operation's request arrives as
//! its fields in a fixed order, separated by U+001F, and its figures leave as numbers (each amount
//! as its integer mantissa and scale) in a buffer the package reads directly — no JSON, no serde
//! and no string decoding on either side. The fields are read with the very functions the JSON
//! reader uses (`parse_date`, `parse_money`, `Term::from_str`) and the same operation runs,
//! silently; any failure is answered `Err` and the package re-runs the request through the JSON
//! path, which gives the authoritative coded error. So both paths agree by construction, and
//! `tests/js/package.test.mjs` checks it on every unsubscribe vector.

#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use crate::breakdown::Breakdown;
use crate::calendar::parse_date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{display_parts, display_parts_of, parse_money, Money, Ratio, RoundingPolicy};
use crate::ops::unsubscribe::{
    unsubscribe_refund_with, ResourceKind, Scenario, UnsubscribeRequest, UnsubscribeResponse,
};
use crate::ops::unsubscribe_daily::InUseDaily;
use crate::order::Order;
use chrono::Datelike;

/// Field separator (ASCII unit separator).
pub const SEP: char = '\u{1f}';

/// Slots of the numeric answer before the per-order figures.
pub const HEAD_SLOTS: usize = 17;
/// Slots of each order's figures.
pub const ORDER_SLOTS: usize = 12;

/// Largest integer a JS number holds exactly (2^53 − 1).
const EXACT_IN_F64: u64 = (1 << 53) - 1;

fn refuse() -> Error {
    Error::new(ErrorCode::InvalidInput, "", "not a positional request")
}

/// The numeric answer being written: fails (and the package falls back to JSON) when the buffer
/// is full or a figure has no exact JS number.
struct Slots<'a> {
    out: &'a mut [f64],
    at: usize,
}

impl Slots<'_> {
    fn put(&mut self, v: f64) -> Option<()> {
        *self.out.get_mut(self.at)? = v;
        self.at = self.at.checked_add(1)?;
        Some(())
    }

    fn int(&mut self, n: i64) -> Option<()> {
        if n.unsigned_abs() > EXACT_IN_F64 {
            return None;
        }
        // Exact: |n| < 2^53.
        self.put(n as f64)
    }

    /// A decimal as (mantissa, scale): `48.13` → (4813, 2).
    fn parts(&mut self, (mantissa, scale): (i128, u32)) -> Option<()> {
        self.int(i64::try_from(mantissa).ok()?)?;
        self.int(i64::from(scale))
    }

    /// An amount as serialized (at least two decimals, see [`display_parts`]).
    fn money(&mut self, m: Money) -> Option<()> {
        self.parts(display_parts(m.0))
    }

    /// An amount of `u` units of `scale` decimals.
    fn units(&mut self, u: i64, scale: u32) -> Option<()> {
        self.parts(display_parts_of(u, scale))
    }
}

/// Status of an order in the numeric answer (index into this list).
pub const STATUSES: [&str; 5] = ["expired", "notStarted", "inUse", "full", "kept"];

/// `unsubscribeRefund` from
/// `scenario␟date␟resourceKind␟handlingFeeRate␟policy␟(start␟end␟term␟paidCash␟voucher)*`
/// (optional fields empty when absent) into `out`, as numbers:
/// `refund, voucherReturned, paidCash, consumed, handlingFee, handlingFeeRate` (each mantissa,
/// scale), `daysTotal, daysConsumed, daysRemaining` (NaN when absent), `requiresApproval` (1/0),
/// `billMonth` (YYYYMM), then per order `index, status` ([`STATUSES`]) and
/// `paidCash, consumed, handlingFee, refund, voucherReturned` (each mantissa, scale).
/// Returns the number of slots written.
pub fn unsubscribe_figures(encoded: &str, out: &mut [f64]) -> Result<usize> {
    unsubscribe_figures_reusing(encoded, out, &mut Vec::new())
}

/// [`unsubscribe_figures`] reading the orders into `orders` (emptied first), whose allocation the
/// caller keeps for the next call.
pub fn unsubscribe_figures_reusing(
    encoded: &str,
    out: &mut [f64],
    orders: &mut Vec<Order>,
) -> Result<usize> {
    let mut reused = std::mem::take(orders);
    reused.clear();
    let req = read_unsubscribe(encoded, reused)?;
    let figures = match integer_figures(&req, out) {
        Some(n) => Ok(n),
        None => general_figures(&req, out),
    };
    *orders = req.orders;
    figures
}

/// [`unsubscribe_figures`] by the general rule alone (what the integer evaluation is checked
/// against, in `tests/properties.rs`).
pub fn unsubscribe_figures_general(encoded: &str, out: &mut [f64]) -> Result<usize> {
    general_figures(&read_unsubscribe(encoded, Vec::new())?, out)
}

/// The figures from the integer evaluation of the in-use refund
/// ([`crate::ops::unsubscribe_daily`]), laid out as the general rule's response would be:
/// orders before the running one expired (all consumed), the running one, the renewals after it
/// refunded in full with their vouchers. `None` when it does not cover the request.
fn integer_figures(req: &UnsubscribeRequest, out: &mut [f64]) -> Option<usize> {
    let mut daily = InUseDaily::new(req)?;
    let f = daily.on(req.date)?;
    let (scale, voucher_scale) = (daily.scale(), daily.voucher_scale());
    let mut w = Slots { out, at: 0 };
    w.units(f.refund_cents, 2)?;
    w.units(daily.vouchers_after(f.order)?, voucher_scale)?;
    w.units(daily.paid_from(f.order)?, scale)?;
    w.units(f.consumed, scale)?;
    w.units(f.fee, scale)?;
    let rate = f.rate.normalize();
    w.parts((rate.mantissa(), rate.scale()))?;
    w.int(f.days.total)?;
    w.int(f.days.consumed)?;
    w.int(f.days.remaining)?;
    // 003 §3.4.2.1: above 1000 (100,000 cents) the refund needs approval.
    w.put(if f.refund_cents > 100_000 { 1.0 } else { 0.0 })?;
    w.int(
        i64::from(req.date.year())
            .checked_mul(100)?
            .checked_add(i64::from(req.date.month()))?,
    )?;
    for (i, o) in req.orders.iter().enumerate() {
        w.int(i64::try_from(i).ok()?)?;
        let zero = Money::ZERO;
        let (status, consumed, fee, refund, voucher) = match i.cmp(&f.order) {
            std::cmp::Ordering::Less => (0, Some(o.paid_cash), zero, zero, zero),
            std::cmp::Ordering::Equal => (2, None, zero, zero, zero),
            std::cmp::Ordering::Greater => (1, Some(zero), zero, o.paid_cash, o.voucher),
        };
        w.int(status)?;
        w.money(o.paid_cash)?;
        match consumed {
            Some(c) => {
                w.money(c)?;
                w.money(fee)?;
                w.money(refund)?;
            }
            None => {
                w.units(f.consumed, scale)?;
                w.units(f.fee, scale)?;
                w.units(f.order_refund, scale)?;
            }
        }
        w.money(voucher)?;
    }
    Some(w.at)
}

/// The figures from the general rule's response.
fn general_figures(req: &UnsubscribeRequest, out: &mut [f64]) -> Result<usize> {
    let r = unsubscribe_refund_with(req, Breakdown::silent(req.policy))?;
    write_response(&r, out).ok_or_else(refuse)
}

/// The general rule's response in the numeric layout (`None` when it does not fit).
fn write_response(r: &UnsubscribeResponse, out: &mut [f64]) -> Option<usize> {
    let mut w = Slots { out, at: 0 };
    w.money(r.refund)?;
    w.money(r.voucher_returned)?;
    w.money(r.paid_cash)?;
    w.money(r.consumed)?;
    w.money(r.handling_fee)?;
    let rate = r.handling_fee_rate.0.normalize();
    w.parts((rate.mantissa(), rate.scale()))?;
    match r.days {
        Some(d) => {
            w.int(d.total)?;
            w.int(d.consumed)?;
            w.int(d.remaining)?;
        }
        None => {
            for _ in 0..3 {
                w.put(f64::NAN)?;
            }
        }
    }
    w.put(if r.requires_approval { 1.0 } else { 0.0 })?;
    let month = r.bill_month.split_once('-').and_then(|(y, m)| {
        y.parse::<i64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(m.parse::<i64>().ok()?)
    })?;
    w.int(month)?;
    for o in &r.orders {
        w.int(i64::try_from(o.index).ok()?)?;
        let status = STATUSES.iter().position(|s| *s == o.status)?;
        w.int(i64::try_from(status).ok()?)?;
        w.money(o.paid_cash)?;
        w.money(o.consumed)?;
        w.money(o.handling_fee)?;
        w.money(o.refund)?;
        w.money(o.voucher_returned)?;
    }
    Some(w.at)
}

/// The breakdown of a positional `unsubscribeRefund`, as JSON (read by the package on demand).
pub fn unsubscribe_positional_breakdown(encoded: &str) -> Result<String> {
    let req = read_unsubscribe(encoded, Vec::new())?;
    let r = unsubscribe_refund_with(&req, Breakdown::new(req.policy))?;
    Ok(crate::output::to_text(&r.breakdown))
}

/// The fields of a positional request, split at [`SEP`] (a byte search: the separator is ASCII,
/// so every piece is a whole UTF-8 string).
struct Fields<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == 0x1f) {
            Some(i) => {
                self.rest = i.checked_add(1).and_then(|j| rest.get(j..));
                rest.get(..i)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

fn read_unsubscribe(encoded: &str, mut orders: Vec<Order>) -> Result<UnsubscribeRequest> {
    let mut f = Fields {
        rest: Some(encoded),
    };
    let mut next = || f.next().ok_or_else(refuse);
    let scenario = match next()? {
        "inUse" => Scenario::InUse,
        "notYetEffective" => Scenario::NotYetEffective,
        "renewalPeriod" => Scenario::RenewalPeriod,
        "creationFailed" => Scenario::CreationFailed,
        _ => return Err(refuse()),
    };
    let date = parse_date(next()?).map_err(|_| refuse())?;
    let resource_kind = match next()? {
        "" | "standard" => ResourceKind::Standard,
        "resourcePackage" => ResourceKind::ResourcePackage,
        "trial" => ResourceKind::Trial,
        "free" => ResourceKind::Free,
        "oneOff" => ResourceKind::OneOff,
        _ => return Err(refuse()),
    };
    let handling_fee_rate = match next()? {
        "" => None,
        t => Some(Ratio(parse_money(t).map_err(|_| refuse())?.0)),
    };
    let policy = match next()? {
        "" | "document" => RoundingPolicy::Document,
        "exact" => RoundingPolicy::Exact,
        _ => return Err(refuse()),
    };
    let money = |t: &str| parse_money(t).map_err(|_| refuse());
    while let Some(start) = f.next() {
        let mut field = || f.next().ok_or_else(refuse);
        let (end, term, paid, voucher) = (field()?, field()?, field()?, field()?);
        orders.push(Order {
            start: parse_date(start).map_err(|_| refuse())?,
            end: parse_date(end).map_err(|_| refuse())?,
            term: term.parse().map_err(|_| refuse())?,
            paid_cash: money(paid)?,
            voucher: if voucher.is_empty() {
                Money::ZERO
            } else {
                money(voucher)?
            },
        });
        if orders.len() > crate::order::MAX_ORDERS {
            return Err(refuse());
        }
    }
    Ok(UnsubscribeRequest {
        scenario,
        date,
        orders,
        resource_kind,
        service: None,
        handling_fee_rate,
        keep_until: None,
        approval_date: None,
        provider: None,
        policy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_4_2_2_unsubscribe_example_1_positional() {
        let s = "inUse\u{1f}2022-09-02\u{1f}\u{1f}\u{1f}\u{1f}2022-08-19\u{1f}2022-09-19\u{1f}1M\u{1f}110.00\u{1f}";
        let mut out = [0.0; 64];
        let n = unsubscribe_figures(s, &mut out).unwrap();
        assert_eq!(n, HEAD_SLOTS + ORDER_SLOTS);
        // 50.87, 0.00, 110.00, 48.13, 11.00, 0.1
        assert_eq!(
            out[..12],
            [5087.0, 2.0, 0.0, 2.0, 11000.0, 2.0, 4813.0, 2.0, 1100.0, 2.0, 1.0, 1.0]
        );
        assert_eq!(out[12..17], [32.0, 14.0, 18.0, 0.0, 202209.0]);
        // order 0, inUse, then its five amounts
        assert_eq!(out[17..21], [0.0, 2.0, 11000.0, 2.0]);
    }

    #[test]
    fn a_full_buffer_is_refused_not_truncated() {
        let s = "inUse\u{1f}2022-09-02\u{1f}\u{1f}\u{1f}\u{1f}2022-08-19\u{1f}2022-09-19\u{1f}1M\u{1f}110.00\u{1f}";
        let mut out = [0.0; HEAD_SLOTS + ORDER_SLOTS - 1];
        assert!(unsubscribe_figures(s, &mut out).is_err());
    }

    #[test]
    fn malformed_input_is_refused_not_guessed() {
        for s in [
            "",
            "inUse",
            "inUse\u{1f}2022-02-30\u{1f}\u{1f}\u{1f}\u{1f}",
            "x\u{1f}2022-09-02\u{1f}\u{1f}\u{1f}\u{1f}",
        ] {
            assert!(unsubscribe_figures(s, &mut [0.0; 64]).is_err(), "{s:?}");
        }
    }
}
