//! The auto-renewal schedule (docs/rules.md): when the first deduction is attempted, the
//! daily retries, the last attempt, the expiry after a success and what happens after a failure —
//! Huawei (003 §3.2.3.1, §3.2.3.5, §13.1.2.1) and Aliyun (001).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self, add_months, instant};
use crate::domain::provider::Provider;
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
/// 2020-09-30 03:00. 001: 9 days (Wanwang 15) before at 08:00, daily until the expiry; example
/// 2017-03-30 00:00 → 2017-03-21 08:00 … 2017-03-29 08:00.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn auto_renewal_schedule(
    req: &AutoRenewalRequest,
    mut b: Breakdown,
) -> Result<AutoRenewalResponse> {
    let old_expiry = req.expiry;
    let Some(profile) = req
        .options
        .provider()
        .auto_renewal(req.product_kind.wanwang())
    else {
        return Err(Error::new(
            ErrorCode::NotSupported,
            "provider",
            format!(
                "the {} documents state no auto-renewal schedule",
                req.options.provider().name()
            ),
        ));
    };
    let aliyun = req.options.provider() == Provider::Aliyun;
    if aliyun && req.trial {
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
            return Err(Error::new(
                ErrorCode::NotSupported,
                "deductionDaysBefore",
                format!(
                    "{} has no custom deduction day",
                    req.options.provider().name()
                ),
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
    // The renewal term: chosen, else from the purchase (003 §3.2.3.1: monthly → 1 month,
    // yearly → 1 year), else 1 month.
    let renewal_term = req
        .renewal_term
        .or(req.purchase_term.map(Term::unit_term))
        .unwrap_or(Term::Months(1));
    b.fact_with(|| {
        let why = match (req.renewal_term, req.purchase_term) {
            (Some(_), _) => "chosen in the auto-renewal settings".to_string(),
            (None, Some(p)) => format!(
                "bought for {p} → {} auto-renewal (003 §3.2.3.1)",
                if p.is_yearly() { "1-year" } else { "1-month" }
            ),
            (None, None) => "default".to_string(),
        };
        ("renewal term".into(), why, renewal_term.to_string())
    });

    // A manual renewal moves the schedule to the new expiry (003 §3.2.3.1; 001).
    let expiry = match &req.manual_renewal {
        Some(m) => {
            if m.on.is_some_and(|on| on > old_expiry) && aliyun {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "manualRenewal.on",
                    "after the expiry an Aliyun product is renewed by hand, not on a schedule",
                ));
            }
            let e = add_term(old_expiry, m.term).ok_or_else(|| out_of_range("manualRenewal"))?;
            b.fact_with(|| {
                (
                    "expiry after the manual renewal".into(),
                    format!("{} + {}", instant(old_expiry), m.term),
                    instant(e),
                )
            });
            b.note(
                "a manual renewal before the deduction day moves the next auto-renewal to the new \
                 expiry; preset auto-renewal counts are not used up (003 §3.2.3.1)",
            );
            e
        }
        None => old_expiry,
    };

    if let (true, Some(now)) = (aliyun, req.now) {
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
    }

    let hour = profile.hour;
    let default_first = at_hour(
        expiry
            .date()
            .checked_sub_days(Days::new(u64::from(profile.lead_days)))
            .ok_or_else(|| out_of_range("expiry"))?,
        hour,
    );
    // Last attempt: Huawei 03:00 on the release day (expiry + 30 days); Aliyun the last attempt
    // hour before the expiry instant.
    let (last, fails_after) = match profile.retry_days_after_expiry {
        Some(days) => {
            let release = expiry
                .date()
                .checked_add_days(Days::new(u64::from(days)))
                .filter(|d| calendar::in_range(*d))
                .ok_or_else(|| out_of_range("expiry"))?;
            let end =
                release.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
            (at_hour(release, hour), end)
        }
        None => {
            let same_day = at_hour(expiry.date(), hour);
            let last = if same_day < expiry {
                same_day
            } else {
                at_hour(
                    expiry
                        .date()
                        .pred_opt()
                        .ok_or_else(|| out_of_range("expiry"))?,
                    hour,
                )
            };
            (last, expiry)
        }
    };
    // The custom deduction day restarts the sequence from its own first attempt (003 §3.2.3.1);
    // attempts already made under the default day stay.
    let mut starts: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new(); // (from, until excl.)
    let mut restart: Option<(NaiveDateTime, NaiveDateTime)> = None; // (set on, new sequence from)
    match req.deduction_days_before {
        Some(k) => {
            let custom_first = at_hour(
                expiry
                    .date()
                    .checked_sub_days(Days::new(u64::from(k)))
                    .ok_or_else(|| out_of_range("expiry"))?,
                hour,
            );
            match req.deduction_day_set_on {
                Some(set) if set > default_first => {
                    starts.push((default_first, set));
                    // From the setting on: the custom sequence, not before the next attempt hour.
                    let mut next = at_hour(set.date(), hour);
                    if next < set {
                        next = at_hour(
                            set.date().succ_opt().ok_or_else(|| out_of_range("now"))?,
                            hour,
                        );
                    }
                    let from = custom_first.max(next);
                    restart = Some((set, from));
                    starts.push((from, last + chrono::Duration::seconds(1)));
                }
                _ => starts.push((custom_first, last + chrono::Duration::seconds(1))),
            }
        }
        None => starts.push((default_first, last + chrono::Duration::seconds(1))),
    }
    let mut attempts = Vec::new();
    let mut count: u32 = 0;
    let mut last_attempt = None;
    for (from, until) in starts {
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
    let first_attempt = attempts.first().cloned().unwrap_or_default();
    let last_attempt = last_attempt.map(instant).unwrap_or_default();
    let expiry_on_success = add_term(expiry, renewal_term).ok_or_else(|| out_of_range("expiry"))?;
    b.fact_with(|| {
        let k = match (restart, req.deduction_days_before) {
            (None, Some(k)) => k,
            _ => profile.lead_days,
        };
        (
            "first attempt".into(),
            format!("{} − {k} days at {hour:02}:00", expiry.date()),
            first_attempt.clone(),
        )
    });
    if let (Some((set, from)), Some(k)) = (restart, req.deduction_days_before) {
        b.fact_with(|| {
            (
                "custom deduction day".into(),
                format!(
                    "set on {} to {k} days before: the running sequence stops; the new one starts at {} − {k} days (not before the next {hour:02}:00) (003 §3.2.3.1)",
                    instant(set),
                    expiry.date()
                ),
                instant(from),
            )
        });
    }
    b.fact_with(|| {
        let rule = match profile.retry_days_after_expiry {
            Some(d) => format!("daily at {hour:02}:00 until the release day (expiry + {d} days: 15 days' grace + 15 days' retention)"),
            None => format!("daily at {hour:02}:00 until the expiry"),
        };
        ("last attempt".into(), rule, last_attempt.clone())
    });
    b.fact_with(|| {
        (
            "expiry on success".into(),
            format!("{} + {renewal_term}", instant(expiry)),
            instant(expiry_on_success),
        )
    });
    b.note_with(|| match (req.options.provider(), req.rules) {
        (Provider::Aliyun, _) => "001: an auto-renewal order that finds the balance short is voided; \
             after the expiry only manual renewal is possible (9 days before since 2017-07-24; the \
             2015 example's 8 days is read as a typo, rules.md A10)"
            .to_string(),
        (_, RenewalRules::Old) => "003 §13.1.2.1 (old rules): balance only, no card; vouchers by expiry order".to_string(),
        _ => "003 §3.2.3.1: each attempt pays discount → voucher → balance → bound card; all failing, \
              the resource is released after the retention period"
            .to_string(),
    });
    Ok(AutoRenewalResponse {
        provider: req.options.provider(),
        renewal_term,
        expiry: instant(expiry),
        first_attempt,
        attempts,
        attempt_count: count,
        last_attempt,
        expiry_on_success: instant(expiry_on_success),
        fails_after: instant(fails_after),
        renewal_window_days: if aliyun {
            req.product_kind.renewal_window_days()
        } else {
            None
        },
        breakdown: b,
    })
}
