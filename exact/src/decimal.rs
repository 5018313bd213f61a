//! The decimal helpers every answer runs through: money addition and a decimal's digits. Here,
//! in the crate built for speed, rather than beside `Money` in the crate built for size.

use rust_decimal::Decimal;

/// `a + b`, or `a − b` when `subtract`, saturating at `Decimal`'s bounds (billcalc's input limits
/// refuse amounts long before). One out-of-line copy serves every money `+`, `−`, `+=`, `−=`:
/// `rust_decimal` inlines its addition wherever it is called.
#[inline(never)]
pub fn add_or_subtract(a: Decimal, b: Decimal, subtract: bool) -> Decimal {
    // a − b is a + (−b): one copy of the addition (negating flips a sign bit).
    a.saturating_add(if subtract { -b } else { b })
}

/// A decimal's text exactly as its `Display` writes it (`-0.50`, `110.00`, `0.0000000009`),
/// without `rust_decimal`'s general formatter, into `buf`; `None` when it does not fit (never for
/// a `Decimal`, whose 28 digits and point fit in 48 bytes).
pub fn digits(d: Decimal, buf: &mut [u8; 48]) -> Option<&str> {
    let negative = d.is_sign_negative() && d.mantissa() != 0;
    text_of(
        d.mantissa().unsigned_abs(),
        d.scale() as usize,
        negative,
        buf,
    )
}

/// An amount's text as an answer shows it: the decimal's digits with trailing zeros dropped but
/// at least two decimals (`600` → `600.00`, `48.1300` → `48.13`, `48.125` → `48.125`): what
/// `normalize` then `rescale(2)` would display (a scale `Decimal` cannot hold stays as high as it
/// can), without either.
pub fn amount_digits(d: Decimal, buf: &mut [u8; 48]) -> Option<&str> {
    /// `Decimal`'s largest mantissa, 2^96 − 1.
    const MAX: u128 = (1 << 96) - 1;
    let mut u = d.mantissa().unsigned_abs();
    let mut scale = d.scale() as usize;
    while scale > 2 && u % 10 == 0 {
        u /= 10;
        scale -= 1;
    }
    while scale < 2 && u.checked_mul(10).is_some_and(|t| t <= MAX) {
        u *= 10;
        scale += 1;
    }
    text_of(u, scale, d.is_sign_negative() && u != 0, buf)
}

/// The text of `u` × 10^−`scale`, `-` first when `negative`, written into `buf` from its end.
#[inline(never)]
fn text_of(mut u: u128, scale: usize, negative: bool, buf: &mut [u8; 48]) -> Option<&str> {
    // Filled from the end: digits, the point after `scale` digits, at least one integer digit.
    let mut at = buf.len();
    let mut written = 0usize;
    while u > 0 || written <= scale {
        let digit = match u64::try_from(u) {
            Ok(small) => {
                u = u128::from(small / 10);
                (small % 10) as u8
            }
            Err(_) => {
                let r = (u % 10) as u8;
                u /= 10;
                r
            }
        };
        at = at.checked_sub(1)?;
        *buf.get_mut(at)? = b'0'.saturating_add(digit);
        written = written.saturating_add(1);
        if written == scale {
            at = at.checked_sub(1)?;
            *buf.get_mut(at)? = b'.';
        }
    }
    if negative {
        at = at.checked_sub(1)?;
        *buf.get_mut(at)? = b'-';
    }
    buf.get(at..).and_then(|t| std::str::from_utf8(t).ok())
}
