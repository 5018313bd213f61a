//! The auto-renewal schedule (docs/rules.md): when the first deduction is attempted, the
//! daily retries, the last attempt, the expiry after a success and what happens after a failure —
//! Huawei (003 §3.2.3.1, §3.2.3.5, §13.1.2.1) and Aliyun (001).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self, add_months, instant};
use crate::domain::messages::{Figure, Msg};
use crate::domain::provider::{AutoRenewalProfile, Provider};
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Largest custom deduction day (days before expiry); the documents set no bound (billcalc's).
pub const MAX_DEDUCTION_DAYS: u32 = 30;

/// Huawei rule set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum RenewalRules {
    /// 003 §3.2.3.1: custom deduction day, card after balance.
    #[default]
    Current,
    /// 003 §13.1.2.1: 7 days before, balance only, no custom day.
    Old,
}

/// Aliyun product family (001), for the 15-day lead and the post-expiry renewal windows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum ProductKind {
    /// Any other product (ECS …).
    #[default]
    Default,
    /// Domain names (Wanwang): renewable 30 days after expiry.
    Domain,
    /// `.hk` domains: 28 days.
    HkDomain,
    /// Virtual hosting: 15 days, then released.
    VirtualHosting,
    /// Website-building products: 30 days.
    Website,
    /// Enterprise mail: 30 days.
    EnterpriseMail,
}

impl ProductKind {
    fn wanwang(self) -> bool {
        self != ProductKind::Default
    }

    /// 001 "expired-renewal rules for Wanwang products": days renewable after expiry.
    fn renewal_window_days(self) -> Option<u32> {
        match self {
            ProductKind::Default => None,
            ProductKind::HkDomain => Some(28),
            ProductKind::VirtualHosting => Some(15),
            ProductKind::Domain | ProductKind::Website | ProductKind::EnterpriseMail => Some(30),
        }
    }
}

/// A manual renewal made while auto-renewal is on.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct ManualRenewal {
    /// When it was paid (optional: the new expiry is the old one + `term` whenever it was paid,
    /// 003 §3.2.3.1; given, Aliyun refuses one after the expiry, 001).
    pub on: Option<NaiveDateTime>,
    /// Its term (`1M`, `1Y`).
    pub term: Term,
}

/// Request of `autoRenewalSchedule`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct AutoRenewalRequest {
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
    /// Huawei: `current` (default) or `old` rules.
    #[json(default)]
    pub rules: RenewalRules,
    /// Aliyun: the product family (default `default`).
    #[json(default)]
    pub product_kind: ProductKind,
    /// The expiry instant (`2020-08-31T23:59:59` Huawei, `2017-03-30T00:00` Aliyun), provider
    /// time; a plain date `2020-08-31` is that day's end, 23:59:59 (rules.md A19). Required: every
    /// attempt is counted from it (003 §3.2.3.1).
    #[json(with = "crate::io::read::expiry")]
    #[json(ts = "string")]
    pub expiry: NaiveDateTime,
    /// The term the resource was bought for: monthly → 1-month renewals, yearly → 1-year.
    pub purchase_term: Option<Term>,
    /// The renewal term chosen in the auto-renewal settings (instead of `purchaseTerm`'s).
    pub renewal_term: Option<Term>,
    /// Huawei current rules: the custom deduction day, days before expiry (1–30).
    pub deduction_days_before: Option<u32>,
    /// When the custom day was set (absent: before the schedule started).
    pub deduction_day_set_on: Option<NaiveDateTime>,
    /// A manual renewal: the schedule moves to the new expiry.
    pub manual_renewal: Option<ManualRenewal>,
    /// When auto-renewal is switched on (Aliyun refusals: expires the next day; < 20 days for
    /// Wanwang products).
    pub now: Option<NaiveDateTime>,
    /// A free or trial product (Aliyun: no auto-renewal).
    #[json(default)]
    pub trial: bool,
}

