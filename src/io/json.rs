//! JSON text as a tree: a small strict reader (RFC 8259) that keeps members in document order,
//! refuses a repeated member and keeps numbers as written (no float is ever parsed, so money read
//! from a number is exact or refused). Names, strings and numbers borrow the text they were read
//! from (only a string with an escape is copied): a request is read without a copy of its words.

use std::borrow::Cow;

use crate::error::{Error, ErrorCode, Result};

/// JSON text as a tree, with any repeated member kept (the CLI tells a document from JSON lines
/// by the syntax alone, then refuses a repeated member request by request).
pub fn parse_syntax(text: &str) -> Result<Json<'_>> {
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

/// A JSON value as written: object members in document order; text borrowed from the JSON text
/// `'t` it was read from where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'t> {
    Null,
    Bool(bool),
    /// A number as written (`110`, `-0.5`, `1e3`): read exactly by the reader that wants it.
    Number(Cow<'t, str>),
    String(Cow<'t, str>),
    Array(Vec<Json<'t>>),
    Object(Vec<(Cow<'t, str>, Json<'t>)>),
}

impl Json<'_> {
    /// What the value is, for an error message (`a number`, `the string "x"`).
    pub(crate) fn kind(&self) -> String {
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

impl<'t> Json<'t> {
    /// The request's operation member `op` taken out: its value (`None` when absent or when
    /// this is no object) and the request without it.
    pub fn take_op(self) -> (Option<Json<'t>>, Json<'t>) {
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
    pub fn from_value(value: serde_json::Value) -> Json<'static> {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            // serde_json writes a float in its shortest form, which reads back to the same value.
            Value::Number(n) => Json::Number(n.to_string().into()),
            Value::String(s) => Json::String(s.into()),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from_value).collect()),
            Value::Object(map) => Json::Object(
                map.into_iter()
                    .map(|(k, v)| (k.into(), Json::from_value(v)))
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

impl<'t> Parser<'t> {
    fn fail(&self, what: &str) -> Error {
        Error::new(
            ErrorCode::InvalidInput,
            "",
            format!("{what} at byte {} of the request", self.at),
        )
    }

    // The reader's innermost steps, inlined (a call each costs more than the step at level "z").
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    #[inline(always)]
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

    fn expect_word(&mut self, word: &[u8], value: Json<'t>) -> Result<Json<'t>> {
        let end = self.at.saturating_add(word.len());
        if self.text.get(self.at..end) == Some(word) {
            self.at = end;
            Ok(value)
        } else {
            Err(self.fail("expected a JSON value"))
        }
    }

    fn value(&mut self) -> Result<Json<'t>> {
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

    fn nested(&mut self, read: fn(&mut Self) -> Result<Json<'t>>) -> Result<Json<'t>> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("nesting deeper than 128 levels"));
        }
        self.depth = self.depth.saturating_add(1);
        let value = read(self)?;
        self.depth = self.depth.saturating_sub(1);
        Ok(value)
    }

    fn array(&mut self) -> Result<Json<'t>> {
        self.bump(); // [
        let mut items = Vec::with_capacity(4);
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

    fn object(&mut self) -> Result<Json<'t>> {
        self.bump(); // {
                     // A request's objects have a few members: room for 8 without growing.
        let mut members: Vec<(Cow<'t, str>, Json<'t>)> = Vec::with_capacity(8);
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

    fn string(&mut self) -> Result<Cow<'t, str>> {
        self.bump(); // "
        let mut out = String::new();
        loop {
            let start = self.at;
            let first_run = out.is_empty();
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at = self.at.saturating_add(1);
            }
            // The run ends before an ASCII byte (or at the end): a slice on character boundaries.
            let run = self.source.get(start..self.at).unwrap_or_default();
            if first_run && self.peek() == Some(b'"') {
                // The usual string, without escapes: the text itself.
                self.bump();
                return Ok(Cow::Borrowed(run));
            }
            out.push_str(run);
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
        Ok(Cow::Owned(out))
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

    fn number(&mut self) -> Result<Json<'t>> {
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
        // Digits, signs, `.` and `e`: ASCII, so the range is on character boundaries.
        Ok(Json::Number(Cow::Borrowed(
            self.source.get(start..self.at).unwrap_or_default(),
        )))
    }
}
