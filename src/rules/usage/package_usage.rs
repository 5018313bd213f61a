//! Resource packages (资源包; 003 §3.2.4, §4; 000; docs/rules.md): how usage is deducted from
//! packages and what is billed pay-per-use — with the reason for every overage, which answers
//! "why am I still in arrears after buying a package?" (000).

use crate::domain::map::SortedMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::add_months;
use crate::domain::money::{minus, plus, show, total, Money, Ratio};
use crate::domain::sorting::positions_by;
use crate::error::{check_count, Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most packages one request may list.
pub const MAX_PACKAGES: usize = 100;
/// Most usage records one request may list.
pub const MAX_RECORDS: usize = 10_000;

/// How a package's quota is consumed (003 §3.2.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PackageKind {
    /// 可重置: the quota comes back at the start of every reset cycle; unused quota is lost.
    Resettable,
    /// 不可重置: one quota for the whole term.
    NonResettable,
}

/// Reset cycle of a resettable package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum ResetCycle {
    /// Every hour (usage records need `hour`).
    Hour,
    /// Every day.
    Day,
    /// Every 7 days from the start.
    Week,
    /// Every month from the start day (rules.md A16: counted from the effective date).
    Month,
}

/// A package held by the customer.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Package {
    /// Its name in the breakdown.
    pub id: String,
    /// `resettable` or `nonResettable`.
    pub kind: PackageKind,
    /// The quota (per cycle when resettable), in the billing item's unit.
    pub quota: Ratio,
    /// Resettable packages: the reset cycle.
    pub reset_cycle: Option<ResetCycle>,
    /// First valid day (the package takes effect on it).
    pub start: NaiveDate,
    /// Last valid day (expires at 23:59:59).
    pub end: NaiveDate,
    /// The billing item it pays (`outboundTraffic`, `storage`).
    pub billing_item: String,
    /// Other billing items it also pays (an OSS Standard LRS storage package also pays
    /// `ecsSnapshot`, 000).
    #[json(default)]
    pub covers: Vec<String>,
    /// Regions it pays (absent: every region). A "Chinese mainland general" package lists the
    /// mainland regions (not Hong Kong or overseas, 000).
    pub regions: Option<Vec<String>>,
    /// Storage class it pays (`standard`, `infrequentAccess` …; absent: any).
    pub storage_class: Option<String>,
    /// Redundancy it pays (`LRS`, `ZRS`; absent: any).
    pub redundancy: Option<String>,
    /// A storage capacity unit (SCU, 000): regional (`regions` required) and never pays cold
    /// archive (LRS) storage.
    #[json(default)]
    pub scu: bool,
}

/// Metered usage of one billing item.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct UsageRecord {
    /// When the usage happened (not when its bill arrived, 000).
    pub date: NaiveDate,
    /// Hour of the day (0–23), for hourly reset cycles.
    pub hour: Option<u32>,
    /// The billing item (`requests` have no package, 000).
    pub billing_item: String,
    /// The quantity.
    pub amount: Ratio,
    /// Its region.
    pub region: Option<String>,
    /// Its storage class.
    pub storage_class: Option<String>,
    /// Its redundancy.
    pub redundancy: Option<String>,
}

/// Request of `packageUsage`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PackageUsageRequest {
    /// The packages held.
    pub packages: Vec<Package>,
    /// The usage, in any order (deducted in time order).
    pub usage: Vec<UsageRecord>,
    /// Pay-per-use unit price of each billing item that has overage.
    #[json(default)]
    pub prices: SortedMap<String, Money>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// What one package paid of one record.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct Deduction {
    /// The package.
    pub package: String,
    /// The quantity it paid.
    pub amount: Ratio,
}

/// One usage record, deducted.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct RecordResult {
    /// Index in the request's `usage`.
    pub index: usize,
    /// The billing item.
    pub billing_item: String,
    /// Paid by packages.
    pub covered: Vec<Deduction>,
    /// Billed pay-per-use.
    pub overage: Ratio,
    /// Why the overage is not covered (000), when there is one.
    pub reason: Option<String>,
}

