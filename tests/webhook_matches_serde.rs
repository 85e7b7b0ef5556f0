//! The webhook readers (the canonical reader, no serde) against the serde derives of
//! `WebhookV1` and `WebhookV2` they replaced: for a fixture with one field replaced or
//! removed, both accept the same bodies and build the same value.
//!
//! Known, intended differences, kept out of the generated values as in
//! `canonical_matches_serde.rs`: a number in a text field is kept as written (serde prints the
//! `f64`), and a list where `data`'s object belongs is refused (serde's derive reads it field
//! by field by position).
#![cfg(all(feature = "webhook", not(target_arch = "wasm32")))]

mod common;

use common::fixture;
use portone_verify::webhook::{parse_webhook_v1, WebhookV1, WebhookV2};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![1.5, -2.25, 0.5]).prop_map(Value::from),
        "[a-zA-Z0-9_.\\- ]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "paid",
            "cancelled",
            "Transaction.Paid",
            "",
            "  ",
            "1004",
            "10.10",
            "1e3",
            " 7 ",
            "-0",
            "q\"uote\\é\n\u{1}",
            "결제 💳",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["paymentId", "totalAmount", "imp_uid", "x"]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

fn json_fixture(name: &str) -> Value {
    serde_json::from_slice(&fixture(&format!("webhook/{name}.json"))).unwrap()
}

/// `object` with `key` replaced by `value`, or removed.
fn mutate(object: &mut Value, key: &str, value: Option<Value>) {
    if let Some(map) = object.as_object_mut() {
        match value {
            Some(v) => map.insert(key.to_owned(), v),
            None => map.remove(key),
        };
    }
}

/// What `parse_webhook_v1` did with JSON before: the serde derive, then its normalising
/// (empty ids refused, empty optional values absent).
fn v1_through_serde(body: &[u8]) -> Option<WebhookV1> {
    let mut hook: WebhookV1 = serde_json::from_slice(body).ok()?;
    if hook.imp_uid.trim().is_empty() || hook.merchant_uid.trim().is_empty() {
        return None;
    }
    hook.status = hook.status.filter(|s| !s.as_str().trim().is_empty());
    hook.cancellation_id = hook.cancellation_id.filter(|c| !c.trim().is_empty());
    Some(hook)
}

fn check_v1(body: &[u8]) {
    let ours = parse_webhook_v1(body, Some("application/json"));
    let theirs = v1_through_serde(body);
    match (&ours, &theirs) {
        (Ok(a), Some(b)) => assert_eq!(a, b),
        (Err(_), None) => {}
        _ => panic!(
            "disagree on {}: ours {ours:?}, serde {theirs:?}",
            String::from_utf8_lossy(body)
        ),
    }
}

fn check_v2(body: &[u8]) {
    let ours = WebhookV2::parse_verified(body);
    let theirs = serde_json::from_slice::<WebhookV2>(body);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) if e.message().contains("a list, expected an object") => {}
        _ => panic!(
            "disagree on {}: ours {ours:?}, serde {theirs:?}",
            String::from_utf8_lossy(body)
        ),
    }
}

#[test]
fn fixtures_agree() {
    check_v1(&fixture("webhook/v1-paid.json"));
    check_v2(&fixture("webhook/v2-transaction-paid.json"));
    check_v2(&fixture("webhook/v2-unknown-type.json"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_v1_bodies_agree(
        key in prop::sample::select(vec!["imp_uid", "merchant_uid", "status", "cancellation_id", "x"]),
        value in prop::option::of(value()),
    ) {
        let mut body = json_fixture("v1-paid");
        mutate(&mut body, key, value);
        check_v1(body.to_string().as_bytes());
    }

    #[test]
    fn mutated_v2_bodies_agree(
        key in prop::sample::select(vec!["type", "timestamp", "data", "x"]),
        value in prop::option::of(value()),
    ) {
        let mut body = json_fixture("v2-transaction-paid");
        mutate(&mut body, key, value);
        check_v2(body.to_string().as_bytes());
    }

    #[test]
    fn mutated_v2_data_agree(
        key in prop::sample::select(vec![
            "paymentId", "storeId", "transactionId", "cancellationId", "billingKey", "totalAmount", "x",
        ]),
        value in prop::option::of(value()),
    ) {
        let mut body = json_fixture("v2-transaction-paid");
        if let Some(data) = body.get_mut("data") {
            mutate(data, key, value);
        }
        check_v2(body.to_string().as_bytes());
    }
}
