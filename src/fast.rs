//! The positional fast path of the wasm package (issue 5): the hot operation's request arrives as
//! its fields in a fixed order, separated by U+001F, and its figures leave the same way — no JSON
//! and no serde on either side. The fields are read with the very functions the JSON reader uses
//! (`parse_date`, `parse_money`, `Term::from_str`) and the same operation runs, silently; any
//! failure is answered `Err` and the package re-runs the request through the JSON path, which
//! gives the authoritative coded error. So both paths agree by construction, and
//! `tests/js/package.test.mjs` checks it on every unsubscribe vector.

use crate::breakdown::Breakdown;
use crate::calendar::parse_date;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{display_amount, parse_money, write_decimal, Money, Ratio, RoundingPolicy};
use crate::ops::unsubscribe::{
    unsubscribe_refund_with, ResourceKind, Scenario, UnsubscribeRequest,
};
use crate::order::Order;

/// Field separator (ASCII unit separator).
pub const SEP: char = '\u{1f}';

fn refuse() -> Error {
    Error::new(ErrorCode::InvalidInput, "", "not a positional request")
}

/// `unsubscribeRefund` from
/// `scenario␟date␟resourceKind␟handlingFeeRate␟policy␟(start␟end␟term␟paidCash␟voucher)*`
/// (optional fields empty when absent) to
/// `refund␟voucherReturned␟paidCash␟consumed␟handlingFee␟handlingFeeRate␟daysTotal␟daysConsumed␟
/// daysRemaining␟requiresApproval(1/0)␟billMonth␟(index␟status␟paidCash␟consumed␟handlingFee␟refund␟
/// voucherReturned)*` (the day counts empty when absent).
pub fn unsubscribe_positional(encoded: &str) -> Result<String> {
    let req = read_unsubscribe(encoded)?;
    let r = unsubscribe_refund_with(&req, Breakdown::silent(req.policy))?;
    let mut out = String::with_capacity(160);
    let money = |out: &mut String, m: Money| {
        out.push(SEP);
        let _ = write_decimal(out, display_amount(m.0));
    };
    let _ = write_decimal(&mut out, display_amount(r.refund.0));
    money(&mut out, r.voucher_returned);
    money(&mut out, r.paid_cash);
    money(&mut out, r.consumed);
    money(&mut out, r.handling_fee);
    out.push(SEP);
    let _ = write_decimal(&mut out, r.handling_fee_rate.0.normalize());
    let int = |out: &mut String, n: i64| {
        use std::fmt::Write;
        out.push(SEP);
        let _ = write!(out, "{n}");
    };
    match r.days {
        Some(d) => {
            int(&mut out, d.total);
            int(&mut out, d.consumed);
            int(&mut out, d.remaining);
        }
        None => out.push_str("\u{1f}\u{1f}\u{1f}"),
    }
    out.push(SEP);
    out.push(if r.requires_approval { '1' } else { '0' });
    out.push(SEP);
    out.push_str(&r.bill_month);
    for o in &r.orders {
        int(&mut out, i64::try_from(o.index).unwrap_or(i64::MAX));
        out.push(SEP);
        out.push_str(o.status);
        money(&mut out, o.paid_cash);
        money(&mut out, o.consumed);
        money(&mut out, o.handling_fee);
        money(&mut out, o.refund);
        money(&mut out, o.voucher_returned);
    }
    Ok(out)
}

/// The breakdown of a positional `unsubscribeRefund`, as JSON (read by the package on demand).
pub fn unsubscribe_positional_breakdown(encoded: &str) -> Result<String> {
    let req = read_unsubscribe(encoded)?;
    let r = unsubscribe_refund_with(&req, Breakdown::new(req.policy))?;
    serde_json::to_string(&r.breakdown)
        .map_err(|e| Error::new(ErrorCode::Internal, "", e.to_string()))
}

fn read_unsubscribe(encoded: &str) -> Result<UnsubscribeRequest> {
    let mut f = encoded.split(SEP);
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
    let mut orders = Vec::new();
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
        let out = unsubscribe_positional(s).unwrap();
        let f: Vec<&str> = out.split(SEP).collect();
        assert_eq!(
            &f[..6],
            ["50.87", "0.00", "110.00", "48.13", "11.00", "0.1"]
        );
        assert_eq!(&f[6..11], ["32", "14", "18", "0", "2022-09"]);
    }

    #[test]
    fn malformed_input_is_refused_not_guessed() {
        for s in [
            "",
            "inUse",
            "inUse\u{1f}2022-02-30\u{1f}\u{1f}\u{1f}\u{1f}",
            "x\u{1f}2022-09-02\u{1f}\u{1f}\u{1f}\u{1f}",
        ] {
            assert!(unsubscribe_positional(s).is_err(), "{s:?}");
        }
    }
}
