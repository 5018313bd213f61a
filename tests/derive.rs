//! The readers and writers `#[derive(FromJson)]` and `#[derive(ToJson)]` generate (the
//! `billcalc-derive` crate), on small types declared here: what a reader accepts, what it refuses
//! with which code, path and message, and what a writer writes.
//!
//! The generated code names `crate::io::read`, `crate::io::write` and `crate::error` (it is meant
//! for billcalc's own types), so this test crate has those two modules, re-exporting billcalc's.
//! `#[derive(Ts)]` names `crate::io::ts`, which billcalc has under `cfg(test)` only: the
//! TypeScript declarations are tested in billcalc's unit tests (`io::ts`).

use billcalc::io::json::parse_syntax;
use billcalc::io::read::{from_value, read_json, read_text, At, FromJson};
use billcalc::io::write::{to_text, ToJson};
use billcalc::{ErrorCode, Money};

/// What the generated code calls, at the paths it calls them by.
mod io {
    pub use billcalc::io::{read, write};
}
mod error {
    pub use billcalc::error::*;
}

// ---------- the types ----------

/// Plain required members of several JSON types.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Plain {
    paid_cash: Money,
    quantity: u32,
    name: String,
    active: bool,
}

fn three() -> u32 {
    3
}

fn some_seven() -> Option<u32> {
    Some(7)
}

/// Members that may be left out.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Optional {
    /// An `Option` is optional without an attribute.
    note: Option<String>,
    #[json(default)]
    quantity: u32,
    #[json(default = "three")]
    count: u32,
    #[json(default = "some_seven")]
    limit: Option<u32>,
    #[json(default)]
    tags: Vec<String>,
    #[json(default)]
    colour: Colour,
}

/// A unit enum: a JSON string, its variants in camelCase unless renamed.
#[derive(Debug, Clone, Copy, Default, PartialEq, FromJson, ToJson)]
enum Colour {
    #[default]
    DarkRed,
    Blue,
    #[json(rename = "GREEN")]
    Green,
}

#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Item {
    name: String,
    price: Money,
}

#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Owner {
    name: String,
    colour: Option<Colour>,
}

/// Nested objects, arrays of objects, an optional object.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Cart {
    owner: Owner,
    items: Vec<Item>,
    backup_owner: Option<Owner>,
}

/// Members shared by requests, flattened into them.
#[derive(Debug, Clone, Default, PartialEq, FromJson, ToJson)]
struct Common {
    currency: String,
    #[json(default)]
    exact: bool,
}

#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Priced {
    amount: Money,
    #[json(flatten)]
    common: Common,
    after: Option<u32>,
}

/// A flattened type first: the writer's commas must still come out right.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct FlatFirst {
    #[json(flatten)]
    common: Common,
}

/// A percentage written `"12%"`: a `with` reader and writer.
mod percent {
    use billcalc::io::read::At;
    use billcalc::{Error, ErrorCode, Result};

    pub fn read(at: At<'_>) -> Result<Option<u32>> {
        match at.json {
            billcalc::io::json::Json::Null => Ok(None),
            _ => {
                let text = at.str("a percentage such as \"12%\"")?;
                text.strip_suffix('%')
                    .and_then(|n| n.parse().ok())
                    .map(Some)
                    .ok_or_else(|| {
                        Error::new(ErrorCode::InvalidNumber, at.path(), "not a percentage")
                    })
            }
        }
    }

    pub fn write(value: &Option<u32>, out: &mut String) {
        match value {
            Some(n) => out.push_str(&format!("\"{n}%\"")),
            None => out.push_str("null"),
        }
    }
}

/// `rename`, `skip`, `with`, and a raw identifier.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
struct Attributes {
    #[json(rename = "type")]
    kind: String,
    r#ref: String,
    #[json(skip)]
    cache: u32,
    /// An `Option` read by `with` is required (the reader decides what `null` is).
    #[json(with = "percent")]
    share: Option<u32>,
}

