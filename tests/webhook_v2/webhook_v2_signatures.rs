//! V2 signatures: the Standard Webhooks known-answer vector, partial, rotated and wrong
//! signatures, a changed body, and bad secrets.

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
