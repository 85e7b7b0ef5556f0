//! V2 headers: case-insensitive names, and missing, empty or repeated headers.

use super::*;

#[test]
fn header_names_are_case_insensitive() {
    let headers = WebhookHeaders::from_pairs([
        ("Webhook-Id", ID),
        ("WEBHOOK-TIMESTAMP", TS),
        ("Webhook-Signature", SIGNATURE),
        ("Content-Type", "application/json"),
    ]);
    assert_eq!(check(&secret(), PAYLOAD, &headers, NOW), Ok(()));
}

#[test]
fn each_missing_header() {
    let missing = Err(VerificationFailure::MissingRequiredHeaders);
    assert_eq!(
        check(
            &secret(),
            PAYLOAD,
            &headers(None, Some(TS), Some(SIGNATURE)),
            NOW
        ),
        missing
    );
    assert_eq!(
        check(
            &secret(),
            PAYLOAD,
            &headers(Some(ID), None, Some(SIGNATURE)),
            NOW
        ),
        missing
    );
    assert_eq!(
        check(&secret(), PAYLOAD, &headers(Some(ID), Some(TS), None), NOW),
        missing
    );
    assert_eq!(
        check(&secret(), PAYLOAD, &headers(None, None, None), NOW),
        missing
    );
    // Empty and repeated headers count as missing, as in the SDK.
    assert_eq!(
        check(
            &secret(),
            PAYLOAD,
            &headers(Some(""), Some(TS), Some(SIGNATURE)),
            NOW
        ),
        missing
    );
    let repeated = WebhookHeaders::from_pairs([
        ("webhook-id", ID),
        ("webhook-timestamp", TS),
        ("webhook-signature", SIGNATURE),
        ("Webhook-Signature", SIGNATURE),
    ]);
    assert_eq!(check(&secret(), PAYLOAD, &repeated, NOW), missing);
}
