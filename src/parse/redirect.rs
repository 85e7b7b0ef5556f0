//! `parse_redirect_query`: the query PortOne appends to `m_redirect_url`.

use super::callback::{parse_request_pay_response, request_pay_response_json};
use crate::error::{ErrorCode, ParseError};
use crate::types::RequestPayResponse;

/// Parses the `m_redirect_url` landing URL or its query string (with or without `?`) into
/// the same shape as the callback. Reads `imp_uid`, `merchant_uid`, `imp_success`,
/// `success`, `error_code`, `error_msg`; other parameters are ignored. Percent-encoding and
/// `+` are decoded; empty values count as absent.
///
/// # Errors
/// `INVALID_FIELD` (path = the parameter) for a flag that is neither `true` nor `false`;
/// `INVALID_INPUT` when the URL carries none of PortOne's parameters (it is no payment
/// result, e.g. the page was opened directly).
///
/// # Example
/// ```
/// let q = "https://shop.example/done?imp_uid=imp_1&merchant_uid=o%2D1&imp_success=true";
/// let r = portone_verify::parse_redirect_query(q)?;
/// assert_eq!(r.merchant_uid.as_deref(), Some("o-1"));
/// assert!(r.success);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_redirect_query(input: &str) -> Result<RequestPayResponse, ParseError> {
    parse_request_pay_response(redirect_query_object(input)?.as_bytes())
}

/// [`parse_redirect_query`]'s result as canonical JSON, without building it (what
/// `parseRedirectQuery` hands to JavaScript).
///
/// # Errors
/// As [`parse_redirect_query`].
///
/// # Example
/// ```
/// let json = portone_verify::redirect_query_json("?imp_uid=imp_1&imp_success=false")?;
/// assert!(json.starts_with(r#"{"success":false,"error_code":null"#));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn redirect_query_json(input: &str) -> Result<String, ParseError> {
    request_pay_response_json(redirect_query_object(input)?.as_bytes())
}

/// The parameters the callback shares with the query, as the callback's JSON object.
fn redirect_query_object(input: &str) -> Result<String, ParseError> {
    query_object(
        input,
        PARAMETERS,
        "the URL carries none of PortOne's parameters (imp_uid, merchant_uid, imp_success, \
         success, error_code, error_msg)",
    )
}

/// The `parameters` a redirect URL (or its query) carries, as a JSON object of their
/// values, all strings (which the result types' readers accept for every field they have);
/// empty values and other parameters are left out. `INVALID_INPUT` with `none` when there is
/// none: a URL without PortOne's parameters is no payment result.
pub(super) fn query_object(
    input: &str,
    parameters: &[&str],
    none: &'static str,
) -> Result<String, ParseError> {
    let object = form_object(query_part(input).as_bytes(), parameters);
    if object.len() == 2 {
        return Err(ParseError::new(ErrorCode::InvalidInput, "", none));
    }
    Ok(object)
}

/// The `parameters` of an `application/x-www-form-urlencoded` text, as a JSON object of
/// their values (all strings); empty values and other parameters are left out.
pub(crate) fn form_object(form: &[u8], parameters: &[&str]) -> String {
    let mut object = String::from("{");
    for (key, value) in form_urlencoded::parse(form) {
        let value = value.trim();
        if value.is_empty() || !parameters.contains(&&*key) {
            continue;
        }
        if object.len() > 1 {
            object.push(',');
        }
        // `key` is one of `parameters` (no escapes needed).
        object.push('"');
        object.push_str(&key);
        object.push_str("\":");
        crate::json_writer::push_string(&mut object, value);
    }
    object.push('}');
    object
}

/// The parameters PortOne appends to `m_redirect_url`.
const PARAMETERS: &[&str] = &[
    "imp_uid",
    "merchant_uid",
    "imp_success",
    "success",
    "error_code",
    "error_msg",
];

/// The part after `?` (up to any `#`), or the whole input when it has no `?`.
fn query_part(input: &str) -> &str {
    let input = input.trim();
    let without_fragment = input.split('#').next().unwrap_or(input);
    match without_fragment.split_once('?') {
        Some((_, query)) => query,
        None if without_fragment.contains('=') => without_fragment,
        None => "",
    }
}
