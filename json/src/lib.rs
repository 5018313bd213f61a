//! billcalc's JSON reader: a small strict reader (RFC 8259) of a request's text into a tree that
//! keeps members in document order, keeps numbers as written (no float is ever parsed, so money
//! read from a number is exact or refused) and borrows names, strings and numbers from the text
//! (only a string with an escape is copied).
//!
//! Its own crate so that the release profile builds it at `opt-level = 3` while the rest of
//! billcalc is built for size: every call reads its request through here (docs/PERFORMANCE.md).
//! billcalc's `io::json` turns a [`SyntaxError`] into its coded error and refuses repeated
//! members with their path.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use std::borrow::Cow;

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

/// Text that is not JSON: what was expected, and the byte where it was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong (`expected `:``).
    pub what: &'static str,
    /// The byte of the text where it is.
    pub at: usize,
}

/// A read value, or where the text stops being JSON.
pub type Result<T> = std::result::Result<T, SyntaxError>;

/// An object's members.
pub type Members<'t> = [(Cow<'t, str>, Json<'t>)];

/// The member called `name`, if the object has one (its first).
pub fn member<'m, 't>(
    members: &'m Members<'t>,
    name: &str,
) -> Option<&'m (Cow<'t, str>, Json<'t>)> {
    members.iter().find(|(given, _)| given == name)
}

/// The first member whose name is in none of `groups` (a type's field names, and those of the
/// types it flattens), if any.
pub fn unknown_member<'m, 't>(
    members: &'m Members<'t>,
    groups: &[&[&str]],
) -> Option<&'m (Cow<'t, str>, Json<'t>)> {
    members
        .iter()
        .find(|(given, _)| !groups.iter().any(|g| g.iter().any(|name| given == name)))
}

/// JSON text as a tree (a repeated member kept: the caller decides), and whether some object in
/// it may repeat a member: true when one does, or has more than 16 members (the caller looks
/// then; the usual small objects are checked here, pairwise, while they are read).
pub fn parse(text: &str) -> Result<(Json<'_>, bool)> {
    let mut parser = Parser {
        source: text,
        text: text.as_bytes(),
        at: 0,
        depth: 0,
        may_repeat: false,
    };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < parser.text.len() {
        return Err(parser.fail("trailing characters after the JSON value"));
    }
    Ok((value, parser.may_repeat))
}

/// Some member of a small object repeats an earlier one's name; a larger object may (its
/// reader looks, sorted).
fn may_repeat(members: &Members<'_>) -> bool {
    members.len() > 16 || repeated_pairwise(members).is_some()
}

/// A member given twice (its second occurrence), compared pairwise: for the usual small object
/// (a request's objects have a few members).
pub fn repeated_pairwise<'m, 't>(members: &'m Members<'t>) -> Option<&'m (Cow<'t, str>, Json<'t>)> {
    members.iter().enumerate().find_map(|(i, (name, _))| {
        members
            .get(i.saturating_add(1)..)?
            .iter()
            .find(|(other, _)| other == name)
    })
}

/// A small strict JSON reader (RFC 8259) into [`Json`]: members in document order, a possibly
/// repeated member noted, nesting bounded. Numbers are kept as written; no float is ever parsed.
struct Parser<'t> {
    source: &'t str,
    text: &'t [u8],
    at: usize,
    depth: usize,
    /// Some object read so far may repeat a member ([`may_repeat`]).
    may_repeat: bool,
}

impl<'t> Parser<'t> {
    fn fail(&self, what: &'static str) -> SyntaxError {
        SyntaxError { what, at: self.at }
    }

    // The reader's innermost steps, inlined (a call each costs more than the step).
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
        self.may_repeat = self.may_repeat || may_repeat(&members);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_strings_and_numbers_borrow_the_text_unless_escaped() {
        let (json, _) = parse(r#"{"a":"x","b\u0041":"y\n","n":-1.5e3}"#).unwrap();
        let Json::Object(members) = json else {
            panic!("not an object")
        };
        assert!(matches!(members[0].0, Cow::Borrowed("a")));
        assert!(matches!(&members[0].1, Json::String(Cow::Borrowed("x"))));
        assert!(matches!(&members[1].0, Cow::Owned(s) if s == "bA"));
        assert!(matches!(&members[1].1, Json::String(Cow::Owned(s)) if s == "y\n"));
        assert!(matches!(
            &members[2].1,
            Json::Number(Cow::Borrowed("-1.5e3"))
        ));
    }

    #[test]
    fn a_repeated_member_is_noted_in_a_small_object_and_may_be_in_a_large_one() {
        let noted = |text: &str| parse(text).unwrap().1;
        assert!(!noted(r#"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#));
        assert!(noted(r#"{"a":1,"b":{"x":2,"y":3,"x":4}}"#));
        assert!(noted(r#"[{"a":1},{"b":2,"b":2}]"#));
        let large: Vec<String> = (0..17).map(|i| format!("\"m{i}\":{i}")).collect();
        assert!(noted(&format!("{{{}}}", large.join(","))));
    }

    #[test]
    fn a_syntax_error_says_what_and_where() {
        for (text, what, at) in [
            ("", "the request ends where a value was expected", 0),
            // The byte after the one that was not what was expected.
            ("{\"a\" 1}", "expected `:`", 6),
            ("[1,]", "expected a JSON value", 3),
            ("01", "invalid number (leading zero)", 2),
            ("\"\\ud800\"", "unpaired surrogate in a string", 8),
            ("1 2", "trailing characters after the JSON value", 2),
        ] {
            assert_eq!(parse(text), Err(SyntaxError { what, at }), "{text}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(&deep).unwrap_err().what,
            "nesting deeper than 128 levels"
        );
    }
}
