//! Calendar and period rules shared by every operation (003 §3.2.2.1, §3.2.7).
//!
//! Dates are calendar days (`YYYY-MM-DD`) as the console shows them. A prepaid term ends at
//! 23:59:59 of its end date in the provider's time zone (Huawei: UTC+08:00, rules.md A19).
//! Two different day counts exist on purpose (rules.md A21):
//! - refund **days** count the operation day as remaining (003 §3.2.7 downgrade, §3.4.2.2);
//! - the pricing **remaining period** excludes the change day (003 §3.2.7).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::exact::Exact;
use crate::domain::money::clip;
use crate::error::{Error, ErrorCode};
use billcalc_derive::{FromJson, ToJson, Ts};

/// Earliest date accepted as input.
pub const MIN_DATE: (i32, u32, u32) = (1970, 1, 1);
/// Latest date accepted as input.
pub const MAX_DATE: (i32, u32, u32) = (9999, 12, 31);

/// The provider's wall-clock offset for expiry instants (Huawei: GMT+08:00).
pub const PROVIDER_UTC_OFFSET: &str = "+08:00";

/// `days(a..b)`: days from `a` to `b`, both included (003 §3.4.2.2). `days(2022-08-19..2022-09-19) = 32`.
pub fn days_inclusive(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() + 1
}

/// Number of days of the month of `d` (28–31).
pub fn days_in_month(d: NaiveDate) -> u32 {
    last_day_of_month(d).day()
}

/// Last day of the month of `d`: 2024-02-10 → 2024-02-29.
pub fn last_day_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(d)
}

/// `d + n months`, clamped to the last day of the target month (rules.md A1; the only
/// evidence is 003 §3.2.2.2: 2024-02-29 + 10 years → 2034-02-28). `None` past 9999-12-31, the
/// last date billcalc reads or writes.
/// 2021-01-31 + 1 month = 2021-02-28; 2020-04-28 + 1 month = 2020-05-28.
pub fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(chrono::Months::new(n))
        .filter(|r| in_range(*r))
}

/// 9999-12-31, the last date billcalc reads or answers.
pub fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(MAX_DATE.0, MAX_DATE.1, MAX_DATE.2).unwrap_or(NaiveDate::MAX)
}

/// True for dates within 1970-01-01..=9999-12-31 (what billcalc reads and answers).
pub fn in_range(d: NaiveDate) -> bool {
    let ymd = (d.year(), d.month(), d.day());
    ymd >= MIN_DATE && ymd <= MAX_DATE
}

/// The day after `d`, `None` past 9999-12-31.
pub fn next_day(d: NaiveDate) -> Option<NaiveDate> {
    d.succ_opt().filter(|r| in_range(*r))
}

/// 003 §3.2.7 / §3.4.2.2 refund day counts of one order segment on an operation day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
#[json(ts_name = "Days")]
pub struct RefundDays {
    /// `days(start..end)`, both included.
    pub total: i64,
    /// `days(start..day before the operation)`: 0 on the start day.
    pub consumed: i64,
    /// `days(operation day..end)`: the operation day counts as remaining.
    pub remaining: i64,
}

/// Refund day counts for an operation on `day` of the segment `start..end`. `day` is clamped into
/// the segment: before the start nothing is consumed, after the end nothing remains.
/// 003 §3.4.2.2 ex. 1: 2022-08-19..2022-09-19 on 2022-09-02 → total 32, consumed 14, remaining 18.
pub fn refund_days(start: NaiveDate, end: NaiveDate, day: NaiveDate) -> RefundDays {
    let total = days_inclusive(start, end);
    let consumed = (day - start).num_days().clamp(0, total);
    RefundDays {
        total,
        consumed,
        remaining: total - consumed,
    }
}

/// The unit a remaining period is measured in (003 §3.2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PeriodUnit {
    /// Natural months: each month's remaining days / days of that month.
    Months,
    /// Years: remaining days without Feb 29, / 365.
    Years,
}

impl PeriodUnit {
    /// Plural unit name for formulas.
    pub fn name(self) -> &'static str {
        match self {
            PeriodUnit::Months => "months",
            PeriodUnit::Years => "years",
        }
    }

    /// Singular unit name (`1 year`).
    pub fn singular(self) -> &'static str {
        match self {
            PeriodUnit::Months => "month",
            PeriodUnit::Years => "year",
        }
    }
}

