//! The client's serde-free readers (what the wasm build runs) against the serde derives of
//! the same types (what a Rust caller may use): the option objects through
//! `decode_argument`, and the getToken, balance and prepared answers through the canonical
//! reader. For every input both accept and agree, or both refuse.
//!
//! Intended differences, tested on their own below:
//! - a list option given as `null` reads as empty (serde refuses `null` for a `Vec`);
//! - a missing `apiKey`/`apiSecret` reads as empty, which `validate` refuses with the same
//!   path (serde says "missing field").
#![cfg(feature = "client")]

use std::fmt::Debug;

use portone_verify::client::{
    decode_argument, response, BillingKeyPaymentsOptions, CancelPaymentRequest, ClientErrorCode,
    FindAllPaymentsOptions, FindPaymentOptions, FromArguments, GetPaymentOptions, GetPaymentsQuery,
    PaymentPrepareAnnotation, PaymentsByStatusOptions, PortOneClientOptions, PreparePaymentOptions,
};
use portone_verify::types::{AuthAnnotation, PaymentBalance};
use serde::de::DeserializeOwned;

fn agree<T>(inputs: &[&str])
where
    T: FromArguments + DeserializeOwned + PartialEq + Debug,
{
    for input in inputs {
        let ours = decode_argument::<T>(input.as_bytes(), "options");
        // The crate's serde path refuses anything but an object at the top (serde alone would
        // read a list as the struct's fields by position).
        let serde = match input.trim_start().starts_with('{') {
            true => serde_json::from_str::<T>(input).map_err(|e| e.to_string()),
            false => Err("not an object".to_owned()),
        };
        match (&ours, &serde) {
            (Ok(ours), Ok(serde)) => assert_eq!(ours, serde, "{input}"),
            (Err(err), Err(_)) => {
                assert_eq!(err.code(), ClientErrorCode::InvalidArgument, "{input}");
                assert!(
                    err.path().is_some_and(|p| p.starts_with("options")),
                    "{input}"
                );
            }
            _ => panic!("{input}: ours {ours:?}, serde {serde:?}"),
        }
    }
}

