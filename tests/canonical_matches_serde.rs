//! The canonical reader (behind `parse_payment`, `verifyPayment` and the JavaScript output)
//! against serde: for any payment or callback with one field replaced or removed, it accepts
//! exactly what the serde types' own tolerant `Deserialize` accepts, builds the same value,
//! and its canonical JSON is exactly what that value serialises to.
//!
//! Known, intended differences, kept out of the generated values: a number in a text field
//! is kept as written (`1.50` stays `"1.50"`, serde prints the `f64`), and integers are
//! judged exactly (serde accepts `"5."` and `1.0000000000000001` through `f64`). And a list
//! where an object belongs is refused: serde's derive would read it field by field by
//! position (`"promotion": ["p-1", 100]`), which is never what PortOne meant.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fixture, payment_fixture, PAYMENT_FIXTURES};
use portone_verify::{
    parse_payment, parse_request_pay_response, payment_json, request_pay_response_json,
    PaymentAnnotation, RequestPayResponse,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![1.5, -2.25, 0.5]).prop_map(Value::from),
        "[a-z0-9_\\- ]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "paid",
            "true",
            " FALSE ",
            "1004",
            "10.10",
            "1e3",
            "12.0",
            "",
            "  ",
            "+7",
            "-0",
            "q\"uote\\é\n\u{1}",
            "0",
            "vbank",
            "1648344363",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "amount",
                    "pg_tid",
                    "id",
                    "discount",
                    "x",
                    "cancelled_at"
                ]),
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

/// `base` with the field `key` replaced by `value`, or removed.
fn mutate(base: &Value, key: &str, value: Option<Value>) -> Value {
    let mut object = base.clone();
    if let Some(map) = object.as_object_mut() {
        match value {
            Some(v) => map.insert(key.to_owned(), v),
            None => map.remove(key),
        };
    }
    object
}

fn keys_of(base: &Value, extra: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
    keys.extend(extra.iter().map(|k| (*k).to_owned()));
    keys
}

fn check_payment(input: &[u8]) {
    let ours = parse_payment(input);
    let theirs = serde_json::from_slice::<PaymentAnnotation>(input);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) if e.message().contains("a list, expected an object") => {}
        _ => panic!(
            "disagree on {}: ours {ours:?}, serde {theirs:?}",
            String::from_utf8_lossy(input)
        ),
    }
    if let Ok(payment) = ours {
        let canonical: Value = serde_json::from_str(&payment_json(input).unwrap()).unwrap();
        assert_eq!(canonical, serde_json::to_value(&payment).unwrap());
        // Inside an envelope: the same payment.
        let envelope = format!(
            r#"{{"code":0,"message":null,"response":{}}}"#,
            String::from_utf8_lossy(input)
        );
        assert_eq!(parse_payment(envelope.as_bytes()).unwrap(), payment);
    }
}

fn check_callback(input: &[u8]) {
    let ours = parse_request_pay_response(input);
    let theirs = serde_json::from_slice::<RequestPayResponse>(input).map(|mut r| {
        r.normalise();
        r
    });
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        _ => panic!(
            "disagree on {}: ours {ours:?}, serde {theirs:?}",
            String::from_utf8_lossy(input)
        ),
    }
    if let Ok(response) = ours {
        let canonical: Value =
            serde_json::from_str(&request_pay_response_json(input).unwrap()).unwrap();
        assert_eq!(canonical, serde_json::to_value(&response).unwrap());
    }
}

#[test]
fn fixtures_agree() {
    for name in PAYMENT_FIXTURES {
        let input = payment_fixture(name);
        let value: Value = serde_json::from_slice(&input).unwrap();
        let bare = value.get("response").cloned().unwrap_or(value);
        check_payment(bare.to_string().as_bytes());
    }
    for name in [
        "error-null-imp-uid",
        "new-sdk-failure",
        "new-sdk-success",
        "seed-sample",
        "string-booleans",
        "success-but-failed-status",
    ] {
        check_callback(&fixture(&format!("callbacks/{name}.json")));
    }
}

#[test]
fn nested_records_agree() {
    let base: Value = serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap();
    let cancel = json!({"pg_tid": "t", "amount": "500", "cancelled_at": "1648344400",
        "reason": "고객 요청", "cancellation_id": 7, "receipt_url": null, "extra": [1]});
    let deposit =
        json!({"pg_tid": null, "amount": 1004.0, "depositor_name": "홍길동", "deposited_at": ""});
    let payment = mutate(&base, "cancel_history", Some(json!([cancel, cancel])));
    let payment = mutate(&payment, "deposit_history", Some(json!([deposit])));
    let payment = mutate(
        &payment,
        "promotion",
        Some(json!({"id": "p-1", "discount": "100"})),
    );
    let payment = mutate(
        &payment,
        "cancel_receipt_urls",
        Some(json!(["https://r", 3, true])),
    );
    let payment = mutate(
        &payment,
        "custom_data",
        Some(json!({"nested": [1, {"a": null}]})),
    );
    let payment = mutate(&payment, "card_type", Some(json!("1")));
    check_payment(payment.to_string().as_bytes());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn mutated_payments_agree(
        key in prop::sample::select(keys_of(
            &serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap(),
            &["cancel_history", "deposit_history", "promotion", "cancel_receipt_urls", "card_type", "unknown_key"],
        )),
        value in prop::option::of(value()),
    ) {
        let base: Value = serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap();
        check_payment(mutate(&base, &key, value).to_string().as_bytes());
    }

    #[test]
    fn mutated_callbacks_agree(
        key in prop::sample::select(keys_of(
            &serde_json::from_slice(&fixture("callbacks/seed-sample.json")).unwrap(),
            &["success", "imp_success", "error_code", "status", "request_id", "paid_amount"],
        )),
        value in prop::option::of(value()),
    ) {
        let base: Value = serde_json::from_slice(&fixture("callbacks/seed-sample.json")).unwrap();
        check_callback(mutate(&base, &key, value).to_string().as_bytes());
    }
}
