//! V2 webhook verification (Standard Webhooks, as PortOne's SDK does it) and V1 webhook
//! bodies.

#![cfg(all(feature = "webhook", not(target_arch = "wasm32")))]

mod common;

use common::fixture;
use portone_verify::types::PaymentStatus;
use portone_verify::webhook::{
    parse_webhook_v1, verify_webhook_v2, SecretError, SignedWebhook, VerificationFailure,
    WebhookError, WebhookHeaders, WebhookSecret, WebhookV2Type,
};
use portone_verify::ErrorCode;

// The known-answer vector shared by Standard Webhooks libraries.
const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const ID: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
const TS: &str = "1649367553";
const NOW: i64 = 1_649_367_553;
const PAYLOAD: &[u8] = br#"{"email":"test@example.com","username":"test_user"}"#;
const SIGNATURE: &str = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

fn secret() -> WebhookSecret {
    WebhookSecret::parse(SECRET).unwrap()
}

fn headers(id: Option<&str>, ts: Option<&str>, sig: Option<&str>) -> WebhookHeaders {
    let pairs = [
        ("webhook-id", id),
        ("webhook-timestamp", ts),
        ("webhook-signature", sig),
    ];
    WebhookHeaders::from_pairs(
        pairs
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name, v))),
    )
}

/// Verification only (the vector's payload is not a PortOne body).
fn check(
    secret: &WebhookSecret,
    body: &[u8],
    headers: &WebhookHeaders,
    now: i64,
) -> Result<(), VerificationFailure> {
    SignedWebhook::check(headers, body, now)?.verify(secret)
}

fn check_sig(sig: &str) -> Result<(), VerificationFailure> {
    check(
        &secret(),
        PAYLOAD,
        &headers(Some(ID), Some(TS), Some(sig)),
        NOW,
    )
}

/// V2: named so that a `webhook` test filter selects them.
mod webhook_v2 {
    use super::*;

    #[test]
    fn known_answer_vector() {
        assert_eq!(secret().sign(ID, TS, PAYLOAD), SIGNATURE);
        assert_eq!(check_sig(SIGNATURE), Ok(()));
        // The prefix is optional.
        let bare = WebhookSecret::parse("C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        assert_eq!(
            check(
                &bare,
                PAYLOAD,
                &headers(Some(ID), Some(TS), Some(SIGNATURE)),
                NOW
            ),
            Ok(())
        );
    }

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

    #[test]
    fn timestamp_window_is_300_seconds_each_way() {
        let h = headers(Some(ID), Some(TS), Some(SIGNATURE));
        assert_eq!(check(&secret(), PAYLOAD, &h, NOW + 300), Ok(()));
        assert_eq!(check(&secret(), PAYLOAD, &h, NOW - 300), Ok(()));
        assert_eq!(
            check(&secret(), PAYLOAD, &h, NOW + 301),
            Err(VerificationFailure::TimestampTooOld)
        );
        assert_eq!(
            check(&secret(), PAYLOAD, &h, NOW - 301),
            Err(VerificationFailure::TimestampTooNew)
        );
        // Signed timestamps ±301 s away from now, with valid signatures.
        for (offset, expected) in [
            (-301, VerificationFailure::TimestampTooOld),
            (301, VerificationFailure::TimestampTooNew),
        ] {
            let ts = (NOW + offset).to_string();
            let sig = secret().sign(ID, &ts, PAYLOAD);
            let h = headers(Some(ID), Some(&ts), Some(&sig));
            assert_eq!(check(&secret(), PAYLOAD, &h, NOW), Err(expected));
        }
        assert_eq!(
            check(&secret(), PAYLOAD, &h, i64::MAX),
            Err(VerificationFailure::TimestampTooOld)
        );
        assert_eq!(
            check(&secret(), PAYLOAD, &h, i64::MIN),
            Err(VerificationFailure::TimestampTooNew)
        );
    }

    #[test]
    fn timestamp_is_checked_before_the_signature() {
        let h = headers(Some(ID), Some(TS), Some("v1,garbage"));
        assert_eq!(
            check(&secret(), PAYLOAD, &h, NOW + 1000),
            Err(VerificationFailure::TimestampTooOld)
        );
    }

