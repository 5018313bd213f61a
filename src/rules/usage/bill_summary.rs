//! Bill summary identities (003 §6.1.6, §7.2.2.2, §7.2.2.3, §13.2.8; docs/rules.md).

use crate::domain::breakdown::Breakdown;
use crate::domain::messages::{maybe, Figure, Msg};
use crate::domain::money::{show, Money};
use crate::error::{check_count, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most amounts one bill summary may list.
pub const MAX_BILL_LINES: usize = 10_000;

/// How a non-monthly customer's payable amount was paid (003 §13.2.1, §13.2.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct PayableSplit {
    /// 现金支付.
    #[json(default)]
    pub cash: Money,
    /// 信用额度支付.
    #[json(default)]
    pub credit: Money,
    /// 代金券抵扣.
    #[json(default)]
    pub voucher: Money,
    /// 欠费金额.
    #[json(default)]
    pub arrears: Money,
}

/// Request of `billSummary` (a month's bill, 003 §6.1.6, §7.2.2.2).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct BillSummaryRequest {
    /// 实时结算费用 of cloud services (prepaid orders paid at once, RI upfront).
    #[json(default)]
    pub real_time: Vec<Money>,
    /// 月度结算费用 of cloud services.
    #[json(default)]
    pub monthly_settlement: Vec<Money>,
    /// Marketplace (商店) fees, real-time and monthly together.
    #[json(default)]
    pub marketplace: Vec<Money>,
    /// 已付款金额 this period.
    #[json(default)]
    pub paid: Money,
    /// Refunds of the period (shown as their total, not part of the fees).
    #[json(default)]
    pub refunds: Vec<Money>,
    /// Refunds paid back to the credit line this period (003 §7.2.2.3, for the overflow).
    #[json(default)]
    pub credit_refunds: Money,
    /// Consumption paid by the credit line this period.
    #[json(default)]
    pub credit_consumption: Money,
    /// Non-monthly customers: how the payable amount was paid.
    pub payable_split: Option<PayableSplit>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `billSummary`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct BillSummaryResponse {
    /// 华为云费用 = real-time + monthly settlement, half up to cents (003 §6.1.1: summary figures
    /// are shown rounded to 2 decimals).
    pub cloud_fees: Money,
    /// 商店费用, half up to cents.
    pub marketplace_fees: Money,
    /// 月账单总计 = cloud + marketplace, the exact sum rounded half up to cents once (003 §6.1.6:
    /// 100.12501236 → 100.13); it may differ from the rounded parts' sum.
    pub total: Money,
    /// The exact total, before rounding (the export's 8 decimals, 003 §6.1.6).
    pub total_exact: Money,
    /// 本期剩余应还金额 = total − paid (not below 0).
    pub remaining_due: Money,
    /// Refunds in all (shown negative on the bill).
    pub refund_total: Money,
    /// 溢出金额 = credit consumption − credit refunds, when negative (003 §7.2.2.3: −10 + 5 = −5).
    pub overflow: Money,
    /// 应付金额 = cash + credit + voucher + arrears, when `payableSplit` is given (003 §13.2.1).
    pub payable: Option<Money>,
    /// Lines add up to `total`.
    pub breakdown: Breakdown,
}

/// 003 §6.1.6: total = cloud fees (real-time + monthly settlement) + marketplace fees; payment
/// status: remaining due + paid = total. Example: 6,651.53 + 8,261.84 = 14,913.37;
/// 14,913.37 + 31,280.00 = 46,193.37. 003 §6.1.6, §7.2.2.2 (since June 2021): no intermediate
/// amount is cut; only the month's total is rounded half up to cents (100.12501236 → 100.13).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn bill_summary(req: &BillSummaryRequest, mut b: Breakdown) -> Result<BillSummaryResponse> {
    let lines = req.real_time.len()
        + req.monthly_settlement.len()
        + req.marketplace.len()
        + req.refunds.len();
    check_count("", lines, MAX_BILL_LINES, "amounts")?;
    let mut group = |key: &'static str, amounts: &[Money]| {
        let sum: Money = amounts.iter().copied().sum();
        if !amounts.is_empty() {
            b.line_msg(sum, || {
                let parts: Vec<String> = amounts.iter().map(|a| a.to_string()).collect();
                Msg::new(key).with("amounts", Figure::Text(parts.join(" + ")))
            });
        }
        sum
    };
    let real_time = group("bill.realTime", &req.real_time);
    let monthly = group("bill.monthly", &req.monthly_settlement);
    let marketplace = group("bill.marketplace", &req.marketplace);
    let exact = real_time + monthly + marketplace;
    let (cloud, marketplace, total) = (
        (real_time + monthly).cents(),
        marketplace.cents(),
        exact.cents(),
    );
    b.settle_msg(total, || {
        crate::msg!("bill.monthTotal", value = show(exact.0), total = total)
    });
    let remaining_due = (total - req.paid).max0();
    b.fact_msg(|| {
        let sum = real_time + monthly;
        let rounded = (sum != cloud)
            .then(|| crate::msg!("bill.cloudRounded", sum = show(sum.0), cloud = cloud));
        crate::msg!(
            "bill.cloudFees",
            realTime = real_time,
            monthly = monthly,
            rounded = maybe(rounded),
            value = cloud
        )
    });
    b.fact_msg(|| {
        crate::msg!(
            "bill.paymentStatus",
            due = remaining_due,
            paid = req.paid,
            value = remaining_due + req.paid
        )
    });
    let (refund_total, overflow, payable) = outside_the_total(req, &mut b);
    if req.paid > total {
        b.note_msg(|| crate::msg!("bill.overpaid"));
    }
    Ok(BillSummaryResponse {
        cloud_fees: cloud,
        marketplace_fees: marketplace,
        total,
        total_exact: exact,
        remaining_due,
        refund_total,
        overflow,
        payable,
        breakdown: b,
    })
}

/// The bill's figures outside its total: refunds (shown apart, 003 §6.1.6), the credit overflow
/// (003 §7.2.2.3: −10 + 5 = −5) and a non-monthly customer's payable (003 §13.2.1), with their facts.
fn outside_the_total(req: &BillSummaryRequest, b: &mut Breakdown) -> (Money, Money, Option<Money>) {
    let refund_total: Money = req.refunds.iter().copied().sum();
    let net_credit = req.credit_consumption - req.credit_refunds;
    let overflow = if net_credit.is_negative() {
        net_credit
    } else {
        Money::ZERO
    };
    if !req.refunds.is_empty() {
        b.fact_msg(|| {
            let parts: Vec<String> = req.refunds.iter().map(|a| a.to_string()).collect();
            crate::msg!(
                "bill.refunds",
                amounts = parts.join(" + "),
                value = format!("−{refund_total}")
            )
        });
    }
    if !req.credit_refunds.0.is_zero() || !req.credit_consumption.0.is_zero() {
        b.fact_msg(|| {
            crate::msg!(
                "bill.overflow",
                refunds = req.credit_refunds,
                consumption = req.credit_consumption,
                net = net_credit,
                value = overflow
            )
        });
    }
    let payable = req
        .payable_split
        .as_ref()
        .map(|p| p.cash + p.credit + p.voucher + p.arrears);
    if let (Some(p), Some(sum)) = (&req.payable_split, payable) {
        b.fact_msg(|| {
            crate::msg!(
                "bill.payable",
                cash = p.cash,
                credit = p.credit,
                voucher = p.voucher,
                arrears = p.arrears,
                value = sum
            )
        });
    }
    (refund_total, overflow, payable)
}
