//! `parse_payment` on Swagger-shaped fixtures, envelopes and errors.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{payment_fixture, PAYMENT_FIXTURES};
use portone_verify::types::{CardType, PayMethod, PaymentStatus};
use portone_verify::{parse_payment, Amount, ErrorCode};

#[test]
fn every_fixture_parses() {
    for name in PAYMENT_FIXTURES {
        let p = parse_payment(&payment_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(p.imp_uid.starts_with("imp_"), "{name}");
    }
}

#[test]
fn card_payment_fields() {
    let p = parse_payment(&payment_fixture("card-paid")).unwrap();
    assert_eq!(p.status, PaymentStatus::Paid);
    assert_eq!(p.amount, Amount::parse("1004").unwrap());
    assert_eq!(p.cancel_amount, Amount::parse("0"));
    assert_eq!(p.sandbox, Some(false));
    assert_eq!(p.card_type, Some(CardType::Credit));
    assert_eq!(p.card_publisher_name.as_deref(), Some("신한카드"));
    assert!(p.cancel_history.is_empty());
}

#[test]
fn bare_and_enveloped_are_the_same() {
    assert_eq!(
        parse_payment(&payment_fixture("card-paid")).unwrap(),
        parse_payment(&payment_fixture("bare-card-paid")).unwrap()
    );
}

#[test]
fn loose_types_match_strict_ones() {
    let strict = parse_payment(&payment_fixture("card-paid")).unwrap();
    let loose = parse_payment(&payment_fixture("loose-types")).unwrap();
    assert_eq!(loose, strict);
}

#[test]
fn histories_and_usd() {
    let c = parse_payment(&payment_fixture("cancelled")).unwrap();
    assert_eq!(c.cancel_history.len(), 1);
    assert_eq!(
        c.cancel_history[0].cancellation_id.as_deref(),
        Some("cancel_01")
    );
    let v = parse_payment(&payment_fixture("vbank-paid")).unwrap();
    assert_eq!(
        v.deposit_history[0].depositor_name.as_deref(),
        Some("홍길동")
    );
    assert_eq!(v.pay_method, Some(PayMethod::Vbank));
    let usd = parse_payment(&payment_fixture("usd-cents")).unwrap();
    assert_eq!(usd.amount, Amount::parse("10.10").unwrap());
}

#[test]
fn unknown_values_are_kept() {
    let p = parse_payment(&payment_fixture("unknown-status")).unwrap();
    assert_eq!(p.status, PaymentStatus::Other("partial_refunded".into()));
    assert_eq!(p.pay_method, Some(PayMethod::Other("crypto".into())));
    assert_eq!(p.card_type.as_ref().map(|c| c.as_str()), Some("2"));
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["status"], "partial_refunded");
    assert_eq!(json["channel"], "kiosk");
}

#[test]
fn api_errors_carry_portone_code_and_message() {
    let e = parse_payment(br#"{"code":-1,"message":"Unauthorized","response":null}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ApiError);
    assert_eq!(e.api_code(), Some(-1));
    assert_eq!(e.api_message(), Some("Unauthorized"));
    let e = parse_payment(br#"{"code":0,"message":null,"response":null}"#).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::ApiError, "response"));
    let e = parse_payment(br#"{"code":"1","message":"no such payment"}"#).unwrap_err();
    assert_eq!(e.api_code(), Some(1));
}

#[test]
fn field_errors_have_paths() {
    let e = parse_payment(
        br#"{"code":0,"response":{"imp_uid":"i","merchant_uid":"m","status":"paid"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::MissingField, "response.amount")
    );
    let e = parse_payment(
        br#"{"imp_uid":"i","merchant_uid":"m","status":"paid","amount":1,"cancel_history":[{"amount":"x"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidField, "cancel_history[0].amount")
    );
    let e = parse_payment(
        br#"{"imp_uid":"i","merchant_uid":"m","status":"paid","amount":1,"sandbox":"yes"}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "sandbox"));
    let e = parse_payment(b"\xff\xfe").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson);
    let e = parse_payment(b"42").unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);
}

#[test]
fn bom_and_whitespace_are_tolerated() {
    let mut body = b"\xEF\xBB\xBF \n".to_vec();
    body.extend(payment_fixture("card-paid"));
    assert!(parse_payment(&body).is_ok());
}