    #[test]
    fn non_numeric_timestamp_is_invalid_signature() {
        for ts in ["hello", "", " ", "-", "+x", "NaN", "Infinity"] {
            let h = headers(Some(ID), Some(ts), Some(SIGNATURE));
            let expected = if ts.is_empty() {
                VerificationFailure::MissingRequiredHeaders
            } else {
                VerificationFailure::InvalidSignature
            };
            assert_eq!(check(&secret(), PAYLOAD, &h, NOW), Err(expected), "{ts:?}");
        }
    }

    #[test]
    fn timestamp_is_read_like_parse_int_but_signed_as_sent() {
        // "1649367553abc" is 1649367553 for the window, but the signature covers the text.
        let ts = "1649367553abc";
        let sig = secret().sign(ID, ts, PAYLOAD);
        assert_eq!(
            check(
                &secret(),
                PAYLOAD,
                &headers(Some(ID), Some(ts), Some(&sig)),
                NOW
            ),
            Ok(())
        );
        assert_eq!(
            check(
                &secret(),
                PAYLOAD,
                &headers(Some(ID), Some(ts), Some(SIGNATURE)),
                NOW
            ),
            Err(VerificationFailure::NoMatchingSignature)
        );
    }

    #[test]
    fn partial_signatures_do_not_match() {
        let no_match = Err(VerificationFailure::NoMatchingSignature);
        assert_eq!(check_sig("v1,"), no_match);
        assert_eq!(check_sig(&SIGNATURE[..8]), no_match);
        assert_eq!(check_sig(&SIGNATURE[..SIGNATURE.len() - 2]), no_match);
        assert_eq!(check_sig("v1"), no_match);
        assert_eq!(
            check_sig("tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="),
            no_match
        );
    }

    #[test]
    fn rotated_signatures_any_valid_v1_entry_matches() {
        let wrong = secret().sign("other", TS, PAYLOAD);
        let rotated = format!(
            "v2,{} {wrong} v1,notbase64! v1,{} {SIGNATURE}",
            &SIGNATURE[3..],
            "AAAA"
        );
        assert_eq!(check_sig(&rotated), Ok(()));
        assert_eq!(check_sig(&format!("{SIGNATURE} {wrong}")), Ok(()));
        // Extra comma-separated fields after the signature are ignored, as by the SDK.
        assert_eq!(check_sig(&format!("{SIGNATURE},extra")), Ok(()));
        // Unpadded base64 is accepted (atob), another version is not.
        assert_eq!(check_sig(SIGNATURE.trim_end_matches('=')), Ok(()));
        assert_eq!(
            check_sig(&format!("v2,{}", &SIGNATURE[3..])),
            Err(VerificationFailure::NoMatchingSignature)
        );
    }

    #[test]
    fn none_valid() {
        let wrong = secret().sign("other", TS, PAYLOAD);
        let other_key = WebhookSecret::from_bytes(b"another key")
            .unwrap()
            .sign(ID, TS, PAYLOAD);
        assert_eq!(
            check_sig(&format!("{wrong} {other_key} v2,abc")),
            Err(VerificationFailure::NoMatchingSignature)
        );
        assert_eq!(
            check_sig(" "),
            Err(VerificationFailure::NoMatchingSignature)
        );
    }

    #[test]
    fn body_changed_by_one_byte() {
        for at in 0..PAYLOAD.len() {
            let mut body = PAYLOAD.to_vec();
            body[at] ^= 0x01;
            let h = headers(Some(ID), Some(TS), Some(SIGNATURE));
            assert_eq!(
                check(&secret(), &body, &h, NOW),
                Err(VerificationFailure::NoMatchingSignature),
                "byte {at}"
            );
        }
        let mut longer = PAYLOAD.to_vec();
        longer.push(b'\n');
        assert_eq!(
            check(
                &secret(),
                &longer,
                &headers(Some(ID), Some(TS), Some(SIGNATURE)),
                NOW
            ),
            Err(VerificationFailure::NoMatchingSignature)
        );
    }

