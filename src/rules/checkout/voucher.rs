//! Vouchers (代金券; 003 §3.2.3.1, §3.3.2, §9.1.2, §9.1.5, §13.1.2.1; docs/rules.md): which vouchers
//! may pay an order, and which one the system picks — the current rule (largest balance, tie →
//! earliest expiry) or the old one (earliest expiry that lets the payment succeed).

use chrono::{Datelike, NaiveDate};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar;
use crate::domain::money::Money;
use crate::error::{check_count, Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most vouchers one request may list.
pub const MAX_VOUCHERS: usize = 1000;

/// How an order is billed, for a voucher's billing-mode scope (003 §9.1.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum BillingMode {
    /// 包月: a monthly prepaid order.
    #[default]
    Monthly,
    /// 包年: a yearly prepaid order (1, 2, 3 years …).
    Yearly,
    /// 按需: pay-per-use.
    PayPerUse,
    /// 一次性: a one-off order.
    OneOff,
}

/// Which voucher rule picks the voucher.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum VoucherRule {
    /// 003 §3.2.3.1, §3.3.2: the largest balance; equal balances → the earliest expiry.
    #[default]
    Current,
    /// 003 §13.1.2.1: by expiry, the first voucher that with the account balance pays the order.
    Old,
}

/// How pay-per-use usage is settled (003 §9.1.5): it decides when a voucher counts as valid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum Settlement {
    /// Prepaid-account customers: a voucher pays usage made inside its validity.
    #[default]
    RealTime,
    /// Monthly-settlement customers: a voucher pays the month's bill if valid in that month.
    Monthly,
}

/// A voucher and its restrictions (003 §9.1.2). Absent lists mean "no restriction".
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Voucher {
    /// Its id (shown in the breakdown).
    pub id: String,
    /// The remaining balance.
    pub balance: Money,
    /// First valid day.
    pub valid_from: NaiveDate,
    /// Last valid day (its expiry).
    pub valid_to: NaiveDate,
    /// Products it may pay (absent: all).
    pub products: Option<Vec<String>>,
    /// Products it may not pay.
    #[json(default)]
    pub excluded_products: Vec<String>,
    /// Regions it may pay (absent: all).
    pub regions: Option<Vec<String>>,
    /// Billing modes it may pay (absent: all).
    pub billing_modes: Option<Vec<BillingMode>>,
    /// Whether its terms let it pay an order that already has a business, partner or promotion
    /// discount (003 §9.1.2: "depends on the voucher's own terms"); default true.
    #[json(default = "yes")]
    pub combines_with_discounts: bool,
}

fn yes() -> bool {
    true
}

/// What the voucher is asked to pay for.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct VoucherOrder {
    /// The product (`"ECS"`).
    pub product: Option<String>,
    /// The region (`"ap-southeast-1"`).
    pub region: Option<String>,
    /// The billing mode (default `monthly`).
    #[json(default)]
    pub billing_mode: BillingMode,
    /// True when the order carries a business, partner or promotion discount.
    #[json(default)]
    pub discounted: bool,
    /// True when the order uses a discount coupon (no voucher then, 003 §9.1.2).
    #[json(default)]
    pub discount_coupon: bool,
    /// Pay-per-use only: how the usage is settled (default `realTime`).
    #[json(default)]
    pub settlement: Settlement,
    /// True when the amount is an existing bill in arrears (vouchers cannot pay it, 003 §9.1.2).
    #[json(default)]
    pub arrears: bool,
}

/// Request of `selectVoucher`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct SelectVoucherRequest {
    /// The amount to pay (after the discount).
    pub amount_due: Money,
    /// The payment date (or the usage date for pay-per-use).
    pub date: NaiveDate,
    /// `current` (default) or `old`.
    #[json(default)]
    pub rule: VoucherRule,
    /// Cash + credit available; the old rule needs it (default 0).
    #[json(default)]
    pub account_balance: Money,
    /// What is paid for.
    #[json(default)]
    pub order: VoucherOrder,
    /// The customer's vouchers.
    pub vouchers: Vec<Voucher>,
    /// The voucher the customer picked on the payment page (prepaid orders), instead of the
    /// automatic choice.
    pub voucher_id: Option<String>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// A voucher applied to the order.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct AppliedVoucher {
    /// The voucher.
    pub id: String,
    /// What it pays.
    pub amount: Money,
    /// Its balance left after paying.
    pub balance_left: Money,
}

/// A voucher that cannot pay this order, and why.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct RejectedVoucher {
    /// The voucher.
    pub id: String,
    /// The restriction it fails (003 §9.1.2).
    pub reason: String,
}

