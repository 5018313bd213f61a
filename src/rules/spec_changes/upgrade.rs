//! Upgrade cost (资源升配, 003 §3.2.7).

use crate::domain::breakdown::{Breakdown, Detail};
use crate::domain::calendar::PeriodUnit;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::messages::{maybe, unit_word, Msg};
use crate::domain::money::{approx, equals, times_factor, Money, Ratio, RoundingPolicy};
use crate::domain::order::Order;
use crate::domain::price::{MatchedPrice, PriceTable, TermMatch, TermNote};
use crate::error::Result;
use crate::rules::spec_changes::remaining::{
    check_factor, check_prepaid, remaining_periods, remaining_periods_of_valid,
};
use crate::rules::spec_changes::remaining::{OrderPeriod, RemainingPeriods};
use crate::rules::spec_changes::remaining::{ResourceBillingMode, SpecChange};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};
use chrono::NaiveDate;

/// The offer applied to an upgrade (003 §3.2.7, four formulas).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
#[json(tag = "kind")]
pub enum UpgradeOffer {
    /// 折扣: `(P_new × R − P_old × R) × d`.
    Rate {
        /// The factor, 0 < d ≤ 1 (0.9 = 9折).
        factor: Ratio,
    },
    /// 一口价: `P_new_fixed × R − P_old × R`, with the business fixed prices of the new configuration.
    FixedPrice {
        /// Fixed prices of the new configuration, per term.
        prices: PriceTable,
    },
    /// 减免: `P_new × R − P_old × R − X`.
    Reduction {
        /// The reduction X.
        amount: Money,
    },
}

/// Request of `upgradeCost`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct UpgradeRequest {
    /// The change day, the orders and the billing mode.
    #[json(flatten)]
    pub change: SpecChange,
    /// Prices of the old configuration per term, matched by each order's own term (rules.md
    /// A4: the document's example 2 reproduces with the price at purchase).
    pub old_prices: PriceTable,
    /// Current prices of the new configuration per term.
    pub new_prices: PriceTable,
    /// Discount, fixed price or reduction (default none).
    pub offer: Option<UpgradeOffer>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// One order's share of the upgrade fee.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct OrderFee {
    /// Index of the order in the request.
    pub index: usize,
    /// Days counted in its remaining period: the day after the change (or the order's start) to
    /// its end; in years Feb 29 not counted (003 §3.2.7).
    pub remaining_days: i64,
    /// Its remaining period R in `periodUnit`.
    pub remaining_period: Exact,
    /// Its fee as added up: truncated to cents under the `document` policy, else the exact fee
    /// (shown to at most 8 decimals).
    pub fee: Money,
}

/// Result of `upgradeCost`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct UpgradeResponse {
    /// Amount to pay, half up to cents; 0 when the formula is negative (nothing charged, nothing
    /// refunded).
    pub cost: Money,
    /// Days counted in the total remaining period: the change day excluded, and in years Feb 29
    /// not counted (003 §3.2.7).
    pub remaining_days: i64,
    /// Total remaining period R in `periodUnit`.
    pub remaining_period: Exact,
    /// `months` or `years`.
    pub period_unit: PeriodUnit,
    /// Price term matched for the new configuration (rounded up).
    pub matched_term: crate::domain::term::Term,
    /// Per-order fees (an explanation's: the package gives it on first read, as `breakdown`;
    /// `cost` adds up the same fees either way).
    pub orders: Detail<Vec<OrderFee>>,
    /// True when the new configuration's rate is below the old one's: a downgrade by price (003
    /// §3.2.7 note: the fee, not the spec, decides the direction).
    pub cheaper_by_price: bool,
    /// Line items and formulas (they add up to `cost`).
    pub breakdown: Breakdown,
}

/// One order's fee, exact and as added up.
struct Fee<'a> {
    period: &'a OrderPeriod<'a>,
    old: MatchedPrice,
    exact: Exact,
    added: Exact,
}

/// 003 §3.2.7 upgrade: per not-yet-expired order `(P_new − P_old_i) × R_i × d`, summed; a
/// reduction subtracted; negative → 0. P_new: the new configuration's price for the total
/// remaining period rounded UP to a priced term; P_old_i: the old configuration's price for order
/// i's own term, in the same unit (a monthly order's month price × 12 when the price type is
/// yearly, rules.md A3). Every figure is exact; the cost is rounded half up to cents once.
///
/// Ex. 1: (400/3 − 120) × 306/365 + (400/3 − 132) × 242/365 + (400/3 − 120) × 1 = 25.395…
/// → 25.40; the `document` policy truncates each order's fee first: 11.17 + 0.88 + 13.33 = 25.38.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn upgrade_cost(req: &UpgradeRequest, b: Breakdown) -> Result<UpgradeResponse> {
    let upgrade = req.upgrade();
    upgrade_fee(&upgrade, b)
}

