//! Regressions found by the fuzz targets (`fuzz/`, `make fuzz`): each case is the minimised
//! input inline, with what the target's oracle requires of it.
#![cfg(not(target_arch = "wasm32"))]

use portone_verify::types::Wire;
use portone_verify::{
    parse_payment, parse_request_pay_response, payment_json, ErrorCode, Expected,
};
use serde_json::Value;

/// `parse_callback`: a number in `custom_data` reached Rust as another double than the one
/// written (serde_json's default float parsing is off by one unit in the last place for some
/// inputs; JavaScript's `JSON.parse` of the same canonical text is exact).
#[test]
fn custom_data_numbers_are_the_doubles_written() {
    for (text, value) in [
        ("3e136", 3e136),
        ("1009999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999990.0", 1.01e105),
        ("4921429395412e-160", 4.921429395412e-148),
    ] {
        let callback = format!(r#"{{"imp_uid":"imp_1","custom_data":{text}}}"#);
        let parsed = parse_request_pay_response(callback.as_bytes()).unwrap();
        assert_eq!(parsed.custom_data.as_ref().and_then(Value::as_f64), Some(value), "{text}");

        let body = format!(
            r#"{{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,"status":"paid","custom_data":{{"x":[{text}]}}}}"#
        );
        let payment = parse_payment(body.as_bytes()).unwrap();
        assert_eq!(payment.custom_data.as_ref().map(|c| c["x"][0].as_f64()), Some(Some(value)));
        // The canonical text and the struct's are the same JSON value.
        let canonical: Value = serde_json::from_str(&payment_json(body.as_bytes()).unwrap()).unwrap();
        let built: Value = serde_json::from_str(&payment.to_canonical_json()).unwrap();
        assert_eq!(canonical, built);
    }
}

/// `parse_callback` / `parse_payment`: `custom_data` nested 128 to 200 levels deep was read
/// and handed to JavaScript by `payment_json`, while `parse_payment` (the same reader, then
/// serde_json with its recursion limit of 128) failed with an internal error.
#[test]
fn deep_custom_data_parses_as_deep_as_the_reader_reads() {
    for depth in [127, 128, 150, 199] {
        let value = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let body = format!(
            r#"{{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,"status":"paid","custom_data":{value}}}"#
        );
        assert!(payment_json(body.as_bytes()).is_ok(), "{depth}");
        let payment = parse_payment(body.as_bytes()).unwrap_or_else(|e| panic!("{depth}: {e:?}"));
        assert_eq!(
            payment.to_canonical_json(),
            payment_json(body.as_bytes()).unwrap()
        );
        let callback = format!(r#"{{"imp_uid":"imp_1","custom_data":{value}}}"#);
        assert!(
            parse_request_pay_response(callback.as_bytes()).is_ok(),
            "{depth}"
        );
    }
    // Deeper than the reader goes: refused alike, as invalid JSON.
    let value = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let body = format!(
        r#"{{"imp_uid":"imp_1","merchant_uid":"o1","amount":1,"status":"paid","custom_data":{value}}}"#
    );
    assert_eq!(
        parse_payment(body.as_bytes()).unwrap_err().code(),
        ErrorCode::InvalidJson
    );
    assert_eq!(
        payment_json(body.as_bytes()).unwrap_err().code(),
        ErrorCode::InvalidJson
    );
}

/// `expected_json`: the error path of a malformed expectation was found by a walk that
/// recursed once per level of nesting, so a deeply nested value overflowed the stack (an abort
/// natively, a trap in wasm).
#[test]
fn a_deeply_nested_expectation_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000, 1_000_000] {
        let input = format!(r#"{{"merchantUid":{}"#, "[".repeat(depth));
        let err = Expected::from_json(input.as_bytes()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidArgument, "{depth}");
        assert!(
            err.path().starts_with("expected.merchantUid"),
            "{depth}: {}",
            err.path()
        );
        let closed = format!(
            r#"{{"merchantUid":{}{},"amount":1}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert_eq!(
            Expected::from_json(closed.as_bytes()).unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
    }
}

/// `parse_callback`: a number beyond what a double holds inside `custom_data` (`3e509`) was
/// handed to JavaScript by the canonical JSON (where it reads as `Infinity`) while the Rust
/// struct failed with an internal error. The struct now holds `null` there, as serde_json
/// writes a non-finite number (and as `JSON.stringify` writes `Infinity`).
#[test]
fn custom_data_numbers_beyond_a_double_are_null_in_rust() {
    let callback =
        br#"{"imp_uid":"imp_1","custom_data":{"a":3e509,"b":[-1e400,"1e999",1e-999,2]}}"#;
    assert!(portone_verify::request_pay_response_json(callback).is_ok());
    let parsed = parse_request_pay_response(callback).unwrap();
    assert_eq!(
        parsed.custom_data,
        Some(serde_json::json!({"a": null, "b": [null, "1e999", 0.0, 2]}))
    );
    let body = br#"{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,"status":"paid","custom_data":3e509}"#;
    assert_eq!(parse_payment(body).unwrap().custom_data, Some(Value::Null));
}

/// `client_response`: a `Retry-After` date with a year beyond four digits overflowed the date
/// arithmetic (a panic with overflow checks, a wrapped delay without); negative clock fields
/// were accepted. Both are unreadable dates now, as PortOne never sends them.
#[cfg(feature = "client")]
#[test]
fn retry_after_dates_outside_imf_fixdate_are_unreadable() {
    use portone_verify::client::response::parse_retry_after;
    for value in [
        "Sun, 06 Nov 99999999999999 08:49:37 GMT",
        "Sun, 06 Jan -9223372036854775808 08:49:37 GMT",
        "Sun, 06 Nov 10000 08:49:37 GMT",
        "Sun, 06 Nov 1994 -8:49:37 GMT",
        "Sun, 06 Nov 1994 08:-49:37 GMT",
    ] {
        assert_eq!(parse_retry_after(value, 0.0), None, "{value}");
    }
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000.0 - 5_000.0),
        Some(5_000)
    );
    assert_eq!(
        parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 0.0),
        Some(253_402_300_799_000)
    );
}

