//! Reading requests: JSON text (the wasm package, the curve) or a JSON value (the CLI) into a
//! typed request, with every failure turned into a coded [`Error`] whose `path` names the
//! offending field (`orders[1].end`).
//!
//! The text is first read into a [`Json`] tree (members in document order, a repeated member
//! refused). Each request type then reads itself from the tree through [`FromJson`]: plain,
//! non-generic code over one small cursor type ([`At`]) that knows the path of the value it
//! points at. The structs' readers are declared next to the structs with [`from_json!`] (their
//! fields in camelCase, unknown members refused, `default` members optional) and unit enums with
//! [`enum_from_json!`] (variants in camelCase). This replaced serde's derived `Deserialize`,
//! whose per-type visitors were the largest part of the wasm module (about 230 KB of its code);
//! `#[serde(...)]` attributes remain on the types for their `Serialize` and TypeScript forms.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorCode, Result};

/// Read a request of type `T` from JSON text.
pub fn read_text<T: FromJson>(text: &str) -> Result<T> {
    read_json(&parse_text(text)?)
}

/// Read a request of type `T` from a JSON value.
pub fn from_value<T: FromJson>(value: serde_json::Value) -> Result<T> {
    read_json(&Json::from_value(value))
}

/// JSON text (RFC 8259) as a request's [`Json`] tree: syntax errors and nesting deeper than
/// [`MAX_DEPTH`] are refused as `INVALID_INPUT` at the root, a repeated member as `INVALID_INPUT`
/// at that member.
pub fn parse_text(text: &str) -> Result<Json> {
    let json = parse_syntax(text)?;
    refuse_repeated_members(At::root(&json))?;
    Ok(json)
}

/// JSON text as a tree, with any repeated member kept (the CLI tells a document from JSON lines
/// by the syntax alone, then refuses a repeated member request by request).
pub fn parse_syntax(text: &str) -> Result<Json> {
    let mut parser = Parser {
        source: text,
        text: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < parser.text.len() {
        return Err(parser.fail("trailing characters after the JSON value"));
    }
    Ok(value)
}

/// Deepest nesting of arrays and objects accepted (requests nest 3 levels).
pub const MAX_DEPTH: usize = 128;

/// Read a request of type `T` from a [`Json`] tree.
pub fn read_json<T: FromJson>(json: &Json) -> Result<T> {
    T::from_json(At::root(json))
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    /// Read the value `at` points at; an error names `at`'s path (or a member's below it).
    fn from_json(at: At<'_>) -> Result<Self>;
}

/// A JSON value as written: object members in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written (`110`, `-0.5`, `1e3`): read exactly by the reader that wants it.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// What the value is, for an error message (`a number`, `the string "x"`).
    fn kind(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => format!("{b}"),
            Json::Number(_) => "a number".into(),
            Json::String(s) => format!("the string \"{}\"", crate::domain::money::clip(s)),
            Json::Array(_) => "an array".into(),
            Json::Object(_) => "an object".into(),
        }
    }
}

/// A value of the tree together with the path to it. Paths are kept as a chain of the callers'
/// cursors on the stack and written out only for an error.
#[derive(Clone, Copy)]
pub struct At<'a> {
    /// The value.
    pub json: &'a Json,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

/// One step of a path: a member's name or an element's index.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Member(&'a str),
    Element(usize),
}