/// The length, in `unit`, of the inclusive day range `first..last` (0 when `last < first`), as
/// an exact fraction.
///
/// - Months (003 §3.2.7): `Σ over natural months of days_in_range / days_in_month`, whole months 1.
///   Aug 25–31, Sep, Oct, Nov 1–15 → 7/31 + 2 + 15/30 = 1267/465 (2.7258…).
/// - Years (003 §3.2.7): days of the range not counting Feb 29, divided by 365.
///   2019-05-02..2021-11-01 → (244 + 365 + 305) / 365 = 914/365 (2.5041…).
pub fn period_length(unit: PeriodUnit, first: NaiveDate, last: NaiveDate) -> Result<Exact, Error> {
    if last < first {
        return Ok(Exact::ZERO);
    }
    match unit {
        PeriodUnit::Years => Ok(Exact::ratio(days_without_feb_29(first, last), 365)),
        PeriodUnit::Months => {
            let mut total = Exact::ZERO;
            let mut cursor = first;
            loop {
                let chunk_end = last_day_of_month(cursor).min(last);
                let days = days_inclusive(cursor, chunk_end);
                total = total.plus(Exact::ratio(days, i64::from(days_in_month(cursor))))?;
                match chunk_end.succ_opt() {
                    Some(next) if chunk_end < last => cursor = next,
                    _ => break,
                }
            }
            Ok(total)
        }
    }
}

/// The arithmetic of [`period_length`] as text: `7/31 + 2 + 15/30` (months) or `306/365` (years).
pub fn describe_period(unit: PeriodUnit, first: NaiveDate, last: NaiveDate) -> String {
    if last < first {
        return "0".to_string();
    }
    match unit {
        PeriodUnit::Years => format!("{}/365", days_without_feb_29(first, last)),
        PeriodUnit::Months => {
            let mut parts: Vec<String> = Vec::new();
            let mut whole = 0;
            let mut cursor = first;
            loop {
                let chunk_end = last_day_of_month(cursor).min(last);
                let days = days_inclusive(cursor, chunk_end);
                let dim = i64::from(days_in_month(cursor));
                if days == dim {
                    whole += 1;
                } else {
                    if whole > 0 {
                        parts.push(whole.to_string());
                        whole = 0;
                    }
                    parts.push(format!("{days}/{dim}"));
                }
                match chunk_end.succ_opt() {
                    Some(next) if chunk_end < last => cursor = next,
                    _ => break,
                }
            }
            if whole > 0 {
                parts.push(whole.to_string());
            }
            parts.join(" + ")
        }
    }
}

/// 003 §3.2.7 remaining period of the segment ending `end` for a change on `change_day`: the days
/// after the change day (the change day itself is not counted) up to `end`, in `unit`. A segment that
/// starts after the change day counts from its own start.
pub fn remaining_period(
    unit: PeriodUnit,
    segment_start: NaiveDate,
    end: NaiveDate,
    change_day: NaiveDate,
) -> Result<Exact, Error> {
    let after_change = change_day.succ_opt().unwrap_or(change_day);
    period_length(unit, after_change.max(segment_start), end)
}

/// Days of `first..last` (inclusive) that are not February 29.
pub fn days_without_feb_29(first: NaiveDate, last: NaiveDate) -> i64 {
    if last < first {
        return 0;
    }
    let mut leap_days = 0;
    for year in first.year()..=last.year() {
        if let Some(feb29) = NaiveDate::from_ymd_opt(year, 2, 29) {
            if feb29 >= first && feb29 <= last {
                leap_days += 1;
            }
        }
    }
    days_inclusive(first, last) - leap_days
}

/// `YYYY-MM` of a day: the bill month (003 §3.4.2.1).
pub fn month_text(d: NaiveDate) -> String {
    BillMonth(d).to_string()
}

/// The month of a day's bill, `YYYY-MM` (003 §3.4.2.1: the bill that carries a refund): kept as
/// the day, written only when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillMonth(pub NaiveDate);

impl BillMonth {
    /// `YYYY-MM`, digit by digit (a curve writes one for every day; `format!` is most of that
    /// cost).
    pub fn digits(self) -> [u8; 7] {
        let (y, m) = (self.0.year().clamp(0, 9999) as u32, self.0.month());
        // Each a digit 0–9.
        let d = |x: u32| b'0'.saturating_add(x as u8);
        [
            d(y / 1000),
            d(y / 100 % 10),
            d(y / 10 % 10),
            d(y % 10),
            b'-',
            d(m / 10),
            d(m % 10),
        ]
    }
}

impl std::fmt::Display for BillMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::str::from_utf8(&self.digits()).unwrap_or_default())
    }
}

