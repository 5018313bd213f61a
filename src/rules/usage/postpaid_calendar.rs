//! The postpaid calendar and repayment (003 §1.2, §1.4, §2, §5.2.1, §5.2.3, §5.2.4; docs/rules.md):
//! when each month's bill is issued and due, when it is overdue, which bill a monthly-settlement
//! order lands on, what a top-up pays first, the available balance, and how much a repayment may
//! be.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar;
use crate::domain::messages::{maybe, Msg};
use crate::domain::money::Money;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::checkout::payment::CARD_TRANSACTION_LIMIT_USD;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// 003 §1.4, §5.2.3: the bill for a month is issued on this day of the next month.
pub const BILL_DAY: u32 = 3;

/// An issued bill (已出账账单).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct IssuedBill {
    /// The billing period, a natural month `YYYY-MM` (账期).
    pub month: String,
    /// 本期应还金额: the bill's amount.
    pub amount: Money,
    /// What is already repaid (default 0): `amount − repaid` is 本期剩余应还金额.
    #[json(default)]
    pub repaid: Money,
}

/// An order put on the month's bill (月度账单结算, 003 §1.2, §7.1).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct SettledOrder {
    /// The order day.
    pub date: NaiveDate,
    /// What it puts on the bill.
    pub amount: Money,
}

/// A repayment asked for (003 §5.2.3).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct RepaymentAsk {
    /// The issued bill repaid (`YYYY-MM`); absent: an early repayment of the unbilled estimate
    /// (待出账账单还款).
    pub month: Option<String>,
    /// The amount (default: the bill's remaining amount due, or the whole estimate).
    pub amount: Option<Money>,
}

/// Request of `postpaidCalendar`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PostpaidCalendarRequest {
    /// Today: which bills are issued, due or overdue.
    pub date: NaiveDate,
    /// The issued bills, with what is repaid of each.
    #[json(default)]
    pub bills: Vec<IssuedBill>,
    /// 预估未出账金额: the estimate of the month not yet billed.
    pub estimate: Option<Money>,
    /// Orders paid by monthly settlement: which bill they land on and when they are charged.
    #[json(default)]
    pub orders: Vec<SettledOrder>,
    /// A top-up (充值): it pays unpaid bills first, then arrears, the rest is cash balance
    /// (003 §2, §5.2.1, §5.2.4).
    pub top_up: Option<Money>,
    /// A repayment of one bill, or an early repayment of the estimate (after the top-up).
    pub repayment: Option<RepaymentAsk>,
    /// Cash balance (default 0).
    #[json(default)]
    pub cash_balance: Money,
    /// Arrears (欠费金额) of a prepaid customer whose deduction failed (default 0).
    #[json(default)]
    pub arrears: Money,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Where a bill stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum BillStatus {
    /// 已结清: nothing left to repay.
    Settled,
    /// 未结清（未逾期）: unpaid, the due day not yet over.
    Due,
    /// 未结清（已逾期）: unpaid after 24:00 on the due day.
    Overdue,
}

/// One bill on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct BillDay {
    /// The billing period `YYYY-MM`.
    pub month: String,
    /// Its first day.
    pub period_start: NaiveDate,
    /// Its last day.
    pub period_end: NaiveDate,
    /// 出账日: the 3rd of the next month.
    pub issued_on: NaiveDate,
    /// 到期还款日: the issue day (no repayment period by default, 003 §1.4).
    pub due_on: NaiveDate,
    /// Overdue from this instant if not fully repaid (24:00 on the due day).
    pub overdue_from: String,
    /// 本期应还金额.
    pub amount: Money,
    /// 本期剩余应还金额 today, before the top-up and the repayment.
    pub remaining: Money,
    /// What the top-up pays of it.
    pub paid_by_top_up: Money,
    /// What the repayment pays of it.
    pub paid_by_repayment: Money,
    /// Left to repay after both.
    pub remaining_after: Money,
    /// Today, before the top-up and the repayment.
    pub status: BillStatus,
}

/// The month not yet billed.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct UnbilledMonth {
    /// The billing period `YYYY-MM` (the month of `date`, or the last month before its bill).
    pub month: String,
    /// The day its bill is issued and due.
    pub issued_on: NaiveDate,
    /// 预估未出账金额, when given.
    pub estimate: Option<Money>,
    /// What an early repayment pays of it.
    pub repaid_early: Money,
}