/// A package after the deduction.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PackageState {
    /// The package.
    pub id: String,
    /// Used in all.
    pub used: Ratio,
    /// Left: of the whole term (non-resettable) or of the last cycle with usage (resettable).
    pub remaining: Ratio,
    /// Resettable: use per reset cycle, `[cycle start, used]`.
    pub cycles: Vec<(String, Ratio)>,
}

/// Pay-per-use overage of one billing item.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct Overage {
    /// The billing item.
    pub billing_item: String,
    /// The quantity billed pay-per-use.
    pub quantity: Ratio,
    /// The unit price.
    pub price: Money,
    /// `quantity × price`, exact.
    pub amount: Money,
}

/// Result of `packageUsage`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PackageUsageResponse {
    /// Each usage record with what paid it.
    pub records: Vec<RecordResult>,
    /// Each package's use.
    pub packages: Vec<PackageState>,
    /// Pay-per-use quantities and amounts per billing item.
    pub overage: Vec<Overage>,
    /// The pay-per-use charge, half up to cents.
    pub charge: Money,
    /// Lines (one per billing item with overage) add up to `charge`; notes give the reasons.
    pub breakdown: Breakdown,
}

pub(crate) fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// 000: "SCU不能抵扣冷归档存储（LRS）类型文件的存储费用" — why an SCU does not pay `u`, if so.
fn scu_miss(p: &Package, u: &UsageRecord) -> Option<String> {
    let cold = u
        .storage_class
        .as_deref()
        .is_some_and(|c| same(c, "coldArchive"));
    let lrs = u.redundancy.as_deref().map_or(true, |r| same(r, "LRS"));
    (p.scu && cold && lrs).then(|| {
        format!(
            "package {} is an SCU: an SCU does not pay cold archive (LRS) storage (000)",
            p.id
        )
    })
}

/// The reset cycle of `p` holding `(date, hour)`, and its first day.
fn cycle_of(p: &Package, date: NaiveDate, hour: u32) -> (i64, NaiveDate) {
    let days = (date - p.start).num_days();
    match (p.kind, p.reset_cycle) {
        (PackageKind::NonResettable, _) | (_, None) => (0, p.start),
        (_, Some(ResetCycle::Hour)) => (days * 24 + i64::from(hour), date),
        (_, Some(ResetCycle::Day)) => (days, date),
        (_, Some(ResetCycle::Week)) => {
            let n = days / 7;
            (
                n,
                p.start + chrono::Days::new(u64::try_from(n * 7).unwrap_or(0)),
            )
        }
        (_, Some(ResetCycle::Month)) => {
            let mut n =
                (date.year() - p.start.year()) * 12 + date.month() as i32 - p.start.month() as i32;
            let from = |n: i32| add_months(p.start, u32::try_from(n).unwrap_or(0));
            if from(n).is_some_and(|d| d > date) {
                n -= 1;
            }
            // 003 §3.2.4.1: a monthly package valid 2023-11-22..2024-11-22 has 100 GB "each month
            // of the year": its last day closes the 12th month and opens no 13th (rules.md A23).
            if n > 0 && from(n) == Some(p.end) {
                n -= 1;
            }
            (i64::from(n), from(n).unwrap_or(p.start))
        }
    }
}

/// 000 / 003 §3.2.4.1: usage is paid by matching packages first; what they cannot pay is billed
/// pay-per-use. Among several matching packages the one expiring first pays first (then the
/// earliest start, then the listed order) — the documents do not say; billcalc's choice.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn package_usage(req: &PackageUsageRequest, mut b: Breakdown) -> Result<PackageUsageResponse> {
    check_packages(req)?;
    let mut ledger = deduct_usage(req)?;
    let figures = overage_figures(req, std::mem::take(&mut ledger.overage_by_item))?;
    explain_overage(&figures, &ledger.reasons, &mut b);
    let packages = package_states(req, &ledger);
    Ok(PackageUsageResponse {
        records: ledger.records,
        packages,
        overage: figures.overage,
        charge: figures.charge,
        breakdown: b,
    })
}

