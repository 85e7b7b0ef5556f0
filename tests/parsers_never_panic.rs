//! Property tests: arbitrary bytes and JSON into every parser (V1 and V2) never panic, and the
//! verdict is never `ok` unless the payment really matches the order.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{payment_fixture, v2_payment_fixture};
use portone_verify::types::v2::Payment;
use portone_verify::{
    parse_payment, parse_payment_response_v2, parse_payment_v2, parse_redirect_query,
    parse_redirect_query_v2, parse_request_pay_response, verify_payment, verify_payment_json,
    verify_payment_v2, verify_payment_v2_json, Amount, Expected, ExpectedV2,
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
        Just(Value::String("PAID".into())),
        Just(Value::String("LIVE".into())),
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
                    Just("id".to_owned()),
                    Just("total".to_owned()),
                    Just("cancelled".to_owned()),
                    Just("type".to_owned()),
                    Just("channel".to_owned()),
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

/// The order the V2 paid card fixture pays for.
fn order_v2() -> ExpectedV2 {
    ExpectedV2::new("order-20240701-0001", Amount::from_i64(129000))
}

/// The V2 paid card payment with one field (top-level, or of `amount` or `channel`) replaced
/// by arbitrary JSON, or removed.
fn mutated_payment_v2() -> impl Strategy<Value = Value> {
    let base: Value = serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap();
    let mut keys: Vec<(Option<&'static str>, String)> = Vec::new();
    for (parent, object) in [
        (None, &base),
        (Some("amount"), &base["amount"]),
        (Some("channel"), &base["channel"]),
    ] {
        keys.extend(
            object
                .as_object()
                .unwrap()
                .keys()
                .map(|k| (parent, k.clone())),
        );
    }
    (prop::sample::select(keys), prop::option::of(any_json())).prop_map(
        move |((parent, key), value)| {
            let mut payment = base.clone();
            let object = match parent {
                Some(parent) => &mut payment[parent],
                None => &mut payment,
            };
            let object = object.as_object_mut().unwrap();
            match value {
                Some(v) => object.insert(key, v),
                None => object.remove(&key),
            };
            payment
        },
    )
}

/// What a V2 `ok` must imply, checked on the fully parsed payment.
fn assert_v2_ok_is_deserved(input: &[u8]) {
    let expected = order_v2();
    let Ok(verdict) = verify_payment_v2_json(input, &expected) else {
        assert!(
            parse_payment_v2(input).is_err(),
            "the verifier and the parser disagree"
        );
        return;
    };
    let payment = parse_payment_v2(input).expect("a verdict from input the parser rejects");
    assert_eq!(
        verdict,
        verify_payment_v2(&payment, &expected),
        "json and parsed paths disagree"
    );
    if verdict.is_ok() {
        assert!(matches!(payment, Payment::Paid(_)));
        assert_eq!(payment.id(), expected.payment_id);
        assert_eq!(Amount::from_i64(payment.amount().total), expected.amount);
        assert_eq!(payment.amount().cancelled, 0);
        assert_eq!(payment.currency().as_str(), "KRW");
        assert_eq!(
            payment.channel().map(|c| c.channel_type.as_str()),
            Some("LIVE")
        );
        assert_ne!(payment.channel_group().map(|g| g.is_for_test), Some(true));
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
        let _ = parse_payment_v2(&bytes);
        let _ = parse_payment_response_v2(&bytes);
        let _ = parse_redirect_query_v2(&String::from_utf8_lossy(&bytes));
        #[cfg(feature = "webhook")]
        let _ = portone_verify::webhook::parse_webhook_v2_legacy(&bytes, None);
        let verdict = verify_payment_v2_json(&bytes, &order_v2());
        prop_assert!(!verdict.is_ok_and(|v| v.is_ok()));
    }

    #[test]
    fn json_never_panics_nor_verifies(value in any_json()) {
        let text = value.to_string();
        let _ = parse_payment(text.as_bytes());
        let _ = parse_request_pay_response(text.as_bytes());
        assert_ok_is_deserved(text.as_bytes());
        let _ = parse_payment_response_v2(text.as_bytes());
        assert_v2_ok_is_deserved(text.as_bytes());
    }

    #[test]
    fn mutated_v2_payments_are_judged_consistently(value in mutated_payment_v2()) {
        assert_v2_ok_is_deserved(value.to_string().as_bytes());
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
    fn queries_never_panic(query in "[a-zA-Z_=&%?#+0-9]{0,64}") {
        let _ = parse_redirect_query(&query);
        let _ = parse_redirect_query_v2(&query);
    }
}
