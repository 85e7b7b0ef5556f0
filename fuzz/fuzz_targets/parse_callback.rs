//! Parsing the `IMP.request_pay` callback. Input: the callback object's JSON.
//!
//! - `parse_request_pay_response`, `request_pay_response_json`, `RequestPayResponse::parse_json`
//!   and serde's `Deserialize` agree; the canonical JSON is a fixed point;
//! - `success` means "no error reported": never with a non-blank `error_code`, a `success` or
//!   `imp_success` flag that is false (`false` or `"false"` in any case), or status `failed`.
#![no_main]

use fuzz_support::{disagree, payment, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::{RequestPayResponse, Wire};
use portone_verify::{parse_request_pay_response, request_pay_response_json};

fuzz_target!(|body: &[u8]| {
    let parsed = parse_request_pay_response(body);
    match (&parsed, request_pay_response_json(body)) {
        (Ok(response), Ok(json)) => {
            if !same_json(&response.to_canonical_json(), &json) {
                disagree!("request_pay_response_json {json}, struct {}", response.to_canonical_json());
            }
            match parse_request_pay_response(json.as_bytes()) {
                Ok(again) if again == *response => {}
                other => disagree!("canonical JSON {json} reads back as {other:?}"),
            }
            if response.success {
                let error_code = response.error_code.as_deref().is_some_and(|c| !c.trim().is_empty());
                let status_failed = response.status.as_ref().is_some_and(|s| s.as_str() == "failed");
                let object = std::str::from_utf8(body)
                    .ok()
                    .and_then(|t| serde_json::from_str(t.trim_start_matches('\u{feff}')).ok());
                let flagged_false = object.as_ref().is_some_and(|o| {
                    payment::flag(o, "success") == Some(false) || payment::flag(o, "imp_success") == Some(false)
                });
                if error_code || status_failed || flagged_false {
                    disagree!("success although an error was reported: {response:?}");
                }
            }
        }
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_request_pay_response {a:?}, request_pay_response_json {b:?}"),
    }
    match (&parsed, RequestPayResponse::parse_json(body)) {
        (Ok(a), Ok(b)) if *a == b => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_request_pay_response {a:?}, parse_json {b:?}"),
    }
    if let Ok(by_serde) = serde_json::from_slice::<RequestPayResponse>(body) {
        match &parsed {
            Ok(response) if *response == by_serde => {}
            other => disagree!("serde_json {by_serde:?}, parser {other:?}"),
        }
    }
});
