//! Webhooks: V1 notification bodies and V2 (Standard Webhooks) signature verification.
//!
//! - **V1** ([`parse_webhook_v1`]): PortOne POSTs `{imp_uid, merchant_uid, status,
//!   cancellation_id?}` as JSON or as a form. There is no signature: the body only says *which*
//!   payment to look at. Fetch `GET /payments/{imp_uid}` and verify that; never act on the
//!   body's `status`.
//! - **V2** ([`verify_webhook_v2`]): signed as in Standard Webhooks and verified exactly as
//!   PortOne's official `@portone/server-sdk` `Webhook.verify` does, same decisions and same
//!   failure reasons ([`VerificationFailure`]), then parsed into a typed [`WebhookV2`]
//!   (body version 2024-04-25); [`parse_webhook_v2_legacy`] reads version 2024-01-01 bodies
//!   (JSON or form).
//!
//! The clock is always passed in (`now`, UNIX seconds): nothing here reads the system time.
//! [`SecretInput::keyed`] parses a secret once per thread and then reuses its keyed HMAC state
//! (found by the secret's exact bytes; verdicts are never cached).
//!
//! # Example
//! ```
//! use portone_verify::webhook::{verify_webhook_v2, WebhookHeaders, WebhookSecret, WebhookV2Type};
//! let secret = WebhookSecret::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")?;
//! let body = br#"{"type":"Transaction.Paid","timestamp":"2024-04-25T10:00:00.000Z",
//!   "data":{"paymentId":"order-1","storeId":"store-1","transactionId":"tx-1"}}"#;
//! let signature = secret.sign("msg_1", "1714039200", body);
//! let headers = WebhookHeaders::from_pairs([
//!     ("Webhook-Id", "msg_1"),
//!     ("Webhook-Timestamp", "1714039200"),
//!     ("Webhook-Signature", signature.as_str()),
//! ]);
//! let webhook = verify_webhook_v2(&secret, body, &headers, 1_714_039_230)?;
//! assert_eq!(webhook.event_type, WebhookV2Type::TransactionPaid);
//! assert_eq!(webhook.data.payment_id.as_deref(), Some("order-1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod headers;
mod js_rules;
mod secret;
mod secret_cache;
mod signature;
mod v1;
mod v2;
mod v2_body;
mod v2_legacy;

pub use error::{SecretError, VerificationFailure, WebhookError};
pub use headers::{WebhookHeaders, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};
pub use secret::WebhookSecret;
pub use secret_cache::SecretInput;
pub use signature::{SignedWebhook, TOLERANCE_SECONDS};
pub use v1::{parse_webhook_v1, WebhookV1};
pub use v2::verify_webhook_v2;
pub use v2_body::{WebhookV2, WebhookV2Data, WebhookV2Type};
pub use v2_legacy::{parse_webhook_v2_legacy, WebhookV2Legacy, WebhookV2LegacyStatus};