/// The last second of a day, 23:59:59: when a prepaid term expires (003 §3.2.2.1).
pub fn end_of_day(d: NaiveDate) -> NaiveDateTime {
    d.and_time(chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(chrono::NaiveTime::MIN))
}

/// The instant a prepaid term ending on `end` expires: `end` at 23:59:59 provider time.
pub fn expiry_instant(end: NaiveDate) -> String {
    format!("{end}T23:59:59{PROVIDER_UTC_OFFSET}")
}

/// A provider wall-clock instant as text: `2020-08-24T03:00:00+08:00` (A19: GMT+8).
pub fn instant(t: chrono::NaiveDateTime) -> String {
    format!("{}T{}{PROVIDER_UTC_OFFSET}", t.date(), t.time())
}

/// Parse a `YYYY-MM-DD` date within 1970-01-01..=9999-12-31.
pub fn parse_date(s: &str) -> Result<NaiveDate, (ErrorCode, String)> {
    let (year, month, day) = billcalc_exact::text::date_numbers(s).ok_or_else(|| {
        (
            ErrorCode::InvalidDate,
            format!("\"{}\" is not a date of the form YYYY-MM-DD", clip(s)),
        )
    })?;
    let year = i32::try_from(year).unwrap_or(0);
    let d = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        (
            ErrorCode::InvalidDate,
            format!("\"{s}\" is not a calendar date"),
        )
    })?;
    let ymd = (d.year(), d.month(), d.day());
    if ymd < MIN_DATE || ymd > MAX_DATE {
        return Err((
            ErrorCode::DateOutOfRange,
            format!("{s} is outside 1970-01-01..9999-12-31"),
        ));
    }
    Ok(d)
}

/// Parse `HH:MM` or `HH:MM:SS`.
pub fn parse_time(t: &str) -> Option<chrono::NaiveTime> {
    let parts: Vec<&str> = t.split(':').collect();
    let num = |p: &&str| -> Option<u32> {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
    };
    match parts.as_slice() {
        [h, m] => chrono::NaiveTime::from_hms_opt(num(h)?, num(m)?, 0),
        [h, m, sec] => chrono::NaiveTime::from_hms_opt(num(h)?, num(m)?, num(sec)?),
        _ => None,
    }
}

/// The unified expiry day: 1–28 or the last day of the month (003 §3.2.2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnifiedDay {
    /// Day 1–28 of a month.
    Day(u32),
    /// The last day of a month (`"last"`).
    Last,
}

impl UnifiedDay {
    /// True when `d` falls on this unified day.
    pub fn matches(self, d: NaiveDate) -> bool {
        match self {
            UnifiedDay::Day(n) => d.day() == n,
            UnifiedDay::Last => d == last_day_of_month(d),
        }
    }

    /// The first date on or after `from` that falls on this day (003 §3.2.2.3; rules.md A9: when
    /// `from` itself falls on the day, no top-up days are added).
    pub fn first_on_or_after(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            UnifiedDay::Last => Some(last_day_of_month(from)),
            UnifiedDay::Day(n) => {
                let this = from.with_day(n)?;
                if this >= from {
                    Some(this)
                } else {
                    add_months(this, 1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(add_months(d("2021-01-31"), 1), Some(d("2021-02-28")));
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2024-02-29"), 120), Some(d("2034-02-28")));
        assert_eq!(add_months(d("2018-09-21"), 1), Some(d("2018-10-21")));
        assert_eq!(last_day_of_month(d("2023-12-05")), d("2023-12-31"));
    }

    #[test]
    fn days_without_leap_day() {
        // 2020-02-01..2020-09-30 = 243 days, 242 without Feb 29 (003 §3.2.7 upgrade ex. 1).
        assert_eq!(days_without_feb_29(d("2020-02-01"), d("2020-09-30")), 242);
        assert_eq!(days_without_feb_29(d("2020-03-01"), d("2020-02-01")), 0);
    }

    #[test]
    fn parse_date_codes() {
        let refused = [
            ("2023-02-30", ErrorCode::InvalidDate),
            ("1969-12-31", ErrorCode::DateOutOfRange),
            ("2023-2-3", ErrorCode::InvalidDate),
            ("２０２３-02-03", ErrorCode::InvalidDate),
        ];
        for (text, code) in refused {
            assert_eq!(parse_date(text).unwrap_err().0, code, "{text}");
        }
        assert_eq!(parse_date("2024-02-29").unwrap(), d("2024-02-29"));
    }
}
