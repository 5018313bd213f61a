//! Writing answers as JSON text: the same text serde_json writes for the types' `Serialize` form
//! (camelCase members in declaration order, `null` for an absent value, amounts as strings), by
//! plain non-generic code. Each answer type declares its writer next to it with [`to_json!`]
//! (structs) or [`enum_from_json!`](crate::enum_from_json) (unit enums, which read and write
//! themselves). The derived `Serialize` stays for the CLI's JSON values and the TypeScript types;
//! `tests/golden.rs` checks that both give the same text on every vector's answer.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};

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

/// A member's name, `quoted` as [`quoted_camel!`] gives it, then `:`.
#[inline(never)]
pub fn write_key(out: &mut String, quoted: &str) {
    out.push_str(quoted);
    out.push(':');
}

/// The camelCase form of a Rust name, in JSON quotes, as a `&'static str` computed at compile time
/// (`paid_cash` → `"paidCash"`, `InUse` → `"inUse"`): the answers' member and variant names, so
/// that writing one is a copy. The rule is the readers' [`crate::io::input::camel_byte`].
#[macro_export]
macro_rules! quoted_camel {
    ($rust:expr) => {{
        const RUST: &str = $rust;
        const CAPACITY: usize = RUST.len() + 2;
        const BYTES: ([u8; CAPACITY], usize) =
            $crate::io::output::quoted_camel_bytes::<CAPACITY>(RUST);
        const USED: &[u8] = BYTES.0.split_at(BYTES.1).0;
        #[allow(clippy::panic)] // compile time: a failure stops the build
        const TEXT: &str = match ::core::str::from_utf8(USED) {
            Ok(text) => text,
            Err(_) => panic!("a Rust name is ASCII"),
        };
        TEXT
    }};
}

/// The bytes of [`quoted_camel!`] and how many of the `N` (the name's length + 2) are used.
/// Evaluated at compile time only: an index out of range stops the build.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn quoted_camel_bytes<const N: usize>(rust: &str) -> ([u8; N], usize) {
    let name = rust.as_bytes();
    let mut out = [b'"'; N];
    let (mut i, mut used, mut upper) = (0, 1, false);
    while i < name.len() {
        let c = name[i];
        if c == b'_' {
            upper = true;
        } else {
            out[used] = crate::io::input::camel_byte(c, i == 0, upper);
            used += 1;
            upper = false;
        }
        i += 1;
    }
    (out, used + 1)
}

/// A unit variant's name, `quoted` as [`quoted_camel!`] gives it.
#[inline(never)]
pub fn write_variant(out: &mut String, quoted: &str) {
    out.push_str(quoted);
}

