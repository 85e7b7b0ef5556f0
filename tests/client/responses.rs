//! Responses → results: envelopes, HTTP statuses and PortOne codes to errors, answers to
//! typed values.

use super::*;

#[test]
fn statuses_map_to_stable_codes() {
    let cases = [
        (400, ClientErrorCode::BadRequest),
        (401, ClientErrorCode::Unauthorized),
        (403, ClientErrorCode::Unauthorized),
        (404, ClientErrorCode::NotFound),
        (405, ClientErrorCode::BadRequest),
        (429, ClientErrorCode::RateLimited),
        (500, ClientErrorCode::ServerError),
        (502, ClientErrorCode::ServerError),
        (503, ClientErrorCode::ServerError),
        (302, ClientErrorCode::InvalidResponse),
        (0, ClientErrorCode::InvalidResponse),
    ];
    for (status, code) in cases {
        let err = response::check_status("getPayment", status, b"", Some(1000)).unwrap_err();
        assert_eq!(
            (err.code(), err.status()),
            (code, Some(status)),
            "status {status}"
        );
        let retry_after = matches!(
            code,
            ClientErrorCode::RateLimited | ClientErrorCode::ServerError
        );
        assert_eq!(
            err.retry_after_ms(),
            retry_after.then_some(1000),
            "status {status}"
        );
    }
    for status in [200, 207] {
        assert!(response::check_status("getPayments", status, b"", None).is_ok());
    }
}

#[test]
fn error_bodies_keep_portones_code_and_message() {
    let body = r#"{"code":1,"message":"존재하지 않는 결제정보입니다.","response":null}"#;
    let err = response::check_status("getPayment", 404, body.as_bytes(), None).unwrap_err();
    assert_eq!(err.code(), ClientErrorCode::NotFound);
    assert_eq!(
        (err.api_code(), err.api_message()),
        (Some(1), Some("존재하지 않는 결제정보입니다."))
    );
    assert!(err.message().starts_with("getPayment: "));
    let err = response::check_status("getToken", 401, b"<html>", None).unwrap_err();
    assert_eq!(
        (err.code(), err.api_code()),
        (ClientErrorCode::Unauthorized, None)
    );
    assert!(err.message().contains("API key or secret"));
}

#[test]
fn a_200_with_a_nonzero_code_is_an_api_error() {
    let body = r#"{"code":1,"message":"이미 전액취소된 주문입니다.","response":null}"#;
    let err = response::decode::<PaymentAnnotation>(body.as_bytes()).unwrap_err();
    assert_eq!(err.code(), ClientErrorCode::ApiError);
    assert_eq!(
        (err.api_code(), err.api_message()),
        (Some(1), Some("이미 전액취소된 주문입니다."))
    );
    let err =
        response::decode_payment_page(br#"{"code":-1,"message":"x","response":null}"#).unwrap_err();
    assert_eq!(
        (err.code(), err.api_code()),
        (ClientErrorCode::ApiError, Some(-1))
    );
    let err = response::decode_payments(200, br#"{"code":-1,"message":"x","response":null}"#)
        .unwrap_err();
    assert_eq!(err.code(), ClientErrorCode::ApiError);
}

#[test]
fn unreadable_answers_are_invalid_responses() {
    let body = envelope(PAYMENT);
    let half = &body.as_bytes()[..body.len() / 2];
    let html = b"<!DOCTYPE html><html><body>maintenance</body></html>";
    for bad in [
        half,
        html.as_slice(),
        b"",
        b"[]",
        br#"{"code":0,"message":null,"response":null}"#,
    ] {
        let err = response::decode::<PaymentAnnotation>(bad).unwrap_err();
        assert_eq!(
            err.code(),
            ClientErrorCode::InvalidResponse,
            "{}",
            String::from_utf8_lossy(bad)
        );
        let err = response::decode_payment_page(bad).unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::InvalidResponse);
        let err = response::decode_payments(200, bad).unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::InvalidResponse);
    }
    let wrong =
        envelope(r#"{"imp_uid":"imp_1","merchant_uid":"o","amount":"lots","status":"paid"}"#);
    let err = response::decode::<PaymentAnnotation>(wrong.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidResponse, Some("response.amount"))
    );
    let list = envelope(&format!("[{PAYMENT},{{\"imp_uid\":\"imp_2\"}}]"));
    let err = response::decode_payments(200, list.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (
            ClientErrorCode::InvalidResponse,
            Some("response[1].merchant_uid")
        )
    );
}

