//! Prepaid terms: `1M`…`120M` (monthly) and `1Y`…`10Y` (yearly), as price tables and orders name them.

use std::fmt;
use std::str::FromStr;

use crate::domain::calendar::PeriodUnit;
use crate::domain::exact::Exact;
use crate::domain::money::clip;
use crate::domain::money::Money;

/// Longest monthly term accepted (`120M`).
pub const MAX_MONTHS: u32 = 120;
/// Longest yearly term accepted (`10Y`; 003 §3.2.2.2 caps renewals at 10 years).
pub const MAX_YEARS: u32 = 10;

/// A prepaid term. Monthly and yearly terms are different products even when they last as long
/// (`12M` is not `1Y`): the price type follows the term kind (003 §3.2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// N months (包月).
    Months(u32),
    /// N years (包年).
    Years(u32),
}

impl Term {
    /// The length in months (`2Y` → 24).
    pub fn months(self) -> u32 {
        match self {
            Term::Months(n) => n,
            Term::Years(n) => n * 12,
        }
    }

    /// True for yearly terms.
    pub fn is_yearly(self) -> bool {
        matches!(self, Term::Years(_))
    }

    /// The period unit this term's prices are quoted in (months for monthly, years for yearly).
    pub fn unit(self) -> PeriodUnit {
        match self {
            Term::Months(_) => PeriodUnit::Months,
            Term::Years(_) => PeriodUnit::Years,
        }
    }

    /// The length in `unit`, exact (`8M` in years = 2/3; `2Y` in months = 24).
    pub fn length_in(self, unit: PeriodUnit) -> Exact {
        let months = i64::from(self.months());
        match unit {
            PeriodUnit::Months => Exact::whole(months),
            PeriodUnit::Years => Exact::ratio(months, 12),
        }
    }

    /// The price per `unit` of a term costing `price`, exact: `price / months` per month,
    /// `price × 12 / months` per year (`1M` at 11 → 132 per year; `3Y` at 400 → 400/3 per year).
    pub fn rate(self, price: Money, unit: PeriodUnit) -> Result<Exact, crate::error::Error> {
        Ok(price.exact().over(self.length_in(unit))?)
    }

    /// The one-unit term of the same kind (`1M` or `1Y`).
    pub fn unit_term(self) -> Term {
        match self {
            Term::Months(_) => Term::Months(1),
            Term::Years(_) => Term::Years(1),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Months(n) => write!(f, "{n}M"),
            Term::Years(n) => write!(f, "{n}Y"),
        }
    }
}

impl FromStr for Term {
    type Err = String;
    fn from_str(s: &str) -> Result<Term, String> {
        let bad = || {
            format!(
                "\"{}\" is not a term: use 1M…{MAX_MONTHS}M or 1Y…{MAX_YEARS}Y",
                clip(s)
            )
        };
        let Some(kind) = s.chars().last() else {
            return Err(bad());
        };
        let digits = s.get(..s.len() - kind.len_utf8()).unwrap_or("");
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u32 = digits.parse().map_err(|_| bad())?;
        match kind {
            'M' | 'm' if (1..=MAX_MONTHS).contains(&n) => Ok(Term::Months(n)),
            'Y' | 'y' if (1..=MAX_YEARS).contains(&n) => Ok(Term::Years(n)),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_terms() {
        assert_eq!("1M".parse(), Ok(Term::Months(1)));
        assert_eq!("3Y".parse(), Ok(Term::Years(3)));
        assert!("0M".parse::<Term>().is_err());
        assert!("11Y".parse::<Term>().is_err());
        assert!("121M".parse::<Term>().is_err());
        assert!("M".parse::<Term>().is_err());
        assert!("1W".parse::<Term>().is_err());
        assert!("é".parse::<Term>().is_err());
        assert_eq!(Term::Years(2).to_string(), "2Y");
    }
}
