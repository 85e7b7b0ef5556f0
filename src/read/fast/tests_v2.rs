//! The fast path agrees with the reader on V2 payments (nested objects, lists and unions
//! walked in one pass), and leaves every doubtful document to it.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::read_object_fast;
use crate::parse::{read_payment_v2, PAYMENT_V2};

/// The facts the fast path settles `input` with, as text (`None`: left to the reader).
fn fast(input: &[u8]) -> Option<String> {
    read_object_fast(input, PAYMENT_V2, |captures| {
        format!("{:?}", captures.facts_v2())
    })
}

/// The fast path settles only what the reader accepts, with the same values.
fn agrees(input: &[u8]) {
    let Some(fast) = fast(input) else {
        return;
    };
    let text = String::from_utf8_lossy(input);
    let full = read_payment_v2(input, false)
        .unwrap_or_else(|e| panic!("fast path accepted what the reader refuses ({e:?}): {text}"));
    assert_eq!(fast, format!("{:?}", full.captures.facts_v2()), "{text}");
}

const FIXTURES: [&str; 11] = [
    include_str!("../../../tests/fixtures/v2/big-amount.json"),
    include_str!("../../../tests/fixtures/v2/cancelled.json"),
    include_str!("../../../tests/fixtures/v2/failed.json"),
    include_str!("../../../tests/fixtures/v2/paid-card.json"),
    include_str!("../../../tests/fixtures/v2/partial-cancelled.json"),
    include_str!("../../../tests/fixtures/v2/pay-pending.json"),
    include_str!("../../../tests/fixtures/v2/ready.json"),
    include_str!("../../../tests/fixtures/v2/test-channel.json"),
    include_str!("../../../tests/fixtures/v2/unknown-status.json"),
    include_str!("../../../tests/fixtures/v2/usd.json"),
    include_str!("../../../tests/fixtures/v2/virtual-account-issued.json"),
];

fn paid() -> Value {
    serde_json::from_str(FIXTURES[3]).unwrap()
}

#[test]
fn settles_every_fixture_as_the_reader_reads_it() {
    for fixture in FIXTURES {
        assert!(fast(fixture.as_bytes()).is_some(), "{fixture}");
        agrees(fixture.as_bytes());
        let compact = serde_json::to_string(&serde_json::from_str::<Value>(fixture).unwrap());
        let compact = compact.unwrap();
        assert!(fast(compact.as_bytes()).is_some(), "{compact}");
        agrees(compact.as_bytes());
    }
}

#[test]
fn finds_the_union_tags_wherever_they_are() {
    // serde_json's map is sorted: `status` and each `type` are no longer first.
    let sorted = serde_json::to_string(&paid()).unwrap();
    assert!(!sorted.starts_with("{\"status\""));
    assert!(fast(sorted.as_bytes()).unwrap().contains("PAID"));
    agrees(sorted.as_bytes());
    // No status: the variant for other objects, as the reader reads it.
    let mut payment = paid();
    payment.as_object_mut().unwrap().remove("status");
    agrees(payment.to_string().as_bytes());
    // A status that is no string: the same.
    payment
        .as_object_mut()
        .unwrap()
        .insert("status".into(), json!(7));
    agrees(payment.to_string().as_bytes());
}

#[test]
fn leaves_every_doubtful_document_to_the_reader() {
    let text = paid().to_string();
    for (from, to) in [
        ("\"status\":\"PAID\"", "\"status\":\"P\\u0041ID\""), // an escaped tag
        ("\"total\":129000", "\"total\":129000,\"total\":1"), // a nested duplicate
        ("\"total\":129000", "\"total\":\"x\""),              // a nested bad value
        ("\"type\":\"LIVE\"", "\"type\":null,\"x\":1"),       // a required nested null
        ("\"webhooks\":[", "\"webhooks\":[1,"),               // a list item that is no object
        ("\"webhooks\":[", "\"webhooks\":[{},"),              // a list item missing fields
        ("\"amount\":{", "\"amount\":[{"),                    // a list for an object
        ("\"currency\":\"KRW\"", "\"currency\":\"KRW\",\"id\":\"x\""), // a top-level duplicate
    ] {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        assert!(fast(changed.as_bytes()).is_none(), "{changed}");
        agrees(changed.as_bytes());
    }
    // An error body is the reader's to explain.
    assert!(fast(br#"{"type":"PAYMENT_NOT_FOUND","message":"x"}"#).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn never_settles_a_changed_field_differently(
        path in prop::sample::select(vec!["status", "id", "storeId", "orderName", "currency",
            "amount.total", "amount.cancelled", "amount", "channel.type", "channel",
            "channelGroup.isForTest", "method.type", "method", "method.card", "webhooks",
            "customer.address.type", "escrow.status", "products", "version", "other"]),
        value in prop::option::of(prop_oneof![
            Just(Value::Null), any::<bool>().prop_map(Value::from), any::<i64>().prop_map(Value::from),
            prop::sample::select(vec!["PAID", "CANCELLED", "VIRTUAL_ACCOUNT_ISSUED", "TEST",
                "LIVE", "KRW", "PaymentMethodVirtualAccount", "PaymentMethodCard", "12", "", "é"])
                .prop_map(Value::from),
            Just(json!({})), Just(json!([])), Just(json!([{}])), Just(json!({"type": "TEST"})),
        ]),
    ) {
        let mut payment = paid();
        let mut parts: Vec<&str> = path.split('.').collect();
        let last = parts.pop().unwrap();
        let mut at = &mut payment;
        for part in parts {
            at = at.get_mut(part).unwrap();
        }
        let map = at.as_object_mut().unwrap();
        match value {
            Some(v) => { map.insert(last.to_owned(), v); }
            None => { map.remove(last); }
        }
        agrees(payment.to_string().as_bytes());
    }

    #[test]
    fn never_settles_a_mutated_payment_differently(
        at in 0..4400usize,
        byte in prop::sample::select(b" \t\n\"\\,:{}[]0123456789.eE+-tfnulr\x01\x7f".to_vec()),
        change in 0..3u8,
    ) {
        let mut bytes = serde_json::to_vec(&paid()).unwrap();
        let at = at % bytes.len();
        match change {
            0 => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ => { bytes.remove(at); }
        }
        agrees(&bytes);
    }
}

#[test]
fn checks_escapes_as_jiter_does() {
    let text = paid().to_string();
    let name = "\"orderName\":\"";
    for (escape, settles) in [
        ("\\n\\t\\/\\\"\\\\", true),
        ("\\u00e9\\u0041", true),
        ("\\ud83d\\ude00", true), // a surrogate pair
        ("\\ud83d", false),       // a lone leading surrogate
        ("\\ude00", false),       // a lone trailing surrogate
        ("\\ud83d\\u0041", false),
        ("\\ud83d\\n", false),
        ("\\u12", false),
        ("\\u12g4", false),
        ("\\a", false),
    ] {
        let changed = text.replacen(name, &format!("{name}{escape}"), 1);
        assert_eq!(fast(changed.as_bytes()).is_some(), settles, "{escape}");
        agrees(changed.as_bytes());
    }
}
