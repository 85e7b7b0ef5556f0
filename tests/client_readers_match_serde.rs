//! The client's serde-free reader of option objects (what the wasm build runs) against the
//! serde derives of the same types (what a Rust caller may use), through `decode_argument`.
//! For every input both accept and agree, or both refuse. (PortOne's answers are covered by
//! `tests/wire_golden.rs`.)
//!
//! Intended differences, tested on their own below:
//! - a list option given as `null` reads as empty (serde refuses `null` for a `Vec`);
//! - a missing `apiKey`/`apiSecret` reads as empty, which `validate` refuses with the same
//!   path (serde says "missing field").
#![cfg(feature = "client")]

use std::fmt::Debug;

use portone_verify::client::{
    decode_argument, BillingKeyPaymentsOptions, CancelPaymentRequest, ClientErrorCode,
    FindAllPaymentsOptions, FindPaymentOptions, FromArguments, GetPaymentOptions, GetPaymentsQuery,
    PaymentsByStatusOptions, PortOneClientOptions, PreparePaymentOptions,
};
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