/// Result of `autoRenewalSchedule`. Instants are provider time (`…+08:00`, rules.md A19).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct AutoRenewalResponse {
    /// The provider whose rules apply.
    pub provider: Provider,
    /// The length of each auto-renewal (`1M`, `1Y`).
    pub renewal_term: Term,
    /// The expiry the schedule runs against (after a manual renewal, the new one).
    pub expiry: String,
    /// The first deduction attempt.
    pub first_attempt: String,
    /// The first attempts, in order (at most 5; then daily until `lastAttempt`).
    pub attempts: Vec<String>,
    /// Number of attempts if every one fails.
    pub attempt_count: u32,
    /// The last attempt.
    pub last_attempt: String,
    /// The expiry after a successful auto-renewal.
    pub expiry_on_success: String,
    /// When every attempt fails: Huawei releases the resource after this instant; Aliyun
    /// stops auto-renewing at the expiry.
    pub fails_after: String,
    /// Aliyun Wanwang products: days a lapsed product may still be renewed by hand (001).
    pub renewal_window_days: Option<u32>,
    /// Facts and notes (no money lines).
    pub breakdown: Breakdown,
}

fn at_hour(d: NaiveDate, hour: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

fn add_term(t: NaiveDateTime, term: Term) -> Option<NaiveDateTime> {
    add_months(t.date(), term.months()).map(|d| d.and_time(t.time()))
}

fn out_of_range(path: &str) -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        path,
        "the schedule runs past 9999-12-31",
    )
}

/// 003 §3.2.3.1: first attempt 7 days (or the custom day) before the expiry at 03:00, daily
/// until release (expiry + 15 + 15 days); example 2020-08-31 23:59:59 → 2020-08-24 03:00 …
/// 2020-09-30 03:00. 003 §3.2.3.5: a custom day takes effect when it is set (no attempt before
/// the setting is made under it). 001: 9 days (Wanwang 15) before at 08:00, daily until the
/// expiry; example 2017-03-30 00:00 → 2017-03-21 08:00 … 2017-03-29 08:00.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn auto_renewal_schedule(
    req: &AutoRenewalRequest,
    mut b: Breakdown,
) -> Result<AutoRenewalResponse> {
    let profile = check_request(req)?;
    // The renewal term: chosen, else from the purchase (003 §3.2.3.1: monthly → 1 month,
    // yearly → 1 year), else 1 month.
    let renewal_term = req
        .renewal_term
        .or(req.purchase_term.map(Term::unit_term))
        .unwrap_or(Term::Months(1));
    check_offered_term(req)?;
    explain_term(req, renewal_term, &mut b);
    let expiry = expiry_after_manual_renewal(req, &mut b)?;
    check_aliyun_now(req, expiry)?;
    let s = schedule(req, &profile, expiry)?;
    let expiry_on_success = add_term(expiry, renewal_term).ok_or_else(|| out_of_range("expiry"))?;
    explain_schedule(req, &profile, &s, expiry, &mut b);
    b.fact_msg(|| {
        crate::msg!(
            "autoRenew.expiryOnSuccess",
            expiry = instant(expiry),
            term = renewal_term,
            value = instant(expiry_on_success)
        )
    });
    explain_payment(req, &mut b);
    let aliyun = req.options.provider() == Provider::Aliyun;
    Ok(AutoRenewalResponse {
        provider: req.options.provider(),
        renewal_term,
        expiry: instant(expiry),
        first_attempt: s.attempts.first().cloned().unwrap_or_default(),
        attempts: s.attempts,
        attempt_count: s.count,
        last_attempt: s.last_attempt.map(instant).unwrap_or_default(),
        expiry_on_success: instant(expiry_on_success),
        fails_after: instant(s.fails_after),
        renewal_window_days: if aliyun {
            req.product_kind.renewal_window_days()
        } else {
            None
        },
        breakdown: b,
    })
}

/// The provider's schedule (Wanwang products' own with Aliyun), or `NOT_SUPPORTED`.
fn profile(provider: Provider, wanwang: bool) -> Result<AutoRenewalProfile> {
    provider.auto_renewal(wanwang).ok_or_else(|| {
        let msg = format!(
            "the {} documents state no auto-renewal schedule",
            provider.name()
        );
        Error::new(ErrorCode::NotSupported, "provider", msg)
    })
}

/// 003 §3.2.3.1: the first deduction attempt of the provider's default schedule for a period
/// expiring at `expiry` (what a cart line with auto-renewal on says).
pub(crate) fn first_attempt(provider: Provider, expiry: NaiveDateTime) -> Result<String> {
    let p = profile(provider, false)?;
    Ok(instant(days_before(expiry, p.lead_days, p.hour)?))
}

