//! `WebhookV2`: the body of a V2 webhook, version 2024-04-25.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::amount::Amount;
use crate::error::ParseError;
use crate::lenient;
use crate::parse::json::from_canonical;
use crate::read;
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
        from_canonical(&WebhookV2::verified_json(body)?)
    }

    /// The canonical JSON of a verified body: exactly what the parsed `WebhookV2` serialises
    /// to (every `data` field, absent ones as `null`), read without serde. `verifyWebhookV2`
    /// hands it to JavaScript's `JSON.parse`.
    ///
    /// # Errors
    /// As [`WebhookV2::parse_verified`].
    pub(crate) fn verified_json(body: &[u8]) -> Result<String, ParseError> {
        read::webhook_v2_json(read::utf8(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::parse::json::decode;

    #[test]
    fn bodies_read_as_serde_read_them() {
        let bodies: &[&str] = &[
            r#"{"type":"Transaction.Paid","timestamp":"2024-04-25T10:00:00.000Z","data":{"paymentId":"p","storeId":"s","transactionId":"t"}}"#,
            r#"{"type":"Transaction.Cancelled","data":{"paymentId":"p","cancellationId":"c","new":{"x":[1]}},"extra":true}"#,
            r#"{"type":"BillingKey.Issued","data":{"billingKey":"bk","storeId":"s"}}"#,
            r#"{"type":"Transaction.Confirm","data":{"paymentId":"p","totalAmount":1000}}"#,
            r#"{"type":"Transaction.Confirm","data":{"totalAmount":"10.50"}}"#,
            r#"{"type":"Transaction.Confirm","data":{"totalAmount":12.25}}"#,
            r#"{"type":"Transaction.Confirm","data":{"totalAmount":1e3}}"#,
            r#"{"type":"Transaction.Confirm","data":{"totalAmount":null}}"#,
            r#"{"type":"Payout.Done","timestamp":null,"data":{}}"#,
            r#"{"type":"Transaction.Paid"}"#,
            r#"{"data":{"paymentId":"p"},"timestamp":"t","type":"Transaction.Paid"}"#,
            r#"{"type":7,"timestamp":1714039200,"data":{"paymentId":123,"storeId":true,"transactionId":-1}}"#,
            r#"{"type":"Transaction\u002EPaid","data":{"paymentId":"p\"\\\n\u0001\u00e9","storeId":"\ud83d\udcb3"}}"#,
            "{\"type\":\"결제\",\"data\":{\"paymentId\":\"\u{2028}\"}}",
            "\u{feff}{\"type\":\"Transaction.Paid\"}\n",
            // Errors.
            r#"{"data":{}}"#,
            r#"{}"#,
            r#"{"type":null}"#,
            r#"{"type":{}}"#,
            r#"{"type":"T","timestamp":{}}"#,
            r#"{"type":"T","data":null}"#,
            r#"{"type":"T","data":"p"}"#,
            r#"{"type":"T","data":{"paymentId":{}}}"#,
            r#"{"type":"T","data":{"storeId":[]}}"#,
            r#"{"type":"T","data":{"totalAmount":"abc"}}"#,
            r#"{"type":"T","data":{"totalAmount":true}}"#,
            r#"{"type":"T","data":{"totalAmount":{}}}"#,
            r#"{"type":"T","data":{"totalAmount":"1\u0030"}}"#,
            r#"{"type":"T","type":"U"}"#,
            r#"{"type":"T","data":{"paymentId":"a","paymentId":"b"}}"#,
            r#"{"type":"T","data":{},"data":{}}"#,
            "[]",
            "\"Transaction.Paid\"",
            "12",
            "",
            "hello",
            r#"{"type":"T","data":{"paymentId":"p"}"#,
            r#"{"type":"T"} {}"#,
            r#"{"type":"\ud800"}"#,
            r#"{"type":"T","timestamp":"\udc00x","data":{"paymentId":"\ud83dx"}}"#,
            r#"{"type":"T","data":{"storeId":"\x"}}"#,
            "{\"type\":\"T\",\"data\":{\"storeId\":\"a\u{1}b\"}}",
        ];
        for body in bodies {
            let ours = WebhookV2::parse_verified(body.as_bytes());
            match (ours, decode::<WebhookV2>(body.as_bytes())) {
                (Ok(ours), Ok(theirs)) => {
                    assert_eq!(ours, theirs, "{body}");
                    let canonical: serde_json::Value =
                        serde_json::from_str(&WebhookV2::verified_json(body.as_bytes()).unwrap())
                            .unwrap();
                    assert_eq!(canonical, serde_json::to_value(&theirs).unwrap(), "{body}");
                }
                (Err(ours), Err(theirs)) => {
                    assert_eq!(ours.code(), theirs.code(), "{body}: {ours:?} vs {theirs:?}");
                    if ours.code() != ErrorCode::InvalidJson {
                        assert_eq!(ours.path(), theirs.path(), "{body}: {ours:?}");
                    }
                }
                (ours, theirs) => panic!("{body}: ours {ours:?}, serde {theirs:?}"),
            }
        }
    }

    #[test]
    fn known_differences_from_serde() {
        // A number in a text field is kept as written (serde prints the `f64`).
        let w = WebhookV2::parse_verified(br#"{"type":"T","data":{"paymentId":1.50}}"#).unwrap();
        assert_eq!(w.data.payment_id.as_deref(), Some("1.50"));
        // A list where `data`'s object belongs is refused; serde's derive reads it by position.
        let e = WebhookV2::parse_verified(br#"{"type":"T","data":["p"]}"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "data"));
        assert!(decode::<WebhookV2>(br#"{"type":"T","data":["p"]}"#).is_ok());
        // Broken text is refused anywhere in the body; serde skips an unknown field unread.
        let body = br#"{"type":"T","x":"\udc00"}"#;
        let e = WebhookV2::parse_verified(body).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        assert!(decode::<WebhookV2>(body).is_ok());
    }

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
