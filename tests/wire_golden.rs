//! Golden tests of the wire declarations: fixture in, canonical JSON out.
//!
//! Each case reads a PortOne payload (a fixture, or a fixture with one field replaced or
//! removed) and records what the tolerant reader makes of it: the field's canonical JSON, or
//! the error's code and path. The records live in `tests/golden/`; `UPDATE_EXPECT=1 cargo
//! test --test wire_golden` rewrites them, and the diff is the review.
//!
//! Every accepted case also checks that the ways to the same value agree: the built struct
//! writes the same canonical JSON, serde serialises it to the same JSON value, and
//! `serde_json::from_slice` of the raw input (the `Deserialize` that goes through the reader)
//! builds the same struct.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use common::golden::{agree, answers, field_table, mutate, replacements, shown};
use common::{fixture, payment_fixture, PAYMENT_FIXTURES};
use expect_test::expect_file;
use portone_verify::types::{
    AuthAnnotation, PaymentBalance, PaymentPrepareAnnotation, RequestPayResponse, Wire,
};
use portone_verify::{parse_payment, payment_json, PaymentAnnotation};
use serde_json::{json, Value};

#[test]
fn payment_fields() {
    let base: Value = serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap();
    let table = field_table::<PaymentAnnotation>(
        &base,
        &[
            "cancel_history",
            "deposit_history",
            "promotion",
            "cancel_receipt_urls",
            "card_type",
            "unknown_key",
        ],
    );
    expect_file!["golden/payment-fields.txt"].assert_eq(&table);
}

#[test]
fn payment_fixtures() {
    let mut out = String::new();
    for name in PAYMENT_FIXTURES {
        let input = payment_fixture(name);
        let canonical = payment_json(&input).unwrap();
        let payment = parse_payment(&input).unwrap();
        // The fixture as PortOne sends it may be enveloped; the struct is the response's.
        let value: Value = serde_json::from_slice(&input).unwrap();
        let bare = value.get("response").cloned().unwrap_or(value).to_string();
        agree(bare.as_bytes(), &canonical, &payment);
        writeln!(out, "{name}: {canonical}").unwrap();
    }
    expect_file!["golden/payment-fixtures.txt"].assert_eq(&out);
}

#[test]
fn nested_records() {
    let base: Value = serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap();
    let cancel = json!({"pg_tid": "t", "amount": "500", "cancelled_at": "1648344400",
        "reason": "고객 요청", "cancellation_id": 7, "receipt_url": null, "extra": [1]});
    let deposit =
        json!({"pg_tid": null, "amount": 1004.0, "depositor_name": "홍길동", "deposited_at": ""});
    let mut out = String::new();
    for (key, value) in [
        ("cancel_history", json!([cancel, cancel])),
        ("cancel_history", json!([{"amount": null}])),
        ("cancel_history", json!([{"reason": "no amount"}])),
        ("deposit_history", json!([deposit])),
        ("deposit_history", json!(null)),
        ("promotion", json!({"id": "p-1", "discount": "100"})),
        ("promotion", json!(["p-1", 100])),
        ("cancel_receipt_urls", json!(["https://r", 3, true])),
        ("cancel_receipt_urls", json!(["https://r", null])),
        ("custom_data", json!({"nested": [1, {"a": null}]})),
        ("card_type", json!("1")),
        ("card_type", json!("+7")),
    ] {
        let input = mutate(&base, key, &Some(value.clone())).to_string();
        let outcome = match payment_json(input.as_bytes()) {
            Ok(canonical) => {
                agree(
                    input.as_bytes(),
                    &canonical,
                    &parse_payment(input.as_bytes()).unwrap(),
                );
                let read: Value = serde_json::from_str(&canonical).unwrap();
                read[key].to_string()
            }
            Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
        };
        writeln!(out, "{key} <- {value} => {outcome}").unwrap();
    }
    expect_file!["golden/payment-nested.txt"].assert_eq(&out);
}

