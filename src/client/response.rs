//! HTTP status + body bytes → typed result or [`ClientError`]. Pure: the transport hands
//! over what it received and gets a decision back.

use serde::de::DeserializeOwned;

use super::error::{ClientError, ClientErrorCode};
use super::redact::MIN_SECRET_CHARS;
use super::types::PaymentsResult;
use crate::error::{ErrorCode, ParseError};
use crate::json_writer::ObjectWriter;
use crate::parse::parse_enveloped;
use crate::read::{self, Envelope, Schema};
use crate::types::declare::sealed::Declared;
use crate::types::{
    AuthAnnotation, PagedList, PaymentAnnotation, PaymentBalance, PaymentPrepareAnnotation, Wire,
};

/// The `Retry-After` an error of `code` carries: the server's, only for the errors a read is
/// retried on (`RATE_LIMITED`, `SERVER_ERROR`). V1's and V2's status checks both use it.
pub(crate) fn retry_after_for(code: ClientErrorCode, retry_after_ms: Option<u64>) -> Option<u64> {
    matches!(
        code,
        ClientErrorCode::RateLimited | ClientErrorCode::ServerError
    )
    .then_some(retry_after_ms)
    .flatten()
}

/// The error code for an HTTP status PortOne answered with, `None` for 2xx.
///
/// 401 and 403 are `UNAUTHORIZED`, 404 `NOT_FOUND`, 429 `RATE_LIMITED`, other 4xx
/// `BAD_REQUEST`, 5xx `SERVER_ERROR`, anything else (1xx, 3xx: redirects are not followed)
/// `INVALID_RESPONSE`.
pub fn status_code(status: u16) -> Option<ClientErrorCode> {
    match status {
        200..=299 => None,
        401 | 403 => Some(ClientErrorCode::Unauthorized),
        404 => Some(ClientErrorCode::NotFound),
        429 => Some(ClientErrorCode::RateLimited),
        400..=499 => Some(ClientErrorCode::BadRequest),
        500..=599 => Some(ClientErrorCode::ServerError),
        _ => Some(ClientErrorCode::InvalidResponse),
    }
}

/// Checks the HTTP status of `operation`'s answer. A 2xx passes; anything else becomes the
/// error of [`status_code`], with the status, PortOne's envelope `code`/`message` when the
/// body has them, and `retry_after_ms` for 429 and 5xx.
///
/// # Errors
/// The error for a non-2xx status.
pub fn check_status(
    operation: &str,
    status: u16,
    body: &[u8],
    retry_after_ms: Option<u64>,
) -> Result<(), ClientError> {
    let Some(code) = status_code(status) else {
        return Ok(());
    };
    let (api_code, api_message) = envelope_summary(body);
    let what = match (code, operation) {
        (ClientErrorCode::Unauthorized, "getToken") => "PortOne rejected the API key or secret",
        (ClientErrorCode::Unauthorized, _) => "PortOne rejected the access token",
        (ClientErrorCode::NotFound, _) => "PortOne found nothing",
        (ClientErrorCode::RateLimited, _) => "PortOne is rate-limiting this client",
        (ClientErrorCode::BadRequest, _) => "PortOne rejected the request",
        (ClientErrorCode::ServerError, _) => "PortOne failed",
        _ => "PortOne answered with an unexpected status",
    };
    let detail = api_message
        .as_deref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    let retry_after = retry_after_for(code, retry_after_ms);
    Err(
        ClientError::new(code, format!("{operation}: {what} (HTTP {status}){detail}"))
            .with_status(status)
            .with_api(api_code, api_message)
            .with_retry_after_ms(retry_after),
    )
}

/// Decodes a 2xx answer `{code, message, response: T}` (or a bare `T`).
///
/// # Errors
/// `API_ERROR` (with `apiCode`/`apiMessage`) for `code != 0`; `INVALID_RESPONSE` with the
/// field path for a body that is not JSON, is cut short, has `response: null` or does not
/// have `T`'s shape.
pub fn decode<T: Wire>(body: &[u8]) -> Result<T, ClientError> {
    parse_enveloped::<T>(body).map_err(ClientError::from_response_parse)
}

