//! `verify_webhook_v2`: signature, freshness, then the typed body.

use super::error::WebhookError;
use super::headers::WebhookHeaders;
use super::secret::WebhookSecret;
use super::signature::SignedWebhook;
use super::v2_body::WebhookV2;

/// Verifies a V2 webhook as the official SDK's `Webhook.verify` does and parses its body.
///
/// `body` must be the raw request body, byte for byte (not JSON parsed and serialised
/// again); `now` is the current time in UNIX seconds. The decisions and their order are the
/// SDK's: missing headers, then the timestamp ([`SignedWebhook::check`]), then the signatures
/// ([`SignedWebhook::verify`]). A verified webhook can still be a repeat delivery: use
/// `webhook-id` to process it once.
///
/// # Errors
/// [`WebhookError::Verification`] with the failure reason (reject the request);
/// [`WebhookError::Body`] when the signature is valid but the body is not a V2 webhook
/// object with a `type`.
pub fn verify_webhook_v2(
    secret: &WebhookSecret,
    body: &[u8],
    headers: &WebhookHeaders,
    now: i64,
) -> Result<WebhookV2, WebhookError> {
    let signed = SignedWebhook::check(headers, body, now)?;
    signed.verify(secret)?;
    Ok(WebhookV2::parse_verified(body)?)
}
