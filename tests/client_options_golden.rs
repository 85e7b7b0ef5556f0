//! Golden tests of the client's option objects (each declared once with `options!`): what
//! `decode_argument` (the reader the wasm build runs, and the types' `Deserialize`) makes of
//! each input, in `tests/golden/client-options.txt` (`UPDATE_EXPECT=1` rewrites it). Errors
//! are `INVALID_ARGUMENT` with the field's path and never quote a value. (PortOne's answers
//! are covered by `tests/wire_golden.rs`.)
//!
//! Intended differences, tested on their own below:
//! - a list option given as `null` reads as empty (serde refuses `null` for a `Vec`);
//! - a missing `apiKey`/`apiSecret` reads as empty, which `validate` refuses with the same
//!   path (serde says "missing field").
#![cfg(feature = "client")]

use std::fmt::{Debug, Write};

use expect_test::expect_file;

use portone_verify::client::v2::{GetPaymentV2Options, PortOneClientV2Options};
use portone_verify::client::{
    decode_argument, BillingKeyPaymentsOptions, CancelPaymentRequest, ClientErrorCode,
    FindAllPaymentsOptions, FindPaymentOptions, FromArguments, GetPaymentOptions, GetPaymentsQuery,
    PaymentsByStatusOptions, PortOneClientOptions, PreparePaymentOptions,
};
use serde::de::DeserializeOwned;

/// What each input reads as: the value, or the error's code, path and message. Also checks
/// that `serde_json` (the `Deserialize` the declaration gives) reads it the same way.
fn outcomes<T>(inputs: &[&str]) -> String
where
    T: FromArguments + DeserializeOwned + PartialEq + Debug,
{
    let mut out = format!(
        "-- {}\n",
        std::any::type_name::<T>().rsplit("::").next().unwrap()
    );
    for input in inputs {
        let ours = decode_argument::<T>(input.as_bytes(), "options");
        let through_serde = serde_json::from_str::<T>(input);
        match (&ours, &through_serde) {
            (Ok(ours), Ok(serde)) => assert_eq!(ours, serde, "{input}"),
            (Err(_), Err(_)) => {}
            // serde_json refuses a document that is not one JSON value before the reader sees it.
            (Err(_), Ok(_)) | (Ok(_), Err(_)) => panic!("{input}: {ours:?} vs {through_serde:?}"),
        }
        let outcome = match ours {
            Ok(value) => format!("{value:?}"),
            Err(err) => format!(
                "{} at `{}`: {}",
                err.code().as_str(),
                err.path().unwrap_or(""),
                err.message()
            ),
        };
        writeln!(
            out,
            "{} => {outcome}",
            input.split_whitespace().collect::<Vec<_>>().join(" ")
        )
        .unwrap();
    }
    out
}

