//! `SignedWebhook`: V2 verification in the SDK's two steps, headers and timestamp first,
//! then the signatures.

use hmac::Mac;

use super::error::VerificationFailure;
use super::headers::WebhookHeaders;
use super::js_rules::{atob, parse_int};
use super::secret::WebhookSecret;

/// How far `webhook-timestamp` may be from `now`, either way, in seconds (exactly 300 is
/// still accepted).
pub const TOLERANCE_SECONDS: i64 = 5 * 60;

/// A webhook whose headers are present and whose timestamp is within the tolerance: the
/// first step of verification. [`SignedWebhook::verify`] is the second.
///
/// The split exists to keep the SDK's order of decisions when the secret itself is only
/// parsed in between (as the JavaScript export does); with a parsed secret at hand use
/// [`verify_webhook_v2`](super::verify_webhook_v2).
#[derive(Clone, Copy, Debug)]
pub struct SignedWebhook<'a> {
    id: &'a str,
    timestamp: &'a str,
    signatures: &'a str,
    body: &'a [u8],
}

impl<'a> SignedWebhook<'a> {
    /// Checks the headers, then the timestamp against `now` (UNIX seconds).
    ///
    /// # Errors
    /// In this order: [`MissingRequiredHeaders`](VerificationFailure::MissingRequiredHeaders)
    /// if any of the three headers is missing; [`InvalidSignature`](VerificationFailure::InvalidSignature)
    /// if `webhook-timestamp` does not start with an integer (read as `Number.parseInt`:
    /// `"123abc"` is 123); [`TimestampTooOld`](VerificationFailure::TimestampTooOld) if it is
    /// more than [`TOLERANCE_SECONDS`] before `now`; [`TimestampTooNew`](VerificationFailure::TimestampTooNew)
    /// if more than that after.
    pub fn check(
        headers: &'a WebhookHeaders,
        body: &'a [u8],
        now: i64,
    ) -> Result<Self, VerificationFailure> {
        let (Some(id), Some(timestamp), Some(signatures)) =
            (headers.id(), headers.timestamp(), headers.signature())
        else {
            return Err(VerificationFailure::MissingRequiredHeaders);
        };
        let sent = parse_int(timestamp).ok_or(VerificationFailure::InvalidSignature)?;
        if now.saturating_sub(sent) > TOLERANCE_SECONDS {
            return Err(VerificationFailure::TimestampTooOld);
        }
        if sent > now.saturating_add(TOLERANCE_SECONDS) {
            return Err(VerificationFailure::TimestampTooNew);
        }
        Ok(SignedWebhook {
            id,
            timestamp,
            signatures,
            body,
        })
    }

    /// Accepts if any `v1` entry of `webhook-signature` is the HMAC-SHA256 of
    /// `{id}.{timestamp}.{body}` (the timestamp exactly as sent). Entries are separated by
    /// single spaces; in `version,signature[,…]` the signature is the text between the first
    /// and second comma; entries of other versions, without a comma, or whose signature is not
    /// base64 are skipped. Decoded bytes are compared in constant time by
    /// [`Mac::verify_slice`].
    ///
    /// # Errors
    /// [`NoMatchingSignature`](VerificationFailure::NoMatchingSignature) when no entry matches,
    /// including when there is no `v1` entry at all.
    pub fn verify(&self, secret: &WebhookSecret) -> Result<(), VerificationFailure> {
        let mac = secret.mac(self.id, self.timestamp, self.body);
        for entry in self.signatures.split(' ') {
            let mut parts = entry.split(',');
            let (Some("v1"), Some(signature)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some(decoded) = atob(signature) else {
                continue;
            };
            if mac.clone().verify_slice(&decoded).is_ok() {
                return Ok(());
            }
        }
        Err(VerificationFailure::NoMatchingSignature)
    }

    /// The `webhook-id` (use it to drop repeated deliveries).
    pub fn id(&self) -> &'a str {
        self.id
    }

    /// The `webhook-timestamp` as sent.
    pub fn timestamp(&self) -> &'a str {
        self.timestamp
    }

    /// The body the signature covers.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }
}
