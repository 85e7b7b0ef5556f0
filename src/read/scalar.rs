//! The tolerant rules for one scalar value, applied to its raw JSON text. Shared by the
//! jiter reader and the serde_json fast path, so both judge every value alike.

use std::borrow::Cow;

use super::path::Path;
use jiter::{Jiter, Peek};

use super::captures::Captured;
use super::schema::{Field, Kind};
use super::tolerant;
use crate::amount::Amount;
use crate::error::{ErrorCode, ParseError};

/// The JSON type of a raw value, from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape<'j> {
    Null,
    Bool(bool),
    /// A string: the characters between the quotes, escapes not decoded.
    Str(&'j str),
    Number(&'j str),
    List,
    Object,
}

impl<'j> Shape<'j> {
    /// Classifies a syntactically valid JSON value.
    pub(crate) fn of(raw: &'j str) -> Shape<'j> {
        match raw.as_bytes().first() {
            Some(b'"') => Shape::Str(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default()),
            Some(b'n') => Shape::Null,
            Some(b't') => Shape::Bool(true),
            Some(b'f') => Shape::Bool(false),
            Some(b'[') => Shape::List,
            Some(b'{') => Shape::Object,
            _ => Shape::Number(raw),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Shape::Null => "null",
            Shape::Bool(_) => "a boolean",
            Shape::Str(_) => "a string",
            Shape::Number(_) => "a number",
            Shape::List => "a list",
            Shape::Object => "an object",
        }
    }
}

/// Decodes a whole JSON string token (quotes included); `""` if it is not one.
pub(crate) fn decode_string(token: &str) -> String {
    let mut jiter = Jiter::new(token.as_bytes());
    // `known_str` rather than `next_str`: it does not pull in jiter's wrong-type reporting.
    match jiter.peek() {
        Ok(Peek::String) => jiter.known_str().map(str::to_owned).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The characters of a string with its escapes decoded (borrowed when it has none).
pub(crate) fn decoded(inner: &str) -> Cow<'_, str> {
    if inner.contains('\\') {
        Cow::Owned(decode_string(&format!("\"{inner}\"")))
    } else {
        Cow::Borrowed(inner)
    }
}

/// Checks the scalar value `raw` of `field` (not a list or nested object kind), writes its
/// canonical text to `out` when given, and returns it when `keep` asks for it.
pub(crate) fn scalar<'j>(
    field: &Field,
    raw: &'j str,
    path: &Path<'_>,
    out: Option<&mut String>,
    keep: bool,
) -> Result<Option<Captured<'j>>, ParseError> {
    let shape = Shape::of(raw);
    let write = out.is_some();
    let mut out = out;
    let mut put = |text: &str| {
        if let Some(out) = out.as_deref_mut() {
            out.push_str(text);
        }
    };
    let kept = match field.kind {
        Kind::Text | Kind::Code => {
            let text: Cow<'j, str> = match shape {
                Shape::Null if !field.required => {
                    put("null");
                    return Ok(None);
                }
                Shape::Null | Shape::List | Shape::Object => {
                    return Err(invalid_type(path, shape, "a string"))
                }
                Shape::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
                Shape::Str(inner) => decoded_if(inner, keep || matches!(field.kind, Kind::Code)),
                Shape::Number(token) => Cow::Borrowed(token),
            };
            if write {
                let code = match field.kind {
                    Kind::Code => tolerant::canonical_int(&text),
                    _ => None,
                };
                match (code, shape) {
                    (Some(code), _) => put(&code.to_string()),
                    // A string is written back as it came, escapes and all.
                    (None, Shape::Str(_)) => put(raw),
                    (None, _) => {
                        put("\"");
                        put(&text);
                        put("\"");
                    }
                }
            }
            keep.then_some(Captured::Text(text))
        }
        Kind::Id => {
            let text = match shape {
                Shape::Null if !field.required => {
                    put("null");
                    return Ok(None);
                }
                Shape::Str(inner) => decoded(inner),
                _ => return Err(invalid_type(path, shape, "an identifier (a string)")),
            };
            if text.trim().is_empty() {
                return Err(invalid_value(
                    path,
                    &text,
                    "an identifier (a string that is not blank)",
                ));
            }
            put(raw);
            keep.then_some(Captured::Text(text))
        }
        Kind::Flag => {
            let flag = match shape {
                Shape::Null => None,
                Shape::Bool(b) => Some(b),
                Shape::Str(inner) => {
                    let text = decoded(inner);
                    Some(tolerant::flag_from_text(&text).ok_or_else(|| {
                        invalid_value(path, &text, "a boolean or \"true\"/\"false\"")
                    })?)
                }
                _ => return Err(invalid_type(path, shape, "a boolean or \"true\"/\"false\"")),
            };
            if flag.is_none() && field.required {
                return Err(invalid_type(path, shape, "a boolean or \"true\"/\"false\""));
            }
            put(match flag {
                None => "null",
                Some(true) => "true",
                Some(false) => "false",
            });
            flag.filter(|_| keep).map(Captured::Flag)
        }
        Kind::Int => {
            let expected = "an integer or a string holding one";
            let int = match shape {
                Shape::Null => None,
                Shape::Str(inner) => {
                    let text = decoded(inner);
                    if text.trim().is_empty() {
                        None
                    } else {
                        Some(
                            tolerant::int_from_text(&text)
                                .ok_or_else(|| invalid_value(path, &text, expected))?,
                        )
                    }
                }
                Shape::Number(token) => Some(
                    tolerant::int_from_number(token)
                        .ok_or_else(|| invalid_value(path, token, "an integer"))?,
                ),
                _ => return Err(invalid_type(path, shape, expected)),
            };
            if int.is_none() && field.required {
                return Err(match shape {
                    Shape::Str(inner) => invalid_value(path, inner, expected),
                    _ => invalid_type(path, shape, expected),
                });
            }
            match int {
                Some(int) if write => put(&int.to_string()),
                Some(_) => {}
                None => put("null"),
            }
            int.filter(|_| keep).map(Captured::Int)
        }
        Kind::Amount => {
            let amount = match shape {
                Shape::Null if !field.required => None,
                Shape::Str(inner) if !inner.contains('\\') => Some(
                    Amount::parse(inner.trim())
                        .ok_or_else(|| invalid_value(path, inner, "a decimal amount"))?,
                ),
                Shape::Str(inner) => return Err(invalid_value(path, inner, "a decimal amount")),
                Shape::Number(token) => Some(
                    Amount::parse(token)
                        .ok_or_else(|| invalid_value(path, token, "a decimal amount"))?,
                ),
                _ => return Err(invalid_type(path, shape, "a decimal amount")),
            };
            put(amount.as_ref().map_or("null", Amount::as_str));
            amount.filter(|_| keep).map(Captured::Amount)
        }
        Kind::Any => {
            put(raw);
            None
        }
        // Lists and objects are read by the caller, element by element.
        Kind::Texts | Kind::List(_) | Kind::Object(_) => None,
        #[cfg(feature = "webhook")]
        Kind::Record(_) => None,
    };
    Ok(kept)
}

