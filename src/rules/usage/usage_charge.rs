//! Pay-per-use usage charges with tiered prices (004 "unit price type"; docs/rules.md) and the
//! usage conversion of 003 §6.1.1.

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::exact::{Exact, Rounding};
use crate::domain::money::{approx, equals, minus, show, Money, Ratio};
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
    let conversion = converted_usage(req)?;
    explain_conversion(req, &conversion, &mut b);
    let usage = conversion.usage;
    let charge = charge_figures(req, usage)?;
    explain_charge(usage, &charge.parts, &mut b);
    let (amount, rounded) = to_bill(req, charge.amount, &mut b)?;
    Ok(UsageChargeResponse {
        usage: Ratio(usage),
        amount,
        rounded,
        tier: charge.tier,
        breakdown: b,
    })
}

/// The usage in the pricing unit, from the raw usage and the conversion ratio.
struct Conversion {
    /// Raw units per pricing unit.
    ratio: Decimal,
    /// The exact quotient.
    converted: Exact,
    /// The quotient truncated to 10 decimals.
    usage: Decimal,
}

/// 003 §6.1.1: usage in the pricing unit = usage / conversion ratio, truncated to 10 decimals,
/// from the exact quotient; a zero ratio or a quotient above 10^12 is refused.
fn converted_usage(req: &UsageChargeRequest) -> Result<Conversion> {
    let ratio = req.conversion_ratio.map_or(Decimal::ONE, |r| r.0);
    if ratio.is_zero() {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "conversionRatio",
            "the conversion ratio must be above 0",
        ));
    }
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
    Ok(Conversion {
        ratio,
        converted,
        usage,
    })
}

/// The fact of the conversion (003 §6.1.1).
fn explain_conversion(req: &UsageChargeRequest, conversion: &Conversion, b: &mut Breakdown) {
    let Conversion {
        ratio,
        converted,
        usage,
    } = *conversion;
    b.fact_msg(|| {
        crate::msg!(
            "usage.inPricingUnit",
            raw = show(req.raw_usage.0),
            ratio = show(ratio),
            result = equals(converted),
            decimals = USAGE_DECIMALS,
            value = usage
        )
    });
}

/// One priced part of the usage (004 unit price types).
enum Part<'a> {
    /// 固定单价: the usage × the unit price.
    Fixed { price: Money, amount: Exact },
    /// No usage, no bill (004).
    NoUsage,
    /// 全额累进总价: the flat amount of the tier holding the usage.
    Flat {
        index: usize,
        tier: &'a Tier,
        total: Money,
    },
    /// 全额累进单价: the whole usage at the price of the tier holding it.
    Whole {
        index: usize,
        tier: &'a Tier,
        price: Money,
        amount: Exact,
    },
    /// 超额累进单价: the slice of the usage in one tier, at its price.
    Slice {
        index: usize,
        tier: &'a Tier,
        slice: Decimal,
        price: Money,
        amount: Exact,
    },
}

/// The figures of a usage charge: its priced parts, their exact sum and the tier holding the
/// usage (full-tier types).
struct Charge<'a> {
    parts: Vec<Part<'a>>,
    amount: Exact,
    tier: Option<usize>,
}

/// `price × quantity`, exact.
fn priced(price: Money, quantity: Decimal) -> Result<Exact> {
    Ok(price.exact().times(Exact::of(quantity))?)
}

/// 004: the charge of `usage` under the request's unit price type; tiers checked first.
fn charge_figures(req: &UsageChargeRequest, usage: Decimal) -> Result<Charge<'_>> {
    match req.pricing {
        Pricing::Fixed => {
            let price = required(
                req.unit_price,
                "unitPrice",
                "fixed pricing needs a unit price",
            )?;
            let amount = priced(price, usage)?;
            Ok(Charge {
                parts: vec![Part::Fixed { price, amount }],
                amount,
                tier: None,
            })
        }
        Pricing::FullTierTotal if usage.is_zero() => {
            check_tiers(&req.tiers)?;
            Ok(Charge {
                parts: vec![Part::NoUsage],
                amount: Exact::ZERO,
                tier: None,
            })
        }
        Pricing::FullTierProgressive | Pricing::FullTierTotal => {
            check_tiers(&req.tiers)?;
            full_tier(req, usage)
        }
        Pricing::ExcessProgressive => {
            check_tiers(&req.tiers)?;
            excess_slices(&req.tiers, usage)
        }
    }
}