/// An enum of struct variants, tagged by a member.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
#[json(tag = "kind")]
enum Offer {
    Rate {
        factor: billcalc::domain::money::Ratio,
    },
    FixedPrice {
        price: Money,
        #[json(default)]
        note: Option<String>,
    },
    #[json(rename = "free")]
    Gift {},
    /// Flattened and skipped fields in a variant, as in a struct.
    Bundle {
        #[json(flatten)]
        common: Common,
        #[json(skip)]
        cache: u32,
        size: u32,
    },
}

#[derive(Debug, Clone, PartialEq, FromJson)]
struct Offers {
    offers: Vec<Offer>,
}

/// A member left out of its object when it says so (`omit_if`).
#[derive(Debug, Clone, PartialEq, ToJson)]
#[json(omit_if = "is_empty")]
struct Extra {
    notes: Vec<String>,
}

impl Extra {
    fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, ToJson)]
struct Answer {
    extra: Extra,
    total: Money,
    more: Extra,
}

/// Elements read on their own: a refused element is kept, with its path.
#[derive(Debug, FromJson)]
struct Lines {
    items: Vec<billcalc::Result<Item>>,
}

// ---------- helpers ----------

fn read<T: FromJson>(text: &str) -> T {
    read_text(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The refusal of `text` as `(code, path, message)`.
fn refusal<T: FromJson + std::fmt::Debug>(text: &str) -> (ErrorCode, String, String) {
    let e = read_text::<T>(text).expect_err(text);
    (e.code, e.path.clone(), e.message.clone())
}

fn money(s: &str) -> Money {
    Money::new(s.parse::<rust_decimal::Decimal>().unwrap())
}

const PLAIN: &str = r#"{"paidCash":"110.00","quantity":3,"name":"a","active":true}"#;

fn plain(members: &str) -> String {
    format!(r#"{{"paidCash":"110.00","quantity":3,"name":"a","active":true{members}}}"#)
}

// ---------- what is accepted ----------

#[test]
fn plain_members_are_read_by_their_camel_case_names() {
    assert_eq!(
        read::<Plain>(PLAIN),
        Plain {
            paid_cash: money("110"),
            quantity: 3,
            name: "a".into(),
            active: true,
        }
    );
    // In any order, with any white space.
    let shuffled = r#"{ "active" : false , "name":"b","quantity":0,"paidCash":110.5 }"#;
    let p = read::<Plain>(shuffled);
    assert_eq!((p.paid_cash, p.active), (money("110.5"), false));
    // The same through a serde_json value.
    let v =
        serde_json::json!({"paidCash": "1", "quantity": 4294967295u32, "name": "", "active": true});
    assert_eq!(from_value::<Plain>(v).unwrap().quantity, u32::MAX);
}

#[test]
fn left_out_members_take_their_defaults() {
    assert_eq!(
        read::<Optional>("{}"),
        Optional {
            note: None,
            quantity: 0,
            count: 3,
            limit: Some(7),
            tags: vec![],
            colour: Colour::DarkRed,
        }
    );
    let given = r#"{"note":"n","quantity":5,"count":6,"limit":8,"tags":["x","y"],"colour":"blue"}"#;
    assert_eq!(
        read::<Optional>(given),
        Optional {
            note: Some("n".into()),
            quantity: 5,
            count: 6,
            limit: Some(8),
            tags: vec!["x".into(), "y".into()],
            colour: Colour::Blue,
        }
    );
}

/// `null` is what the member's type reads it as: `None` for an `Option`, a refusal for any other
/// type, even one with a default. It is never the same as leaving the member out: a
/// `default = "…"` `Option` member given `null` is `None`, not its default.
#[test]
fn null_is_none_for_an_option_and_refused_for_anything_else() {
    let o = read::<Optional>(r#"{"note":null}"#);
    assert_eq!(o.note, None);
    let o = read::<Optional>(r#"{"limit":null}"#);
    assert_eq!(o.limit, None, "null is None, not the default Some(7)");
    let refused = [
        (
            r#"{"quantity":null}"#,
            "quantity",
            "expected a whole number, got null",
        ),
        (
            r#"{"count":null}"#,
            "count",
            "expected a whole number, got null",
        ),
        (r#"{"tags":null}"#, "tags", "expected an array, got null"),
        (
            r#"{"colour":null}"#,
            "colour",
            "expected one of `darkRed`, `blue`, `GREEN`, got null",
        ),
    ];
    for (text, path, message) in refused {
        assert_eq!(
            refusal::<Optional>(text),
            (ErrorCode::InvalidInput, path.into(), message.into()),
            "{text}"
        );
    }
    // A required member given null is of the wrong type, not missing.
    assert_eq!(
        refusal::<Plain>(r#"{"paidCash":"1","quantity":1,"name":null,"active":true}"#),
        (
            ErrorCode::InvalidInput,
            "name".into(),
            "expected a string, got null".into()
        )
    );
    assert_eq!(
        refusal::<Plain>(r#"{"paidCash":null,"quantity":1,"name":"a","active":true}"#).0,
        ErrorCode::InvalidInput
    );
    // An optional object given null is None; the request itself null is refused.
    let cart = read::<Cart>(r#"{"owner":{"name":"o"},"items":[],"backupOwner":null}"#);
    assert_eq!(cart.backup_owner, None);
    assert_eq!(
        refusal::<Plain>("null"),
        (
            ErrorCode::InvalidInput,
            String::new(),
            "expected an object, got null".into()
        )
    );
}

#[test]
fn nested_objects_and_arrays_are_read() {
    let text = r#"{"owner":{"name":"o","colour":"GREEN"},"items":[{"name":"a","price":"1"},{"name":"b","price":2.5}],"backupOwner":{"name":"p"}}"#;
    assert_eq!(
        read::<Cart>(text),
        Cart {
            owner: Owner {
                name: "o".into(),
                colour: Some(Colour::Green),
            },
            items: vec![
                Item {
                    name: "a".into(),
                    price: money("1"),
                },
                Item {
                    name: "b".into(),
                    price: money("2.5"),
                },
            ],
            backup_owner: Some(Owner {
                name: "p".into(),
                colour: None,
            }),
        }
    );
}

#[test]
fn flattened_members_are_read_from_the_same_object() {
    assert_eq!(
        read::<Priced>(r#"{"currency":"EUR","amount":"5","exact":true}"#),
        Priced {
            amount: money("5"),
            common: Common {
                currency: "EUR".into(),
                exact: true,
            },
            after: None,
        }
    );
    assert_eq!(
        refusal::<Priced>(r#"{"amount":"5"}"#),
        (
            ErrorCode::MissingField,
            "currency".into(),
            "missing field `currency`".into()
        )
    );
    // The unknown member's message lists the flattened type's members too.
    assert_eq!(
        refusal::<Priced>(r#"{"amount":"5","currency":"EUR","common":{}}"#),
        (
            ErrorCode::UnknownField,
            "common".into(),
            "unknown field `common`, expected one of `amount`, `after`, `currency`, `exact`".into()
        )
    );
    assert_eq!(
        read::<FlatFirst>(r#"{"currency":"X"}"#).common.currency,
        "X"
    );
}

#[test]
fn rename_skip_with_and_raw_identifiers() {
    let a = read::<Attributes>(r#"{"type":"t","ref":"r","share":"12%"}"#);
    assert_eq!(
        a,
        Attributes {
            kind: "t".into(),
            r#ref: "r".into(),
            cache: 0,
            share: Some(12),
        }
    );
    assert_eq!(
        read::<Attributes>(r#"{"type":"t","ref":"r","share":null}"#).share,
        None
    );
    let refused = [
        // The Rust name of a renamed field is unknown.
        (
            r#"{"kind":"t","ref":"r","share":null}"#,
            ErrorCode::UnknownField,
            "kind",
            "unknown field `kind`, expected one of `type`, `ref`, `share`",
        ),
        // A skipped field is no member.
        (
            r#"{"type":"t","ref":"r","share":null,"cache":1}"#,
            ErrorCode::UnknownField,
            "cache",
            "unknown field `cache`, expected one of `type`, `ref`, `share`",
        ),
        // An `Option` read by `with` is required.
        (
            r#"{"type":"t","ref":"r"}"#,
            ErrorCode::MissingField,
            "share",
            "missing field `share`",
        ),
        // The `with` reader's own refusal, at the member.
        (
            r#"{"type":"t","ref":"r","share":"12"}"#,
            ErrorCode::InvalidNumber,
            "share",
            "not a percentage",
        ),
    ];
    for (text, code, path, message) in refused {
        assert_eq!(
            refusal::<Attributes>(text),
            (code, path.into(), message.into()),
            "{text}"
        );
    }
}

#[test]
fn unit_enums_read_their_camel_case_spelling_or_their_rename() {
    let read_colour = |text: &str| read_text::<Colour>(text);
    assert_eq!(read_colour("\"darkRed\"").unwrap(), Colour::DarkRed);
    assert_eq!(read_colour("\"blue\"").unwrap(), Colour::Blue);
    assert_eq!(read_colour("\"GREEN\"").unwrap(), Colour::Green);
    let expected = "expected one of `darkRed`, `blue`, `GREEN`";
    for (text, message) in [
        (
            "\"DarkRed\"",
            format!("unknown variant `DarkRed`, {expected}"),
        ),
        (
            "\"dark_red\"",
            format!("unknown variant `dark_red`, {expected}"),
        ),
        ("\"green\"", format!("unknown variant `green`, {expected}")),
        ("\"\"", format!("unknown variant ``, {expected}")),
        ("1", format!("{expected}, got a number")),
        ("{}", format!("{expected}, got an object")),
    ] {
        let e = read_colour(text).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str(), e.message.as_str()),
            (ErrorCode::InvalidInput, "", message.as_str()),
            "{text}"
        );
    }
    // The path of a variant inside a request.
    assert_eq!(
        refusal::<Cart>(r#"{"owner":{"name":"o","colour":"red"},"items":[]}"#).1,
        "owner.colour"
    );
    // json_name: the spelling, for messages.
    assert_eq!(
        [Colour::DarkRed, Colour::Blue, Colour::Green].map(|c| c.json_name()),
        ["darkRed", "blue", "GREEN"]
    );
}

#[test]
fn tagged_enums_read_the_variant_their_tag_names() {
    let text = r#"{"offers":[{"kind":"rate","factor":"0.9"},{"price":"10","kind":"fixedPrice"},{"kind":"free"},{"size":3,"kind":"bundle","currency":"X"}]}"#;
    let offers = read::<Offers>(text).offers;
    assert_eq!(
        offers,
        vec![
            Offer::Rate {
                factor: billcalc::domain::money::Ratio("0.9".parse().unwrap())
            },
            Offer::FixedPrice {
                price: money("10"),
                note: None
            },
            Offer::Gift {},
            Offer::Bundle {
                common: Common {
                    currency: "X".into(),
                    exact: false,
                },
                cache: 0,
                size: 3,
            },
        ]
    );
    let expected = "expected one of `rate`, `fixedPrice`, `free`, `bundle`";
    let refused = [
        (
            r#"{"offers":[{"factor":"0.9"}]}"#,
            ErrorCode::MissingField,
            "offers[0].kind",
            "missing field `kind`".to_string(),
        ),
        (
            r#"{"offers":[{"kind":"Rate","factor":"0.9"}]}"#,
            ErrorCode::InvalidInput,
            "offers[0].kind",
            format!("unknown variant `Rate`, {expected}"),
        ),
        (
            r#"{"offers":[{"kind":"gift"}]}"#,
            ErrorCode::InvalidInput,
            "offers[0].kind",
            format!("unknown variant `gift`, {expected}"),
        ),
        (
            r#"{"offers":[{"kind":null}]}"#,
            ErrorCode::InvalidInput,
            "offers[0].kind",
            format!("{expected}, got null"),
        ),
        // A member of another variant is unknown to this one.
        (
            r#"{"offers":[{"kind":"rate","factor":"0.9","price":"1"}]}"#,
            ErrorCode::UnknownField,
            "offers[0].price",
            "unknown field `price`, expected one of `kind`, `factor`".to_string(),
        ),
        (
            r#"{"offers":[{"kind":"free","factor":"0.9"}]}"#,
            ErrorCode::UnknownField,
            "offers[0].factor",
            "unknown field `factor`, expected one of `kind`".to_string(),
        ),
        (
            r#"{"offers":[{"kind":"rate"},{"kind":"rate"}]}"#,
            ErrorCode::MissingField,
            "offers[0].factor",
            "missing field `factor`".to_string(),
        ),
        (
            r#"{"offers":["rate"]}"#,
            ErrorCode::InvalidInput,
            "offers[0]",
            "expected an object, got the string \"rate\"".to_string(),
        ),
        (
            r#"{"offers":[{"kind":"bundle","size":1,"cache":2,"currency":"X"}]}"#,
            ErrorCode::UnknownField,
            "offers[0].cache",
            "unknown field `cache`, expected one of `kind`, `size`, `currency`, `exact`"
                .to_string(),
        ),
        (
            r#"{"offers":[{"kind":"bundle","size":1}]}"#,
            ErrorCode::MissingField,
            "offers[0].currency",
            "missing field `currency`".to_string(),
        ),
    ];
    for (text, code, path, message) in refused {
        assert_eq!(
            refusal::<Offers>(text),
            (code, path.into(), message),
            "{text}"
        );
    }
}

// ---------- what is refused ----------

#[test]
fn an_unknown_member_is_refused_at_its_path() {
    let expected = "expected one of `paidCash`, `quantity`, `name`, `active`";
    assert_eq!(
        refusal::<Plain>(&plain(r#","colour":"red""#)),
        (
            ErrorCode::UnknownField,
            "colour".into(),
            format!("unknown field `colour`, {expected}")
        )
    );
    // The Rust spelling is not the JSON one.
    assert_eq!(
        refusal::<Plain>(r#"{"paid_cash":"1","quantity":3,"name":"a","active":true}"#),
        (
            ErrorCode::UnknownField,
            "paid_cash".into(),
            format!("unknown field `paid_cash`, {expected}")
        )
    );
    // An unknown member is refused before a missing one is looked for.
    assert_eq!(refusal::<Plain>(r#"{"x":1}"#).0, ErrorCode::UnknownField);
    // Below the root: in an object, in an array's element.
    let cart = r#"{"owner":{"name":"o","age":3},"items":[]}"#;
    assert_eq!(refusal::<Cart>(cart).1, "owner.age");
    let cart = r#"{"owner":{"name":"o"},"items":[{"name":"a","price":"1"},{"name":"b","price":"1","qty":2}]}"#;
    assert_eq!(
        refusal::<Cart>(cart),
        (
            ErrorCode::UnknownField,
            "items[1].qty".into(),
            "unknown field `qty`, expected one of `name`, `price`".into()
        )
    );
    // An object with only default members still refuses others.
    assert_eq!(
        refusal::<Optional>(r#"{"Note":"n"}"#).0,
        ErrorCode::UnknownField
    );
}

#[test]
fn a_missing_required_member_is_refused_at_its_path() {
    assert_eq!(
        refusal::<Plain>(r#"{"paidCash":"1","name":"a","active":true}"#),
        (
            ErrorCode::MissingField,
            "quantity".into(),
            "missing field `quantity`".into()
        )
    );
    // The first missing in declaration order.
    assert_eq!(refusal::<Plain>("{}").1, "paidCash");
    assert_eq!(
        refusal::<Cart>(r#"{"owner":{},"items":[]}"#),
        (
            ErrorCode::MissingField,
            "owner.name".into(),
            "missing field `name`".into()
        )
    );
    assert_eq!(
        refusal::<Cart>(
            r#"{"owner":{"name":"o"},"items":[{"name":"a","price":"1"},{"name":"b"}]}"#
        )
        .1,
        "items[1].price"
    );
    assert_eq!(
        refusal::<Cart>(r#"{"owner":{"name":"o"}}"#).1,
        "items",
        "a Vec without #[json(default)] is required"
    );
}

#[test]
fn a_member_given_twice_is_refused_at_its_second_occurrence() {
    assert_eq!(
        refusal::<Plain>(&plain(r#","name":"b""#)),
        (
            ErrorCode::InvalidInput,
            "name".into(),
            "duplicate field `name`".into()
        )
    );
    let cart = r#"{"owner":{"name":"o"},"items":[{"name":"a","price":"1"},{"name":"b","price":"1","price":"2"}]}"#;
    assert_eq!(
        refusal::<Cart>(cart),
        (
            ErrorCode::InvalidInput,
            "items[1].price".into(),
            "duplicate field `price`".into()
        )
    );
    // Before anything else: even an unknown member given twice is a repeat first.
    assert_eq!(
        refusal::<Plain>(&plain(r#","x":1,"x":2"#)).2,
        "duplicate field `x`"
    );
    // Also when the two would read the same: the request is ambiguous as written.
    assert_eq!(
        refusal::<Plain>(&plain(r#","active":true"#)).0,
        ErrorCode::InvalidInput
    );
    // The generated reader alone does not look for repeats (`read_text` does, through
    // `parse_text`): over a tree kept with its repeats, the first occurrence is read.
    let text = plain(r#","name":"b""#);
    let tree = parse_syntax(&text).unwrap();
    assert_eq!(read_json::<Plain>(&tree).unwrap().name, "a");
}

#[test]
fn a_value_of_the_wrong_json_type_is_refused_at_its_path() {
    let refused = [
        (
            r#"{"paidCash":"1","quantity":"3","name":"a","active":true}"#,
            "quantity",
            "expected a whole number, got the string \"3\"",
        ),
        (
            r#"{"paidCash":"1","quantity":3,"name":1,"active":true}"#,
            "name",
            "expected a string, got a number",
        ),
        (
            r#"{"paidCash":"1","quantity":3,"name":"a","active":"true"}"#,
            "active",
            "expected true or false, got the string \"true\"",
        ),
        (
            r#"{"paidCash":true,"quantity":3,"name":"a","active":true}"#,
            "paidCash",
            "expected a decimal string such as \"110.00\", got true",
        ),
        (
            r#"{"paidCash":[],"quantity":3,"name":"a","active":true}"#,
            "paidCash",
            "expected a decimal string such as \"110.00\", got an array",
        ),
        ("[]", "", "expected an object, got an array"),
        ("\"x\"", "", "expected an object, got the string \"x\""),
    ];
    for (text, path, message) in refused {
        assert_eq!(
            refusal::<Plain>(text),
            (ErrorCode::InvalidInput, path.into(), message.into()),
            "{text}"
        );
    }
    let cart = r#"{"owner":{"name":"o"},"items":{}}"#;
    assert_eq!(
        refusal::<Cart>(cart),
        (
            ErrorCode::InvalidInput,
            "items".into(),
            "expected an array, got an object".into()
        )
    );
    let cart = r#"{"owner":{"name":"o"},"items":[{"name":"a","price":"1"},7]}"#;
    assert_eq!(
        refusal::<Cart>(cart),
        (
            ErrorCode::InvalidInput,
            "items[1]".into(),
            "expected an object, got a number".into()
        )
    );
}

/// Whole numbers are read exactly as written: no fraction, no exponent, no sign, no overflow.
/// Money from a number only when a JS number holds it exactly; never NaN or an infinity (JSON
/// has none, and serde_json turns them into `null`).
#[test]
fn numbers_are_read_exactly_or_refused() {
    let quantity = |n: &str| {
        read_text::<Plain>(&format!(
            r#"{{"paidCash":"1","quantity":{n},"name":"a","active":true}}"#
        ))
        .map(|p| p.quantity)
        .map_err(|e| (e.code, e.path.clone(), e.message.clone()))
    };
    assert_eq!(quantity("0"), Ok(0));
    assert_eq!(quantity("4294967295"), Ok(u32::MAX));
    for n in [
        "4294967296",
        "-1",
        "-0",
        "1.0",
        "1e3",
        "0.5",
        "18446744073709551616",
    ] {
        assert_eq!(
            quantity(n),
            Err((
                ErrorCode::InvalidInput,
                "quantity".into(),
                format!("expected a whole number from 0 to 4294967295, got {n}")
            )),
            "{n}"
        );
    }
    let cash = |v: &str| {
        read_text::<Plain>(&format!(
            r#"{{"paidCash":{v},"quantity":1,"name":"a","active":true}}"#
        ))
        .map(|p| p.paid_cash)
        .map_err(|e| (e.code, e.path.clone()))
    };
    assert_eq!(cash("110.25"), Ok(money("110.25")));
    assert_eq!(cash("\"0.1\""), Ok(money("0.1")));
    assert_eq!(
        cash("0.1"),
        Err((ErrorCode::InvalidMoney, "paidCash".into()))
    );
    assert_eq!(
        cash("\"-1\""),
        Err((ErrorCode::NegativeMoney, "paidCash".into()))
    );
    // Not JSON: refused by the syntax, at the request.
    for v in ["NaN", "Infinity", "-Infinity", "1e", ".5", "01"] {
        let e = cash(v).unwrap_err();
        assert_eq!(e, (ErrorCode::InvalidInput, String::new()), "{v}");
    }
    let v = serde_json::json!({"paidCash": f64::NAN, "quantity": 1, "name": "a", "active": true});
    let e = from_value::<Plain>(v).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str(), e.message.as_str()),
        (
            ErrorCode::InvalidInput,
            "paidCash",
            "expected a decimal string such as \"110.00\", got null"
        )
    );
}

#[test]
fn a_refused_element_read_on_its_own_is_kept_with_its_path() {
    let lines = read::<Lines>(
        r#"{"items":[{"name":"a","price":"1"},{"name":"b","price":"x"},{"name":"c"}]}"#,
    );
    let codes: Vec<Result<String, (ErrorCode, String)>> = lines
        .items
        .into_iter()
        .map(|r| r.map(|i| i.name).map_err(|e| (e.code, e.path.clone())))
        .collect();
    assert_eq!(
        codes,
        vec![
            Ok("a".into()),
            Err((ErrorCode::InvalidMoney, "items[1].price".into())),
            Err((ErrorCode::MissingField, "items[2].price".into())),
        ]
    );
    // The request's own shape is still refused as a whole.
    assert!(read_text::<Lines>(r#"{"items":{}}"#).is_err());
}

// ---------- what is written ----------

#[test]
fn writers_write_camel_case_members_in_declaration_order() {
    let p = read::<Plain>(r#"{"active":true,"name":"a \"q\"\n","quantity":3,"paidCash":"110"}"#);
    assert_eq!(
        to_text(&p),
        r#"{"paidCash":"110.00","quantity":3,"name":"a \"q\"\n","active":true}"#
    );
    // What is written reads back as the same value.
    assert_eq!(read::<Plain>(&to_text(&p)), p);
}

#[test]
fn an_absent_option_is_written_as_null_never_left_out() {
    let o = read::<Optional>("{}");
    assert_eq!(
        to_text(&o),
        r#"{"note":null,"quantity":0,"count":3,"limit":7,"tags":[],"colour":"darkRed"}"#
    );
    let o = read::<Optional>(r#"{"limit":null,"colour":"GREEN"}"#);
    let text = to_text(&o);
    assert_eq!(
        text,
        r#"{"note":null,"quantity":0,"count":3,"limit":null,"tags":[],"colour":"GREEN"}"#
    );
    assert_eq!(read::<Optional>(&text), o);
}

#[test]
fn nested_flattened_renamed_and_skipped_members_are_written() {
    let cart = read::<Cart>(
        r#"{"owner":{"name":"o"},"items":[{"name":"a","price":"1.5"}],"backupOwner":{"name":"p","colour":"blue"}}"#,
    );
    assert_eq!(
        to_text(&cart),
        r#"{"owner":{"name":"o","colour":null},"items":[{"name":"a","price":"1.50"}],"backupOwner":{"name":"p","colour":"blue"}}"#
    );
    let priced = read::<Priced>(r#"{"amount":"5","currency":"EUR","after":2}"#);
    assert_eq!(
        to_text(&priced),
        r#"{"amount":"5.00","currency":"EUR","exact":false,"after":2}"#
    );
    assert_eq!(
        to_text(&FlatFirst {
            common: Common::default()
        }),
        r#"{"currency":"","exact":false}"#
    );
    let a = Attributes {
        kind: "t".into(),
        r#ref: "r".into(),
        cache: 9,
        share: Some(12),
    };
    assert_eq!(to_text(&a), r#"{"type":"t","ref":"r","share":"12%"}"#);
    assert_eq!(
        read::<Attributes>(&to_text(&a)),
        Attributes { cache: 0, ..a },
        "a skipped field reads back as its default"
    );
}

#[test]
fn enums_are_written_as_they_are_read() {
    assert_eq!(
        [Colour::DarkRed, Colour::Blue, Colour::Green].map(|c| to_text(&c)),
        ["\"darkRed\"", "\"blue\"", "\"GREEN\""]
    );
    let offers = [
        (
            Offer::Rate {
                factor: billcalc::domain::money::Ratio("0.90".parse().unwrap()),
            },
            r#"{"kind":"rate","factor":"0.9"}"#,
        ),
        (
            Offer::FixedPrice {
                price: money("10"),
                note: None,
            },
            r#"{"kind":"fixedPrice","price":"10.00","note":null}"#,
        ),
        (Offer::Gift {}, r#"{"kind":"free"}"#),
        (
            Offer::Bundle {
                common: Common {
                    currency: "X".into(),
                    exact: true,
                },
                cache: 0,
                size: 2,
            },
            r#"{"kind":"bundle","currency":"X","exact":true,"size":2}"#,
        ),
    ];
    for (offer, text) in offers {
        assert_eq!(to_text(&offer), text);
        let back: Offer = read(text);
        assert_eq!(to_text(&back), text);
    }
}

#[test]
fn a_member_that_says_so_is_left_out() {
    let empty = || Extra { notes: vec![] };
    let full = || Extra {
        notes: vec!["n".into()],
    };
    let answer = |extra, more| Answer {
        extra,
        total: money("1"),
        more,
    };
    assert_eq!(to_text(&answer(empty(), empty())), r#"{"total":"1.00"}"#);
    assert_eq!(
        to_text(&answer(full(), empty())),
        r#"{"extra":{"notes":["n"]},"total":"1.00"}"#
    );
    assert_eq!(
        to_text(&answer(empty(), full())),
        r#"{"total":"1.00","more":{"notes":["n"]}}"#
    );
    // On its own (not a member), it is written.
    assert_eq!(to_text(&empty()), r#"{"notes":[]}"#);
    assert!(empty().omitted() && !full().omitted());
}

/// A reader written by hand over the same cursor: what `with = "…"` names.
#[test]
fn a_with_reader_sees_the_members_path() {
    struct Path(String);
    impl FromJson for Path {
        fn from_json(at: At<'_>) -> billcalc::Result<Self> {
            Ok(Path(at.path()))
        }
    }
    #[derive(FromJson)]
    struct Outer {
        items: Vec<Inner>,
    }
    #[derive(FromJson)]
    struct Inner {
        #[json(rename = "here")]
        at: Path,
    }
    let outer = read::<Outer>(r#"{"items":[{"here":0},{"here":1}]}"#);
    let paths: Vec<String> = outer.items.into_iter().map(|i| i.at.0).collect();
    assert_eq!(paths, ["items[0].here", "items[1].here"]);
}