/// Result of `selectVoucher`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct SelectVoucherResponse {
    /// The vouchers used (one for a prepaid order; several for pay-per-use, 003 §9.1.5).
    pub applied: Vec<AppliedVoucher>,
    /// What the vouchers pay in all.
    pub voucher_total: Money,
    /// What is left to pay from the account balance or a card.
    pub remaining: Money,
    /// Old rule only: false when no voucher lets the payment succeed with the account balance.
    pub payment_succeeds: bool,
    /// Vouchers that cannot pay this order.
    pub rejected: Vec<RejectedVoucher>,
    /// Line items: the amount due minus the vouchers (they add up to `remaining`).
    pub breakdown: Breakdown,
}

/// Why `v` cannot pay `order` on `date`, if it cannot (003 §9.1.2, §9.1.5).
pub(crate) fn restriction(v: &Voucher, order: &VoucherOrder, date: NaiveDate) -> Option<String> {
    let valid = match (order.billing_mode, order.settlement) {
        (BillingMode::PayPerUse, Settlement::Monthly) => {
            // Valid at some point of the usage month.
            let first = date.with_day(1).unwrap_or(date);
            let last = calendar::last_day_of_month(date);
            v.valid_from <= last && v.valid_to >= first
        }
        _ => v.valid_from <= date && date <= v.valid_to,
    };
    let listed = |list: &Option<Vec<String>>, value: &Option<String>| match (list, value) {
        (Some(list), Some(value)) => list.iter().any(|x| x.eq_ignore_ascii_case(value)),
        (Some(_), None) => false,
        (None, _) => true,
    };
    if order.arrears {
        Some("vouchers cannot pay existing bills in arrears (003 §9.1.2)".into())
    } else if order.discount_coupon {
        Some("a voucher cannot be combined with a discount coupon (003 §9.1.2)".into())
    } else if !valid {
        Some(format!(
            "valid {}..{}, not on {date} (003 §9.1.2)",
            v.valid_from, v.valid_to
        ))
    } else if v.balance.0.is_zero() {
        Some("no balance left".into())
    } else if !listed(&v.products, &order.product)
        || order.product.as_ref().is_some_and(|p| {
            v.excluded_products
                .iter()
                .any(|x| x.eq_ignore_ascii_case(p))
        })
    {
        Some(format!(
            "not for product {} (003 §9.1.2)",
            order.product.as_deref().unwrap_or("(unnamed)")
        ))
    } else if !listed(&v.regions, &order.region) {
        Some(format!(
            "not for region {} (003 §9.1.2)",
            order.region.as_deref().unwrap_or("(unnamed)")
        ))
    } else if v
        .billing_modes
        .as_ref()
        .is_some_and(|m| !m.contains(&order.billing_mode))
    {
        Some(format!(
            "not for {} orders (003 §9.1.2)",
            mode_name(order.billing_mode)
        ))
    } else if order.discounted && !v.combines_with_discounts {
        Some("its terms exclude orders that already have a discount (003 §9.1.2)".into())
    } else {
        None
    }
}

fn mode_name(m: BillingMode) -> &'static str {
    match m {
        BillingMode::Monthly => "monthly",
        BillingMode::Yearly => "yearly",
        BillingMode::PayPerUse => "pay-per-use",
        BillingMode::OneOff => "one-off",
    }
}

/// The outcome of choosing vouchers, shared with `paymentSplit`.
pub(crate) struct VoucherChoice {
    pub applied: Vec<AppliedVoucher>,
    pub rejected: Vec<RejectedVoucher>,
    pub payment_succeeds: bool,
}

/// Choose vouchers for `due` (see [`select_voucher`]); `path` prefixes field paths in errors.
#[allow(clippy::too_many_arguments)]
pub(crate) fn choose(
    due: Money,
    date: NaiveDate,
    rule: VoucherRule,
    account_balance: Money,
    order: &VoucherOrder,
    vouchers: &[Voucher],
    picked: Option<&str>,
    path: &str,
) -> Result<VoucherChoice> {
    let (mut eligible, rejected) = eligible_vouchers(vouchers, order, date, path)?;
    let mut applied = Vec::new();
    let mut payment_succeeds = true;
    if let Some(id) = picked {
        let v = picked_voucher(vouchers, id, order, date, path)?;
        pay(&mut applied, v, due);
    } else if !due.is_positive() {
        // Nothing to pay.
    } else if rule == VoucherRule::Old {
        // 003 §13.1.2.1: walk by expiry; the first voucher with voucher + balance ≥ due.
        crate::domain::sorting::sort_by_key(&mut eligible, |v| v.valid_to);
        match eligible.iter().find(|v| v.balance + account_balance >= due) {
            Some(v) => {
                pay(&mut applied, v, due);
            }
            None => payment_succeeds = false,
        }
    } else {
        let prepaid = order.billing_mode != BillingMode::PayPerUse;
        pay_current_rule(&mut applied, &mut eligible, due, prepaid);
    }
    Ok(VoucherChoice {
        applied,
        rejected,
        payment_succeeds,
    })
}

