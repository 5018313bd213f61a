//! Quote for a new purchase or a renewal (003 §3.2.2, §3.2.7 price tables; docs/rules.md).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self, add_months, days_inclusive, expiry_instant};
use crate::domain::exact::Exact;
use crate::domain::money::{approx, Money, Ratio};
use crate::domain::price::{MatchedPrice, PriceTable};
use crate::domain::term::Term;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::spec_changes::remaining::check_factor;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Grace (15 days) + retention (15 days) after expiry, international site (003 §3.2.1).
pub const GRACE_DAYS: i64 = 15;
/// Retention period after the grace period (003 §3.2.1).
pub const RETENTION_DAYS: i64 = 15;
/// Most units one quote may carry.
pub const MAX_QUANTITY: u64 = 1_000_000;

/// New purchase or renewal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum QuoteKind {
    /// A new purchase starting on `date` (or `start`).
    #[default]
    New,
    /// A renewal of a resource expiring `currentExpiry`.
    Renewal,
}

/// Request of `quote`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct QuoteRequest {
    /// `new` (default) or `renewal`.
    #[json(default)]
    pub kind: QuoteKind,
    /// The day the order is placed.
    pub date: NaiveDate,
    /// The term bought.
    pub term: Term,
    /// Prices of the configuration per term; a term missing from the table is priced at its
    /// length × the one-unit price (8M = 8 × 1M).
    pub prices: PriceTable,
    /// Number of identical resources (default 1).
    #[json(default = "one")]
    pub quantity: u64,
    /// Discount factor, one per order (003 §3.2.3.1); default 1.
    pub discount: Option<Ratio>,
    /// New purchase: first day (default `date`).
    pub start: Option<NaiveDate>,
    /// Renewal: the current expiry date.
    pub current_expiry: Option<NaiveDate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

pub(crate) fn one() -> u64 {
    1
}

/// Result of `quote`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct QuoteResponse {
    /// List amount: term price × quantity.
    pub list_amount: Money,
    /// Discount amount (negative of what the discount takes off).
    pub discount_amount: Money,
    /// Amount payable before vouchers, half up to cents. The breakdown lines add up to it.
    pub payable: Money,
    /// First day of the new period.
    pub start: NaiveDate,
    /// Last day of the new period.
    pub end: NaiveDate,
    /// Expiry instant (`end` at 23:59:59 provider time).
    pub expires_at: String,
    /// Latest expiry allowed: `date` + 10 years (003 §3.2.2.2).
    pub latest_allowed_expiry: NaiveDate,
    /// Renewal from the grace or retention period: days since expiry, paid for (003 §3.2.2.1).
    pub days_after_expiry: i64,
    /// Renewal: the duration the console offers by default for this price table (003 §3.2.2.2
    /// step 5); null for a new purchase.
    pub default_term: Option<Term>,
    /// Line items and formulas (they add up to `payable`).
    pub breakdown: Breakdown,
}

/// 003 §3.2.2.2: the latest expiry a renewal may reach, `date + 10 years` (clamped: 2024-02-29 →
/// 2034-02-28), and never past 9999-12-31.
pub fn latest_allowed_expiry(date: NaiveDate) -> NaiveDate {
    add_months(date, 120).unwrap_or_else(calendar::last_date)
}

/// A term priced as a quote prices it.
pub(crate) struct Priced {
    /// The term's price (an `nM` missing from the table: n × the `1M` price).
    pub price: MatchedPrice,
    /// `P(term) × quantity`.
    pub list: Money,
    /// `list × discount`, exact.
    pub discounted: Exact,
    /// `discounted − list` (≤ 0), at most 8 decimals.
    pub discount_amount: Money,
    /// `discounted` half up to cents.
    pub payable: Money,
}

/// A quantity is 1..=[`MAX_QUANTITY`].
pub(crate) fn check_quantity(quantity: u64) -> Result<()> {
    if quantity == 0 || quantity > MAX_QUANTITY {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "quantity",
            format!("quantity {quantity} is not in 1..={MAX_QUANTITY}"),
        ));
    }
    Ok(())
}

/// `P(term) × quantity × d`, half up to cents once: `P(term)` from the table, a monthly term
/// missing from it at its length × the `1M` price (`8M` = 8 × `1M`, 003 §3.2.7). A refusal's
/// path is `prices`.
pub(crate) fn price_term(
    prices: &PriceTable,
    term: Term,
    quantity: u64,
    d: Exact,
) -> Result<Priced> {
    let price = prices.rate(term, term.unit()).map_err(|e| e.at("prices"))?;
    let list = price.price * Decimal::from(quantity);
    let discounted = list.exact().times(d)?;
    Ok(Priced {
        price,
        list,
        discounted,
        discount_amount: Money::shown(discounted.minus(list.exact())?),
        payable: Money::cents_of(discounted)?,
    })
}