/// Decodes the answer of `POST /users/getToken`. Malformed answers are reported by field
/// path only: the body holds a token, so the parser's own text (which may quote values) is
/// not repeated.
///
/// # Errors
/// As [`decode`]; a `null` or blank `expired_at`/`now`, or a token shorter than 8 characters
/// ([`MIN_SECRET_CHARS`](super::MIN_SECRET_CHARS)), is malformed too.
pub fn decode_token(body: &[u8]) -> Result<AuthAnnotation, ClientError> {
    let malformed = |path: &str| {
        let message = format!("getToken: PortOne's answer is malformed at `{path}`");
        ClientError::invalid_response(path, message)
    };
    let auth = parse_enveloped::<AuthAnnotation>(body).map_err(|err| {
        match ClientError::from_response_parse(err) {
            err if err.code() == ClientErrorCode::InvalidResponse => {
                malformed(err.path().unwrap_or_default())
            }
            err => err,
        }
    })?;
    // A token shorter than this could not be redacted from messages (see `ClientError::redacted`);
    // PortOne's are 40 hexadecimal digits.
    if auth.access_token.trim().chars().count() < MIN_SECRET_CHARS {
        return Err(malformed("response.access_token"));
    }
    Ok(auth)
}

/// The canonical JSON of the answer of `GET /payments/{imp_uid}/balance` (what
/// [`decode`]`::<PaymentBalance>` reads, as JavaScript parses it).
///
/// # Errors
/// As [`decode`].
///
/// [`PaymentBalance`]: crate::types::PaymentBalance
pub fn balance_json(body: &[u8]) -> Result<String, ClientError> {
    enveloped_json(body, PaymentBalance::SCHEMA)
}

/// The canonical JSON of a prepared amount (`POST /payments/prepare` and
/// `GET /payments/prepare/{merchant_uid}`), as [`balance_json`] is of a balance.
///
/// # Errors
/// As [`decode`].
pub fn prepared_json(body: &[u8]) -> Result<String, ClientError> {
    enveloped_json(body, PaymentPrepareAnnotation::SCHEMA)
}

fn enveloped_json(body: &[u8], schema: &'static Schema) -> Result<String, ClientError> {
    read::utf8(body)
        .and_then(|text| read::read_enveloped(text, schema, true))
        .map(|read| read.json)
        .map_err(ClientError::from_response_parse)
}

/// The canonical JSON of a payment answer (see [`crate::payment_json`]): what
/// [`decode`]`::<PaymentAnnotation>` reads, as text JavaScript parses in one go.
///
/// # Errors
/// As [`decode`].
pub fn payment_json(body: &[u8]) -> Result<String, ClientError> {
    crate::payment_json(body).map_err(ClientError::from_response_parse)
}

/// Decodes the answer of `GET /payments` (an envelope around an array). HTTP 207 means some
/// ids were not found: the payments found are kept and `partial` is set, even when the
/// envelope's `code` is not 0 or its `response` is missing.
///
/// # Errors
/// `API_ERROR` for a 200 with `code != 0`; `INVALID_RESPONSE` as in [`decode`].
pub fn decode_payments(status: u16, body: &[u8]) -> Result<PaymentsResult, ClientError> {
    from_canonical(&payments_json(status, body)?)
}

/// [`decode_payments`] as canonical JSON: `{"payments":[…],"partial":…,"message":…}`.
///
/// # Errors
/// As [`decode_payments`].
pub fn payments_json(status: u16, body: &[u8]) -> Result<String, ClientError> {
    let partial = status == 207;
    let envelope = raw_envelope(body)?;
    if !partial {
        check_code(&envelope)?;
    }
    let payments = match envelope.response {
        Some(raw) => {
            read::list_json(raw, PaymentAnnotation::SCHEMA, "response")
                .map_err(ClientError::from_response_parse)?
                .0
        }
        None if partial => "[]".to_owned(),
        None => return Err(no_response()),
    };
    Ok(ObjectWriter::new()
        .raw("payments", &payments)
        .bool("partial", partial)
        .string_or_null("message", envelope.message.as_deref())
        .finish())
}

