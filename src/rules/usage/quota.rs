//! The consumption quota of monthly-settlement customers (003 §5.3; docs/rules.md).

use chrono::{Days, NaiveDate};

use crate::domain::breakdown::Breakdown;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::messages::{Figure, Msg};
use crate::domain::money::Money;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Request of `consumptionQuota`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct QuotaRequest {
    /// 累计已出账应还金额: billed and not yet repaid.
    pub billed_unpaid: Money,
    /// 未出账预估金额: the estimate of the month not yet billed (month-end settlement fees).
    pub unbilled_estimate: Money,
    /// 现金余额.
    #[json(default)]
    pub cash_balance: Money,
    /// 代金券余额.
    #[json(default)]
    pub voucher_balance: Money,
    /// 总消费配额: the quota granted.
    pub total_quota: Money,
    /// The day the quota reached 100 % without repayment, for the grace/retention dates; not used
    /// (a note says so) when the figures give less than 100 % (003 §5.3).
    pub exhausted_on: Option<NaiveDate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Where the account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum QuotaState {
    /// ≤ 80 % used.
    Normal,
    /// > 80 %: SMS/e-mail reminder (003 §5.3).
    Reminder,
    /// ≥ 100 %: no new services; the bound card is charged to restore the quota; unpaid → grace.
    Exhausted,
}

/// Result of `consumptionQuota`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct QuotaResponse {
    /// 已用消费配额 = billed unpaid + unbilled estimate − cash − vouchers (not below 0).
    pub used: Money,
    /// 剩余消费配额 = total − used (not below 0).
    pub remaining: Money,
    /// used / total in percent, half up to 2 decimals.
    pub used_percent: String,
    /// `normal`, `reminder` or `exhausted`.
    pub state: QuotaState,
    /// With `exhaustedOn` and 100 % or more used: the first day of the retention period (after 15
    /// days of grace); null below 100 % (003 §5.3).
    pub retention_starts: Option<NaiveDate>,
    /// With `exhaustedOn` and 100 % or more used: the day pay-per-use resources are released (after
    /// 15 days of retention); null below 100 %.
    pub release_on: Option<NaiveDate>,
    /// Reminder days: 15/7/3/1 days before retention and before release (none below 100 %).
    pub reminders: Vec<String>,
    /// Lines add up to `used`.
    pub breakdown: Breakdown,
}

/// 003 §5.3: `used = billed unpaid + unbilled estimate − cash − vouchers`; example
/// 500 + 100 − 50 − 50 = 500 of 2,500 (20 %).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn consumption_quota(req: &QuotaRequest, mut b: Breakdown) -> Result<QuotaResponse> {
    if !req.total_quota.is_positive() {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "totalQuota",
            "the total quota must be above 0",
        ));
    }
    for (key, owed) in [
        ("quota.billedUnpaid", req.billed_unpaid),
        ("quota.unbilled", req.unbilled_estimate),
    ] {
        b.line_msg(owed, || {
            Msg::new(key).with("amount", Figure::Text(owed.to_string()))
        });
    }
    for (key, held) in [
        ("quota.cash", req.cash_balance),
        ("quota.vouchers", req.voucher_balance),
    ] {
        b.line_msg(-held, || {
            Msg::new(key).with("amount", Figure::Text(held.to_string()))
        });
    }
    let raw = req.billed_unpaid + req.unbilled_estimate - req.cash_balance - req.voucher_balance;
    let used = raw.max0();
    b.settle_msg(used, || crate::msg!("quota.notBelowZero", raw = raw));
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
    // 003 §5.3: grace, retention and release follow only a quota at 100 % or more not repaid.
    let exhausted_on = req.exhausted_on.filter(|_| state == QuotaState::Exhausted);
    let (retention_starts, release_on, reminders) = timeline(exhausted_on)?;
    if let (Some(d), None) = (req.exhausted_on, exhausted_on) {
        b.note_msg(|| crate::msg!("quota.exhaustedOnUnused", day = d, percent = percent));
    }
    b.fact_msg(|| {
        crate::msg!(
            "quota.usedShare",
            used = used,
            total = req.total_quota,
            value = format!("{percent} %")
        )
    });
    b.note_msg(|| {
        Msg::new(match state {
            QuotaState::Normal => "quota.normal",
            QuotaState::Reminder => "quota.reminder",
            QuotaState::Exhausted => "quota.exhausted",
        })
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

/// 003 §5.3: from the day the quota was exhausted and not repaid, 15 days' grace, then 15 days'
/// retention, then release; reminders 15/7/3/1 days before retention and before release.
fn timeline(
    exhausted_on: Option<NaiveDate>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>, Vec<String>)> {
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
    let retention_starts = exhausted_on.map(|d| add(d, 15)).transpose()?;
    let release_on = exhausted_on.map(|d| add(d, 30)).transpose()?;
    let mut reminders = Vec::new();
    for (what, day) in [("retention", retention_starts), ("release", release_on)] {
        if let Some(day) = day {
            for n in [15, 7, 3, 1] {
                if let Some(r) = day.checked_sub_days(Days::new(n)) {
                    if exhausted_on.is_some_and(|e| r >= e) {
                        reminders.push(format!("{r}: {n} days before {what}"));
                    }
                }
            }
        }
    }
    Ok((retention_starts, release_on, reminders))
}
