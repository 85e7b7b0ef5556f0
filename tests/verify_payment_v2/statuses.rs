//! Which statuses and channels verify: the paid payment, every V2 status, virtual accounts
//! (only when allowed, and before their deposit deadline) and test channels (only when allowed).

use portone_verify::PaidState;
use serde_json::json;

use super::*;

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
