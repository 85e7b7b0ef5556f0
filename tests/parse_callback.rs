//! `parse_request_pay_response` and `parse_redirect_query` on PortOne's documented samples.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture;
use portone_verify::types::{PayMethod, PaymentStatus, PgProvider};
use portone_verify::{parse_redirect_query, parse_request_pay_response, Amount, ErrorCode};

#[test]
fn parses_the_seed_sample_callback() {
    let r = parse_request_pay_response(&fixture("callbacks/seed-sample.json")).unwrap();
    assert!(r.success);
    assert_eq!(r.imp_uid.as_deref(), Some("imp_347242536261"));
    assert_eq!(r.merchant_uid.as_deref(), Some("57008833-33004"));
    assert_eq!(r.paid_amount, Amount::parse("1004"));
    assert_eq!(r.status, Some(PaymentStatus::Paid));
    assert_eq!(r.pay_method, Some(PayMethod::Card));
    assert_eq!(r.pg_provider, Some(PgProvider::Kcp));
    assert_eq!(r.paid_at, Some(1_648_344_363));
    assert_eq!(r.card_quota, Some(0));
    assert_eq!(r.currency.as_deref(), Some("KRW"));
    assert_eq!(r.card_name.as_deref(), Some("신한카드"));
    assert_eq!(r.card_number.as_deref(), Some("5428790000000294"));
    assert_eq!(r.pg_type.as_deref(), Some("payment"));
    assert_eq!(r.bank_name, None);
    assert_eq!(r.custom_data, None);
    assert!(r
        .receipt_url
        .unwrap()
        .starts_with("https://admin8.kcp.co.kr/"));
}

#[test]
fn accepts_string_booleans_and_numbers() {
    let r = parse_request_pay_response(&fixture("callbacks/string-booleans.json")).unwrap();
    assert!(r.success);
    assert_eq!(r.paid_amount, Amount::parse("1004"));
    assert_eq!(r.paid_at, Some(1_648_344_363));
    assert_eq!(r.card_quota, Some(3));
}

#[test]
fn failure_with_null_imp_uid() {
    let r = parse_request_pay_response(&fixture("callbacks/error-null-imp-uid.json")).unwrap();
    assert!(!r.success);
    assert_eq!(r.imp_uid, None);
    assert_eq!(r.error_code.as_deref(), Some("F1002"));
    assert_eq!(r.request_id.as_deref(), Some("req_1648344363_abc"));
}

#[test]
fn new_sdk_shape_uses_error_code_only() {
    let ok = parse_request_pay_response(&fixture("callbacks/new-sdk-success.json")).unwrap();
    assert!(
        ok.success,
        "no error_code and no flag means no error reported"
    );
    let failed = parse_request_pay_response(&fixture("callbacks/new-sdk-failure.json")).unwrap();
    assert!(!failed.success);
}

#[test]
fn success_flag_with_failed_status_is_not_success() {
    let r =
        parse_request_pay_response(&fixture("callbacks/success-but-failed-status.json")).unwrap();
    assert!(!r.success);
}

#[test]
fn any_false_flag_wins() {
    let r = parse_request_pay_response(br#"{"success":"true","imp_success":false}"#).unwrap();
    assert!(!r.success);
}

#[test]
fn bad_callback_fields_have_paths() {
    let e = parse_request_pay_response(br#"{"success":"maybe"}"#).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "success"));
    let e = parse_request_pay_response(br#"{"paid_amount":"12,000"}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidField, "paid_amount")
    );
    let e = parse_request_pay_response(b"[]").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
    let e = parse_request_pay_response(b"{\"imp_uid\":").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson);
}

// The redirect samples of PORTONE-FACTS.md §2.
#[test]
fn redirect_success() {
    let r = parse_redirect_query(
        "https://shop.example/payments/complete?imp_uid=imp_123456789012&merchant_uid=order_1648344363&imp_success=true",
    )
    .unwrap();
    assert!(r.success);
    assert_eq!(r.imp_uid.as_deref(), Some("imp_123456789012"));
    assert_eq!(r.merchant_uid.as_deref(), Some("order_1648344363"));
}

#[test]
fn redirect_failure_with_encoded_message() {
    let r = parse_redirect_query(
        "?imp_uid=imp_1&merchant_uid=o%201&imp_success=false&error_code=F400&error_msg=%5B%EA%B2%B0%EC%A0%9C%ED%8F%AC%EA%B8%B0%5D+%EC%B7%A8%EC%86%8C",
    )
    .unwrap();
    assert!(!r.success);
    assert_eq!(r.merchant_uid.as_deref(), Some("o 1"));
    assert_eq!(r.error_msg.as_deref(), Some("[결제포기] 취소"));
}

#[test]
fn redirect_new_flow_without_flag() {
    let r = parse_redirect_query("imp_uid=imp_9&merchant_uid=m9").unwrap();
    assert!(r.success);
    let r =
        parse_redirect_query("imp_uid=imp_9&merchant_uid=m9&error_code=PG_ERR&error_msg=x#frag")
            .unwrap();
    assert!(!r.success);
    assert_eq!(r.error_msg.as_deref(), Some("x"));
}

#[test]
fn redirect_flag_must_be_boolean() {
    let e = parse_redirect_query("?imp_success=yes").unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidField, "imp_success")
    );
}

/// Issue 13: a URL without PortOne's parameters is no result (an error, never `success`).
#[test]
fn redirect_without_portone_parameters_is_an_error() {
    for url in [
        "https://shop.example/done",
        "https://shop.example/done?utm_source=mail&page=2",
        "?imp_uid=&merchant_uid=",
        "",
        "#imp_uid=imp_1",
    ] {
        let e = parse_redirect_query(url).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidInput, ""), "{url}");
        assert_eq!(
            portone_verify::redirect_query_json(url).unwrap_err().code(),
            ErrorCode::InvalidInput
        );
    }
}
