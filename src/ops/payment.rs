//! Who pays an order (003 §3.2.3.1, §3.3.2, §13.1.2.1; RULES.md §5): one discount, then one
//! voucher, then the account balance (cash, then credit), then — for auto-renewals — the bound
//! card, or month-end settlement for customers who have it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::breakdown::Breakdown;
use crate::calendar;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Money, Ratio, RoundingPolicy};
use crate::ops::discount::{self, ChosenDiscount, DiscountCandidate, DiscountKind, DiscountOffers};
use crate::ops::voucher::{
    self, AppliedVoucher, RejectedVoucher, Voucher, VoucherOrder, VoucherRule,
};
use crate::provider::Provider;

/// 003 §5.1.2: most a card may be charged in one USD transaction.
pub const CARD_TRANSACTION_LIMIT_USD: Decimal = Decimal::from_parts(20_000, 0, 0, false, 0);

/// Which payment flow (they differ in the voucher rule and the last payer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum PaymentFlow {
    /// 003 §3.2.3.1: auto-renewal — discount, voucher, balance (cash, credit), bound card.
    #[default]
    AutoRenewal,
    /// 003 §3.3.2: auto-payment of an order (purchase, manual renewal, upgrade …) — discount,
    /// voucher, balance or month-end settlement; what is not covered stays "pending payment".
    OrderPayment,
    /// 003 §13.1.2.1: the old auto-renewal — voucher by expiry order, balance only, no card.
    OldAutoRenewal,
}

crate::enum_from_json!(PaymentFlow {
    AutoRenewal,
    OrderPayment,
    OldAutoRenewal
});

/// A discount the order already has (the customer's choice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GivenDiscount {
    /// Business, partner, promotion or coupon.
    pub kind: DiscountKind,
    /// The factor (`"0.9"`).
    pub factor: Ratio,
}

crate::from_json!(GivenDiscount { kind, factor });

/// Request of `paymentSplit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentSplitRequest {
    /// `autoRenewal` (default), `orderPayment` or `oldAutoRenewal`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<PaymentFlow>"))]
    pub flow: PaymentFlow,
    /// The order's list amount.
    pub list_amount: Money,
    /// The payment date (vouchers and promotions must be valid on it).
    #[serde(with = "calendar::ymd")]
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    /// The discount the order carries (at most one, 003 §3.3.2) — or give `offers`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<GivenDiscount>>"))]
    pub discounts: Vec<GivenDiscount>,
    /// The discounts on offer, for the system's best-discount choice (003 §3.2.3.1).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub offers: Option<DiscountOffers>,
    /// The order, for the vouchers' restrictions.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<VoucherOrder>"))]
    pub order: VoucherOrder,
    /// The customer's vouchers.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<Voucher>>"))]
    pub vouchers: Vec<Voucher>,
    /// The voucher picked on the payment page, instead of the automatic choice.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub voucher_id: Option<String>,
    /// Cash balance (default 0).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub cash_balance: Money,
    /// Credit line left (default 0).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub credit_balance: Money,
    /// Whether a credit card is bound (auto-renewal charges it last).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<bool>"))]
    pub card_bound: bool,
    /// Whether the customer has month-end settlement (preferred for order payments, 003 §3.3.2).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<bool>"))]
    pub monthly_settlement: bool,
    /// The cloud whose rules are asked for (003 is Huawei's; absent = the rules this operation
    /// implements). Another provider is refused with `NOT_SUPPORTED`, never answered by Huawei's rules.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub provider: Option<Provider>,
    /// Rounding policy (default `console`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<RoundingPolicy>"))]
    pub policy: RoundingPolicy,
}

crate::from_json!(PaymentSplitRequest {
    flow: default,
    list_amount,
    date: with(crate::calendar::read_ymd),
    discounts: default,
    offers: default,
    order: default,
    vouchers: default,
    voucher_id: default,
    cash_balance: default,
    credit_balance: default,
    card_bound: default,
    monthly_settlement: default,
    provider: default,
    policy: default,
});

/// Whether the order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum PaymentStatus {
    /// Fully paid.
    Paid,
    /// Auto-renewal could not collect `unpaid`; it is retried the next day (003 §3.2.3.1).
    Failed,
    /// The order waits for payment of `unpaid` (003 §3.3.2).
    PendingPayment,
}

crate::enum_from_json!(PaymentStatus {
    Paid,
    Failed,
    PendingPayment
});