/// A text value by the [`Kind::Text`] rule (a string, or a number or boolean as written),
/// from the raw JSON of one value: what an open enum reads standing alone.
///
/// # Errors
/// `INVALID_JSON` for malformed JSON, `INVALID_FIELD` for `null`, a list or an object.
pub(crate) fn text_value(raw: &str) -> Result<String, ParseError> {
    let field = &super::schema::TEXT_ITEM;
    let raw = raw.trim();
    let mut jiter = Jiter::new(raw.as_bytes());
    jiter
        .next_skip()
        .and_then(|()| jiter.finish())
        .map_err(|e| ParseError::new(ErrorCode::InvalidJson, "", e.error_type.to_string()))?;
    match scalar(field, raw, &Path::Root(""), None, true)? {
        Some(Captured::Text(text)) => Ok(text.into_owned()),
        _ => Err(invalid_type(&Path::Root(""), Shape::of(raw), "a string")),
    }
}

/// Decodes only when the value is needed (an escaped string left undecoded is still valid).
fn decoded_if(inner: &str, needed: bool) -> Cow<'_, str> {
    if needed {
        decoded(inner)
    } else {
        Cow::Borrowed(inner)
    }
}

/// `INVALID_FIELD`: the value has the wrong JSON type.
pub(crate) fn invalid_type(path: &Path<'_>, shape: Shape<'_>, expected: &str) -> ParseError {
    ParseError::new(
        ErrorCode::InvalidField,
        path.render(),
        format!("invalid type: {}, expected {expected}", shape.name()),
    )
}

/// `INVALID_FIELD`: the value has the right type but cannot be read.
pub(crate) fn invalid_value(path: &Path<'_>, value: &str, expected: &str) -> ParseError {
    let shown: String = value.chars().take(40).collect();
    ParseError::new(
        ErrorCode::InvalidField,
        path.render(),
        format!("invalid value: {shown:?}, expected {expected}"),
    )
}