#[test]
fn typed_answers_decode() {
    let payment: PaymentAnnotation = response::decode(envelope(PAYMENT).as_bytes()).unwrap();
    assert_eq!(
        (payment.imp_uid.as_str(), payment.amount.as_str()),
        ("imp_1", "1004")
    );
    let prepared: PaymentPrepareAnnotation = response::decode(
        envelope(r#"{"merchant_uid":"o1","amount":1004,"currency":null}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(
        (prepared.merchant_uid.as_str(), prepared.amount.as_str()),
        ("o1", "1004")
    );
    let part = r#"{"tax_free":0,"supply":910,"vat":94,"service":0}"#;
    let balance = format!(
        r#"{{"amount":1004,"cash_receipt":{part},"primary":{part},"secondary":{part},"discount":{part},"histories":[]}}"#
    );
    let balance: PaymentBalance = response::decode(envelope(&balance).as_bytes()).unwrap();
    assert_eq!(balance.amount.as_str(), "1004");
}

#[test]
fn partial_lookups_are_surfaced_not_thrown() {
    let body =
        format!(r#"{{"code":0,"message":"일부를 찾지 못하였습니다.","response":[{PAYMENT}]}}"#);
    let partial = response::decode_payments(207, body.as_bytes()).unwrap();
    assert!(partial.partial);
    assert_eq!(partial.payments.len(), 1);
    assert_eq!(
        partial.message.as_deref(),
        Some("일부를 찾지 못하였습니다.")
    );
    // A 207 whose envelope code is not 0 still carries the payments found.
    let odd = format!(r#"{{"code":1,"message":"partial","response":[{PAYMENT}]}}"#);
    assert_eq!(
        response::decode_payments(207, odd.as_bytes())
            .unwrap()
            .payments
            .len(),
        1
    );
    let full =
        response::decode_payments(200, envelope(&format!("[{PAYMENT}]")).as_bytes()).unwrap();
    assert!(!full.partial);
    assert_eq!(full.payments[0].merchant_uid, "order-1");
}

#[test]
fn pages_decode_and_bare_arrays_become_one_page() {
    let page = envelope(&format!(
        r#"{{"total":41,"previous":1,"next":3,"list":[{PAYMENT}]}}"#
    ));
    let page = response::decode_payment_page(page.as_bytes()).unwrap();
    assert_eq!(
        (page.total, page.previous, page.next, page.list.len()),
        (41, 1, 3, 1)
    );
    let bare = envelope(&format!("[{PAYMENT},{PAYMENT}]"));
    let page = response::decode_payment_page(bare.as_bytes()).unwrap();
    assert_eq!(
        (page.total, page.previous, page.next, page.list.len()),
        (2, 0, 0, 2)
    );
}

#[test]
fn page_errors_name_the_field_and_the_json_forms_match_the_typed_ones() {
    let bad_item = envelope(&format!(
        r#"{{"total":1,"previous":0,"next":0,"list":[{PAYMENT},{{"imp_uid":"i","merchant_uid":"o","amount":"x","status":"paid"}}]}}"#
    ));
    let err = response::decode_payment_page(bad_item.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (
            ClientErrorCode::InvalidResponse,
            Some("response.list[1].amount")
        )
    );
    let no_total = envelope(&format!(r#"{{"previous":0,"next":0,"list":[{PAYMENT}]}}"#));
    let err = response::decode_payment_page(no_total.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidResponse, Some("response.total"))
    );
    let err = response::decode_payment_page(envelope("\"page\"").as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidResponse, Some("response"))
    );

    // The canonical text JavaScript gets is what the typed value serialises to.
    let page = envelope(&format!(
        r#"{{"total":"41","previous":1,"next":3,"list":[{PAYMENT}]}}"#
    ));
    let json: serde_json::Value =
        serde_json::from_str(&response::payment_page_json(page.as_bytes()).unwrap()).unwrap();
    let typed = response::decode_payment_page(page.as_bytes()).unwrap();
    assert_eq!(json, serde_json::to_value(&typed).unwrap());
    assert_eq!(json["total"], 41);
    let body = format!(r#"{{"code":1,"message":"일부 \"없음\"","response":[{PAYMENT}]}}"#);
    let json: serde_json::Value =
        serde_json::from_str(&response::payments_json(207, body.as_bytes()).unwrap()).unwrap();
    let typed = response::decode_payments(207, body.as_bytes()).unwrap();
    assert_eq!(json, serde_json::to_value(&typed).unwrap());
    assert_eq!(json["message"], "일부 \"없음\"");
    let json: serde_json::Value =
        serde_json::from_str(&response::payment_json(envelope(PAYMENT).as_bytes()).unwrap())
            .unwrap();
    let typed: PaymentAnnotation = response::decode(envelope(PAYMENT).as_bytes()).unwrap();
    assert_eq!(json, serde_json::to_value(&typed).unwrap());
}

#[test]
fn token_answers_never_quote_their_values() {
    let auth: AuthAnnotation = response::decode_token(
        envelope(r#"{"access_token":"tok_0001","now":1700000000,"expired_at":1700001800}"#)
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        (auth.access_token.as_str(), auth.expired_at - auth.now),
        ("tok_0001", 1800)
    );
    // A token too short to be redacted from messages is never used.
    let short = envelope(r#"{"access_token":"tok_001","now":1,"expired_at":1801}"#);
    let err = response::decode_token(short.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (
            ClientErrorCode::InvalidResponse,
            Some("response.access_token")
        )
    );
    assert!(!err.message().contains("tok_001"), "{}", err.message());
    let bad = envelope(r#"{"access_token":"tok_SECRET","now":"tok_SECRET2","expired_at":1}"#);
    let err = response::decode_token(bad.as_bytes()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidResponse, Some("response.now"))
    );
    assert!(!err.message().contains("tok_SECRET"), "{}", err.message());
}

#[test]
fn retry_after_reads_seconds_and_dates() {
    assert_eq!(response::parse_retry_after("1", 0.0), Some(1000));
    assert_eq!(
        response::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_470_000.0),
        Some(10_000)
    );
    assert_eq!(response::parse_retry_after("later", 0.0), None);
}