/// Inputs every option type refuses.
const NOT_OPTIONS: &[&str] = &["[]", "1", "\"x\"", "null", "{", r#"{"unknown":1}"#, "{} x"];

#[test]
fn option_objects_golden() {
    let mut out = outcomes::<GetPaymentOptions>(NOT_OPTIONS);
    out += &outcomes::<GetPaymentOptions>(&[
        "{}",
        r#"{"includeSandbox":true}"#,
        r#"{"includeSandbox":null}"#,
        r#"{"includeSandbox":"true"}"#,
        r#"{"includeSandbox":1}"#,
        r#"{"include_sandbox":true}"#,
        r#"{"includeSandbox":true,"includeSandbox":false}"#,
    ]);
    out += &outcomes::<GetPaymentsQuery>(NOT_OPTIONS);
    out += &outcomes::<GetPaymentsQuery>(&[
        r#"{"impUids":["imp_1","imp_2"],"merchantUids":["o-1"]}"#,
        r#"{"impUids":[]}"#,
        r#"{"impUids":"imp_1"}"#,
        r#"{"impUids":["imp_1",2]}"#,
        r#"{"impUids":[["imp_1"]]}"#,
        r#"{"impUids":["\u0069mp_1"]}"#,
    ]);
    out += &outcomes::<FindPaymentOptions>(&[
        r#"{"status":"paid","sorting":"-started"}"#,
        r#"{"status":5}"#,
        r#"{"sorting":null}"#,
    ]);
    out += &outcomes::<FindAllPaymentsOptions>(NOT_OPTIONS);
    out += &outcomes::<FindAllPaymentsOptions>(&[
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
    out += &outcomes::<PaymentsByStatusOptions>(&[
        r#"{"from":1700000000,"to":1700003600,"page":1,"limit":20,"sorting":"paid"}"#,
        r#"{"from":-9223372036854775808,"to":9223372036854775807}"#,
        r#"{"from":9223372036854775808}"#,
        r#"{"from":"1700000000"}"#,
        r#"{"to":1.0}"#,
    ]);
    out += &outcomes::<BillingKeyPaymentsOptions>(&[
        r#"{"page":3}"#,
        r#"{"page":true}"#,
        r#"{"limit":1}"#,
    ]);
    out += &outcomes::<PreparePaymentOptions>(&[r#"{"currency":"USD"}"#, r#"{"currency":1}"#]);
    out += &outcomes::<CancelPaymentRequest>(NOT_OPTIONS);
    out += &outcomes::<CancelPaymentRequest>(&[
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
    out += &outcomes::<PortOneClientV2Options>(NOT_OPTIONS);
    out += &outcomes::<PortOneClientV2Options>(&[
        r#"{"apiSecret":"test_v2_api_secret","storeId":"store-1","webhookSecret":"whsec_AAAAAAAA",
            "baseUrl":"http://127.0.0.1:1/v2","timeoutMs":500,"maxRetries":0,
            "maxResponseBytes":4096,"dangerouslyAllowBrowser":false}"#,
        r#"{"apiSecret":"s"}"#,
        r#"{"apiSecret":1}"#,
        r#"{"apiKey":"k","apiSecret":"test_v2_api_secret"}"#,
        r#"{"apiSecret":"test_v2_api_secret","webhookSecret":["x"]}"#,
        r#"{"apiSecret":"test_v2_api_secret","storeID":"s"}"#,
    ]);
    out += &outcomes::<GetPaymentV2Options>(NOT_OPTIONS);
    out += &outcomes::<GetPaymentV2Options>(&[
        r#"{"storeId":"store-1"}"#,
        r#"{"storeId":null}"#,
        r#"{"storeId":1}"#,
    ]);
    expect_file!["golden/client-options.txt"].assert_eq(&out);
}

#[test]
fn missing_and_null_mean_not_given() {
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
        br#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"http://127.0.0.1:1","tier":"T1",
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

#[test]
fn v2_client_options_are_checked_and_never_quoted() {
    let read = |json: &str| {
        decode_argument::<PortOneClientV2Options>(json.as_bytes(), "options")
            .and_then(PortOneClientV2Options::validate)
    };
    let config =
        read(r#"{"apiSecret":"test_v2_api_secret","webhookSecret":"whsec_AAAAAAAA"}"#).unwrap();
    assert_eq!(config.base_url, "https://api.portone.io");
    assert_eq!((config.timeout_ms, config.retry.max_retries), (10_000, 2));
    for (bad, path) in [
        (r#"{"apiSecret":"s3cr3t"}"#, "options.apiSecret"),
        (
            r#"{"apiSecret":"s3cr3t_long","storeId":" "}"#,
            "options.storeId",
        ),
        (
            r#"{"apiSecret":"s3cr3t_long","webhookSecret":"whsec_s3cr3t!!"}"#,
            "options.webhookSecret",
        ),
        (
            r#"{"apiSecret":"s3cr3t_long","webhookSecret":"s3cr3t"}"#,
            "options.webhookSecret",
        ),
        (
            r#"{"apiSecret":"s3cr3t_long","baseUrl":"http://example.com"}"#,
            "options.baseUrl",
        ),
        (
            r#"{"apiSecret":"s3cr3t_long","timeoutMs":0}"#,
            "options.timeoutMs",
        ),
        (
            r#"{"apiSecret":"s3cr3t_long","maxRetries":11}"#,
            "options.maxRetries",
        ),
    ] {
        let err = read(bad).unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            (ClientErrorCode::InvalidArgument, Some(path)),
            "{bad}"
        );
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }
}
