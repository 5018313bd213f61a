//! Renewal to a unified expiry day (统一到期日, 003 §3.2.2.3, §13.1.1.3).

use chrono::NaiveDate;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{
    self, add_months, days_inclusive, describe_period, expiry_instant, period_length, UnifiedDay,
};
use crate::domain::exact::Exact;
use crate::domain::messages::unit_singular;
use crate::domain::money::{approx, equals, times_factor, Money, Ratio};
use crate::domain::price::{MatchedPrice, PriceTable};
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::lifecycle::quote::latest_allowed_expiry;
use crate::rules::spec_changes::remaining::check_factor;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Request of `unifiedExpiry`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct UnifiedExpiryRequest {
    /// The current expiry date.
    pub current_expiry: NaiveDate,
    /// The renewal term N, when the customer renews N and extends to the unified day (003
    /// §3.2.2.3 "renew to the unified expiry"). Absent: the customer only sets the unified day and
    /// pays to renew up to it (003 §3.2.2.3 steps 2–5): the new expiry is the first unified day at
    /// least one month after the current expiry (an earlier one is moved to the next month's, as
    /// the one-month gap rule requires), priced as one month plus the top-up days (or, with only
    /// yearly prices, every day at the year price / 365).
    pub renew_term: Option<Term>,
    /// The unified day D: 1–28 or `"last"` (default 1, as the console).
    #[json(default = "default_day")]
    pub unified_day: UnifiedDay,
    /// Prices per term to price the renewal and the top-up days (optional).
    pub prices: Option<PriceTable>,
    /// Discount factor (default 1).
    pub discount: Option<Ratio>,
    /// The day of the renewal, for the 10-year cap (optional).
    pub date: Option<NaiveDate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

pub(crate) fn default_day() -> UnifiedDay {
    UnifiedDay::Day(1)
}

/// Result of `unifiedExpiry`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct UnifiedExpiryResponse {
    /// The renewal term: the one asked for, or `1M` when only the unified day was set (absent when
    /// only yearly prices were given and every day is priced by the day).
    pub renew_term: Option<Term>,
    /// Expiry after a plain N-month renewal; with no term and only yearly prices, the current
    /// expiry (every day after it is priced by the day).
    pub plain_expiry: NaiveDate,
    /// Expiry on the unified day.
    pub unified_expiry: NaiveDate,
    /// `unifiedExpiry` at 23:59:59 provider time.
    pub expires_at: String,
    /// Days priced by the day (top-up days): plain expiry + 1 .. unified expiry.
    pub padding_days: i64,
    /// The top-up days as a period in the renewal term's unit: months (each day / days of its
    /// month) or years (days without Feb 29 / 365).
    pub padding_period: Exact,
    /// Price of the N-month renewal (when prices are given and a term is renewed).
    pub renewal_amount: Option<Money>,
    /// Price of the top-up days (when prices are given; at most 8 decimals).
    pub padding_amount: Option<Money>,
    /// Total payable, half up to cents (when prices are given).
    pub total: Option<Money>,
    /// Line items and formulas (they add up to `total`).
    pub breakdown: Breakdown,
}

/// How the renewal is priced.
enum Renewal {
    /// N months or years, then the top-up days by the day in the term's unit.
    Term(Term),
    /// No term chosen and only yearly prices: every day from the current expiry to the unified
    /// day at the `1Y` price / 365.
    ByTheDay,
}