/// A field's path in errors, under `path` when it is not empty.
fn field_path(path: &str, field: String) -> String {
    if path.is_empty() {
        field
    } else {
        format!("{path}.{field}")
    }
}

/// The vouchers that may pay the order, and those that may not and why (003 §9.1.2); at most
/// [`MAX_VOUCHERS`], each valid from before it ends.
fn eligible_vouchers<'v>(
    vouchers: &'v [Voucher],
    order: &VoucherOrder,
    date: NaiveDate,
    path: &str,
) -> Result<(Vec<&'v Voucher>, Vec<RejectedVoucher>)> {
    check_count(
        field_path(path, "vouchers".into()),
        vouchers.len(),
        MAX_VOUCHERS,
        "vouchers",
    )?;
    let mut eligible = Vec::new();
    let mut rejected = Vec::new();
    for (i, v) in vouchers.iter().enumerate() {
        if v.valid_to < v.valid_from {
            return Err(Error::new(
                ErrorCode::InvalidPeriod,
                field_path(path, format!("vouchers[{i}].validTo")),
                format!(
                    "voucher {} ends ({}) before it starts ({})",
                    crate::domain::money::clip(&v.id),
                    v.valid_to,
                    v.valid_from
                ),
            ));
        }
        match restriction(v, order, date) {
            Some(reason) => rejected.push(RejectedVoucher {
                id: v.id.clone(),
                reason,
            }),
            None => eligible.push(v),
        }
    }
    Ok((eligible, rejected))
}

/// The voucher the customer picked: it must be among the vouchers and able to pay the order
/// (003 §9.1.2).
fn picked_voucher<'v>(
    vouchers: &'v [Voucher],
    id: &str,
    order: &VoucherOrder,
    date: NaiveDate,
    path: &str,
) -> Result<&'v Voucher> {
    let Some((i, v)) = vouchers.iter().enumerate().find(|(_, v)| v.id == id) else {
        return Err(Error::new(
            ErrorCode::VoucherNotApplicable,
            field_path(path, "voucherId".into()),
            format!(
                "no voucher \"{}\" in vouchers",
                crate::domain::money::clip(id)
            ),
        ));
    };
    if let Some(reason) = restriction(v, order, date) {
        return Err(Error::new(
            ErrorCode::VoucherNotApplicable,
            field_path(path, format!("vouchers[{i}]")),
            format!("voucher {} cannot pay this order: {reason}", v.id),
        ));
    }
    Ok(v)
}

/// Voucher `v` pays what it can of `left`; what is left to pay.
fn pay(applied: &mut Vec<AppliedVoucher>, v: &Voucher, left: Money) -> Money {
    let amount = v.balance.min(left);
    applied.push(AppliedVoucher {
        id: v.id.clone(),
        amount,
        balance_left: v.balance - amount,
    });
    left - amount
}

/// 003 §3.2.3.1: largest balance first; equal balances → earliest expiry. Prepaid orders take
/// one voucher (003 §9.1.5); pay-per-use takes vouchers in the same order until paid.
fn pay_current_rule(
    applied: &mut Vec<AppliedVoucher>,
    eligible: &mut Vec<&Voucher>,
    due: Money,
    prepaid: bool,
) {
    crate::domain::sorting::sort_by(eligible, |a, b| {
        b.balance.cmp(&a.balance).then(a.valid_to.cmp(&b.valid_to))
    });
    let mut left = due;
    for v in eligible.iter().take(if prepaid { 1 } else { MAX_VOUCHERS }) {
        if !left.is_positive() {
            break;
        }
        left = pay(applied, v, left);
    }
}