/// 004 全额累进: the tier `(from, to]` holding the usage prices all of it — its flat total
/// (`fullTierTotal`) or its unit price × the usage (rules.md A15).
fn full_tier(req: &UsageChargeRequest, usage: Decimal) -> Result<Charge<'_>> {
    let (index, tier) = req
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
    let (part, amount) = if req.pricing == Pricing::FullTierTotal {
        let total = tier.total.ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                format!("tiers[{index}].total"),
                "full-tier total pricing needs each tier's total",
            )
        })?;
        (Part::Flat { index, tier, total }, total.exact())
    } else {
        let price = price_of(tier, index)?;
        let amount = priced(price, usage)?;
        let part = Part::Whole {
            index,
            tier,
            price,
            amount,
        };
        (part, amount)
    };
    Ok(Charge {
        parts: vec![part],
        amount,
        tier: Some(index),
    })
}

/// 004 超额累进: each tier prices only the slice of the usage above its lower bound, up to its
/// upper bound; the slices are added.
fn excess_slices(tiers: &[Tier], usage: Decimal) -> Result<Charge<'_>> {
    let mut parts = Vec::new();
    let mut sum = Exact::ZERO;
    for (index, tier) in tiers.iter().enumerate() {
        let top = tier.to.map_or(usage, |to| usage.min(to.0));
        let slice = minus(top, tier.from.0);
        if slice <= Decimal::ZERO {
            break;
        }
        let price = price_of(tier, index)?;
        let amount = priced(price, slice)?;
        sum = sum.plus(amount)?;
        parts.push(Part::Slice {
            index,
            tier,
            slice,
            price,
            amount,
        });
    }
    Ok(Charge {
        parts,
        amount: sum,
        tier: None,
    })
}

/// One line per priced part (004).
fn explain_charge(usage: Decimal, parts: &[Part<'_>], b: &mut Breakdown) {
    for part in parts {
        match *part {
            Part::Fixed { price, amount } => b.line_msg(Money::shown(amount), || {
                crate::msg!(
                    "usage.fixed",
                    usage = usage,
                    price = price,
                    result = equals(amount)
                )
            }),
            Part::NoUsage => b.line_msg(Money::ZERO, || crate::msg!("usage.none")),
            Part::Flat { index, tier, total } => b.line_msg(total, || {
                crate::msg!(
                    "usage.flat",
                    index = index,
                    range = describe(tier),
                    usage = usage,
                    total = total
                )
            }),
            Part::Whole {
                index,
                tier,
                price,
                amount,
            } => b.line_msg(Money::shown(amount), || {
                crate::msg!(
                    "usage.whole",
                    index = index,
                    range = describe(tier),
                    usage = usage,
                    price = price,
                    result = equals(amount)
                )
            }),
            Part::Slice {
                index,
                tier,
                slice,
                price,
                amount,
            } => b.line_msg(Money::shown(amount), || {
                crate::msg!(
                    "usage.slice",
                    index = index,
                    range = describe(tier),
                    slice = show(slice),
                    price = price,
                    result = equals(amount)
                )
            }),
        }
    }
}

/// The amount as billed and its cents. 004 (bill issuing rule 7, since 2021-08-01): a Volcengine
/// bill detail keeps 6 decimals (half up, rules.md A12) and the bill drops the 3rd and later
/// decimals (0.189 → 0.18). Otherwise half up to cents (003 §6.1.6).
fn to_bill(req: &UsageChargeRequest, amount: Exact, b: &mut Breakdown) -> Result<(Money, Money)> {
    if req.options.provider() != Provider::Volcengine {
        let rounded = Money::cents_of(amount)?;
        b.settle_msg(rounded, || {
            crate::msg!("usage.toCents", value = approx(amount), total = rounded)
        });
        return Ok((Money::shown(amount), rounded));
    }
    let detail = Money::rounded(amount, 6, Rounding::HalfUp)?;
    let rounded = detail.truncate(2);
    b.settle_msg(rounded, || {
        crate::msg!(
            "usage.billToCents",
            value = approx(amount),
            detail = detail,
            total = rounded
        )
    });
    b.note_msg(|| crate::msg!("usage.volcengineBill"));
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
