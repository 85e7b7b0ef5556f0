//! Verifying a V2 webhook (Standard Webhooks headers and HMAC). Input: one flag byte, then
//! four lines (`webhook-id`, `webhook-timestamp`, `webhook-signature`, the secret) and the
//! body after them. `now` is 2024-04-25T10:00:00Z.
//!
//! Flags: bit 0 appends the correct signature to the header (so verification can succeed);
//! bit 1 sends the header names in other cases; bit 2 sends `webhook-id` twice; bit 3 uses the
//! secret's decoded bytes (`WebhookSecret::from_bytes`) instead of its text.
//!
//! The outcome must be the reference's (`fuzz_support::webhook`, from the specifications),
//! decided in the SDK's order: missing/empty/repeated header, timestamp not a number,
//! too old, too new, no matching `v1` signature, then the body.
#![no_main]

use fuzz_support::{disagree, webhook as reference};
use libfuzzer_sys::fuzz_target;
use portone_verify::webhook::{
    verify_webhook_v2, SecretError, SignedWebhook, VerificationFailure, WebhookError, WebhookHeaders,
    WebhookSecret, WebhookV2,
};

const NOW: i64 = 1_714_039_200;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut lines = text.splitn(5, '\n');
    let (Some(id), Some(timestamp), Some(signature), Some(secret_text)) =
        (lines.next(), lines.next(), lines.next(), lines.next())
    else {
        return;
    };
    let body = lines.next().unwrap_or_default().as_bytes();

    // The secret, and the reference's view of it.
    let base64 = secret_text.strip_prefix("whsec_").unwrap_or(secret_text);
    let key = reference::atob(base64);
    let parsed_secret = WebhookSecret::parse(secret_text);
    let expected_secret = match &key {
        None => Err(SecretError::NotBase64),
        Some(key) if key.is_empty() => Err(SecretError::Empty),
        Some(_) => Ok(()),
    };
    if parsed_secret.as_ref().map(|_| ()).map_err(|e| *e) != expected_secret {
        disagree!("secret {secret_text:?}: {parsed_secret:?}, reference {expected_secret:?}");
    }
    let (secret, key) = match (parsed_secret, key) {
        (Ok(secret), Some(key)) if flags & 8 == 0 => (secret, key),
        (Ok(_), Some(key)) => (WebhookSecret::from_bytes(&key).expect("non-empty"), key),
        _ => (WebhookSecret::from_bytes(b"fuzz-key").expect("non-empty"), b"fuzz-key".to_vec()),
    };

    let mac = reference::mac(&key, id, timestamp, body);
    let signature = if flags & 1 != 0 {
        format!("{signature} v1,{}", reference::btoa(&mac)).trim_start().to_owned()
    } else {
        signature.to_owned()
    };
    let names: [&str; 3] = if flags & 2 != 0 {
        ["Webhook-Id", "WEBHOOK-TIMESTAMP", "Webhook-Signature"]
    } else {
        ["webhook-id", "webhook-timestamp", "webhook-signature"]
    };
    let mut pairs = vec![(names[0], id), (names[1], timestamp), (names[2], signature.as_str())];
    if flags & 4 != 0 {
        pairs.push(("webhook-id", id));
    }
    let headers = WebhookHeaders::from_pairs(pairs);

    let expected: Result<(), VerificationFailure> = (|| {
        if flags & 4 != 0 || id.is_empty() || timestamp.is_empty() || signature.is_empty() {
            return Err(VerificationFailure::MissingRequiredHeaders);
        }
        let sent = reference::parse_int(timestamp).ok_or(VerificationFailure::InvalidSignature)?;
        let now = i128::from(NOW);
        if now - sent > 300 {
            return Err(VerificationFailure::TimestampTooOld);
        }
        if sent > now + 300 {
            return Err(VerificationFailure::TimestampTooNew);
        }
        if !reference::signature_matches(&signature, &mac) {
            return Err(VerificationFailure::NoMatchingSignature);
        }
        Ok(())
    })();

    let outcome = verify_webhook_v2(&secret, body, &headers, NOW);
    match (&outcome, expected) {
        (Err(WebhookError::Verification(got)), Err(want)) if *got == want => {}
        (Ok(hook), Ok(())) => match WebhookV2::parse_verified(body) {
            Ok(parsed) if parsed == *hook => {}
            other => disagree!("verified {hook:?}, body parses as {other:?}"),
        },
        (Err(WebhookError::Body(err)), Ok(())) => match WebhookV2::parse_verified(body) {
            Err(parsed) if parsed == *err => {}
            other => disagree!("body refused with {err:?}, parse_verified says {other:?}"),
        },
        (got, want) => disagree!("verify_webhook_v2 {got:?}, reference {want:?}"),
    }

    // The two-step API decides the same.
    let two_steps = SignedWebhook::check(&headers, body, NOW).and_then(|signed| signed.verify(&secret));
    if two_steps != expected {
        disagree!("SignedWebhook {two_steps:?}, reference {expected:?}");
    }
});