/// 003 §3.2.4.1; 000: a package ends on or after its start, an SCU names its regions, a
/// resettable package its reset cycle; at most 100 packages and 10000 usage records.
fn check_packages(req: &PackageUsageRequest) -> Result<()> {
    check_count("packages", req.packages.len(), MAX_PACKAGES, "packages")?;
    check_count("usage", req.usage.len(), MAX_RECORDS, "usage records")?;
    for (i, p) in req.packages.iter().enumerate() {
        if p.end < p.start {
            return Err(Error::new(
                ErrorCode::InvalidPeriod,
                format!("packages[{i}].end"),
                format!(
                    "package {} ends ({}) before it starts ({})",
                    p.id, p.end, p.start
                ),
            ));
        }
        if p.scu && p.regions.is_none() {
            return Err(Error::new(
                ErrorCode::MissingField,
                format!("packages[{i}].regions"),
                format!(
                    "package {} is an SCU: it pays only its own region (000), name it",
                    p.id
                ),
            ));
        }
        if p.kind == PackageKind::Resettable && p.reset_cycle.is_none() {
            return Err(Error::new(
                ErrorCode::MissingField,
                format!("packages[{i}].resetCycle"),
                format!("resettable package {} needs its reset cycle", p.id),
            ));
        }
    }
    Ok(())
}

/// What the deduction leaves: each package's use per reset cycle, each record's result, the
/// overage per billing item and the reasons for it.
#[derive(Default)]
struct Ledger {
    /// Used per `(package, cycle)`.
    used: SortedMap<(usize, i64), Decimal>,
    /// First day of each `(package, cycle)` with usage.
    cycle_starts: SortedMap<(usize, i64), NaiveDate>,
    /// Each usage record, in the request's order.
    records: Vec<RecordResult>,
    /// Billed pay-per-use, per billing item.
    overage_by_item: SortedMap<String, Decimal>,
    /// Why pay-per-use, each reason once, in time order.
    reasons: Vec<String>,
}

impl Ledger {
    /// What package `k` can pay of `left` in its reset cycle `cycle` (from `from`), taken off
    /// its quota `quota`.
    fn take(
        &mut self,
        k: usize,
        cycle: i64,
        from: NaiveDate,
        quota: Decimal,
        left: Decimal,
    ) -> Decimal {
        let slot = self.used.get_or_insert((k, cycle), Decimal::ZERO);
        self.cycle_starts.get_or_insert((k, cycle), from);
        let available = minus(quota, *slot).max(Decimal::ZERO);
        let take = available.min(left);
        if take > Decimal::ZERO {
            *slot = plus(*slot, take);
        }
        take
    }

    /// Keep record `i`'s result; an overage counts for its billing item, its reason once.
    fn record(
        &mut self,
        i: usize,
        u: &UsageRecord,
        covered: Vec<Deduction>,
        left: Decimal,
        reason: Option<String>,
    ) {
        if let Some(r) = &reason {
            if !self.reasons.contains(r) {
                self.reasons.push(r.clone());
            }
            let overage = self
                .overage_by_item
                .get_or_insert(u.billing_item.clone(), Decimal::ZERO);
            *overage = plus(*overage, left);
        }
        self.records.push(RecordResult {
            index: i,
            billing_item: u.billing_item.clone(),
            covered,
            overage: Ratio(left),
            reason,
        });
    }
}

/// 000 / 003 §3.2.4.1: the usage is deducted in time order (date, then hour); each record is
/// paid by the packages expiring first (then the earliest start, then the listed order).
fn deduct_usage(req: &PackageUsageRequest) -> Result<Ledger> {
    let hourly: Vec<bool> = req
        .packages
        .iter()
        .map(|p| p.kind == PackageKind::Resettable && p.reset_cycle == Some(ResetCycle::Hour))
        .collect();
    let when = |i: usize| req.usage.get(i).map(|u| (u.date, u.hour.unwrap_or(0)));
    let order = positions_by(req.usage.len(), &mut |a, b| when(a).cmp(&when(b)));
    let expiry = |i: usize| req.packages.get(i).map(|p| (p.end, p.start));
    let by_expiry = positions_by(req.packages.len(), &mut |a, b| expiry(a).cmp(&expiry(b)));
    let mut ledger = Ledger {
        records: Vec::with_capacity(req.usage.len()),
        ..Ledger::default()
    };
    for &i in &order {
        let Some(u) = req.usage.get(i) else { continue };
        deduct_record(req, i, u, &by_expiry, &hourly, &mut ledger)?;
    }
    crate::domain::sorting::sort_by_key(&mut ledger.records, |r| r.index);
    Ok(ledger)
}

