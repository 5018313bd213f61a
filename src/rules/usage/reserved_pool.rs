//! Idle fee of a Tencent Cloud reserved resource pool (专有预扣资源池, 002; rules.md A22).
//!
//! 002: `idle fee = pay-as-you-go price of the same configuration × 0.3`, per idle instance,
//! metered per second and settled per hour; `idle = pool size − instances drawn`. A single-use
//! package (单次抵扣包) loses a released instance; a cyclic one (循环抵扣包) gets it back. After the
//! package expires there is no idle fee and the unused instances are returned.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::exact::Exact;
use crate::domain::money::{approx, equals, show, Money, Ratio};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Most events one request may carry.
pub const MAX_EVENTS: usize = 1000;
/// Largest pool (instances in one package).
pub const MAX_POOL_SIZE: u32 = 10_000;
/// 002: the idle fee is 0.3 × the pay-as-you-go price.
pub const IDLE_FACTOR: Decimal = Decimal::from_parts(3, 0, 0, false, 1);

/// The two package kinds of 002.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PackageType {
    /// 单次抵扣包: a released instance does not return to the pool (the pool shrinks).
    SingleUse,
    /// 循环抵扣包: a released instance returns to the pool while the package is unexpired.
    Cyclic,
}

/// What happens to the pool at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PoolAction {
    /// Instances of the same configuration are created and draw from the pool (抵扣).
    Draw,
    /// Drawn instances are released (退还).
    Release,
}

/// One draw or release.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PoolEvent {
    /// When (`YYYY-MM-DDTHH:MM[:SS]`, inside the package, not before the previous event).
    pub at: NaiveDateTime,
    /// `draw` or `release`.
    pub action: PoolAction,
    /// How many instances (≥ 1).
    pub count: u32,
}

/// Request of `reservedPoolIdleFee`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct ReservedPoolRequest {
    /// `singleUse` or `cyclic`.
    pub package_type: PackageType,
    /// Instances reserved by the package (1–10000).
    pub size: u32,
    /// Package creation; the idle fee starts for all instances at once.
    pub start: NaiveDateTime,
    /// Package expiry; no idle fee after it.
    pub end: NaiveDateTime,
    /// Pay-as-you-go price of the same configuration, per instance-hour.
    pub pay_as_you_go_price: Money,
    /// Idle factor (default 0.3, 002; at most 1). The page's displayed idle fee is authoritative.
    pub idle_factor: Option<Ratio>,
    /// Draws and releases, in time order.
    #[json(default)]
    pub events: Vec<PoolEvent>,
    /// End of the what-if (default: the package end; later shows the zero after expiry).
    pub until: Option<NaiveDateTime>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// One stretch of time with a constant idle count.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PoolSegment {
    /// Start, included (`YYYY-MM-DDTHH:MM:SS`).
    pub from: String,
    /// End, excluded.
    pub to: String,
    /// Instances the pool holds (0 after expiry).
    pub pool_size: u32,
    /// Instances drawn from the pool (0 after expiry).
    pub drawn: u32,
    /// `poolSize − drawn`.
    pub idle: u32,
    /// Length in hours (seconds / 3600).
    pub hours: Exact,
    /// `idle × hours × idle rate` (exact, shown to at most 8 decimals).
    pub fee: Money,
}

/// Result of `reservedPoolIdleFee`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct ReservedPoolResponse {
    /// Idle fee per idle instance-hour: `payAsYouGoPrice × idleFactor`.
    pub idle_rate: Money,
    /// The segments, in time order.
    pub timeline: Vec<PoolSegment>,
    /// Total idle fee, half up to cents once.
    pub idle_fee: Money,
    /// One line per segment with an idle fee, plus the rounding (they add up to `idleFee`).
    pub breakdown: Breakdown,
}

fn err(code: ErrorCode, path: impl Into<String>, msg: impl Into<String>) -> Error {
    Error::new(code, path, msg)
}

fn stamp(t: NaiveDateTime) -> String {
    format!("{}T{}", t.date(), t.time())
}

