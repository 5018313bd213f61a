//! What a refund answers: the unsubscribe refund, its in-use part and the immediate switch to
//! pay-per-use share it (003 §3.4, §3.2.6.4).

use rust_decimal::Decimal;

use billcalc_derive::{FromJson, ToJson, Ts};

use crate::domain::breakdown::{Breakdown, Detail};
use crate::domain::calendar::{self, RefundDays};
use crate::domain::messages::Msg;
use crate::domain::money::{Money, Ratio};
use chrono::NaiveDate;

/// 003 §3.4.2.1: a refund above this needs the account manager's approval.
pub const LARGE_REFUND_THRESHOLD: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// 003 §3.4.2.1: whether `refund` is above [`LARGE_REFUND_THRESHOLD`] (an amount in cents is
/// compared as an integer: a curve asks every day).
pub fn needs_approval(refund: Money) -> bool {
    match (refund.0.scale(), i64::try_from(refund.0.mantissa())) {
        (2, Ok(cents)) => cents > 100_000,
        _ => refund.0 > LARGE_REFUND_THRESHOLD,
    }
}

/// What happens to one order.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct OrderRefund {
    /// Index of the order in the request.
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

/// Result of `unsubscribeRefund` (and of `switchToOnDemand`).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
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
    pub bill_month: calendar::BillMonth,
    /// Per-order outcome (an explanation's: the package gives it on first read, as `breakdown`).
    pub orders: Detail<Vec<OrderRefund>>,
    /// Where the cash refund goes and when it arrives (003 §3.4.6); null when nothing is refunded
    /// (an explanation's: the package gives it on first read, as `breakdown`).
    pub refund_to: Detail<Option<RefundTo>>,
    /// Line items and formulas (they add up to `refund`).
    pub breakdown: Breakdown,
}

/// How the refunded order was paid (003 §3.4.6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PaidWith {
    /// 华为云账户余额: the account balance (default).
    #[default]
    Balance,
    /// 第三方在线支付 or 已绑信用卡: online payment or a bound card.
    Card,
    /// 月度账单: month-end settlement.
    MonthlySettlement,
}

/// Where a refund goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum RefundDestination {
    /// Back to the account balance.
    Balance,
    /// Back to the card it was paid with.
    Card,
    /// Settled in the month-end bill.
    MonthlyBill,
}

/// Where the cash refund goes and when it arrives (003 §3.4.6).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct RefundTo {
    /// `balance`, `card` or `monthlyBill`.
    pub destination: RefundDestination,
    /// When: `about 1 working day`, `about 7 working days (the bank decides)`, or the bill month
    /// (`in the 2022-09 bill`).
    pub arrives: String,
}

/// 003 §3.4.6: where a cash refund of `refund` paid with `paid` goes and when it arrives (none
/// when nothing is refunded); `bill_day` is a day of the month the refund succeeds in, when
/// known. Only cash comes back this way; vouchers as each rule says. One note in `b` says it.
/// An answer's detail: made only when `b` explains.
///
/// | paid with | the refund goes | arrives |
/// |---|---|---|
/// | the account balance | back to the balance | about 1 working day |
/// | online payment or a bound card | back to the card | about 7 working days (the bank decides) |
/// | month-end settlement | settled at month end | in the bill of the month it succeeds |
pub fn refund_to(
    paid: PaidWith,
    refund: Money,
    bill_day: Option<NaiveDate>,
    b: &mut Breakdown,
) -> Detail<Option<RefundTo>> {
    b.detail(|b| destination(paid, refund, bill_day, b))
}

/// [`refund_to`], explained.
fn destination(
    paid: PaidWith,
    refund: Money,
    bill_day: Option<NaiveDate>,
    b: &mut Breakdown,
) -> Option<RefundTo> {
    if !refund.is_positive() {
        return None;
    }
    let bill_month = bill_day.map(calendar::BillMonth);
    let (destination, arrives, to, when) = match paid {
        PaidWith::Balance => (
            RefundDestination::Balance,
            "about 1 working day".to_string(),
            "refundTo.balance",
            Msg::new("refundTo.balanceWhen"),
        ),
        PaidWith::Card => (
            RefundDestination::Card,
            "about 7 working days (the bank decides)".to_string(),
            "refundTo.card",
            Msg::new("refundTo.cardWhen"),
        ),
        PaidWith::MonthlySettlement => match bill_month {
            Some(m) => (
                RefundDestination::MonthlyBill,
                format!("in the {m} bill"),
                "refundTo.bill",
                crate::msg!("refundTo.billWhen", month = m),
            ),
            None => (
                RefundDestination::MonthlyBill,
                "in the bill of the month it succeeds".to_string(),
                "refundTo.bill",
                Msg::new("refundTo.billLater"),
            ),
        },
    };
    b.note_msg(|| {
        crate::msg!(
            "refundTo.note",
            refund = refund,
            to = Msg::new(to),
            arrives = when
        )
    });
    Some(RefundTo {
        destination,
        arrives,
    })
}
