//! Golden tests of the V2 payment declarations (the browser results and webhook hints are in
//! `wire_golden_v2_browser.rs`): fixture in, canonical JSON out (see
//! `wire_golden.rs`; `UPDATE_EXPECT=1 cargo test --test wire_golden_v2` rewrites the records
//! in `tests/golden/v2-*.txt`). Every accepted case also checks that the built value, its
//! serde serialisation and `serde_json::from_slice` of the raw input agree.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use common::golden::{agree, answers, field_table, mutate};
use common::{v2_payment_fixture, v2_payment_fixtures};
use expect_test::expect_file;
use portone_verify::types::v2::{
    Bank, CancelPaymentBody, CancelPaymentBodyRefundAccount, ErrorBodyV2, GetPaymentsBody,
    GetPaymentsResponse, PageInput, Payment, PaymentAmount, PaymentFilterInput, PaymentStatusV2,
    PgProviderV2, PreRegisterPaymentBody, SelectedChannel,
};
use portone_verify::types::Wire;
use portone_verify::{parse_payment_v2, payment_v2_json};
use serde_json::{json, Value};

fn paid_card() -> Value {
    serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap()
}

fn outcome_of(result: Result<String, portone_verify::ParseError>) -> String {
    match result {
        Ok(json) => json,
        Err(e) => format!("{} at `{}`: {}", e.code().as_str(), e.path(), e.message()),
    }
}

#[test]
fn payment_fixtures() {
    let mut out = String::new();
    for (name, input) in v2_payment_fixtures() {
        let canonical = payment_v2_json(&input).unwrap();
        let payment = parse_payment_v2(&input).unwrap();
        agree(&input, &canonical, &payment);
        writeln!(out, "{name} ({}): {canonical}", payment.status()).unwrap();
    }
    expect_file!["golden/v2-payment-fixtures.txt"].assert_eq(&out);
}

#[test]
fn payment_fields() {
    let table = field_table::<Payment>(
        &paid_card(),
        &["cashReceipt", "pgTxId2", "failure", "cancelledAt"],
    );
    expect_file!["golden/v2-payment-fields.txt"].assert_eq(&table);
}

#[test]
fn amount_and_channel_fields() {
    let base = paid_card();
    let mut table = field_table::<PaymentAmount>(&base["amount"], &[]);
    for value in [
        json!(9007199254740993_i64),
        json!("9007199254740993"),
        json!(i64::MAX),
        json!(u64::MAX),
        json!(-9007199254740993_i64),
        json!(1e15),
        json!(1e16),
        json!("1.0e3"),
        json!(0.0),
        json!("-0"),
    ] {
        let input = mutate(&base["amount"], "total", &Some(value.clone())).to_string();
        let outcome = outcome_of(PaymentAmount::canonical_json(input.as_bytes()));
        writeln!(table, "total <- {value} => {outcome}").unwrap();
    }
    table += &field_table::<SelectedChannel>(&base["channel"], &[]);
    expect_file!["golden/v2-amount-channel-fields.txt"].assert_eq(&table);
}