/// An order on a month's bill.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct OrderOnBill {
    /// The order day.
    pub date: NaiveDate,
    /// Its amount.
    pub amount: Money,
    /// The bill it lands on (`YYYY-MM`).
    pub bill_month: String,
    /// When the bound card is charged: after the bill is issued on the 3rd (003 §1.2).
    pub charged_on: NaiveDate,
    /// Whether the bill is issued by `date`.
    pub billed: bool,
}

/// What a top-up pays.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TopUpSplit {
    /// The amount topped up.
    pub amount: Money,
    /// Paid to unpaid bills, oldest first.
    pub to_bills: Money,
    /// Paid to arrears.
    pub to_arrears: Money,
    /// Left as cash balance.
    pub to_balance: Money,
}

/// Result of `postpaidCalendar`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PostpaidCalendarResponse {
    /// The issued bills, oldest first.
    pub bills: Vec<BillDay>,
    /// 已出账剩余应还金额 today: the issued bills' remaining amounts.
    pub billed_remaining: Money,
    /// Overdue of it today.
    pub overdue: Money,
    /// The month not yet billed.
    pub unbilled: UnbilledMonth,
    /// Monthly-settlement orders and their bills.
    pub orders: Vec<OrderOnBill>,
    /// The top-up's split, when one is given.
    pub top_up: Option<TopUpSplit>,
    /// The repayment made, when one is asked (its default filled in).
    pub repayment: Option<Money>,
    /// Left to repay on the issued bills after the top-up and the repayment.
    pub still_due: Money,
    /// Cash balance after the top-up.
    pub cash_balance: Money,
    /// Arrears after the top-up.
    pub arrears: Money,
    /// 可用额度 = cash balance − arrears (003 §2).
    pub available: Money,
    /// Lines: each bill's remaining amount, what the top-up and the repayment pay; they add up
    /// to `stillDue`.
    pub breakdown: Breakdown,
}

/// 003 §1.4, §5.2.3: the bill for `month` is issued on the 3rd of the next month and due then;
/// example: 2022/10 → due 2022/11/03; unpaid after 24:00 that day it is overdue.
///
/// 003 §2, §5.2.1: a top-up pays unpaid bills first; 003 §5.2.3: a repayment at most the remaining
/// amount due, an early repayment at most the estimate (refused above, as the page refuses it).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn postpaid_calendar(
    req: &PostpaidCalendarRequest,
    mut b: Breakdown,
) -> Result<PostpaidCalendarResponse> {
    let mut bills = issued_bills(req)?;
    let unbilled = unbilled_month(req.date)?;
    let billed_remaining: Money = bills.iter().map(|x| x.remaining).sum();
    let overdue: Money = bills
        .iter()
        .filter(|x| x.status == BillStatus::Overdue)
        .map(|x| x.remaining)
        .sum();
    let orders = req
        .orders
        .iter()
        .map(|o| order_on_bill(o, req.date))
        .collect::<Result<Vec<_>>>()?;
    // The figures: the top-up first (003 §2), then the repayment.
    let top_up = req.top_up.map(|t| top_up_split(t, req.arrears, &mut bills));
    let mut unbilled = UnbilledMonth {
        estimate: req.estimate,
        ..unbilled
    };
    let repayment = match &req.repayment {
        Some(ask) => Some(repay(ask, &mut bills, &mut unbilled)?),
        None => None,
    };
    let still_due: Money = bills.iter().map(|x| x.remaining_after).sum();
    let (to_balance, to_arrears) = top_up
        .as_ref()
        .map_or((Money::ZERO, Money::ZERO), |t| (t.to_balance, t.to_arrears));
    let cash_balance = req.cash_balance + to_balance;
    let arrears = req.arrears - to_arrears;
    explain(req, &bills, &unbilled, &orders, top_up.as_ref(), &mut b);
    b.fact_msg(|| {
        let value = cash_balance - arrears;
        crate::msg!(
            "postpaid.available",
            cash = cash_balance,
            arrears = arrears,
            value = value
        )
    });
    Ok(PostpaidCalendarResponse {
        bills,
        billed_remaining,
        overdue,
        unbilled,
        orders,
        top_up,
        repayment,
        still_due,
        cash_balance,
        arrears,
        available: cash_balance - arrears,
        breakdown: b,
    })
}

