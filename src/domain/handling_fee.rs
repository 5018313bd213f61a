//! Handling fee for unsubscribing an in-use resource or switching it to pay-per-use at once:
//! 003 §3.4.2.2 table 3-5 (identical to §3.2.6.4 table 3-1). The rate applies to the cash paid.
//!
//! | product term | consumed ≤ 1 y | 1 y < consumed ≤ 2 y | 2 y < consumed ≤ 3 y |
//! |---|---|---|---|
//! | 3-year | 15 % | 10 % | 5 % |
//! | 2-year | 15 % | 10 % | — |
//! | 1-year | 10 % | — | — |
//! | monthly | 10 % | — | — |
//!
//! "Consumed ≤ N years" is measured on the calendar (rules.md A7, not stated): the operation
//! day is at most N years (month arithmetic, clamped) after the order's start. Terms not in the
//! table (4Y and longer, monthly orders consumed beyond a year) have no rate: the request must then
//! pass `handlingFeeRate` itself.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};

/// Which column of the table applies: whole years started of consumption (1, 2, 3…). `day` is in
/// band N when it is after `start + 12·(N−1) months` and at most `start + 12·N months`; counting
/// stops at 100 years.
pub fn consumed_years_band(start: NaiveDate, day: NaiveDate) -> u32 {
    // `start + 12·y months` is the start's month and day in the year `start.year + y`, the day
    // clamped to the month's length (only Feb 29 clamps, to Feb 28). With y the difference of the
    // years (at least 1), `day` is after `start + 12·(y−1) months`, so the band is y or y + 1.
    let years = day.year().saturating_sub(start.year());
    let band = years.clamp(1, 99);
    let past = if band == years {
        let leap_day_kept = (start.month(), start.day()) != (2, 29)
            || NaiveDate::from_ymd_opt(day.year(), 2, 29).is_some();
        let limit_day = if leap_day_kept { start.day() } else { 28 };
        (day.month(), day.day()) > (start.month(), limit_day)
    } else {
        years > band
    };
    band.unsigned_abs() + u32::from(past)
}

/// The table rate for an order of `term` started `start`, unsubscribed on `day`.
/// 003 §3.4.2.2 ex. 1: monthly order → 10 %. A refusal has no path: the rule names the order.
pub fn table_rate(term: Term, start: NaiveDate, day: NaiveDate) -> Result<Decimal> {
    let band = consumed_years_band(start, day);
    table_percent(term, band).map(|p| Decimal::new(p, 2)).ok_or_else(|| {
        Error::new(
            ErrorCode::HandlingFeeRateUnknown,
            "",
            format!(
                "003 §3.4.2.2 table 3-5 has no handling-fee rate for a {term} order consumed into year {band}; pass handlingFeeRate"
            ),
        )
    })
}

/// Table 3-5's rate in percent for an order of `term` consumed into year `band`, if it has one.
pub fn table_percent(term: Term, band: u32) -> Option<i64> {
    match (term, band) {
        (Term::Months(_), 1) => Some(10),
        (Term::Years(1), 1) => Some(10),
        (Term::Years(2), 1) => Some(15),
        (Term::Years(2), 2) => Some(10),
        (Term::Years(3), 1) => Some(15),
        (Term::Years(3), 2) => Some(10),
        (Term::Years(3), 3) => Some(5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::add_months;

    /// The band by its definition: counted up from 1 while `day` is after `start + 12·N months`.
    fn band_by_definition(start: NaiveDate, day: NaiveDate) -> u32 {
        let mut band = 1;
        while band < 100 && add_months(start, band * 12).is_some_and(|limit| day > limit) {
            band += 1;
        }
        band
    }

    #[test]
    fn the_band_is_the_definitions_on_every_day_around_anniversaries() {
        let starts = [
            "2020-02-29",
            "2019-01-31",
            "2021-12-31",
            "2020-03-01",
            "2018-07-15",
        ];
        for start in starts.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()) {
            let mut day = start - chrono::Days::new(400);
            for _ in 0..2_600 {
                assert_eq!(
                    consumed_years_band(start, day),
                    band_by_definition(start, day),
                    "{start} {day}"
                );
                day = day.succ_opt().unwrap();
            }
            let far = NaiveDate::from_ymd_opt(2400, 2, 29).unwrap();
            assert_eq!(
                consumed_years_band(start, far),
                band_by_definition(start, far)
            );
        }
    }
}
