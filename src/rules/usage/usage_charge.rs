//! Pay-per-use usage charges with tiered prices (004 "unit price type"; docs/rules.md) and the
//! usage conversion of 003 §6.1.1.

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::money::{approx, equals, show, Money, Ratio};
use crate::domain::provider::Provider;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most tiers one price may have.
pub const MAX_TIERS: usize = 100;
/// 003 §6.1.1: usage in the pricing unit keeps at most 10 decimals, truncated.
pub const USAGE_DECIMALS: u32 = 10;

/// How the tiers price a quantity (004 单价类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum Pricing {
    /// 固定单价: `q × unitPrice` whatever the volume.
    Fixed,
    /// 全额累进单价: the whole quantity at the price of the tier that contains it.
    FullTierProgressive,
    /// 超额累进单价: each slice of the quantity at its own tier's price.
    ExcessProgressive,
    /// 全额累进总价: the flat `total` of the tier that contains the quantity.
    FullTierTotal,
}

/// One tier `(from, to]` (the first `[0, to]`); the last tier may be open (`to` absent).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Tier {
    /// Lower bound, excluded (0 is in the first tier): the next price starts above it (004).
    pub from: Ratio,
    /// Upper bound, included; absent for the last, open tier.
    pub to: Option<Ratio>,
    /// Unit price in the tier (progressive types).
    pub price: Option<Money>,
    /// Flat amount of the tier (`fullTierTotal`).
    pub total: Option<Money>,
}

/// Request of `usageCharge`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct UsageChargeRequest {
    /// Metered usage in the raw unit (bytes, seconds, calls…).
    pub raw_usage: Ratio,
    /// Raw units per pricing unit (1 GB = 1073741824 bytes; 1 hour = 3600 s); default 1.
    pub conversion_ratio: Option<Ratio>,
    /// The unit price type.
    pub pricing: Pricing,
    /// `fixed`: the unit price.
    pub unit_price: Option<Money>,
    /// Progressive and total types: the tiers, from 0 upwards, contiguous.
    #[json(default)]
    pub tiers: Vec<Tier>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `usageCharge`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct UsageChargeResponse {
    /// Usage in the pricing unit, truncated to 10 decimals (003 §6.1.1).
    pub usage: Ratio,
    /// The amount, exact up to 8 decimals, else half up to 8 (bills keep 8 decimals, 003 §6.1.6);
    /// Volcengine: the bill detail's 6 decimals (004).
    pub amount: Money,
    /// The amount rounded half up to cents (how a monthly bill total is shown, 003 §6.1.6);
    /// Volcengine: cut to cents (004: the bill drops the 3rd and later decimals).
    pub rounded: Money,
    /// Index of the tier that holds the usage (full-tier types), if any.
    pub tier: Option<usize>,
    /// Line items and formulas (they add up to `rounded`).
    pub breakdown: Breakdown,
}

/// 004 (docs/rules.md). Tiers are `(from, to]`: 004's excess progressive price applies "when the
/// usage exceeds a level, only to the part above it", so a usage exactly on a boundary belongs to
/// the lower tier (100 at 0–100 @ 1.00 = 100.00; rules.md A15). No usage, no bill: a zero usage
/// is charged nothing, under `fullTierTotal` too. Illustration: tiers 0–100 @ 1.00 (90),
/// 100–500 @ 0.80 (250), 500+ @ 0.50 (400); q = 300 → full-tier 240.00, excess 100 × 1.00 +
/// 200 × 0.80 = 260.00, full-tier total 250.00.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn usage_charge(req: &UsageChargeRequest, mut b: Breakdown) -> Result<UsageChargeResponse> {
    let ratio = req.conversion_ratio.map_or(Decimal::ONE, |r| r.0);
    if ratio.is_zero() {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "conversionRatio",
            "the conversion ratio must be above 0",
        ));
    }
    // 003 §6.1.1: usage in the pricing unit = usage / conversion ratio, truncated to 10 decimals,
    // from the exact quotient.
    let converted = req.raw_usage.exact().over(Exact::of(ratio))?;
    if converted > Exact::of(crate::domain::money::MAX_INPUT) {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "conversionRatio",
            format!(
                "{} / {} is above 10^12 pricing units",
                req.raw_usage,
                show(ratio)
            ),
        ));
    }
    let usage = converted
        .round(USAGE_DECIMALS, Rounding::Truncate)?
        .normalize();
    b.fact(
        "usage in the pricing unit",
        format!(
            "{} / {} {} truncated to {USAGE_DECIMALS} decimals (003 §6.1.1)",
            show(req.raw_usage.0),
            show(ratio),
            equals(converted)
        ),
        usage.to_string(),
    );
    let times = |p: Money, q: Decimal| p.exact().times(Exact::of(q));
    let mut tier = None;
    let amount = match req.pricing {
        Pricing::Fixed => {
            let p = required(
                req.unit_price,
                "unitPrice",
                "fixed pricing needs a unit price",
            )?;
            let a = times(p, usage)?;
            b.line(
                "usage × unit price",
                format!("{usage} × {p} {}", equals(a)),
                Money::shown(a),
            );
            a
        }
        Pricing::FullTierTotal if usage.is_zero() => {
            check_tiers(&req.tiers)?;
            b.line("no usage", "0: no usage, no bill (004)", Money::ZERO);
            Exact::ZERO
        }
        Pricing::FullTierProgressive | Pricing::FullTierTotal => {
            check_tiers(&req.tiers)?;
            let (i, t) = req
                .tiers
                .iter()
                .enumerate()
                .find(|(_, t)| t.to.map_or(true, |to| usage <= to.0))
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidNumber,
                        "tiers",
                        format!("no tier holds {usage}"),
                    )
                })?;
            tier = Some(i);
            let range = describe(t);
            if req.pricing == Pricing::FullTierTotal {
                let total = t.total.ok_or_else(|| {
                    Error::new(
                        ErrorCode::MissingField,
                        format!("tiers[{i}].total"),
                        "full-tier total pricing needs each tier's total",
                    )
                })?;
                b.line(
                    format!("tier {i} ({range}) flat amount"),
                    format!("{usage} falls in {range} → {total}"),
                    total,
                );
                total.exact()
            } else {
                let p = price_of(t, i)?;
                let a = times(p, usage)?;
                b.line(
                    format!("whole usage at tier {i} ({range})"),
                    format!("{usage} × {p} {}", equals(a)),
                    Money::shown(a),
                );
                a
            }
        }
        Pricing::ExcessProgressive => {
            check_tiers(&req.tiers)?;
            let mut sum = Exact::ZERO;
            for (i, t) in req.tiers.iter().enumerate() {
                let top = t.to.map_or(usage, |to| usage.min(to.0));
                let slice = top - t.from.0;
                if slice <= Decimal::ZERO {
                    break;
                }
                let p = price_of(t, i)?;
                let a = times(p, slice)?;
                b.line(
                    format!("slice in tier {i} ({})", describe(t)),
                    format!("{} × {p} {}", show(slice), equals(a)),
                    Money::shown(a),
                );
                sum = sum.plus(a)?;
            }
            sum
        }
    };
    let (amount, rounded) = to_bill(req, amount, &mut b)?;
    Ok(UsageChargeResponse {
        usage: Ratio(usage),
        amount,
        rounded,
        tier,
        breakdown: b,
    })
}