/// 003 §3.2.2.2 step 5: the renewal duration the console offers by default,
/// from the terms the table prices: a `1Y` option → `1Y`; else, with monthly options (1–9
/// months, priced from `1M`), `1M`; yearly options only → the shortest. The document is silent
/// on a table with monthly options and only longer yearly ones, and on one without `1M`:
/// billcalc offers the shortest option then (the monthly ones come first).
pub fn default_renewal_term(prices: &PriceTable) -> Option<Term> {
    [Term::Years(1), Term::Months(1)]
        .into_iter()
        .find(|t| prices.0.contains_key(t))
        .or_else(|| prices.0.keys().next().copied())
}

/// Price a new purchase or a renewal: `payable = P(term) × quantity × discount`.
///
/// - New: start on `date`, end = start + term (month arithmetic, month-end clamped).
/// - Renewal: the new period starts after the current expiry, even when renewing from the grace or
///   retention period (003 §3.2.2.1): end = current expiry + term. Refused once the retention
///   period is over (the resource is deleted) and beyond the 10-year cap (003 §3.2.2.2).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn quote(req: &QuoteRequest, b: Breakdown) -> Result<QuoteResponse> {
    quote_purchase(
        &Purchase {
            kind: req.kind,
            date: req.date,
            term: req.term,
            prices: &req.prices,
            quantity: req.quantity,
            discount: req.discount,
            start: req.start,
            current_expiry: req.current_expiry,
        },
        b,
    )
}

/// A purchase or a renewal to price: the figures of a `quote` request, the prices borrowed (the
/// cart prices its lines with it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Purchase<'a> {
    /// New purchase or renewal.
    pub kind: QuoteKind,
    /// The order day.
    pub date: NaiveDate,
    /// The term bought.
    pub term: Term,
    /// Prices per term.
    pub prices: &'a PriceTable,
    /// Identical resources.
    pub quantity: u64,
    /// The discount factor (none: 1).
    pub discount: Option<Ratio>,
    /// New purchase: its first day (default `date`).
    pub start: Option<NaiveDate>,
    /// Renewal: the current expiry.
    pub current_expiry: Option<NaiveDate>,
}

/// [`quote`] over a [`Purchase`].
pub(crate) fn quote_purchase(req: &Purchase<'_>, mut b: Breakdown) -> Result<QuoteResponse> {
    let d = check_factor(req.discount, "discount")?;
    check_quantity(req.quantity)?;
    let period = purchase_period(req)?;
    let latest = check_latest_expiry(req.date, period.end)?;
    let priced = price_term(req.prices, req.term, req.quantity, d)?;
    explain_period(req, &period, &mut b);
    explain_price(req, &priced, d, &mut b);
    let (start, end) = (period.start, period.end);
    b.fact_msg(|| {
        crate::msg!(
            "quote.days",
            start = start,
            end = end,
            value = days_inclusive(start, end)
        )
    });
    let default_term = match req.kind {
        QuoteKind::New => None,
        QuoteKind::Renewal => default_renewal_term(req.prices),
    };
    if let Some(t) = default_term {
        b.fact_msg(|| crate::msg!("quote.defaultRenewalTerm", value = t));
    }
    Ok(QuoteResponse {
        list_amount: priced.list,
        discount_amount: priced.discount_amount,
        payable: priced.payable,
        start,
        end,
        expires_at: expiry_instant(end),
        latest_allowed_expiry: latest,
        days_after_expiry: period.after_expiry,
        default_term,
        breakdown: b,
    })
}

/// The period bought: a new purchase's, or a renewal's after the current expiry.
struct PurchasePeriod {
    /// First day.
    start: NaiveDate,
    /// Last day.
    end: NaiveDate,
    /// Renewal: the current expiry (none for a new purchase).
    expiry: Option<NaiveDate>,
    /// Renewal: days from the expiry to the renewal day (grace/retention), else 0.
    after_expiry: i64,
}

/// The period ends after year 9999.
fn period_overflow() -> Error {
    Error::new(
        ErrorCode::DateOutOfRange,
        "term",
        "the period ends after year 9999",
    )
}

