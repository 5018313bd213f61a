//! Reserved-instance unsubscribe (预留实例, 003 §3.4.2.2 table 3-6).

use chrono::{NaiveDateTime, Timelike};
use rust_decimal::Decimal;

use crate::domain::breakdown::{Breakdown, Detail};
use crate::domain::exact::Exact;
use crate::domain::money::{approx, equals, Money, Ratio};
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::refunds::refund::{refund_to, PaidWith, RefundTo};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// 003 §3.4.2.2 table 3-6: the handling-fee rate on the remaining part, 12 %.
pub const RI_FEE_RATE: Decimal = Decimal::from_parts(12, 0, 0, false, 2);

/// How the reserved instance was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum RiPayment {
    /// 全预付: everything up front.
    FullUpfront,
    /// 无预付: nothing up front, an hourly amount.
    NoUpfront,
    /// 部分预付: exists as a billing mode but has no published refund formula (rules.md A8):
    /// refused with `NOT_SUPPORTED` rather than guessed.
    PartialUpfront,
}

/// Request of `reservedInstanceRefund`. Give either `start`, `end` and `at` (date-times; the
/// remaining time counts from the next whole hour) or `remainingRatio` (with `totalHours` for
/// no-upfront RIs).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct ReservedInstanceRequest {
    /// `fullUpfront` or `noUpfront` (partial upfront has no published formula, rules.md A8).
    pub payment: RiPayment,
    /// Start of the RI term.
    pub start: Option<NaiveDateTime>,
    /// End of the RI term.
    pub end: Option<NaiveDateTime>,
    /// When it is unsubscribed.
    pub at: Option<NaiveDateTime>,
    /// Remaining hours / total hours, when no dates are given (0–1).
    pub remaining_ratio: Option<Ratio>,
    /// Total hours of the term, when no dates are given (no-upfront only).
    pub total_hours: Option<u64>,
    /// Full upfront: cash part of the upfront payment.
    #[json(default)]
    pub upfront_cash: Money,
    /// Full upfront: voucher part of the upfront payment.
    #[json(default)]
    pub upfront_voucher: Money,
    /// No upfront: the hourly amount.
    #[json(default)]
    pub hourly_amount: Money,
    /// No upfront: the RI voucher balance available to pay the fee (it pays first, 003 §3.4.2.2
    /// table 3-6).
    pub voucher_balance: Option<Money>,
    /// No upfront: the account balance available to pay what the vouchers leave.
    pub cash_balance: Option<Money>,
    /// Full upfront: how the upfront part was paid, `balance` (default), `card` or
    /// `monthlySettlement`; says where the refund goes (003 §3.4.6).
    #[json(default)]
    pub paid_with: PaidWith,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `reservedInstanceRefund`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct ReservedInstanceResponse {
    /// Cash refunded to the balance (full upfront), half up to cents; 0 otherwise.
    pub refund: Money,
    /// Full upfront: the remaining value of the cash paid, cash × remaining ratio (at most 8
    /// decimals); 0 for no upfront.
    pub remaining_value: Money,
    /// Handling fee: 12 % of the remaining part of the order amount, half up to cents.
    pub handling_fee: Money,
    /// What the customer pays (no upfront: the fee, by month-end settlement; full upfront: 0).
    pub customer_pays: Money,
    /// No upfront, when the balances are given: the part of the fee paid by RI vouchers (first).
    pub paid_by_voucher: Option<Money>,
    /// No upfront, when the balances are given: the part paid from the account balance (second).
    pub paid_by_balance: Option<Money>,
    /// No upfront, when the balances are given: what neither covers (owed in the month-end bill).
    pub unpaid: Option<Money>,
    /// Remaining hours / total hours.
    pub remaining_ratio: Exact,
    /// Remaining hours (from the next whole hour), when dates were given.
    pub remaining_hours: Option<i64>,
    /// Total hours, when known.
    pub total_hours: Option<i64>,
    /// Full upfront: where the cash refund goes and when it arrives (003 §3.4.6); null when
    /// nothing is refunded (an explanation's: the package gives it on first read, as
    /// `breakdown`).
    pub refund_to: Detail<Option<RefundTo>>,
    /// Line items and formulas (they add up to `refund − customerPays`).
    pub breakdown: Breakdown,
}

