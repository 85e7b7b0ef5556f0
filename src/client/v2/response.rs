//! V2 answers: an error status and its `{type, message}` body → a [`ClientError`] with a
//! stable code (the `type` kept); a 2xx body → canonical JSON of the declared type. Pure.

use crate::client::error::{ClientError, ClientErrorCode};
use crate::client::response::{retry_after_for, status_code};
use crate::client::transport::HttpResponse;
use crate::parse::payment_v2_json;
use crate::read;
use crate::types::v2::{CancelPaymentResponse, GetPaymentsResponse, PreRegisterPaymentResponse};
use crate::types::Wire;

/// The code of a V2 error answer with HTTP `status` and body `type`:
///
/// | status / `type` | code |
/// |---|---|
/// | 404, or a `type` ending in `_NOT_FOUND` | `NOT_FOUND` |
/// | 401 | `UNAUTHORIZED` |
/// | 403 | `FORBIDDEN` |
/// | 400 | `INVALID_REQUEST` |
/// | 429 | `RATE_LIMITED` (retried for reads) |
/// | 5xx but `PG_PROVIDER` | `SERVER_ERROR` (retried for reads) |
/// | 1xx, 3xx (redirects are not followed) | `INVALID_RESPONSE` |
/// | anything else (409 conflicts such as `ALREADY_PAID`, 502 `PG_PROVIDER`, other 4xx) | `API_ERROR` |
///
/// `None` for 2xx.
///
/// ```
/// use portone_verify::client::{v2::response::error_code, ClientErrorCode};
/// assert_eq!(error_code(404, Some("PAYMENT_NOT_FOUND")), Some(ClientErrorCode::NotFound));
/// assert_eq!(error_code(409, Some("ALREADY_PAID")), Some(ClientErrorCode::ApiError));
/// assert_eq!(error_code(503, None), Some(ClientErrorCode::ServerError));
/// assert_eq!(error_code(200, None), None);
/// ```
pub fn error_code(status: u16, error_type: Option<&str>) -> Option<ClientErrorCode> {
    status_code(status)?;
    let not_found = error_type.is_some_and(|t| t.ends_with("_NOT_FOUND"));
    Some(match status {
        404 => ClientErrorCode::NotFound,
        _ if not_found => ClientErrorCode::NotFound,
        401 => ClientErrorCode::Unauthorized,
        403 => ClientErrorCode::Forbidden,
        400 => ClientErrorCode::InvalidRequest,
        429 => ClientErrorCode::RateLimited,
        500..=599 if error_type != Some("PG_PROVIDER") => ClientErrorCode::ServerError,
        100..=199 | 300..=399 => ClientErrorCode::InvalidResponse,
        _ => ClientErrorCode::ApiError,
    })
}

/// Checks the HTTP status of `operation`'s V2 answer: a 2xx passes; anything else becomes the
/// error of [`error_code`], with the status, the body's `type` (`portone_type`) and
/// `message` (`api_message`) when it has them, and `retry_after_ms` for 429 and 5xx.
///
/// # Errors
/// The error for a non-2xx status.
pub fn check_status(
    operation: &str,
    status: u16,
    body: &[u8],
    retry_after_ms: Option<u64>,
) -> Result<(), ClientError> {
    let object = std::str::from_utf8(body)
        .map(read::without_bom)
        .unwrap_or("");
    let error_type = read::string_field(object, "type").filter(|t| !t.is_empty());
    let Some(code) = error_code(status, error_type.as_deref()) else {
        return Ok(());
    };
    let message = read::string_field(object, "message").filter(|m| !m.is_empty());
    let what = match code {
        ClientErrorCode::NotFound => "PortOne found nothing",
        ClientErrorCode::Unauthorized => "PortOne rejected the API secret",
        ClientErrorCode::Forbidden => "PortOne refused the request",
        ClientErrorCode::InvalidRequest => "PortOne rejected the request's values",
        ClientErrorCode::RateLimited => "PortOne is rate-limiting this client",
        ClientErrorCode::ServerError => "PortOne failed",
        ClientErrorCode::ApiError => "PortOne refused",
        _ => "PortOne answered with an unexpected status",
    };
    let kind = error_type
        .as_deref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let detail = message
        .as_deref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    let retry_after = retry_after_for(code, retry_after_ms);
    Err(ClientError::new(
        code,
        format!("{operation}: {what} (HTTP {status}{kind}){detail}"),
    )
    .with_status(status)
    .with_api(None, message)
    .with_portone_type(error_type)
    .with_retry_after_ms(retry_after))
}

/// Which reading of a 2xx V2 answer [`AnswerV2::read`] returns as canonical JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerV2 {
    /// A [`Payment`](crate::types::v2::Payment) ([`payment_v2_json`]).
    Payment,
    /// A [`GetPaymentsResponse`].
    Payments,
    /// A [`CancelPaymentResponse`].
    Cancelled,
    /// A [`PreRegisterPaymentResponse`] (`{}`).
    PreRegistered,
}

impl AnswerV2 {
    /// The canonical JSON of `answer`'s body read as `self`.
    ///
    /// # Errors
    /// `INVALID_RESPONSE` with the field path for a body that is not JSON, is cut short or
    /// does not have the type's shape.
    pub fn read(self, answer: &HttpResponse) -> Result<String, ClientError> {
        let body = &answer.body;
        match self {
            AnswerV2::Payment => payment_v2_json(body),
            AnswerV2::Payments => GetPaymentsResponse::canonical_json(body),
            AnswerV2::Cancelled => CancelPaymentResponse::canonical_json(body),
            AnswerV2::PreRegistered => {
                // `{}` is documented; an object with anything at all could be read as it, so one
                // that looks like an error (V2's `type`, or an envelope's `code`) is refused.
                if looks_like_error(body) {
                    return Err(ClientError::invalid_response(
                        "",
                        "PortOne's answer is not the documented one: it looks like an error",
                    ));
                }
                PreRegisterPaymentResponse::canonical_json(body)
            }
        }
        // An error body with a 2xx status (no `api_code`) is `INVALID_RESPONSE` too.
        .map_err(ClientError::from_response_parse)
    }
}

/// Whether a JSON object has a top-level `type` or `code` member (an error body, or V1's
/// envelope).
fn looks_like_error(body: &[u8]) -> bool {
    let mut jiter = jiter::Jiter::new(body);
    if jiter.peek().ok() != Some(jiter::Peek::Object) {
        return false;
    }
    let mut key = jiter
        .known_object()
        .ok()
        .flatten()
        .map(|k| k == "type" || k == "code");
    while let Some(is_error_key) = key {
        if is_error_key {
            return true;
        }
        let Ok(peek) = jiter.peek() else { return false };
        if jiter.known_skip(peek).is_err() {
            return false;
        }
        key = jiter
            .next_key()
            .ok()
            .flatten()
            .map(|k| k == "type" || k == "code");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_pre_registration_answer_that_looks_like_an_error_is_refused() {
        assert!(AnswerV2::PreRegistered.read(&answer("{}")).is_ok());
        assert!(AnswerV2::PreRegistered
            .read(&answer(r#"{"new":[1]}"#))
            .is_ok());
        for body in [
            r#"{"code":1,"message":"x","response":null}"#,
            r#"{"type":"X"}"#,
            "[]",
            "{",
        ] {
            let err = AnswerV2::PreRegistered.read(&answer(body)).unwrap_err();
            assert_eq!(err.code(), ClientErrorCode::InvalidResponse, "{body}");
        }
    }
}