/// 003 §3.2.2.1: a new purchase runs from its start (not before the order day) for the term; a
/// renewal from the day after the current expiry, allowed within the grace and retention periods
/// (003 §3.2.1).
fn purchase_period(req: &Purchase<'_>) -> Result<PurchasePeriod> {
    let months = req.term.months();
    match req.kind {
        QuoteKind::New => {
            let start = req.start.unwrap_or(req.date);
            if start < req.date {
                return Err(Error::new(
                    ErrorCode::InvalidPeriod,
                    "start",
                    format!(
                        "a new purchase cannot start {start}, before the order day {}",
                        req.date
                    ),
                ));
            }
            let end = add_months(start, months).ok_or_else(period_overflow)?;
            Ok(PurchasePeriod {
                start,
                end,
                expiry: None,
                after_expiry: 0,
            })
        }
        QuoteKind::Renewal => {
            let expiry = required(
                req.current_expiry,
                "currentExpiry",
                "a renewal needs the current expiry date",
            )?;
            let after = (req.date - expiry).num_days().max(0);
            if after > GRACE_DAYS + RETENTION_DAYS {
                return Err(Error::new(
                    ErrorCode::RenewalNotAllowed,
                    "date",
                    format!(
                        "{} is {after} days after the expiry {expiry}: past the {GRACE_DAYS}-day grace and {RETENTION_DAYS}-day retention periods the resource is deleted and cannot be renewed (003 §3.2.1)",
                        req.date
                    ),
                ));
            }
            Ok(PurchasePeriod {
                start: expiry.succ_opt().ok_or_else(period_overflow)?,
                end: add_months(expiry, months).ok_or_else(period_overflow)?,
                expiry: Some(expiry),
                after_expiry: after,
            })
        }
    }
}

/// 003 §3.2.2.2: the new expiry at most 10 years after the order day; the latest allowed.
fn check_latest_expiry(date: NaiveDate, end: NaiveDate) -> Result<NaiveDate> {
    let latest = latest_allowed_expiry(date);
    if end > latest {
        return Err(Error::new(
            ErrorCode::RenewalExceeds10Years,
            "term",
            format!(
                "the new expiry {end} is later than {}, 10 years after {date} (003 §3.2.2.2)",
                expiry_instant(latest),
            ),
        ));
    }
    Ok(latest)
}

/// The period as a fact; a renewal in grace/retention pays for the days since the expiry (003
/// §3.2.2.1).
fn explain_period(req: &Purchase<'_>, period: &PurchasePeriod, b: &mut Breakdown) {
    let (start, end, after) = (period.start, period.end, period.after_expiry);
    match period.expiry {
        None => b.fact_msg(|| {
            crate::msg!(
                "quote.period",
                start = start,
                end = end,
                term = req.term,
                value = crate::msg!("dates.range", start = start, end = end)
            )
        }),
        Some(expiry) => {
            b.fact_msg(|| {
                crate::msg!(
                    "quote.renewalPeriod",
                    expiry = expiry,
                    term = req.term,
                    end = end,
                    value = crate::msg!("dates.range", start = start, end = end)
                )
            });
            if after > 0 {
                b.note_msg(|| crate::msg!("quote.renewingAfterExpiry", days = after));
            }
        }
    }
}

/// The price lines: the list amount, the discount, the final rounding (003 §3.2.3.1).
fn explain_price(req: &Purchase<'_>, priced: &Priced, d: Exact, b: &mut Breakdown) {
    let Priced {
        price,
        list,
        discounted,
        discount_amount,
        payable,
    } = priced;
    let term_price = || {
        if price.from_unit_term {
            crate::msg!(
                "quote.unitTermPrice",
                rate = approx(price.rate),
                months = req.term.months(),
                term = req.term
            )
        } else {
            crate::msg!("quote.termPrice", price = price.price, term = req.term)
        }
    };
    b.line_msg(*list, || {
        crate::msg!(
            "quote.listAmount",
            price = term_price(),
            quantity = req.quantity,
            list = list
        )
    });
    if d != Exact::ONE {
        b.line_msg(*discount_amount, || {
            crate::msg!(
                "quote.discount",
                list = list,
                factor = approx(d),
                amount = discount_amount
            )
        });
    }
    b.settle_msg(*payable, || {
        crate::msg!(
            "quote.finalRounding",
            value = approx(*discounted),
            total = payable
        )
    });
    b.note_msg(|| crate::msg!("quote.vouchersAfter"));
}