/// Decodes a paged payment list (`findAll`, `status`, billing-key payments). A bare array
/// in `response` (as the billing-key page of PortOne's docs shows) becomes a single page.
///
/// # Errors
/// As [`decode`].
pub fn decode_payment_page(body: &[u8]) -> Result<PagedList<PaymentAnnotation>, ClientError> {
    PagedList::from_canonical_json(&payment_page_json(body)?)
        .map_err(ClientError::from_response_parse)
}

/// [`decode_payment_page`] as canonical JSON: `{"total":…,"previous":…,"next":…,"list":[…]}`.
///
/// # Errors
/// As [`decode`].
pub fn payment_page_json(body: &[u8]) -> Result<String, ClientError> {
    let envelope = raw_envelope(body)?;
    check_code(&envelope)?;
    let raw = envelope.response.ok_or_else(no_response)?;
    read::page_json(
        raw,
        PagedList::<PaymentAnnotation>::SCHEMA,
        PaymentAnnotation::SCHEMA,
        "response",
    )
    .map_err(ClientError::from_response_parse)
}

fn no_response() -> ClientError {
    ClientError::invalid_response("response", "PortOne's answer has no response")
}

/// The typed value of canonical text the reader wrote (it always has the type's shape).
fn from_canonical<T: DeserializeOwned>(canonical: &str) -> Result<T, ClientError> {
    serde_json::from_str(canonical).map_err(|e| {
        let internal = ParseError::new(ErrorCode::InvalidInput, "", format!("internal: {e}"));
        ClientError::from_response_parse(internal)
    })
}

/// Parses a `Retry-After` header: delta-seconds, or an HTTP date compared with `now_ms`
/// (UNIX milliseconds). `None` when absent or unreadable.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at_ms = http_date_ms(value)?;
    let delay = at_ms - now_ms;
    // A date in the past means "now".
    Some(if delay > 0.0 { delay as u64 } else { 0 })
}

/// `API_ERROR` (with PortOne's `code` and `message`) unless `code` is 0 (or absent).
fn check_code(envelope: &Envelope<'_>) -> Result<(), ClientError> {
    match envelope.code.unwrap_or(0) {
        0 => Ok(()),
        code => Err(ClientError::from_response_parse(ParseError::api(
            code,
            envelope.message.clone(),
        ))),
    }
}

/// The envelope of a 2xx answer, or `INVALID_RESPONSE` for a body that is not one.
fn raw_envelope(body: &[u8]) -> Result<Envelope<'_>, ClientError> {
    read::utf8(body)
        .and_then(read::read_envelope)
        .map_err(ClientError::from_response_parse)
}

/// PortOne's `code` and `message` from an error body, when it is an envelope.
fn envelope_summary(body: &[u8]) -> (Option<i64>, Option<String>) {
    match raw_envelope(body) {
        Ok(envelope) => (envelope.code, envelope.message.filter(|m| !m.is_empty())),
        Err(_) => (None, None),
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as UNIX milliseconds.
fn http_date_ms(value: &str) -> Option<f64> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(str::parse::<i64>);
    let (h, m, s) = (
        clock.next()?.ok()?,
        clock.next()?.ok()?,
        clock.next()?.ok()?,
    );
    // A four-digit year (IMF-fixdate's): a larger one overflowed the arithmetic below (found
    // by fuzzing, tests/fuzz_regressions.rs).
    if parts.next()? != "GMT"
        || !(1..=31).contains(&day)
        || !(1..=9999).contains(&year)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&m)
        || !(0..=60).contains(&s)
    {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_reads_http_dates() {
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 PST"), None);
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 4_000.0),
            Some(6_000)
        );
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 40_000.0),
            Some(0)
        );
        assert_eq!(parse_retry_after(" 3 ", 0.0), Some(3_000));
        assert_eq!(parse_retry_after("soon", 0.0), None);
    }
}
