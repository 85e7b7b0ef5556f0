//! The verdict on every fixture, through both the parsed and the fast JSON path.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{payment_fixture, PAYMENT_FIXTURES};
use portone_verify::{
    parse_payment, verify_payment, verify_payment_json, Amount, ErrorCode, Expected, FailureCode,
    Observed, PaidState, Verdict,
};

fn krw(merchant_uid: &str, amount: &str) -> Expected {
    Expected::new(merchant_uid, Amount::parse(amount).unwrap())
}

/// Both paths must agree; returns the verdict.
fn judge(fixture: &str, expected: &Expected) -> Verdict {
    let body = payment_fixture(fixture);
    let fast = verify_payment_json(&body, expected).unwrap();
    let full = verify_payment(&parse_payment(&body).unwrap(), expected);
    assert_eq!(fast, full, "{fixture}: fast and full paths disagree");
    fast
}

fn codes(verdict: &Verdict) -> Vec<FailureCode> {
    verdict.failures().iter().map(|f| f.code).collect()
}

#[test]
fn paid_card_matches_its_order() {
    let v = judge("card-paid", &krw("57008833-33004", "1004"));
    assert_eq!(
        v,
        Verdict::Verified {
            state: PaidState::Paid
        }
    );
    assert!(judge("loose-types", &krw("57008833-33004", "1004")).is_ok());
    assert!(judge("bare-card-paid", &krw("57008833-33004", "1004.00")).is_ok());
}

#[test]
fn forged_amount_is_rejected() {
    let v = judge("card-paid", &krw("57008833-33004", "100400"));
    assert_eq!(codes(&v), [FailureCode::AmountMismatch]);
    let f = &v.failures()[0];
    assert_eq!(
        (f.field.as_str(), &f.expected, &f.actual),
        (
            "amount",
            &Observed::Amount(Amount::parse("100400").unwrap()),
            &Observed::Amount(Amount::parse("1004").unwrap())
        )
    );
}

#[test]
fn every_mismatch_is_listed() {
    let expected = krw("other-order", "999")
        .with_currency("USD")
        .with_imp_uid("imp_other");
    let v = judge("card-paid", &expected);
    assert_eq!(
        codes(&v),
        [
            FailureCode::MerchantUidMismatch,
            FailureCode::ImpUidMismatch,
            FailureCode::AmountMismatch,
            FailureCode::CurrencyMismatch
        ]
    );
}

#[test]
fn vbank_ready_needs_permission() {
    let strict = judge("vbank-ready", &krw("order-vbank-ready", "50000"));
    assert_eq!(codes(&strict), [FailureCode::NotPaid]);
    // The fixture's deposit deadline is 1648430763 (UNIX seconds).
    let allowed = krw("order-vbank-ready", "50000").allow_virtual_account_issued(true);
    assert_eq!(
        judge("vbank-ready", &allowed.clone().now_ms(1_648_430_762_999)),
        Verdict::Verified {
            state: PaidState::VirtualAccountIssued
        }
    );
    let paid = judge("vbank-paid", &krw("order-vbank-paid", "50000"));
    assert_eq!(
        paid,
        Verdict::Verified {
            state: PaidState::Paid
        }
    );
}

/// Issue 13: an issued virtual account whose deposit deadline has passed never verifies, and
/// without a clock (or a deadline) the deadline cannot be judged: fail closed.
#[test]
fn expired_or_undated_virtual_accounts_do_not_verify() {
    let allowed = krw("order-vbank-ready", "50000").allow_virtual_account_issued(true);
    for now_ms in [1_648_430_763_000, 1_648_430_763_001, i64::MAX] {
        let expired = judge("vbank-ready", &allowed.clone().now_ms(now_ms));
        assert_eq!(
            codes(&expired),
            [FailureCode::VirtualAccountExpired],
            "{now_ms}"
        );
    }
    let no_clock = judge("vbank-ready", &allowed);
    assert_eq!(codes(&no_clock), [FailureCode::IncompletePayment]);
    assert_eq!(no_clock.failures()[0].field, "vbank_date");
    let body = String::from_utf8(payment_fixture("vbank-ready")).unwrap();
    for deadline in ["0", "null", "\"\""] {
        let undated = body.replace(
            "\"vbank_date\": 1648430763",
            &format!("\"vbank_date\": {deadline}"),
        );
        assert_ne!(undated, body);
        let v = verify_payment_json(undated.as_bytes(), &allowed.clone().now_ms(0)).unwrap();
        assert_eq!(codes(&v), [FailureCode::IncompletePayment], "{deadline}");
    }
}

