//! Account-level figures (RULES.md §5.4, §11, §16): the consumption quota of monthly-settlement
//! customers (003 §5.3), a merged payment with third-party parts (003 §3.1.1, §5.1.2), and the
//! bill summary identities (003 §6.1.6, §7.2.2.2, §7.2.2.3, §13.2.8).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::money::{Money, RoundingPolicy};
use crate::domain::provider::Provider;
use crate::error::{check_count, Error, ErrorCode, Result};

/// 003 §3.1.1: most orders one merged payment may hold.
pub const MAX_MERGED_ORDERS: usize = 30;
/// Most amounts one bill summary may list.
pub const MAX_BILL_LINES: usize = 10_000;

// ---------- consumption quota ----------

/// Request of `consumptionQuota`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaRequest {
    /// 累计已出账应还金额: billed and not yet repaid.
    pub billed_unpaid: Money,
    /// 未出账预估金额: the estimate of the month not yet billed (month-end settlement fees).
    pub unbilled_estimate: Money,
    /// 现金余额.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub cash_balance: Money,
    /// 代金券余额.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub voucher_balance: Money,
    /// 总消费配额: the quota granted.
    pub total_quota: Money,
    /// The day the quota reached 100 % without repayment, for the grace/retention dates.
    #[serde(default, with = "calendar::ymd_opt")]
    #[cfg_attr(test, ts(optional, type = "string"))]
    pub exhausted_on: Option<NaiveDate>,
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

crate::from_json!(QuotaRequest {
    billed_unpaid,
    unbilled_estimate,
    cash_balance: default,
    voucher_balance: default,
    total_quota,
    exhausted_on: default_with(crate::domain::calendar::read_ymd_opt),
    provider: default,
    policy: default,
});

/// Where the account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum QuotaState {
    /// ≤ 80 % used.
    Normal,
    /// > 80 %: SMS/e-mail reminder (003 §5.3).
    Reminder,
    /// ≥ 100 %: no new services; the bound card is charged to restore the quota; unpaid → grace.
    Exhausted,
}

crate::enum_from_json!(QuotaState {
    Normal,
    Reminder,
    Exhausted
});

/// Result of `consumptionQuota`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct QuotaResponse {
    /// 已用消费配额 = billed unpaid + unbilled estimate − cash − vouchers (not below 0).
    pub used: Money,
    /// 剩余消费配额 = total − used (not below 0).
    pub remaining: Money,
    /// used / total in percent, half up to 2 decimals.
    pub used_percent: String,
    /// `normal`, `reminder` or `exhausted`.
    pub state: QuotaState,
    /// With `exhaustedOn`: the first day of the retention period (after 15 days of grace).
    #[serde(with = "calendar::ymd_opt")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub retention_starts: Option<NaiveDate>,
    /// With `exhaustedOn`: the day pay-per-use resources are released (after 15 days of retention).
    #[serde(with = "calendar::ymd_opt")]
    #[cfg_attr(test, ts(type = "string | null"))]
    pub release_on: Option<NaiveDate>,
    /// Reminder days: 15/7/3/1 days before retention and before release.
    pub reminders: Vec<String>,
    /// Lines add up to `used`.
    pub breakdown: Breakdown,
}

crate::to_json!(QuotaResponse {
    used,
    remaining,
    used_percent,
    state,
    retention_starts: with(crate::io::output::write_ymd_opt),
    release_on: with(crate::io::output::write_ymd_opt),
    reminders,
    breakdown,
});

/// 003 §5.3: `used = billed unpaid + unbilled estimate − cash − vouchers`; example
/// 500 + 100 − 50 − 50 = 500 of 2,500 (20 %).
pub fn consumption_quota(req: &QuotaRequest) -> Result<QuotaResponse> {
    consumption_quota_with(req, Breakdown::new(req.policy))
}

