//! `compareTerms`: one resource's purchasable terms side by side (003 §3.2.2, §3.2.6.2): each
//! term's price as `quote` prices it, its effective monthly price, the saving against paying
//! month by month and, against a pay-per-use hourly price, the usage above which prepaid is
//! cheaper.

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::messages::maybe;
use crate::domain::money::{approx, equals, Money, Ratio};
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::lifecycle::quote::{check_quantity, price_term, Priced};
use crate::rules::spec_changes::remaining::check_factor;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Monthly renewals run 1 to 9 months (003 §3.2.2.2 step 5).
pub const MONTHLY_OPTIONS: u32 = 9;
/// The most hours a month has (31 × 24): above it pay-per-use is cheaper all month long.
pub const HOURS_IN_LONGEST_MONTH: i64 = 744;

/// Request of `compareTerms`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct CompareTermsRequest {
    /// Prices of the configuration per term (an `nM` missing from the table: n × `1M`).
    pub prices: PriceTable,
    /// Number of identical resources (default 1).
    #[json(default = "one")]
    pub quantity: u64,
    /// Discount factor on the prepaid prices (default 1).
    pub discount: Option<Ratio>,
    /// The pay-per-use price of one resource of this configuration per hour.
    pub pay_per_use_hourly: Option<Money>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

fn one() -> u64 {
    1
}

/// One purchasable term.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TermOption {
    /// The term.
    pub term: Term,
    /// Its length in months.
    pub months: u32,
    /// What it costs: price × quantity × discount, half up to cents (as `quote`).
    pub total: Money,
    /// `total / months`: exact when it has at most 8 decimals, else half up to 8.
    pub monthly_price: Money,
    /// True when `monthlyPrice` is exact; false when it is rounded half up to 8 decimals.
    pub monthly_price_exact: bool,
    /// Against paying month by month: `months × total(1M) − total` (null without a `1M` price).
    pub saving: Option<Money>,
    /// `saving / (months × total(1M))` in percent, half up to 2 decimals.
    pub saving_percent: Option<String>,
    /// With `payPerUseHourly`: the hours a month above which this term is cheaper than
    /// pay-per-use, `monthlyPrice / (hourly × quantity)` (exact fraction).
    pub break_even_hours: Option<Exact>,
    /// With `payPerUseHourly`: switching pay-per-use to this term is a new prepaid order that
    /// starts when paid, at this term's price (003 §3.2.6.2).
    pub switch_cost: Option<Money>,
}

/// Result of `compareTerms`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct CompareTermsResponse {
    /// Monthly terms 1M–9M (and longer monthly terms the table prices), then the table's yearly
    /// terms.
    pub options: Vec<TermOption>,
    /// The term with the lowest monthly price (the shorter on a tie).
    pub cheapest_monthly: Term,
    /// Facts (one per option) and notes; no money lines (nothing is charged).
    pub breakdown: Breakdown,
}

/// Every purchasable term of `prices`: `1M`…`9M` when the table prices them (from `1M` when
/// missing, as `quote`), the table's longer monthly terms and its yearly ones. Example (hand-
/// computed): `1M` 10, `1Y` 100 → 6M 60.00 (10.00 a month, saving 0), 1Y 100.00 (8.33333333 a
/// month, saving 20.00 = 16.67 %); at 0.02 per hour, 1Y pays off above 416.67 hours a month.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn compare_terms(req: &CompareTermsRequest, mut b: Breakdown) -> Result<CompareTermsResponse> {
    let d = check_factor(req.discount, "discount")?;
    check_quantity(req.quantity)?;
    let priced = purchasable_terms(&req.prices)
        .into_iter()
        .map(|t| price_term(&req.prices, t, req.quantity, d).map(|p| (t, p)))
        .collect::<Result<Vec<(Term, Priced)>>>()?;
    let one_month = priced
        .iter()
        .find(|(t, _)| *t == Term::Months(1))
        .map(|(_, p)| p.payable);
    let hourly = pay_per_use_hourly(req)?;
    let mut options = Vec::with_capacity(priced.len());
    let mut cheapest: Option<(Exact, Term)> = None;
    for (term, p) in &priced {
        let (option, monthly) = term_option(*term, p.payable, one_month, hourly)?;
        if cheapest.map_or(true, |(m, _)| monthly < m) {
            cheapest = Some((monthly, *term));
        }
        explain_term_option(&option, monthly, &mut b);
        options.push(option);
    }
    let Some((_, cheapest_monthly)) = cheapest else {
        return Err(Error::new(
            ErrorCode::PriceNotFound,
            "prices",
            "the price table prices no term",
        ));
    };
    b.note_msg(|| crate::msg!("compare.asQuoted"));
    if hourly.is_some() {
        b.note_msg(|| crate::msg!("compare.fromPayPerUse"));
    }
    Ok(CompareTermsResponse {
        options,
        cheapest_monthly,
        breakdown: b,
    })
}