/// `YYYY-MM` → the month's first day.
fn parse_month(s: &str, path: &str) -> Result<NaiveDate> {
    let bad = || {
        Error::new(
            ErrorCode::InvalidDate,
            path,
            format!(
                "\"{}\" is not a month YYYY-MM",
                crate::domain::money::clip(s)
            ),
        )
    };
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    NaiveDate::from_ymd_opt(y, m, 1)
        .filter(|d| calendar::in_range(*d))
        .ok_or_else(bad)
}

/// 003 §1.4: the bill of the month starting `first` is issued (and due) on the 3rd of the next.
fn bill_day(first: NaiveDate) -> Result<NaiveDate> {
    calendar::add_months(first, 1)
        .and_then(|n| n.with_day(BILL_DAY))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::DateOutOfRange,
                "",
                "the bill day is out of range",
            )
        })
}

/// The issued bills, checked (issued by `date`, once each, repaid at most their amount) and
/// placed on the calendar, oldest first.
fn issued_bills(req: &PostpaidCalendarRequest) -> Result<Vec<BillDay>> {
    let mut bills: Vec<BillDay> = Vec::with_capacity(req.bills.len());
    for (i, bill) in req.bills.iter().enumerate() {
        let first = parse_month(&bill.month, &format!("bills[{i}].month"))?;
        let issued_on = bill_day(first)?;
        if issued_on > req.date {
            return Err(Error::new(
                ErrorCode::InvalidPeriod,
                format!("bills[{i}].month"),
                format!(
                    "the {} bill is issued only on {issued_on} (003 §1.4): before, its amount is \
                     the estimate",
                    bill.month
                ),
            ));
        }
        if bills.iter().any(|x| x.period_start == first) {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("bills[{i}].month"),
                format!("the {} bill is given twice", bill.month),
            ));
        }
        if bill.repaid > bill.amount {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("bills[{i}].repaid"),
                format!("{} repaid of a bill of {}", bill.repaid, bill.amount),
            ));
        }
        let remaining = bill.amount - bill.repaid;
        // 003 §1.4 逾期: not fully repaid by 24:00 on the due day.
        let status = if !remaining.is_positive() {
            BillStatus::Settled
        } else if req.date > issued_on {
            BillStatus::Overdue
        } else {
            BillStatus::Due
        };
        bills.push(BillDay {
            month: calendar::month_text(first),
            period_start: first,
            period_end: calendar::last_day_of_month(first),
            issued_on,
            due_on: issued_on,
            overdue_from: format!("{}T00:00:00+08:00", issued_on + Days::new(1)),
            amount: bill.amount,
            remaining,
            paid_by_top_up: Money::ZERO,
            paid_by_repayment: Money::ZERO,
            remaining_after: remaining,
            status,
        });
    }
    crate::domain::sorting::sort_by_key(&mut bills, |x| x.period_start);
    Ok(bills)
}

/// The month not yet billed on `date`: before the 3rd, last month's bill is still to come.
fn unbilled_month(date: NaiveDate) -> Result<UnbilledMonth> {
    let first = date.with_day(1).unwrap_or(date);
    let issued = bill_day(first)?;
    // Before the 3rd, last month's bill is still to come.
    let prev = first.pred_opt().and_then(|d| d.with_day(1));
    let (first, issued) = match prev {
        Some(prev) if date < bill_day(prev)? => (prev, bill_day(prev)?),
        _ => (first, issued),
    };
    Ok(UnbilledMonth {
        month: calendar::month_text(first),
        issued_on: issued,
        estimate: None,
        repaid_early: Money::ZERO,
    })
}

/// 003 §1.2, §7.1: an order on monthly settlement accumulates on its month's bill, issued on the
/// 3rd of the next month, and is charged to the bound card then.
fn order_on_bill(o: &SettledOrder, date: NaiveDate) -> Result<OrderOnBill> {
    let first = o.date.with_day(1).unwrap_or(o.date);
    let charged_on = bill_day(first)?;
    Ok(OrderOnBill {
        date: o.date,
        amount: o.amount,
        bill_month: calendar::month_text(first),
        charged_on,
        billed: date >= charged_on,
    })
}

/// 003 §2, §5.2.1, §5.2.4: a top-up pays the unpaid bills first (oldest first, A31), then the
/// arrears; the rest is cash balance.
fn top_up_split(amount: Money, arrears: Money, bills: &mut [BillDay]) -> TopUpSplit {
    let mut left = amount;
    let mut to_bills = Money::ZERO;
    for bill in bills.iter_mut() {
        let part = left.min(bill.remaining_after);
        bill.paid_by_top_up = part;
        bill.remaining_after -= part;
        to_bills += part;
        left -= part;
    }
    let to_arrears = left.min(arrears);
    TopUpSplit {
        amount,
        to_bills,
        to_arrears,
        to_balance: left - to_arrears,
    }
}