/// The provider's schedule, or the refusal: no schedule stated (002, 004), an Aliyun trial (001),
/// a custom day under the old rules (003 §13.1.2.1), with Aliyun, or outside 1–30 days.
fn check_request(req: &AutoRenewalRequest) -> Result<AutoRenewalProfile> {
    let provider = req.options.provider();
    let profile = profile(provider, req.product_kind.wanwang())?;
    if provider == Provider::Aliyun && req.trial {
        return Err(Error::new(
            ErrorCode::AutoRenewNotAllowed,
            "trial",
            "free and trial products cannot auto-renew (001)",
        ));
    }
    if req.rules == RenewalRules::Old && req.deduction_days_before.is_some() {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "deductionDaysBefore",
            "the old rules have no custom deduction day (003 §13.1.2.1)",
        ));
    }
    if let Some(k) = req.deduction_days_before {
        if !profile.custom_day {
            let msg = format!("{} has no custom deduction day", provider.name());
            return Err(Error::new(
                ErrorCode::NotSupported,
                "deductionDaysBefore",
                msg,
            ));
        }
        if !(1..=MAX_DEDUCTION_DAYS).contains(&k) {
            return Err(Error::new(
                ErrorCode::InvalidNumber,
                "deductionDaysBefore",
                format!("{k}: a deduction day is 1 to {MAX_DEDUCTION_DAYS} days before expiry"),
            ));
        }
    }
    Ok(profile)
}

/// 003 §3.2.3.2, §3.2.3.3: Huawei's auto-renewal dialog offers 1, 3, 6 or 9 months for a
/// monthly resource ("选择续费时长： 1个月 3个月 6个月 9个月"); yearly terms renew by year. Any other
/// monthly term (2M, 10M, 12M …) is refused rather than scheduled.
fn check_offered_term(req: &AutoRenewalRequest) -> Result<()> {
    match (req.options.provider(), req.renewal_term) {
        (Provider::Huawei, Some(Term::Months(n))) if ![1, 3, 6, 9].contains(&n) => {
            Err(Error::new(
                ErrorCode::AutoRenewNotAllowed,
                "renewalTerm",
                format!("{n}M: Huawei auto-renews a monthly resource for 1, 3, 6 or 9 months (003 §3.2.3.3); a year is 1Y"),
            ))
        }
        _ => Ok(()),
    }
}

/// The renewal term's fact: chosen, from the purchase term (003 §3.2.3.1), or the default.
fn explain_term(req: &AutoRenewalRequest, renewal_term: Term, b: &mut Breakdown) {
    b.fact_msg(|| match (req.renewal_term, req.purchase_term) {
        (Some(_), _) => crate::msg!("autoRenew.termChosen", value = renewal_term),
        (None, Some(p)) => {
            let kind = if p.is_yearly() {
                "autoRenew.oneYear"
            } else {
                "autoRenew.oneMonth"
            };
            crate::msg!(
                "autoRenew.termFromPurchase",
                purchase = p,
                kind = Msg::new(kind),
                value = renewal_term
            )
        }
        (None, None) => crate::msg!("autoRenew.termDefault", value = renewal_term),
    });
}

/// A manual renewal moves the schedule to the new expiry (003 §3.2.3.1; 001).
fn expiry_after_manual_renewal(
    req: &AutoRenewalRequest,
    b: &mut Breakdown,
) -> Result<NaiveDateTime> {
    let old_expiry = req.expiry;
    let Some(m) = &req.manual_renewal else {
        return Ok(old_expiry);
    };
    if m.on.is_some_and(|on| on > old_expiry) && req.options.provider() == Provider::Aliyun {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "manualRenewal.on",
            "after the expiry an Aliyun product is renewed by hand, not on a schedule",
        ));
    }
    let e = add_term(old_expiry, m.term).ok_or_else(|| out_of_range("manualRenewal"))?;
    b.fact_msg(|| {
        crate::msg!(
            "autoRenew.afterManual",
            expiry = instant(old_expiry),
            term = m.term,
            value = instant(e)
        )
    });
    b.note_msg(|| crate::msg!("autoRenew.manualMoves"));
    Ok(e)
}