/// 003 §3.2.2.2 step 5: `1M`…`9M` when the table prices them (or prices `1M`), then the table's
/// longer monthly terms and its yearly ones.
fn purchasable_terms(prices: &PriceTable) -> Vec<Term> {
    let mut terms: Vec<Term> = (1..=MONTHLY_OPTIONS)
        .map(Term::Months)
        .filter(|t| prices.0.contains_key(t) || prices.0.contains_key(&Term::Months(1)))
        .collect();
    terms.extend(
        prices
            .0
            .keys()
            .filter(|t| t.is_yearly() || t.months() > MONTHLY_OPTIONS)
            .copied(),
    );
    terms
}

/// The pay-per-use price of the whole quantity per hour (a price of 0 is refused: prepaid would
/// never be cheaper).
fn pay_per_use_hourly(req: &CompareTermsRequest) -> Result<Option<Exact>> {
    match req.pay_per_use_hourly {
        Some(h) if h.is_positive() => {
            Ok(Some(h.exact().times(Exact::whole(to_i64(req.quantity)))?))
        }
        Some(_) => Err(Error::new(
            ErrorCode::InvalidNumber,
            "payPerUseHourly",
            "a pay-per-use price of 0: prepaid is never cheaper",
        )),
        None => Ok(None),
    }
}

/// One term's figures: its monthly price `total / months` (returned exact too), the saving
/// against `months × total(1M)` and its percent (half up to 2 decimals), the break-even hours
/// `monthly / hourly` and the cost of switching from pay-per-use (003 §3.2.6.2).
fn term_option(
    term: Term,
    total: Money,
    one_month: Option<Money>,
    hourly: Option<Exact>,
) -> Result<(TermOption, Exact)> {
    let months = term.months();
    let monthly = total.exact().over(Exact::whole(i64::from(months)))?;
    let saving = one_month.map(|m| m * Decimal::from(months) - total);
    let saving_percent = match (saving, one_month) {
        (Some(s), Some(m)) if m.is_positive() => Some(
            s.exact()
                .times(Exact::whole(100))?
                .over((m * Decimal::from(months)).exact())?
                .round(2, Rounding::HalfUp)?
                .to_string(),
        ),
        _ => None,
    };
    let break_even = match hourly {
        Some(h) => Some(monthly.over(h)?),
        None => None,
    };
    let option = TermOption {
        term,
        months,
        total,
        monthly_price: Money::shown(monthly),
        monthly_price_exact: monthly.is_shown_exactly(),
        saving,
        saving_percent,
        break_even_hours: break_even,
        switch_cost: hourly.map(|_| total),
    };
    Ok((option, monthly))
}

/// One term as a fact: its monthly price, saving and break-even hours; a note when pay-per-use
/// stays cheaper all month.
fn explain_term_option(o: &TermOption, monthly: Exact, b: &mut Breakdown) {
    let (term, months, total) = (o.term, o.months, o.total);
    b.fact_msg(|| {
        let saving = match (o.saving, &o.saving_percent) {
            (Some(s), Some(pc)) => Some(crate::msg!(
                "compare.saving",
                months = months,
                total = total,
                saving = s,
                percent = pc
            )),
            _ => None,
        };
        let break_even = o
            .break_even_hours
            .map(|h| crate::msg!("compare.breakEven", hours = approx(h)));
        crate::msg!(
            "compare.term",
            term = term,
            total = total,
            months = months,
            monthly = equals(monthly),
            saving = maybe(saving),
            breakEven = maybe(break_even),
            value = total
        )
    });
    if o.break_even_hours
        .is_some_and(|h| h > Exact::whole(HOURS_IN_LONGEST_MONTH))
    {
        b.note_msg(|| {
            crate::msg!(
                "compare.payPerUseCheaper",
                term = term,
                hours = HOURS_IN_LONGEST_MONTH
            )
        });
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