impl<'a> At<'a> {
    /// The whole request.
    pub fn root(json: &'a Json) -> At<'a> {
        At {
            json,
            parent: None,
            step: Step::Root,
        }
    }

    fn child<'b>(&'b self, json: &'b Json, step: Step<'b>) -> At<'b> {
        At {
            json,
            parent: Some(self),
            step,
        }
    }

    /// Another value at the same path (a request read without its tag member).
    pub fn with_value<'b>(&'b self, json: &'b Json) -> At<'b> {
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
            format!("expected {expected}, got {}", self.json.kind()),
        )
    }

    /// The value as a string.
    pub fn str(&self, expected: &str) -> Result<&'a str> {
        match self.json {
            Json::String(s) => Ok(s),
            _ => Err(self.invalid_type(expected)),
        }
    }

    /// The value as an object with the members `fields` (Rust names: `paid_cash` is the member
    /// `paidCash`). A member not among them is refused (`UNKNOWN_FIELD` at the member).
    pub fn object(&self, fields: &[&str]) -> Result<Object<'_>> {
        let Json::Object(members) = self.json else {
            return Err(self.invalid_type("an object"));
        };
        if let Some((name, value)) = members
            .iter()
            .find(|(name, _)| !fields.iter().any(|f| camel_eq(name, f)))
        {
            let expected: Vec<String> = fields.iter().map(|f| format!("`{}`", camel(f))).collect();
            return Err(self.child(value, Step::Member(name)).error(
                ErrorCode::UnknownField,
                format!(
                    "unknown field `{name}`, expected one of {}",
                    expected.join(", ")
                ),
            ));
        }
        Ok(Object { at: self, members })
    }

    /// The index of the unit variant named by the value (`names` are the Rust names: `InUse` is
    /// written `inUse`).
    pub fn variant(&self, names: &[&str]) -> Result<usize> {
        let expected = || {
            let names: Vec<String> = names.iter().map(|n| format!("`{}`", camel(n))).collect();
            names.join(", ")
        };
        let Json::String(s) = self.json else {
            return Err(self.invalid_type(&format!("one of {}", expected())));
        };
        names.iter().position(|n| camel_eq(s, n)).ok_or_else(|| {
            self.error(
                ErrorCode::InvalidInput,
                format!(
                    "unknown variant `{}`, expected one of {}",
                    crate::domain::money::clip(s),
                    expected()
                ),
            )
        })
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
    ) -> Result<BTreeMap<K, V>> {
        let Json::Object(members) = self.json else {
            return Err(self.invalid_type("an object"));
        };
        let mut map = BTreeMap::new();
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
    members: &'b [(String, Json)],
}