/// 001: Aliyun refuses auto-renewal for an instance expiring by the next day, and for Wanwang
/// products with fewer than 20 days left.
fn check_aliyun_now(req: &AutoRenewalRequest, expiry: NaiveDateTime) -> Result<()> {
    let (true, Some(now)) = (req.options.provider() == Provider::Aliyun, req.now) else {
        return Ok(());
    };
    let left = expiry.signed_duration_since(now).num_days();
    let next_day = now.date().succ_opt().is_some_and(|d| expiry.date() <= d);
    if next_day {
        return Err(Error::new(
            ErrorCode::AutoRenewNotAllowed,
            "now",
            "the instance expires by the next day: renew it by hand (001)",
        ));
    }
    if req.product_kind.wanwang() && left < 20 {
        return Err(Error::new(
            ErrorCode::AutoRenewNotAllowed,
            "now",
            format!(
                "{left} days before expiry: domain and website auto-renewal is set or cancelled \
                 only with at least 20 days left (001)"
            ),
        ));
    }
    Ok(())
}

/// How the custom deduction day met the running schedule (003 §3.2.3.1, §3.2.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CustomStart {
    /// No custom day, or one set before its first attempt: the schedule starts on its day.
    OnItsDay,
    /// Set after the default sequence started: those attempts stay, the new sequence starts at
    /// its day, not before the next attempt hour after `set`.
    Restarted {
        set: NaiveDateTime,
        from: NaiveDateTime,
    },
    /// Set before the default sequence started but after the custom day's first attempt hour:
    /// it takes effect when set, so the first attempt is the next attempt hour after `set`.
    Late {
        set: NaiveDateTime,
        from: NaiveDateTime,
    },
}

/// The figures of a schedule.
struct Schedule {
    /// The first attempt under the default lead days.
    default_first: NaiveDateTime,
    /// How a custom day changed the start.
    start: CustomStart,
    /// The first attempts (at most 5).
    attempts: Vec<String>,
    /// Attempts if every one fails.
    count: u32,
    last_attempt: Option<NaiveDateTime>,
    /// Huawei: the end of the release day; Aliyun: the expiry.
    fails_after: NaiveDateTime,
}

/// `hour` on `k` days before the expiry's date.
fn days_before(expiry: NaiveDateTime, k: u32, hour: u32) -> Result<NaiveDateTime> {
    let day = expiry.date().checked_sub_days(Days::new(u64::from(k)));
    Ok(at_hour(day.ok_or_else(|| out_of_range("expiry"))?, hour))
}

/// The first attempt hour at or after `t`.
fn next_attempt_hour(t: NaiveDateTime, hour: u32) -> Result<NaiveDateTime> {
    let same_day = at_hour(t.date(), hour);
    if same_day >= t {
        return Ok(same_day);
    }
    let next = t
        .date()
        .succ_opt()
        .ok_or_else(|| out_of_range("deductionDaySetOn"))?;
    Ok(at_hour(next, hour))
}

/// The last attempt and the instant after which every attempt has failed: Huawei 03:00 on the
/// release day (expiry + 30 days) and that day's end; Aliyun the last attempt hour before the
/// expiry instant, and the expiry.
fn last_and_fails_after(
    profile: &AutoRenewalProfile,
    expiry: NaiveDateTime,
) -> Result<(NaiveDateTime, NaiveDateTime)> {
    let hour = profile.hour;
    if let Some(days) = profile.retry_days_after_expiry {
        let release = expiry
            .date()
            .checked_add_days(Days::new(u64::from(days)))
            .filter(|d| calendar::in_range(*d))
            .ok_or_else(|| out_of_range("expiry"))?;
        let end = release.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
        return Ok((at_hour(release, hour), end));
    }
    let same_day = at_hour(expiry.date(), hour);
    if same_day < expiry {
        return Ok((same_day, expiry));
    }
    let before = expiry
        .date()
        .pred_opt()
        .ok_or_else(|| out_of_range("expiry"))?;
    Ok((at_hour(before, hour), expiry))
}

