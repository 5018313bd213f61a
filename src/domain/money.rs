//! Money and rounding: one money type for every operation.
//!
//! `Money` wraps a `rust_decimal::Decimal` (96-bit mantissa, up to 28 decimals): never a float.
//! It crosses every boundary (JSON, JS) as a decimal string such as `"50.87"`.
//!
//! **Range guarantee.** Every money input is checked to lie in `0 ..= 10^12`, counts to
//! `≤ 10^6` and periods to `≤ 1,200` months, so every intermediate value of every rule stays below
//! `10^21`, far inside `Decimal`'s `7.9 × 10^28`: the arithmetic below cannot overflow and never
//! panics. Divisors are day counts and term lengths, which are always ≥ 1. Belt and braces: this
//! module's arithmetic is checked by `clippy::arithmetic_side_effects`, and `Money`'s operators
//! saturate instead of panicking.

#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

use crate::domain::exact::{Exact, Rounding};
use crate::error::ErrorCode;
use billcalc_derive::{FromJson, ToJson, Ts};
use billcalc_exact::decimal::add_or_subtract;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

/// Largest money amount accepted as input (10^12).
pub const MAX_INPUT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// An amount of money in the account's currency (USD in the Huawei examples).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Money from a decimal.
    pub fn new(value: Decimal) -> Money {
        Money(value)
    }

    /// The decimal value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// `max0(x)`: negative amounts become zero (docs/rules.md, conventions).
    pub fn max0(self) -> Money {
        if self.0.is_sign_negative() {
            Money::ZERO
        } else {
            self
        }
    }

    /// True when the amount is negative and not zero.
    pub fn is_negative(self) -> bool {
        self.0 < Decimal::ZERO
    }

    /// True when the amount is strictly positive.
    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    /// Divide by a non-zero decimal (day counts, term lengths). Returns zero for a zero divisor,
    /// which the callers rule out beforehand (a day count is ≥ 1).
    pub fn divided_by(self, divisor: Decimal) -> Money {
        Money(self.0.checked_div(divisor).unwrap_or(Decimal::ZERO))
    }

    /// Round half up (四舍五入, away from zero at .5) to `dp` decimals, keeping `dp` decimals
    /// in the text: 48.125 → 48.13, 10 → 10.00.
    pub fn round_half_up(self, dp: u32) -> Money {
        Money(round_half_up(self.0, dp))
    }

    /// Truncate (截断 / 抹零, toward zero) to `dp` decimals: 11.178082 → 11.17.
    pub fn truncate(self, dp: u32) -> Money {
        Money(truncate(self.0, dp))
    }

    /// Round half up to cents (the final rounding of every amount in this crate).
    pub fn cents(self) -> Money {
        self.round_half_up(2)
    }

    /// The exact value, for arithmetic with ratios.
    pub fn exact(self) -> Exact {
        Exact::of(self.0)
    }

    /// An exact figure as an answer shows an intermediate amount: exact up to 8 decimals, else
    /// rounded half up to 8 ([`Exact::shown`]).
    pub fn shown(e: Exact) -> Money {
        Money(e.shown())
    }

    /// An exact figure rounded half up to cents, from its exact value (a final amount).
    pub fn cents_of(e: Exact) -> crate::error::Result<Money> {
        Ok(Money(e.cents()?))
    }

    /// An exact figure rounded to `dp` decimals as `how` says, from its exact value.
    pub fn rounded(e: Exact, dp: u32, how: Rounding) -> crate::error::Result<Money> {
        Ok(Money(e.round(dp, how)?))
    }
}

/// Round half up (away from zero at the midpoint) to `dp` decimals and show `dp` decimals.
/// `round_half_up(48.125, 2) = 48.13`; `round_half_up(0.9032258, 2) = 0.90`.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Truncate toward zero to `dp` decimals and show `dp` decimals.
/// `truncate(11.178082, 2) = 11.17`; `truncate(9.31e-10, 10) = 0.0000000009`.
pub fn truncate(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::ToZero);
    r.rescale(dp);
    r
}

