//! Reading requests: a [`Json`] tree into a typed request through [`FromJson`], with every
//! failure turned into a coded [`Error`] whose `path` names the offending field
//! (`orders[1].end`).
//!
//! Each request type's reader is derived from its declaration (`#[derive(FromJson)]`, the
//! `billcalc-derive` crate): plain, non-generic code over one small cursor type ([`At`]) that
//! knows the path of the value it points at. Here are the readers of the domain's scalar types
//! (money, ratios, terms, dates, price tables) and of the standard ones.

use crate::domain::map::SortedMap;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

pub use billcalc_derive::FromJson;

use crate::domain::calendar::{parse_date, parse_time, UnifiedDay};
use crate::domain::money::{check_money, clip, parse_money, Money, Ratio};
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode, Result};
use crate::io::json::{parse_noting_repeats, Json};
use billcalc_json::Members;

/// JSON text (RFC 8259) as a request's [`Json`] tree: syntax errors and nesting deeper than
/// [`MAX_DEPTH`] are refused as `INVALID_INPUT` at the root, a repeated member as `INVALID_INPUT`
/// at that member.
pub fn parse_text(text: &str) -> Result<Json<'_>> {
    let (json, may_repeat) = parse_noting_repeats(text)?;
    if may_repeat {
        refuse_repeated_members(At::root(&json))?;
    }
    Ok(json)
}

/// Read a request of type `T` from JSON text.
pub fn read_text<T: FromJson>(text: &str) -> Result<T> {
    read_json(&parse_text(text)?)
}

/// Read a request of type `T` from a `serde_json` value (tests and Rust callers).
pub fn from_value<T: FromJson>(value: serde_json::Value) -> Result<T> {
    read_json(&crate::io::json::from_value(value))
}

