//! `WebhookV2`: the body of a V2 webhook, version 2024-04-25.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::amount::Amount;
use crate::error::ParseError;
use crate::lenient;
use crate::parse::json::decode;
use crate::types::open_enum::open_enum;

open_enum! {
    /// The event of a V2 webhook (`type`), as listed by the official SDK for version
    /// 2024-04-25. The body only names the payment: fetch it to learn its state.
    WebhookV2Type {
        /// A payment window was opened.
        TransactionReady = "Transaction.Ready",
        /// A payment (scheduled ones included) was approved.
        TransactionPaid = "Transaction.Paid",
        /// A virtual account was issued (awaiting the deposit).
        TransactionVirtualAccountIssued = "Transaction.VirtualAccountIssued",
        /// A payment failed.
        TransactionFailed = "Transaction.Failed",
        /// A payment is waiting for approval.
        TransactionPayPending = "Transaction.PayPending",
        /// Confirm-process payments: PortOne asks the merchant to confirm (`data.totalAmount`).
        TransactionConfirm = "Transaction.Confirm",
        /// A dispute was opened.
        TransactionDisputeCreated = "Transaction.DisputeCreated",
        /// A dispute was resolved.
        TransactionDisputeResolved = "Transaction.DisputeResolved",
        /// Part of a payment was cancelled (`data.cancellationId`).
        TransactionPartialCancelled = "Transaction.PartialCancelled",
        /// A payment was cancelled in full (`data.cancellationId`).
        TransactionCancelled = "Transaction.Cancelled",
        /// A cancellation was requested and is pending (`data.cancellationId`).
        TransactionCancelPending = "Transaction.CancelPending",
        /// A billing-key issue window was opened.
        BillingKeyReady = "BillingKey.Ready",
        /// A billing key was issued.
        BillingKeyIssued = "BillingKey.Issued",
        /// Issuing a billing key failed.
        BillingKeyFailed = "BillingKey.Failed",
        /// A billing key was deleted.
        BillingKeyDeleted = "BillingKey.Deleted",
        /// A billing key was updated.
        BillingKeyUpdated = "BillingKey.Updated",
    }
}

/// A verified V2 webhook body: `{type, timestamp, data}`. Unknown `type`s are kept as text
/// and unknown fields are ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct WebhookV2 {
    /// What happened (`Transaction.Paid`, `BillingKey.Issued`, … or a newer type as text).
    #[serde(rename = "type")]
    pub event_type: WebhookV2Type,
    /// When the event happened (RFC 3339); the same for every retry of one event.
    #[serde(default, deserialize_with = "lenient::text")]
    pub timestamp: Option<String>,
    /// The identifiers of the event's subject.
    #[serde(default)]
    pub data: WebhookV2Data,
}

/// The `data` of a V2 webhook: identifiers only, which ones depend on `type`. Fetch the
/// payment (or billing key) with them before acting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WebhookV2Data {
    /// The merchant's payment id (`Transaction.*`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub payment_id: Option<String>,
    /// The store that triggered the webhook.
    #[serde(default, deserialize_with = "lenient::text")]
    pub store_id: Option<String>,
    /// PortOne's id of this payment attempt (`Transaction.*`); one payment can have several.
    #[serde(default, deserialize_with = "lenient::text")]
    pub transaction_id: Option<String>,
    /// PortOne's id of the cancellation (`Transaction.Cancelled`, `PartialCancelled`,
    /// `CancelPending`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub cancellation_id: Option<String>,
    /// The billing key (`BillingKey.*`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub billing_key: Option<String>,
    /// The requested amount of the payment (`Transaction.Confirm`).
    #[serde(default)]
    #[tsify(type = "number | null")]
    pub total_amount: Option<Amount>,
}

impl WebhookV2 {
    /// Parses a body **whose signature has already been verified** (by
    /// [`SignedWebhook::verify`](super::SignedWebhook::verify)); use
    /// [`verify_webhook_v2`](super::verify_webhook_v2) to do both.
    ///
    /// # Errors
    /// `INVALID_JSON`, `INVALID_INPUT` (not an object), `MISSING_FIELD` (`type`) or
    /// `INVALID_FIELD`, with the field path.
    pub fn parse_verified(body: &[u8]) -> Result<WebhookV2, ParseError> {
        decode(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn parses_known_and_unknown_types() {
        let w = WebhookV2::parse_verified(
            br#"{"type":"Transaction.PartialCancelled","timestamp":"2024-04-25T10:00:00.000Z",
                "data":{"paymentId":"p","storeId":"s","transactionId":"t","cancellationId":"c","new":1}}"#,
        )
        .unwrap();
        assert_eq!(w.event_type, WebhookV2Type::TransactionPartialCancelled);
        assert_eq!(w.data.cancellation_id.as_deref(), Some("c"));
        let w = WebhookV2::parse_verified(br#"{"type":"Payout.Done","data":{"totalAmount":1000}}"#)
            .unwrap();
        assert_eq!(w.event_type.as_str(), "Payout.Done");
        assert!(w.event_type.is_unknown());
        assert_eq!(w.data.total_amount, Amount::parse("1000"));
        let json = serde_json::to_value(&w).unwrap();
        assert_eq!(json["type"], "Payout.Done");
        assert_eq!(json["data"]["totalAmount"], 1000);
    }

    #[test]
    fn reports_bad_bodies() {
        let e = WebhookV2::parse_verified(br#"{"data":{}}"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::MissingField, "type"));
        let e =
            WebhookV2::parse_verified(br#"{"type":"Transaction.Paid","data":{"paymentId":{}}}"#)
                .unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InvalidField, "data.paymentId")
        );
        assert_eq!(
            WebhookV2::parse_verified(b"hello").unwrap_err().code(),
            ErrorCode::InvalidJson
        );
    }
}