/// 002 (docs/rules.md). Segments run between the package start, each event instant, the package end
/// and `until`; each costs `idle × seconds / 3600 × price × 0.3`. Amounts stay exact and the total
/// is rounded half up to cents once (002 says only "metered per second, settled per hour", A22).
/// Example (price 1.00, 3 instances, 2025-01-01..02-01, single-use, draw 1 on Jan 2, release it on
/// Jan 3): (24 × 3 + 24 × 2 + 696 × 2) × 0.30 = 1512 × 0.30 = 453.60.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn reserved_pool_idle_fee(
    req: &ReservedPoolRequest,
    mut b: Breakdown,
) -> Result<ReservedPoolResponse> {
    let until = req.until.unwrap_or(req.end);
    let factor = req.idle_factor.map_or(IDLE_FACTOR, |f| f.0);
    check_pool(req, until, factor)?;
    let rate = req.pay_as_you_go_price.exact().times(Exact::of(factor))?;
    let timeline = pool_timeline(req, rate, until)?;
    let idle_fee = Money::cents_of(timeline.total)?;
    explain_idle_fee(req, factor, rate, &timeline, idle_fee, &mut b);
    Ok(ReservedPoolResponse {
        idle_rate: Money::shown(rate),
        timeline: timeline
            .segments
            .iter()
            .map(|s| PoolSegment {
                from: stamp(s.from),
                to: stamp(s.to),
                pool_size: s.pool,
                drawn: s.drawn,
                idle: s.idle,
                hours: s.hours,
                fee: Money::shown(s.fee),
            })
            .collect(),
        idle_fee,
        breakdown: b,
    })
}

/// 002: a package ends after it starts, the what-if too; it holds 1 to 10000 instances; the idle
/// factor is at most 1; at most 1000 events.
fn check_pool(req: &ReservedPoolRequest, until: NaiveDateTime, factor: Decimal) -> Result<()> {
    let (start, end, size) = (req.start, req.end, req.size);
    let refusal = if end <= start {
        Some((
            ErrorCode::InvalidPeriod,
            "end",
            format!(
                "the end {} is not after the start {}",
                stamp(end),
                stamp(start)
            ),
        ))
    } else if until <= start {
        Some((
            ErrorCode::InvalidPeriod,
            "until",
            format!("{} is not after the start {}", stamp(until), stamp(start)),
        ))
    } else if size == 0 || size > MAX_POOL_SIZE {
        let msg = format!("a package holds 1 to {MAX_POOL_SIZE} instances, not {size}");
        Some((ErrorCode::InvalidNumber, "size", msg))
    } else if req.events.len() > MAX_EVENTS {
        Some((
            ErrorCode::TooManyItems,
            "events",
            format!("at most {MAX_EVENTS} events"),
        ))
    } else if factor > Decimal::ONE {
        let msg = format!("the idle factor {} is above 1", show(factor));
        Some((ErrorCode::InvalidNumber, "idleFactor", msg))
    } else {
        None
    };
    match refusal {
        Some((code, path, msg)) => Err(err(code, path, msg)),
        None => Ok(()),
    }
}

/// A stretch of time with a constant idle count, and its fee.
struct Segment {
    from: NaiveDateTime,
    to: NaiveDateTime,
    pool: u32,
    drawn: u32,
    idle: u32,
    hours: Exact,
    fee: Exact,
}

/// The figures of an idle fee: the segments in time order and their fees added up, exact.
struct Timeline {
    /// The idle fee per idle instance-hour.
    rate: Exact,
    /// The end of the what-if.
    until: NaiveDateTime,
    /// Where the next segment starts.
    from: NaiveDateTime,
    /// The segments so far.
    segments: Vec<Segment>,
    /// Their fees added up.
    total: Exact,
}

impl Timeline {
    /// 002: close the segment up to `to` (at most `until`) with the state before it:
    /// `idle × seconds / 3600 × idle rate`.
    fn cut(&mut self, to: NaiveDateTime, pool: u32, drawn: u32) -> Result<()> {
        let (from, to) = (self.from, to.min(self.until));
        if to <= from {
            return Ok(());
        }
        let hours = Exact::ratio((to - from).num_seconds(), 3600);
        let idle = pool - drawn;
        let fee = self
            .rate
            .times(Exact::whole(i64::from(idle)))?
            .times(hours)?;
        self.total = self.total.plus(fee)?;
        self.segments.push(Segment {
            from,
            to,
            pool,
            drawn,
            idle,
            hours,
            fee,
        });
        self.from = to;
        Ok(())
    }
}