#[test]
fn ready_without_an_issued_account_is_not_paid_even_when_allowed() {
    let body = br#"{"imp_uid":"i","merchant_uid":"m","amount":1,"cancel_amount":0,"currency":"KRW",
        "status":"ready","sandbox":false,"pay_method":"vbank","vbank_num":""}"#;
    let v = verify_payment_json(body, &krw("m", "1").allow_virtual_account_issued(true)).unwrap();
    assert_eq!(codes(&v), [FailureCode::NotPaid]);
    let card = br#"{"imp_uid":"i","merchant_uid":"m","amount":1,"cancel_amount":0,"currency":"KRW",
        "status":"ready","sandbox":false,"pay_method":"card","vbank_num":"123"}"#;
    let v = verify_payment_json(card, &krw("m", "1").allow_virtual_account_issued(true)).unwrap();
    assert_eq!(codes(&v), [FailureCode::NotPaid]);
}

#[test]
fn cancellations_are_rejected() {
    assert_eq!(
        codes(&judge("cancelled", &krw("order-cancelled", "1004"))),
        [FailureCode::Cancelled]
    );
    assert_eq!(
        codes(&judge(
            "partially-cancelled",
            &krw("order-partial", "30000")
        )),
        [FailureCode::PartiallyCancelled]
    );
}

#[test]
fn sandbox_needs_permission() {
    assert_eq!(
        codes(&judge("sandbox", &krw("order-sandbox", "1004"))),
        [FailureCode::SandboxPayment]
    );
    assert!(judge("sandbox", &krw("order-sandbox", "1004").allow_sandbox(true)).is_ok());
}

#[test]
fn failed_and_unknown_status_are_not_paid() {
    assert_eq!(
        codes(&judge("failed", &krw("order-failed", "1004"))),
        [FailureCode::NotPaid]
    );
    let v = judge("unknown-status", &krw("order-unknown", "1004"));
    assert_eq!(codes(&v), [FailureCode::NotPaid]);
    assert!(v.failures()[0].message.contains("partial_refunded"));
}

#[test]
fn usd_cents_compare_exactly() {
    let usd = |amount: &str| krw("order-usd", amount).with_currency("USD");
    assert!(judge("usd-cents", &usd("10.10")).is_ok());
    assert!(judge("usd-cents", &usd("10.1")).is_ok());
    assert_eq!(
        codes(&judge("usd-cents", &usd("10.1000001"))),
        [FailureCode::AmountMismatch]
    );
    assert_eq!(
        codes(&judge("usd-cents", &usd("10"))),
        [FailureCode::AmountMismatch]
    );
}

#[test]
fn tiny_differences_are_mismatches() {
    let body = |amount: &str| {
        format!(
            r#"{{"imp_uid":"i","merchant_uid":"m","amount":{amount},"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}}"#
        )
    };
    let order = krw("m", "1004");
    assert!(verify_payment_json(body("1004").as_bytes(), &order)
        .unwrap()
        .is_ok());
    assert!(verify_payment_json(body("1004.0").as_bytes(), &order)
        .unwrap()
        .is_ok());
    assert!(!verify_payment_json(body("1004.0001").as_bytes(), &order)
        .unwrap()
        .is_ok());
    assert!(
        !verify_payment_json(body("1004.00000000000000001").as_bytes(), &order)
            .unwrap()
            .is_ok()
    );
}

#[test]
fn missing_judgement_fields_fail_closed() {
    let body = br#"{"imp_uid":"i","merchant_uid":"m","amount":1,"status":"paid"}"#;
    let v = verify_payment_json(body, &krw("m", "1")).unwrap();
    assert_eq!(
        codes(&v),
        [
            FailureCode::CurrencyMismatch,
            FailureCode::IncompletePayment,
            FailureCode::IncompletePayment
        ]
    );
    assert_eq!(v.failures()[1].field, "cancel_amount");
    assert_eq!(v.failures()[2].field, "sandbox");
}