/// The amount as billed and its cents. 004 (bill issuing rule 7, since 2021-08-01): a Volcengine
/// bill detail keeps 6 decimals (half up, rules.md A12) and the bill drops the 3rd and later
/// decimals (0.189 → 0.18). Otherwise half up to cents (003 §6.1.6).
fn to_bill(req: &UsageChargeRequest, amount: Exact, b: &mut Breakdown) -> Result<(Money, Money)> {
    if req.options.provider() != Provider::Volcengine {
        let rounded = Money::cents_of(amount)?;
        b.settle(rounded, "rounding to cents", || {
            format!("{} → {rounded} (half up)", approx(amount))
        });
        return Ok((Money::shown(amount), rounded));
    }
    let detail = Money::rounded(amount, 6, Rounding::HalfUp)?;
    let rounded = detail.truncate(2);
    b.settle(rounded, "bill to cents (004)", || {
        format!(
            "{} → detail {detail} (6 decimals) → {rounded} (3rd and later decimals dropped)",
            approx(amount)
        )
    });
    b.note("004: the bill detail keeps 6 decimals, the bill drops the 3rd and later decimals (since 2021-08-01; earlier bills: billRounding with billMonth)");
    Ok((Money(detail.0.normalize()), rounded))
}

fn describe(t: &Tier) -> String {
    let open = if t.from.0.is_zero() { '[' } else { '(' };
    match t.to {
        Some(to) => format!("{open}{}, {to}]", t.from),
        None => format!("{open}{}, ∞)", t.from),
    }
}

fn price_of(t: &Tier, i: usize) -> Result<Money> {
    t.price.ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            format!("tiers[{i}].price"),
            "progressive pricing needs each tier's price",
        )
    })
}

/// Tiers start at 0, are contiguous and ascending; only the last may be open.
fn check_tiers(tiers: &[Tier]) -> Result<()> {
    if tiers.is_empty() {
        return Err(Error::new(
            ErrorCode::MissingField,
            "tiers",
            "tiered pricing needs tiers",
        ));
    }
    if tiers.len() > MAX_TIERS {
        return Err(Error::new(
            ErrorCode::TooManyItems,
            "tiers",
            format!("at most {MAX_TIERS} tiers"),
        ));
    }
    let mut expected = Decimal::ZERO;
    for (i, t) in tiers.iter().enumerate() {
        if t.from.0 != expected {
            return Err(Error::new(
                ErrorCode::InvalidNumber,
                format!("tiers[{i}].from"),
                format!(
                    "tier {i} starts at {} but the previous one ends at {expected}",
                    t.from
                ),
            ));
        }
        match t.to {
            Some(to) if to.0 <= t.from.0 => {
                return Err(Error::new(
                    ErrorCode::InvalidNumber,
                    format!("tiers[{i}].to"),
                    format!("{to} is not above {}", t.from),
                ))
            }
            Some(to) => expected = to.0,
            None if i + 1 < tiers.len() => {
                return Err(Error::new(
                    ErrorCode::InvalidNumber,
                    format!("tiers[{i}].to"),
                    "only the last tier may be open",
                ))
            }
            None => {}
        }
    }
    Ok(())
}
