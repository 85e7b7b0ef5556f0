//! Tolerant readers for PortOne's loosely typed JSON.
//!
//! PortOne (and the mobile wrappers around its SDK) send `"true"` for `true`, numbers as
//! numeric strings, IDs as numbers and `null` for absent values. These readers accept those
//! spellings and nothing else, so a malformed field is still an error with its path.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A text field that may arrive as a string, a number or a boolean (kept as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text<'a>(pub Cow<'a, str>);

/// A boolean that may arrive as `true`/`false` or as the strings `"true"`/`"false"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flag(pub bool);

/// An integer (UNIX seconds, counts, codes) that may arrive as a number or a numeric string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Int(pub i64);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(if v { "true" } else { "false" })))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;
        impl Visitor<'_> for FlagVisitor {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean or \"true\"/\"false\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                flag_from_text(v)
                    .map(Flag)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(FlagVisitor)
    }
}

/// The visitor behind [`Int`], shared with [`IntOrBlank`].
struct IntVisitorRef;

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntVisitorRef)
    }
}

impl Visitor<'_> for IntVisitorRef {
    type Value = Int;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or a string holding one")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
        Ok(Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
        i64::try_from(v)
            .map(Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
        // 1e15 < 2^53: every integral f64 below it is exact.
        if v.fract() == 0.0 && v.abs() < 1e15 {
            #[allow(clippy::cast_possible_truncation)]
            Ok(Int(v as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
        int_from_text(v)
            .map(Int)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// `"true"`/`"false"` in any case, surrounding spaces ignored.
pub(crate) fn flag_from_text(text: &str) -> Option<bool> {
    match text.trim() {
        t if t.eq_ignore_ascii_case("true") => Some(true),
        t if t.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Below 1e15 (< 2^53) every whole number is exact in JavaScript and in an `f64`.
const MAX_WHOLE: i64 = 999_999_999_999_999;

/// An integer written as a JSON number: whole numbers in `i64`, or an exactly whole value
/// in decimal or exponent form below 1e15 (`1648344363.0`, `1e3`).
pub(crate) fn int_from_number(token: &str) -> Option<i64> {
    if let Ok(int) = token.parse::<i64>() {
        return Some(int);
    }
    if !token.contains(['.', 'e', 'E']) {
        return None; // a whole number beyond i64
    }
    crate::amount::Amount::parse(token)?
        .as_integer()
        .filter(|int| int.abs() <= MAX_WHOLE)
}

/// An integer held in a string: as [`int_from_number`], surrounding spaces and a leading
/// `+` allowed.
pub(crate) fn int_from_text(text: &str) -> Option<i64> {
    let trimmed = text.trim();
    let number = match trimmed.strip_prefix('+') {
        Some(rest) if rest.starts_with(['-', '+']) => return None,
        Some(rest) => rest,
        None => trimmed,
    };
    int_from_number(number)
}

/// The integer `text` spells in its one canonical form (`"7"`, not `"+7"` or `"07"`): numeric
/// codes are written back as numbers only when no spelling is lost.
pub(crate) fn canonical_int(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|n| n.to_string() == text)
}

/// `deserialize_with` for `Option<String>` fields.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Text<'de>>::deserialize(d)?.map(|t| t.0.into_owned()))
}

/// `deserialize_with` for `Option<bool>` fields.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(Option::<Flag>::deserialize(d)?.map(|f| f.0))
}

/// `deserialize_with` for `Option<i64>` fields; an empty string counts as absent.
pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<IntOrBlank>::deserialize(d)?.and_then(|v| v.0))
}

/// `deserialize_with` for a required `String` field.
pub(crate) fn required_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Text::deserialize(d)?.0.into_owned())
}

/// `deserialize_with` for a required `i64` field.
pub(crate) fn required_int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(Int::deserialize(d)?.0)
}

/// `deserialize_with` for `Vec<String>` fields where `null` means empty.
pub(crate) fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let texts = Option::<Vec<Text<'de>>>::deserialize(d)?.unwrap_or_default();
    Ok(texts.into_iter().map(|t| t.0.into_owned()).collect())
}

/// An [`Int`] that also accepts `""` (as no value): PGs send blank strings for unset times.
pub(crate) struct IntOrBlank(pub Option<i64>);

impl<'de> Deserialize<'de> for IntOrBlank {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntOrBlankVisitor;
        impl Visitor<'_> for IntOrBlankVisitor {
            type Value = IntOrBlank;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrBlank, E> {
                IntVisitorRef.visit_i64(v).map(|i| IntOrBlank(Some(i.0)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrBlank, E> {
                IntVisitorRef.visit_u64(v).map(|i| IntOrBlank(Some(i.0)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<IntOrBlank, E> {
                IntVisitorRef.visit_f64(v).map(|i| IntOrBlank(Some(i.0)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IntOrBlank, E> {
                if v.trim().is_empty() {
                    return Ok(IntOrBlank(None));
                }
                int_from_text(v)
                    .map(|i| IntOrBlank(Some(i)))
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(IntOrBlankVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(default, deserialize_with = "text")]
        s: Option<String>,
        #[serde(default, deserialize_with = "flag")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "int")]
        i: Option<i64>,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_portone_spellings() {
        let p = probe(r#"{"s": 123, "b": "true", "i": "1648344363"}"#).unwrap();
        assert_eq!(p.s.as_deref(), Some("123"));
        assert_eq!(p.b, Some(true));
        assert_eq!(p.i, Some(1_648_344_363));
        let p = probe(r#"{"s": null, "b": "FALSE", "i": ""}"#).unwrap();
        assert_eq!((p.s, p.b, p.i), (None, Some(false), None));
        let p = probe(r#"{"i": 1648344363.0}"#).unwrap();
        assert_eq!(p.i, Some(1_648_344_363));
    }

    #[test]
    fn rejects_other_spellings() {
        assert!(probe(r#"{"b": "yes"}"#).is_err());
        assert!(probe(r#"{"b": 1}"#).is_err());
        assert!(probe(r#"{"i": "12a"}"#).is_err());
        assert!(probe(r#"{"i": 1.5}"#).is_err());
        assert!(probe(r#"{"s": {}}"#).is_err());
    }
}
