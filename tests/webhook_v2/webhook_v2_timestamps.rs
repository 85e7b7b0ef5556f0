//! V2 `webhook-timestamp`: the 300-second window, checked before the signature, and read like
//! `parseInt` but signed as sent.

use super::*;

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
