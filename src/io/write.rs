//! Writing answers as JSON text: members in declaration order, `null` for an absent value,
//! amounts as decimal strings. Each answer type's writer is derived from its declaration
//! (`#[derive(ToJson)]`, the `billcalc-derive` crate): plain, non-generic pushes of names computed
//! at compile time. Here are the writers of the domain's scalar types and of the standard ones.

use crate::domain::map::SortedMap;
use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};

pub use billcalc_derive::ToJson;

use crate::domain::calendar::UnifiedDay;
use crate::domain::exact::Exact;
use crate::domain::money::{Money, Ratio};
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{Error, ErrorCode};

/// A value written as JSON text.
pub trait ToJson {
    /// Append the value's JSON text to `out`.
    fn write_json(&self, out: &mut String);

    /// True when this value, as a member of an object, is left out of it altogether (a silent
    /// breakdown: a figures-only answer has no `breakdown` member, see `ops::calculate_text`).
    fn omitted(&self) -> bool {
        false
    }
}

/// The JSON text of `value`.
pub fn to_text<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::with_capacity(512);
    value.write_json(&mut out);
    out
}

/// A JSON string: `"`, `\` and control characters escaped as serde_json escapes them.
#[inline(never)]
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(from..i).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        from = i.saturating_add(1);
    }
    out.push_str(s.get(from..).unwrap_or_default());
    out.push('"');
}

/// A value's `Display` text as a JSON string (amounts, terms, dates).
#[inline(never)]
pub fn write_display(out: &mut String, value: &dyn std::fmt::Display) {
    // Displayed values here are digits, signs, letters and `.`, `-`, `:`, `T`: nothing to escape.
    out.push('"');
    let _ = write!(out, "{value}");
    out.push('"');
}

/// A JSON string.
impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

/// A message: `{"key": …, "figures": {…}}`.
impl ToJson for crate::domain::messages::Msg {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"key\":");
        write_str(out, self.key);
        out.push_str(",\"figures\":");
        write_figures(out, &self.figures);
        out.push('}');
    }
}

/// A message's figures: an object of name → text or message.
impl ToJson for crate::domain::breakdown::Figures {
    fn write_json(&self, out: &mut String) {
        write_figures(out, &self.0);
    }
}

#[inline(never)]
fn write_figures(out: &mut String, figures: &[(&'static str, crate::domain::messages::Figure)]) {
    out.push('{');
    for (i, (name, figure)) in figures.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, name);
        out.push(':');
        match figure {
            crate::domain::messages::Figure::Text(t) => write_str(out, t),
            crate::domain::messages::Figure::Msg(m) => m.write_json(out),
        }
    }
    out.push('}');
}

/// A JSON string.
impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// A pair, as serde writes a tuple: a two-element array.
impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// A whole number's digits (a curve writes a thousand of them: no formatting machinery).
fn write_whole(out: &mut String, negative: bool, n: u64) {
    let mut digits = [b'0'; 21];
    out.push_str(
        std::str::from_utf8(billcalc_exact::text::whole_text(&mut digits, negative, n))
            .unwrap_or_default(),
    );
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_whole(out, false, u64::try_from(*self).unwrap_or(u64::MAX));
            }
        }
    )*};
}
unsigned!(u8, u32, u64, usize);

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_whole(out, *self < 0, u64::from(self.unsigned_abs()));
            }
        }
    )*};
}
signed!(i32, i64);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_json(out);
        }
        out.push(']');
    }
}

impl<K: std::fmt::Display, V: ToJson> ToJson for SortedMap<K, V> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_display(out, k);
            out.push(':');
            v.write_json(out);
        }
        out.push('}');
    }
}

/// A member's key (`"paidCash":`, computed at compile time), after a comma unless it is the
/// object's first.
#[inline(never)]
pub fn key(out: &mut String, first: &mut bool, quoted: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    out.push_str(quoted);
}

