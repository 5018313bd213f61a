//! Renewing or buying a resource package again (003 §3.2.4.1–2, §3.2.2.2, §13.1.3;
//! docs/rules.md): when the new term starts and ends, and when it is refused.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{add_months, expiry_instant};
use crate::domain::messages::Msg;
use crate::domain::money::Ratio;
use crate::domain::term::Term;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::usage::package_usage::{same, PackageKind};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Renew (starts at the old expiry) or buy again (starts at once or at a chosen day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PackageAction {
    /// 续费.
    Renew,
    /// 再次购买.
    Repurchase,
}

/// Request of `packageRenewal`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PackageRenewalRequest {
    /// `renew` or `repurchase`.
    pub action: PackageAction,
    /// The package's kind.
    pub kind: PackageKind,
    /// Its quota (per cycle when resettable).
    pub quota: Ratio,
    /// Non-resettable: what is left of it.
    pub remaining: Option<Ratio>,
    /// The current package's last valid day (renewals).
    pub end: Option<NaiveDate>,
    /// Whether it is on auto-renewal.
    #[json(default)]
    pub auto_renewal: bool,
    /// The product (`OBS` packages may be bought monthly and renewed yearly).
    pub product: Option<String>,
    /// The term the package was bought by (`1M` monthly, `1Y` yearly) — renewals keep the kind.
    pub purchased_by: Option<Term>,
    /// Trial ("OBS storage 40 GB" …) or delisted packages cannot be repurchased (003 §3.2.4.2).
    /// A renewal must say which: `delisted` (not renewable) or neither (a trial package).
    #[json(default)]
    pub trial_or_delisted: bool,
    /// A delisted product: neither renewed (003 §3.2.2.1 item 9) nor repurchased (003 §3.2.4.2).
    #[json(default)]
    pub delisted: bool,
    /// The operation day.
    pub date: NaiveDate,
    /// The term bought.
    pub term: Term,
    /// Repurchase: a later start day (current version: any package).
    pub start_at: Option<NaiveDate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `packageRenewal`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PackageRenewalResponse {
    /// First valid day of the new term.
    pub start: NaiveDate,
    /// Last valid day.
    pub end: NaiveDate,
    /// The expiry instant (`…T23:59:59+08:00`).
    pub expires_at: String,
    /// Resettable: the quota of every cycle; non-resettable: the total for the new term.
    pub quota: Ratio,
    /// True when the new term starts after the operation day (a "not yet effective" resource
    /// for unsubscribing, 003 §3.4.3).
    pub not_yet_effective: bool,
    /// Facts and notes.
    pub breakdown: Breakdown,
}

fn refuse(path: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::PackageNotRenewable, path, message)
}

/// 003 §3.2.2.1 item 9: a delisted product is not renewed; a trial package is (only its batch
/// renewal is barred, item 5), so `trialOrDelisted` alone cannot decide a renewal: refused as
/// ambiguous (`INVALID_INPUT`) rather than guessed.
fn check_renewable(req: &PackageRenewalRequest) -> Result<()> {
    if req.delisted {
        return Err(refuse(
            "delisted",
            "delisted products cannot be renewed (003 §3.2.2.1 item 9): buy an available package",
        ));
    }
    if req.trial_or_delisted {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "trialOrDelisted",
            "a renewal needs to know which: a delisted package cannot be renewed (003 §3.2.2.1 item 9; \
             say `delisted: true`), a trial package can (drop `trialOrDelisted`)",
        ));
    }
    Ok(())
}

/// 003 §3.2.4.1, §3.2.4.2, §13.1.3: a renewal starts at the old expiry; a repurchase at once (or
/// at a chosen day). Refusals (003 §3.2.2.2, §3.2.4): a used-up non-resettable package without
/// auto-renewal, an expired package, a monthly package renewed by year (except OBS) or a yearly
/// one by month, monthly renewals beyond 9 months, renewing a delisted package (003 §3.2.2.1
/// item 9), repurchasing trial or delisted packages.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn package_renewal(
    req: &PackageRenewalRequest,
    mut b: Breakdown,
) -> Result<PackageRenewalResponse> {
    let term = match req.action {
        PackageAction::Renew => renewed_term(req)?,
        PackageAction::Repurchase => repurchased_term(req)?,
    };
    explain_new_term(req, &term, &mut b);
    Ok(PackageRenewalResponse {
        start: term.start,
        end: term.end,
        expires_at: expiry_instant(term.end),
        quota: req.quota,
        not_yet_effective: term.start > req.date,
        breakdown: b,
    })
}

/// The new term of a package: its first and last valid days, and what it starts from.
struct NewTerm {
    /// First valid day.
    start: NaiveDate,
    /// Last valid day.
    end: NaiveDate,
    /// A renewal: the current package's last valid day; a repurchase: none.
    old_end: Option<NaiveDate>,
}