impl UpgradeRequest {
    /// The request's figures as an [`Upgrade`].
    fn upgrade(&self) -> Upgrade<'_> {
        Upgrade {
            date: self.change.date,
            orders: &self.change.orders,
            billing_mode: self.change.billing_mode,
            old_prices: &self.old_prices,
            new_prices: &self.new_prices,
            offer: self.offer.as_ref(),
        }
    }
}

/// An upgrade to price: the figures of an `upgradeCost` request, borrowed (the cart prices its
/// lines with it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Upgrade<'a> {
    /// The change day.
    pub date: NaiveDate,
    /// The resource's orders.
    pub orders: &'a [Order],
    /// Prepaid (pay-per-use is refused).
    pub billing_mode: ResourceBillingMode,
    /// Prices of the old configuration.
    pub old_prices: &'a PriceTable,
    /// Prices of the new configuration.
    pub new_prices: &'a PriceTable,
    /// Discount, fixed price or reduction.
    pub offer: Option<&'a UpgradeOffer>,
}

/// The cost alone on the change day: a curve's point, the figures of [`upgrade_cost`] without
/// its answer.
/// The checks that do not depend on the change day pass first ([`day_independent_checks`]).
pub(crate) fn cost_on_day(req: &UpgradeRequest) -> Result<Money> {
    let upgrade = req.upgrade();
    let offer = offer_terms(&upgrade)?;
    let periods = remaining_periods_of_valid(upgrade.orders, upgrade.date)?;
    Ok(upgrade_figures(&upgrade, &offer, &periods, req.options.policy)?.cost)
}

/// The checks that do not depend on the change day, in the rule's order (a curve runs them
/// once): prepaid, the offer, the orders.
pub(crate) fn day_independent_checks(req: &UpgradeRequest) -> Result<()> {
    let upgrade = req.upgrade();
    check_prepaid(upgrade.billing_mode)?;
    offer_terms(&upgrade)?;
    crate::domain::order::validate(upgrade.orders).map_err(|e| e.under("orders"))
}

/// [`upgrade_cost`] over an [`Upgrade`].
pub(crate) fn upgrade_fee(req: &Upgrade<'_>, mut b: Breakdown) -> Result<UpgradeResponse> {
    check_prepaid(req.billing_mode)?;
    let offer = offer_terms(req)?;
    let periods = remaining_periods(req.orders, req.date)?;
    let fees = upgrade_figures(req, &offer, &periods, b.policy)?;
    explain_upgrade(req.date, &offer, &periods, &fees, &mut b);
    let orders = b.detail(|_| {
        let rows = fees.orders.iter();
        rows.map(|f| OrderFee {
            index: f.period.index,
            remaining_days: f.period.days,
            remaining_period: f.period.r,
            fee: Money::shown(f.added),
        })
        .collect()
    });
    Ok(UpgradeResponse {
        cost: fees.cost,
        remaining_days: periods.days(),
        remaining_period: periods.total,
        period_unit: periods.unit,
        matched_term: fees.new_price.term,
        orders,
        cheaper_by_price: fees.cheaper,
        breakdown: b,
    })
}

/// What the offer changes, the same on every day: the factor d, the reduction X and the table
/// the new configuration is priced from.
struct OfferTerms<'a> {
    factor: Exact,
    reduction: Money,
    new_table: &'a PriceTable,
    new_path: &'static str,
}

/// 003 §3.2.7, four formulas: a discount's factor d (validated), a fixed price's table, a
/// reduction's X.
fn offer_terms<'a>(req: &Upgrade<'a>) -> Result<OfferTerms<'a>> {
    let (factor, reduction, new_table, new_path) = match req.offer {
        None => (Exact::ONE, Money::ZERO, req.new_prices, "newPrices"),
        Some(UpgradeOffer::Rate { factor }) => (
            check_factor(Some(*factor), "offer.factor")?,
            Money::ZERO,
            req.new_prices,
            "newPrices",
        ),
        Some(UpgradeOffer::FixedPrice { prices }) => {
            (Exact::ONE, Money::ZERO, prices, "offer.prices")
        }
        Some(UpgradeOffer::Reduction { amount }) => {
            (Exact::ONE, *amount, req.new_prices, "newPrices")
        }
    };
    Ok(OfferTerms {
        factor,
        reduction,
        new_table,
        new_path,
    })
}