#[test]
fn unjudgeable_input_is_an_error() {
    let order = krw("m", "1");
    let e = verify_payment_json(br#"{"code":0,"response":{"imp_uid":"i"}}"#, &order).unwrap_err();
    assert_eq!(e.code(), ErrorCode::MissingField);
    assert_eq!(e.path(), "response.merchant_uid");
    let e = verify_payment_json(
        br#"{"code":-1,"message":"expired","response":null}"#,
        &order,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.api_code()), (ErrorCode::ApiError, Some(-1)));
    let e = verify_payment_json(
        br#"{"imp_uid":"i","merchant_uid":"m","amount":1,"amount":2,"status":"paid"}"#,
        &order,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidField);
    assert!(verify_payment_json(b"null", &order).is_err());
}

#[test]
fn every_fixture_gives_the_same_verdict_both_ways() {
    for name in PAYMENT_FIXTURES {
        for expected in [
            krw("57008833-33004", "1004"),
            krw("x", "0").allow_sandbox(true),
        ] {
            judge(name, &expected);
        }
    }
}

#[test]
fn expected_from_json_reports_paths() {
    let e = Expected::from_json(br#"{"merchantUid":"m"}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidArgument, "expected.amount")
    );
    let e = Expected::from_json(br#"{"merchantUid":"m","amount":"ten"}"#).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidArgument, "expected.amount")
    );
    let e = Expected::from_json(br#"{"merchantUid":"","amount":1}"#).unwrap_err();
    assert_eq!(e.path(), "expected.merchantUid");
    let e = Expected::from_json(br#"{"merchantUid":"m","amount":-1}"#).unwrap_err();
    assert_eq!(e.path(), "expected.amount");
    let ok = Expected::from_json(
        br#"{"merchantUid":"m","amount":"10.10","currency":"USD","allowSandbox":true}"#,
    )
    .unwrap();
    assert_eq!(
        (ok.amount.as_str(), ok.currency.as_str(), ok.allow_sandbox),
        ("10.1", "USD", true)
    );
}

/// Issue 13: an id of the wrong JSON type is refused, never read as text that could match
/// an order; an amount a double cannot hold is refused, never `Infinity`.
#[test]
fn ids_must_be_strings_and_amounts_finite() {
    let paid = String::from_utf8(payment_fixture("bare-card-paid")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&paid).unwrap();
    let merchant_uid = value["merchant_uid"].as_str().unwrap().to_owned();
    let order = krw(&merchant_uid, value["amount"].to_string().as_str());
    assert!(verify_payment_json(paid.as_bytes(), &order)
        .unwrap()
        .is_ok());
    for (field, replacement) in [
        ("merchant_uid", "57008833".to_owned()),
        ("imp_uid", "12345".to_owned()),
        ("merchant_uid", "true".to_owned()),
        ("merchant_uid", "\"  \"".to_owned()),
        ("amount", "1e309".to_owned()),
        ("amount", format!("\"{}\"", "9".repeat(400))),
    ] {
        let mut changed = value.clone();
        changed[field] = serde_json::from_str(&replacement).unwrap_or(serde_json::Value::Null);
        let text = changed.to_string().replace(
            &format!("\"{field}\":null"),
            &format!("\"{field}\":{replacement}"),
        );
        for body in [
            text.clone(),
            format!(r#"{{"code":0,"message":null,"response":{text}}}"#),
        ] {
            let err = verify_payment_json(body.as_bytes(), &order).unwrap_err();
            assert_eq!(
                err.code(),
                ErrorCode::InvalidField,
                "{field} = {replacement}"
            );
            assert!(err.path().ends_with(field), "{}", err.path());
            assert_eq!(
                parse_payment(body.as_bytes()).unwrap_err().code(),
                ErrorCode::InvalidField
            );
        }
    }
    // The largest finite double still is one.
    assert!(Amount::parse("1.7976931348623157e308").is_some());
    assert!(Amount::parse("1.7976931348623159e308").is_none());
}
