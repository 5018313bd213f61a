//! Reading requests: any serde deserializer (JSON text for the CLI, JS values for the wasm
//! package) into a typed request, with every failure turned into a coded [`Error`] whose `path`
//! names the offending field (`orders[1].end`).

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::error::{Error, ErrorCode, Result};

/// Deserialize a request of type `T` from `d`, mapping failures to coded errors with paths.
pub fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<T>
where
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(d).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        classify(&e.inner().to_string(), path)
    })
}

/// Deserialize a request of type `T` from a JSON value.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    read(value)
}

/// Turn a serde error message into a coded error. Our own deserializers emit `CODE|message`;
/// serde's own messages are recognised by their wording.
fn classify(message: &str, mut path: String) -> Error {
    // serde-wasm-bindgen's errors display as `Error: …`.
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    if let Some((code, rest)) = message.split_once('|') {
        if let Some(code) = ErrorCode::from_code(code) {
            let rest = rest.split(" at line ").next().unwrap_or(rest);
            return Error::new(code, path, rest);
        }
    }
    let field = |m: &str| m.split('`').nth(1).map(str::to_string);
    let code = if message.starts_with("missing field") {
        if let Some(f) = field(message) {
            path = join(&path, &f);
        }
        ErrorCode::MissingField
    } else if message.starts_with("unknown field") {
        if let Some(f) = field(message) {
            path = join(&path, &f);
        }
        ErrorCode::UnknownField
    } else {
        ErrorCode::InvalidInput
    };
    let message = message.split(" at line ").next().unwrap_or(message);
    Error::new(code, path, message)
}

fn join(path: &str, field: &str) -> String {
    if path == field || path.ends_with(&format!(".{field}")) {
        path.to_string()
    } else if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}