/// 002: walk the draws and releases from the package start: a segment closes at each event, at
/// the package end and at `until` (no idle instance after expiry). A single-use package's
/// released instances leave the pool; a cyclic one's come back.
fn pool_timeline(req: &ReservedPoolRequest, rate: Exact, until: NaiveDateTime) -> Result<Timeline> {
    let mut timeline = Timeline {
        rate,
        until,
        from: req.start,
        segments: Vec::with_capacity(req.events.len() + 2),
        total: Exact::ZERO,
    };
    let (mut pool, mut drawn) = (req.size, 0u32);
    let mut last = req.start;
    for (i, e) in req.events.iter().enumerate() {
        check_event_time(req, i, e.at, last)?;
        last = e.at;
        timeline.cut(e.at, pool, drawn)?;
        check_event_count(i, e, pool, drawn)?;
        match e.action {
            PoolAction::Draw => drawn += e.count,
            PoolAction::Release => {
                drawn -= e.count;
                if req.package_type == PackageType::SingleUse {
                    pool -= e.count;
                }
            }
        }
    }
    timeline.cut(req.end, pool, drawn)?;
    timeline.cut(until, 0, 0)?;
    Ok(timeline)
}

/// Events go in time order, inside the package.
fn check_event_time(
    req: &ReservedPoolRequest,
    i: usize,
    at: NaiveDateTime,
    last: NaiveDateTime,
) -> Result<()> {
    let path = || format!("events[{i}].at");
    if at < last {
        let msg = format!(
            "{} is before {} (events go in time order)",
            stamp(at),
            stamp(last)
        );
        return Err(err(ErrorCode::InvalidPeriod, path(), msg));
    }
    if at >= req.end {
        let msg = format!(
            "{} is outside the package {} – {}",
            stamp(at),
            stamp(req.start),
            stamp(req.end)
        );
        return Err(err(ErrorCode::InvalidPeriod, path(), msg));
    }
    Ok(())
}

/// 002: a draw takes at most the idle instances, a release gives back at most the drawn ones;
/// at least 1 either way.
fn check_event_count(i: usize, e: &PoolEvent, pool: u32, drawn: u32) -> Result<()> {
    let (n, idle, t) = (e.count, pool - drawn, || stamp(e.at));
    let refusal = match e.action {
        _ if n == 0 => Some("count must be at least 1".to_string()),
        PoolAction::Draw if n > idle => Some(format!("cannot draw {n} at {}: {idle} idle", t())),
        PoolAction::Release if n > drawn => {
            Some(format!("cannot release {n} at {}: {drawn} drawn", t()))
        }
        _ => None,
    };
    match refusal {
        Some(msg) => Err(err(
            ErrorCode::InvalidNumber,
            format!("events[{i}].count"),
            msg,
        )),
        None => Ok(()),
    }
}

