//! The V2 browser results. Input: a mode byte (even: the JSON `PortOne.requestPayment`
//! resolved to; odd: the redirect URL or its query, bytes that are not UTF-8 read lossily),
//! then the text.
//!
//! - `parse_payment_response_v2` = `payment_response_v2_json` = `PaymentResponse::parse_json`
//!   = serde's `Deserialize`; the canonical JSON reads back as the same result;
//! - `success` is false whenever a `code` is present (any non-null value, blank included: the
//!   SDK's rule is "a `code` means the payment failed");
//! - `parse_redirect_query_v2` = `redirect_query_v2_json`; against a reference reading of the
//!   query (after `?` up to `#`, or the whole text when it has no `?` but a `=`;
//!   `application/x-www-form-urlencoded`; values trimmed, empty ones absent): no V2 parameter is
//!   `INVALID_INPUT`; otherwise each parameter is the value given (a repeated one: one of the
//!   values given, or refused), and `success` is exactly "no `code`".
#![no_main]

use fuzz_support::{disagree, query_parameters, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::v2::PaymentResponse;
use portone_verify::types::Wire;
use portone_verify::{
    parse_payment_response_v2, parse_redirect_query_v2, payment_response_v2_json, redirect_query_v2_json,
    ErrorCode,
};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

const PARAMETERS: [&str; 8] =
    ["paymentId", "code", "message", "pgCode", "pgMessage", "txId", "transactionType", "paymentToken"];

fn values(response: &PaymentResponse) -> [Option<&str>; 8] {
    [
        response.payment_id.as_deref(),
        response.code.as_deref(),
        response.message.as_deref(),
        response.pg_code.as_deref(),
        response.pg_message.as_deref(),
        response.tx_id.as_deref(),
        response.transaction_type.as_deref(),
        response.payment_token.as_deref(),
    ]
}

fn json(body: &[u8]) {
    let parsed = parse_payment_response_v2(body);
    match (&parsed, payment_response_v2_json(body)) {
        (Ok(response), Ok(json)) => {
            if !same_json(&response.to_canonical_json(), &json) {
                disagree!("payment_response_v2_json {json}, struct {}", response.to_canonical_json());
            }
            match parse_payment_response_v2(json.as_bytes()) {
                Ok(again) if again == *response => {}
                other => disagree!("canonical JSON {json} reads back as {other:?}"),
            }
        }
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_payment_response_v2 {a:?}, payment_response_v2_json {b:?}"),
    }
    match (&parsed, PaymentResponse::parse_json(body)) {
        (Ok(a), Ok(b)) if *a == b => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_payment_response_v2 {a:?}, parse_json {b:?}"),
    }
    if let Ok(by_serde) = serde_json::from_slice::<PaymentResponse>(body) {
        match &parsed {
            Ok(response) if *response == by_serde => {}
            other => disagree!("serde_json {by_serde:?}, parser {other:?}"),
        }
    }
    let Ok(response) = &parsed else { return };
    let object = std::str::from_utf8(body)
        .ok()
        .and_then(|t| serde_json::from_str::<BTreeMap<String, &RawValue>>(t.trim_start_matches('\u{feff}')).ok());
    let code_sent = object.as_ref().and_then(|o| o.get("code")).is_some_and(|c| c.get() != "null");
    if response.success && (code_sent || response.code.is_some()) {
        disagree!("success although a code was sent: {response:?}");
    }
}

fn redirect(input: &str) {
    let parsed = parse_redirect_query_v2(input);
    match (&parsed, redirect_query_v2_json(input)) {
        (Ok(response), Ok(json)) if same_json(&response.to_canonical_json(), &json) => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_redirect_query_v2 {a:?}, redirect_query_v2_json {b:?}"),
    }

    let given = query_parameters(input, &PARAMETERS);
    match &parsed {
        Err(err) if given.is_empty() && err.code() == ErrorCode::InvalidInput => {}
        _ if given.is_empty() => disagree!("no V2 parameter, yet {parsed:?}"),
        Err(_) => {}
        Ok(response) => {
            for (name, value) in PARAMETERS.iter().zip(values(response)) {
                let sent: Vec<&str> = given.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect();
                let kept = match value {
                    None => sent.is_empty(),
                    Some(value) => sent.contains(&value),
                };
                if !kept {
                    disagree!("the query says {given:?}, the parser {response:?}");
                }
            }
            if response.success != response.code.is_none() {
                disagree!("success {} with code {:?}", response.success, response.code);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        json(rest);
    } else {
        redirect(&String::from_utf8_lossy(rest));
    }
});