/// 003 §3.2.2.3: renew N, then extend to the first day D on or after the plain expiry; the top-up
/// days are billed by the day.
///
/// The daily price is not specified (rules.md A9). billcalc converts it with the calendar of
/// the remaining-period rule (003 §3.2.7): for a monthly term, each top-up day costs the month
/// price / days of its natural month; for a yearly term, the year price / 365 (Feb 29 free).
/// Every figure is exact; the total is rounded half up to cents once.
///
/// Ex. A: D = 1, expiry 03-15, 1 month → plain 04-15, unified 05-01, 16 top-up days.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn unified_expiry(req: &UnifiedExpiryRequest, b: Breakdown) -> Result<UnifiedExpiryResponse> {
    let renewal = UnifiedRenewal {
        current_expiry: req.current_expiry,
        renew_term: req.renew_term,
        unified_day: req.unified_day,
        prices: req.prices.as_ref(),
        discount: req.discount,
        date: req.date,
    };
    renew_to_unified_day(&renewal, b)
}

/// A renewal to the unified day: the figures of an `unifiedExpiry` request, the prices borrowed
/// (the cart prices its lines with it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnifiedRenewal<'a> {
    /// The current expiry date.
    pub current_expiry: NaiveDate,
    /// The term renewed before the top-up days (none: only the day is set).
    pub renew_term: Option<Term>,
    /// The unified day.
    pub unified_day: UnifiedDay,
    /// Prices per term.
    pub prices: Option<&'a PriceTable>,
    /// The discount factor (none: 1).
    pub discount: Option<Ratio>,
    /// The renewal day, for the 10-year cap.
    pub date: Option<NaiveDate>,
}

/// [`unified_expiry`] over an [`UnifiedRenewal`].
pub(crate) fn renew_to_unified_day(
    req: &UnifiedRenewal<'_>,
    mut b: Breakdown,
) -> Result<UnifiedExpiryResponse> {
    let d = check_factor(req.discount, "discount")?;
    let renewal = renewal_of(req);
    let dates = unified_dates(req, &renewal)?;
    let priced = match req.prices {
        None => None,
        Some(prices) => Some(renewal_price(prices, &renewal, &dates, d)?),
    };
    explain_unified_dates(req, &renewal, &dates, &mut b);
    if let Some(p) = &priced {
        explain_renewal_price(&renewal, &dates, d, p, &mut b);
    }
    Ok(UnifiedExpiryResponse {
        renew_term: match renewal {
            Renewal::Term(t) => Some(t),
            Renewal::ByTheDay => None,
        },
        plain_expiry: dates.plain,
        unified_expiry: dates.unified,
        expires_at: expiry_instant(dates.unified),
        padding_days: dates.padding_days,
        padding_period: dates.padding_period,
        renewal_amount: match renewal {
            Renewal::Term(_) => priced.as_ref().map(|p| Money::shown(p.renewal_amount)),
            Renewal::ByTheDay => None,
        },
        padding_amount: priced.as_ref().map(|p| Money::shown(p.padding)),
        total: priced.as_ref().map(|p| p.cents),
        breakdown: b,
    })
}

/// 003 §3.2.2.3: the term renewed, or, with no term chosen and only yearly prices, every day
/// priced by the day at the `1Y` price (no term and other prices: one month).
fn renewal_of(req: &UnifiedRenewal<'_>) -> Renewal {
    let only_yearly = req
        .prices
        .as_ref()
        .is_some_and(|p| !p.0.keys().any(|t| !t.is_yearly()) && p.0.contains_key(&Term::Years(1)));
    match req.renew_term {
        Some(t) => Renewal::Term(t),
        None if only_yearly => Renewal::ByTheDay,
        None => Renewal::Term(Term::Months(1)),
    }
}

/// The dates of a renewal to the unified day.
struct UnifiedDates {
    /// The expiry the unified day is searched from.
    earliest: NaiveDate,
    /// The expiry after the renewal term (no term: the current expiry).
    plain: NaiveDate,
    /// The new, unified expiry.
    unified: NaiveDate,
    /// The first top-up day, the day after `plain`.
    first_padding: NaiveDate,
    /// Top-up days, `first_padding..=unified` (0 when `plain` is the unified day).
    padding_days: i64,
    /// The term's unit (years when priced by the day).
    unit: calendar::PeriodUnit,
    /// The top-up days in `unit`.
    padding_period: Exact,
}

