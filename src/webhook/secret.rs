//! `WebhookSecret`: the HMAC-SHA256 key of V2 webhooks, never shown by `Debug`.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::error::SecretError;
use super::js_rules::atob;

/// The prefix PortOne's console (and Standard Webhooks) put in front of the base64 key.
const PREFIX: &str = "whsec_";

/// A V2 webhook secret, ready to sign and verify. Holds the keyed HMAC state, not the text;
/// `Debug` prints `WebhookSecret { key: [REDACTED] }`.
#[derive(Clone)]
pub struct WebhookSecret {
    keyed: Hmac<Sha256>,
}

impl WebhookSecret {
    /// Parses the secret as the PortOne console shows it: an optional `whsec_` prefix, then
    /// standard base64 (decoded as JavaScript's `atob`, like the SDK).
    ///
    /// # Errors
    /// [`SecretError::NotBase64`] for text that is not base64, [`SecretError::Empty`] for a
    /// secret with no bytes. Neither message contains the secret.
    pub fn parse(secret: &str) -> Result<Self, SecretError> {
        let base64 = secret.strip_prefix(PREFIX).unwrap_or(secret);
        let key = atob(base64).ok_or(SecretError::NotBase64)?;
        WebhookSecret::from_bytes(&key)
    }

    /// Uses `key` as the raw HMAC key (the SDK's `Uint8Array` secret).
    ///
    /// # Errors
    /// [`SecretError::Empty`] for an empty key.
    pub fn from_bytes(key: &[u8]) -> Result<Self, SecretError> {
        if key.is_empty() {
            return Err(SecretError::Empty);
        }
        // HMAC takes keys of any length; the error cannot occur.
        let keyed = Hmac::<Sha256>::new_from_slice(key).map_err(|_| SecretError::Empty)?;
        Ok(WebhookSecret { keyed })
    }

    /// The `webhook-signature` entry for a message: `v1,<base64 HMAC-SHA256 of
    /// "{id}.{timestamp}.{body}">`. For tests and demos that need valid headers.
    ///
    /// ```
    /// use portone_verify::webhook::WebhookSecret;
    /// let secret = WebhookSecret::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")?;
    /// let body = br#"{"email":"test@example.com","username":"test_user"}"#;
    /// assert_eq!(
    ///     secret.sign("msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553", body),
    ///     "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
    /// );
    /// # Ok::<(), portone_verify::webhook::SecretError>(())
    /// ```
    pub fn sign(&self, id: &str, timestamp: &str, body: &[u8]) -> String {
        let tag = self.mac(id, timestamp, body).finalize().into_bytes();
        format!("v1,{}", STANDARD.encode(tag))
    }

    /// The MAC over `{id}.{timestamp}.{body}`, ready to finalise or verify.
    pub(crate) fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        self.keyed
            .clone()
            .chain_update(id)
            .chain_update(b".")
            .chain_update(timestamp)
            .chain_update(b".")
            .chain_update(body)
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret { key: [REDACTED] }")
    }
}

impl std::str::FromStr for WebhookSecret {
    type Err = SecretError;

    fn from_str(secret: &str) -> Result<Self, SecretError> {
        WebhookSecret::parse(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_optional_and_debug_is_redacted() {
        let with = WebhookSecret::parse("whsec_c2VjcmV0").unwrap();
        let without = WebhookSecret::parse("c2VjcmV0").unwrap();
        assert_eq!(with.sign("i", "1", b"x"), without.sign("i", "1", b"x"));
        assert_eq!(
            with.sign("i", "1", b"x"),
            WebhookSecret::from_bytes(b"secret")
                .unwrap()
                .sign("i", "1", b"x")
        );
        assert_eq!(format!("{with:?}"), "WebhookSecret { key: [REDACTED] }");
    }

    #[test]
    fn rejects_unusable_secrets() {
        assert_eq!(WebhookSecret::parse("").unwrap_err(), SecretError::Empty);
        assert_eq!(
            WebhookSecret::parse("whsec_").unwrap_err(),
            SecretError::Empty
        );
        assert_eq!(
            WebhookSecret::parse("whsec_!!!").unwrap_err(),
            SecretError::NotBase64
        );
        assert_eq!(
            WebhookSecret::from_bytes(b"").unwrap_err(),
            SecretError::Empty
        );
        assert!(!SecretError::NotBase64.to_string().contains("!!!"));
    }
}