/// Result of `paymentSplit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct PaymentSplitResponse {
    /// The discount applied, if any.
    pub discount: Option<ChosenDiscount>,
    /// The discount amount.
    pub discount_amount: Money,
    /// The order amount after the discount, half up to cents.
    pub amount_due: Money,
    /// The voucher(s) used.
    pub vouchers: Vec<AppliedVoucher>,
    /// What the vouchers pay.
    pub voucher_total: Money,
    /// What is left after discount and voucher: the money the customer pays.
    pub payable: Money,
    /// Paid from the cash balance.
    pub cash: Money,
    /// Paid from the credit line.
    pub credit: Money,
    /// Put on month-end settlement.
    pub monthly_settlement: Money,
    /// Charged to the bound card.
    pub card: Money,
    /// Not collected.
    pub unpaid: Money,
    /// `paid`, `failed` (retry) or `pendingPayment`.
    pub status: PaymentStatus,
    /// The candidates of the automatic discount choice (empty when `discounts` was given).
    pub discount_candidates: Vec<DiscountCandidate>,
    /// Vouchers that could not pay, and why.
    pub rejected_vouchers: Vec<RejectedVoucher>,
    /// Lines: list amount, discount, voucher (they add up to `payable`); facts: who pays it.
    pub breakdown: Breakdown,
}

crate::to_json!(PaymentSplitResponse {
    discount,
    discount_amount,
    amount_due,
    vouchers,
    voucher_total,
    payable,
    cash,
    credit,
    monthly_settlement,
    card,
    unpaid,
    status,
    discount_candidates,
    rejected_vouchers,
    breakdown,
});

/// 003 §3.2.3.1 example: 2000 USD, business 0.9, voucher 100, balance 1000, card bound →
/// `2000 × 0.9 − 100 = 1700 = 1000 (balance) + 700 (card)`.
pub fn payment_split(req: &PaymentSplitRequest) -> Result<PaymentSplitResponse> {
    payment_split_with(req, Breakdown::new(req.policy))
}