/// `parse_v2_browser`: a blank `code` (`""`, `"   "`) in `PortOne.requestPayment`'s result
/// was read as success, while the SDK's rule is "a `code` means the payment failed" (V1's
/// callback rule, a non-blank `error_code`, had been applied to V2). Any non-null `code` is a
/// failure now; in the redirect query an empty value is still no parameter at all.
#[test]
fn a_blank_v2_code_is_a_failure() {
    use portone_verify::{
        parse_payment_response_v2, parse_redirect_query_v2, payment_response_v2_json,
    };
    for body in [
        r#"{"paymentId":"order-1","code":""}"#,
        r#"{"paymentId":"order-1","code":"   "}"#,
        r#"{"paymentId":"order-1","code":0}"#,
    ] {
        let response = parse_payment_response_v2(body.as_bytes()).unwrap();
        assert!(!response.success, "{body}");
        assert!(
            payment_response_v2_json(body.as_bytes())
                .unwrap()
                .starts_with(r#"{"success":false"#),
            "{body}"
        );
    }
    let absent = parse_payment_response_v2(br#"{"paymentId":"order-1","code":null}"#).unwrap();
    assert!(absent.success && absent.code.is_none());
    let query = parse_redirect_query_v2("?paymentId=order-1&code=%20").unwrap();
    assert!(query.success && query.code.is_none());
}

/// `verify_v2`: a deposit deadline with seconds past 60 (`14:59:75Z`, no RFC 3339 time) was
/// read as `14:59:59`, so an issued virtual account verified against a deadline that cannot be
/// read. It is unreadable now (`INCOMPLETE_PAYMENT`); a leap second (`:60`) still reads.
#[test]
fn a_deposit_deadline_past_sixty_seconds_is_unreadable() {
    use portone_verify::{verify_payment_v2_json, Amount, ExpectedV2, FailureCode, Verdict};
    let body = |expired_at: &str| {
        format!(
            r#"{{"status":"VIRTUAL_ACCOUNT_ISSUED","id":"order-1","transactionId":"t","merchantId":"m","storeId":"s",
            "method":{{"type":"PaymentMethodVirtualAccount","accountNumber":"5621","expiredAt":"{expired_at}"}},
            "channel":{{"type":"LIVE","pgProvider":"KCP_V2","pgMerchantId":"m"}},"version":"V2",
            "requestedAt":"r","updatedAt":"u","statusChangedAt":"c","orderName":"Book",
            "amount":{{"total":32000,"taxFree":0,"discount":0,"paid":0,"cancelled":0,"cancelledTaxFree":0}},
            "currency":"KRW","customer":{{}},"origin":{{"platformType":"PC","ipAddress":"::1"}}}}"#
        )
    };
    let order = ExpectedV2::new("order-1", Amount::from_i64(32000))
        .allow_virtual_account_issued(true)
        .now_ms(1_714_039_200_000);
    for expired_at in ["2024-07-04T14:59:75Z", "2024-07-04T14:59:61Z"] {
        let verdict = verify_payment_v2_json(body(expired_at).as_bytes(), &order).unwrap();
        assert_eq!(
            verdict.failures()[0].code,
            FailureCode::IncompletePayment,
            "{expired_at}"
        );
    }
    let leap = verify_payment_v2_json(body("2024-07-04T14:59:60Z").as_bytes(), &order).unwrap();
    assert!(matches!(leap, Verdict::Verified { .. }));
}

/// `client_response`: a body with a non-null top-level `imp_uid` next to `code` and
/// `response` is a bare payment for `parse_payment` (and `verify_payment_json`), but
/// `parse_enveloped::<PaymentAnnotation>` (the client's typed `decode`) read `response`: the
/// typed and the canonical reading of one answer gave two different payments. Both follow the
/// one rule now.
#[test]
fn an_enveloped_payment_is_told_apart_by_one_rule() {
    use portone_verify::{parse_enveloped, PaymentAnnotation};
    let body = br#"{"imp_uid":"a","merchant_uid":"m","amount":1,"status":"paid","code":0,
        "response":{"imp_uid":"b","merchant_uid":"m2","amount":2,"status":"paid"}}"#;
    let payment = parse_payment(body).unwrap();
    assert_eq!(payment.imp_uid, "a");
    assert_eq!(parse_enveloped::<PaymentAnnotation>(body).unwrap(), payment);
    // Its `response` is no object: the same refusal either way.
    let body = br#"{"code":0,"imp_uid":"x","response":[{"imp_uid":"imp_1"}]}"#;
    let (a, b) = (
        parse_payment(body).unwrap_err(),
        parse_enveloped::<PaymentAnnotation>(body).unwrap_err(),
    );
    assert_eq!((a.code(), a.path()), (b.code(), b.path()));
    // A null `imp_uid` is no payment of its own: the envelope is read.
    let body = br#"{"imp_uid":null,"code":0,"response":{"imp_uid":"b","merchant_uid":"m2","amount":2,"status":"paid"}}"#;
    assert_eq!(
        parse_enveloped::<PaymentAnnotation>(body).unwrap().imp_uid,
        "b"
    );
    assert_eq!(parse_payment(body).unwrap().imp_uid, "b");
}