/// 003 §3.2.3.1 (current) or §13.1.2.1 (old): the voucher(s) that pay `amountDue`.
/// Prepaid orders take one voucher; pay-per-use several. Examples (003 §13.1.2.1): due 50,
/// balance 80, vouchers 20 (exp. 08-30) and 50 (exp. 09-05) → old rule: 20 + 30 from the balance;
/// current rule: the 50 voucher.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn select_voucher(
    req: &SelectVoucherRequest,
    mut b: Breakdown,
) -> Result<SelectVoucherResponse> {
    let choice = choose(
        req.amount_due,
        req.date,
        req.rule,
        req.account_balance,
        &req.order,
        &req.vouchers,
        req.voucher_id.as_deref(),
        "",
    )?;
    b.line_msg(req.amount_due, || {
        crate::msg!("voucher.amountDue", amount = req.amount_due)
    });
    explain(&mut b, &choice, req.rule, req.voucher_id.is_some());
    let voucher_total: Money = choice.applied.iter().map(|a| a.amount).sum();
    Ok(SelectVoucherResponse {
        remaining: req.amount_due - voucher_total,
        voucher_total,
        payment_succeeds: choice.payment_succeeds,
        applied: choice.applied,
        rejected: choice.rejected,
        breakdown: b,
    })
}

/// The voucher lines and the note on how they were chosen.
pub(crate) fn explain(b: &mut Breakdown, choice: &VoucherChoice, rule: VoucherRule, picked: bool) {
    for a in &choice.applied {
        b.line_msg(-a.amount, || {
            crate::msg!(
                "voucher.applied",
                id = &a.id,
                balance = a.amount + a.balance_left,
                amount = a.amount,
                left = a.balance_left
            )
        });
    }
    b.note_msg(|| {
        crate::domain::messages::Msg::new(match (picked, rule, choice.payment_succeeds) {
            (true, _, _) => "voucher.picked",
            (false, VoucherRule::Current, _) => "voucher.largestBalance",
            (false, VoucherRule::Old, true) => "voucher.oldRulePays",
            (false, VoucherRule::Old, false) => "voucher.oldRuleFails",
        })
    });
    for r in &choice.rejected {
        b.note_msg(|| crate::msg!("voucher.notUsable", id = &r.id, reason = &r.reason));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use rust_decimal_macros::dec;

    fn v(id: &str, balance: rust_decimal::Decimal, to: &str) -> Voucher {
        Voucher {
            id: id.into(),
            balance: Money(balance),
            valid_from: "2018-01-01".parse().unwrap(),
            valid_to: to.parse().unwrap(),
            products: None,
            excluded_products: vec![],
            regions: None,
            billing_modes: None,
            combines_with_discounts: true,
        }
    }

    fn req(rule: VoucherRule, balance: rust_decimal::Decimal) -> SelectVoucherRequest {
        SelectVoucherRequest {
            amount_due: Money(dec!(50)),
            date: "2018-08-20".parse().unwrap(),
            rule,
            account_balance: Money(balance),
            order: VoucherOrder::default(),
            vouchers: vec![
                v("v20", dec!(20), "2018-08-30"),
                v("v50", dec!(50), "2018-09-05"),
            ],
            voucher_id: None,
            options: Options {
                provider: None,
                policy: crate::RoundingPolicy::Document,
            },
        }
    }

    #[test]
    fn s13_1_2_1_voucher_example_a() {
        let r = explained(select_voucher, &req(VoucherRule::Old, dec!(80))).unwrap();
        assert_eq!(r.applied[0].id, "v20");
        assert_eq!(r.remaining.0, dec!(30.00));
        // The current rule takes the largest balance instead (003 §3.2.3.1).
        let r = explained(select_voucher, &req(VoucherRule::Current, dec!(80))).unwrap();
        assert_eq!(r.applied[0].id, "v50");
        assert_eq!(r.remaining.0, dec!(0.00));
    }

    #[test]
    fn s13_1_2_1_voucher_example_b() {
        let r = explained(select_voucher, &req(VoucherRule::Old, dec!(20))).unwrap();
        assert_eq!(r.applied[0].id, "v50");
        assert_eq!(r.remaining.0, dec!(0.00));
    }

    #[test]
    fn equal_balances_take_the_earliest_expiry() {
        let mut r = req(VoucherRule::Current, dec!(0));
        r.vouchers = vec![
            v("late", dec!(30), "2018-12-31"),
            v("early", dec!(30), "2018-09-30"),
        ];
        let a = explained(select_voucher, &r).unwrap();
        assert_eq!(a.applied[0].id, "early");
        assert_eq!(a.remaining.0, dec!(20.00));
    }

    #[test]
    fn a_yearly_order_refuses_a_monthly_and_pay_per_use_voucher() {
        let mut r = req(VoucherRule::Current, dec!(0));
        r.order.billing_mode = BillingMode::Yearly;
        r.vouchers[1].billing_modes = Some(vec![BillingMode::Monthly, BillingMode::PayPerUse]);
        let a = explained(select_voucher, &r).unwrap();
        assert_eq!(a.applied[0].id, "v20");
        assert!(a.rejected[0].reason.contains("yearly"));
    }
}
