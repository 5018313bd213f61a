//! How a bill's exact amounts become the money charged (rules.md A11, A12): per
//! provider, customer type and billing month. Huawei monthly settlement since June 2021 rounds
//! only the month's total half up (003 §6.1.6); non-monthly customers are cut to the cent per
//! deduction (003 §13.2.3, §13.2.8); Volcengine truncates the sum of 6-decimal details (004).

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::messages::{maybe, Msg};
use crate::domain::money::{minus, round_half_up, show, total, truncate, Money, Ratio};
use crate::domain::provider::Provider;
use crate::error::{check_count, Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most amounts one request may carry.
pub const MAX_AMOUNTS: usize = 10_000;

/// Huawei customer type (003 §6.1.6 vs §13.2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum CustomerType {
    /// 月结: month-end settlement.
    #[default]
    MonthlySettlement,
    /// 非月结: prepaid-style account, charged per settlement cycle.
    NonMonthly,
}

/// Request of `billRounding`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct BillRoundingRequest {
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
    /// Huawei: `monthlySettlement` (default) or `nonMonthly`.
    #[json(default)]
    pub customer_type: CustomerType,
    /// The billing month `YYYY-MM` (selects the rule in force; default: today's rules).
    pub bill_month: Option<String>,
    /// The exact detail amounts (8 decimals and more).
    pub amounts: Vec<Ratio>,
    /// Huawei monthly settlement, April 2020 – May 2021: the spec/usage-type bill of each amount
    /// (as many as `amounts`); amounts with the same key are summed, then cut (003 §7.1).
    /// Absent: each amount is its own spec/usage-type bill. Not used by the other rules.
    pub bill_keys: Option<Vec<String>>,
}

/// Result of `billRounding`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct BillRoundingResponse {
    /// The sum of the amounts, exact.
    pub exact_total: String,
    /// What is charged, to the cent.
    pub payable: Money,
    /// 抹零金额: `exactTotal − payable` (negative when a rule rounds up).
    pub rounding_off: String,
    /// Each amount as charged, when the rule works per line (else the exact amounts).
    pub line_amounts: Vec<String>,
    /// The rule applied, with its source.
    pub rule: String,
    /// True when the provider's documents state no rule and billcalc assumes half up to cents.
    pub assumed: bool,
    /// Lines add up to `payable`.
    pub breakdown: Breakdown,
}

/// The rule applied to a bill.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Sum exact, round the total half up to cents.
    TotalHalfUp,
    /// Sum each spec/usage-type bill exact, truncate each to cents, then add (Huawei
    /// April 2020 – May 2021).
    BillsTruncated,
    /// Truncate each line to cents, then sum.
    LinesTruncated,
    /// Each line half up to 6 decimals, the sum truncated to cents (Volcengine since 2021-08).
    SixDecimalsTruncated,
    /// Each line below 0.01 counts 0.01; the total half up to cents (Volcengine before 2021-08).
    MinimumCent,
}

/// 003 §7.1, April 2020 – May 2021: "按需计费的产品…根据规格和使用量类型汇总账单，只在月末累账完成后
/// 进行精度抹零" — each spec/usage-type bill is summed exact, then cut to the cent; the bills
/// are added. Which amounts share a bill is `billKeys` (absent: one bill per amount, rules.md
/// A24): 10.12501236 and 5.12501236 as two bills → 10.12 + 5.12 = 15.24. `lineAmounts` are the
/// bills as charged, in first-appearance order.
fn by_bill(
    req: &BillRoundingRequest,
    text: &'static str,
    mut b: Breakdown,
) -> Result<BillRoundingResponse> {
    let keys: Vec<String> = match &req.bill_keys {
        Some(k) if k.len() != req.amounts.len() => {
            let msg = format!(
                "{} keys for {} amounts: give one per amount",
                k.len(),
                req.amounts.len()
            );
            return Err(Error::new(ErrorCode::InvalidInput, "billKeys", msg));
        }
        Some(k) => k.clone(),
        None => (1..=req.amounts.len())
            .map(|i| format!("amount {i}"))
            .collect(),
    };
    let mut bills: Vec<(String, Vec<Decimal>)> = Vec::new();
    for (key, a) in keys.into_iter().zip(&req.amounts) {
        match bills.iter_mut().find(|(k, _)| *k == key) {
            Some((_, parts)) => parts.push(a.0),
            None => bills.push((key, vec![a.0])),
        }
    }
    let mut lines = Vec::with_capacity(bills.len());
    for (key, parts) in &bills {
        let sum = total(parts);
        let cut = truncate(sum, 2);
        lines.push(cut);
        b.line_msg(Money(cut), || {
            let shown: Vec<String> = parts.iter().map(|p| show(*p)).collect();
            crate::msg!(
                "bill.bill",
                key = key,
                parts = shown.join(" + "),
                sum = show(sum),
                cut = cut
            )
        });
    }
    let exact = total(req.amounts.iter().map(|a| &a.0));
    let payable = Money(total(&lines));
    b.note_msg(|| Msg::new(text));
    Ok(BillRoundingResponse {
        exact_total: exact.normalize().to_string(),
        payable,
        rounding_off: minus(exact, payable.0).normalize().to_string(),
        line_amounts: lines.iter().map(|l| l.normalize().to_string()).collect(),
        rule: Msg::new(text).english(0),
        assumed: false,
        breakdown: b,
    })
}

fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let ok =
        y.len() == 4 && m.len() == 2 && (y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit());
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (ok && (1970..=9999).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// 003 §6.1.6: 100.12501236 → 100.13 (monthly settlement since 2021-06); 003 §13.2.3/§13.2.8:
/// 10.12501236 → 10.12, 0.315 → 0.31 with rounding-off 0.005 (non-monthly).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn bill_rounding(req: &BillRoundingRequest, mut b: Breakdown) -> Result<BillRoundingResponse> {
    check_count("amounts", req.amounts.len(), MAX_AMOUNTS, "amounts")?;
    let month = bill_month(req)?;
    let (rule, text, assumed) = rule_in_force(req.options.provider(), req.customer_type, month);
    if rule == Rule::BillsTruncated {
        return by_bill(req, text, b);
    }
    let figures = line_figures(req, rule);
    explain_lines(req, &figures, text, &mut b);
    Ok(BillRoundingResponse {
        exact_total: figures.exact.normalize().to_string(),
        payable: figures.payable,
        rounding_off: minus(figures.exact, figures.payable.0)
            .normalize()
            .to_string(),
        line_amounts: figures
            .lines
            .iter()
            .map(|l| l.normalize().to_string())
            .collect(),
        rule: Msg::new(text).english(0),
        assumed,
        breakdown: b,
    })
}

/// The billing month `YYYY-MM`, if given: it selects the rule in force (rules.md A11, A12).
fn bill_month(req: &BillRoundingRequest) -> Result<Option<(i32, u32)>> {
    let Some(s) = &req.bill_month else {
        return Ok(None);
    };
    let month = parse_month(s).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidDate,
            "billMonth",
            format!(
                "\"{}\" is not a month YYYY-MM",
                crate::domain::money::clip(s)
            ),
        )
    })?;
    Ok(Some(month))
}

/// The rule in force for a provider, customer type and billing month (absent: today's rules),
/// its text with the source, and whether billcalc assumes it (003 §6.1.6, §7.1, §13.2.3; 004).
fn rule_in_force(
    provider: Provider,
    customer: CustomerType,
    month: Option<(i32, u32)>,
) -> (Rule, &'static str, bool) {
    let before = |y: i32, m: u32| month.is_some_and(|bm| bm < (y, m));
    match (provider, customer) {
        (Provider::Huawei, CustomerType::MonthlySettlement) if before(2020, 4) => {
            (Rule::LinesTruncated, "bill.ruleLinesBefore2020", false)
        }
        (Provider::Huawei, CustomerType::MonthlySettlement) if before(2021, 6) => {
            (Rule::BillsTruncated, "bill.ruleBills2020", false)
        }
        (Provider::Huawei, CustomerType::MonthlySettlement) => {
            (Rule::TotalHalfUp, "bill.ruleTotal2021", false)
        }
        (Provider::Huawei, CustomerType::NonMonthly) => {
            (Rule::LinesTruncated, "bill.ruleNonMonthly", false)
        }
        (Provider::Volcengine, _) if before(2021, 8) => {
            (Rule::MinimumCent, "bill.ruleVolcMinimum", false)
        }
        (Provider::Volcengine, _) => (Rule::SixDecimalsTruncated, "bill.ruleVolcSix", false),
        (Provider::Aliyun | Provider::Tencent, _) => (Rule::TotalHalfUp, "bill.ruleAssumed", true),
    }
}

/// The per-line figures of a bill: the exact sum, each amount as charged, their sum and what is
/// payable.
struct LineFigures {
    /// The amounts added up, exact.
    exact: Decimal,
    /// Each amount as charged.
    lines: Vec<Decimal>,
    /// The charged amounts added up.
    sum: Decimal,
    /// The sum to the cent: cut (Volcengine since 2021-08, 004), else half up (003 §6.1.6).
    payable: Money,
}

/// 003 §13.2.3: each line cut to the cent; 004: each line half up to 6 decimals, or at least
/// 0.01 before 2021-08; then the sum to the cent.
fn line_figures(req: &BillRoundingRequest, rule: Rule) -> LineFigures {
    let cent = Decimal::new(1, 2);
    let per_line = |a: Decimal| match rule {
        Rule::LinesTruncated => truncate(a, 2),
        Rule::SixDecimalsTruncated => round_half_up(a, 6),
        Rule::MinimumCent if a > Decimal::ZERO && a < cent => cent,
        _ => a,
    };
    let exact = total(req.amounts.iter().map(|a| &a.0));
    let lines: Vec<Decimal> = req.amounts.iter().map(|a| per_line(a.0)).collect();
    let sum = total(&lines);
    let payable = Money(match rule {
        Rule::SixDecimalsTruncated => truncate(sum, 2),
        _ => round_half_up(sum, 2),
    });
    LineFigures {
        exact,
        lines,
        sum,
        payable,
    }
}

/// The breakdown of a per-line bill: each amount as charged, the rounding of the total, the rule.
fn explain_lines(
    req: &BillRoundingRequest,
    figures: &LineFigures,
    text: &'static str,
    b: &mut Breakdown,
) {
    for (i, (raw, line)) in req.amounts.iter().zip(&figures.lines).enumerate() {
        b.line_msg(Money(*line), || {
            let charged = (raw.0 != *line).then(|| crate::msg!("bill.charged", line = show(*line)));
            crate::msg!(
                "bill.amount",
                n = i + 1,
                raw = show(raw.0),
                charged = maybe(charged)
            )
        });
    }
    let (sum, payable) = (figures.sum, figures.payable);
    b.settle_msg(payable, || {
        crate::msg!("bill.totalRounding", sum = show(sum), total = payable)
    });
    b.note_msg(|| Msg::new(text));
}
