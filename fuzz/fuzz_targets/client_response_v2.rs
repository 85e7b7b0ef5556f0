//! The V2 client's response readers (`client::v2::response`). Input: one byte choosing the
//! HTTP status, then the body.
//!
//! - `check_status` passes exactly the 2xx statuses; otherwise its error has that status, the
//!   code `error_code` gives for the status and the error's own `type`, a `type` that is never
//!   blank and is the body's when the body (read by serde_json) is an object with one string
//!   `type`, and a `Retry-After` only when the error is retried (`RATE_LIMITED`,
//!   `SERVER_ERROR`);
//! - every 2xx reading (`AnswerV2::read`) agrees with its type's own reader: a payment with
//!   `parse_payment_v2`, a page, a cancellation and a pre-registration with `T::parse_json`;
//!   both accept and the value writes the same canonical JSON, or both refuse. The reading
//!   refuses only with `INVALID_RESPONSE`, and a pre-registration answer that looks like an
//!   error (a top-level `type` or `code`) is refused even when it would read.
#![no_main]

use fuzz_support::{disagree, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::client::v2::response::{check_status, error_code};
use portone_verify::client::v2::AnswerV2;
use portone_verify::client::{ClientError, ClientErrorCode, HttpResponse};
use portone_verify::parse_payment_v2;
use portone_verify::types::v2::{CancelPaymentResponse, GetPaymentsResponse, PreRegisterPaymentResponse};
use portone_verify::types::Wire;

const STATUSES: [u16; 16] = [200, 201, 204, 299, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503, 100, 999];

/// The body's `type` as serde_json reads it, when the body is an object with exactly one
/// `type` member (serde_json keeps the last of duplicates; the client reads the first).
fn body_type(body: &[u8]) -> Option<Option<String>> {
    let serde_json::Value::Object(object) = serde_json::from_slice(body).ok()? else {
        return Some(None);
    };
    let text = std::str::from_utf8(body).ok()?;
    if text.matches("\"type\"").count() > 1 || text.contains('\\') {
        return None; // a duplicate, or an escaped key or value: not compared
    }
    Some(object.get("type").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).map(str::to_owned))
}

/// `read` agrees with the type's own reader `typed` (its value's canonical JSON).
fn twins(what: &str, read: &Result<String, ClientError>, typed: Result<String, String>) {
    if let Err(err) = read {
        if err.code() != ClientErrorCode::InvalidResponse {
            disagree!("{what}: refused with {:?}, not INVALID_RESPONSE", err.code());
        }
    }
    match (read, &typed) {
        (Ok(a), Ok(b)) if same_json(a, b) => {}
        (Err(_), Err(_)) => {}
        (a, b) => disagree!("{what}: the client read {a:?}, the type's reader {b:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(pick) % STATUSES.len()];

    match check_status("getPayment", status, body, Some(1000)) {
        Ok(()) if (200..300).contains(&status) => {}
        Ok(()) => disagree!("HTTP {status} passed"),
        Err(_) if (200..300).contains(&status) => disagree!("HTTP {status} refused"),
        Err(err) => {
            if err.status() != Some(status) {
                disagree!("HTTP {status} reported as {:?}", err.status());
            }
            if Some(err.code()) != error_code(status, err.portone_type()) {
                disagree!("HTTP {status} type {:?} gave {:?}", err.portone_type(), err.code());
            }
            if err.portone_type().is_some_and(str::is_empty) {
                disagree!("a blank type");
            }
            if let Some(expected) = body_type(body) {
                if err.portone_type() != expected.as_deref() {
                    disagree!("type {:?}, but the body's is {expected:?}", err.portone_type());
                }
            }
            let retried = matches!(err.code(), ClientErrorCode::RateLimited | ClientErrorCode::ServerError);
            if err.retry_after_ms() != retried.then_some(1000) {
                disagree!("{:?} with Retry-After {:?}", err.code(), err.retry_after_ms());
            }
        }
    }

    let answer = HttpResponse { status: 200, headers: Vec::new(), body: body.to_vec() };
    let written = |value: Result<String, portone_verify::ParseError>| value.map_err(|e| format!("{e:?}"));
    twins(
        "payment",
        &AnswerV2::Payment.read(&answer),
        written(parse_payment_v2(body).map(|p| p.to_canonical_json())),
    );
    twins(
        "payments",
        &AnswerV2::Payments.read(&answer),
        written(GetPaymentsResponse::parse_json(body).map(|p| p.to_canonical_json())),
    );
    twins(
        "cancelled",
        &AnswerV2::Cancelled.read(&answer),
        written(CancelPaymentResponse::parse_json(body).map(|p| p.to_canonical_json())),
    );
    let pre_registered = AnswerV2::PreRegistered.read(&answer);
    let typed = written(PreRegisterPaymentResponse::parse_json(body).map(|p| p.to_canonical_json()));
    let looks_like_error = matches!(
        serde_json::from_slice::<serde_json::Value>(body),
        Ok(serde_json::Value::Object(o)) if o.contains_key("type") || o.contains_key("code")
    );
    match (&pre_registered, looks_like_error) {
        (Ok(_), true) => disagree!("a pre-registration answer that looks like an error was read"),
        (Err(err), true) if err.code() != ClientErrorCode::InvalidResponse => {
            disagree!("pre-registration refused with {:?}", err.code())
        }
        (_, true) => {}
        (_, false) => twins("pre-registered", &pre_registered, typed),
    }
});