/// Shown as serialized: at least two decimals (`600` → `600.00`, `48.125` → `48.125`).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_amount(f, self.0)
    }
}

/// Write an amount as answers show it: at least two decimals, no trailing zero beyond them
/// (`600` → `600.00`, `48.1300` → `48.13`, `48.125` → `48.125`).
pub fn write_amount(f: &mut impl fmt::Write, value: Decimal) -> fmt::Result {
    match billcalc_exact::decimal::amount_digits(value, &mut [0; 48]) {
        Some(text) => f.write_str(text),
        None => write_decimal(f, value),
    }
}

/// Write a decimal exactly as its `Display` does (`-0.50`, `110.00`, `0.0000000009`), without
/// `rust_decimal`'s general formatter: the figures of every answer go through here, and it is
/// the larger part of a call's cost otherwise.
pub fn write_decimal(f: &mut impl fmt::Write, d: Decimal) -> fmt::Result {
    match billcalc_exact::decimal::digits(d, &mut [0; 48]) {
        Some(text) => f.write_str(text),
        None => write!(f, "{d}"),
    }
}

/// `+`, `+=`, `−`, `−=` on money, through [`add_or_subtract`].
macro_rules! money_operators {
    ($($op:ident $method:ident, $op_assign:ident $method_assign:ident: $subtract:literal;)*) => {$(
        impl $op for Money {
            type Output = Money;
            fn $method(self, rhs: Money) -> Money {
                Money(add_or_subtract(self.0, rhs.0, $subtract))
            }
        }

        impl $op_assign for Money {
            fn $method_assign(&mut self, rhs: Money) {
                self.0 = add_or_subtract(self.0, rhs.0, $subtract);
            }
        }
    )*};
}
money_operators! {
    Add add, AddAssign add_assign: false;
    Sub sub, SubAssign sub_assign: true;
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(add_or_subtract(Decimal::ZERO, self.0, true))
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, rhs: Decimal) -> Money {
        Money(self.0.saturating_mul(rhs))
    }
}

/// `a + b` on plain decimals (quantities, weights, sums of figures), saturating as money's
/// addition does, through the same one copy of it ([`add_or_subtract`]).
pub fn plus(a: Decimal, b: Decimal) -> Decimal {
    add_or_subtract(a, b, false)
}

/// `a − b` on plain decimals: see [`plus`].
pub fn minus(a: Decimal, b: Decimal) -> Decimal {
    add_or_subtract(a, b, true)
}

/// The sum of plain decimals: see [`plus`].
pub fn total<'a>(items: impl IntoIterator<Item = &'a Decimal>) -> Decimal {
    items.into_iter().fold(Decimal::ZERO, |a, b| plus(a, *b))
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| Money(add_or_subtract(a.0, b.0, false)))
    }
}

/// A money input read and checked, or the code and message of its refusal.
pub type Checked = Result<Money, (ErrorCode, String)>;

/// Read a money amount written as text (`"110.00"`): at most 10^12, never negative.
pub fn parse_money(s: &str) -> Checked {
    if let Some(v) = plain_decimal(s) {
        return check_money(v, &format_args!("\"{s}\""));
    }
    let t = s.trim();
    let plain = !t.is_empty()
        && t.len() <= 40
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    match (plain, Decimal::from_str_exact(t)) {
        (true, Ok(v)) => check_money(v, &format_args!("\"{s}\"")),
        _ => Err((
            ErrorCode::InvalidMoney,
            format!("\"{}\" is not a decimal amount such as \"110.00\"", clip(s)),
        )),
    }
}

/// The common shape `digits[.digits]` of at most 18 digits read in integer arithmetic: the very
/// value and scale `Decimal::from_str_exact` gives (`"110.00"` → 11000 × 10^−2). Anything else is
/// `None` and goes to `from_str_exact`.
fn plain_decimal(s: &str) -> Option<Decimal> {
    let (whole, fraction) = match s.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (s, ""),
    };
    if whole.is_empty() || whole.len().checked_add(fraction.len())? > 18 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))?;
    }
    let scale = u32::try_from(fraction.len()).ok()?;
    Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
}