/// Inputs every option type refuses.
const NOT_OPTIONS: &[&str] = &["[]", "1", "\"x\"", "null", "{", r#"{"unknown":1}"#, "{} x"];

#[test]
fn option_objects_read_as_serde_reads_them() {
    agree::<GetPaymentOptions>(NOT_OPTIONS);
    agree::<GetPaymentOptions>(&[
        "{}",
        r#"{"includeSandbox":true}"#,
        r#"{"includeSandbox":null}"#,
        r#"{"includeSandbox":"true"}"#,
        r#"{"includeSandbox":1}"#,
        r#"{"include_sandbox":true}"#,
        r#"{"includeSandbox":true,"includeSandbox":false}"#,
    ]);
    agree::<GetPaymentsQuery>(NOT_OPTIONS);
    agree::<GetPaymentsQuery>(&[
        r#"{"impUids":["imp_1","imp_2"],"merchantUids":["o-1"]}"#,
        r#"{"impUids":[]}"#,
        r#"{"impUids":"imp_1"}"#,
        r#"{"impUids":["imp_1",2]}"#,
        r#"{"impUids":[["imp_1"]]}"#,
        r#"{"impUids":["\u0069mp_1"]}"#,
    ]);
    agree::<FindPaymentOptions>(&[
        r#"{"status":"paid","sorting":"-started"}"#,
        r#"{"status":5}"#,
        r#"{"sorting":null}"#,
    ]);
    agree::<FindAllPaymentsOptions>(NOT_OPTIONS);
    agree::<FindAllPaymentsOptions>(&[
        r#"{"status":"paid","page":2,"limit":100,"sorting":"-paid"}"#,
        r#"{"page":0,"limit":4294967295}"#,
        r#"{"page":4294967296}"#,
        r#"{"page":-1}"#,
        r#"{"page":1.5}"#,
        r#"{"page":1e2}"#,
        r#"{"page":"2"}"#,
        r#"{"limit":null}"#,
        r#"{"sortng":"paid"}"#,
        r#"{"page":1,"page":2}"#,
    ]);
    agree::<PaymentsByStatusOptions>(&[
        r#"{"from":1700000000,"to":1700003600,"page":1,"limit":20,"sorting":"paid"}"#,
        r#"{"from":-9223372036854775808,"to":9223372036854775807}"#,
        r#"{"from":9223372036854775808}"#,
        r#"{"from":"1700000000"}"#,
        r#"{"to":1.0}"#,
    ]);
    agree::<BillingKeyPaymentsOptions>(&[r#"{"page":3}"#, r#"{"page":true}"#, r#"{"limit":1}"#]);
    agree::<PreparePaymentOptions>(&[r#"{"currency":"USD"}"#, r#"{"currency":1}"#]);
    agree::<CancelPaymentRequest>(NOT_OPTIONS);
    agree::<CancelPaymentRequest>(&[
        r#"{"impUid":"imp_1","amount":"10.10","taxFree":0,"vatAmount":1.5,"checksum":12345678901234567890.5,
            "reason":"고객 요청","refundHolder":"홍길동","refundBank":"88","refundAccount":"110-123",
            "refundTel":"010","retainPromotion":true,"enableWebhook":false,
            "extra":{ "requester": "customer", "nested": [1, {"a": null}] }}"#,
        r#"{"merchantUid":"o-1","amount":-1}"#,
        r#"{"impUid":"imp_1","amount":"lots"}"#,
        r#"{"impUid":"imp_1","amount":[1]}"#,
        r#"{"impUid":"imp_1","amount":true}"#,
        r#"{"impUid":"imp_1","ammount":1}"#,
        r#"{"impUid":"imp_1","extra":[1]}"#,
        r#"{"impUid":"imp_1","extra":"x"}"#,
        r#"{"impUid":"imp_1","extra":null}"#,
        r#"{"impUid":"imp_1","retainPromotion":"yes"}"#,
    ]);
}

#[test]
fn intended_differences() {
    let query: GetPaymentsQuery =
        decode_argument(br#"{"impUids":null,"merchantUids":["o"]}"#, "query").unwrap();
    assert!(query.imp_uids.is_empty());
    let options: PortOneClientOptions = decode_argument(br#"{"apiKey":"k"}"#, "options").unwrap();
    let err = options.validate().unwrap_err();
    assert_eq!(err.path(), Some("options.apiSecret"));
}

#[test]
fn client_options_are_read_and_never_quoted() {
    let options: PortOneClientOptions = decode_argument(
        br#"{"apiKey":"k","apiSecret":"s","baseUrl":"http://127.0.0.1:1","tier":"T1",
             "timeoutMs":500,"maxRetries":0,"dangerouslyAllowBrowser":true}"#,
        "options",
    )
    .unwrap();
    let config = options.validate().unwrap();
    assert_eq!((config.timeout_ms, config.allow_browser), (500, true));
    assert_eq!(config.base_url, "http://127.0.0.1:1");
    for bad in [
        r#"{"apiKey":"k","apiSecret":{"s3cr3t":1}}"#,
        r#"{"apiKey":"k","apiSecret":["s3cr3t"]}"#,
        r#"{"apiKey":"k","apiSecret":"s3cr3t","timeoutMs":"s3cr3t"}"#,
        r#"{"apiKey":"k","apiSecret":"s3cr3t","s3cr3t":1}"#,
    ] {
        let err = decode_argument::<PortOneClientOptions>(bad.as_bytes(), "options")
            .err()
            .unwrap_or_else(|| panic!("{bad} was accepted"));
        assert_eq!(err.code(), ClientErrorCode::InvalidArgument);
        assert!(!err.to_string().contains("s3cr3t") || err.path() == Some("options.s3cr3t"));
    }
}

fn envelope(response: &str) -> String {
    format!(r#"{{"code":0,"message":null,"response":{response}}}"#)
}

/// A body the canonical reader turns into JSON, read by serde into `T`, against
/// `response::decode::<T>` of the same body.
fn answers_agree<T>(
    bodies: &[String],
    canonical: fn(&[u8]) -> Result<String, portone_verify::client::ClientError>,
) where
    T: DeserializeOwned + PartialEq + Debug,
{
    for body in bodies {
        let ours = canonical(body.as_bytes())
            .map(|json| serde_json::from_str::<T>(&json).expect("canonical JSON reads as T"));
        let serde = response::decode::<T>(body.as_bytes());
        match (&ours, &serde) {
            (Ok(ours), Ok(serde)) => assert_eq!(ours, serde, "{body}"),
            (Err(ours), Err(serde)) => {
                assert_eq!(ours.code(), serde.code(), "{body}");
                assert_eq!(ours.path(), serde.path(), "{body}");
            }
            _ => panic!("{body}: ours {ours:?}, serde {serde:?}"),
        }
    }
}

#[test]
fn balance_and_prepared_answers_read_as_serde_reads_them() {
    let part = r#"{"tax_free":0,"supply":"910","vat":94,"service":0.5}"#;
    let odd = r#"{"tax_free":0,"supply":910,"vat":94}"#;
    let history = format!(
        r#"{{"cash_receipt":{part},"primary":{part},"secondary":{part},"discount":{part},"created":"1700000000"}}"#
    );
    let balance = |amount: &str, primary: &str, histories: &str| {
        envelope(&format!(
            r#"{{"amount":{amount},"cash_receipt":{part},"primary":{primary},"secondary":{part},"discount":{part}{histories}}}"#
        ))
    };
    answers_agree::<PaymentBalance>(
        &[
            balance(
                "1004",
                part,
                &format!(r#","histories":[{history},{history}]"#),
            ),
            balance("\"1004.50\"", part, r#","histories":[]"#),
            balance("1004", part, ""),
            balance("1004", part, r#","histories":[{"cash_receipt":null}]"#),
            balance("1004", "null", ""),
            balance("1004", odd, ""),
            balance("true", part, ""),
            r#"{"code":1,"message":"no","response":null}"#.to_owned(),
            r#"{"code":0,"message":null,"response":null}"#.to_owned(),
            "not json".to_owned(),
        ],
        response::balance_json,
    );
    answers_agree::<PaymentPrepareAnnotation>(
        &[
            envelope(r#"{"merchant_uid":"o1","amount":1004,"currency":null}"#),
            envelope(r#"{"merchant_uid":"o1","amount":"10.10","currency":"USD","new":1}"#),
            envelope(r#"{"merchant_uid":"o1","currency":"KRW"}"#),
            envelope(r#"{"merchant_uid":null,"amount":1}"#),
            envelope(r#"{"merchant_uid":"o1","amount":{}}"#),
            envelope("[]"),
        ],
        response::prepared_json,
    );
}

#[test]
fn token_answers_read_as_serde_reads_them() {
    for response in [
        r#"{"access_token":"tok","expired_at":1700001800,"now":1700000000}"#,
        r#"{"access_token":"tok","expired_at":"1700001800","now":"1700000000","extra":[1]}"#,
        r#"{"access_token":"tok","expired_at":1700001800}"#,
        r#"{"access_token":"tok","expired_at":null,"now":1}"#,
        r#"{"access_token":"tok","expired_at":1.5,"now":1}"#,
        r#"{"access_token":null,"expired_at":1,"now":1}"#,
        r#"{"access_token":{},"expired_at":1,"now":1}"#,
    ] {
        let body = envelope(response);
        let ours = response::decode_token(body.as_bytes());
        let serde = response::decode::<AuthAnnotation>(body.as_bytes());
        match (&ours, &serde) {
            (Ok(ours), Ok(serde)) => assert_eq!(ours, serde, "{body}"),
            (Err(ours), Err(serde)) => {
                assert_eq!(
                    (ours.code(), ours.path()),
                    (serde.code(), serde.path()),
                    "{body}"
                );
                assert!(!ours.to_string().contains("tok\""), "{ours}");
            }
            _ => panic!("{body}: ours {ours:?}, serde {serde:?}"),
        }
    }
}