/// 003 §3.2.2.3: the plain expiry, the first unified day on or after it (at least one month
/// after the current expiry) and the top-up days; 003 §3.2.2.2: within 10 years of the renewal
/// day.
fn unified_dates(req: &UnifiedRenewal<'_>, renewal: &Renewal) -> Result<UnifiedDates> {
    let term_path = if req.renew_term.is_some() {
        "renewTerm"
    } else {
        "unifiedDay"
    };
    let overflow = || {
        Error::new(
            ErrorCode::DateOutOfRange,
            term_path,
            "the new expiry would be after 9999-12-31",
        )
    };
    // 003 §3.2.2.3: the unified expiry is at least one month after the current expiry.
    let one_month = add_months(req.current_expiry, 1).ok_or_else(overflow)?;
    // The expiry the unified day is searched from: after the renewal term, or (no term) one month
    // after the current expiry; the days after `plain` are priced by the day.
    let (earliest, plain) = match renewal {
        Renewal::Term(t) => {
            let e = add_months(req.current_expiry, t.months()).ok_or_else(overflow)?;
            (e, e)
        }
        Renewal::ByTheDay => (one_month, req.current_expiry),
    };
    let unified = req
        .unified_day
        .first_on_or_after(earliest)
        .filter(|u| calendar::in_range(*u))
        .ok_or_else(overflow)?;
    check_unified_expiry(req, unified, one_month, term_path)?;
    let first_padding = plain.succ_opt().ok_or_else(overflow)?;
    let padding_days = if unified > plain {
        days_inclusive(first_padding, unified)
    } else {
        0
    };
    let unit = match renewal {
        Renewal::Term(t) => t.unit(),
        Renewal::ByTheDay => calendar::PeriodUnit::Years,
    };
    Ok(UnifiedDates {
        earliest,
        plain,
        unified,
        first_padding,
        padding_days,
        unit,
        padding_period: period_length(unit, first_padding, unified)?,
    })
}

/// 003 §3.2.2.3: the unified expiry at least one month after the current one; 003 §3.2.2.2: at
/// most 10 years after the renewal day.
fn check_unified_expiry(
    req: &UnifiedRenewal<'_>,
    unified: NaiveDate,
    one_month: NaiveDate,
    term_path: &str,
) -> Result<()> {
    if unified < one_month {
        return Err(Error::new(
            ErrorCode::UnifiedGapTooShort,
            term_path,
            format!(
                "the unified expiry {unified} is less than one month after the current expiry {} (003 §3.2.2.3)",
                req.current_expiry
            ),
        ));
    }
    if let Some(date) = req.date {
        let latest = latest_allowed_expiry(date);
        if unified > latest {
            return Err(Error::new(
                ErrorCode::RenewalExceeds10Years,
                term_path,
                format!("the new expiry {unified} is later than {latest}, 10 years after {date} (003 §3.2.2.2)"),
            ));
        }
    }
    Ok(())
}

/// The figures of a renewal to the unified day, when prices are given.
struct RenewalPrice {
    /// The price matched: the term's, or `1Y` when priced by the day.
    rate: MatchedPrice,
    /// The term's price × d (0 when priced by the day).
    renewal_amount: Exact,
    /// rate × top-up period × d.
    padding: Exact,
    /// Their sum, exact.
    total: Exact,
    /// The total half up to cents.
    cents: Money,
}

