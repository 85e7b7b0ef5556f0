//! The V2 verification rules: every status and every failure code, on the V2 fixtures and on
//! the paid card payment with one field changed. The verdicts of the whole table are recorded
//! in `tests/golden/v2-verdicts.txt` (`UPDATE_EXPECT=1` rewrites it).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use common::golden::mutate;
use common::{v2_payment_fixture, v2_payment_fixtures};
use expect_test::expect_file;
use portone_verify::{
    parse_payment_v2, verify_payment_v2, verify_payment_v2_json, Amount, ErrorCode, ExpectedV2,
    FailureCode, PaidState, Verdict,
};
use serde_json::{json, Value};

/// The order the paid card fixture pays for.
fn order() -> ExpectedV2 {
    ExpectedV2::new("order-20240701-0001", Amount::from_i64(129000))
}

/// An order that matches fixture `name` in everything but its status, channel and currency.
fn order_for(payment: &Value) -> ExpectedV2 {
    ExpectedV2::new(
        payment["id"].as_str().unwrap(),
        Amount::parse(&payment["amount"]["total"].to_string()).unwrap(),
    )
}

/// The verdict of `input`, checked to be the same from the bytes and from the parsed payment.
fn verdict(input: &[u8], expected: &ExpectedV2) -> Verdict {
    let from_json = verify_payment_v2_json(input, expected).unwrap();
    let payment = parse_payment_v2(input).unwrap();
    assert_eq!(from_json, verify_payment_v2(&payment, expected));
    from_json
}

/// Expected failures: each code and field.
type Failures<'a> = Vec<(FailureCode, &'a str)>;

fn codes(verdict: &Verdict) -> Vec<(FailureCode, String)> {
    verdict
        .failures()
        .iter()
        .map(|f| (f.code, f.field.clone()))
        .collect()
}

fn changed(key: &str, value: Value) -> Vec<u8> {
    let base: Value = serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap();
    mutate(&base, key, &Some(value)).to_string().into_bytes()
}

fn changed_amount(key: &str, value: Value) -> Vec<u8> {
    let base: Value = serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap();
    let amount = mutate(&base["amount"], key, &Some(value));
    mutate(&base, "amount", &Some(amount))
        .to_string()
        .into_bytes()
}

#[test]
fn a_matching_paid_payment_verifies() {
    let input = v2_payment_fixture("paid-card");
    let expected = order()
        .with_order_name("무선 기계식 키보드 외 1건")
        .with_store_id("store-4f4f6a36-5b6b-4e6b-9f1a-0c6d7c1f2a11");
    assert_eq!(
        verdict(&input, &expected),
        Verdict::Verified {
            state: PaidState::Paid
        }
    );
}

#[test]
fn every_status() {
    use FailureCode::*;
    let cases: &[(&str, Vec<(FailureCode, &str)>)] = &[
        (
            "ready",
            vec![(NotPaid, "status"), (IncompletePayment, "channel")],
        ),
        ("pay-pending", vec![(NotPaid, "status")]),
        ("virtual-account-issued", vec![(NotPaid, "status")]),
        (
            "failed",
            vec![(NotPaid, "status"), (IncompletePayment, "channel")],
        ),
        ("partial-cancelled", vec![(PartiallyCancelled, "status")]),
        ("cancelled", vec![(Cancelled, "status")]),
        ("unknown-status", vec![(NotPaid, "status")]),
        ("paid-card", vec![]),
        ("big-amount", vec![]),
    ];
    for (name, want) in cases {
        let input = v2_payment_fixture(name);
        let payment: Value = serde_json::from_slice(&input).unwrap();
        let got = verdict(&input, &order_for(&payment));
        let want: Vec<(FailureCode, String)> =
            want.iter().map(|(c, f)| (*c, (*f).to_owned())).collect();
        assert_eq!(codes(&got), want, "{name}");
        assert_eq!(got.is_ok(), want.is_empty(), "{name}");
    }
}

