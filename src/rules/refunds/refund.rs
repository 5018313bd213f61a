//! What a refund answers: the unsubscribe refund, its in-use part and the immediate switch to
//! pay-per-use share it (003 §3.4, §3.2.6.4).

use rust_decimal::Decimal;

use billcalc_derive::{ToJson, Ts};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::RefundDays;
use crate::domain::money::{Money, Ratio};

/// 003 §3.4.2.1: a refund above this needs the account manager's approval.
pub const LARGE_REFUND_THRESHOLD: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

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
    pub bill_month: String,
    /// Per-order outcome.
    pub orders: Vec<OrderRefund>,
    /// Line items and formulas (they add up to `refund`).
    pub breakdown: Breakdown,
}
