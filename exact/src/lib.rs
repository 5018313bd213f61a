//! Exact figures: ratios of days and hours, and the amounts computed from them, as fractions of
//! two integers until a rule rounds.
//!
//! `Decimal` is exact for + − × but not for ÷: 10/30 is 0.3333…3 at 28 digits, × 30 gives
//! 9.999…9, and truncating that to cents gives 9.99 where the exact fee is 10.00. An [`Exact`]
//! keeps 10/30 as 1/3, so 1/3 × 30 is 10, and every rounding (half up, truncation) is applied to
//! the exact value, once, where the rule says to round.
//!
//! A fraction is a numerator and a denominator (> 0) in 128 bits, always reduced. The arithmetic
//! runs on 64 bits whenever the operands fit, which is almost always (day counts, prices in
//! cents): 128-bit multiplication, division and gcd are library routines, an order of magnitude
//! slower, in wasm above all. Measured before this was written: `num_rational::Ratio<i128>` made
//! a what-if curve of 1,096 days take 5.7 ms natively and 47 ms in wasm; `Ratio<i64>` with a
//! `Ratio<i128>` fallback was fast enough but carried two copies of the crate's code (+5.6 KB
//! gzip). Every operation is checked: a figure that does not fit 128 bits (only possible for
//! inputs with very many decimals, far beyond any price list) is refused with
//! `MONEY_OUT_OF_RANGE` instead of being altered.
//!
//! Its own crate so that the release profile builds it at `opt-level = 3` while the rest of
//! billcalc is built for size (`opt-level = "z"`): a curve spends most of its time here
//! (docs/PERFORMANCE.md). The money helpers that every answer runs through ([`decimal`]) and the
//! reading of a request's dates ([`text`]) are here for the same reason.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod decimal;
pub mod text;

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// A figure that does not fit 128 bits: the caller refuses it (`MONEY_OUT_OF_RANGE` in billcalc)
/// rather than altering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(TooLarge::MESSAGE)
    }
}

impl TooLarge {
    /// What the refusal says.
    pub const MESSAGE: &'static str =
        "the amounts have too many digits to be computed exactly; give amounts with fewer decimals";
}

/// An exact figure, or [`TooLarge`].
pub type Result<T> = std::result::Result<T, TooLarge>;

/// Decimals kept in an intermediate figure shown in an answer (003 §3.2.7 note 4: "keep at least
/// 8 decimals so that the result matches the page"; bills show exact amounts at 8 decimals,
/// 003 §6.1.6).
pub const SHOWN_DECIMALS: u32 = 8;

/// An exact rational figure: an amount of money, a ratio of days or hours, a period in months or
/// years. `Copy`, ordered, always reduced (`10/30` is `1/3`). In an answer a ratio or period is
/// written as its fraction and its decimal to 8 places: `{"fraction": "913/365", "decimal":
/// "2.50136986"}` (a whole number as `"2"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    /// The numerator, sign included.
    n: i128,
    /// The denominator, > 0, coprime with the numerator.
    d: i128,
}

/// How a rule rounds an exact figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// 四舍五入: half away from zero (48.125 → 48.13).
    HalfUp,
    /// 截断 / 抹零: toward zero (11.178 → 11.17).
    Truncate,
}

/// Exact comparison: `a/b` against `c/d` as `a·d` against `c·b`, or, where those products do not
/// fit, by whole parts and then the reciprocals of the remainders.
impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        compare(self.n, self.d, other.n, other.d)
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn compare(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    if let (Some(x), Some(y)) = (mul(a, d), mul(c, b)) {
        return x.cmp(&y);
    }
    let (qa, qc) = (a.div_euclid(b), c.div_euclid(d));
    if qa != qc {
        return qa.cmp(&qc);
    }
    let (ra, rc) = (a.rem_euclid(b), c.rem_euclid(d));
    match (ra == 0, rc == 0) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        // ra/b < rc/d ⇔ d/rc < b/ra.
        (false, false) => compare(d, rc, b, ra),
    }
}

