//! Exact figures: ratios of days and hours, and the amounts computed from them, as fractions of
//! two integers until a rule rounds.
//!
//! `Decimal` is exact for + − × but not for ÷: 10/30 is 0.3333…3 at 28 digits, × 30 gives
//! 9.999…9, and truncating that to cents gives 9.99 where the exact fee is 10.00. An [`Exact`]
//! keeps 10/30 as 1/3, so 1/3 × 30 is 10, and every rounding (half up, truncation) is applied to
//! the exact value, once, where the rule says to round.
//!
//! The fractions are [`num_rational::Ratio`] over `i128`, kept reduced. Every operation is
//! checked: a figure that would not fit (only possible for inputs with very many decimals, far
//! beyond any price list) is refused with `MONEY_OUT_OF_RANGE` instead of being altered.

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedMul, CheckedSub, One, Signed, Zero};
use rust_decimal::Decimal;
use std::fmt;

use crate::error::{Error, ErrorCode, Result};

/// Decimals kept in an intermediate figure shown in an answer (003 §3.2.7 note 4: "keep at least
/// 8 decimals so that the result matches the page"; bills show exact amounts at 8 decimals,
/// 003 §6.1.6).
pub const SHOWN_DECIMALS: u32 = 8;

/// An exact rational figure: an amount of money, a ratio of days or hours, a period in months or
/// years. `Copy`, ordered, always reduced (`10/30` is `1/3`). In an answer a ratio or period is
/// written as its fraction and its decimal to 8 places: `{"fraction": "913/365", "decimal":
/// "2.50136986"}` (a whole number as `"2"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    test,
    derive(ts_rs::TS),
    ts(
        export,
        export_to = "../js/types.d.ts",
        rename = "Fraction",
        type = "{ fraction: string, decimal: string }"
    )
)]
pub struct Exact(Ratio<i128>);

/// How a rule rounds an exact figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// 四舍五入: half away from zero (48.125 → 48.13).
    HalfUp,
    /// 截断 / 抹零: toward zero (11.178 → 11.17).
    Truncate,
}

fn too_large() -> Error {
    Error::new(
        ErrorCode::MoneyOutOfRange,
        "",
        "the amounts have too many digits to be computed exactly; give amounts with fewer decimals",
    )
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::ZERO
    }
}

impl Exact {
    /// 0.
    pub const ZERO: Exact = Exact(Ratio::new_raw(0, 1));
    /// 1.
    pub const ONE: Exact = Exact(Ratio::new_raw(1, 1));

    /// The whole number `n`.
    pub fn whole(n: i64) -> Exact {
        Exact(Ratio::from_integer(i128::from(n)))
    }

    /// `numerator / denominator` (`14 / 32` = 7/16). A zero denominator, which the rules rule out
    /// beforehand (day and hour counts are ≥ 1), gives 0 rather than a panic.
    #[inline(never)]
    pub fn ratio(numerator: i64, denominator: i64) -> Exact {
        if denominator == 0 {
            return Exact::ZERO;
        }
        Exact(Ratio::new(i128::from(numerator), i128::from(denominator)))
    }

    /// A decimal's exact value (`110.50` = 221/2). Always fits: a decimal's mantissa has 96 bits.
    #[inline(never)]
    pub fn of(d: Decimal) -> Exact {
        let scale = 10i128.pow(d.scale().min(28));
        Exact(Ratio::new(d.mantissa(), scale))
    }

    /// The numerator of the reduced fraction.
    pub fn numerator(self) -> i128 {
        *self.0.numer()
    }

    /// The denominator of the reduced fraction (≥ 1).
    pub fn denominator(self) -> i128 {
        *self.0.denom()
    }

    /// `self + other`.
    #[inline(never)]
    pub fn plus(self, other: Exact) -> Result<Exact> {
        self.0
            .checked_add(&other.0)
            .map(Exact)
            .ok_or_else(too_large)
    }

    /// `self − other`.
    #[inline(never)]
    pub fn minus(self, other: Exact) -> Result<Exact> {
        self.0
            .checked_sub(&other.0)
            .map(Exact)
            .ok_or_else(too_large)
    }

    /// `self × other`.
    #[inline(never)]
    pub fn times(self, other: Exact) -> Result<Exact> {
        self.0
            .checked_mul(&other.0)
            .map(Exact)
            .ok_or_else(too_large)
    }

    /// `self / other`; `other` is never zero in the rules (a zero divisor gives 0, not a panic).
    pub fn over(self, other: Exact) -> Result<Exact> {
        if other.0.is_zero() {
            return Ok(Exact::ZERO);
        }
        self.times(Exact(other.0.recip()))
    }

    /// The sum of `items`.
    pub fn sum(items: impl IntoIterator<Item = Exact>) -> Result<Exact> {
        items.into_iter().try_fold(Exact::ZERO, Exact::plus)
    }

    /// `max0(x)`: a negative figure becomes 0 (RULES.md §0).
    pub fn max0(self) -> Exact {
        if self.0.is_negative() {
            Exact::ZERO
        } else {
            self
        }
    }

    /// `−self`.
    pub fn negated(self) -> Exact {
        // Numerators stay far inside i128 (the rules' figures are below 10^30), so this never
        // saturates.
        Exact(Ratio::new_raw(
            self.numerator().saturating_neg(),
            self.denominator(),
        ))
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_negative()
    }

    /// True above zero.
    pub fn is_positive(self) -> bool {
        self.0.is_positive()
    }

    /// True for 0.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// True when the figure is a whole number.
    pub fn is_whole(self) -> bool {
        self.0.denom().is_one()
    }

