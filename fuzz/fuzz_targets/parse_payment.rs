//! Parsing a V1 payment. Input: the body.
//!
//! - `parse_payment` and `payment_json` accept the same bodies (same code and path when they
//!   refuse), and the payment's canonical JSON is `payment_json`'s text;
//! - canonical JSON is a fixed point: read again, it gives the same payment and the same text;
//! - a bare object: `PaymentAnnotation::parse_json`, `canonical_json` and serde's
//!   `Deserialize` (which goes through the reader) agree with each other;
//! - `parse_enveloped::<PaymentAnnotation>` runs (it classifies envelopes by another rule).
#![no_main]

use fuzz_support::{disagree, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::Wire;
use portone_verify::{parse_enveloped, parse_payment, payment_json, PaymentAnnotation};

fuzz_target!(|body: &[u8]| {
    let parsed = parse_payment(body);
    let json = payment_json(body);
    match (&parsed, &json) {
        (Ok(payment), Ok(json)) => {
            if !same_json(&payment.to_canonical_json(), json) {
                disagree!("payment_json {json} but the payment writes {}", payment.to_canonical_json());
            }
            match parse_payment(json.as_bytes()) {
                Ok(again) if again == *payment => {}
                other => disagree!("canonical JSON {json} reads back as {other:?}"),
            }
            match payment_json(json.as_bytes()) {
                Ok(again) if again == *json => {}
                other => disagree!("canonical JSON {json} is written again as {other:?}"),
            }
        }
        (Err(a), Err(b)) if refusal(a) == refusal(b) => {}
        (a, b) => disagree!("parse_payment {a:?}, payment_json {b:?}"),
    }

    let bare = PaymentAnnotation::parse_json(body);
    match (&bare, PaymentAnnotation::canonical_json(body)) {
        (Ok(payment), Ok(json)) if same_json(&payment.to_canonical_json(), &json) => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_json {a:?}, canonical_json {b:?}"),
    }
    // serde_json refuses a byte-order mark and nesting beyond 128; otherwise it must agree.
    if let Ok(by_serde) = serde_json::from_slice::<PaymentAnnotation>(body) {
        match &bare {
            Ok(payment) if *payment == by_serde => {}
            other => disagree!("serde_json {by_serde:?}, parse_json {other:?}"),
        }
    }
    let _ = parse_enveloped::<PaymentAnnotation>(body);
});