/// The hour of record `i` (0 when absent), 0–23.
fn usage_hour(i: usize, u: &UsageRecord) -> Result<u32> {
    match u.hour {
        Some(h) if h > 23 => Err(Error::new(
            ErrorCode::InvalidNumber,
            format!("usage[{i}].hour"),
            format!("{h} is not an hour 0–23"),
        )),
        Some(h) => Ok(h),
        None => Ok(0),
    }
}

/// 000: record `i` paid by the packages of its billing item that match it, in expiry order,
/// each up to what is left of its quota in the cycle; the rest is overage, with its reason.
fn deduct_record(
    req: &PackageUsageRequest,
    i: usize,
    u: &UsageRecord,
    by_expiry: &[usize],
    hourly: &[bool],
    ledger: &mut Ledger,
) -> Result<()> {
    let hour = usage_hour(i, u)?;
    let mut left = u.amount.0;
    let mut covered = Vec::new();
    let mut miss: Option<String> = None;
    let for_item = packages_for(req, by_expiry, u);
    for &k in &for_item {
        let Some(p) = req.packages.get(k) else {
            continue;
        };
        if let Some(w) = package_miss(p, u) {
            miss.get_or_insert(w);
            continue;
        }
        if hourly.get(k) == Some(&true) && u.hour.is_none() {
            return Err(Error::new(
                ErrorCode::MissingField,
                format!("usage[{i}].hour"),
                format!("package {} resets every hour: give the usage's hour", p.id),
            ));
        }
        let (cycle, from) = cycle_of(p, u.date, hour);
        let take = ledger.take(k, cycle, from, p.quota.0, left);
        if take > Decimal::ZERO {
            left = minus(left, take);
            covered.push(Deduction {
                package: p.id.clone(),
                amount: Ratio(take),
            });
        } else {
            miss.get_or_insert(used_up(p, from));
        }
        if left.is_zero() {
            break;
        }
    }
    let reason = overage_reason(u, for_item.is_empty(), !covered.is_empty(), left, miss);
    ledger.record(i, u, covered, left, reason);
    Ok(())
}

/// 000: why `left` of `u` is billed pay-per-use, if any is: no package for its billing item,
/// beyond the packages' quota, or the first package's miss.
fn overage_reason(
    u: &UsageRecord,
    no_package: bool,
    some_covered: bool,
    left: Decimal,
    miss: Option<String>,
) -> Option<String> {
    (left > Decimal::ZERO).then(|| {
        if no_package {
            format!(
                "no package pays {} (request fees never have one, 000)",
                u.billing_item
            )
        } else if some_covered {
            format!(
                "usage beyond the packages' quota ({} not covered)",
                show(left)
            )
        } else {
            miss.unwrap_or_else(|| "no package left".into())
        }
    })
}

/// The packages paying `u`'s billing item (their own or one they also cover, 000), in expiry
/// order.
fn packages_for(req: &PackageUsageRequest, by_expiry: &[usize], u: &UsageRecord) -> Vec<usize> {
    by_expiry
        .iter()
        .copied()
        .filter(|&k| {
            req.packages.get(k).is_some_and(|p| {
                same(&p.billing_item, &u.billing_item)
                    || p.covers.iter().any(|c| same(c, &u.billing_item))
            })
        })
        .collect()
}

/// 000: why package `p` does not pay `u` at all — region, storage class, SCU, redundancy, or a
/// day outside its term — if so.
fn package_miss(p: &Package, u: &UsageRecord) -> Option<String> {
    if let (Some(rs), Some(r)) = (&p.regions, &u.region) {
        (!rs.iter().any(|x| same(x, r)))
            .then(|| format!("package {} pays regions {} only, not {r}", p.id, rs.join(", ")))
    } else if p.regions.is_some() && u.region.is_none() {
        Some(format!("package {} is regional and the usage names no region", p.id))
    } else {
        None
    }
    .or_else(|| match (&p.storage_class, &u.storage_class) {
        (Some(a), Some(c)) if !same(a, c) => Some(format!(
            "package {} pays {a} storage, not {c} (000: no mixing of storage classes)",
            p.id
        )),
        _ => None,
    })
    .or_else(|| scu_miss(p, u))
    .or_else(|| match (&p.redundancy, &u.redundancy) {
        (Some(a), Some(c)) if !same(a, c) => Some(format!(
            "package {} pays {a} redundancy, not {c} (000)",
            p.id
        )),
        _ => None,
    })
    .or_else(|| {
        (u.date < p.start).then(|| {
            format!(
                "usage of {} is before package {} took effect on {} (000: a bill that arrives later may be for earlier usage)",
                u.date, p.id, p.start
            )
        })
    })
    .or_else(|| {
        (u.date > p.end).then(|| format!("package {} expired on {}", p.id, p.end))
    })
}