impl<'b> Object<'b> {
    /// The member for the Rust field `field` (`paid_cash` → `paidCash`), read by `read`; a
    /// missing member is `MISSING_FIELD`.
    #[inline(never)]
    pub fn required<T>(&self, field: &str, read: fn(At<'_>) -> Result<T>) -> Result<T> {
        self.optional(field, read)?
            .ok_or_else(|| self.missing(field))
    }

    /// `MISSING_FIELD` at the member for the Rust field `field`.
    #[inline(never)]
    fn missing(&self, field: &str) -> Error {
        let name = camel(field);
        self.at
            .child(&Json::Null, Step::Member(&name))
            .error(ErrorCode::MissingField, format!("missing field `{name}`"))
    }

    /// The member for the Rust field `field` read by `read`, or `None` when it is absent.
    #[inline(never)]
    pub fn optional<T>(&self, field: &str, read: fn(At<'_>) -> Result<T>) -> Result<Option<T>> {
        match self.member(field) {
            Some(at) => read(at).map(Some),
            None => Ok(None),
        }
    }

    /// The member for the Rust field `field`, if present (one compiled copy for every reader).
    #[inline(never)]
    fn member(&self, field: &str) -> Option<At<'b>> {
        let (name, value) = self
            .members
            .iter()
            .find(|(name, _)| camel_eq(name, field))?;
        Some(self.at.child(value, Step::Member(name)))
    }
}

/// The camelCase rule for one byte of a Rust name whose underscores are dropped: the name's first
/// letter in lower case, a letter after an underscore in upper case, the rest as written
/// (`paid_cash` → `paidCash`, `InUse` → `inUse`). [`camel_eq`], [`push_camel`] and the writers'
/// compile-time `quoted_camel!` all apply it.
pub(crate) const fn camel_byte(b: u8, first: bool, after_underscore: bool) -> u8 {
    if first {
        b.to_ascii_lowercase()
    } else if after_underscore {
        b.to_ascii_uppercase()
    } else {
        b
    }
}

/// `json` is the camelCase form of the Rust name `rust` (`paidCash` / `paid_cash`, `inUse` /
/// `InUse`), by [`camel_byte`].
fn camel_eq(json: &str, rust: &str) -> bool {
    let mut written = json.bytes();
    let mut upper = false;
    for (i, b) in rust.bytes().enumerate() {
        if b == b'_' {
            upper = true;
            continue;
        }
        if written.next() != Some(camel_byte(b, i == 0, upper)) {
            return false;
        }
        upper = false;
    }
    written.next().is_none()
}

/// The camelCase form of a Rust name (for messages).
fn camel(rust: &str) -> String {
    let mut out = String::with_capacity(rust.len());
    push_camel(&mut out, rust);
    out
}

/// Append the camelCase form of a Rust name, by [`camel_byte`]: the form [`camel_eq`] compares
/// with (for messages; the answers' writers have it at compile time, `quoted_camel!`).
pub(crate) fn push_camel(out: &mut String, rust: &str) {
    let mut upper = false;
    for (i, c) in rust.chars().enumerate() {
        if c == '_' {
            upper = true;
            continue;
        }
        // Rust names are ASCII; any other character is kept as written.
        out.push(u8::try_from(c).map_or(c, |b| char::from(camel_byte(b, i == 0, upper))));
        upper = false;
    }
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

/// A whole number ≥ 0 that fits `max`, written without a fraction or an exponent.
fn whole_number(at: At<'_>, max: u64) -> Result<u64> {
    let Json::Number(n) = at.json else {
        return Err(at.invalid_type("a whole number"));
    };
    n.parse::<u64>().ok().filter(|n| *n <= max).ok_or_else(|| {
        at.error(
            ErrorCode::InvalidInput,
            format!(
                "expected a whole number from 0 to {max}, got {}",
                crate::domain::money::clip(n)
            ),
        )
    })
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

impl FromJson for BTreeMap<String, crate::domain::money::Money> {
    fn from_json(at: At<'_>) -> Result<Self> {
        at.map(
            |k| Ok(k.to_string()),
            crate::domain::money::Money::from_json,
        )
    }
}

/// Implement [`FromJson`] for a struct whose fields are all read from members of one object
/// (camelCase names, unknown members refused). Each field is one of:
/// - `name`: a required member read by the field type's [`FromJson`];
/// - `name: default`: optional, the type's default when absent;
/// - `name: default(expr)`: optional, `expr` when absent;
/// - `name: with(reader)`: a required member read by `reader`;
/// - `name: default_with(reader)`: optional (the default when absent), read by `reader`.
#[macro_export]
macro_rules! from_json {
    ($t:ident { $($field:ident $(: $how:ident $(($arg:expr))?)?),* $(,)? }) => {
        impl $crate::io::input::FromJson for $t {
            fn from_json(at: $crate::io::input::At<'_>) -> $crate::error::Result<Self> {
                let o = at.object(&[$(stringify!($field)),*])?;
                Ok($t { $($field: $crate::from_json!(@field o, $field $(, $how $(, $arg)?)?),)* })
            }
        }
    };
    (@field $o:ident, $f:ident) => {
        $o.required(stringify!($f), $crate::io::input::FromJson::from_json)?
    };
    (@field $o:ident, $f:ident, default) => {
        $o.optional(stringify!($f), $crate::io::input::FromJson::from_json)?.unwrap_or_default()
    };
    (@field $o:ident, $f:ident, default, $e:expr) => {
        $o.optional(stringify!($f), $crate::io::input::FromJson::from_json)?.unwrap_or_else(|| $e)
    };
    (@field $o:ident, $f:ident, with, $r:expr) => {
        $o.required(stringify!($f), $r)?
    };
    (@field $o:ident, $f:ident, default_with, $r:expr) => {
        $o.optional(stringify!($f), $r)?.unwrap_or_default()
    };
}

/// Implement [`FromJson`] and [`ToJson`](crate::io::output::ToJson) for an enum of unit variants
/// written as camelCase strings. Every variant must be listed: a variant added to the enum and not
/// here fails to compile.
#[macro_export]
macro_rules! enum_from_json {
    ($t:ident { $($variant:ident),* $(,)? }) => {
        const _: fn($t) = |v| match v {
            $($t::$variant)|* => {}
        };
        impl $crate::io::input::FromJson for $t {
            fn from_json(at: $crate::io::input::At<'_>) -> $crate::error::Result<Self> {
                const ALL: &[$t] = &[$($t::$variant),*];
                let i = at.variant(&[$(stringify!($variant)),*])?;
                ALL.get(i).cloned().ok_or_else(|| at.invalid_type("a known variant"))
            }
        }
        impl $crate::io::output::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                $crate::io::output::write_variant(out, match self { $($t::$variant => $crate::quoted_camel!(stringify!($variant))),* });
            }
        }
    };
}

impl Json {
    /// The request's operation member `op` taken out: its value (`None` when absent or when
    /// this is no object) and the request without it.
    pub fn take_op(self) -> (Option<Json>, Json) {
        match self {
            Json::Object(members) => {
                let (op, rest): (Vec<_>, Vec<_>) =
                    members.into_iter().partition(|(name, _)| name == "op");
                (op.into_iter().next().map(|(_, v)| v), Json::Object(rest))
            }
            other => (None, other),
        }
    }

