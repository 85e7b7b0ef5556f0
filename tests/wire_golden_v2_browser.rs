//! Golden tests of the V2 browser results and webhook hints (none of them proof of payment):
//! `PortOne.requestPayment`'s resolved value, the redirect URL's query and the 2024-01-01
//! webhook bodies, in and canonical JSON out (`UPDATE_EXPECT=1` rewrites
//! `tests/golden/v2-browser.txt` and `v2-legacy-webhooks.txt`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use common::golden::agree;
use expect_test::expect_file;
use portone_verify::types::Wire;
use portone_verify::{
    parse_payment_response_v2, parse_redirect_query_v2, payment_response_v2_json,
    redirect_query_v2_json,
};

fn outcome_of(result: Result<String, portone_verify::ParseError>) -> String {
    match result {
        Ok(json) => json,
        Err(e) => format!("{} at `{}`: {}", e.code().as_str(), e.path(), e.message()),
    }
}

#[test]
fn browser_results() {
    let mut out = String::new();
    for body in [
        r#"{"transactionType":"PAYMENT","txId":"0190693c-6a3e","paymentId":"order-1"}"#,
        r#"{"transactionType":"PAYMENT","txId":"t","paymentId":"order-1","paymentToken":"tok"}"#,
        r#"{"transactionType":"PAYMENT","txId":"t","paymentId":"order-1","code":"FAILURE_TYPE_PG","message":"사용자가 결제를 취소하였습니다","pgCode":"PAY_PROCESS_CANCELED","pgMessage":"취소"}"#,
        r#"{"paymentId":"order-1","code":"","message":null}"#,
        r#"{"paymentId":"order-1","code":"   "}"#,
        r#"{"paymentId":1234,"txId":true,"code":400}"#,
        r#"{"paymentId":"order-1","extra":{"nested":[1]}}"#,
        r#"{}"#,
        r#"{"paymentId":{}}"#,
        r#"{"code":["x"]}"#,
        "null",
        "[1]",
        r#"{"paymentId":"a","paymentId":"b"}"#,
    ] {
        let outcome = outcome_of(payment_response_v2_json(body.as_bytes()));
        if let Ok(response) = parse_payment_response_v2(body.as_bytes()) {
            agree(body.as_bytes(), &outcome, &response);
        }
        writeln!(out, "{body} => {outcome}").unwrap();
    }
    for url in [
        "https://example.com/payment-redirect?paymentId=payment-39ecfa97",
        "https://shop.example/done?paymentId=order-1&code=FAILURE_TYPE_PG&message=%EA%B2%B0%EC%A0%9C+%EC%B7%A8%EC%86%8C&pgCode=PAY_PROCESS_CANCELED&pgMessage=%EC%B7%A8%EC%86%8C",
        "?paymentId=order-1&txId=tx-1&transactionType=PAYMENT&utm_source=mail",
        "paymentId=order-1&code=",
        "https://shop.example/done?paymentId=o%2D1#fragment&code=IGNORED",
        "https://shop.example/done?imp_uid=imp_1&merchant_uid=o1",
        "https://shop.example/done",
        "https://shop.example/done?paymentId=",
        "",
        "?paymentId=a&paymentId=b",
    ] {
        let outcome = outcome_of(redirect_query_v2_json(url));
        if let Ok(response) = parse_redirect_query_v2(url) {
            assert_eq!(response.to_canonical_json(), outcome, "{url}");
        }
        writeln!(out, "{url} => {outcome}").unwrap();
    }
    expect_file!["golden/v2-browser.txt"].assert_eq(&out);
}

#[cfg(feature = "webhook")]
#[test]
fn legacy_webhooks() {
    use portone_verify::webhook::parse_webhook_v2_legacy;
    let mut out = String::new();
    for (name, content_type) in [
        ("v2-legacy-paid.json", Some("application/json")),
        (
            "v2-legacy-cancelled.form",
            Some("application/x-www-form-urlencoded"),
        ),
        ("v2-legacy-cancelled.form", None),
    ] {
        let body = common::fixture(&format!("webhook/{name}"));
        let outcome = outcome_of(
            parse_webhook_v2_legacy(&body, content_type).map(|hook| hook.to_canonical_json()),
        );
        writeln!(out, "{name} ({content_type:?}) => {outcome}").unwrap();
    }
    expect_file!["golden/v2-legacy-webhooks.txt"].assert_eq(&out);
}