/// 003 §3.2.2.3, rules.md A9: the term's price × d, plus the top-up days at the term's rate per
/// unit × d; half up to cents once.
fn renewal_price(
    prices: &PriceTable,
    renewal: &Renewal,
    dates: &UnifiedDates,
    d: Exact,
) -> Result<RenewalPrice> {
    let (renewal_price, rate) = match renewal {
        Renewal::Term(t) => {
            let price = prices.rate(*t, dates.unit).map_err(|e| e.at("prices"))?;
            (price.price, price)
        }
        Renewal::ByTheDay => (
            Money::ZERO,
            prices
                .rate(Term::Years(1), dates.unit)
                .map_err(|e| e.at("prices"))?,
        ),
    };
    let renewal_amount = renewal_price.exact().times(d)?;
    let padding = rate.rate.times(dates.padding_period)?.times(d)?;
    let total = renewal_amount.plus(padding)?;
    Ok(RenewalPrice {
        rate,
        renewal_amount,
        padding,
        total,
        cents: Money::cents_of(total)?,
    })
}

/// The dates as facts: the plain renewal (or the earliest unified expiry), the unified expiry,
/// the top-up days (003 §3.2.2.3).
fn explain_unified_dates(
    req: &UnifiedRenewal<'_>,
    renewal: &Renewal,
    dates: &UnifiedDates,
    b: &mut Breakdown,
) {
    let (earliest, unified, first_padding) = (dates.earliest, dates.unified, dates.first_padding);
    match renewal {
        Renewal::Term(t) => b.fact_msg(|| {
            crate::msg!(
                "unified.plainRenewal",
                expiry = req.current_expiry,
                term = t,
                value = dates.plain
            )
        }),
        Renewal::ByTheDay => b.fact_msg(|| {
            crate::msg!(
                "unified.earliest",
                expiry = req.current_expiry,
                value = earliest
            )
        }),
    }
    if req.renew_term.is_none() {
        b.note_msg(|| crate::msg!("unified.noRenewalTerm"));
    }
    b.fact_msg(|| {
        let day = match req.unified_day {
            UnifiedDay::Day(n) => crate::msg!("unified.dayN", day = n),
            UnifiedDay::Last => crate::msg!("unified.lastDay"),
        };
        crate::msg!(
            "unified.expiry",
            day = day,
            earliest = earliest,
            value = unified
        )
    });
    b.fact_msg(|| {
        if dates.padding_days > 0 {
            crate::msg!(
                "unified.topUpDays",
                from = first_padding,
                to = unified,
                days = days_inclusive(first_padding, unified),
                value = dates.padding_days
            )
        } else {
            crate::msg!("unified.noTopUp", value = dates.padding_days)
        }
    });
}

/// The price lines: the renewal term, the top-up days by the day (rules.md A9), the final
/// rounding.
fn explain_renewal_price(
    renewal: &Renewal,
    dates: &UnifiedDates,
    d: Exact,
    p: &RenewalPrice,
    b: &mut Breakdown,
) {
    let (unit, first_padding, unified) = (dates.unit, dates.first_padding, dates.unified);
    let padding_period = dates.padding_period;
    let (rate, renewal_amount, padding, total, t) =
        (&p.rate, &p.renewal_amount, &p.padding, &p.total, &p.cents);
    let d_text = times_factor(d);
    if let Renewal::Term(term) = renewal {
        b.line_msg(Money::shown(*renewal_amount), || {
            if d == Exact::ONE {
                crate::msg!("unified.renewal", term = term, price = rate.price)
            } else {
                crate::msg!(
                    "unified.renewalDiscounted",
                    term = term,
                    price = rate.price,
                    factor = &d_text,
                    result = equals(*renewal_amount)
                )
            }
        });
    }
    if !padding.is_zero() {
        let days = days_inclusive(first_padding, unified);
        b.line_msg(Money::shown(*padding), || {
            let parts = describe_period(unit, first_padding, unified);
            let period = if parts == padding_period.to_string() {
                parts
            } else {
                format!("({parts} = {padding_period})")
            };
            crate::msg!(
                "unified.byTheDay",
                days = days,
                rate = approx(rate.rate),
                unit = unit_singular(unit),
                period = period,
                factor = &d_text,
                result = equals(*padding)
            )
        });
    }
    b.settle_msg(*t, || {
        crate::msg!("finalRoundingOnce", value = approx(*total), total = t)
    });
}