/// Types written as their `Display` text in a JSON string, by hand (every answer writes dozens:
/// no formatting machinery): an amount with at least two decimals (`110` → `"110.00"`, `48.125`
/// → `"48.125"`), a factor without trailing zeros (`"0.9"`), a date `YYYY-MM-DD`, a term (`"1M"`,
/// `"3Y"`).
impl ToJson for Money {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        let _ = crate::domain::money::write_amount(out, self.0);
        out.push('"');
    }
}

impl ToJson for Ratio {
    fn write_json(&self, out: &mut String) {
        write_decimal(out, self.0.normalize());
    }
}

/// A decimal's text as a JSON string.
#[inline(never)]
fn write_decimal(out: &mut String, d: rust_decimal::Decimal) {
    out.push('"');
    let _ = crate::domain::money::write_decimal(out, d);
    out.push('"');
}

impl ToJson for NaiveDate {
    fn write_json(&self, out: &mut String) {
        use chrono::Datelike;
        let (y, m, d) = (self.year(), self.month(), self.day());
        let Ok(year @ 1000..=9999) = u16::try_from(y) else {
            return write_display(out, self);
        };
        let mut text = *b"\"0000-00-00\"";
        for (at, n, width) in [(1, u32::from(year), 4), (6, m, 2), (9, d, 2)] {
            let mut n = n;
            for i in (at..at + width).rev() {
                if let Some(b) = text.get_mut(i) {
                    // n % 10 < 10: one digit.
                    *b = b'0' + (n % 10) as u8;
                }
                n /= 10;
            }
        }
        out.push_str(std::str::from_utf8(&text).unwrap_or_default());
    }
}

/// `"YYYY-MM"`.
impl ToJson for crate::domain::calendar::BillMonth {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        out.push_str(std::str::from_utf8(&self.digits()).unwrap_or_default());
        out.push('"');
    }
}

impl ToJson for Term {
    fn write_json(&self, out: &mut String) {
        let (n, unit) = match *self {
            Term::Months(n) => (n, "M\""),
            Term::Years(n) => (n, "Y\""),
        };
        out.push('"');
        n.write_json(out);
        out.push_str(unit);
    }
}

/// `YYYY-MM-DDTHH:MM:SS`.
impl ToJson for NaiveDateTime {
    fn write_json(&self, out: &mut String) {
        write_display(out, &format_args!("{}T{}", self.date(), self.time()));
    }
}

/// An object of term → price.
impl ToJson for PriceTable {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

/// An exact ratio or period as its reduced fraction and its decimal half up to 8 places:
/// `{"fraction": "913/365", "decimal": "2.50136986"}`.
impl ToJson for Exact {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"fraction\":");
        match (
            i64::try_from(self.numerator()),
            u64::try_from(self.denominator()),
        ) {
            (Ok(n), Ok(d)) => {
                out.push('"');
                n.write_json(out);
                if d != 1 {
                    out.push('/');
                    d.write_json(out);
                }
                out.push('"');
            }
            _ => write_display(out, self),
        }
        out.push_str(",\"decimal\":");
        write_decimal(out, self.shown());
        out.push('}');
    }
}

/// The code as [`ErrorCode::as_str`] spells it (the TypeScript union is checked against it).
impl ToJson for ErrorCode {
    fn write_json(&self, out: &mut String) {
        write_str(out, self.as_str());
    }
}

impl ToJson for Error {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// A unified expiry day: its number, or `"last"`.
impl ToJson for UnifiedDay {
    fn write_json(&self, out: &mut String) {
        match self {
            UnifiedDay::Day(n) => n.write_json(out),
            UnifiedDay::Last => out.push_str("\"last\""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "plain",
            "quote \" back \\ slash /",
            "tab\tnl\ncr\r",
            "\u{1}\u{1f}\u{8}\u{c}",
            "é € 😀",
            "",
        ] {
            assert_eq!(to_text(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn whole_numbers_are_written_as_serde_json_writes_them() {
        for n in [0i64, 7, -7, 10, 1096, -100, i64::MAX, i64::MIN] {
            assert_eq!(to_text(&n), serde_json::to_string(&n).unwrap());
        }
        for n in [0u64, 9, 10, 18_446_744_073_709_551_615] {
            assert_eq!(to_text(&n), serde_json::to_string(&n).unwrap());
        }
    }
}
