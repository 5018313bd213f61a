//! A merged payment with third-party parts (003 §3.1.1, §5.1.2; docs/rules.md).

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::money::Money;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// 003 §3.1.1: most orders one merged payment may hold.
pub const MAX_MERGED_ORDERS: usize = 30;

/// One order of a merged payment.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PayOrder {
    /// The order number, for the breakdown.
    pub id: Option<String>,
    /// 订单金额.
    pub amount: Money,
    /// 应付金额(第三方): the marketplace seller's part, not collected by the cloud.
    #[json(default)]
    pub third_party: Money,
}

/// How the merged payment is paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PayMethod {
    /// Account balance.
    #[default]
    Balance,
    /// A card: one transaction at most 20,000 USD (11,000,000 CLP, at least 1), 003 §5.1.2.
    Card,
}

/// Request of `mergedPayment`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct MergedPaymentRequest {
    /// The orders paid together (at most 30).
    pub orders: Vec<PayOrder>,
    /// `balance` (default) or `card`.
    #[json(default)]
    pub method: PayMethod,
    /// The payment currency, for the card limit (default `USD`).
    pub currency: Option<String>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `mergedPayment`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct MergedPaymentResponse {
    /// The orders' amounts in all.
    pub total: Money,
    /// The third-party parts in all (settled with the seller).
    pub third_party: Money,
    /// 应付金额(华为云) = total − third party: what this payment collects.
    pub due: Money,
    /// Lines (one per order) add up to `due`.
    pub breakdown: Breakdown,
}

/// 003 §3.1.1: the cloud collects `order amount − third-party amount`; example 2,014.62 − 2.00 =
/// 2,012.62 USD. At most 30 orders; a card transaction within 003 §5.1.2's limits.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn merged_payment(
    req: &MergedPaymentRequest,
    mut b: Breakdown,
) -> Result<MergedPaymentResponse> {
    if req.orders.len() > MAX_MERGED_ORDERS {
        return Err(Error::new(
            ErrorCode::PaymentLimitExceeded,
            "orders",
            format!(
                "{} orders; one merged payment holds at most {MAX_MERGED_ORDERS} (003 §3.1.1)",
                req.orders.len()
            ),
        ));
    }
    let mut total = Money::ZERO;
    let mut third = Money::ZERO;
    for (i, o) in req.orders.iter().enumerate() {
        if o.third_party > o.amount {
            return Err(Error::new(
                ErrorCode::InvalidNumber,
                format!("orders[{i}].thirdParty"),
                format!(
                    "the third-party part {} is above the order amount {}",
                    o.third_party, o.amount
                ),
            ));
        }
        total += o.amount;
        third += o.third_party;
        b.line_msg(o.amount - o.third_party, || {
            let name = match &o.id {
                Some(id) => crate::msg!("merged.named", name = id),
                None => crate::msg!("merged.orderN", n = i + 1),
            };
            crate::msg!(
                "merged.order",
                name = name,
                amount = o.amount,
                third = o.third_party
            )
        });
    }
    let due = total - third;
    let currency = req
        .currency
        .as_deref()
        .unwrap_or("USD")
        .trim()
        .to_ascii_uppercase();
    if req.method == PayMethod::Card {
        let (min, max) = match currency.as_str() {
            "USD" => (Decimal::ZERO, Decimal::from(20_000)),
            "CLP" => (Decimal::ONE, Decimal::from(11_000_000)),
            _ => (Decimal::ZERO, Decimal::MAX),
        };
        if due.0 > max || due.0 < min {
            return Err(Error::new(
                ErrorCode::PaymentLimitExceeded,
                "orders",
                format!(
                    "{due} {currency} is outside one card transaction's limits {min}..{max} \
                     (003 §5.1.2)"
                ),
            ));
        }
    }
    b.fact_msg(|| crate::msg!("merged.due", total = total, third = third, value = due));
    if third.is_positive() {
        b.note_msg(|| crate::msg!("merged.thirdParty"));
    }
    Ok(MergedPaymentResponse {
        total,
        third_party: third,
        due,
        breakdown: b,
    })
}
