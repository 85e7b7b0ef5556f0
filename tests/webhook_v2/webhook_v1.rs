//! V1 bodies: JSON and form, unknown fields and statuses, missing and bad fields.

use super::*;

#[test]
fn v1_json_body() {
    let hook =
        parse_webhook_v1(&fixture("webhook/v1-paid.json"), Some("application/json")).unwrap();
    assert_eq!(hook.imp_uid, "imp_1234567890");
    assert_eq!(hook.merchant_uid, "order_1234567890");
    assert_eq!(hook.status, Some(PaymentStatus::Paid));
    assert_eq!(hook.cancellation_id, None);
    // Sniffed without a content type.
    assert_eq!(
        parse_webhook_v1(&fixture("webhook/v1-paid.json"), None).unwrap(),
        hook
    );
}

#[test]
fn v1_form_body() {
    let body = fixture("webhook/v1-cancelled.form");
    let hook = parse_webhook_v1(
        &body,
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
    )
    .unwrap();
    assert_eq!(hook.imp_uid, "imp_1234567890");
    assert_eq!(hook.merchant_uid, "order 1234/567");
    assert_eq!(hook.status, Some(PaymentStatus::Cancelled));
    assert_eq!(hook.cancellation_id.as_deref(), Some("cncl_1"));
    assert_eq!(parse_webhook_v1(&body, None).unwrap(), hook);
}

#[test]
fn v1_tolerates_unknown_fields_statuses_and_numbers() {
    let hook = parse_webhook_v1(
        br#"{"imp_uid":"imp_1","merchant_uid":12345,"status":"partial_refunded","extra":{"a":1}}"#,
        None,
    )
    .unwrap();
    assert_eq!(hook.merchant_uid, "12345");
    assert_eq!(
        hook.status,
        Some(PaymentStatus::Other("partial_refunded".into()))
    );
    let hook =
        parse_webhook_v1(b"imp_uid=imp_1&merchant_uid=o&foo=bar", Some("text/plain")).unwrap();
    assert_eq!(hook.status, None);
}

#[test]
fn v1_missing_and_bad_fields() {
    let e = parse_webhook_v1(br#"{"merchant_uid":"o"}"#, None).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::MissingField, "imp_uid"));
    let e = parse_webhook_v1(b"imp_uid=imp_1", None).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::MissingField, "merchant_uid")
    );
    let e = parse_webhook_v1(
        br#"{"imp_uid":"imp_1","merchant_uid":"o","status":{}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "status"));
    let e = parse_webhook_v1(br#"{"imp_uid":"imp_1""#, Some("application/json")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson);
    let e = parse_webhook_v1(b"[]", Some("application/json")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
}