/// 003 §3.2.4.1: a package with nothing left — a resettable one until its next cycle.
fn used_up(p: &Package, from: NaiveDate) -> String {
    match p.kind {
        PackageKind::Resettable => format!(
            "package {} is used up for the cycle from {from}; it resets next cycle",
            p.id
        ),
        PackageKind::NonResettable => format!("package {} is used up", p.id),
    }
}

/// The pay-per-use figures: each billing item's overage at its unit price, their exact sum and
/// the charge.
struct OverageFigures {
    /// Per billing item, in name order.
    overage: Vec<Overage>,
    /// The amounts added up, exact.
    exact: Money,
    /// The sum half up to cents.
    charge: Money,
}

/// 003 §3.2.4.1; 000: what the packages cannot pay is billed pay-per-use at the item's unit
/// price (required); the sum is rounded half up to cents once.
fn overage_figures(
    req: &PackageUsageRequest,
    overage_by_item: SortedMap<String, Decimal>,
) -> Result<OverageFigures> {
    let mut overage = Vec::new();
    let mut exact = Money::ZERO;
    for (item, q) in overage_by_item {
        let price = req
            .prices
            .iter()
            .find(|(k, _)| same(k, &item))
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::PriceNotFound,
                    format!("prices.{item}"),
                    format!(
                        "{} of {item} is billed pay-per-use: give its unit price",
                        show(q)
                    ),
                )
            })?;
        let amount = price * q;
        exact += amount;
        overage.push(Overage {
            billing_item: item,
            quantity: Ratio(q),
            price,
            amount,
        });
    }
    let charge = exact.cents();
    Ok(OverageFigures {
        overage,
        exact,
        charge,
    })
}

/// The breakdown of the overage: one line per billing item, the rounding, why pay-per-use, and
/// the order of deduction (003 §3.2.4.1; 000).
fn explain_overage(figures: &OverageFigures, reasons: &[String], b: &mut Breakdown) {
    for o in &figures.overage {
        let (item, q, price, amount) = (&o.billing_item, o.quantity.0, o.price, o.amount);
        b.line_msg(amount, || {
            crate::msg!(
                "packageUsage.overage",
                item = item,
                quantity = show(q),
                price = price,
                amount = show(amount.0)
            )
        });
    }
    let (exact, charge) = (figures.exact, figures.charge);
    b.settle_msg(charge, || {
        crate::msg!(
            "packageUsage.rounding",
            value = show(exact.0),
            total = charge
        )
    });
    for r in reasons {
        b.note_msg(|| crate::msg!("packageUsage.why", reason = r));
    }
    b.note_msg(|| crate::msg!("packageUsage.order"));
}

/// Each package's use: in all, what is left (of the term, or of the last cycle with usage when
/// resettable) and, resettable, the use per cycle (003 §3.2.4.1).
fn package_states(req: &PackageUsageRequest, ledger: &Ledger) -> Vec<PackageState> {
    req.packages
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mine: Vec<(&(usize, i64), &Decimal)> =
                ledger.used.iter().filter(|((pk, _), _)| *pk == k).collect();
            let used = total(mine.iter().map(|(_, v)| *v));
            let last = mine.last().map_or(Decimal::ZERO, |(_, v)| **v);
            let resettable = p.kind == PackageKind::Resettable;
            PackageState {
                id: p.id.clone(),
                used: Ratio(used),
                remaining: Ratio(minus(p.quota.0, if resettable { last } else { used })),
                cycles: if resettable {
                    mine.iter()
                        .map(|(key, v)| {
                            let from = ledger.cycle_starts.get(key).copied().unwrap_or(p.start);
                            (from.to_string(), Ratio(**v))
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}
