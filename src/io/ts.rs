//! The TypeScript declarations of the request and answer types (`js/types.d.ts`), from the same
//! declarations their readers and writers come from: `#[derive(Ts)]` (the `billcalc-derive`
//! crate) reads the field types, `#[json(default)]` (an optional member) and the doc comments.
//! `cargo test` writes the file from the operations table's types (see `io::ops`); the test script
//! fails when the committed file differs. Here are the declarations of the scalar types.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::UnifiedDay;
use crate::domain::exact::Exact;
use crate::domain::money::{Money, Ratio};
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::ErrorCode;

/// A type with a TypeScript name and, for a type of ours, a declaration.
pub trait Ts {
    /// The type as a member names it (`Money`, `string`, `Array<Order>`, `Days | null`).
    fn name() -> String;

    /// Declare this type, and the types it names, into `file` (nothing for a built-in type).
    fn declare(_file: &mut TsFile) {}
}

/// The declarations of `js/types.d.ts`, by name.
#[derive(Default)]
pub struct TsFile {
    /// True while request types (and what they name) are declared: a member with a default is
    /// then optional (`x?: T`); in an answer every member is written (`x: T | null`).
    pub reading: bool,
    /// Each TypeScript name (read or written) and the Rust type declared under it.
    reserved: BTreeMap<(String, bool), &'static str>,
    declarations: BTreeMap<String, String>,
}

impl TsFile {
    /// True the first time `name` is reserved for the Rust type `rust`: its declaration is then
    /// written (once, even when types name each other). Two Rust types under one TypeScript name
    /// panic: one would silently lose its declaration.
    pub fn reserve(&mut self, name: &str, rust: &'static str) -> bool {
        let other = self.reserved.get(&(name.to_string(), !self.reading));
        match self
            .reserved
            .get(&(name.to_string(), self.reading))
            .or(other)
        {
            Some(&r) if r != rust => {
                panic!("{rust} and {r} are both declared as the TypeScript type {name}")
            }
            _ => self
                .reserved
                .insert((name.to_string(), self.reading), rust)
                .is_none(),
        }
    }

    /// The declaration of `name`. A type both read and written must read as it is written.
    pub fn insert(&mut self, name: &str, declaration: String) {
        if let Some(other) = self.declarations.get(name) {
            assert_eq!(
                other, &declaration,
                "{name} is read and written: its optional members make two declarations"
            );
        }
        self.declarations.insert(name.to_string(), declaration);
    }

    /// The file: every declaration, in name order.
    pub fn text(&self) -> String {
        let mut out = String::from(
            "// Generated from the Rust types' declarations (#[derive(Ts)]) by `cargo test`: edit the\n\
             // types, not this file.\n",
        );
        for declaration in self.declarations.values() {
            out.push('\n');
            out.push_str(declaration);
        }
        out
    }
}

/// A type declared by hand: `/** doc */ export type Name = definition;`.
pub(crate) fn declare_as<T: ?Sized>(file: &mut TsFile, name: &str, doc: &str, definition: &str) {
    if file.reserve(name, std::any::type_name::<T>()) {
        file.insert(
            name,
            format!("/** {doc} */\nexport type {name} = {definition};\n"),
        );
    }
}

macro_rules! builtin {
    ($ts:literal: $($t:ty),*) => {$(
        impl Ts for $t {
            fn name() -> String {
                String::from($ts)
            }
        }
    )*};
}
builtin!("string": String, &str, NaiveDate, NaiveDateTime, crate::domain::calendar::BillMonth);
builtin!("number": u8, u32, u64, usize, i32, i64);
builtin!("boolean": bool);

impl<T: Ts> Ts for Option<T> {
    fn name() -> String {
        format!("{} | null", T::name())
    }
    fn declare(file: &mut TsFile) {
        T::declare(file);
    }
}

impl<T: Ts> Ts for Vec<T> {
    fn name() -> String {
        format!("Array<{}>", T::name())
    }
    fn declare(file: &mut TsFile) {
        T::declare(file);
    }
}

/// An element read on its own ([`crate::io::read`]): typed as the element.
impl<T: Ts> Ts for crate::error::Result<T> {
    fn name() -> String {
        T::name()
    }
    fn declare(file: &mut TsFile) {
        T::declare(file);
    }
}

/// A refusal in an answer (a refused cart line): `{ code, path, message }`.
impl Ts for crate::error::Error {
    fn name() -> String {
        crate::error::Refusal::name()
    }
    fn declare(file: &mut TsFile) {
        crate::error::Refusal::declare(file);
    }
}