/// 003 §3.4.2.2 table 3-6.
/// Full upfront: `refund = max0(cash × ratio − (cash + voucher) × ratio × 12 %)`; vouchers not returned.
/// No upfront: the customer pays `hourly × total hours × ratio × 12 %`, vouchers first, then balance.
/// Every figure is exact; amounts are rounded half up to cents once.
/// Ex. 2: 50 cash + 50 voucher, half the year left: 25 − 6 = 19. Ex. 3: 10 + 90: 5 − 6 < 0 → 0.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn reserved_instance_refund(
    req: &ReservedInstanceRequest,
    mut b: Breakdown,
) -> Result<ReservedInstanceResponse> {
    if req.payment == RiPayment::PartialUpfront {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "payment",
            "partial-upfront reserved instances have no published refund formula (003 §3.4.2.2 table 3-6 covers full and no upfront)",
        ));
    }
    let hours = remaining_ratio(req)?;
    explain_remaining_ratio(&hours, &mut b);
    let mut answer = ReservedInstanceResponse {
        refund: Money::ZERO,
        remaining_value: Money::ZERO,
        handling_fee: Money::ZERO,
        customer_pays: Money::ZERO,
        paid_by_voucher: None,
        paid_by_balance: None,
        unpaid: None,
        remaining_ratio: hours.ratio,
        remaining_hours: hours.remaining,
        total_hours: hours.total,
        refund_to: b.detail(|_| None),
        breakdown: Breakdown::silent(req.options.policy),
    };
    match req.payment {
        RiPayment::FullUpfront => {
            let f = full_upfront(req, hours.ratio)?;
            explain_full_upfront(req, hours.ratio, &f, &mut b);
            let bill_day = req.at.map(|at| at.date());
            answer.refund_to = refund_to(req.paid_with, f.refund, bill_day, &mut b);
            answer.refund = f.refund;
            answer.remaining_value = Money::shown(f.value);
            answer.handling_fee = f.handling_fee;
        }
        RiPayment::NoUpfront | RiPayment::PartialUpfront => {
            let f = no_upfront(req, hours.ratio, hours.total)?;
            explain_no_upfront(req, hours.ratio, &f, &mut b);
            if let Some(split) = f.split {
                answer.paid_by_voucher = Some(split.by_voucher);
                answer.paid_by_balance = Some(split.by_balance);
                answer.unpaid = Some(split.unpaid);
            }
            answer.handling_fee = f.pays;
            answer.customer_pays = f.pays;
        }
    }
    answer.breakdown = b;
    Ok(answer)
}

/// The remaining ratio and where it comes from.
struct RemainingHours {
    /// Remaining hours / total hours.
    ratio: Exact,
    /// Remaining hours, when dates were given.
    remaining: Option<i64>,
    /// Total hours, when known.
    total: Option<i64>,
    /// Where the ratio comes from.
    source: RatioSource,
}

/// A remaining ratio counted from the dates, or given in the request.
#[derive(Clone, Copy)]
enum RatioSource {
    /// Counted from the next whole hour to the term's end: remaining / total hours.
    Counted {
        next_hour: NaiveDateTime,
        end: NaiveDateTime,
        remaining: i64,
        total: i64,
    },
    /// Given as `remainingRatio`.
    Given(Ratio),
}

/// 003 §3.4.2.2 table 3-6: remaining hours / total hours, from the dates (remaining time counted
/// from the next whole hour) or as given (0–1).
fn remaining_ratio(req: &ReservedInstanceRequest) -> Result<RemainingHours> {
    match (req.start, req.end, req.at, req.remaining_ratio) {
        (Some(start), Some(end), Some(at), None) => remaining_hours(start, end, at),
        (None, None, None, Some(r)) => {
            if r.0 > Decimal::ONE {
                return Err(Error::new(
                    ErrorCode::InvalidNumber,
                    "remainingRatio",
                    format!("{r} is above 1"),
                ));
            }
            Ok(RemainingHours {
                ratio: Exact::of(r.0),
                remaining: None,
                total: req.total_hours.map(|h| h.min(1_000_000) as i64),
                source: RatioSource::Given(r),
            })
        }
        _ => Err(Error::new(
            ErrorCode::MissingField,
            "remainingRatio",
            "give either start, end and at, or remainingRatio",
        )),
    }
}