/// [`consumption_quota`] into a given breakdown.
pub fn consumption_quota_with(req: &QuotaRequest, mut b: Breakdown) -> Result<QuotaResponse> {
    if !req.total_quota.is_positive() {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "totalQuota",
            "the total quota must be above 0",
        ));
    }
    b.line(
        "billed, unpaid",
        req.billed_unpaid.to_string(),
        req.billed_unpaid,
    );
    b.line(
        "unbilled estimate",
        req.unbilled_estimate.to_string(),
        req.unbilled_estimate,
    );
    b.line(
        "cash balance",
        format!("−{}", req.cash_balance),
        -req.cash_balance,
    );
    b.line(
        "voucher balance",
        format!("−{}", req.voucher_balance),
        -req.voucher_balance,
    );
    let raw = req.billed_unpaid + req.unbilled_estimate - req.cash_balance - req.voucher_balance;
    let used = raw.max0();
    b.settle(used, "not below zero", || {
        format!("{raw} → 0: the balances cover more than is owed")
    });
    // The share compared exactly (a quota 3 × the amount used is 33.33… %, not a rounded figure).
    let share = used
        .exact()
        .times(Exact::whole(100))?
        .over(req.total_quota.exact())?;
    let percent = share.round(2, Rounding::HalfUp)?;
    let state = if share >= Exact::whole(100) {
        QuotaState::Exhausted
    } else if share > Exact::whole(80) {
        QuotaState::Reminder
    } else {
        QuotaState::Normal
    };
    let add = |d: NaiveDate, n: u64| {
        d.checked_add_days(Days::new(n))
            .filter(|r| crate::domain::calendar::in_range(*r))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::DateOutOfRange,
                    "exhaustedOn",
                    format!("{d} + {n} days is after 9999-12-31"),
                )
            })
    };
    let retention_starts = req.exhausted_on.map(|d| add(d, 15)).transpose()?;
    let release_on = req.exhausted_on.map(|d| add(d, 30)).transpose()?;
    let mut reminders = Vec::new();
    for (what, day) in [("retention", retention_starts), ("release", release_on)] {
        if let Some(day) = day {
            for n in [15, 7, 3, 1] {
                if let Some(r) = day.checked_sub_days(Days::new(n)) {
                    if req.exhausted_on.is_some_and(|e| r >= e) {
                        reminders.push(format!("{r}: {n} days before {what}"));
                    }
                }
            }
        }
    }
    b.fact_with(|| {
        (
            "used share".into(),
            format!("{used} / {} × 100", req.total_quota),
            format!("{percent} %"),
        )
    });
    b.note(match state {
        QuotaState::Normal => "003 §5.3: at most 80 % used, no reminder",
        QuotaState::Reminder => "003 §5.3: more than 80 % used: SMS/e-mail reminder",
        QuotaState::Exhausted => {
            "003 §5.3: 100 % or more used: no new services; the bound card is charged to restore \
             the quota; unpaid → 15 days' grace (account restricted), then 15 days' retention \
             (pay-per-use frozen, non-full-upfront RIs unsubscribed without fee), then pay-per-use \
             resources released"
        }
    });
    Ok(QuotaResponse {
        used,
        remaining: (req.total_quota - used).max0(),
        used_percent: percent.to_string(),
        state,
        retention_starts,
        release_on,
        reminders,
        breakdown: b,
    })
}

// ---------- merged payment ----------

/// One order of a merged payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayOrder {
    /// The order number, for the breakdown.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub id: Option<String>,
    /// 订单金额.
    pub amount: Money,
    /// 应付金额(第三方): the marketplace seller's part, not collected by the cloud.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub third_party: Money,
}

crate::from_json!(PayOrder {
    id: default,
    amount,
    third_party: default,
});

/// How the merged payment is paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub enum PayMethod {
    /// Account balance.
    #[default]
    Balance,
    /// A card: one transaction at most 20,000 USD (11,000,000 CLP, at least 1), 003 §5.1.2.
    Card,
}

crate::enum_from_json!(PayMethod { Balance, Card });

/// Request of `mergedPayment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MergedPaymentRequest {
    /// The orders paid together (at most 30).
    pub orders: Vec<PayOrder>,
    /// `balance` (default) or `card`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<PayMethod>"))]
    pub method: PayMethod,
    /// The payment currency, for the card limit (default `USD`).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub currency: Option<String>,
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

crate::from_json!(MergedPaymentRequest {
    orders,
    method: default,
    currency: default,
    provider: default,
    policy: default,
});

/// Result of `mergedPayment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
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

crate::to_json!(MergedPaymentResponse {
    total,
    third_party,
    due,
    breakdown,
});