/// `a · b`, `None` beyond 128 bits: a plain 64-bit product when the operands' bits add up to at
/// most 62 (no overflow is possible: the usual case, 8-decimal figures included, and wasm has no
/// cheap 64×64→128 multiplication, not even to check a 64-bit product), else checked on 128 bits.
#[inline]
pub fn mul(a: i128, b: i128) -> Option<i128> {
    let bits = |x: i128| 128 - x.unsigned_abs().leading_zeros();
    if bits(a) + bits(b) <= 62 {
        // |a·b| < 2^62: both fit 64 bits.
        return Some(i128::from((a as i64).wrapping_mul(b as i64)));
    }
    a.checked_mul(b)
}

/// 10^k for k ≤ 28 (a decimal's largest scale): computed once, at compile time (an index out of
/// range there would stop the build, not the program).
#[allow(clippy::indexing_slicing)]
const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// 10^k, from the table; `None` for k > 28.
pub fn pow10(k: u32) -> Option<i128> {
    POW10.get(k as usize).copied()
}

/// `a + b`, checked.
fn add(a: i128, b: i128) -> Option<i128> {
    a.checked_add(b)
}

/// `a / b` toward zero for b > 0, on 64 bits when both fit (a 128-bit division is a library
/// call, slow in wasm above all); 0 for b = 0.
pub fn quotient(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y > 0 => i128::from(x / y),
        _ if b != 0 => a / b,
        _ => 0,
    }
}

/// `a % b` (the sign of a) for b > 0, on 64 bits when both fit.
fn remainder(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) if y > 0 => i128::from(x % y),
        _ if b != 0 => a % b,
        _ => 0,
    }
}

/// Greatest common divisor, gcd(0, b) = b: binary on 64 bits when both fit, Euclid's otherwise.
fn gcd(a: u128, b: u128) -> u128 {
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return u128::from(gcd64(x, y));
    }
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Binary gcd on 64 bits (shifts and subtractions, no division).
fn gcd64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 || b == 0 {
        return a | b;
    }
    if a == 1 || b == 1 {
        return 1;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

fn too_large() -> TooLarge {
    TooLarge
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::ZERO
    }
}

impl Exact {
    /// 0.
    pub const ZERO: Exact = Exact { n: 0, d: 1 };
    /// 1.
    pub const ONE: Exact = Exact { n: 1, d: 1 };

    /// `n / d` reduced, the sign on the numerator; `None` for d = 0 or beyond 128 bits.
    fn reduced(n: i128, d: i128) -> Option<Exact> {
        if d == 0 {
            return None;
        }
        if d == 1 || n == 0 {
            return Some(Exact {
                n,
                d: if n == 0 { 1 } else { d },
            });
        }
        let g = i128::try_from(gcd(n.unsigned_abs(), d.unsigned_abs())).ok()?;
        let (n, d) = if g == 1 {
            (n, d)
        } else {
            (quotient(n, g), quotient(d, g))
        };
        if d < 0 {
            Some(Exact {
                n: n.checked_neg()?,
                d: d.checked_neg()?,
            })
        } else {
            Some(Exact { n, d })
        }
    }

    /// The whole number `n`.
    pub fn whole(n: i64) -> Exact {
        Exact {
            n: i128::from(n),
            d: 1,
        }
    }

    /// `numerator / denominator` (`14 / 32` = 7/16). A zero denominator, which the rules rule out
    /// beforehand (day and hour counts are ≥ 1), gives 0 rather than a panic.
    #[inline(never)]
    pub fn ratio(numerator: i64, denominator: i64) -> Exact {
        Exact::reduced(i128::from(numerator), i128::from(denominator)).unwrap_or(Exact::ZERO)
    }

    /// A decimal's exact value (`110.50` = 221/2). Always fits: a decimal's mantissa has 96 bits.
    pub fn of(d: Decimal) -> Exact {
        let scale = POW10.get(d.scale() as usize).copied().unwrap_or(POW10[28]);
        Exact::reduced(d.mantissa(), scale).unwrap_or(Exact::ZERO)
    }