/// 003 §3.4.2.2 table 3-6: a term of whole hours, `at` inside it; the remaining hours count from
/// the next whole hour.
fn remaining_hours(
    start: NaiveDateTime,
    end: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<RemainingHours> {
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "end",
            format!("{end} is not after {start}"),
        ));
    }
    if at < start || at > end {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "at",
            format!("{at} is outside the RI term {start}..{end}"),
        ));
    }
    let total_minutes = (end - start).num_minutes();
    let total = total_minutes / 60;
    if total_minutes % 60 != 0 || total == 0 {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "end",
            "an RI term is a whole number of hours",
        ));
    }
    let next_hour = if at.minute() == 0 && at.second() == 0 {
        at
    } else {
        at.with_minute(0)
            .and_then(|t| t.with_second(0))
            .unwrap_or(at)
            + chrono::Duration::hours(1)
    };
    let remaining = ((end - next_hour).num_minutes() / 60).max(0);
    Ok(RemainingHours {
        ratio: Exact::ratio(remaining, total),
        remaining: Some(remaining),
        total: Some(total),
        source: RatioSource::Counted {
            next_hour,
            end,
            remaining,
            total,
        },
    })
}

/// The remaining ratio as a fact: counted from the dates, or given.
fn explain_remaining_ratio(hours: &RemainingHours, b: &mut Breakdown) {
    let ratio = hours.ratio;
    match hours.source {
        RatioSource::Counted {
            next_hour,
            end,
            remaining,
            total,
        } => {
            b.fact_msg(|| {
                crate::msg!(
                    "ri.remainingRatio",
                    next = next_hour,
                    end = end,
                    remaining = remaining,
                    total = total,
                    value = format!("{ratio} {}", equals(ratio))
                )
            });
        }
        RatioSource::Given(r) => b.fact_msg(|| crate::msg!("ri.ratioGiven", value = r)),
    }
}

/// The figures of a full-upfront RI's refund.
struct FullUpfront {
    /// cash × ratio.
    value: Exact,
    /// (cash + voucher) × ratio × 12 %.
    fee: Exact,
    /// value − fee.
    net: Exact,
    /// The net, 0 when negative, half up to cents.
    refund: Money,
    /// The fee half up to cents.
    handling_fee: Money,
}

/// 003 §3.4.2.2 table 3-6, full upfront: `refund = max0(cash × ratio − (cash + voucher) × ratio
/// × 12 %)`.
fn full_upfront(req: &ReservedInstanceRequest, ratio: Exact) -> Result<FullUpfront> {
    let value = req.upfront_cash.exact().times(ratio)?;
    let upfront = req.upfront_cash + req.upfront_voucher;
    let fee = upfront
        .exact()
        .times(ratio)?
        .times(Exact::of(RI_FEE_RATE))?;
    let net = value.minus(fee)?;
    let refund = Money::cents_of(net.max0())?;
    let handling_fee = Money::cents_of(fee)?;
    Ok(FullUpfront {
        value,
        fee,
        net,
        refund,
        handling_fee,
    })
}

