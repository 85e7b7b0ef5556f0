//! What is an error rather than a verdict: answers that are not a payment, and expectations
//! (`ExpectedV2::from_json`) that are malformed.

use portone_verify::ErrorCode;
use serde_json::json;

use super::*;

#[test]
fn what_cannot_be_judged_is_an_error() {
    let expected = order();
    for (body, code) in [
        (
            &br#"{"type":"PAYMENT_NOT_FOUND","message":"none"}"#[..],
            ErrorCode::ApiError,
        ),
        (br#"{"type":"UNAUTHORIZED"}"#, ErrorCode::ApiError),
        (br#"{"status":"PAID"}"#, ErrorCode::MissingField),
        (br#"[]"#, ErrorCode::InvalidInput),
        (b"{", ErrorCode::InvalidJson),
    ] {
        let err = verify_payment_v2_json(body, &expected).unwrap_err();
        assert_eq!(err.code(), code, "{}", String::from_utf8_lossy(body));
    }
    for (key, value) in [("amount", json!({"total": 129000})), ("id", json!(7))] {
        assert!(verify_payment_v2_json(&changed(key, value), &expected).is_err());
    }
    assert!(verify_payment_v2_json(&changed_amount("total", json!(1.5)), &expected).is_err());
}

#[test]
fn expectations_from_json() {
    let expected =
        ExpectedV2::from_json(br#"{"paymentId":"o-1","amount":"9007199254740993"}"#).unwrap();
    assert_eq!(expected.currency, "KRW");
    assert_eq!(expected.amount.as_str(), "9007199254740993");
    assert!(!expected.allow_test_channel && !expected.allow_virtual_account_issued);
    let full = ExpectedV2::from_json(
        br#"{"paymentId":"o-1","amount":1004,"currency":"USD","orderName":"Book",
            "storeId":"s","allowVirtualAccountIssued":true,"allowTestChannel":true,
            "nowMs":1720000000000}"#,
    )
    .unwrap();
    assert_eq!(
        full,
        ExpectedV2::new("o-1", Amount::from_i64(1004))
            .with_currency("USD")
            .with_order_name("Book")
            .with_store_id("s")
            .allow_virtual_account_issued(true)
            .allow_test_channel(true)
            .now_ms(1_720_000_000_000)
    );
    for (body, path) in [
        (&br#"{"amount":1}"#[..], "expected.paymentId"),
        (br#"{"paymentId":"","amount":1}"#, "expected.paymentId"),
        (br#"{"paymentId":"o","amount":10.5}"#, "expected.amount"),
        (br#"{"paymentId":"o","amount":-1}"#, "expected.amount"),
        (
            br#"{"paymentId":"o","amount":1,"currency":" "}"#,
            "expected.currency",
        ),
        (
            br#"{"paymentId":"o","amount":1,"orderName":""}"#,
            "expected.orderName",
        ),
        (
            br#"{"paymentId":"o","amount":1,"storeId":""}"#,
            "expected.storeId",
        ),
        (
            br#"{"paymentId":"o","amount":1,"allowTestChannel":"yes"}"#,
            "expected.allowTestChannel",
        ),
    ] {
        let err = ExpectedV2::from_json(body).unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            (ErrorCode::InvalidArgument, path),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}
