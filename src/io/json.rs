//! JSON text as a tree: the reader of crate `billcalc-json` (built for speed; names, strings and
//! numbers borrow the text), its syntax errors as billcalc's coded errors, and what billcalc asks
//! of a tree (what a value is, a request's `op`, a `serde_json` value as a tree).

pub use billcalc_json::{Json, MAX_DEPTH};

use crate::error::{Error, ErrorCode, Result};

/// JSON text as a tree, with any repeated member kept (the CLI tells a document from JSON lines
/// by the syntax alone, then refuses a repeated member request by request).
pub fn parse_syntax(text: &str) -> Result<Json<'_>> {
    parse_noting_repeats(text).map(|(json, _)| json)
}

/// JSON text as a tree, and whether an object in it may repeat a member (see
/// [`billcalc_json::parse`]).
pub(crate) fn parse_noting_repeats(text: &str) -> Result<(Json<'_>, bool)> {
    billcalc_json::parse(text).map_err(|e| {
        Error::new(
            ErrorCode::InvalidInput,
            "",
            format!("{} at byte {} of the request", e.what, e.at),
        )
    })
}

/// What a value is, for an error message (`a number`, `the string "x"`).
pub(crate) fn kind(value: &Json<'_>) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("{b}"),
        Json::Number(_) => "a number".into(),
        Json::String(s) => format!("the string \"{}\"", crate::domain::money::clip(s)),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}

/// The request's operation member `op` taken out: its value (`None` when absent or when the
/// request is no object) and the request without it.
pub fn take_op(request: Json<'_>) -> (Option<Json<'_>>, Json<'_>) {
    match request {
        Json::Object(members) => {
            let (op, rest): (Vec<_>, Vec<_>) =
                members.into_iter().partition(|(name, _)| name == "op");
            (op.into_iter().next().map(|(_, v)| v), Json::Object(rest))
        }
        other => (None, other),
    }
}

/// A `serde_json` value as a tree (a value built in Rust; JSON text goes through
/// [`crate::io::read::parse_text`], which also refuses repeated members).
pub fn from_value(value: serde_json::Value) -> Json<'static> {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(b),
        // serde_json writes a float in its shortest form, which reads back to the same value.
        Value::Number(n) => Json::Number(n.to_string().into()),
        Value::String(s) => Json::String(s.into()),
        Value::Array(items) => Json::Array(items.into_iter().map(from_value).collect()),
        Value::Object(map) => Json::Object(
            map.into_iter()
                .map(|(k, v)| (k.into(), from_value(v)))
                .collect(),
        ),
    }
}