/// The breakdown of a full-upfront refund: the remaining value, the fee, no refund below zero,
/// the final rounding; vouchers not returned (003 §3.4.2.2 table 3-6).
fn explain_full_upfront(
    req: &ReservedInstanceRequest,
    ratio: Exact,
    f: &FullUpfront,
    b: &mut Breakdown,
) {
    let (value, fee, net, refund) = (f.value, f.fee, f.net, f.refund);
    b.line_msg(Money::shown(value), || {
        crate::msg!(
            "ri.remainingValue",
            cash = req.upfront_cash,
            ratio = ratio,
            result = equals(value)
        )
    });
    b.line_msg(Money::shown(fee.negated()), || {
        crate::msg!(
            "ri.handlingFee",
            cash = req.upfront_cash,
            voucher = req.upfront_voucher,
            ratio = ratio,
            result = equals(fee)
        )
    });
    if net.is_negative() {
        b.line_msg(Money::shown(net.negated()), || {
            crate::msg!("ri.belowZero", net = approx(net))
        });
    }
    b.settle_msg(refund, || {
        crate::msg!(
            "quote.finalRounding",
            value = approx(net.max0()),
            total = refund
        )
    });
    b.note_msg(|| crate::msg!("ri.vouchersKept"));
}

/// Who pays a no-upfront RI's fee: RI vouchers first, then the balance.
#[derive(Clone, Copy)]
struct FeeSplit {
    by_voucher: Money,
    by_balance: Money,
    unpaid: Money,
}

/// The figures of a no-upfront RI's fee.
struct NoUpfront {
    /// The total hours it is computed over.
    total_hours: i64,
    /// hourly × total hours × ratio × 12 %, exact.
    fee: Exact,
    /// The fee half up to cents: what the customer pays.
    pays: Money,
    /// Who pays it, when the balances are given.
    split: Option<FeeSplit>,
}

/// 003 §3.4.2.2 table 3-6, no upfront: the customer pays `hourly × total hours × ratio × 12 %`,
/// RI vouchers first, then the balance; what neither covers stays owed.
fn no_upfront(
    req: &ReservedInstanceRequest,
    ratio: Exact,
    total_hours: Option<i64>,
) -> Result<NoUpfront> {
    let total = required(
        total_hours,
        "totalHours",
        "a no-upfront RI needs its total hours",
    )?;
    let fee = req
        .hourly_amount
        .exact()
        .times(Exact::whole(total))?
        .times(ratio)?
        .times(Exact::of(RI_FEE_RATE))?;
    let pays = Money::cents_of(fee)?;
    let split = (req.voucher_balance.is_some() || req.cash_balance.is_some()).then(|| {
        let by_voucher = req.voucher_balance.unwrap_or_default().min(pays);
        let by_balance = req.cash_balance.unwrap_or_default().min(pays - by_voucher);
        FeeSplit {
            by_voucher,
            by_balance,
            unpaid: pays - by_voucher - by_balance,
        }
    });
    Ok(NoUpfront {
        total_hours: total,
        fee,
        pays,
        split,
    })
}

/// The breakdown of a no-upfront fee: the fee, the final rounding, who pays it (003 §3.4.2.2
/// table 3-6).
fn explain_no_upfront(
    req: &ReservedInstanceRequest,
    ratio: Exact,
    f: &NoUpfront,
    b: &mut Breakdown,
) {
    let (total, fee, pays) = (f.total_hours, f.fee, f.pays);
    b.line_msg(Money::shown(fee.negated()), || {
        crate::msg!(
            "ri.feePaid",
            hourly = req.hourly_amount,
            hours = total,
            ratio = ratio,
            result = equals(fee)
        )
    });
    b.settle_msg(-pays, || {
        crate::msg!("quote.finalRounding", value = approx(fee), total = pays)
    });
    b.note_msg(|| crate::msg!("ri.monthEnd"));
    if let Some(FeeSplit {
        by_voucher,
        by_balance,
        unpaid,
    }) = f.split
    {
        b.fact_msg(|| {
            crate::msg!(
                "ri.whoPays",
                vouchers = req.voucher_balance.unwrap_or_default(),
                pays = pays,
                byVoucher = by_voucher,
                balance = req.cash_balance.unwrap_or_default(),
                rest = pays - by_voucher,
                byBalance = by_balance,
                value = crate::msg!(
                    "ri.whoPaysValue",
                    byVoucher = by_voucher,
                    byBalance = by_balance,
                    unpaid = unpaid
                )
            )
        });
        if unpaid.is_positive() {
            b.note_msg(|| crate::msg!("ri.unpaid", unpaid = unpaid));
        }
    }
}