/// Read a request of type `T` from a [`Json`] tree.
pub fn read_json<T: FromJson>(json: &Json<'_>) -> Result<T> {
    T::from_json(At::root(json))
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    /// Read the value `at` points at; an error names `at`'s path (or a member's below it).
    fn from_json(at: At<'_>) -> Result<Self>;
}

/// A value of the tree together with the path to it. Paths are kept as a chain of the callers'
/// cursors on the stack and written out only for an error.
#[derive(Clone, Copy)]
pub struct At<'a> {
    /// The value.
    pub json: &'a Json<'a>,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

/// One step of a path: a member's name or an element's index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    Root,
    Member(&'a str),
    Element(usize),
}

impl<'a> At<'a> {
    /// The whole request.
    pub fn root(json: &'a Json<'a>) -> At<'a> {
        At {
            json,
            parent: None,
            step: Step::Root,
        }
    }

    pub(crate) fn child<'b>(&'b self, json: &'b Json<'b>, step: Step<'b>) -> At<'b> {
        At {
            json,
            parent: Some(self),
            step,
        }
    }

    /// Another value at the same path (a request read without its tag member).
    pub fn with_value<'b>(&'b self, json: &'b Json<'b>) -> At<'b> {
        At {
            json,
            parent: self.parent,
            step: self.step,
        }
    }

    /// `orders[1].end`: member names joined by dots, element indexes in brackets.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            steps.push(a.step);
            at = a.parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Element(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// A coded error at this value.
    pub fn error(&self, code: ErrorCode, message: impl Into<String>) -> Error {
        Error::new(code, self.path(), message)
    }

    /// The value is of the wrong JSON type: `expected a date string YYYY-MM-DD, got a number`.
    pub fn invalid_type(&self, expected: &str) -> Error {
        self.error(
            ErrorCode::InvalidInput,
            format!(
                "expected {expected}, got {}",
                crate::io::json::kind(self.json)
            ),
        )
    }

    /// The value as a string.
    pub fn str(&self, expected: &str) -> Result<&'a str> {
        match self.json {
            Json::String(s) => Ok(s),
            _ => Err(self.invalid_type(expected)),
        }
    }

    /// The value as an object whose members are among `groups` (the JSON names of a type's
    /// fields, and of the types it flattens). A member not among them is refused
    /// (`UNKNOWN_FIELD` at the member).
    pub fn object(&self, groups: &[&[&str]]) -> Result<Object<'_>> {
        let Json::Object(members) = self.json else {
            return Err(self.invalid_type("an object"));
        };
        if let Some((name, value)) = billcalc_json::unknown_member(members, groups) {
            let expected: Vec<String> = groups
                .iter()
                .flat_map(|g| g.iter())
                .map(|f| format!("`{f}`"))
                .collect();
            return Err(self.child(value, Step::Member(name)).error(
                ErrorCode::UnknownField,
                format!(
                    "unknown field `{}`, expected one of {}",
                    clip(name),
                    expected.join(", ")
                ),
            ));
        }
        Ok(Object { at: self, members })
    }

    /// The index of the unit variant named by the value among `names` (JSON names).
    pub fn variant(&self, names: &[&str]) -> Result<usize> {
        let expected = || {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            names.join(", ")
        };
        let Json::String(s) = self.json else {
            return Err(self.invalid_type(&format!("one of {}", expected())));
        };
        names.iter().position(|n| n == s).ok_or_else(|| {
            self.error(
                ErrorCode::InvalidInput,
                format!(
                    "unknown variant `{}`, expected one of {}",
                    clip(s),
                    expected()
                ),
            )
        })
    }

    /// The index among `names` of the variant an object names in its member `tag`
    /// (`{"kind": "rate", …}`); `default` when the member is absent, if the type has one.
    pub fn tag(&self, tag: &str, default: Option<usize>, names: &[&str]) -> Result<usize> {
        let Json::Object(members) = self.json else {
            return Err(self.invalid_type("an object"));
        };
        match members.iter().find(|(name, _)| name == tag) {
            Some((name, value)) => self.child(value, Step::Member(name)).variant(names),
            None => default.ok_or_else(|| {
                self.child(&Json::Null, Step::Member(tag))
                    .error(ErrorCode::MissingField, format!("missing field `{tag}`"))
            }),
        }
    }

    /// The value as an array, each element read by `read`.
    pub fn elements<T>(&self, read: fn(At<'_>) -> Result<T>) -> Result<Vec<T>> {
        let Json::Array(items) = self.json else {
            return Err(self.invalid_type("an array"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(read(self.child(item, Step::Element(i)))?);
        }
        Ok(out)
    }

    /// The value as an object used as a map: each member's name read by `key` (an error is
    /// reported at the member), each value by `value`.
    pub fn map<K: Ord, V>(
        &self,
        key: fn(&str) -> std::result::Result<K, (ErrorCode, String)>,
        value: fn(At<'_>) -> Result<V>,
    ) -> Result<SortedMap<K, V>> {
        let Json::Object(members) = self.json else {
            return Err(self.invalid_type("an object"));
        };
        let mut map = SortedMap::new();
        for (name, item) in members {
            let at = self.child(item, Step::Member(name));
            let k = key(name).map_err(|(code, message)| at.error(code, message))?;
            map.insert(k, value(at)?);
        }
        Ok(map)
    }
}

/// An object's members, read field by field.
pub struct Object<'b> {
    at: &'b At<'b>,
    members: &'b Members<'b>,
}

impl<'b> Object<'b> {
    /// The member `name`, read by `read`; a missing member is `MISSING_FIELD`.
    #[inline(never)]
    pub fn required<T>(&self, name: &str, read: fn(At<'_>) -> Result<T>) -> Result<T> {
        self.optional(name, read)?.ok_or_else(|| {
            self.at
                .child(&Json::Null, Step::Member(name))
                .error(ErrorCode::MissingField, format!("missing field `{name}`"))
        })
    }

    /// The member `name` read by `read`, or `None` when it is absent.
    #[inline(never)]
    pub fn optional<T>(&self, name: &str, read: fn(At<'_>) -> Result<T>) -> Result<Option<T>> {
        match billcalc_json::member(self.members, name) {
            Some((member, value)) => read(self.at.child(value, Step::Member(member))).map(Some),
            None => Ok(None),
        }
    }
}

/// Refuse a member given twice anywhere in `at`'s value: it would make the request ambiguous.
pub fn refuse_repeated_members(at: At<'_>) -> Result<()> {
    match at.json {
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refuse_repeated_members(at.child(item, Step::Element(i)))?;
            }
        }
        Json::Object(members) => {
            if let Some((name, value)) = repeated_member(members) {
                return Err(at.child(value, Step::Member(name)).error(
                    ErrorCode::InvalidInput,
                    format!("duplicate field `{}`", clip(name)),
                ));
            }
            for (name, value) in members {
                refuse_repeated_members(at.child(value, Step::Member(name)))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// A member given twice, if any (its second occurrence). Pairwise for the usual small object,
/// sorted for a large one (so that a huge object stays cheap).
fn repeated_member<'m, 't>(
    members: &'m Members<'t>,
) -> Option<&'m (std::borrow::Cow<'t, str>, Json<'t>)> {
    let name = |i: usize| members.get(i).map(|(k, _)| &**k);
    if members.len() <= 16 {
        return billcalc_json::repeated_pairwise(members);
    }
    let order =
        crate::domain::sorting::positions_by(members.len(), &mut |a, b| name(a).cmp(&name(b)));
    let at = |w: &[usize], k: usize| w.get(k).and_then(|&i| name(i));
    let w = order.windows(2).find(|w| at(w, 0) == at(w, 1))?;
    members.get(*w.get(1)?)
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(at: At<'_>) -> Result<Self> {
        at.elements(T::from_json)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    /// `null` is `None`.
    fn from_json(at: At<'_>) -> Result<Self> {
        match at.json {
            Json::Null => Ok(None),
            _ => T::from_json(at).map(Some),
        }
    }
}

/// An element read on its own (a cart's item): its refusal, with its path (`items[1].term`), is
/// kept as the value instead of refusing the whole request.
impl<T: FromJson> FromJson for Result<T> {
    fn from_json(at: At<'_>) -> Result<Self> {
        Ok(T::from_json(at))
    }
}

impl FromJson for String {
    fn from_json(at: At<'_>) -> Result<Self> {
        at.str("a string").map(str::to_string)
    }
}

impl FromJson for bool {
    fn from_json(at: At<'_>) -> Result<Self> {
        match at.json {
            Json::Bool(b) => Ok(*b),
            _ => Err(at.invalid_type("true or false")),
        }
    }
}

impl FromJson for u64 {
    fn from_json(at: At<'_>) -> Result<Self> {
        whole_number(at, u64::MAX)
    }
}

impl FromJson for u32 {
    fn from_json(at: At<'_>) -> Result<Self> {
        whole_number(at, u64::from(u32::MAX)).map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }
}

impl FromJson for SortedMap<String, crate::domain::money::Money> {
    fn from_json(at: At<'_>) -> Result<Self> {
        at.map(
            |k| Ok(k.to_string()),
            crate::domain::money::Money::from_json,
        )
    }
}

/// A whole number ≥ 0 that fits `max`, written without a fraction or an exponent.
fn whole_number(at: At<'_>, max: u64) -> Result<u64> {
    let Json::Number(n) = at.json else {
        return Err(at.invalid_type("a whole number"));
    };
    n.parse::<u64>().ok().filter(|n| *n <= max).ok_or_else(|| {
        at.error(
            ErrorCode::InvalidInput,
            format!("expected a whole number from 0 to {max}, got {}", clip(n)),
        )
    })
}

/// Money inputs are non-negative, at most 10^12, written as a decimal string (`"110.00"`), or as a
/// number exactly held by a JS number (see [`money_of_number`]).
impl FromJson for Money {
    fn from_json(at: At<'_>) -> Result<Money> {
        let read = match at.json {
            Json::String(s) => parse_money(s),
            Json::Number(n) => money_of_number(n),
            _ => return Err(at.invalid_type("a decimal string such as \"110.00\"")),
        };
        read.map_err(|(code, message)| at.error(code, message))
    }
}

/// A ratio (a discount factor, a fee rate) reads like money.
impl FromJson for Ratio {
    fn from_json(at: At<'_>) -> Result<Ratio> {
        Money::from_json(at).map(|m| Ratio(m.0))
    }
}

/// A JSON number, read as written. A JS number is binary floating point, so a number is accepted
/// only when the value written is exactly a binary fraction of at most 10 decimals (`110`,
/// `110.5`, `0.25`): then the number the caller held is that very amount. `0.1` is refused (a JS
/// number holds 0.1000000000000000055… for it), as is anything too long to be held exactly.
fn money_of_number(literal: &str) -> crate::domain::money::Checked {
    let refuse = |why: &str| {
        Err((
            ErrorCode::InvalidMoney,
            format!(
                "the number {} {why}; pass money as a decimal string such as \"110.00\"",
                clip(literal)
            ),
        ))
    };
    let Some(d) = decimal_of_number(literal).map(|d| d.normalize()) else {
        return refuse("is too large or too long to be an amount");
    };
    let binary = d.scale() <= 10
        && 5i128
            .checked_pow(d.scale())
            .and_then(|p| d.mantissa().checked_rem(p))
            == Some(0);
    if !binary {
        return refuse("has no exact binary value (a JS number holds a nearby value)");
    }
    check_money(d, &literal)
}

/// The exact value of a JSON number as written (`-12.5`, `1e3`, `25E-2`), if a decimal holds it.
pub(crate) fn decimal_of_number(literal: &str) -> Option<Decimal> {
    let (digits, exponent) = match literal.split_once(['e', 'E']) {
        Some((d, e)) => (d, e.parse::<i32>().ok()?),
        None => (literal, 0),
    };
    let mut d = Decimal::from_str_exact(digits).ok()?;
    if exponent >= 0 {
        for _ in 0..exponent.min(29) {
            d = d.checked_mul(Decimal::TEN)?;
        }
    } else {
        let scale = d.scale().checked_add(exponent.unsigned_abs())?;
        if scale > 28 {
            return None;
        }
        d.set_scale(scale).ok()?;
    }
    Some(d)
}

/// `1M`…`120M`, `1Y`…`10Y`.
impl FromJson for Term {
    fn from_json(at: At<'_>) -> Result<Term> {
        at.str("a term such as \"1M\" or \"3Y\"")?
            .parse()
            .map_err(|m: String| at.error(ErrorCode::UnknownTerm, m))
    }
}

/// An object of term → price (`{"1M": "11", "1Y": "120"}`); a bad term is refused at its member.
impl FromJson for PriceTable {
    fn from_json(at: At<'_>) -> Result<PriceTable> {
        at.map(
            |term| term.parse().map_err(|m| (ErrorCode::UnknownTerm, m)),
            Money::from_json,
        )
        .map(PriceTable)
    }
}

/// A `YYYY-MM-DD` date within 1970..=9999 (coded errors `INVALID_DATE`, `DATE_OUT_OF_RANGE`).
impl FromJson for NaiveDate {
    fn from_json(at: At<'_>) -> Result<NaiveDate> {
        let s = at.str("a date string YYYY-MM-DD")?;
        parse_date(s).map_err(|(code, msg)| at.error(code, msg))
    }
}

/// A date-time `YYYY-MM-DDTHH:MM[:SS]`, provider wall-clock time (the hourly rules of reserved
/// instances and pools).
impl FromJson for NaiveDateTime {
    fn from_json(at: At<'_>) -> Result<NaiveDateTime> {
        let s = at.str("a date-time YYYY-MM-DDTHH:MM")?;
        let invalid = |msg: String| at.error(ErrorCode::InvalidDate, msg);
        let (day, time) = s.split_once(['T', ' ']).ok_or_else(|| {
            invalid(format!(
                "\"{}\" is not a date-time YYYY-MM-DDTHH:MM",
                clip(s)
            ))
        })?;
        let date = parse_date(day).map_err(|(code, msg)| at.error(code, msg))?;
        let t = parse_time(time)
            .ok_or_else(|| invalid(format!("\"{}\" is not a time HH:MM[:SS]", clip(time))))?;
        Ok(date.and_time(t))
    }
}

/// An expiry instant (`#[json(with = "crate::io::read::expiry")]`).
pub mod expiry {
    use super::*;

    /// A date-time `YYYY-MM-DDTHH:MM[:SS]`, or a plain date `YYYY-MM-DD`, which is that day's
    /// end, 23:59:59 provider time — a prepaid term expires then (003 §3.2.3.1 example:
    /// "到期时间为2020年8月31日23:59:59"), so `2020-08-31` reads as `2020-08-31T23:59:59`.
    pub fn read(at: At<'_>) -> Result<NaiveDateTime> {
        let s = at.str("a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM")?;
        if !s.contains(['T', ' ']) {
            return parse_date(s)
                .map(crate::domain::calendar::end_of_day)
                .map_err(|(code, msg)| at.error(code, msg));
        }
        NaiveDateTime::from_json(at)
    }
}

/// A unified expiry day (003 §3.2.2.3).
impl FromJson for UnifiedDay {
    /// A day 1–28 (a number, or its digits as a string) or `"last"`.
    fn from_json(at: At<'_>) -> Result<UnifiedDay> {
        let day = match at.json {
            Json::String(s) if s.eq_ignore_ascii_case("last") => return Ok(UnifiedDay::Last),
            Json::String(s) => s.parse::<u64>().map_err(|_| {
                at.error(
                    ErrorCode::UnifiedDayInvalid,
                    format!(
                        "\"{}\" is not a day 1–28 or \"last\" (003 §3.2.2.3)",
                        clip(s)
                    ),
                )
            })?,
            // 28 or 28.0; anything else (negative, fractional) is refused as day 0.
            Json::Number(n) => decimal_of_number(n)
                .filter(|d| d.trunc() == *d)
                .and_then(|d| u64::try_from(d).ok())
                .unwrap_or(0),
            _ => return Err(at.invalid_type("a day 1–28 or \"last\"")),
        };
        match u32::try_from(day) {
            Ok(d @ 1..=28) => Ok(UnifiedDay::Day(d)),
            _ => Err(at.error(
                ErrorCode::UnifiedDayInvalid,
                format!("day {day} is not allowed: choose 1–28 or \"last\" (003 §3.2.2.3)"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::refunds::unsubscribe::UnsubscribeRequest;

    fn error_of(text: &str) -> (String, String) {
        let e = read_text::<UnsubscribeRequest>(text).unwrap_err();
        (e.code.as_str().to_string(), e.path.clone())
    }

    #[test]
    fn paths_name_the_offending_value() {
        let orders = r#"[{"start":"2022-08-19","end":"2022-09-19","term":"1M","paidCash":"110.00"},{"start":"2022-09-20","end":"2022-09-31","term":"1M","paidCash":"1"}]"#;
        let text = format!(r#"{{"scenario":"inUse","date":"2022-09-02","orders":{orders}}}"#);
        assert_eq!(
            error_of(&text),
            ("INVALID_DATE".into(), "orders[1].end".into())
        );
        let unknown = r#"{"scenario":"inUse","date":"2022-09-02","orders":[{"start":"2022-08-19","end":"2022-09-19","term":"1M","paidCash":"1","colour":"red"}]}"#;
        assert_eq!(
            error_of(unknown),
            ("UNKNOWN_FIELD".into(), "orders[0].colour".into())
        );
        let missing = r#"{"scenario":"inUse","orders":[]}"#;
        assert_eq!(error_of(missing), ("MISSING_FIELD".into(), "date".into()));
        let nested = r#"{"scenario":"inUse","date":"2022-09-02","orders":[{"start":"2022-08-19","end":"2022-09-19","paidCash":"1"}]}"#;
        assert_eq!(
            error_of(nested),
            ("MISSING_FIELD".into(), "orders[0].term".into())
        );
        let variant = r#"{"scenario":"inuse","date":"2022-09-02","orders":[]}"#;
        assert_eq!(
            error_of(variant),
            ("INVALID_INPUT".into(), "scenario".into())
        );
    }

    #[test]
    fn a_repeated_member_is_refused() {
        let text = r#"{"scenario":"inUse","date":"2022-09-02","date":"2022-09-03","orders":[]}"#;
        let e = read_text::<UnsubscribeRequest>(text).unwrap_err();
        assert_eq!(e.code.as_str(), "INVALID_INPUT");
        assert!(
            e.message.contains("duplicate field `date`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_repeated_member_is_found_in_small_and_large_objects() {
        for n in [2usize, 16, 17, 40] {
            let mut members: Vec<String> = (0..n).map(|i| format!("\"m{i}\":{i}")).collect();
            let text = format!("{{{}}}", members.join(","));
            let json = parse_text(&text).unwrap();
            assert!(matches!(json, Json::Object(m) if m.len() == n));
            members.push(format!("\"m{}\":0", n / 2));
            let e = parse_text(&format!("{{{}}}", members.join(","))).unwrap_err();
            assert_eq!(e.message, format!("duplicate field `m{}`", n / 2), "{n}");
        }
    }

    #[test]
    fn members_keep_their_order() {
        let json = parse_text(r#"{"b":1,"a":[true,null,"x"]}"#).unwrap();
        let Json::Object(members) = json else {
            panic!("not an object")
        };
        let names: Vec<&str> = members.iter().map(|(k, _)| &**k).collect();
        assert_eq!(names, ["b", "a"]);
    }

    #[test]
    fn an_expiry_given_as_a_plain_date_is_that_days_end() {
        struct Expiry(NaiveDateTime);
        impl FromJson for Expiry {
            fn from_json(at: At<'_>) -> Result<Self> {
                expiry::read(at).map(Expiry)
            }
        }
        let read = |text: &str| read_json::<Expiry>(&parse_text(text).unwrap()).map(|e| e.0);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let end = d("2020-08-31").and_hms_opt(23, 59, 59).unwrap();
        assert_eq!(read("\"2020-08-31\"").unwrap(), end);
        assert_eq!(read("\"2020-08-31T23:59:59\"").unwrap(), end);
        assert_eq!(
            read("\"2017-03-30T00:00\"").unwrap(),
            d("2017-03-30").and_hms_opt(0, 0, 0).unwrap()
        );
        let refused = [
            ("\"2020-02-30\"", ErrorCode::InvalidDate),
            ("\"1969-12-31\"", ErrorCode::DateOutOfRange),
            ("\"31/08/2020\"", ErrorCode::InvalidDate),
            ("\"2020-08-31T25:00\"", ErrorCode::InvalidDate),
            ("20200831", ErrorCode::InvalidInput),
            ("null", ErrorCode::InvalidInput),
        ];
        for (text, code) in refused {
            assert_eq!(read(text).unwrap_err().code, code, "{text}");
        }
    }

    #[test]
    fn numbers_are_money_only_when_exact_in_binary() {
        let read = |n: &str| money_of_number(n).map(|m| m.0.to_string()).map_err(|e| e.0);
        assert_eq!(read("110"), Ok("110".into()));
        assert_eq!(read("110.5"), Ok("110.5".into()));
        assert_eq!(read("0.25"), Ok("0.25".into()));
        assert_eq!(read("1e3"), Ok("1000".into()));
        assert_eq!(read("25E-2"), Ok("0.25".into()));
        assert_eq!(read("-0"), Ok("0".into()));
        // 2^-10 = 0.0009765625: exact, 10 decimals.
        assert_eq!(read("0.0009765625"), Ok("0.0009765625".into()));
        // 0.1 = 1/10 is no binary fraction; 2^-11 has 11 decimals.
        assert_eq!(read("0.1"), Err(ErrorCode::InvalidMoney));
        assert_eq!(read("0.00048828125"), Err(ErrorCode::InvalidMoney));
        // A JS number cannot hold this; the nearest float (110.5) would be a silent change.
        assert_eq!(read("110.50000000000000001"), Err(ErrorCode::InvalidMoney));
        assert_eq!(read("1e300"), Err(ErrorCode::InvalidMoney));
        assert_eq!(read("1e-300"), Err(ErrorCode::InvalidMoney));
        assert_eq!(read("-5"), Err(ErrorCode::NegativeMoney));
        assert_eq!(read("1e13"), Err(ErrorCode::MoneyOutOfRange));
        assert_eq!(
            read("18446744073709551615"),
            Err(ErrorCode::MoneyOutOfRange)
        );
    }
}