    /// The numerator of the reduced fraction.
    pub fn numerator(self) -> i128 {
        self.n
    }

    /// The denominator of the reduced fraction (≥ 1).
    pub fn denominator(self) -> i128 {
        self.d
    }

    /// `self + other`.
    #[inline(never)]
    pub fn plus(self, other: Exact) -> Result<Exact> {
        let sum = if self.d == other.d {
            add(self.n, other.n).and_then(|n| Exact::reduced(n, self.d))
        } else {
            // Over the least common denominator: a/b + c/d = (a·d/g + c·b/g) / (b·d/g).
            let g = i128::try_from(gcd(self.d.unsigned_abs(), other.d.unsigned_abs())).ok();
            g.and_then(|g| {
                let (left, right) = (quotient(other.d, g), quotient(self.d, g));
                let n = add(mul(self.n, left)?, mul(other.n, right)?)?;
                Exact::reduced(n, mul(self.d, left)?)
            })
        };
        sum.ok_or_else(too_large)
    }

    /// `self − other`.
    pub fn minus(self, other: Exact) -> Result<Exact> {
        self.plus(other.negated())
    }

    /// `self × other`.
    #[inline(never)]
    pub fn times(self, other: Exact) -> Result<Exact> {
        // Cross-reduced first (a/b × c/d with a, d and c, b coprime), so the result is reduced.
        let product = || {
            let g1 = i128::try_from(gcd(self.n.unsigned_abs(), other.d.unsigned_abs())).ok()?;
            let g2 = i128::try_from(gcd(other.n.unsigned_abs(), self.d.unsigned_abs())).ok()?;
            if self.n == 0 || other.n == 0 {
                return Some(Exact::ZERO);
            }
            let cut = |x: i128, g: i128| if g == 1 { x } else { quotient(x, g) };
            Some(Exact {
                n: mul(cut(self.n, g1), cut(other.n, g2))?,
                d: mul(cut(self.d, g2), cut(other.d, g1))?,
            })
        };
        product().ok_or_else(too_large)
    }

    /// `self / other`; `other` is never zero in the rules (a zero divisor gives 0, not a panic).
    pub fn over(self, other: Exact) -> Result<Exact> {
        match Exact::reduced(other.d, other.n) {
            Some(reciprocal) => self.times(reciprocal),
            None => Ok(Exact::ZERO),
        }
    }

    /// The sum of `items`.
    pub fn sum(items: impl IntoIterator<Item = Exact>) -> Result<Exact> {
        items.into_iter().try_fold(Exact::ZERO, Exact::plus)
    }

    /// `max0(x)`: a negative figure becomes 0 (docs/rules.md, conventions).
    pub fn max0(self) -> Exact {
        if self.is_negative() {
            Exact::ZERO
        } else {
            self
        }
    }

    /// `−self`.
    pub fn negated(self) -> Exact {
        // Numerators stay far inside i128 (the rules' figures are below 10^30), so this never
        // saturates.
        Exact {
            n: self.n.saturating_neg(),
            d: self.d,
        }
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.n < 0
    }

    /// True above zero.
    pub fn is_positive(self) -> bool {
        self.n > 0
    }

    /// True for 0.
    pub fn is_zero(self) -> bool {
        self.n == 0
    }

    /// True when the figure is a whole number.
    pub fn is_whole(self) -> bool {
        self.d == 1
    }

