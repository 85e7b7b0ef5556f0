//! `parse_redirect_query`: the query PortOne appends to `m_redirect_url`.

use crate::error::{ErrorCode, ParseError};
use crate::lenient::Flag;
use crate::types::RequestPayResponse;

/// Parses the `m_redirect_url` landing URL or its query string (with or without `?`) into
/// the same shape as the callback. Reads `imp_uid`, `merchant_uid`, `imp_success`,
/// `success`, `error_code`, `error_msg`; other parameters are ignored. Percent-encoding and
/// `+` are decoded; empty values count as absent.
///
/// # Errors
/// `INVALID_FIELD` (path = the parameter) for a flag that is neither `true` nor `false`.
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
    let mut response = RequestPayResponse::default();
    for (key, value) in form_urlencoded::parse(query_part(input).as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let text = Some(value.to_owned());
        match &*key {
            "imp_uid" => response.imp_uid = text,
            "merchant_uid" => response.merchant_uid = text,
            "error_code" => response.error_code = text,
            "error_msg" => response.error_msg = text,
            "success" => response.reported_success = Some(flag(&key, value)?),
            "imp_success" => response.reported_imp_success = Some(flag(&key, value)?),
            _ => {}
        }
    }
    response.normalise();
    Ok(response)
}

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

fn flag(key: &str, value: &str) -> Result<bool, ParseError> {
    serde_json::from_value::<Flag>(serde_json::Value::String(value.to_owned()))
        .map(|f| f.0)
        .map_err(|_| {
            ParseError::new(
                ErrorCode::InvalidField,
                key,
                format!("{key} must be true or false, got {value:?}"),
            )
        })
}
