//! Reading requests: JSON text (the wasm package, the curve) or a JSON value (the CLI) into a
//! typed request, with every failure turned into a coded [`Error`] whose `path` names the
//! offending field (`orders[1].end`).
//!
//! The text is first read into a [`Json`] tree (members in document order, a repeated member
//! refused), which is then handed to the request type's derived `Deserialize` through
//! [`Tracked`], a deserializer that keeps the path of the value being read. The request types'
//! reading code is thus compiled against one small deserializer, not inside a path-tracking
//! wrapper around the JSON parser (in the wasm module: 435 → 305 KB of reading code).

use std::cell::RefCell;
use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, Visitor,
};

use crate::error::{Error, ErrorCode, Result};

/// Read a request of type `T` from JSON text.
pub fn read_text<T: DeserializeOwned>(text: &str) -> Result<T> {
    read_json(&parse_text(text)?)
}

/// Read a request of type `T` from a JSON value.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    let json = Json::deserialize(value).map_err(|e| classify(&e.to_string(), String::new()))?;
    read_json(&json)
}

/// JSON text as a [`Json`] tree (syntax errors and repeated members are refused here).
pub fn parse_text(text: &str) -> Result<Json> {
    serde_json::from_str(text).map_err(|e| classify(&e.to_string(), String::new()))
}

/// Read a request of type `T` from a [`Json`] tree.
pub fn read_json<T: DeserializeOwned>(json: &Json) -> Result<T> {
    let path = RefCell::new(Vec::new());
    let read = T::deserialize(Tracked {
        value: json,
        path: &path,
    });
    read.map_err(|e| classify(&e.to_string(), render(&path.borrow())))
}

/// A JSON value as written: object members in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Json::Null => Unexpected::Unit,
            Json::Bool(b) => Unexpected::Bool(*b),
            Json::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Unexpected::Unsigned(u),
                (None, Some(i), _) => Unexpected::Signed(i),
                (None, None, f) => Unexpected::Float(f.unwrap_or(f64::NAN)),
            },
            Json::String(s) => Unexpected::Str(s),
            Json::Array(_) => Unexpected::Seq,
            Json::Object(_) => Unexpected::Map,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Json, E> {
        serde_json::Number::from_f64(v)
            .map(Json::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_unit<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Json, A::Error> {
        let mut members: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value()?;
            members.push((key, value));
        }
        // A repeated member would make the request ambiguous: refuse it (sorted, not pairwise,
        // so that a huge object stays cheap).
        let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w.first() == w.get(1)) {
            let key = w.first().copied().unwrap_or_default();
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        Ok(Json::Object(members))
    }
}

/// One step of a path: a member's name or an element's index.
#[derive(Debug, Clone, Copy)]
enum Segment<'de> {
    Member(&'de str),
    Element(usize),
}

/// `orders[1].end`: member names joined by dots, element indexes in brackets.
fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Member(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Element(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Deserializer over a [`Json`] value that keeps the path of the value being read: pushed
/// before a member or element is read, popped when it was read, left in place by an error.
#[derive(Clone, Copy)]
struct Tracked<'de, 'p> {
    value: &'de Json,
    path: &'p RefCell<Vec<Segment<'de>>>,
}

type JsonError = serde_json::Error;

impl<'de, 'p> Deserializer<'de> for Tracked<'de, 'p> {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, JsonError> {
        match self.value {
            Json::Null => v.visit_unit(),
            Json::Bool(b) => v.visit_bool(*b),
            Json::Number(n) => n.deserialize_any(v),
            Json::String(s) => v.visit_borrowed_str(s),
            Json::Array(items) => {
                let mut seq = Elements {
                    items: items.iter(),
                    index: 0,
                    path: self.path,
                };
                let value = v.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(
                        items.len(),
                        &"fewer elements in array",
                    )),
                }
            }
            Json::Object(members) => {
                let mut map = Members {
                    members: members.iter(),
                    current: None,
                    path: self.path,
                };
                let value = v.visit_map(&mut map)?;
                match map.members.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(
                        members.len(),
                        &"fewer elements in map",
                    )),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, JsonError> {
        match self.value {
            Json::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> std::result::Result<V::Value, JsonError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> std::result::Result<V::Value, JsonError> {
        // Request enums are unit variants written as strings.
        match self.value {
            Json::String(s) => v.visit_enum(s.as_str().into_deserializer()),
            other => Err(de::Error::invalid_type(
                other.unexpected(),
                &"string or map",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(
        self,
        v: V,
    ) -> std::result::Result<V::Value, JsonError> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// `read` with `segment` on the path: taken off when it succeeds, left in place by an error (so
/// that the path names where it happened).
fn at<'de, T>(
    path: &RefCell<Vec<Segment<'de>>>,
    segment: Segment<'de>,
    read: impl FnOnce() -> std::result::Result<T, JsonError>,
) -> std::result::Result<T, JsonError> {
    path.borrow_mut().push(segment);
    let value = read()?;
    path.borrow_mut().pop();
    Ok(value)
}

struct Elements<'de, 'p> {
    items: std::slice::Iter<'de, Json>,
    index: usize,
    path: &'p RefCell<Vec<Segment<'de>>>,
}

impl<'de> SeqAccess<'de> for Elements<'de, '_> {
    type Error = JsonError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<Option<T::Value>, JsonError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let path = self.path;
        let value = at(path, Segment::Element(self.index), || {
            seed.deserialize(Tracked { value: item, path })
        })?;
        self.index = self.index.saturating_add(1);
        Ok(Some(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Members<'de, 'p> {
    members: std::slice::Iter<'de, (String, Json)>,
    current: Option<&'de (String, Json)>,
    path: &'p RefCell<Vec<Segment<'de>>>,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = JsonError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, JsonError> {
        let Some(member) = self.members.next() else {
            return Ok(None);
        };
        self.current = Some(member);
        // An unknown or invalid member name is reported at the member.
        at(self.path, Segment::Member(&member.0), || {
            seed.deserialize(BorrowedStrDeserializer::<JsonError>::new(&member.0))
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> std::result::Result<V::Value, JsonError> {
        let member = self
            .current
            .take()
            .ok_or_else(|| <JsonError as de::Error>::custom("a value without its member name"))?;
        let path = self.path;
        at(path, Segment::Member(&member.0), || {
            seed.deserialize(Tracked {
                value: &member.1,
                path,
            })
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::unsubscribe::UnsubscribeRequest;

    fn error_of(text: &str) -> (String, String) {
        let e = read_text::<UnsubscribeRequest>(text).unwrap_err();
        (e.code.as_str().to_string(), e.path)
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
    fn members_keep_their_order() {
        let json = parse_text(r#"{"b":1,"a":[true,null,"x"]}"#).unwrap();
        let Json::Object(members) = json else {
            panic!("not an object")
        };
        let names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
    }
}