/// Money inputs are ≥ 0 and at most 10^12.
pub fn check_money(v: Decimal, shown: &dyn fmt::Display) -> Checked {
    if v.is_sign_negative() && !v.is_zero() {
        return Err((
            ErrorCode::NegativeMoney,
            format!("amount {shown} is negative; money inputs must be ≥ 0"),
        ));
    }
    if v > MAX_INPUT {
        return Err((
            ErrorCode::MoneyOutOfRange,
            format!("amount {shown} is larger than 1000000000000"),
        ));
    }
    Ok(Money(if v.is_zero() { Decimal::ZERO } else { v }))
}

/// Shorten user text quoted in an error message.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

/// Show a decimal in a formula: exact values as they are, long fractions cut at 8 decimals
/// with an ellipsis (`0.22580645…`).
pub fn show(value: Decimal) -> String {
    let n = value.normalize();
    if n.scale() <= 8 {
        n.to_string()
    } else {
        format!("{}…", truncate(n, 8).normalize())
    }
}

/// An exact figure in a formula: its decimal when it has at most 8 decimals (`48.125`), else
/// `≈` and its value half up to 8 decimals (`≈27.09677419`).
pub fn approx(e: Exact) -> String {
    if e.is_shown_exactly() {
        e.shown().to_string()
    } else {
        format!("≈{}", e.shown())
    }
}

/// A discount factor as a formula writes it: `" × 0.9"`, nothing for 1 (no discount).
pub fn times_factor(factor: Exact) -> String {
    if factor == Exact::ONE {
        String::new()
    } else {
        format!(" × {}", approx(factor))
    }
}

/// The result of a formula: `= 48.125` when exact to 8 decimals, else `≈ 27.09677419`.
pub fn equals(e: Exact) -> String {
    if e.is_shown_exactly() {
        format!("= {}", e.shown())
    } else {
        format!("≈ {}", e.shown())
    }
}

/// A dimensionless decimal: a discount factor (0.9 = 9折), a fee rate (0.10), a remaining ratio or
/// a period length in months or years. Read like money (a decimal string, or an exactly
/// representable number; never negative); serialized as a decimal string without trailing zeros
/// (`"0.9"`, `"2.7258064516129032258064516129"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ratio(pub Decimal);

impl Ratio {
    /// The decimal value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// The exact value, for arithmetic.
    pub fn exact(self) -> Exact {
        Exact::of(self.0)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_decimal(f, self.0.normalize())
    }
}

/// How intermediate amounts are rounded. The final amount is always rounded half up to cents.
///
/// | step | `console` (default) | `document` | `exact` |
/// |---|---|---|---|
/// | unsubscribe / switch: consumed amount and handling fee | half up to cents (003 §3.4.2.2: 48.125 → 48.13) | same | exact |
/// | upgrade: each order's fee | exact | truncated to cents (003 §3.2.7 ex. 1: 11.178 → 11.17) | exact |
/// | disk expansion: remaining period | exact | half up to 2 decimals (003 §3.2.7: 28/31 → 0.90) | exact |
/// | everything else | exact | exact | exact |
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum RoundingPolicy {
    /// What the console charges (default). Spec changes keep every intermediate exact and round
    /// once at the end (003 §3.2.7 note 4: "keep at least 8 decimals during the calculation so
    /// that the result matches the page"); unsubscribing rounds the consumed amount and the
    /// handling fee to cents, as 003 §3.4.2.2 states (110.00 × 14/32 = 48.13; refund 50.87).
    #[default]
    Console,
    /// The documents' worked examples, which "keep two decimals, for reference only" (003 §3.2.7
    /// note 4): as `console`, plus the remaining period of a disk expansion rounded half up to 2
    /// decimals (28/31 → 0.90, fee 15.75) and each order's upgrade fee truncated to cents before
    /// the fees are added (11.17 + 0.88 + 13.33 = 25.38). rules.md A2.
    Document,
    /// Every intermediate value exact, one rounding half up to cents at the end, unsubscribing
    /// included (110 − 48.125 − 11 = 50.875 → 50.88).
    Exact,
}