#[test]
fn virtual_accounts_only_when_allowed() {
    let input = v2_payment_fixture("virtual-account-issued");
    let payment: Value = serde_json::from_slice(&input).unwrap();
    // The fixture's deposit deadline: 2024-07-04T14:59:59Z.
    let deadline_ms = 1_720_105_199_000;
    let allowed = order_for(&payment).allow_virtual_account_issued(true);
    assert_eq!(
        verdict(&input, &allowed.clone().now_ms(deadline_ms - 1)),
        Verdict::Verified {
            state: PaidState::VirtualAccountIssued
        }
    );
    let expired = [(
        FailureCode::VirtualAccountExpired,
        "method.expiredAt".into(),
    )];
    assert_eq!(
        codes(&verdict(&input, &allowed.clone().now_ms(deadline_ms))),
        expired
    );
    // Without the clock, a deadline or a readable one, it cannot be judged.
    let unknown = [(FailureCode::IncompletePayment, "method.expiredAt".into())];
    assert_eq!(codes(&verdict(&input, &allowed)), unknown);
    let mut changed = payment.clone();
    for deadline in [Value::Null, json!("2024-07-04"), json!("next week")] {
        changed["method"]["expiredAt"] = deadline;
        let input = changed.to_string().into_bytes();
        assert_eq!(codes(&verdict(&input, &allowed.clone().now_ms(0))), unknown);
    }
    changed["method"] = json!({"type": "PaymentMethodCard"});
    let input = changed.to_string().into_bytes();
    assert_eq!(codes(&verdict(&input, &allowed.clone().now_ms(0))), unknown);
    changed["method"]["type"] = json!("PaymentMethodVirtualAccount");
    changed["method"]["accountNumber"] = json!("1");
    changed["method"]["expiredAt"] = json!("2024-07-05T00:00:00+09:00");
    let input = changed.to_string().into_bytes();
    let on_time = allowed.clone().now_ms(deadline_ms - 1);
    assert!(verdict(&input, &on_time).is_ok()); // 2024-07-04T15:00:00Z
    assert_eq!(
        codes(&verdict(&input, &on_time.now_ms(deadline_ms + 1000))),
        expired
    );
    // Allowing virtual accounts never lets another unpaid status through.
    for name in ["ready", "pay-pending", "failed", "unknown-status"] {
        let input = v2_payment_fixture(name);
        let payment: Value = serde_json::from_slice(&input).unwrap();
        let expected = order_for(&payment)
            .allow_virtual_account_issued(true)
            .now_ms(0)
            .allow_test_channel(true);
        assert_eq!(
            codes(&verdict(&input, &expected)),
            [(FailureCode::NotPaid, "status".into())]
        );
    }
}

#[test]
fn test_channels_only_when_allowed() {
    let input = v2_payment_fixture("test-channel");
    let payment: Value = serde_json::from_slice(&input).unwrap();
    let expected = order_for(&payment);
    assert_eq!(
        codes(&verdict(&input, &expected)),
        [
            (FailureCode::SandboxPayment, "channel.type".into()),
            (FailureCode::SandboxPayment, "channelGroup.isForTest".into()),
        ]
    );
    assert!(verdict(&input, &expected.allow_test_channel(true)).is_ok());
    // Without a channel nothing rules a test payment out, unless test payments are allowed.
    let input = changed("channel", Value::Null);
    assert_eq!(
        codes(&verdict(&input, &order())),
        [(FailureCode::IncompletePayment, "channel".into())]
    );
    assert!(verdict(&input, &order().allow_test_channel(true)).is_ok());
    let input = changed(
        "channel",
        json!({"type": "STAGING", "pgProvider": "KCP_V2", "pgMerchantId": "m"}),
    );
    assert_eq!(
        codes(&verdict(&input, &order())),
        [(FailureCode::IncompletePayment, "channel.type".into())]
    );
}

