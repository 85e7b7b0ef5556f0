//! A V2 request body as JSON text (a caller's object, or a typed body's canonical JSON),
//! checked against its declared type ([`GetPaymentsBody`](crate::types::v2::GetPaymentsBody),
//! [`CancelPaymentBody`](crate::types::v2::CancelPaymentBody),
//! [`PreRegisterPaymentBody`](crate::types::v2::PreRegisterPaymentBody)) and sent as given: every
//! key must be the declaration's, at any depth (a misspelt `amount` would cancel the whole
//! payment; a misspelt filter would list every payment), no integer may be negative, and the
//! declaration's reader must accept it (required fields, types). No typed value is built, so
//! the WebAssembly build carries no builder or writer of these types; no second list of keys
//! exists: the schema is the declaration's.

use jiter::{Jiter, Peek};

use crate::client::error::ClientError;
use crate::error::ParseError;
use crate::json_writer::push_string;
use crate::read::{Kind, Path, Schema};
use crate::types::Wire;

/// Checks the JSON object `input` as the request body `T` and returns it as sent (surrounding
/// whitespace trimmed). Errors are `INVALID_ARGUMENT` with the field's path under `prefix`.
///
/// # Errors
/// `INVALID_ARGUMENT` for input that is not a JSON object, an unknown key, a negative integer,
/// a missing required field or a value of the wrong type.
///
/// ```
/// use portone_verify::client::v2::read_request_body;
/// use portone_verify::types::v2::CancelPaymentBody;
/// let body = read_request_body::<CancelPaymentBody>(br#" {"reason":"out of stock","amount":1000}"#, "options")?;
/// assert_eq!(body, r#"{"reason":"out of stock","amount":1000}"#);
/// let typo = read_request_body::<CancelPaymentBody>(br#"{"reason":"r","amout":1000}"#, "options");
/// assert_eq!(typo.unwrap_err().path(), Some("options.amout"));
/// let negative = read_request_body::<CancelPaymentBody>(br#"{"reason":"r","amount":-1}"#, "options");
/// assert_eq!(negative.unwrap_err().path(), Some("options.amount"));
/// # Ok::<(), portone_verify::client::ClientError>(())
/// ```
pub fn read_request_body<T: Wire>(input: &[u8], prefix: &str) -> Result<String, ClientError> {
    read_body(input, prefix, T::SCHEMA, T::canonical_json)
}

/// [`read_request_body`] for the type whose schema is `schema` and whose reader is `read`:
/// out of line and not generic, so the check exists once, not once per body type.
#[inline(never)]
fn read_body(
    input: &[u8],
    prefix: &str,
    schema: &'static Schema,
    read: fn(&[u8]) -> Result<String, ParseError>,
) -> Result<String, ClientError> {
    let not_object =
        || ClientError::invalid_argument(prefix, format!("{prefix} must be an object"));
    let text = std::str::from_utf8(input).map_err(|_| not_object())?.trim();
    let mut jiter = Jiter::new(text.as_bytes());
    if jiter.peek().ok() != Some(Peek::Object) {
        return Err(not_object());
    }
    // Keys and signs first (their errors name the key); then the type's reader, whose errors
    // carry the path of any other bad value.
    if let Err(err) = known_keys(&mut jiter, schema, &Path::Root(prefix)) {
        return Err(err.unwrap_or_else(not_object));
    }
    read(text.as_bytes()).map_err(|err| ClientError::from_argument_parse(&err, prefix))?;
    Ok(text.to_owned())
}

/// Walks the object at the cursor: `Err(Some)` for the first unknown key or negative integer,
/// `Err(None)` for input that is not JSON (the type's reader then says where).
fn known_keys(
    jiter: &mut Jiter<'_>,
    schema: &'static Schema,
    path: &Path<'_>,
) -> Result<(), Option<ClientError>> {
    let mut key = jiter.known_object().map_err(|_| None)?.map(str::to_owned);
    while let Some(name) = key {
        let here = Path::Key(path, &name);
        let refuse = |what: &str| {
            let rendered = here.render();
            let message = format!("{rendered} {what}");
            Err(Some(ClientError::invalid_argument(rendered, message)))
        };
        let Some(field) = schema.fields.iter().find(|f| f.name == name) else {
            return refuse("is not an option here (check its spelling)");
        };
        let peek = jiter.peek().map_err(|_| None)?;
        match (field.kind, peek) {
            (Kind::Int, Peek::Minus) => return refuse("must not be negative"),
            (Kind::Object(nested), Peek::Object) => known_keys(jiter, nested, &here)?,
            (Kind::List(nested), Peek::Array) => {
                let mut next = jiter.known_array().map_err(|_| None)?;
                let mut index = 0;
                while let Some(peek) = next {
                    let element = Path::Index(&here, index);
                    match peek {
                        Peek::Object => known_keys(jiter, nested, &element)?,
                        other => jiter.known_skip(other).map_err(|_| None)?,
                    }
                    index += 1;
                    next = jiter.array_step().map_err(|_| None)?;
                }
            }
            (_, other) => jiter.known_skip(other).map_err(|_| None)?,
        }
        key = jiter.next_key().map_err(|_| None)?.map(str::to_owned);
    }
    Ok(())
}