    /// Round to `dp` decimals as `how` says, from the exact value: 1/3 × 30 truncated to cents is
    /// 10.00; 16.815 half up is 16.82. The result shows `dp` decimals (`10` → `10.00`).
    #[inline(never)]
    pub fn round(self, dp: u32, how: Rounding) -> Result<Decimal> {
        // n/d × 10^dp; where n × 10^dp does not fit, reduced by gcd(10^dp, d) first, so that it
        // fits wherever the result does.
        let scale = *POW10.get(dp as usize).ok_or_else(too_large)?;
        let (scaled, d) = match mul(self.n, scale) {
            Some(scaled) => (scaled, self.d),
            None => {
                let g =
                    i128::try_from(gcd(scale.unsigned_abs(), self.d.unsigned_abs())).unwrap_or(1);
                let scaled = mul(self.n, quotient(scale, g)).ok_or_else(too_large)?;
                (scaled, quotient(self.d, g))
            }
        };
        let (q, r) = (quotient(scaled, d), remainder(scaled, d));
        let away = match how {
            // |r| / d ≥ 1/2, away from zero.
            Rounding::HalfUp => r.unsigned_abs().saturating_mul(2) >= d.unsigned_abs(),
            Rounding::Truncate => false,
        };
        let whole = match (away, scaled < 0) {
            (false, _) => q,
            (true, false) => q.saturating_add(1),
            (true, true) => q.saturating_sub(1),
        };
        Decimal::try_from_i128_with_scale(whole, dp).map_err(|_| too_large())
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
        if let Some(d) = self.as_short_decimal() {
            return d;
        }
        match self.round(SHOWN_DECIMALS, Rounding::HalfUp) {
            Ok(d) => without_trailing_zeros(d),
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

    /// The exact decimal when the denominator divides 10^k for the smallest k ≤ 8 (a whole
    /// number, cents, 48.125…): the usual figure, written without any division.
    fn as_short_decimal(self) -> Option<Decimal> {
        let d = i64::try_from(self.d).ok()?;
        let n = i64::try_from(self.n).ok()?;
        // One test for the usual answer: d divides 10^8 exactly when the figure is short.
        if 100_000_000 % d != 0 {
            return None;
        }
        let mut power = 1i64;
        for k in 0..=SHOWN_DECIMALS {
            if power % d == 0 {
                return Some(Decimal::new(n.checked_mul(power / d)?, k));
            }
            power = power.checked_mul(10)?;
        }
        None
    }

    /// True when [`Exact::shown`] is the exact value (no digits beyond 8 decimals).
    #[inline(never)]
    pub fn is_shown_exactly(self) -> bool {
        self.as_short_decimal().is_some()
    }
}

/// `d` without the zeros after its last significant decimal (`48.12500000` → `48.125`): what
/// `Decimal::normalize` does, in 64-bit arithmetic for the usual figure.
fn without_trailing_zeros(d: Decimal) -> Decimal {
    let (Ok(mut m), mut scale) = (i64::try_from(d.mantissa()), d.scale()) else {
        return d.normalize();
    };
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    Decimal::new(m, scale)
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
        assert_eq!(Exact::ratio(7, -21).to_string(), "-1/3");
        assert_eq!(Exact::ZERO.to_string(), "0");
        let big = Exact { n: i128::MAX, d: 1 };
        assert_eq!(big.to_string(), i128::MAX.to_string());
    }

    #[test]
    fn arithmetic_on_128_bits_agrees_with_64() {
        // The same sums and products with operands past 64 bits take the 128-bit way.
        let big = Exact::of(Decimal::from_i128_with_scale(
            123_456_789_012_345_678_901,
            2,
        ));
        let third = Exact::ratio(1, 3);
        let x = big.times(third).unwrap();
        assert_eq!(x.times(Exact::whole(3)).unwrap(), big);
        assert_eq!(x.plus(x).unwrap().plus(x).unwrap(), big);
        assert_eq!(big.minus(big).unwrap(), Exact::ZERO);
        assert!(x < big);
        assert!(x.negated() < Exact::ZERO);
        assert_eq!(gcd(1 << 100, 3 << 98), 1 << 98);
        assert_eq!(gcd(0, 7), 7);
        assert_eq!(
            compare(i128::MAX, 3, i128::MAX - 1, 3),
            std::cmp::Ordering::Greater
        );
    }

    #[test]
    fn overflow_is_refused_not_wrapped() {
        let big = Exact {
            n: i128::MAX / 2,
            d: 1,
        };
        assert_eq!(big.times(Exact::whole(3)).unwrap_err(), TooLarge);
        assert!(Exact::ONE.over(Exact::ZERO).unwrap().is_zero());
    }
}