#[test]
fn enveloped_payments_read_as_bare_ones() {
    for name in PAYMENT_FIXTURES {
        let value: Value = serde_json::from_slice(&payment_fixture(name)).unwrap();
        let bare = value.get("response").cloned().unwrap_or(value);
        let envelope = json!({"code": 0, "message": null, "response": bare});
        assert_eq!(
            parse_payment(envelope.to_string().as_bytes()).unwrap(),
            parse_payment(bare.to_string().as_bytes()).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn callback_fields() {
    let base: Value = serde_json::from_slice(&fixture("callbacks/seed-sample.json")).unwrap();
    let table = field_table::<RequestPayResponse>(
        &base,
        &[
            "imp_success",
            "error_code",
            "error_msg",
            "request_id",
            "vbank_date",
        ],
    );
    expect_file!["golden/callback-fields.txt"].assert_eq(&table);
}

#[test]
fn callback_fixtures() {
    let mut out = String::new();
    for name in [
        "error-null-imp-uid",
        "new-sdk-failure",
        "new-sdk-success",
        "seed-sample",
        "string-booleans",
        "success-but-failed-status",
    ] {
        let input = fixture(&format!("callbacks/{name}.json"));
        let canonical = RequestPayResponse::canonical_json(&input).unwrap();
        agree(
            &input,
            &canonical,
            &RequestPayResponse::parse_json(&input).unwrap(),
        );
        writeln!(out, "{name}: {canonical}").unwrap();
    }
    expect_file!["golden/callback-fixtures.txt"].assert_eq(&out);
}

#[test]
fn client_answers() {
    let part = r#"{"tax_free":0,"supply":"910","vat":94,"service":0.5}"#;
    let odd = r#"{"tax_free":0,"supply":910,"vat":94}"#;
    let history = format!(
        r#"{{"cash_receipt":{part},"primary":{part},"secondary":{part},"discount":{part},"created":"1700000000"}}"#
    );
    let balance = |amount: &str, primary: &str, histories: &str| {
        format!(
            r#"{{"amount":{amount},"cash_receipt":{part},"primary":{primary},"secondary":{part},"discount":{part}{histories}}}"#
        )
    };
    let balances = [
        balance(
            "1004",
            part,
            &format!(r#","histories":[{history},{history}]"#),
        ),
        balance("\"1004.50\"", part, r#","histories":[]"#),
        balance("1004", part, ""),
        balance("1004", part, r#","histories":null"#),
        balance("1004", part, r#","histories":[{"cash_receipt":null}]"#),
        balance("1004", "null", ""),
        balance("1004", odd, ""),
        balance("true", part, ""),
    ];
    let balances: Vec<&str> = balances.iter().map(String::as_str).collect();
    let mut out = answers::<PaymentBalance>(&balances);
    out += &answers::<PaymentPrepareAnnotation>(&[
        r#"{"merchant_uid":"o1","amount":1004,"currency":null}"#,
        r#"{"merchant_uid":"o1","amount":"10.10","currency":"USD","new":1}"#,
        r#"{"merchant_uid":"o1","currency":"KRW"}"#,
        r#"{"merchant_uid":null,"amount":1}"#,
        r#"{"merchant_uid":"o1","amount":{}}"#,
        "[]",
    ]);
    out += &answers::<AuthAnnotation>(&[
        r#"{"access_token":"tok","expired_at":1700001800,"now":1700000000}"#,
        r#"{"access_token":"tok","expired_at":"1700001800","now":"1700000000","extra":[1]}"#,
        r#"{"access_token":"tok","expired_at":1700001800}"#,
        r#"{"access_token":"tok","expired_at":null,"now":1}"#,
        r#"{"access_token":"tok","expired_at":"","now":1}"#,
        r#"{"access_token":"tok","expired_at":1.5,"now":1}"#,
        r#"{"access_token":null,"expired_at":1,"now":1}"#,
        r#"{"access_token":{},"expired_at":1,"now":1}"#,
    ]);
    expect_file!["golden/client-answers.txt"].assert_eq(&out);
}

#[cfg(feature = "webhook")]
#[test]
fn webhook_v2_fields() {
    use portone_verify::webhook::WebhookV2;
    let base: Value = serde_json::from_slice(&fixture("webhook/v2-transaction-paid.json")).unwrap();
    let mut table = field_table::<WebhookV2>(&base, &[]);
    let data = base["data"].clone();
    for key in [
        "paymentId",
        "storeId",
        "transactionId",
        "cancellationId",
        "totalAmount",
    ] {
        for value in replacements() {
            let input = mutate(&base, "data", &Some(mutate(&data, key, &value))).to_string();
            let outcome = match WebhookV2::canonical_json(input.as_bytes()) {
                Ok(canonical) => {
                    let built = WebhookV2::parse_json(input.as_bytes()).unwrap();
                    agree(input.as_bytes(), &canonical, &built);
                    let read: Value = serde_json::from_str(&canonical).unwrap();
                    read["data"][key].to_string()
                }
                Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
            };
            writeln!(table, "data.{key} <- {} => {outcome}", shown(&value)).unwrap();
        }
    }
    expect_file!["golden/webhook-v2-fields.txt"].assert_eq(&table);
}
