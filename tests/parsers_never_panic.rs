//! Property tests: arbitrary bytes and JSON into every parser never panic, and the verdict is
//! never `ok` unless the payment really matches the order.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::payment_fixture;
use portone_verify::{
    parse_payment, parse_redirect_query, parse_request_pay_response, verify_payment,
    verify_payment_json, Amount, Expected,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn order() -> Expected {
    Expected::new("57008833-33004", Amount::parse("1004").unwrap())
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z0-9_.\\-]{0,12}".prop_map(Value::String),
        Just(Value::String("paid".into())),
        Just(Value::String("true".into())),
        Just(Value::String("1004".into())),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "[a-z_]{1,14}",
                    Just("imp_uid".to_owned()),
                    Just("merchant_uid".to_owned()),
                    Just("amount".to_owned()),
                    Just("status".to_owned()),
                    Just("code".to_owned()),
                    Just("response".to_owned()),
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A paid card payment with one field replaced by arbitrary JSON, or removed.
fn mutated_payment() -> impl Strategy<Value = Value> {
    let base: Value = serde_json::from_slice(&payment_fixture("bare-card-paid")).unwrap();
    let keys: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
    (
        prop::sample::select(keys),
        prop::option::of(any_json()),
        any::<bool>(),
    )
        .prop_map(move |(key, value, enveloped)| {
            let mut payment = base.clone();
            let object = payment.as_object_mut().unwrap();
            match value {
                Some(v) => object.insert(key, v),
                None => object.remove(&key),
            };
            if enveloped {
                serde_json::json!({"code": 0, "message": null, "response": payment})
            } else {
                payment
            }
        })
}

/// What `ok` must imply, checked on the fully parsed payment.
fn assert_ok_is_deserved(input: &[u8]) {
    let expected = order();
    let Ok(verdict) = verify_payment_json(input, &expected) else {
        return;
    };
    let parsed = parse_payment(input);
    if let Ok(payment) = &parsed {
        assert_eq!(
            verdict,
            verify_payment(payment, &expected),
            "fast and full paths disagree"
        );
    }
    if verdict.is_ok() {
        let payment = parsed.expect("an ok verdict from input the full parser rejects");
        assert_eq!(payment.merchant_uid, expected.merchant_uid);
        assert_eq!(payment.amount, expected.amount);
        assert_eq!(payment.status.as_str(), "paid");
        assert_eq!(payment.currency.as_deref(), Some("KRW"));
        assert!(payment.cancel_amount.as_ref().is_some_and(Amount::is_zero));
        assert_eq!(payment.sandbox, Some(false));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_payment(&bytes);
        let _ = parse_request_pay_response(&bytes);
        let _ = parse_redirect_query(&String::from_utf8_lossy(&bytes));
        let verdict = verify_payment_json(&bytes, &order());
        prop_assert!(!verdict.is_ok_and(|v| v.is_ok()));
    }

    #[test]
    fn json_never_panics_nor_verifies(value in any_json()) {
        let text = value.to_string();
        let _ = parse_payment(text.as_bytes());
        let _ = parse_request_pay_response(text.as_bytes());
        assert_ok_is_deserved(text.as_bytes());
    }

    #[test]
    fn mutated_payments_are_judged_consistently(value in mutated_payment()) {
        assert_ok_is_deserved(value.to_string().as_bytes());
    }

    #[test]
    fn amounts_parse_or_refuse(text in "[-+0-9.eE]{0,24}") {
        if let Some(amount) = Amount::parse(&text) {
            // Canonical text is a fixed point: parsing it again gives the same amount.
            prop_assert_eq!(Amount::parse(amount.as_str()), Some(amount));
        }
    }

    #[test]
    fn queries_never_panic(query in "[a-z_=&%?#+0-9A-F]{0,64}") {
        let _ = parse_redirect_query(&query);
    }
}