/// The figures of an upgrade on its change day.
struct UpgradeFees<'a> {
    /// P_new, matched for the total remaining period rounded up.
    new_price: MatchedPrice,
    /// The matching's note, if any.
    note: Option<TermNote>,
    /// Each unexpired order's fee.
    orders: Vec<Fee<'a>>,
    /// The fees added up, less the reduction.
    net: Exact,
    /// The net, 0 when negative, half up to cents.
    cost: Money,
    /// The new rate is below some order's old rate.
    cheaper: bool,
}

/// 003 §3.2.7: P_new for the total remaining period rounded up, each order's
/// `(P_new − P_old_i) × R_i × d` (truncated to cents under the `document` policy), summed, less
/// the reduction, negative → 0, half up to cents once.
fn upgrade_figures<'a>(
    req: &Upgrade<'_>,
    offer: &OfferTerms<'_>,
    periods: &'a RemainingPeriods<'a>,
    policy: RoundingPolicy,
) -> Result<UpgradeFees<'a>> {
    let unit = periods.unit;
    let (new_price, note) = offer
        .new_table
        .match_period(unit == PeriodUnit::Years, periods.total, TermMatch::Up)
        .map_err(|e| e.at(offer.new_path))?;
    let mut fees = Vec::with_capacity(periods.orders.len());
    for p in &periods.orders {
        let old = req
            .old_prices
            .rate(p.order.term, unit)
            .map_err(|e| e.at(format!("oldPrices.{}", p.order.term)))?;
        let exact = new_price
            .rate
            .minus(old.rate)?
            .times(p.r)?
            .times(offer.factor)?;
        let added = match policy {
            RoundingPolicy::Document => Exact::of(exact.round(2, Rounding::Truncate)?),
            RoundingPolicy::Console | RoundingPolicy::Exact => exact,
        };
        fees.push(Fee {
            period: p,
            old,
            exact,
            added,
        });
    }
    let net = Exact::sum(fees.iter().map(|f| f.added))?.minus(offer.reduction.exact())?;
    let cost = Money::cents_of(net.max0())?;
    let cheaper = fees.iter().any(|f| new_price.rate < f.old.rate);
    Ok(UpgradeFees {
        new_price,
        note,
        orders: fees,
        net,
        cost,
        cheaper,
    })
}

/// The breakdown of an upgrade: the remaining periods, P_new, each order's fee, the reduction,
/// a negative fee cut to 0, the final rounding (003 §3.2.7).
fn explain_upgrade(
    date: NaiveDate,
    offer: &OfferTerms<'_>,
    periods: &RemainingPeriods<'_>,
    fees: &UpgradeFees<'_>,
    b: &mut Breakdown,
) {
    // A silent breakdown (figures only) shows no line: no line amount to compute for it.
    if !b.explains() {
        return;
    }
    let unit = periods.unit;
    let (new_price, factor, reduction, net, cost) = (
        &fees.new_price,
        offer.factor,
        offer.reduction,
        fees.net,
        fees.cost,
    );
    periods.explain(date, b);
    b.fact_msg(|| {
        crate::msg!(
            "upgrade.newPrice",
            r = approx(periods.total),
            unit = unit_word(unit),
            term = new_price.term,
            value = new_price.describe()
        )
    });
    if let Some(n) = fees.note {
        b.note_msg(|| n.msg());
    }
    explain_order_fees(factor, unit, new_price, &fees.orders, b);
    if reduction.is_positive() {
        b.line_msg(-reduction, || {
            crate::msg!("upgrade.reduction", amount = reduction)
        });
    }
    if net.is_negative() {
        b.line_msg(Money::shown(net.negated()), || {
            crate::msg!("upgrade.negative", net = approx(net))
        });
    }
    b.settle_final(cost, || approx(net.max0()));
    if fees.cheaper {
        b.note_msg(|| Msg::new("upgrade.cheaperByPrice"));
    }
}

/// One line per order: `(P_new − P_old_i) × R_i × d`, and its cut to cents under the `document`
/// policy (003 §3.2.7 ex. 1).
fn explain_order_fees(
    factor: Exact,
    unit: PeriodUnit,
    new_price: &MatchedPrice,
    fees: &[Fee<'_>],
    b: &mut Breakdown,
) {
    for f in fees {
        b.line_msg(Money::shown(f.added), || {
            let p = f.period;
            let cut = (f.added != f.exact)
                .then(|| crate::msg!("upgrade.documentCut", fee = Money::shown(f.added)));
            crate::msg!(
                "upgrade.orderFee",
                index = p.index,
                term = p.order.term,
                new = approx(new_price.rate),
                old = approx(f.old.rate),
                r = p.r,
                unit = unit_word(unit),
                factor = times_factor(factor),
                result = equals(f.exact),
                cut = maybe(cut),
                oldPrice = f.old.describe()
            )
        });
    }
}