    /// Round to `dp` decimals as `how` says, from the exact value: 1/3 × 30 truncated to cents is
    /// 10.00; 16.815 half up is 16.82. The result shows `dp` decimals (`10` → `10.00`).
    #[inline(never)]
    pub fn round(self, dp: u32, how: Rounding) -> Result<Decimal> {
        let scale = 10i128.checked_pow(dp).ok_or_else(too_large)?;
        let scaled = self
            .0
            .checked_mul(&Ratio::from_integer(scale))
            .ok_or_else(too_large)?;
        let whole = match how {
            Rounding::HalfUp => scaled.round(),
            Rounding::Truncate => scaled.trunc(),
        };
        Decimal::try_from_i128_with_scale(*whole.numer(), dp).map_err(|_| too_large())
    }

    /// Half up to cents: the final rounding of every amount.
    pub fn cents(self) -> Result<Decimal> {
        self.round(2, Rounding::HalfUp)
    }

    /// The value as an answer shows an intermediate figure: exact when it has at most
    /// [`SHOWN_DECIMALS`] decimals, else rounded half up to that many; trailing zeros dropped.
    /// `1/4` → 0.25; `2/3` → 0.66666667.
    #[inline(never)]
    pub fn shown(self) -> Decimal {
        match self.round(SHOWN_DECIMALS, Rounding::HalfUp) {
            Ok(d) => d.normalize(),
            // Unreachable for figures of the rules (they fit with 8 more digits); the nearest
            // decimal is still the honest display.
            Err(_) => Decimal::try_from_i128_with_scale(self.numerator(), 0)
                .ok()
                .zip(Decimal::try_from_i128_with_scale(self.denominator(), 0).ok())
                .and_then(|(a, b)| a.checked_div(b))
                .unwrap_or_default()
                .round_dp(SHOWN_DECIMALS)
                .normalize(),
        }
    }

    /// True when [`Exact::shown`] is the exact value (no digits beyond 8 decimals).
    #[inline(never)]
    pub fn is_shown_exactly(self) -> bool {
        Exact::of(self.shown()) == self
    }
}

/// The fraction as text: `306/365`, `7/3`, or a whole number `2`.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_integer(f, self.numerator())?;
        if !self.is_whole() {
            f.write_str("/")?;
            write_integer(f, self.denominator())?;
        }
        Ok(())
    }
}

/// An integer's digits, written by hand: the standard 128-bit formatter is 1.5 KB of the module
/// for figures that are mostly two or three digits long.
fn write_integer(f: &mut fmt::Formatter<'_>, n: i128) -> fmt::Result {
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at = at.saturating_sub(1);
        if let Some(d) = digits.get_mut(at) {
            *d = b'0'.saturating_add((rest % 10) as u8);
        }
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        f.write_str("-")?;
    }
    let text = digits.get(at..).unwrap_or_default();
    f.write_str(std::str::from_utf8(text).unwrap_or_default())
}

impl From<Decimal> for Exact {
    fn from(d: Decimal) -> Exact {
        Exact::of(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_third_of_thirty_is_ten() {
        let r = Exact::ratio(10, 30);
        assert_eq!(r.to_string(), "1/3");
        let fee = r.times(Exact::of(dec!(30))).unwrap();
        assert_eq!(
            fee.round(2, Rounding::Truncate).unwrap().to_string(),
            "10.00"
        );
        // The Decimal way: 10/30 rounded at 28 digits, × 30, truncated.
        let drift = (dec!(10) / dec!(30) * dec!(30)).trunc_with_scale(2);
        assert_eq!(drift.to_string(), "9.99");
    }

    #[test]
    fn half_cents_round_up_from_the_exact_value() {
        // 26.55 × 19/30 = 16.815 exactly.
        let top_up = Exact::of(dec!(26.55)).times(Exact::ratio(19, 30)).unwrap();
        assert_eq!(top_up.cents().unwrap().to_string(), "16.82");
        assert_eq!(
            Exact::of(dec!(-0.005)).cents().unwrap().to_string(),
            "-0.01"
        );
        assert_eq!(
            Exact::of(dec!(48.125)).cents().unwrap().to_string(),
            "48.13"
        );
        assert_eq!(
            Exact::of(dec!(11.178))
                .round(2, Rounding::Truncate)
                .unwrap()
                .to_string(),
            "11.17"
        );
    }

    #[test]
    fn two_years_of_days_are_two_years() {
        let total = Exact::sum([
            Exact::ratio(200, 365),
            Exact::ratio(300, 365),
            Exact::ratio(230, 365),
        ])
        .unwrap();
        assert_eq!(total, Exact::whole(2));
    }

    #[test]
    fn shown_keeps_at_most_eight_decimals() {
        assert_eq!(Exact::ratio(2, 3).shown().to_string(), "0.66666667");
        assert_eq!(Exact::ratio(1, 4).shown().to_string(), "0.25");
        assert_eq!(Exact::ratio(913, 365).shown().to_string(), "2.50136986");
        assert!(Exact::ratio(1, 4).is_shown_exactly());
        assert!(!Exact::ratio(1, 3).is_shown_exactly());
        assert_eq!(Exact::of(dec!(54.000)).shown().to_string(), "54");
        assert_eq!(Exact::ratio(-7, 3).to_string(), "-7/3");
        assert_eq!(Exact::ZERO.to_string(), "0");
        let big = Exact(Ratio::new_raw(i128::MAX, 1));
        assert_eq!(big.to_string(), i128::MAX.to_string());
    }

    #[test]
    fn overflow_is_refused_not_wrapped() {
        let big = Exact(Ratio::from_integer(i128::MAX / 2));
        assert_eq!(
            big.times(Exact::whole(3)).unwrap_err().code,
            ErrorCode::MoneyOutOfRange
        );
        assert!(Exact::ONE.over(Exact::ZERO).unwrap().is_zero());
    }
}