/// The breakdown of an idle fee: the idle rate, one line per segment with a fee, the expiry, the
/// per-second metering and the rounding to cents (002; rules.md A22).
fn explain_idle_fee(
    req: &ReservedPoolRequest,
    factor: Decimal,
    rate: Exact,
    timeline: &Timeline,
    idle_fee: Money,
    b: &mut Breakdown,
) {
    let price = req.pay_as_you_go_price;
    b.fact_msg(|| {
        crate::msg!(
            "pool.idleRate",
            price = price,
            factor = show(factor),
            value = approx(rate)
        )
    });
    for s in timeline.segments.iter().filter(|s| !s.fee.is_zero()) {
        b.line_msg(Money::shown(s.fee), || {
            crate::msg!(
                "pool.idleFee",
                from = stamp(s.from),
                to = stamp(s.to),
                idle = s.idle,
                hours = approx(s.hours),
                rate = approx(rate),
                result = equals(s.fee)
            )
        });
    }
    if timeline.until > req.end {
        b.note_msg(|| crate::msg!("pool.afterExpiry"));
    }
    b.note_msg(|| crate::msg!("pool.perSecond"));
    let total = timeline.total;
    b.settle_msg(idle_fee, || {
        crate::msg!("usage.toCents", value = approx(total), total = idle_fee)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use serde_json::json;

    fn run(v: serde_json::Value) -> Result<ReservedPoolResponse> {
        explained(reserved_pool_idle_fee, &crate::io::read::from_value(v)?)
    }

    fn package(kind: &str, events: serde_json::Value) -> serde_json::Value {
        json!({"packageType": kind, "size": 3, "start": "2025-01-01T00:00", "end": "2025-02-01T00:00",
               "payAsYouGoPrice": "1.00", "events": events, "until": "2025-02-04T00:00"})
    }

    fn idles(r: &ReservedPoolResponse) -> Vec<u32> {
        r.timeline.iter().map(|s| s.idle).collect()
    }

    #[test]
    fn tencent_reserved_pool_timelines() {
        // Single-use: draw 1 on Jan 2, release it on Jan 3 (not returned); expiry Feb 1.
        // (24 h × 3 + 24 h × 2 + 29 d × 24 h × 2) × 1.00 × 0.3 = (72 + 48 + 1392) × 0.3 = 453.60.
        let r = run(package(
            "singleUse",
            json!([{"at": "2025-01-02T00:00", "action": "draw", "count": 1},
                   {"at": "2025-01-03T00:00", "action": "release", "count": 1}]),
        ))
        .unwrap();
        assert_eq!(idles(&r), [3, 2, 2, 0]);
        assert_eq!(r.timeline[2].pool_size, 2);
        assert_eq!(r.idle_rate.to_string(), "0.30");
        assert_eq!(r.idle_fee.to_string(), "453.60");
        assert_eq!(r.timeline[2].hours.to_string(), "696");
        assert_eq!(r.timeline[3].fee, Money::ZERO);
        assert_eq!(r.breakdown.sum(), r.idle_fee);
        // Cyclic: also draw 2 on Jan 4. (24 × 3 + 24 × 2 + 24 × 3 + 28 d × 24 h × 1) × 0.3
        // = (72 + 48 + 72 + 672) × 0.3 = 864 × 0.3 = 259.20.
        let r = run(package(
            "cyclic",
            json!([{"at": "2025-01-02T00:00", "action": "draw", "count": 1},
                   {"at": "2025-01-03T00:00", "action": "release", "count": 1},
                   {"at": "2025-01-04T00:00", "action": "draw", "count": 2}]),
        ))
        .unwrap();
        assert_eq!(idles(&r), [3, 2, 3, 1, 0]);
        assert_eq!(r.idle_fee.to_string(), "259.20");
        assert_eq!(r.timeline[4].to, "2025-02-04T00:00:00");
    }

    #[test]
    fn per_second_metering_and_until() {
        // 2 idle × 1800 s / 3600 × 0.12 × 0.3 = 0.036 → 0.04 (one rounding of the exact total);
        // then 1 idle × 1 s × 0.036 / 3600 = 0.00001 → total 0.03601 → 0.04.
        let r = run(
            json!({"packageType": "singleUse", "size": 2, "start": "2025-01-01T00:00",
            "end": "2025-01-02T00:00", "payAsYouGoPrice": "0.12", "until": "2025-01-01T00:30:01",
            "events": [{"at": "2025-01-01T00:30", "action": "draw", "count": 1}]}),
        )
        .unwrap();
        assert_eq!(r.timeline[0].fee.0.normalize().to_string(), "0.036");
        assert_eq!(r.timeline[1].fee.0.normalize().to_string(), "0.00001");
        assert_eq!(r.idle_fee.to_string(), "0.04");
    }

    #[test]
    fn refusals() {
        let draw = |at: &str, count: u32| json!({"at": at, "action": "draw", "count": count});
        let release = |at: &str| json!({"at": at, "action": "release", "count": 1});
        let cases = [
            // More than the package holds.
            (
                "singleUse",
                vec![draw("2025-01-02T00:00", 4)],
                ErrorCode::InvalidNumber,
                "events[0].count",
            ),
            // Single-use: after a release the pool holds 2; drawing 3 is refused.
            (
                "singleUse",
                vec![
                    draw("2025-01-02T00:00", 1),
                    release("2025-01-03T00:00"),
                    draw("2025-01-04T00:00", 3),
                ],
                ErrorCode::InvalidNumber,
                "events[2].count",
            ),
            // Nothing drawn to release.
            (
                "cyclic",
                vec![release("2025-01-02T00:00")],
                ErrorCode::InvalidNumber,
                "events[0].count",
            ),
            // Out of time order.
            (
                "cyclic",
                vec![draw("2025-01-03T00:00", 1), release("2025-01-02T00:00")],
                ErrorCode::InvalidPeriod,
                "events[1].at",
            ),
            // After the package's end.
            (
                "cyclic",
                vec![draw("2025-02-01T00:00", 1)],
                ErrorCode::InvalidPeriod,
                "events[0].at",
            ),
        ];
        for (kind, events, code, path) in cases {
            let e = run(package(kind, json!(events))).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (code, path));
        }
        let mut v = package("cyclic", json!([]));
        v["end"] = json!("2025-01-01T00:00");
        let e = run(v).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidPeriod, "end"));
    }
}