/// A value's `Display` text as a JSON string (amounts, terms, dates).
#[inline(never)]
pub fn write_display(out: &mut String, value: &dyn std::fmt::Display) {
    // Displayed values here are digits, signs, letters and `.`, `-`, `:`, `T`: nothing to escape.
    out.push('"');
    let _ = write!(out, "{value}");
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
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
fn write_whole(out: &mut String, negative: bool, mut n: u64) {
    if negative {
        out.push('-');
    }
    // Filled from the end: `start` is where the digits begin.
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while let Some(d) = start.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        // n % 10 < 10: one digit.
        *d = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default());
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

impl<K: std::fmt::Display, V: ToJson> ToJson for BTreeMap<K, V> {
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

/// `YYYY-MM-DD`.
pub fn write_ymd(date: &NaiveDate, out: &mut String) {
    write_display(out, date);
}

/// `YYYY-MM-DD` or `null`.
pub fn write_ymd_opt(date: &Option<NaiveDate>, out: &mut String) {
    match date {
        Some(d) => write_display(out, d),
        None => out.push_str("null"),
    }
}

/// `YYYY-MM-DDTHH:MM:SS` or `null`.
pub fn write_datetime_opt(at: &Option<NaiveDateTime>, out: &mut String) {
    match at {
        Some(d) => write_display(out, &format_args!("{}T{}", d.date(), d.time())),
        None => out.push_str("null"),
    }
}

/// Implement [`ToJson`] for a struct written as an object of its fields (camelCase, in order).
/// Each field is one of:
/// - `name`: written by the field type's [`ToJson`];
/// - `name: with(writer)`: written by `writer(&value, out)`;
/// - `name: flatten`: the field's own members, written into this object;
/// - `name: skip`: not written.
///
/// `omitted_when(flag)` after the type's name: a member of this type is left out of its object
/// when the bool field `flag` is true.
#[macro_export]
macro_rules! to_json {
    ($t:ident $(omitted_when($flag:ident))? { $($field:ident $(: $how:ident $(($arg:expr))?)?),* $(,)? }) => {
        impl $crate::io::output::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                out.push('{');
                self.write_members(out);
                out.push('}');
            }
            $(
                fn omitted(&self) -> bool {
                    self.$flag
                }
            )?
        }
        impl $t {
            /// The members of this object's JSON text, without braces.
            #[allow(unused_assignments)]
            pub(crate) fn write_members(&self, out: &mut String) {
                // Every field is listed (this pattern has no `..`): a field added to the struct
                // and not here fails to compile.
                let $t { $($field: _),* } = self;
                let mut first = true;
                $($crate::to_json!(@field self, out, first, $field $(, $how $(, $arg)?)?);)*
            }
        }
    };
    (@field $s:ident, $o:ident, $first:ident, $f:ident) => {
        if !$crate::io::output::ToJson::omitted(&$s.$f) {
            if !$first { $o.push(','); }
            $first = false;
            $crate::io::output::write_key($o, $crate::quoted_camel!(stringify!($f)));
            $crate::io::output::ToJson::write_json(&$s.$f, $o);
        }
    };
    (@field $s:ident, $o:ident, $first:ident, $f:ident, with, $w:expr) => {
        if !$first { $o.push(','); }
        $first = false;
        $crate::io::output::write_key($o, $crate::quoted_camel!(stringify!($f)));
        $w(&$s.$f, $o);
    };
    (@field $s:ident, $o:ident, $first:ident, $f:ident, skip) => {};
    (@field $s:ident, $o:ident, $first:ident, $f:ident, flatten) => {
        if !$first { $o.push(','); }
        $first = false;
        $s.$f.write_members($o);
    };
}

/// An exact ratio or period as its reduced fraction and its decimal half up to 8 places:
/// `{"fraction": "913/365", "decimal": "2.50136986"}`.
impl ToJson for crate::domain::exact::Exact {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"fraction\":");
        write_display(out, self);
        out.push_str(",\"decimal\":");
        write_display(out, &self.shown());
        out.push('}');
    }
}

impl serde::Serialize for crate::domain::exact::Exact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut o = s.serialize_struct("Fraction", 2)?;
        o.serialize_field("fraction", &self.to_string())?;
        o.serialize_field("decimal", &self.shown().to_string())?;
        o.end()
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

    #[test]
    fn keys_are_camel_case() {
        let mut out = String::new();
        write_key(&mut out, crate::quoted_camel!("pay_as_you_go_price"));
        assert_eq!(out, "\"payAsYouGoPrice\":");
        assert_eq!(crate::quoted_camel!("InUse"), "\"inUse\"");
        assert_eq!(crate::quoted_camel!("date"), "\"date\"");
        assert_eq!(crate::quoted_camel!("days_3"), "\"days3\"");
        // The rule the readers' messages use.
        for (quoted, rust) in [
            (crate::quoted_camel!("paid_cash"), "paid_cash"),
            (crate::quoted_camel!("HkDomain"), "HkDomain"),
            (crate::quoted_camel!("a_b_c"), "a_b_c"),
        ] {
            let mut camel = String::from("\"");
            crate::io::input::push_camel(&mut camel, rust);
            camel.push('"');
            assert_eq!(quoted, camel);
        }
    }
}