#[test]
fn nested_unions() {
    let base = paid_card();
    let card = base["method"].clone();
    let cancellation = json!({"status": "SUCCEEDED", "id": "c-1", "totalAmount": "500",
        "taxFreeAmount": 0, "vatAmount": 45, "reason": "반품", "requestedAt": "t", "new": [1]});
    let mut out = String::new();
    for (key, value) in [
        (
            "method",
            json!({"type": "PaymentMethodTransfer", "bank": "KDB", "accountNumber": 12}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodVirtualAccount", "accountNumber": "1"}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodVirtualAccount", "bank": "NEW_BANK"}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodGiftCertificate", "approvalNumber": "A1",
            "giftCertificateType": "CULTURELAND"}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodConvenienceStore", "convenienceStoreBrand": "LAWSON"}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodCrypto", "coin": "BTC"}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodMobile", "phoneNumber": 1055556666_i64}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodEasyPay", "provider": "NAVERPAY",
            "easyPayMethod": card}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodEasyPay", "easyPayMethod": {"type": "POINTS", "x": 1}}),
        ),
        (
            "method",
            json!({"type": "PaymentMethodBnpl", "installments": 4}),
        ),
        ("method", json!({"bank": "KDB"})),
        ("method", json!({"type": 7})),
        ("method", json!({"type": null})),
        (
            "method",
            json!({"type": "PaymentMethodCard", "type": "PaymentMethodCard"}),
        ),
        ("method", json!([])),
        ("escrow", json!({"status": "BEFORE_REGISTERED"})),
        (
            "escrow",
            json!({"status": "CONFIRMED", "company": "CJ", "invoiceNumber": "1",
            "isAutomaticallyConfirmed": "true"}),
        ),
        (
            "escrow",
            json!({"status": "CONFIRMED", "company": "CJ", "invoiceNumber": "1"}),
        ),
        ("escrow", json!({"status": "LOST", "company": "CJ"})),
        (
            "cashReceipt",
            json!({"status": "ISSUED", "issueNumber": "1", "totalAmount": 1000,
            "currency": "KRW", "issuedAt": "t"}),
        ),
        (
            "cashReceipt",
            json!({"status": "CANCELLED", "issueNumber": "1", "totalAmount": 1000,
            "currency": "KRW", "issuedAt": "t"}),
        ),
        ("cashReceipt", json!({"status": "VOIDED"})),
        (
            "cancellations",
            json!([cancellation, {"status": "REVERSED", "id": "c-2"}]),
        ),
        ("cancellations", json!([{"status": "FAILED", "id": "c-3"}])),
        ("cancellations", json!(null)),
        (
            "customer",
            json!({"address": {"type": "ONE_LINE", "oneLine": "서울"}}),
        ),
        (
            "customer",
            json!({"address": {"type": "SEPARATED", "oneLine": "서울"}}),
        ),
        (
            "customer",
            json!({"address": {"type": "GEO", "lat": 37.5}, "gender": "OTHER"}),
        ),
        (
            "customer",
            json!({"gender": "NONBINARY", "birthYear": 1990}),
        ),
        (
            "channel",
            json!({"type": "SANDBOX", "pgProvider": "NEW_PG", "pgMerchantId": "m"}),
        ),
        ("channel", json!({"type": "TEST", "pgProvider": "KCP_V2"})),
        (
            "channelGroup",
            json!({"id": "g", "name": "n", "isForTest": "TRUE"}),
        ),
        (
            "products",
            json!([{"id": "p", "name": "n", "amount": "1000", "quantity": "2"}]),
        ),
        (
            "products",
            json!([{"id": "p", "name": "n", "amount": 10.5, "quantity": 1}]),
        ),
        ("webhooks", json!([{"id": "w", "paymentStatus": "PAID"}])),
        (
            "disputes",
            json!([{"status": "UNRESOLVED", "reason": "r", "createdAt": "t"}]),
        ),
        ("disputes", json!([{"status": "UNRESOLVED"}])),
        (
            "origin",
            json!({"platformType": "KIOSK", "ipAddress": "::1"}),
        ),
        ("origin", json!({"platformType": "PC"})),
    ] {
        let input = mutate(&base, key, &Some(value.clone())).to_string();
        let outcome = match payment_v2_json(input.as_bytes()) {
            Ok(canonical) => {
                agree(
                    input.as_bytes(),
                    &canonical,
                    &parse_payment_v2(input.as_bytes()).unwrap(),
                );
                let read: Value = serde_json::from_str(&canonical).unwrap();
                read[key].to_string()
            }
            Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
        };
        writeln!(out, "{key} <- {value} => {outcome}").unwrap();
    }
    expect_file!["golden/v2-nested.txt"].assert_eq(&out);
}