    /// A `serde_json` value as a tree (a value built in Rust; JSON text goes through
    /// [`parse_text`], which also refuses repeated members).
    pub fn from_value(value: serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            // serde_json writes a float in its shortest form, which reads back to the same value.
            Value::Number(n) => Json::Number(n.to_string()),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from_value).collect()),
            Value::Object(map) => Json::Object(
                map.into_iter()
                    .map(|(k, v)| (k, Json::from_value(v)))
                    .collect(),
            ),
        }
    }
}

/// A small strict JSON reader (RFC 8259) into [`Json`]: members in document order, a repeated
/// member refused, nesting bounded. Numbers are kept as written; no float is ever parsed.
struct Parser<'t> {
    source: &'t str,
    text: &'t [u8],
    at: usize,
    depth: usize,
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
                    format!("duplicate field `{}`", crate::domain::money::clip(name)),
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
fn repeated_member(members: &[(String, Json)]) -> Option<&(String, Json)> {
    let name = |i: usize| members.get(i).map(|(k, _)| k.as_str());
    if members.len() <= 16 {
        return members.iter().enumerate().find_map(|(i, (k, _))| {
            members
                .get(i.saturating_add(1)..)?
                .iter()
                .find(|(other, _)| other == k)
        });
    }
    let order =
        crate::domain::sorting::positions_by(members.len(), &mut |a, b| name(a).cmp(&name(b)));
    let at = |w: &[usize], k: usize| w.get(k).and_then(|&i| name(i));
    let w = order.windows(2).find(|w| at(w, 0) == at(w, 1))?;
    members.get(*w.get(1)?)
}

