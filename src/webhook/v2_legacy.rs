//! `WebhookV2Legacy`: the body of a V2 webhook of the older version 2024-01-01, as JSON or as
//! a form.

use serde::Serialize;
use tsify::Tsify;

use super::v1::is_json;
use crate::error::ParseError;
use crate::parse::form_object;
use crate::parse::json::without_bom;
use crate::read;
use crate::types::declare::{self, wire};
use crate::types::open_enum::open_enum;

open_enum! {
    /// The status a 2024-01-01 V2 webhook states. Informational only: decide on the payment
    /// fetched from PortOne.
    WebhookV2LegacyStatus {
        /** A payment window was opened. */ Ready = "Ready",
        /** Paid. */ Paid = "Paid",
        /** A virtual account was issued. */ VirtualAccountIssued = "VirtualAccountIssued",
        /** Part of the payment was cancelled. */ PartialCancelled = "PartialCancelled",
        /** Cancelled in full. */ Cancelled = "Cancelled",
        /** Failed. */ Failed = "Failed",
        /** Waiting for approval. */ PayPending = "PayPending",
        /** A cancellation is pending. */ CancelPending = "CancelPending",
    }
}

wire! {
    /// A V2 webhook body of version 2024-01-01 (`{payment_id, tx_id, status}`; newer stores
    /// get [`WebhookV2`](super::WebhookV2), version 2024-04-25). A hint, never proof: fetch
    /// the payment by `payment_id` and verify it. Deliveries repeat and arrive out of order.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct WebhookV2Legacy {
        /// The merchant's payment id: the payment to fetch and verify.
        payment_id: String = Id,
        /// PortOne's id of the payment attempt.
        tx_id: Option<String>,
        /// Status as the webhook states it. **Never trust it**: anyone can send `Paid`.
        status: Option<WebhookV2LegacyStatus>,
    }
}

/// The keys of a 2024-01-01 body.
const KEYS: &[&str] = &["payment_id", "tx_id", "status"];

/// Parses a V2 webhook body of version 2024-01-01. `content_type` (the request's
/// `Content-Type`) decides the format as for [`parse_webhook_v1`](super::parse_webhook_v1):
/// `application/x-www-form-urlencoded` is a form, `application/json` (or `+json`) JSON, and
/// otherwise a body starting with `{` is JSON. Where the request carries `webhook-*` signature
/// headers, check them first ([`SignedWebhook`](super::SignedWebhook)) on the raw body.
///
/// # Errors
/// `MISSING_FIELD` (`payment_id`) when it is absent or empty, `INVALID_FIELD` when it is not
/// a non-blank string, and for JSON `INVALID_JSON` / `INVALID_INPUT` (not an object).
///
/// # Example
/// ```
/// use portone_verify::webhook::{parse_webhook_v2_legacy, WebhookV2LegacyStatus};
/// let form = b"payment_id=order%2D1&tx_id=tx-1&status=Paid";
/// let hook = parse_webhook_v2_legacy(form, Some("application/x-www-form-urlencoded"))?;
/// assert_eq!(hook.payment_id, "order-1");
/// assert_eq!(hook.status, Some(WebhookV2LegacyStatus::Paid));
/// let json = br#"{"payment_id":"order-1","tx_id":"tx-1","status":"Paid"}"#;
/// assert_eq!(parse_webhook_v2_legacy(json, None)?, hook);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_webhook_v2_legacy(
    body: &[u8],
    content_type: Option<&str>,
) -> Result<WebhookV2Legacy, ParseError> {
    let body = without_bom(body);
    if is_json(body, content_type) {
        declare::read(read::utf8(body)?)
    } else {
        declare::read(&form_object(body, KEYS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::types::Wire;

    #[test]
    fn reads_json_and_forms_alike() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                br#"{"payment_id":"p","tx_id":"t","status":"CancelPending","x":1}"#,
                None,
            ),
            (b"payment_id=p&tx_id=t&status=CancelPending&x=1", None),
            (
                b"status=CancelPending&tx_id=t&payment_id=p",
                Some("application/x-www-form-urlencoded"),
            ),
            (
                b"{\"payment_id\":\"p\",\"tx_id\":\"t\",\"status\":\"CancelPending\"}",
                Some("text/plain"),
            ),
        ];
        for (body, content_type) in cases {
            let hook = parse_webhook_v2_legacy(body, *content_type).unwrap();
            assert_eq!(
                hook.to_canonical_json(),
                r#"{"payment_id":"p","tx_id":"t","status":"CancelPending"}"#
            );
        }
        let hook = parse_webhook_v2_legacy(b"payment_id=p&status=Refunded&tx_id=", None).unwrap();
        assert!(hook
            .status
            .as_ref()
            .is_some_and(WebhookV2LegacyStatus::is_unknown));
        assert_eq!(hook.tx_id, None);
    }

    #[test]
    fn refuses_bodies_without_a_payment_id() {
        for (body, content_type, code) in [
            (&b"tx_id=t&status=Paid"[..], None, ErrorCode::MissingField),
            (b"payment_id=&status=Paid", None, ErrorCode::MissingField),
            (b"payment_id=%20%20", None, ErrorCode::MissingField),
            (br#"{"payment_id":"  "}"#, None, ErrorCode::InvalidField),
            (br#"{"payment_id":7}"#, None, ErrorCode::InvalidField),
            (br#"{"payment_id":"p""#, None, ErrorCode::InvalidJson),
            (b"[1]", Some("application/json"), ErrorCode::InvalidInput),
        ] {
            let err = parse_webhook_v2_legacy(body, content_type).unwrap_err();
            assert_eq!(err.code(), code, "{}", String::from_utf8_lossy(body));
        }
    }
}
