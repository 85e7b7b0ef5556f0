//! The client's response readers (`client::response`). Input: one byte choosing the HTTP
//! status, then the body (for `parse_retry_after`, the header value up to the first 0xFF
//! byte, then eight bytes of `now`).
//!
//! - every typed reader agrees with its canonical-JSON twin (`decode::<PaymentAnnotation>` /
//!   `payment_json`, `decode::<PaymentBalance>` / `balance_json`,
//!   `decode::<PaymentPrepareAnnotation>` / `prepared_json`, `decode_payments` /
//!   `payments_json`, `decode_payment_page` / `payment_page_json`): both accept, and the
//!   value writes the text, or both refuse with the same code and path;
//! - `decode::<PaymentAnnotation>` accepts what `parse_enveloped` accepts, the same payment;
//! - `decode_token` never returns a blank token; `decode_payments` marks exactly HTTP 207 as
//!   partial, and outside 207 refuses an envelope whose `code` is not 0;
//! - `check_status` passes exactly the 2xx statuses, with the code `status_code` gives;
//! - `parse_retry_after` of delta-seconds is those seconds in milliseconds; any header, dates
//!   included, is read without overflow;
//! - the token cache never hands out a token that lives 5 s or less;
//! - after the status error (with the `Retry-After` read from the body's first part), a
//!   request that is not idempotent is never retried, only refreshed once after a 401.
#![no_main]

use fuzz_support::{disagree, same_json, split_ff};
use libfuzzer_sys::fuzz_target;
use portone_verify::client::{response, Attempts, ClientError, Next, RetryPolicy, TokenCache};
use portone_verify::types::{PaymentBalance, PaymentPrepareAnnotation, Wire};
use portone_verify::{parse_enveloped, PaymentAnnotation};

const STATUSES: [u16; 16] = [200, 201, 204, 207, 299, 301, 400, 401, 403, 404, 429, 500, 503, 100, 0, 999];

/// The same refusal: code, PortOne's code and path; or the same syntax error located at
/// different depths (a reader that skips `response` whole blames `response`, one that reads it
/// blames the member it broke off in).
fn same_refusal(a: &ClientError, b: &ClientError) -> bool {
    let nested = |outer: &str, inner: &str| {
        outer.is_empty() || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with(['.', '[']))
    };
    let (pa, pb) = (a.path().unwrap_or_default(), b.path().unwrap_or_default());
    a.code() == b.code()
        && a.api_code() == b.api_code()
        && (pa == pb || (a.message() == b.message() && (nested(pa, pb) || nested(pb, pa))))
}

fn twins<T: Wire + std::fmt::Debug>(
    what: &str,
    typed: Result<T, ClientError>,
    text: Result<String, ClientError>,
) {
    match (&typed, &text) {
        (Ok(value), Ok(json)) if same_json(&value.to_canonical_json(), json) => {}
        (Err(a), Err(b)) if same_refusal(a, b) => {}
        (a, b) => disagree!("{what}: typed {a:?}, canonical {b:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(pick) % STATUSES.len()];

    match response::check_status("getPayment", status, body, Some(1000)) {
        Ok(()) if (200..=299).contains(&status) => {}
        Err(err) if Some(err.code()) == response::status_code(status) && err.status() == Some(status) => {}
        other => disagree!("check_status({status}) gave {other:?}"),
    }

    let payment = response::decode::<PaymentAnnotation>(body);
    twins("payment", payment.clone(), response::payment_json(body));
    match (&payment, parse_enveloped::<PaymentAnnotation>(body)) {
        (Ok(a), Ok(b)) if *a == b => {}
        (Err(_), Err(_)) => {}
        (a, b) => disagree!("decode {a:?}, parse_enveloped {b:?}"),
    }
    twins("balance", response::decode::<PaymentBalance>(body), response::balance_json(body));
    twins(
        "prepared",
        response::decode::<PaymentPrepareAnnotation>(body),
        response::prepared_json(body),
    );

    if let Ok(auth) = response::decode_token(body) {
        if auth.access_token.trim().is_empty() {
            disagree!("a blank token was accepted");
        }
        let mut cache = TokenCache::new();
        let sent_at = 1.7e12;
        if cache.store(&auth, sent_at) != auth.access_token {
            disagree!("the token cache returned another token");
        }
        if cache.current(sent_at).is_some() && auth.expired_at.saturating_sub(auth.now) <= 5 {
            disagree!("a token living {} s was cached", auth.expired_at.saturating_sub(auth.now));
        }
    }

    let payments = response::decode_payments(status, body);
    match (&payments, response::payments_json(status, body)) {
        (Ok(result), Ok(json)) => {
            if result.partial != (status == 207) {
                disagree!("partial is {} for HTTP {status}", result.partial);
            }
            let again: serde_json::Value = serde_json::from_str(&json).expect("the reader's JSON");
            if again["payments"].as_array().map(Vec::len) != Some(result.payments.len()) {
                disagree!("payments_json {json} and decode_payments {result:?}");
            }
        }
        (Err(a), Err(b)) if same_refusal(a, &b) => {}
        (a, b) => disagree!("decode_payments {a:?}, payments_json {b:?}"),
    }
    if status != 207 {
        if let Ok(Some(code)) = std::str::from_utf8(body).map(envelope_code) {
            if code != 0 && payments.is_ok() {
                disagree!("HTTP {status} with envelope code {code} accepted as a payment list");
            }
        }
    }

    twins(
        "payment page",
        response::decode_payment_page(body),
        response::payment_page_json(body),
    );

    // Retry-After: the header text, then `now`.
    let (header, rest) = split_ff(body);
    if let Ok(header) = std::str::from_utf8(header) {
        let now = rest
            .get(..8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("eight bytes")))
            .filter(|now| now.is_finite())
            .unwrap_or(1.7e12);
        let delay = response::parse_retry_after(header, now);
        if let Ok(seconds) = header.trim().parse::<u64>() {
            if delay != Some(seconds.saturating_mul(1000)) {
                disagree!("Retry-After {header:?} gave {delay:?}");
            }
        }
        if let Err(err) = response::check_status("cancelPayment", status, body, delay) {
            let mut post = Attempts::new(RetryPolicy::new(u32::from(pick) % 11), false, true);
            for _ in 0..3 {
                match post.after(&err, 0.5) {
                    Next::Fail => break,
                    Next::RefreshToken if status == 401 => {}
                    next => disagree!("a POST answered HTTP {status} would be sent again: {next:?}"),
                }
            }
            let mut get = Attempts::new(RetryPolicy::new(u32::from(pick) % 11), true, true);
            let _ = get.after(&err, 0.5);
        }
    }
});

/// The envelope's integer `code`, read by serde_json (`None` when there is none).
fn envelope_code(text: &str) -> Option<i64> {
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    value.get("code")?.as_i64()
}