impl Parser<'_> {
    fn fail(&self, what: &str) -> Error {
        Error::new(
            ErrorCode::InvalidInput,
            "",
            format!("{what} at byte {} of the request", self.at),
        )
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at = self.at.saturating_add(1);
        Some(b)
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at = self.at.saturating_add(1);
        }
    }

    fn expect_word(&mut self, word: &[u8], value: Json) -> Result<Json> {
        let end = self.at.saturating_add(word.len());
        if self.text.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(value)
        } else {
            Err(self.fail("expected a JSON value"))
        }
    }

    fn value(&mut self) -> Result<Json> {
        self.skip_space();
        match self.peek() {
            Some(b'n') => self.expect_word(b"null", Json::Null),
            Some(b't') => self.expect_word(b"true", Json::Bool(true)),
            Some(b'f') => self.expect_word(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a JSON value")),
            None => Err(self.fail("the request ends where a value was expected")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Json>) -> Result<Json> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("nesting deeper than 128 levels"));
        }
        self.depth = self.depth.saturating_add(1);
        let value = read(self)?;
        self.depth = self.depth.saturating_sub(1);
        Ok(value)
    }

    fn array(&mut self) -> Result<Json> {
        self.bump(); // [
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.bump() {
                Some(b',') => {}
                Some(b']') => return Ok(Json::Array(items)),
                _ => return Err(self.fail("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Json> {
        self.bump(); // {
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a member name in double quotes"));
            }
            let name = self.string()?;
            self.skip_space();
            if self.bump() != Some(b':') {
                return Err(self.fail("expected `:`"));
            }
            let value = self.value()?;
            members.push((name, value));
            self.skip_space();
            match self.bump() {
                Some(b',') => {}
                Some(b'}') => break,
                _ => return Err(self.fail("expected `,` or `}`")),
            }
        }
        Ok(Json::Object(members))
    }

    fn string(&mut self) -> Result<String> {
        self.bump(); // "
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at = self.at.saturating_add(1);
            }
            // The run ends before an ASCII byte (or at the end): a slice on character boundaries.
            out.push_str(self.source.get(start..self.at).unwrap_or_default());
            match self.bump() {
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.bump() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.escaped_char()?,
                        _ => return Err(self.fail("invalid escape in a string")),
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.fail("control character in a string")),
                None => return Err(self.fail("the request ends inside a string")),
            }
        }
        Ok(out)
    }

    /// The character of `\uXXXX` (a surrogate pair counts as one).
    fn escaped_char(&mut self) -> Result<char> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                return Err(self.fail("unpaired surrogate in a string"));
            }
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.fail("unpaired surrogate in a string"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.fail("unpaired surrogate in a string"))
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut n = 0u32;
        for _ in 0..4 {
            let digit = self
                .bump()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.fail("invalid \\u escape in a string"))?;
            n = (n << 4) | digit;
        }
        Ok(n)
    }

    fn number(&mut self) -> Result<Json> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while let Some(b'0'..=b'9') = p.peek() {
                p.at = p.at.saturating_add(1);
            }
            p.at > from
        };
        if self.peek() == Some(b'-') {
            self.bump();
        }
        let whole = self.at;
        if !digits(self) {
            return Err(self.fail("invalid number"));
        }
        if self.text.get(whole) == Some(&b'0') && self.at.saturating_sub(whole) > 1 {
            return Err(self.fail("invalid number (leading zero)"));
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !digits(self) {
                return Err(self.fail("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if !digits(self) {
                return Err(self.fail("invalid number"));
            }
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        // Digits, signs, `.` and `e`: ASCII.
        Ok(Json::Number(String::from_utf8_lossy(text).into_owned()))
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
            let json = parse_text(&format!("{{{}}}", members.join(","))).unwrap();
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
        let names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
    }

    #[test]
    fn rust_names_are_written_in_camel_case() {
        assert!(camel_eq("paidCash", "paid_cash"));
        assert!(camel_eq("inUse", "InUse"));
        assert!(camel_eq("hkDomain", "HkDomain"));
        assert!(camel_eq("date", "date"));
        assert!(!camel_eq("paid_cash", "paid_cash"));
        assert!(!camel_eq("paidcash", "paid_cash"));
        assert!(!camel_eq("paidCashX", "paid_cash"));
        assert!(!camel_eq("InUse", "InUse"));
        assert_eq!(camel("pay_as_you_go_price"), "payAsYouGoPrice");
        assert_eq!(camel("NotYetEffective"), "notYetEffective");
        assert_eq!(camel("x"), "x");
        assert_eq!(camel("days_3"), "days3");
        // What the writers write is what the readers accept.
        for rust in [
            "paid_cash",
            "InUse",
            "HkDomain",
            "date",
            "pay_as_you_go_price",
            "a_b_c",
            "days_3",
        ] {
            assert!(camel_eq(&camel(rust), rust), "{rust}");
        }
    }
}
