//! The fast path agrees with the reader, and leaves every doubtful token to it.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::{read_payment_fast, FastSchema};
use crate::types::declare::sealed::Declared;
use crate::types::PaymentAnnotation;

static FAST: FastSchema = FastSchema::new(<PaymentAnnotation as Declared>::SCHEMA);

/// The facts the fast path settles `input` with, as text (`None`: left to the reader).
fn fast(input: &[u8]) -> Option<String> {
    read_payment_fast(input, &FAST, |captures| format!("{:?}", captures.facts()))
}

fn read_payment_fast_str(input: &str) -> Option<String> {
    fast(input.as_bytes())
}
use crate::read::read_payment;

/// The fast path settles only what the jiter reader accepts, with the same values.
fn agrees(input: &str) {
    let Some(fast) = fast(input.as_bytes()) else {
        return;
    };
    let full = read_payment(input, <PaymentAnnotation as Declared>::SCHEMA, false)
        .unwrap_or_else(|e| panic!("fast path accepted what the reader refuses ({e:?}): {input}"));
    assert_eq!(fast, format!("{:?}", full.captures.facts()), "{input}");
}

fn base() -> Value {
    json!({"imp_uid": "imp_1", "merchant_uid": "o-1", "pay_method": "card", "amount": 1004,
        "cancel_amount": 0, "currency": "KRW", "status": "paid", "sandbox": false,
        "vbank_num": null, "paid_at": 1648344363, "cancel_history": [],
        "promotion": null, "custom_data": "{\"a\":1}", "card_type": 0})
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![1.5, 1e300, -0.0, 1004.0]).prop_map(Value::from),
        "[a-z0-9 .+\\-]{0,8}".prop_map(Value::String),
        prop::sample::select(vec!["true", "FALSE", "1004", "\u{1}", "q\"\\", "é"])
            .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("amount|id|x|reason", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn settles_the_usual_documents() {
    let payment = base();
    assert!(read_payment_fast_str(&payment.to_string()).is_some());
    let envelope = json!({"code": 0, "message": null, "response": payment});
    assert!(read_payment_fast_str(&envelope.to_string()).is_some());
    agrees(&envelope.to_string());
    // API errors, escaped keys and bad values go to the jiter reader.
    assert!(read_payment_fast_str(r#"{"code":1,"message":"x","response":null}"#).is_none());
    assert!(read_payment_fast_str(
        &payment
            .to_string()
            .replace("\"status\"", "\"st\\u0061tus\"")
    )
    .is_none());
    assert!(read_payment_fast_str(&payment.to_string().replace("1004", "\"x\"")).is_none());
}

#[test]
fn settles_pretty_printed_escaped_and_reordered_documents() {
    let pretty = include_str!("../../../tests/fixtures/payments/card-paid.json");
    assert!(
        read_payment_fast_str(pretty).is_some(),
        "whitespace between tokens"
    );
    agrees(pretty);
    let mut payment = base();
    if let Some(map) = payment.as_object_mut() {
        map.insert(
            "custom_data".into(),
            json!("{\"order\":\"o-1\",\"memo\":\"\\u00e9\"}"),
        );
        map.insert("name".into(), json!("tab\tquote\"slash\\"));
        map.insert(
            "cancel_history".into(),
            json!([{"amount": 1, "reason": "x"}]),
        );
        map.insert("promotion".into(), json!({"id": "p", "discount": "10.5"}));
        map.insert("extra".into(), json!({"deep": [1, {"x": null}]}));
    }
    let text = json!({"code": 0, "message": "", "response": payment}).to_string();
    assert!(
        read_payment_fast_str(&text).is_some(),
        "escapes and nested values: {text}"
    );
    agrees(&text);
    // Keys in another order are found by name.
    let sorted = serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
    assert!(read_payment_fast_str(&sorted).is_some());
    agrees(&sorted);
}

#[test]
fn leaves_every_doubtful_token_to_the_reader() {
    let text = json!({"code": 0, "message": null, "response": base()}).to_string();
    for (from, to) in [
        ("\"amount\":1004", "\"amount\":01004"), // a leading zero
        ("\"amount\":1004", "\"amount\":-"),     // a sign alone
        ("\"amount\":1004", "\"amount\":1004."), // a point without digits
        ("\"amount\":1004", "\"amount\":1e"),    // an exponent without digits
        ("\"amount\":1004", "\"amount\":1004,"), // a trailing comma
        ("\"o-1\"", "\"o\u{1}1\""),              // a control character
        ("\"o-1\"", "\"o\\x1\""),                // an unknown escape
        ("\"o-1\"", "\"o\\ud800\""),             // a lone surrogate
        ("\"status\"", "\"st\\u0061tus\""),      // an escaped key
        ("\"paid_at\"", "\"paid_at\":1,\"paid_at\""), // a duplicate
        ("\"sandbox\":false", "\"sandbox\":fals"),
        ("\"sandbox\":false", "\"sandbox\":nul"),
        ("\"cancel_history\":[]", "\"cancel_history\":[1,]"),
        ("\"cancel_history\":[]", "\"cancel_history\":{}"),
    ] {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        assert!(read_payment_fast_str(&changed).is_none(), "{changed}");
        agrees(&changed);
    }
    // Bytes that are not UTF-8, in a string or in a nested value.
    for (from, to) in [
        ("o-1", "o-\u{e9}"),
        ("\"cancel_history\":[]", "\"cancel_history\":[\"\u{e9}\"]"),
    ] {
        let mut bytes = text.replacen(from, to, 1).into_bytes();
        let at = bytes.iter().position(|&b| b == 0xc3).unwrap();
        bytes[at] = 0xff;
        assert!(fast(&bytes).is_none());
        assert!(crate::read::utf8(&bytes).is_err());
    }
    let huge = format!("{{\"x\":{},\"response\":null}}", "9".repeat(5000));
    assert!(read_payment_fast_str(&huge).is_none());
    agrees(&huge);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn never_settles_differently(
        key in prop::sample::select(vec!["imp_uid", "merchant_uid", "amount", "cancel_amount",
            "currency", "status", "sandbox", "pay_method", "vbank_num", "paid_at",
            "cancel_history", "promotion", "custom_data", "card_type", "code", "message",
            "response", "other"]),
        value in prop::option::of(any_value()),
        wrap in 0..4u8,
    ) {
        let mut payment = base();
        if let Some(map) = payment.as_object_mut() {
            match value.clone() {
                Some(v) => map.insert(key.to_owned(), v),
                None => map.remove(key),
            };
        }
        let document = match wrap {
            0 => payment,
            1 => json!({"code": 0, "message": null, "response": payment}),
            2 => json!({"code": value.clone().unwrap_or(Value::Null), "response": payment}),
            _ => json!({"response": payment, "imp_uid": value.unwrap_or(Value::Null)}),
        };
        agrees(&document.to_string());
    }

    #[test]
    fn never_settles_a_mutated_envelope_differently(
        at in 0..1481usize,
        byte in prop::sample::select(b" \t\n\"\\,:{}[]0123456789.eE+-tfnulr\x01\x7f".to_vec()),
        change in 0..3u8,
    ) {
        let text = include_str!("../../../tests/fixtures/payments/card-paid.json");
        let mut bytes = serde_json::to_vec(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
        let at = at % bytes.len();
        match change {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => { bytes.remove(at); }
        }
        agrees(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn never_settles_garbage_differently(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        agrees(&String::from_utf8_lossy(&bytes));
    }
}