/// A pair, as the writer writes it: a two-element array.
impl<A: Ts, B: Ts> Ts for (A, B) {
    fn name() -> String {
        format!("[{}, {}]", A::name(), B::name())
    }
    fn declare(file: &mut TsFile) {
        A::declare(file);
        B::declare(file);
    }
}

impl<K: Ts, V: Ts> Ts for crate::domain::map::SortedMap<K, V> {
    fn name() -> String {
        format!("{{ [key in {}]?: {} }}", K::name(), V::name())
    }
    fn declare(file: &mut TsFile) {
        K::declare(file);
        V::declare(file);
    }
}

/// Types whose JSON is a string or a small shape of their own, declared by hand: the Rust type,
/// its TypeScript name and definition, its doc, and the types the definition names.
macro_rules! declared {
    ($($t:ty => $name:literal = $definition:literal, $doc:literal $(, naming $($named:ty),*)?;)*) => {$(
        impl Ts for $t {
            fn name() -> String {
                String::from($name)
            }
            fn declare(file: &mut TsFile) {
                declare_as::<Self>(file, $name, $doc, $definition);
                $($(<$named>::declare(file);)*)?
            }
        }
    )*};
}

declared! {
    Money => "Money" = "string",
        "An amount of money as a decimal string (`\"110.00\"`): at least two decimals, at most 8.";
    Ratio => "Ratio" = "string",
        "A factor or rate as a decimal string (`\"0.9\"` = 9折, `\"0.10\"`).";
    Term => "Term" = "string",
        "A prepaid term, `1M`…`120M` or `1Y`…`10Y`. Monthly and yearly terms are different products even when they last as long (`12M` is not `1Y`, 003 §3.2.7).";
    PriceTable => "PriceTable" = "{ [key in Term]?: Money }",
        "Prices of one configuration, per term (`{\"1M\": \"11\", \"1Y\": \"120\"}`).",
        naming Term, Money;
    Exact => "Fraction" = "{ fraction: string, decimal: string }",
        "A ratio or period: its exact fraction (`\"913/365\"`, a whole number as `\"2\"`) and its decimal half up to 8 places (`\"2.50136986\"`).";
    crate::domain::messages::Msg => "Message" = "{ key: string; figures: Figures }",
        "A message of the breakdown: its key (`js/messages.js` has its text in each language) and the figures its text names.",
        naming crate::domain::breakdown::Figures;
    crate::domain::breakdown::Figures => "Figures" = "{ [name: string]: string | Message }",
        "A message's figures by name: a text written as it is in every language (an amount, a date, a term), or a word or clause of its own (a message).";
    UnifiedDay => "UnifiedDay" = "number | \"last\"",
        "The unified expiry day: 1–28, or `\"last\"` (the last day of a month, 003 §3.2.2.3).";
}

impl Ts for ErrorCode {
    fn name() -> String {
        String::from("ErrorCode")
    }
    fn declare(file: &mut TsFile) {
        let codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.as_str()))
            .collect();
        let doc = "A refusal's stable code, as `ErrorCode::as_str` spells it.";
        declare_as::<Self>(file, "ErrorCode", doc, &codes.join(" | "));
    }
}

/// The declarations `#[derive(Ts)]` writes, on small types declared here (the readers and writers
/// the other derives generate are tested in `tests/derive.rs`; this one exists under `cfg(test)`
/// only, so its tests are here).
#[cfg(test)]
#[allow(dead_code)]
mod tests {
    use super::*;
    use crate::io::Ts;

    /// A request's doc,
    /// on two lines.
    #[derive(Ts)]
    struct Request {
        /// The amount paid.
        paid_cash: Money,
        note: Option<String>,
        #[json(default)]
        quantity: u32,
        #[json(default)]
        limit: Option<u32>,
        items: Vec<Item>,
        #[json(skip)]
        cache: u32,
        #[json(flatten)]
        common: Common,
        #[json(ts = "string", with = "crate::io::read::expiry")]
        expires: NaiveDateTime,
        #[json(rename = "type")]
        kind: Colour,
        r#ref: bool,
    }

    #[derive(Ts)]
    struct Item {
        name: String,
    }

    /// Shared members.
    #[derive(Ts)]
    struct Common {
        currency: String,
    }

    /// A colour.
    #[derive(Ts)]
    enum Colour {
        DarkRed,
        Blue,
        #[json(rename = "GREEN")]
        Green,
    }

