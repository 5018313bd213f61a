//! Disk (EVS) expansion cost (云硬盘扩容, 003 §3.2.7).

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::PeriodUnit;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::messages::unit_word;
use crate::domain::money::{approx, equals, times_factor, Money, Ratio, RoundingPolicy};
use crate::domain::price::{MatchedPrice, PriceTable, TermMatch, TermNote};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::spec_changes::remaining::{check_factor, RemainingPeriods, SpecChange};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Largest disk capacity accepted (GB).
pub const MAX_CAPACITY_GB: u64 = 1_000_000;

/// Request of `expansionCost`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct ExpansionRequest {
    /// The change day, the orders and the billing mode.
    #[json(flatten)]
    pub change: SpecChange,
    /// Capacity before, GB.
    pub capacity_before: u64,
    /// Capacity after, GB (must be larger: disks only grow).
    pub capacity_after: u64,
    /// Price per GB, per term (`{"1M": "0.35"}` = 0.35 per GB per month).
    pub unit_prices: PriceTable,
    /// Discount factor of the matched term (default 1).
    pub discount: Option<Ratio>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `expansionCost`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct ExpansionResponse {
    /// Amount to pay, half up to cents.
    pub cost: Money,
    /// Added capacity, GB.
    pub added_capacity: u64,
    /// Days counted in the remaining period: the change day excluded, and in years Feb 29 not
    /// counted (003 §3.2.7).
    pub remaining_days: i64,
    /// Remaining period R as used (rounded to 2 decimals under the document policy).
    pub remaining_period: Exact,
    /// `months` or `years`.
    pub period_unit: PeriodUnit,
    /// Price term matched (rounded up, as for upgrades).
    pub matched_term: crate::domain::term::Term,
    /// Line items and formulas (they add up to `cost`).
    pub breakdown: Breakdown,
}

/// 003 §3.2.7: `fee = added capacity × R × unit capacity price` (the upgrade formula does not
/// apply). Example: 10 GB → 60 GB on 2021-07-03 of a July order, 0.35/GB/month:
/// 50 × 28/31 × 0.35 = 15.806… → 15.81; the `document` policy rounds R to 0.90 first: 15.75.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn expansion_cost(req: &ExpansionRequest, mut b: Breakdown) -> Result<ExpansionResponse> {
    req.change.check_prepaid()?;
    let added = added_capacity(req)?;
    let d = check_factor(req.discount, "discount")?;
    let periods = req.change.remaining_periods()?;
    let unit = periods.unit;
    let (price, note) = req
        .unit_prices
        .match_period(unit == PeriodUnit::Years, periods.total, TermMatch::Up)
        .map_err(|e| e.at("unitPrices"))?;
    let figures = expansion_figures(added, periods.total, &price, d, req.options.policy)?;
    explain_expansion(req, &periods, &price, note, d, &figures, &mut b);
    Ok(ExpansionResponse {
        cost: figures.cost,
        added_capacity: added,
        remaining_days: periods.days(),
        remaining_period: figures.r,
        period_unit: unit,
        matched_term: price.term,
        breakdown: b,
    })
}

/// 003 §3.2.7: both capacities within [`MAX_CAPACITY_GB`], and disks only grow; the added
/// capacity in GB.
fn added_capacity(req: &ExpansionRequest) -> Result<u64> {
    for (v, path) in [
        (req.capacity_before, "capacityBefore"),
        (req.capacity_after, "capacityAfter"),
    ] {
        if v > MAX_CAPACITY_GB {
            return Err(Error::new(
                ErrorCode::InvalidNumber,
                path,
                format!("{v} GB is above {MAX_CAPACITY_GB} GB"),
            ));
        }
    }
    if req.capacity_after <= req.capacity_before {
        return Err(Error::new(
            ErrorCode::DiskShrinkNotAllowed,
            "capacityAfter",
            format!(
                "{} GB is not more than the current {} GB: disks can only grow (003 §3.2.7)",
                req.capacity_after, req.capacity_before
            ),
        ));
    }
    Ok(req.capacity_after - req.capacity_before)
}

/// The figures of an expansion on its change day.
struct ExpansionFigures {
    /// The remaining period as used (2 decimals under the `document` policy).
    r: Exact,
    /// added capacity × R × unit price × d, exact.
    fee: Exact,
    /// The fee half up to cents.
    cost: Money,
}

/// 003 §3.2.7: `fee = added capacity × R × unit capacity price × d`, R rounded half up to 2
/// decimals first under the `document` policy; half up to cents once.
fn expansion_figures(
    added: u64,
    remaining_period: Exact,
    price: &MatchedPrice,
    d: Exact,
    policy: RoundingPolicy,
) -> Result<ExpansionFigures> {
    let r = match policy {
        RoundingPolicy::Document => Exact::of(remaining_period.round(2, Rounding::HalfUp)?),
        RoundingPolicy::Console | RoundingPolicy::Exact => remaining_period,
    };
    let fee = Exact::whole(i64::try_from(added).unwrap_or(i64::MAX))
        .times(r)?
        .times(price.rate)?
        .times(d)?;
    let cost = Money::cents_of(fee)?;
    Ok(ExpansionFigures { r, fee, cost })
}

/// The breakdown of an expansion: the remaining period (and R as used), the unit capacity
/// price, the fee, the final rounding (003 §3.2.7).
fn explain_expansion(
    req: &ExpansionRequest,
    periods: &RemainingPeriods<'_>,
    price: &MatchedPrice,
    note: Option<TermNote>,
    d: Exact,
    figures: &ExpansionFigures,
    b: &mut Breakdown,
) {
    let (unit, r_exact) = (periods.unit, periods.total);
    let (r, fee, cost) = (figures.r, figures.fee, figures.cost);
    periods.explain(req.change.date, b);
    if r != r_exact {
        b.fact_msg(|| {
            crate::msg!(
                "expansion.periodAsUsed",
                r = approx(r_exact),
                value = crate::msg!("period.whole", r = approx(r), unit = unit_word(unit))
            )
        });
    }
    b.fact_msg(|| {
        crate::msg!(
            "expansion.unitPrice",
            r = approx(r_exact),
            unit = unit_word(unit),
            term = price.term,
            value = price.describe()
        )
    });
    if let Some(n) = note {
        b.note_msg(|| n.msg());
    }
    b.line_msg(Money::shown(fee), || {
        crate::msg!(
            "expansion.fee",
            after = &req.capacity_after,
            before = &req.capacity_before,
            r = r,
            unit = unit_word(unit),
            rate = approx(price.rate),
            factor = times_factor(d),
            result = equals(fee)
        )
    });
    b.settle_msg(cost, || {
        crate::msg!("finalRoundingOnce", value = approx(fee), total = cost)
    });
}