/// `json` (a checked object) with `"storeId": store_id` added where it has none: in the
/// object itself, or with `within` in its member object of that name (made when absent or
/// `null`).
pub(crate) fn with_store_id(json: &str, store_id: &str, within: Option<&str>) -> String {
    let mut member = String::from("\"storeId\":");
    push_string(&mut member, store_id);
    let Some(key) = within else {
        return insert_member(json, &member);
    };
    match member_span(json, key) {
        Some((start, end)) if json.get(start..end).is_some_and(|v| v.starts_with('{')) => {
            let object = json.get(start..end).unwrap_or("{}");
            let inner = insert_member(object, &member);
            format!(
                "{}{inner}{}",
                json.get(..start).unwrap_or(""),
                json.get(end..).unwrap_or("")
            )
        }
        // A `null` (or absent) object: the member object is made.
        Some((start, end)) => format!(
            "{}{{{member}}}{}",
            json.get(..start).unwrap_or(""),
            json.get(end..).unwrap_or("")
        ),
        None => insert_member(json, &format!("\"{key}\":{{{member}}}")),
    }
}

/// `object` with `member` first, unless it has a `storeId` already (or, for the made `filter`
/// member, a `filter`: then `member_span` found it and this is not reached).
fn insert_member(object: &str, member: &str) -> String {
    if member_span(object, "storeId").is_some() {
        return object.to_owned();
    }
    let body = object.trim_start().strip_prefix('{').unwrap_or("}");
    let comma = if body.trim_start().starts_with('}') {
        ""
    } else {
        ","
    };
    format!("{{{member}{comma}{body}")
}

/// Where the value of the top-level member `key` of the JSON object `json` is (byte range).
pub(crate) fn member_span(json: &str, key: &str) -> Option<(usize, usize)> {
    let mut jiter = Jiter::new(json.as_bytes());
    if jiter.peek().ok()? != Peek::Object {
        return None;
    }
    let mut next = jiter.known_object().ok()?.map(|k| k == key);
    while let Some(found) = next {
        let peek = jiter.peek().ok()?;
        let start = jiter.current_index();
        jiter.known_skip(peek).ok()?;
        if found {
            return Some((start, jiter.current_index()));
        }
        next = jiter.next_key().ok()?.map(|k| k == key);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::v2::{CancelPaymentBody, GetPaymentsBody};

    #[test]
    fn the_store_is_added_where_none_is_given() {
        assert_eq!(with_store_id("{}", "s", None), r#"{"storeId":"s"}"#);
        assert_eq!(
            with_store_id(r#"{"a":1}"#, "s\"", None),
            r#"{"storeId":"s\"","a":1}"#
        );
        assert_eq!(
            with_store_id(r#"{"storeId":"t"}"#, "s", None),
            r#"{"storeId":"t"}"#
        );
        let list = |json| with_store_id(json, "s", Some("filter"));
        assert_eq!(list("{}"), r#"{"filter":{"storeId":"s"}}"#);
        assert_eq!(
            list(r#"{"page":{"size":1}}"#),
            r#"{"filter":{"storeId":"s"},"page":{"size":1}}"#
        );
        assert_eq!(list(r#"{"filter":null}"#), r#"{"filter":{"storeId":"s"}}"#);
        assert_eq!(list(r#"{"filter":{ }}"#), r#"{"filter":{"storeId":"s" }}"#);
        assert_eq!(
            list(r#"{"filter":{"isTest":true}}"#),
            r#"{"filter":{"storeId":"s","isTest":true}}"#
        );
        assert_eq!(
            list(r#"{"filter":{"storeId":"t"}}"#),
            r#"{"filter":{"storeId":"t"}}"#
        );
    }

    #[test]
    fn bodies_are_checked_by_their_declaration() {
        let read = |json: &str| read_request_body::<GetPaymentsBody>(json.as_bytes(), "request");
        assert!(read(r#"{"page":{"number":0,"size":2},"filter":{"status":["PAID"],"textSearch":[{"field":"ALL","value":"x"}]}}"#).is_ok());
        let path = |json: &str| read(json).unwrap_err().path().map(str::to_owned);
        assert_eq!(
            path(r#"{"filter":{"textSearch":[{"field":"ALL","valeu":"x"}]}}"#).as_deref(),
            Some("request.filter.textSearch[0].valeu")
        );
        assert_eq!(
            path(r#"{"page":{"size":-1}}"#).as_deref(),
            Some("request.page.size")
        );
        assert_eq!(
            path(r#"{"page":{"size":"ten"}}"#).as_deref(),
            Some("request.page.size")
        );
        assert_eq!(path("[]").as_deref(), Some("request"));
        let cancel =
            |json: &str| read_request_body::<CancelPaymentBody>(json.as_bytes(), "options");
        assert_eq!(cancel("{}").unwrap_err().path(), Some("options.reason"));
    }
}