/// 003 §3.2.4, §3.2.2.2: a renewal is refused for an expired package, a used-up non-resettable
/// one without auto-renewal, a monthly package renewed by year (except OBS) or a yearly one by
/// month, and monthly renewals beyond 9 months.
fn check_renewal(req: &PackageRenewalRequest, old_end: NaiveDate) -> Result<()> {
    if req.date > old_end {
        return Err(refuse(
            "date",
            format!("the package expired on {old_end}: expired packages cannot be renewed; buy a new one (003 §3.2.4)"),
        ));
    }
    let used_up = req.remaining.is_some_and(|r| r.0 <= Decimal::ZERO);
    if req.kind == PackageKind::NonResettable && used_up && !req.auto_renewal {
        return Err(refuse(
            "remaining",
            "a used-up non-resettable package without auto-renewal cannot be renewed: repurchase it (003 §3.2.4.1)",
        ));
    }
    let obs = req.product.as_deref().is_some_and(|p| same(p, "OBS"));
    match (req.purchased_by, req.term) {
        (Some(Term::Months(_)), Term::Years(_)) if !obs => Err(refuse(
            "term",
            "a monthly package renews by month (only OBS packages bought monthly may renew yearly, 003 §3.2.2.2)",
        )),
        (Some(Term::Years(_)), Term::Months(_)) => Err(refuse(
            "term",
            "a yearly package renews by year (003 §3.2.2.2)",
        )),
        (_, Term::Months(n)) if n > 9 => Err(refuse(
            "term",
            format!("{n} months: monthly packages renew for 1–9 months (003 §3.2.2.2)"),
        )),
        _ => Ok(()),
    }
}

/// 003 §3.2.4.1, §13.1.3: a renewal starts the day after the old expiry and ends the term's
/// months after it.
fn renewed_term(req: &PackageRenewalRequest) -> Result<NewTerm> {
    let old_end = required(
        req.end,
        "end",
        "a renewal needs the current package's last valid day",
    )?;
    check_renewable(req)?;
    check_renewal(req, old_end)?;
    let start = old_end.succ_opt().ok_or_else(|| out_of_range("end"))?;
    let end = add_months(old_end, req.term.months()).ok_or_else(|| out_of_range("term"))?;
    Ok(NewTerm {
        start,
        end,
        old_end: Some(old_end),
    })
}

/// 003 §3.2.4.2: a repurchase starts at once (or on a chosen day, not before the purchase day);
/// trial and delisted packages cannot be repurchased.
fn repurchased_term(req: &PackageRenewalRequest) -> Result<NewTerm> {
    if req.trial_or_delisted || req.delisted {
        return Err(refuse(
            if req.delisted {
                "delisted"
            } else {
                "trialOrDelisted"
            },
            "trial packages (OBS storage 40 GB, OBS traffic 50 GB, VBS storage 40 GB) and delisted packages cannot be stacked or repurchased (003 §3.2.4.2)",
        ));
    }
    let start = req.start_at.unwrap_or(req.date);
    if start < req.date {
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            "startAt",
            format!("{start} is before the purchase day {}", req.date),
        ));
    }
    let end = add_months(start, req.term.months()).ok_or_else(|| out_of_range("term"))?;
    Ok(NewTerm {
        start,
        end,
        old_end: None,
    })
}

/// The breakdown of a renewal or repurchase: the new term, how the quota comes with it, and
/// that packages are not unsubscribed (003 §3.2.4.1, §3.4.2.3).
fn explain_new_term(req: &PackageRenewalRequest, term: &NewTerm, b: &mut Breakdown) {
    let (start, end) = (term.start, term.end);
    match term.old_end {
        Some(old_end) => b.fact_msg(|| {
            crate::msg!(
                "package.renewed",
                old = old_end,
                term = req.term,
                value = crate::msg!("dates.range", start = start, end = end)
            )
        }),
        None => b.fact_msg(|| {
            let when = if req.start_at.is_some() {
                "package.onChosenDay"
            } else {
                "package.atOnce"
            };
            crate::msg!(
                "package.new",
                when = Msg::new(when),
                start = start,
                term = req.term,
                value = crate::msg!("dates.range", start = start, end = end)
            )
        }),
    }
    b.note_msg(|| match req.kind {
        PackageKind::Resettable => crate::msg!("package.resettable"),
        PackageKind::NonResettable => crate::msg!("package.nonResettable"),
    });
    b.note_msg(|| crate::msg!("package.noUnsubscribe"));
}

fn out_of_range(path: &str) -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        path,
        "the new term runs past 9999-12-31",
    )
}