    #[derive(Ts)]
    #[json(tag = "kind")]
    enum Offer {
        /// A factor.
        Rate { factor: Ratio },
        FixedPrice {
            price: Money,
            #[json(default)]
            note: Option<String>,
        },
        Bundle {
            #[json(flatten)]
            common: Common,
            #[json(skip)]
            cache: u32,
            size: u32,
        },
    }

    #[derive(Ts)]
    #[json(ts_name = "Renamed")]
    struct Named {
        /// Doc with a */ inside.
        pairs: Vec<(Term, Money)>,
    }

    /// Another type under `Item`'s TypeScript name.
    #[derive(Ts)]
    #[json(ts_name = "Item")]
    struct OtherItem {
        name: String,
    }

    fn declared<T: Ts>(reading: bool) -> String {
        let mut file = TsFile {
            reading,
            ..TsFile::default()
        };
        T::declare(&mut file);
        file.text()
    }

    /// The declaration of `name` in `text`, to its `;` line.
    fn declaration<'t>(text: &'t str, name: &str) -> &'t str {
        let head = format!("export type {name} = ");
        let start = text.find(&head).unwrap_or_else(|| panic!("{name}: {text}"));
        let start = text[..start].rfind("\n\n").map_or(0, |i| i + 2);
        let end = text[start..]
            .find(";\n\n")
            .map_or(text.len(), |i| start + i + 1);
        text[start..end].trim_end()
    }

    #[test]
    fn a_request_marks_members_with_a_default_optional() {
        let text = declared::<Request>(true);
        assert_eq!(
            declaration(&text, "Request"),
            "/** A request's doc, on two lines. */\n\
             export type Request = {\n  \
               /** The amount paid. */\n  \
               paidCash: Money;\n  \
               note?: string;\n  \
               quantity?: number;\n  \
               limit?: number;\n  \
               items: Array<Item>;\n  \
               expires: string;\n  \
               type: Colour;\n  \
               ref: boolean;\n\
             } & Common;"
        );
        // The types it names are declared with it, each once.
        assert_eq!(
            declaration(&text, "Colour"),
            "/** A colour. */\nexport type Colour = \"darkRed\" | \"blue\" | \"GREEN\";"
        );
        assert_eq!(
            declaration(&text, "Common"),
            "/** Shared members. */\nexport type Common = {\n  currency: string;\n};"
        );
        assert_eq!(
            declaration(&text, "Item"),
            "export type Item = {\n  name: string;\n};"
        );
        assert!(text.contains("export type Money = string;\n"), "{text}");
        assert_eq!(text.matches("export type ").count(), 5, "{text}");
    }

    #[test]
    fn an_answer_has_every_member_an_option_may_be_null() {
        let text = declared::<Request>(false);
        let request = declaration(&text, "Request");
        for line in [
            "  note: string | null;\n",
            "  quantity: number;\n",
            "  limit: number | null;\n",
        ] {
            assert!(request.contains(line), "{line}: {request}");
        }
        assert!(!request.contains('?'), "{request}");
        assert!(!request.contains("cache"), "{request}");
    }

    #[test]
    fn a_tagged_enum_is_a_union_of_objects() {
        let text = declared::<Offer>(true);
        assert_eq!(
            declaration(&text, "Offer"),
            "export type Offer = ({\n  \
               kind: \"rate\";\n  \
               factor: Ratio;\n\
             }) | ({\n  \
               kind: \"fixedPrice\";\n  \
               price: Money;\n  \
               note?: string;\n\
             }) | ({\n  \
               kind: \"bundle\";\n  \
               size: number;\n\
             } & Common);"
        );
        assert!(text.contains("export type Ratio = string;\n"), "{text}");
    }

    #[test]
    fn a_type_may_take_another_typescript_name() {
        let text = declared::<Named>(true);
        assert_eq!(
            declaration(&text, "Renamed"),
            "export type Renamed = {\n  \
               /** Doc with a *\\/ inside. */\n  \
               pairs: Array<[Term, Money]>;\n\
             };"
        );
        assert!(!text.contains("Named ="), "{text}");
    }

    #[test]
    #[should_panic(expected = "are both declared as the TypeScript type Item")]
    fn two_types_under_one_typescript_name_are_refused() {
        let mut file = TsFile::default();
        Item::declare(&mut file);
        OtherItem::declare(&mut file);
    }

    #[test]
    #[should_panic(expected = "Request is read and written: its optional members make two")]
    fn a_type_read_and_written_must_read_as_it_is_written() {
        let mut file = TsFile {
            reading: true,
            ..TsFile::default()
        };
        Request::declare(&mut file);
        file.reading = false;
        Request::declare(&mut file);
    }
}