#[test]
fn every_mismatch() {
    use FailureCode::*;
    let strict = order()
        .with_order_name("무선 기계식 키보드 외 1건")
        .with_store_id("store-4f4f6a36-5b6b-4e6b-9f1a-0c6d7c1f2a11");
    let cases: Vec<(Vec<u8>, Failures)> = vec![
        (
            changed("id", json!("order-9")),
            vec![(PaymentIdMismatch, "id")],
        ),
        (
            changed("storeId", json!("store-other")),
            vec![(StoreIdMismatch, "storeId")],
        ),
        (
            changed("orderName", json!("무선 기계식 키보드")),
            vec![(OrderNameMismatch, "orderName")],
        ),
        (
            changed_amount("total", json!(1000)),
            vec![(AmountMismatch, "amount.total")],
        ),
        (
            changed_amount("total", json!("129001")),
            vec![(AmountMismatch, "amount.total")],
        ),
        (
            changed("currency", json!("USD")),
            vec![(CurrencyMismatch, "currency")],
        ),
        (changed("currency", json!("krw")), vec![]),
        (
            changed("status", json!("PAY_PENDING")),
            vec![(NotPaid, "status")],
        ),
        (changed("status", json!("paid")), vec![(NotPaid, "status")]),
        (
            changed("status", json!("VIRTUAL_ACCOUNT_ISSUED")),
            vec![(NotPaid, "status")],
        ),
        (
            changed_amount("cancelled", json!(1000)),
            vec![(PartiallyCancelled, "amount.cancelled")],
        ),
        (
            changed_amount("cancelled", json!(-1)),
            vec![(IncompletePayment, "amount.cancelled")],
        ),
        (
            changed(
                "channel",
                json!({"type": "TEST", "pgProvider": "KCP_V2", "pgMerchantId": "m"}),
            ),
            vec![(SandboxPayment, "channel.type")],
        ),
        (
            changed(
                "channelGroup",
                json!({"id": "g", "name": "n", "isForTest": true}),
            ),
            vec![(SandboxPayment, "channelGroup.isForTest")],
        ),
    ];
    for (input, want) in cases {
        let want: Vec<(FailureCode, String)> =
            want.into_iter().map(|(c, f)| (c, f.to_owned())).collect();
        assert_eq!(
            codes(&verdict(&input, &strict)),
            want,
            "{}",
            String::from_utf8_lossy(&input)
        );
    }
    // Everything wrong at once: every failure is listed, in a fixed order.
    let mut all: Value = serde_json::from_slice(&v2_payment_fixture("cancelled")).unwrap();
    all["channel"] = json!({"type": "TEST", "pgProvider": "KCP_V2", "pgMerchantId": "m"});
    all["storeId"] = json!("store-other");
    all["currency"] = json!("USD");
    let got = codes(&verdict(all.to_string().as_bytes(), &strict));
    let fields: Vec<&str> = got.iter().map(|(_, f)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "id",
            "storeId",
            "orderName",
            "amount.total",
            "currency",
            "status",
            "channel.type"
        ],
        "{got:?}"
    );
}

#[test]
fn amounts_are_compared_exactly_past_2_pow_53() {
    let input = v2_payment_fixture("big-amount");
    let exact = ExpectedV2::new("order-big", Amount::parse("9007199254740993").unwrap());
    assert!(verdict(&input, &exact).is_ok());
    // 2^53 and 2^53 + 1 are the same f64: only an exact comparison tells them apart.
    assert_eq!(9_007_199_254_740_992_f64, 9_007_199_254_740_993_i64 as f64);
    let near = ExpectedV2::new("order-big", Amount::parse("9007199254740992").unwrap());
    let got = verdict(&input, &near);
    assert_eq!(
        codes(&got),
        [(FailureCode::AmountMismatch, "amount.total".into())]
    );
    let failure = serde_json::to_value(&got.failures()[0]).unwrap();
    assert_eq!(failure["actual"], json!("9007199254740993"));
    assert_eq!(failure["expected"], json!("9007199254740992"));
}

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

#[test]
fn verdicts_golden() {
    let mut out = String::new();
    for (name, input) in v2_payment_fixtures() {
        let payment: Value = serde_json::from_slice(&input).unwrap();
        for (label, expected) in [
            ("strict", order_for(&payment)),
            (
                "lenient",
                order_for(&payment)
                    .allow_test_channel(true)
                    .allow_virtual_account_issued(true)
                    .now_ms(1_720_000_000_000),
            ),
        ] {
            let verdict = serde_json::to_string(&verdict(&input, &expected)).unwrap();
            writeln!(out, "{name} ({label}): {verdict}").unwrap();
        }
    }
    expect_file!["golden/v2-verdicts.txt"].assert_eq(&out);
}
