//! V2 bodies after a valid signature: a PortOne body parsed, unknown types and fields, non-webhook
//! bodies, and the documented types.

use super::*;

#[test]
fn verifies_and_parses_a_portone_body() {
    let body = fixture("webhook/v2-transaction-paid.json");
    let ts = "1714039200";
    let sig = secret().sign("msg_1", ts, &body);
    let h = headers(Some("msg_1"), Some(ts), Some(&sig));
    let hook = verify_webhook_v2(&secret(), &body, &h, 1_714_039_200).unwrap();
    assert_eq!(hook.event_type, WebhookV2Type::TransactionPaid);
    assert_eq!(hook.timestamp.as_deref(), Some("2024-04-25T10:00:00.000Z"));
    assert_eq!(hook.data.payment_id.as_deref(), Some("order-20240425-0001"));
    assert_eq!(
        hook.data.store_id.as_deref(),
        Some("store-4b6c4d6a-0000-0000-0000-000000000000")
    );
    assert_eq!(
        hook.data.transaction_id.as_deref(),
        Some("01900000-0000-0000-0000-000000000001")
    );
    assert_eq!(hook.data.cancellation_id, None);

    let err = verify_webhook_v2(&secret(), &body, &h, 1_714_039_200 + 301).unwrap_err();
    assert_eq!(
        err,
        WebhookError::Verification(VerificationFailure::TimestampTooOld)
    );
    assert_eq!(err.code(), "TIMESTAMP_TOO_OLD");
}

#[test]
fn unknown_types_and_fields_are_kept_or_ignored() {
    let body = fixture("webhook/v2-unknown-type.json");
    let sig = secret().sign(ID, TS, &body);
    let hook = verify_webhook_v2(
        &secret(),
        &body,
        &headers(Some(ID), Some(TS), Some(&sig)),
        NOW,
    )
    .unwrap();
    assert_eq!(
        hook.event_type,
        WebhookV2Type::Other("Transaction.SomethingNew".into())
    );
    assert_eq!(hook.data.payment_id.as_deref(), Some("order-1"));
}

#[test]
fn valid_signature_on_a_non_webhook_body_is_a_body_error() {
    let sig = secret().sign(ID, TS, PAYLOAD);
    let err = verify_webhook_v2(
        &secret(),
        PAYLOAD,
        &headers(Some(ID), Some(TS), Some(&sig)),
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.code(), "MISSING_FIELD");
    let body = b"not json";
    let sig = secret().sign(ID, TS, body);
    let err = verify_webhook_v2(
        &secret(),
        body,
        &headers(Some(ID), Some(TS), Some(&sig)),
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_JSON");
}

#[test]
fn parses_the_documented_types() {
    let known = [
        "Transaction.Ready",
        "Transaction.Paid",
        "Transaction.VirtualAccountIssued",
        "Transaction.Failed",
        "Transaction.PayPending",
        "Transaction.Confirm",
        "Transaction.DisputeCreated",
        "Transaction.DisputeResolved",
        "Transaction.PartialCancelled",
        "Transaction.Cancelled",
        "Transaction.CancelPending",
        "BillingKey.Ready",
        "BillingKey.Issued",
        "BillingKey.Failed",
        "BillingKey.Deleted",
        "BillingKey.Updated",
    ];
    assert_eq!(WebhookV2Type::KNOWN, known);
    for name in known {
        assert!(!WebhookV2Type::from_wire(name).is_unknown());
    }
}
