//! Price tables and term matching (003 §3.2.7).
//!
//! A price table gives the current price of one configuration per term: `{"1M": "11", "1Y": "120",
//! "3Y": "400"}`. A term price becomes a rate per unit of time by dividing by the term's length
//! (003 §3.2.7: 400 for 3 years = 400/3 per year = 400/36 per month).

use crate::domain::map::SortedMap;
use rust_decimal::Decimal;

use crate::domain::calendar::PeriodUnit;
use crate::domain::exact::Exact;
use crate::domain::messages::Msg;
use crate::domain::money::{approx, equals, Money};
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};

/// Prices of one configuration, per term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceTable(pub SortedMap<Term, Money>);

/// How a remaining period is matched to a price term (003 §3.2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermMatch {
    /// Upgrades and disk expansion: the remaining period rounded UP to a priced term; when no priced
    /// term is that long, the longest priced term ("only a 1-year price → use the 1-year price").
    Up,
    /// Downgrades: rounded DOWN; when no priced term is that short (rules.md A6, not stated),
    /// billcalc uses the shortest priced term of the kind and says so in the breakdown.
    Down,
}

/// A price found for a term, as a rate per unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchedPrice {
    /// The term whose price was used.
    pub term: Term,
    /// That term's price (for a monthly term missing from the table: months × the `1M` price).
    pub price: Money,
    /// Price per unit (`price / term length in unit`), exact: 400 for 3 years is 400/3 per year.
    pub rate: Exact,
    /// Unit of `rate`.
    pub unit: PeriodUnit,
    /// True when the price was derived from the `1M` price (an `8M` renewal at 8 × the `1M` price).
    pub from_unit_term: bool,
}

impl MatchedPrice {
    /// `400/3 per year (3Y price 400)`-style text for formulas.
    pub fn describe(&self) -> Msg {
        let unit = crate::domain::messages::unit_singular(self.unit);
        let len = self.term.length_in(self.unit);
        if len == Exact::ONE {
            crate::msg!(
                "price.perUnit",
                price = self.price,
                unit = unit,
                term = self.term
            )
        } else if self.from_unit_term {
            crate::msg!(
                "price.fromUnitTerm",
                rate = approx(self.rate),
                unit = unit,
                term = self.term,
                months = self.term.months()
            )
        } else {
            crate::msg!(
                "price.ofTerm",
                price = self.price,
                length = len,
                rate = equals(self.rate),
                unit = unit,
                term = self.term
            )
        }
    }
}

impl PriceTable {
    /// The price of `term` as a rate per `unit`. A monthly term missing from the table is priced
    /// from the `1M` price (an `8M` renewal at 8 × the `1M` price: 003 §3.2.7 upgrade ex. 1 pays
    /// 8 × 11 = 88). A missing yearly term is refused: no document derives `3Y` from `1Y` (the
    /// 3-year price is usually discounted), and a guess would be a silent wrong answer.
    /// A refusal has no path: the rule names the table (`oldPrices.3Y`).
    pub fn rate(&self, term: Term, unit: PeriodUnit) -> Result<MatchedPrice> {
        if let Some(&price) = self.0.get(&term) {
            return Ok(MatchedPrice {
                term,
                price,
                rate: term.rate(price, unit)?,
                unit,
                from_unit_term: false,
            });
        }
        let one_month = Term::Months(1);
        match (term, self.0.get(&one_month)) {
            (Term::Months(n), Some(&price)) => Ok(MatchedPrice {
                term,
                price: price * Decimal::from(n),
                rate: one_month.rate(price, unit)?,
                unit,
                from_unit_term: true,
            }),
            (Term::Months(_), None) => Err(Error::new(
                ErrorCode::PriceNotFound,
                "",
                format!("no price for {term} (nor for 1M) in the price table"),
            )),
            (Term::Years(_), _) => Err(Error::new(
                ErrorCode::PriceNotFound,
                "",
                format!(
                    "no price for {term} in the price table; a yearly price is not derived from another term (give the {term} price)"
                ),
            )),
        }
    }