/// 003 §5.2.3: a repayment of an issued bill (default its remaining amount, never above it) or an
/// early repayment of the estimate (default the estimate, never above it); one transaction at most
/// 20,000 USD (003 §5.1.2).
fn repay(ask: &RepaymentAsk, bills: &mut [BillDay], unbilled: &mut UnbilledMonth) -> Result<Money> {
    let mut which = None;
    let (cap, what) = match &ask.month {
        Some(m) => {
            let first = parse_month(m, "repayment.month")?;
            let i = bills
                .iter()
                .position(|x| x.period_start == first)
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidInput,
                        "repayment.month",
                        format!("no issued bill for {m} in `bills`"),
                    )
                })?;
            which = Some(i);
            (
                bills.get(i).map_or(Money::ZERO, |x| x.remaining_after),
                "the bill's remaining amount due (本期剩余应还金额)",
            )
        }
        None => {
            let estimate = unbilled.estimate.ok_or_else(|| {
                Error::new(
                    ErrorCode::MissingField,
                    "estimate",
                    "an early repayment (no `repayment.month`) needs the unbilled estimate",
                )
            })?;
            (estimate, "the unbilled estimate (预估未出账金额)")
        }
    };
    let amount = ask.amount.unwrap_or(cap);
    if !amount.is_positive() {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "repayment.amount",
            format!("nothing to repay: {amount}"),
        ));
    }
    if amount > cap {
        return Err(Error::new(
            ErrorCode::RepaymentTooHigh,
            "repayment.amount",
            format!("{amount} is above {what}, {cap}: a repayment may not exceed it (003 §5.2.3)"),
        ));
    }
    if amount.0 > CARD_TRANSACTION_LIMIT_USD {
        return Err(Error::new(
            ErrorCode::PaymentLimitExceeded,
            "repayment.amount",
            format!(
                "{amount} is above the {CARD_TRANSACTION_LIMIT_USD} USD limit of one transaction \
                 (003 §5.1.2): repay in several"
            ),
        ));
    }
    match which.and_then(|i| bills.get_mut(i)) {
        Some(bill) => {
            bill.paid_by_repayment = amount;
            bill.remaining_after -= amount;
        }
        None => unbilled.repaid_early = amount,
    }
    Ok(amount)
}

/// The explanation: each bill's remaining amount as a line, then what the top-up and the
/// repayment pay of them (the lines add up to what is still due); the calendar as facts.
fn explain(
    req: &PostpaidCalendarRequest,
    bills: &[BillDay],
    unbilled: &UnbilledMonth,
    orders: &[OrderOnBill],
    top_up: Option<&TopUpSplit>,
    b: &mut Breakdown,
) {
    for x in bills {
        b.line_msg(x.remaining, || {
            let status = Msg::new(match x.status {
                BillStatus::Settled => "postpaid.settled",
                BillStatus::Due => "postpaid.due",
                BillStatus::Overdue => "postpaid.overdue",
            });
            let (month, due, amount, repaid) =
                (&x.month, x.due_on, x.amount, x.amount - x.remaining);
            crate::msg!(
                "postpaid.bill",
                month = month,
                due = due,
                status = status,
                amount = amount,
                repaid = repaid,
                remaining = x.remaining
            )
        });
    }
    if let Some(t) = top_up {
        b.line_msg(-t.to_bills, || {
            crate::msg!(
                "postpaid.topUpToBills",
                bills = t.to_bills,
                amount = t.amount
            )
        });
        b.note_msg(|| {
            crate::msg!(
                "postpaid.topUpSplit",
                amount = t.amount,
                bills = t.to_bills,
                arrears = t.to_arrears,
                balance = t.to_balance
            )
        });
    }
    if let Some(x) = bills.iter().find(|x| x.paid_by_repayment.is_positive()) {
        let repaid = x.paid_by_repayment;
        b.line_msg(-repaid, || {
            let (month, due) = (&x.month, x.remaining_after + repaid);
            crate::msg!(
                "postpaid.repayment",
                month = month,
                repaid = repaid,
                due = due
            )
        });
    }
    explain_calendar(req, bills, unbilled, orders, b);
}

