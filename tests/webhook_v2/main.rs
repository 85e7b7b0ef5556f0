//! V2 webhook verification (Standard Webhooks, as PortOne's SDK does it) and V1 webhook
//! bodies, one module per concept: V2 `signatures`, `headers`, `timestamps` and `bodies`, and
//! V1 bodies. Module names start with `webhook_` so that a `webhook` test filter selects them.

#![cfg(all(feature = "webhook", not(target_arch = "wasm32")))]

#[path = "../common/mod.rs"]
mod common;

mod webhook_v1;
mod webhook_v2_bodies;
mod webhook_v2_headers;
mod webhook_v2_signatures;
mod webhook_v2_timestamps;

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