    /// Match a total remaining period `r` (in the unit of `yearly`'s kind) to a priced term of that
    /// kind, rounding as `how` says, and return its rate per unit (003 §3.2.7). The comparison is
    /// exact: 730/365 years is 2 years and matches `2Y` when rounding up or down.
    pub fn match_period(
        &self,
        yearly: bool,
        r: Exact,
        how: TermMatch,
    ) -> Result<(MatchedPrice, Option<TermNote>)> {
        let unit = if yearly {
            PeriodUnit::Years
        } else {
            PeriodUnit::Months
        };
        // A monthly term the table does not list is still purchasable, at n × the 1M price
        // (003 §3.2.7's 8M = 8 × 11): R rounded to whole months is a candidate too, so listing
        // a term at the price it would be derived at changes no answer. No monthly term is nearer
        // R than R rounded to whole months: where there is one, it is the match.
        let derived = match (yearly, self.0.contains_key(&Term::Months(1))) {
            (false, true) => whole_months(r, how),
            _ => None,
        };
        let (chosen, note) = match derived {
            Some(term) => (term, None),
            None => self.match_listed(yearly, unit, r, how)?,
        };
        Ok((self.rate(chosen, unit)?, note))
    }

    /// The listed term of `yearly`'s kind that [`PriceTable::match_period`] matches to `r`, and the
    /// note when none covers it.
    fn match_listed(
        &self,
        yearly: bool,
        unit: PeriodUnit,
        r: Exact,
        how: TermMatch,
    ) -> Result<(Term, Option<TermNote>)> {
        let listed = || self.0.keys().copied().filter(|t| t.is_yearly() == yearly);
        let (Some(shortest), Some(longest)) = (listed().next(), listed().next_back()) else {
            let kind = if yearly { "yearly" } else { "monthly" };
            return Err(Error::new(
                ErrorCode::PriceNotFound,
                "",
                format!("the price table has no {kind} price; the orders need {kind} prices"),
            ));
        };
        let note = |term| TermNote { r, unit, term, how };
        Ok(match how {
            TermMatch::Up => match listed().find(|t| t.length_in(unit) >= r) {
                Some(t) => (t, None),
                None => (longest, Some(note(longest))),
            },
            TermMatch::Down => match listed().rev().find(|t| t.length_in(unit) <= r) {
                Some(t) => (t, None),
                None => (shortest, yearly.then(|| note(shortest))),
            },
        })
    }
}

/// `r` months rounded as `how` says to a whole number of months that is a term (`1M`…`120M`),
/// if there is one.
fn whole_months(r: Exact, how: TermMatch) -> Option<Term> {
    let (n, d) = (r.numerator(), r.denominator());
    let months = match how {
        TermMatch::Up => n.div_euclid(d) + i128::from(n.rem_euclid(d) != 0),
        TermMatch::Down => n.div_euclid(d),
    };
    let months = u32::try_from(months).ok()?;
    (1..=crate::domain::term::MAX_MONTHS)
        .contains(&months)
        .then_some(Term::Months(months))
}

/// Why the matched term is not the remaining period rounded (003 §3.2.7, rules.md A6): written
/// only when a breakdown shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermNote {
    r: Exact,
    unit: PeriodUnit,
    term: Term,
    how: TermMatch,
}

impl TermNote {
    /// The note's message.
    pub fn msg(&self) -> Msg {
        let (r, term) = (approx(self.r), self.term);
        match self.how {
            TermMatch::Up => {
                let kind = if self.unit == PeriodUnit::Years {
                    "price.kind.yearly"
                } else {
                    "price.kind.monthly"
                };
                crate::msg!(
                    "price.noneCovers",
                    kind = Msg::new(kind),
                    r = r,
                    unit = crate::domain::messages::unit_word(self.unit),
                    term = term
                )
            }
            TermMatch::Down => crate::msg!("price.shortestYearly", r = r, term = term),
        }
    }
}