/// The calendar as facts: the month not yet billed, the monthly-settlement orders' bills, and the
/// rules of the calendar as a note.
fn explain_calendar(
    req: &PostpaidCalendarRequest,
    bills: &[BillDay],
    unbilled: &UnbilledMonth,
    orders: &[OrderOnBill],
    b: &mut Breakdown,
) {
    b.fact_msg(|| {
        let estimate = maybe(unbilled.estimate.map(|e| {
            crate::msg!(
                "postpaid.estimate",
                estimate = e,
                early = unbilled.repaid_early
            )
        }));
        let (month, day) = (&unbilled.month, unbilled.issued_on);
        crate::msg!(
            "postpaid.unbilled",
            month = month,
            estimate = estimate,
            value = day
        )
    });
    for o in orders {
        b.fact_msg(|| {
            let (date, amount, month) = (o.date, o.amount, &o.bill_month);
            crate::msg!(
                "postpaid.order",
                date = date,
                amount = amount,
                month = month,
                value = o.charged_on
            )
        });
    }
    if !bills.is_empty() || req.repayment.is_some() {
        b.note_msg(|| Msg::new("postpaid.calendarRules"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use rust_decimal_macros::dec;

    fn run(text: &str) -> Result<PostpaidCalendarResponse> {
        let req: PostpaidCalendarRequest = crate::io::read::read_text(text)?;
        explained(postpaid_calendar, &req)
    }

    const S5_2_3: &str = r#"{"date": "2022-11-20", "estimate": "2.43", "bills": [
        {"month": "2022-10", "amount": "2.87"},
        {"month": "2022-09", "amount": "1.45", "repaid": "0.92"},
        {"month": "2022-08", "amount": "0.09"}]"#;

    #[test]
    fn s5_2_3_repayment_page_example() {
        let r = run(&format!("{S5_2_3}}}")).unwrap();
        assert_eq!(r.billed_remaining.0, dec!(3.49));
        let due: Vec<String> = r.bills.iter().map(|x| x.due_on.to_string()).collect();
        assert_eq!(due, ["2022-09-03", "2022-10-03", "2022-11-03"]);
        assert!(r.bills.iter().all(|x| x.status == BillStatus::Overdue));
        assert_eq!(r.bills[1].remaining.0, dec!(0.53));
        assert_eq!(r.unbilled.month, "2022-11");
        assert_eq!(r.unbilled.issued_on.to_string(), "2022-12-03");
        let lines: Money = r.breakdown.lines.iter().map(|l| l.amount).sum();
        assert_eq!(lines, r.still_due);
    }

    #[test]
    fn s5_2_3_repayment_never_above_the_remaining_due() {
        let req = format!(r#"{S5_2_3}, "repayment": {{"month": "2022-09", "amount": "0.54"}}}}"#);
        let e = run(&req).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::RepaymentTooHigh, "repayment.amount")
        );
        let req = format!(r#"{S5_2_3}, "repayment": {{"month": "2022-09"}}}}"#);
        let r = run(&req).unwrap();
        assert_eq!(r.repayment.unwrap().0, dec!(0.53));
        assert_eq!(r.still_due.0, dec!(2.96));
        let req = format!(r#"{S5_2_3}, "repayment": {{"amount": "2.44"}}}}"#);
        assert_eq!(run(&req).unwrap_err().code, ErrorCode::RepaymentTooHigh);
    }

    #[test]
    fn s1_4_overdue_after_24_00_on_the_due_day() {
        let on_due = r#"{"date": "2022-11-03", "bills": [{"month": "2022-10", "amount": "2.87"}]}"#;
        assert_eq!(run(on_due).unwrap().bills[0].status, BillStatus::Due);
        let after = on_due.replace("11-03", "11-04");
        assert_eq!(run(&after).unwrap().bills[0].status, BillStatus::Overdue);
        let before = on_due.replace("11-03", "11-02");
        assert_eq!(run(&before).unwrap_err().path, "bills[0].month");
    }

    #[test]
    fn s2_top_up_pays_bills_first() {
        let r = run(&format!(r#"{S5_2_3}, "topUp": "5", "cashBalance": "1"}}"#)).unwrap();
        let t = r.top_up.unwrap();
        assert_eq!((t.to_bills.0, t.to_balance.0), (dec!(3.49), dec!(1.51)));
        assert_eq!((r.still_due.0, r.available.0), (dec!(0.00), dec!(2.51)));
    }
}