#[test]
fn documents_that_are_no_payment() {
    let mut out = String::new();
    for body in [
        r#"{"type":"PAYMENT_NOT_FOUND","message":"결제 건이 존재하지 않습니다."}"#,
        r#"{"type":"UNAUTHORIZED"}"#,
        r#"{"type":"SOMETHING_NEW","message":"m","pgCode":"1"}"#,
        r#"{"type":"PaymentMethodCard"}"#,
        r#"{"type":7}"#,
        r#"{}"#,
        r#"{"status":"PAID"}"#,
        r#"{"status":null,"id":"x"}"#,
        "[]",
        "\"PAID\"",
        "",
        r#"{"status":"PAID""#,
        "\u{feff}{\"type\":\"FORBIDDEN\"}",
    ] {
        writeln!(
            out,
            "{body} => {}",
            outcome_of(payment_v2_json(body.as_bytes()))
        )
        .unwrap();
    }
    out += &answers::<ErrorBodyV2>(&[
        r#"{"type":"PG_PROVIDER","message":"m","pgCode":"F1","pgMessage":"거절"}"#,
        r#"{"type":"NEW_ERROR"}"#,
        r#"{"message":"no type"}"#,
    ]);
    expect_file!["golden/v2-not-payments.txt"].assert_eq(&out);
}

#[test]
fn lists_and_request_bodies() {
    let payments: Vec<Value> = v2_payment_fixtures()
        .iter()
        .map(|(_, bytes)| serde_json::from_slice(bytes).unwrap())
        .collect();
    let list = json!({"items": payments, "page": {"number": 0, "size": 20, "totalCount": "11"}});
    let input = list.to_string();
    let canonical = GetPaymentsResponse::canonical_json(input.as_bytes()).unwrap();
    agree(
        input.as_bytes(),
        &canonical,
        &GetPaymentsResponse::parse_json(input.as_bytes()).unwrap(),
    );
    let mut out = String::new();
    writeln!(
        out,
        "page: {}",
        serde_json::from_str::<Value>(&canonical).unwrap()["page"]
    )
    .unwrap();

    // Request bodies leave absent fields out, in serde and in the canonical writer alike.
    let mut cancel = CancelPaymentBody::new("고객 요청");
    let bodies: Vec<(String, String)> = vec![
        (
            cancel.to_canonical_json(),
            serde_json::to_string(&cancel).unwrap(),
        ),
        {
            cancel.amount = Some(9_007_199_254_740_993);
            cancel.current_cancellable_amount = Some(0);
            cancel.skip_webhook = Some(false);
            cancel.refund_account = Some(CancelPaymentBodyRefundAccount {
                bank: Bank::from_wire("SHINHAN"),
                number: "110-123".into(),
                holder_name: "홍길동".into(),
                holder_phone_number: None,
            });
            (
                cancel.to_canonical_json(),
                serde_json::to_string(&cancel).unwrap(),
            )
        },
        {
            let body = GetPaymentsBody::default();
            (
                body.to_canonical_json(),
                serde_json::to_string(&body).unwrap(),
            )
        },
        {
            let body = GetPaymentsBody {
                page: Some(PageInput {
                    number: Some(2),
                    size: None,
                }),
                filter: Some(PaymentFilterInput {
                    status: vec![PaymentStatusV2::Paid, PaymentStatusV2::Other("NEW".into())],
                    pg_provider: vec![PgProviderV2::KcpV2],
                    is_test: Some(false),
                    ..PaymentFilterInput::default()
                }),
            };
            (
                body.to_canonical_json(),
                serde_json::to_string(&body).unwrap(),
            )
        },
        {
            let body = PreRegisterPaymentBody {
                total_amount: Some(1004),
                ..Default::default()
            };
            (
                body.to_canonical_json(),
                serde_json::to_string(&body).unwrap(),
            )
        },
    ];
    for (ours, serde) in bodies {
        assert_eq!(ours, serde);
        writeln!(out, "{ours}").unwrap();
    }
    expect_file!["golden/v2-lists-and-requests.txt"].assert_eq(&out);
}