    #[test]
    fn bad_secrets_are_their_own_error() {
        assert_eq!(WebhookSecret::parse("").unwrap_err(), SecretError::Empty);
        assert_eq!(
            WebhookSecret::parse("whsec_").unwrap_err(),
            SecretError::Empty
        );
        assert_eq!(
            WebhookSecret::parse("whsec_not base64!").unwrap_err(),
            SecretError::NotBase64
        );
        // Truncated to a length of 1 mod 4 (other truncations are valid unpadded base64 for atob).
        assert_eq!(
            WebhookSecret::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob").unwrap_err(),
            SecretError::NotBase64
        );
        assert!(WebhookSecret::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7o").is_ok());
        assert_eq!(
            WebhookSecret::from_bytes(&[]).unwrap_err(),
            SecretError::Empty
        );
        let err = WebhookError::from(SecretError::NotBase64);
        assert_eq!(err.code(), "INVALID_SECRET");
        assert!(!format!("{err} {err:?}").contains("not base64!"));
        assert_eq!(
            format!("{:?}", secret()),
            "WebhookSecret { key: [REDACTED] }"
        );
        assert!(!format!("{:?}", secret()).contains("C2FV"));
        // A wrong (but valid) secret is a verification failure.
        let other = WebhookSecret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(
            check(
                &other,
                PAYLOAD,
                &headers(Some(ID), Some(TS), Some(SIGNATURE)),
                NOW
            ),
            Err(VerificationFailure::NoMatchingSignature)
        );
    }

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
}

/// V1 bodies.
mod webhook_v1 {
    use super::*;

    #[test]
    fn v1_json_body() {
        let hook =
            parse_webhook_v1(&fixture("webhook/v1-paid.json"), Some("application/json")).unwrap();
        assert_eq!(hook.imp_uid, "imp_1234567890");
        assert_eq!(hook.merchant_uid, "order_1234567890");
        assert_eq!(hook.status, Some(PaymentStatus::Paid));
        assert_eq!(hook.cancellation_id, None);
        // Sniffed without a content type.
        assert_eq!(
            parse_webhook_v1(&fixture("webhook/v1-paid.json"), None).unwrap(),
            hook
        );
    }

    #[test]
    fn v1_form_body() {
        let body = fixture("webhook/v1-cancelled.form");
        let hook = parse_webhook_v1(
            &body,
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
        )
        .unwrap();
        assert_eq!(hook.imp_uid, "imp_1234567890");
        assert_eq!(hook.merchant_uid, "order 1234/567");
        assert_eq!(hook.status, Some(PaymentStatus::Cancelled));
        assert_eq!(hook.cancellation_id.as_deref(), Some("cncl_1"));
        assert_eq!(parse_webhook_v1(&body, None).unwrap(), hook);
    }

    #[test]
    fn v1_tolerates_unknown_fields_statuses_and_numbers() {
        let hook = parse_webhook_v1(
            br#"{"imp_uid":"imp_1","merchant_uid":12345,"status":"partial_refunded","extra":{"a":1}}"#,
            None,
        )
        .unwrap();
        assert_eq!(hook.merchant_uid, "12345");
        assert_eq!(
            hook.status,
            Some(PaymentStatus::Other("partial_refunded".into()))
        );
        let hook =
            parse_webhook_v1(b"imp_uid=imp_1&merchant_uid=o&foo=bar", Some("text/plain")).unwrap();
        assert_eq!(hook.status, None);
    }

    #[test]
    fn v1_missing_and_bad_fields() {
        let e = parse_webhook_v1(br#"{"merchant_uid":"o"}"#, None).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::MissingField, "imp_uid"));
        let e = parse_webhook_v1(b"imp_uid=imp_1", None).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::MissingField, "merchant_uid")
        );
        let e = parse_webhook_v1(
            br#"{"imp_uid":"imp_1","merchant_uid":"o","status":{}}"#,
            None,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "status"));
        let e = parse_webhook_v1(br#"{"imp_uid":"imp_1""#, Some("application/json")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        let e = parse_webhook_v1(b"[]", Some("application/json")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput);
    }
}
