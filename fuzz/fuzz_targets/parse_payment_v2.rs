//! Parsing a V2 payment. Input: the body.
//!
//! - `parse_payment_v2` and `payment_v2_json` accept the same bodies (same code and path when
//!   they refuse), and the payment's canonical JSON is `payment_v2_json`'s text;
//! - canonical JSON is a fixed point: read again, it gives the same payment and the same text;
//! - `Payment::parse_json` and `canonical_json` agree with them (they differ only in naming a
//!   PortOne error body `API_ERROR`), and so does serde's `Deserialize` (through the reader);
//! - the status is kept as sent (a number or flag as its text): a known one as its variant, any
//!   other as `Unrecognized`; the id and `amount.total` are the body's (serde_json, the
//!   reference decimal).
#![no_main]

use fuzz_support::{decimal, disagree, payment, payment_v2, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::v2::Payment;
use portone_verify::types::Wire;
use portone_verify::{parse_payment_v2, payment_v2_json, ErrorCode};

const KNOWN: [&str; 7] =
    ["READY", "PAY_PENDING", "VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "PARTIAL_CANCELLED", "CANCELLED"];

fuzz_target!(|body: &[u8]| {
    let parsed = parse_payment_v2(body);
    let json = payment_v2_json(body);
    match (&parsed, &json) {
        (Ok(payment), Ok(json)) => {
            if !same_json(&payment.to_canonical_json(), json) {
                disagree!("payment_v2_json {json} but the payment writes {}", payment.to_canonical_json());
            }
            match parse_payment_v2(json.as_bytes()) {
                Ok(again) if again == *payment => {}
                other => disagree!("canonical JSON {json} reads back as {other:?}"),
            }
            match payment_v2_json(json.as_bytes()) {
                Ok(again) if again == *json => {}
                other => disagree!("canonical JSON {json} is written again as {other:?}"),
            }
        }
        (Err(a), Err(b)) if refusal(a) == refusal(b) => {}
        (a, b) => disagree!("parse_payment_v2 {a:?}, payment_v2_json {b:?}"),
    }

    let bare = Payment::parse_json(body);
    match (&bare, &parsed) {
        (Ok(a), Ok(b)) if a == b => {}
        (Err(a), Err(b)) if refusal(a) == refusal(b) => {}
        // An error body: the payment reader misses `status`, parse_payment_v2 names it.
        (Err(a), Err(b))
            if b.code() == ErrorCode::ApiError && refusal(a) == ("MISSING_FIELD".to_owned(), "status".to_owned()) => {}
        (a, b) => disagree!("Payment::parse_json {a:?}, parse_payment_v2 {b:?}"),
    }
    match (&bare, Payment::canonical_json(body)) {
        (Ok(payment), Ok(json)) if same_json(&payment.to_canonical_json(), &json) => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("Payment::parse_json {a:?}, canonical_json {b:?}"),
    }
    // serde_json refuses a byte-order mark and nesting beyond 128; otherwise it must agree.
    if let Ok(by_serde) = serde_json::from_slice::<Payment>(body) {
        match &bare {
            Ok(payment) if *payment == by_serde => {}
            other => disagree!("serde_json {by_serde:?}, parse_json {other:?}"),
        }
    }

    let (Ok(payment), Some(object)) = (&parsed, payment_v2::payment_object(body)) else {
        return;
    };
    // A number or flag where the status belongs is kept as its text (an unknown status).
    let status = payment::loose_text(&object, "status");
    if status.as_deref() != Some(payment.status()) {
        disagree!("status {status:?} sent, {:?} kept", payment.status());
    }
    let known = KNOWN.contains(&payment.status());
    if known == matches!(payment, Payment::Unrecognized(_)) {
        disagree!("status {:?} read as {payment:?}", payment.status());
    }
    if payment::text(&object, "id").as_deref() != Some(payment.id()) {
        disagree!("id {:?} kept for {:?}", payment.id(), object.get("id"));
    }
    let total = payment_v2::object(&object, "amount").and_then(|a| payment_v2::integer(&a, "total"));
    if total.is_none() || total != decimal::parse(&payment.amount().total.to_string()) {
        disagree!("amount.total {} kept for {total:?}", payment.amount().total);
    }
});
