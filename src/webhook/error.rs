//! Why a webhook was rejected: a verification failure, an unusable secret, or a body that
//! does not parse.

use crate::error::ParseError;

/// Why V2 verification failed: the official SDK's `WebhookVerificationFailureReason`, value
/// for value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}: {}", self.as_str(), self.message())]
pub enum VerificationFailure {
    /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent, empty, or given
    /// more than once.
    MissingRequiredHeaders,
    /// No `v1` entry of `webhook-signature` matches (including when there is none at all).
    NoMatchingSignature,
    /// `webhook-timestamp` is not a number (the SDK's reason for it).
    InvalidSignature,
    /// `webhook-timestamp` is more than [`TOLERANCE_SECONDS`](super::TOLERANCE_SECONDS) in the past.
    TimestampTooOld,
    /// `webhook-timestamp` is more than [`TOLERANCE_SECONDS`](super::TOLERANCE_SECONDS) in the future.
    TimestampTooNew,
}

impl VerificationFailure {
    /// The reason as the SDK spells it, e.g. `"NO_MATCHING_SIGNATURE"`.
    pub fn as_str(self) -> &'static str {
        match self {
            VerificationFailure::MissingRequiredHeaders => "MISSING_REQUIRED_HEADERS",
            VerificationFailure::NoMatchingSignature => "NO_MATCHING_SIGNATURE",
            VerificationFailure::InvalidSignature => "INVALID_SIGNATURE",
            VerificationFailure::TimestampTooOld => "TIMESTAMP_TOO_OLD",
            VerificationFailure::TimestampTooNew => "TIMESTAMP_TOO_NEW",
        }
    }

    /// A human-readable explanation.
    pub fn message(self) -> &'static str {
        match self {
            VerificationFailure::MissingRequiredHeaders => {
                "webhook-id, webhook-timestamp or webhook-signature is missing, empty or repeated"
            }
            VerificationFailure::NoMatchingSignature => {
                "no v1 signature in webhook-signature matches"
            }
            VerificationFailure::InvalidSignature => "webhook-timestamp is not a number",
            VerificationFailure::TimestampTooOld => "webhook-timestamp is more than 5 minutes old",
            VerificationFailure::TimestampTooNew => {
                "webhook-timestamp is more than 5 minutes in the future"
            }
        }
    }
}

/// Why a webhook secret is unusable. A configuration error, not a verification failure.
/// The message never contains the secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("INVALID_SECRET: {}", self.message())]
pub enum SecretError {
    /// The secret (after an optional `whsec_` prefix) is not base64.
    NotBase64,
    /// The secret decodes to no bytes.
    Empty,
}

impl SecretError {
    /// A human-readable explanation (never containing the secret).
    pub fn message(self) -> &'static str {
        match self {
            SecretError::NotBase64 => {
                "the webhook secret is not base64 (after an optional whsec_ prefix)"
            }
            SecretError::Empty => "the webhook secret is empty",
        }
    }
}

/// Everything [`verify_webhook_v2`](super::verify_webhook_v2) can fail with.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    /// The webhook is not authentic or not fresh: reject it (HTTP 400/401).
    #[error(transparent)]
    Verification(#[from] VerificationFailure),
    /// The secret is unusable: fix the configuration.
    #[error(transparent)]
    InvalidSecret(#[from] SecretError),
    /// The signature is valid but the body is not a V2 webhook.
    #[error(transparent)]
    Body(#[from] ParseError),
}

impl WebhookError {
    /// The stable code: the failure reason, `"INVALID_SECRET"`, or the body's
    /// [`ErrorCode`](crate::ErrorCode).
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::Verification(reason) => reason.as_str(),
            WebhookError::InvalidSecret(_) => "INVALID_SECRET",
            WebhookError::Body(err) => err.code().as_str(),
        }
    }
}
