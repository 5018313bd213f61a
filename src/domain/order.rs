//! Orders: a resource's prepaid orders as explicit segments (original purchase plus renewals).
//!
//! Each segment carries its start and end dates as the console shows them; explicit end dates
//! settle the documents' one-month ambiguity (rules.md A1).

use billcalc_derive::{FromJson, Ts};
use chrono::NaiveDate;

use crate::domain::calendar::{self, PeriodUnit};
use crate::domain::money::Money;
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};

/// Most orders one request may carry.
pub const MAX_ORDERS: usize = 1_000;

/// One prepaid order segment of a resource.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Order {
    /// First day of the segment.
    pub start: NaiveDate,
    /// Last day of the segment (expiry at 23:59:59 that day).
    pub end: NaiveDate,
    /// The term bought (`1M`, `8M`, `1Y`, `3Y`…).
    pub term: Term,
    /// Cash actually paid (实付金额): after the discount, without vouchers. Needed by refunds
    /// (unsubscribe, switch, downgrade); upgrades and disk expansion do not use it.
    pub paid_cash: Option<Money>,
    /// Voucher amount used to pay the order (never part of cash refunds).
    #[json(default)]
    pub voucher: Money,
    /// The last day that voucher is valid, if known: a voucher returned after it is void
    /// (003 §3.4.1).
    pub voucher_valid_to: Option<NaiveDate>,
}

/// Check a list of orders: 1..=`MAX_ORDERS` segments, each `end ≥ start` and spanning its term,
/// in date order and not overlapping. A refusal's path is within the list (`[1].end`): the rule
/// puts it under the request field (`orders[1].end`).
pub fn validate(orders: &[Order]) -> Result<()> {
    if orders.is_empty() {
        return Err(Error::new(
            ErrorCode::MissingField,
            "",
            "at least one order is needed",
        ));
    }
    if orders.len() > MAX_ORDERS {
        return Err(Error::new(
            ErrorCode::TooManyItems,
            "",
            format!("{} orders; at most {MAX_ORDERS} per request", orders.len()),
        ));
    }
    let mut previous_end: Option<NaiveDate> = None;
    for (i, o) in orders.iter().enumerate() {
        if o.end < o.start {
            return Err(Error::new(
                ErrorCode::InvalidPeriod,
                format!("[{i}].end"),
                format!("order ends {} before it starts {}", o.end, o.start),
            ));
        }
        check_span(o, previous_end).map_err(|message| {
            Error::new(ErrorCode::InvalidPeriod, format!("[{i}].end"), message)
        })?;
        if let Some(prev) = previous_end {
            if o.start <= prev {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    format!("[{i}].start"),
                    format!(
                        "order starts {} but the previous order runs until {prev}; list orders in date order without overlap",
                        o.start
                    ),
                ));
            }
        }
        previous_end = Some(o.end);
    }
    Ok(())
}

impl Order {
    /// The cash paid; 0 when not given (the rules that need it call [`require_cash`] first).
    pub fn cash(&self) -> Money {
        self.paid_cash.unwrap_or_default()
    }

    /// 003 §3.4.1: the voucher a refund on `day` gives back — void (0) once the voucher has
    /// expired.
    pub fn voucher_back(&self, day: NaiveDate) -> Money {
        match self.voucher_void_since(day) {
            Some(_) => Money::ZERO,
            None => self.voucher,
        }
    }

    /// The voucher's last valid day, when it has expired before `day` and so is not returned
    /// (003 §3.4.1: "若代金券已过期失效，则退回的金额失效").
    pub fn voucher_void_since(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.voucher_valid_to
            .filter(|last| *last < day && self.voucher.is_positive())
    }
}

/// Refuse orders without `paidCash` where the rule needs it (refunds), at `[i].paidCash`.
pub fn require_cash(orders: &[Order]) -> Result<()> {
    match orders.iter().position(|o| o.paid_cash.is_none()) {
        Some(i) => Err(Error::new(
            ErrorCode::MissingField,
            format!("[{i}].paidCash"),
            "a refund needs the cash paid on each order (paidCash: after the discount, without vouchers)",
        )),
        None => Ok(()),
    }
}

/// An order's dates span its term (003 §3.2.2.1): it ends on `start + term` (the month-end
/// clamp included: Jan 31 + 1 month = Feb 28) or on the day before, the two ways the console and
/// the documents write a segment (2022-08-19..2022-09-19 for one month in 003 §3.4.2.2;
/// 2018-11-01..2018-11-30 in 003 §3.2.7). A renewal that starts the day after the previous
/// order's end may also end on that end + term, as `quote` renews (003 §3.2.2.1: bought
/// 2023-08-31 for 1M, the order ends 2023-09-30 and its 1M renewal is 2023-10-01..2023-10-30).
/// A one-month range labelled `3Y` is refused: every rule reads the term (its price, its
/// handling-fee band), so a mislabelled order would be priced silently wrong.
fn check_span(o: &Order, previous_end: Option<NaiveDate>) -> std::result::Result<(), String> {
    let months = o.term.months();
    let expected = calendar::add_months(o.start, months);
    if expected.is_some_and(|e| o.end == e || e.pred_opt() == Some(o.end)) {
        return Ok(());
    }
    let renewal_end = previous_end
        .filter(|p| p.succ_opt() == Some(o.start))
        .and_then(|p| calendar::add_months(p, months));
    if renewal_end == Some(o.end) {
        return Ok(());
    }
    Err(match expected {
        Some(e) => format!(
            "a {} order starting {} ends on {e} or the day before, not {}",
            o.term, o.start, o.end
        ),
        None => format!(
            "a {} order starting {} would end after 9999-12-31",
            o.term, o.start
        ),
    })
}

/// 003 §3.2.7: "if any not-yet-expired order of the resource is yearly, use yearly prices; if all
/// are monthly, monthly prices". Not-yet-expired = ending on or after `day`.
pub fn price_unit(orders: &[Order], day: NaiveDate) -> PeriodUnit {
    if orders.iter().any(|o| o.end >= day && o.term.is_yearly()) {
        PeriodUnit::Years
    } else {
        PeriodUnit::Months
    }
}

/// The orders not yet expired on `day`, with their index in the request.
pub fn unexpired(orders: &[Order], day: NaiveDate) -> impl Iterator<Item = (usize, &Order)> {
    orders.iter().enumerate().filter(move |(_, o)| o.end >= day)
}

/// Refuse an operation `day` outside the orders' life: before the first start or after the last
/// end (the refusal has no path: the rule names its day field).
pub fn check_day_in_term(orders: &[Order], day: NaiveDate) -> Result<()> {
    let (Some(first), Some(last)) = (orders.first(), orders.last()) else {
        return Err(Error::new(ErrorCode::InvalidPeriod, "", "no orders"));
    };
    if day < first.start || day > last.end {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "",
            format!(
                "{day} is outside the orders' term {}..{}",
                first.start, last.end
            ),
        ));
    }
    Ok(())
}

/// Sum of the cash paid on `orders`.
pub fn total_cash<'a>(orders: impl Iterator<Item = &'a Order>) -> Money {
    orders.map(|o| o.cash()).sum()
}