/// 003 §3.1.1: the cloud collects `order amount − third-party amount`; example 2,014.62 − 2.00 =
/// 2,012.62 USD. At most 30 orders; a card transaction within 003 §5.1.2's limits.
pub fn merged_payment(req: &MergedPaymentRequest) -> Result<MergedPaymentResponse> {
    merged_payment_with(req, Breakdown::new(req.policy))
}

/// [`merged_payment`] into a given breakdown.
pub fn merged_payment_with(
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
        b.line_with(o.amount - o.third_party, || {
            let name = o.id.clone().unwrap_or_else(|| format!("order {}", i + 1));
            (
                name,
                format!("{} − {} (third party)", o.amount, o.third_party),
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
    b.fact_with(|| {
        (
            "due".into(),
            format!("{total} − {third} (third party)"),
            due.to_string(),
        )
    });
    if third.is_positive() {
        b.note("003 §3.1.1: the third-party part is settled with the marketplace seller");
    }
    Ok(MergedPaymentResponse {
        total,
        third_party: third,
        due,
        breakdown: b,
    })
}

// ---------- bill summary ----------

/// How a non-monthly customer's payable amount was paid (003 §13.2.1, §13.2.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayableSplit {
    /// 现金支付.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub cash: Money,
    /// 信用额度支付.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub credit: Money,
    /// 代金券抵扣.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub voucher: Money,
    /// 欠费金额.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub arrears: Money,
}

crate::from_json!(PayableSplit {
    cash: default,
    credit: default,
    voucher: default,
    arrears: default,
});

/// Request of `billSummary` (a month's bill, 003 §6.1.6, §7.2.2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillSummaryRequest {
    /// 实时结算费用 of cloud services (prepaid orders paid at once, RI upfront).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<Money>>"))]
    pub real_time: Vec<Money>,
    /// 月度结算费用 of cloud services.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<Money>>"))]
    pub monthly_settlement: Vec<Money>,
    /// Marketplace (商店) fees, real-time and monthly together.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<Money>>"))]
    pub marketplace: Vec<Money>,
    /// 已付款金额 this period.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub paid: Money,
    /// Refunds of the period (shown as their total, not part of the fees).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<Money>>"))]
    pub refunds: Vec<Money>,
    /// Refunds paid back to the credit line this period (003 §7.2.2.3, for the overflow).
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub credit_refunds: Money,
    /// Consumption paid by the credit line this period.
    #[serde(default)]
    #[cfg_attr(test, ts(optional, as = "Option<Money>"))]
    pub credit_consumption: Money,
    /// Non-monthly customers: how the payable amount was paid.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub payable_split: Option<PayableSplit>,
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

crate::from_json!(BillSummaryRequest {
    real_time: default,
    monthly_settlement: default,
    marketplace: default,
    paid: default,
    refunds: default,
    credit_refunds: default,
    credit_consumption: default,
    payable_split: default,
    provider: default,
    policy: default,
});

/// Result of `billSummary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../js/types.d.ts"))]
#[serde(rename_all = "camelCase")]
pub struct BillSummaryResponse {
    /// 华为云费用 = real-time + monthly settlement.
    pub cloud_fees: Money,
    /// 商店费用.
    pub marketplace_fees: Money,
    /// 总计 = cloud + marketplace.
    pub total: Money,
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

crate::to_json!(BillSummaryResponse {
    cloud_fees,
    marketplace_fees,
    total,
    remaining_due,
    refund_total,
    overflow,
    payable,
    breakdown,
});

/// 003 §6.1.6: total = cloud fees (real-time + monthly settlement) + marketplace fees; payment
/// status: remaining due + paid = total. Example: 6,651.53 + 8,261.84 = 14,913.37;
/// 14,913.37 + 31,280.00 = 46,193.37.
pub fn bill_summary(req: &BillSummaryRequest) -> Result<BillSummaryResponse> {
    bill_summary_with(req, Breakdown::new(req.policy))
}

/// [`bill_summary`] into a given breakdown.
pub fn bill_summary_with(
    req: &BillSummaryRequest,
    mut b: Breakdown,
) -> Result<BillSummaryResponse> {
    let lines = req.real_time.len()
        + req.monthly_settlement.len()
        + req.marketplace.len()
        + req.refunds.len();
    check_count("", lines, MAX_BILL_LINES, "amounts")?;
    let mut group = |label: &str, amounts: &[Money]| {
        let sum: Money = amounts.iter().copied().sum();
        if !amounts.is_empty() {
            b.line_with(sum, || {
                let parts: Vec<String> = amounts.iter().map(|a| a.to_string()).collect();
                (label.to_string(), parts.join(" + "))
            });
        }
        sum
    };
    let real_time = group("cloud services, real-time settlement", &req.real_time);
    let monthly = group(
        "cloud services, monthly settlement",
        &req.monthly_settlement,
    );
    let marketplace = group("marketplace", &req.marketplace);
    let cloud = real_time + monthly;
    let total = cloud + marketplace;
    let refund_total: Money = req.refunds.iter().copied().sum();
    let net_credit = req.credit_consumption - req.credit_refunds;
    let overflow = if net_credit.is_negative() {
        net_credit
    } else {
        Money::ZERO
    };
    let remaining_due = (total - req.paid).max0();
    b.fact_with(|| {
        (
            "cloud fees".into(),
            format!("{real_time} (real-time) + {monthly} (monthly settlement)"),
            cloud.to_string(),
        )
    });
    b.fact_with(|| {
        (
            "payment status".into(),
            format!("{remaining_due} (remaining due) + {} (paid)", req.paid),
            (remaining_due + req.paid).to_string(),
        )
    });
    if !req.refunds.is_empty() {
        b.fact_with(|| {
            let parts: Vec<String> = req.refunds.iter().map(|a| a.to_string()).collect();
            (
                "refunds".into(),
                parts.join(" + "),
                format!("−{refund_total}"),
            )
        });
    }
    if !req.credit_refunds.0.is_zero() || !req.credit_consumption.0.is_zero() {
        b.fact_with(|| {
            (
                "overflow (003 §7.2.2.3)".into(),
                format!(
                    "−{} (credit refunds) + {} (credit consumption) = {}",
                    req.credit_refunds, req.credit_consumption, net_credit
                ),
                overflow.to_string(),
            )
        });
    }
    let payable = req
        .payable_split
        .as_ref()
        .map(|p| p.cash + p.credit + p.voucher + p.arrears);
    if let (Some(p), Some(sum)) = (&req.payable_split, payable) {
        b.fact_with(|| {
            (
                "payable (003 §13.2.1)".into(),
                format!(
                    "{} (cash) + {} (credit) + {} (voucher) + {} (arrears)",
                    p.cash, p.credit, p.voucher, p.arrears
                ),
                sum.to_string(),
            )
        });
    }
    if req.paid > total {
        b.note("paid exceeds the total: nothing remains due");
    }
    Ok(BillSummaryResponse {
        cloud_fees: cloud,
        marketplace_fees: marketplace,
        total,
        remaining_due,
        refund_total,
        overflow,
        payable,
        breakdown: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn s5_3_consumption_quota_example() {
        // 500 + 100 − 50 − 50 = 500 of 2,500 → 20 %.
        let r = consumption_quota(&QuotaRequest {
            billed_unpaid: Money(dec!(500)),
            unbilled_estimate: Money(dec!(100)),
            cash_balance: Money(dec!(50)),
            voucher_balance: Money(dec!(50)),
            total_quota: Money(dec!(2500)),
            exhausted_on: None,
            provider: None,
            policy: RoundingPolicy::Document,
        })
        .unwrap();
        assert_eq!(r.used.0, dec!(500));
        assert_eq!(r.used_percent, "20.00");
        assert_eq!(r.state, QuotaState::Normal);
    }

    #[test]
    fn s3_1_1_third_party_split() {
        let o = |a, t| PayOrder {
            id: None,
            amount: Money(a),
            third_party: Money(t),
        };
        let r = merged_payment(&MergedPaymentRequest {
            orders: vec![
                o(dec!(888.00), dec!(0)),
                o(dec!(1101.42), dec!(2.00)),
                o(dec!(25.20), dec!(0)),
            ],
            method: PayMethod::Balance,
            currency: None,
            provider: None,
            policy: RoundingPolicy::Document,
        })
        .unwrap();
        assert_eq!(r.total.0, dec!(2014.62));
        assert_eq!(r.due.0, dec!(2012.62));
    }
}
