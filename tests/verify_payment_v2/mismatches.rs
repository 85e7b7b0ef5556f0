//! Every field of the order that must match, one changed at a time and all at once, and
//! amounts compared exactly past 2^53.

use serde_json::json;

use super::*;

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