/// The figures: the sequences of daily attempts (the default one until a custom day is set, then
/// the custom one), counted up to the last attempt.
fn schedule(
    req: &AutoRenewalRequest,
    profile: &AutoRenewalProfile,
    expiry: NaiveDateTime,
) -> Result<Schedule> {
    let hour = profile.hour;
    let default_first = days_before(expiry, profile.lead_days, hour)?;
    let (last, fails_after) = last_and_fails_after(profile, expiry)?;
    let end = last + chrono::Duration::seconds(1);
    let mut runs: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new(); // (from, until excl.)
    let mut start = CustomStart::OnItsDay;
    match (req.deduction_days_before, req.deduction_day_set_on) {
        (None, _) => runs.push((default_first, end)),
        (Some(k), None) => runs.push((days_before(expiry, k, hour)?, end)),
        (Some(k), Some(set)) => {
            let custom_first = days_before(expiry, k, hour)?;
            // 003 §3.2.3.5: effective when set; attempts at the attempt hour only.
            let from = custom_first.max(next_attempt_hour(set, hour)?);
            if set > default_first {
                runs.push((default_first, set));
                start = CustomStart::Restarted { set, from };
            } else if from > custom_first {
                start = CustomStart::Late { set, from };
            }
            runs.push((from, end));
        }
    }
    let (mut attempts, mut count, mut last_attempt) = (Vec::new(), 0u32, None);
    for (from, until) in runs {
        let mut t = from;
        let mut guard = 0;
        while t < until && t <= last && guard < 400 {
            if attempts.len() < 5 {
                attempts.push(instant(t));
            }
            count += 1;
            last_attempt = Some(t);
            let Some(next) = t.checked_add_days(Days::new(1)) else {
                break;
            };
            t = next;
            guard += 1;
        }
    }
    Ok(Schedule {
        default_first,
        start,
        attempts,
        count,
        last_attempt,
        fails_after,
    })
}

/// The explanation: the first attempt, how a custom day changed it, the last attempt.
fn explain_schedule(
    req: &AutoRenewalRequest,
    profile: &AutoRenewalProfile,
    s: &Schedule,
    expiry: NaiveDateTime,
    b: &mut Breakdown,
) {
    let hour = profile.hour;
    let first_attempt = s.attempts.first().cloned().unwrap_or_default();
    let day = expiry.date();
    b.fact_msg(|| {
        let m = match (s.start, req.deduction_days_before) {
            (CustomStart::OnItsDay, Some(k)) => {
                crate::msg!(
                    "autoRenew.firstAttempt",
                    day = day,
                    days = k,
                    at = clock(hour)
                )
            }
            (CustomStart::Late { set, .. }, Some(k)) => crate::msg!(
                "autoRenew.firstAttemptLate",
                day = day,
                days = k,
                at = clock(hour),
                passed = instant(days_before(expiry, k, hour).unwrap_or(s.default_first)),
                set = instant(set)
            ),
            _ => crate::msg!(
                "autoRenew.firstAttempt",
                day = day,
                days = profile.lead_days,
                at = clock(hour)
            ),
        };
        m.with("value", Figure::Text(first_attempt.clone()))
    });
    if let (CustomStart::Restarted { set, from }, Some(k)) = (s.start, req.deduction_days_before) {
        b.fact_msg(|| {
            crate::msg!(
                "autoRenew.customDay",
                set = instant(set),
                days = k,
                day = day,
                at = clock(hour),
                value = instant(from)
            )
        });
    }
    let last_attempt = s.last_attempt.map(instant).unwrap_or_default();
    b.fact_msg(|| match profile.retry_days_after_expiry {
        Some(d) => crate::msg!(
            "autoRenew.lastUntilRelease",
            at = clock(hour),
            days = d,
            value = &last_attempt
        ),
        None => crate::msg!(
            "autoRenew.lastUntilExpiry",
            at = clock(hour),
            value = &last_attempt
        ),
    });
}

/// An hour of the day as a schedule shows it (`09:00`).
fn clock(hour: u32) -> String {
    format!("{hour:02}:00")
}

/// The note on what each attempt pays with, by provider and rules.
fn explain_payment(req: &AutoRenewalRequest, b: &mut Breakdown) {
    b.note_msg(|| match (req.options.provider(), req.rules) {
        (Provider::Aliyun, _) => crate::msg!("autoRenew.payAliyun"),
        (_, RenewalRules::Old) => crate::msg!("autoRenew.payOldRules"),
        _ => crate::msg!("autoRenew.pay"),
    });
}