/// [`payment_split`] into a given breakdown.
pub fn payment_split_with(
    req: &PaymentSplitRequest,
    mut b: Breakdown,
) -> Result<PaymentSplitResponse> {
    // 1. One discount.
    let (chosen, candidates) = match (&req.offers, req.discounts.as_slice()) {
        (Some(_), [_, ..]) => return Err(Error::new(
            ErrorCode::InvalidInput,
            "offers",
            "give either the order's discount (discounts) or the offers to choose from (offers)",
        )),
        (Some(offers), []) => discount::choose(req.list_amount, req.date, offers, "offers")?,
        (None, []) => (None, Vec::new()),
        (None, [d]) => {
            discount::check_factor(d.factor, "discounts[0].factor")?;
            let c = ChosenDiscount {
                kind: d.kind,
                id: None,
                factor: d.factor,
            };
            (Some(c), Vec::new())
        }
        (None, [first, second, ..]) => {
            let business = [first.kind, second.kind].contains(&DiscountKind::Business);
            return Err(Error::new(
                ErrorCode::DiscountNotCombinable,
                "discounts[1]",
                if business {
                    "a business discount cannot be combined with partner or promotion discounts or \
                     discount coupons (003 §9.2.1)"
                } else {
                    "one discount per order (003 §3.2.3.1, §3.3.2)"
                },
            ));
        }
    };
    let amount_due = chosen.as_ref().map_or(req.list_amount, |c| {
        discount::discounted(req.list_amount, c.factor)
    });
    b.line("list amount", req.list_amount.to_string(), req.list_amount);
    if let Some(c) = &chosen {
        discount::explain_discount(&mut b, req.list_amount, c, amount_due);
    }

    // 2. One voucher (discount first, then voucher: 003 §9.1.5).
    let mut order = req.order.clone();
    order.discounted |= chosen
        .as_ref()
        .is_some_and(|c| c.kind != DiscountKind::Coupon);
    order.discount_coupon |= chosen
        .as_ref()
        .is_some_and(|c| c.kind == DiscountKind::Coupon);
    let rule = match req.flow {
        PaymentFlow::OldAutoRenewal => VoucherRule::Old,
        _ => VoucherRule::Current,
    };
    let balance = req.cash_balance + req.credit_balance;
    let vouchers = voucher::choose(
        amount_due,
        req.date,
        rule,
        balance,
        &order,
        &req.vouchers,
        req.voucher_id.as_deref(),
        "",
    )?;
    voucher::explain(&mut b, &vouchers, rule, req.voucher_id.is_some());
    let voucher_total: Money = vouchers.applied.iter().map(|a| a.amount).sum();
    let payable = amount_due - voucher_total;

    // 3. Balance (cash, then credit) or month-end settlement; 4. the bound card.
    let mut left = payable;
    fn take(left: &mut Money, available: Money) -> Money {
        let part = available.min(*left).max0();
        *left -= part;
        part
    }
    let (mut cash, mut credit, mut settlement, mut card) =
        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
    if req.flow == PaymentFlow::OrderPayment && req.monthly_settlement {
        settlement = take(&mut left, payable);
    } else {
        cash = take(&mut left, req.cash_balance);
        credit = take(&mut left, req.credit_balance);
    }
    let mut card_refused = false;
    if req.flow == PaymentFlow::AutoRenewal && req.card_bound && left.is_positive() {
        if left.0 > CARD_TRANSACTION_LIMIT_USD {
            card_refused = true;
        } else {
            let rest = left;
            card = take(&mut left, rest);
        }
    }
    let unpaid = left;
    let status = match (unpaid.is_positive(), req.flow) {
        (false, _) => PaymentStatus::Paid,
        (true, PaymentFlow::OrderPayment) => PaymentStatus::PendingPayment,
        (true, _) => PaymentStatus::Failed,
    };
    b.fact_with(|| {
        let mut parts = Vec::new();
        for (name, part) in [
            ("cash", cash),
            ("credit", credit),
            ("month-end settlement", settlement),
            ("card", card),
            ("unpaid", unpaid),
        ] {
            if part.is_positive() {
                parts.push(format!("{part} ({name})"));
            }
        }
        let parts = if parts.is_empty() {
            "nothing left to pay".to_string()
        } else {
            parts.join(" + ")
        };
        (
            "who pays".into(),
            format!("{payable} = {parts}"),
            payable.to_string(),
        )
    });
    b.note_with(|| {
        match req.flow {
            PaymentFlow::AutoRenewal => {
                "003 §3.2.3.1: discount (one) → voucher (one) → balance (cash, then credit) → \
                 bound card for what the balance cannot cover"
            }
            PaymentFlow::OrderPayment => {
                "003 §3.3.2: discount (one) → voucher (one) → balance (cash, then credit), or \
                 month-end settlement when the customer has it; the rest stays pending payment"
            }
            PaymentFlow::OldAutoRenewal => {
                "003 §13.1.2.1: discount (one) → voucher (by expiry order) → balance (cash, then \
                 credit); no card"
            }
        }
        .to_string()
    });
    if card_refused {
        b.note_with(|| {
            format!(
                "the card is not charged: {left} is above the {CARD_TRANSACTION_LIMIT_USD} USD \
                 limit of one card transaction (003 §5.1.2)"
            )
        });
    }
    if req.flow == PaymentFlow::AutoRenewal && !req.card_bound && unpaid.is_positive() {
        b.note(
            "no card is bound: the auto-renewal fails and is retried the next day (003 §3.2.3.1)",
        );
    }
    Ok(PaymentSplitResponse {
        discount_amount: req.list_amount - amount_due,
        discount: chosen,
        amount_due,
        vouchers: vouchers.applied,
        voucher_total,
        payable,
        cash,
        credit,
        monthly_settlement: settlement,
        card,
        unpaid,
        status,
        discount_candidates: candidates,
        rejected_vouchers: vouchers.rejected,
        breakdown: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn s3_2_3_1_auto_renew_payment_example() {
        // 2000 × 0.9 − 100 = 1700 = 1000 (balance) + 700 (card).
        let req = PaymentSplitRequest {
            flow: PaymentFlow::AutoRenewal,
            list_amount: Money(dec!(2000)),
            date: "2020-11-27".parse().unwrap(),
            discounts: vec![GivenDiscount {
                kind: DiscountKind::Business,
                factor: Ratio(dec!(0.9)),
            }],
            offers: None,
            order: VoucherOrder::default(),
            vouchers: vec![Voucher {
                id: "v100".into(),
                balance: Money(dec!(100)),
                valid_from: "2020-01-01".parse().unwrap(),
                valid_to: "2020-12-31".parse().unwrap(),
                products: None,
                excluded_products: vec![],
                regions: None,
                billing_modes: None,
                combines_with_discounts: true,
            }],
            voucher_id: None,
            cash_balance: Money(dec!(600)),
            credit_balance: Money(dec!(400)),
            card_bound: true,
            monthly_settlement: false,
            provider: None,
            policy: RoundingPolicy::Document,
        };
        let r = payment_split(&req).unwrap();
        assert_eq!(r.amount_due.0, dec!(1800.00));
        assert_eq!(r.payable.0, dec!(1700.00));
        assert_eq!((r.cash + r.credit).0, dec!(1000.00));
        assert_eq!(r.card.0, dec!(700.00));
        assert_eq!(r.status, PaymentStatus::Paid);
        assert_eq!(
            r.breakdown.lines.iter().map(|l| l.amount).sum::<Money>(),
            r.payable
        );
        // Without a card the 700 is reported unpaid, not hidden.
        let r = payment_split(&PaymentSplitRequest {
            card_bound: false,
            ..req
        })
        .unwrap();
        assert_eq!(r.unpaid.0, dec!(700.00));
        assert_eq!(r.status, PaymentStatus::Failed);
    }
}