impl RoundingPolicy {
    /// The name shown in breakdowns.
    pub fn name(self) -> &'static str {
        match self {
            RoundingPolicy::Console => "console",
            RoundingPolicy::Document => "document",
            RoundingPolicy::Exact => "exact",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn max_input_is_ten_to_the_twelfth() {
        assert_eq!(MAX_INPUT, dec!(1000000000000));
    }

    #[test]
    fn rounding_modes() {
        assert_eq!(round_half_up(dec!(48.125), 2).to_string(), "48.13");
        assert_eq!(round_half_up(dec!(10), 2).to_string(), "10.00");
        assert_eq!(round_half_up(dec!(-0.005), 2).to_string(), "-0.01");
        assert_eq!(truncate(dec!(11.178082), 2).to_string(), "11.17");
        assert_eq!(truncate(dec!(-4.999), 2).to_string(), "-4.99");
    }

    #[test]
    fn plain_decimal_reads_as_from_str_exact() {
        for t in [
            "0",
            "0.00",
            "110.00",
            "007",
            "1.5",
            "999999999999999999",
            "0.00000000000000001",
            "123456789.123456789",
        ] {
            let a = plain_decimal(t).unwrap();
            let b = Decimal::from_str_exact(t).unwrap();
            assert_eq!((a.mantissa(), a.scale()), (b.mantissa(), b.scale()), "{t}");
        }
        for t in [
            "",
            ".5",
            "5.",
            "1.2.3",
            "-1",
            "+1",
            " 1",
            "1e3",
            "1_0",
            "1234567890123456789",
        ] {
            assert!(plain_decimal(t).is_none(), "{t}");
        }
    }

    #[test]
    fn an_amount_shows_as_normalize_then_two_decimals() {
        for text in [
            "0",
            "0.0",
            "5",
            "48.1300",
            "48.125",
            "110.00",
            "-3.10",
            "0.0000000001",
            "1e12",
            "79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "-0.00",
            "1.5",
            "-0.5000",
            "0.001",
            "-120",
            "792281625142643375935439503.35",
            "7922816251426433759354395033.5",
        ] {
            let d: Decimal = text
                .parse()
                .or_else(|_| Decimal::from_scientific(text))
                .unwrap();
            let mut old = d.normalize();
            if old.scale() < 2 {
                old.rescale(2);
            }
            assert_eq!(Money(d).to_string(), old.to_string(), "{text}");
            assert_eq!(
                crate::io::write::to_text(&Money(d)),
                format!("\"{old}\""),
                "{text}"
            );
        }
    }

    #[test]
    fn write_decimal_matches_display() {
        use std::str::FromStr;
        for t in [
            "0",
            "-0",
            "0.00",
            "110.00",
            "-0.50",
            "0.0000000009",
            "48.125",
            "1000000000000.00",
            "79228162514647.264337593543950335",
            "-79228162514642.3",
            "5",
            "0.1",
            "-12",
        ] {
            let d = Decimal::from_str(t).unwrap();
            let mut s = String::new();
            write_decimal(&mut s, d).unwrap();
            assert_eq!(s, d.to_string(), "{t}");
        }
        let m = Decimal::MAX;
        let mut s = String::new();
        write_decimal(&mut s, m).unwrap();
        assert_eq!(s, m.to_string());
    }

    #[test]
    fn show_cuts_long_fractions() {
        assert_eq!(show(dec!(7) / dec!(31)), "0.22580645…");
        assert_eq!(show(dec!(48.125)), "48.125");
    }
}
