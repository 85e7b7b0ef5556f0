//! JSON decoding with field-path errors (the path found by [`error_path`] after a failure).

use serde::de::DeserializeOwned;

use super::error_path;
use crate::error::{ErrorCode, ParseError};

/// Strips a UTF-8 byte-order mark, which some HTTP stacks leave in front of a body.
pub(crate) fn without_bom(input: &[u8]) -> &[u8] {
    input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input)
}

/// Decodes the JSON object `T`, turning failures into [`ParseError`]s with the path of the
/// bad field. Anything but an object at the top (serde would read an array as a struct's
/// fields by position) is `INVALID_INPUT`.
pub(crate) fn decode<T: DeserializeOwned>(input: &[u8]) -> Result<T, ParseError> {
    let input = without_bom(input);
    if input.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(input) {
                Ok(_) => ParseError::new(ErrorCode::InvalidInput, "", "expected a JSON object"),
                Err(err) => from_json_error(&err, String::new()),
            },
        );
    }
    let mut de = serde_json::Deserializer::from_slice(input);
    let value = T::deserialize(&mut de).map_err(|err| {
        // The path of the value serde_json stopped in or right after (for a missing
        // field, the object it stopped in).
        let offset = error_path::offset_of(input, err.line(), err.column());
        let blame = match err.to_string().starts_with("missing field") {
            true => error_path::Blame::Inside,
            false => error_path::Blame::InsideOrAfter,
        };
        from_json_error(&err, error_path::path_at(input, offset, blame))
    })?;
    de.end().map_err(|e| from_json_error(&e, String::new()))?;
    Ok(value)
}

/// Classifies a `serde_json` error: syntax → `INVALID_JSON`, missing field →
/// `MISSING_FIELD` (with the field appended to the path), a duplicate key or any other data
/// error → `INVALID_FIELD`; a data error at the top → `INVALID_INPUT`.
pub(crate) fn from_json_error(err: &serde_json::Error, path: String) -> ParseError {
    use serde_json::error::Category;
    let text = err.to_string();
    match err.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            ParseError::new(ErrorCode::InvalidJson, path, text)
        }
        Category::Data => {
            if let Some(field) = quoted_field(&text, "missing field `") {
                let message = format!("missing field `{field}`");
                ParseError::new(ErrorCode::MissingField, field, message).within(&path)
            } else if let Some(field) = quoted_field(&text, "duplicate field `") {
                let message = format!("duplicate field `{field}`");
                ParseError::new(ErrorCode::InvalidField, field, message).within(&path)
            } else if path.is_empty() {
                ParseError::new(ErrorCode::InvalidInput, path, text)
            } else {
                ParseError::new(ErrorCode::InvalidField, path, text)
            }
        }
    }
}

/// The field name in serde's "missing field `x`" / "duplicate field `x`" messages.
fn quoted_field<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        n: u8,
    }

    #[test]
    fn reports_paths_and_codes() {
        let e = decode::<Outer>(br#"{"inner":[{"n":1},{"n":"x"}]}"#).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InvalidField, "inner[1].n")
        );
        let e = decode::<Outer>(br#"{"inner":[{}]}"#).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::MissingField, "inner[0].n")
        );
        let e = decode::<Outer>(br#"{"inner":[{"n":1}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        assert!(!e.path().contains('?'), "{e:?}");
        let e = decode::<Outer>(br#"{"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidJson, ""));
        let e = decode::<Outer>(b"[1]").unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidInput, ""));
        let e = decode::<Outer>(br#"{"inner":[]} x"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
    }
}
