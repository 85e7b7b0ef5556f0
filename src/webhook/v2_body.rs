//! `WebhookV2`: the body of a V2 webhook, version 2024-04-25.

use serde::Serialize;
use tsify::Tsify;

use crate::amount::Amount;
use crate::error::ParseError;
use crate::read;
use crate::types::declare::{self, wire};
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

wire! {
    /// A verified V2 webhook body: `{type, timestamp, data}`. Unknown `type`s are kept as text
    /// and unknown fields are ignored.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct WebhookV2 {
        /// What happened (`Transaction.Paid`, `BillingKey.Issued`, … or a newer type as text).
        event_type as "type": WebhookV2Type,
        /// When the event happened (RFC 3339); the same for every retry of one event.
        timestamp: Option<String>,
        /// The identifiers of the event's subject.
        data: WebhookV2Data,
    }
}

wire! {
    /// The `data` of a V2 webhook: identifiers only, which ones depend on `type`. Fetch the
    /// payment (or billing key) with them before acting.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
    pub struct WebhookV2Data (record) {
        /// The merchant's payment id (`Transaction.*`).
        payment_id as "paymentId": Option<String>,
        /// The store that triggered the webhook.
        store_id as "storeId": Option<String>,
        /// PortOne's id of this payment attempt (`Transaction.*`); one payment can have several.
        transaction_id as "transactionId": Option<String>,
        /// PortOne's id of the cancellation (`Transaction.Cancelled`, `PartialCancelled`,
        /// `CancelPending`).
        cancellation_id as "cancellationId": Option<String>,
        /// The billing key (`BillingKey.*`).
        billing_key as "billingKey": Option<String>,
        /// The requested amount of the payment (`Transaction.Confirm`).
        #[tsify(type = "number | null")]
        total_amount as "totalAmount": Option<Amount>,
    }
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
        declare::read(read::utf8(body)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::types::Wire;
    use expect_test::expect;

    #[test]
    fn bodies_golden() {
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
        let outcomes: Vec<String> = bodies
            .iter()
            .map(|body| match WebhookV2::parse_verified(body.as_bytes()) {
                Ok(hook) => hook.to_canonical_json(),
                Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
            })
            .collect();
        expect![[r#"
            [
                "{\"type\":\"Transaction.Paid\",\"timestamp\":\"2024-04-25T10:00:00.000Z\",\"data\":{\"paymentId\":\"p\",\"storeId\":\"s\",\"transactionId\":\"t\",\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Cancelled\",\"timestamp\":null,\"data\":{\"paymentId\":\"p\",\"storeId\":null,\"transactionId\":null,\"cancellationId\":\"c\",\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"BillingKey.Issued\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":\"s\",\"transactionId\":null,\"cancellationId\":null,\"billingKey\":\"bk\",\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Confirm\",\"timestamp\":null,\"data\":{\"paymentId\":\"p\",\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":1000}}",
                "{\"type\":\"Transaction.Confirm\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":10.5}}",
                "{\"type\":\"Transaction.Confirm\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":12.25}}",
                "{\"type\":\"Transaction.Confirm\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":1000}}",
                "{\"type\":\"Transaction.Confirm\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Payout.Done\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Paid\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Paid\",\"timestamp\":\"t\",\"data\":{\"paymentId\":\"p\",\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"7\",\"timestamp\":\"1714039200\",\"data\":{\"paymentId\":\"123\",\"storeId\":\"true\",\"transactionId\":\"-1\",\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Paid\",\"timestamp\":null,\"data\":{\"paymentId\":\"p\\\"\\\\\\n\\u0001é\",\"storeId\":\"💳\",\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"결제\",\"timestamp\":null,\"data\":{\"paymentId\":\"\u{2028}\",\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "{\"type\":\"Transaction.Paid\",\"timestamp\":null,\"data\":{\"paymentId\":null,\"storeId\":null,\"transactionId\":null,\"cancellationId\":null,\"billingKey\":null,\"totalAmount\":null}}",
                "MISSING_FIELD at `type`",
                "MISSING_FIELD at `type`",
                "INVALID_FIELD at `type`",
                "INVALID_FIELD at `type`",
                "INVALID_FIELD at `timestamp`",
                "INVALID_FIELD at `data`",
                "INVALID_FIELD at `data`",
                "INVALID_FIELD at `data.paymentId`",
                "INVALID_FIELD at `data.storeId`",
                "INVALID_FIELD at `data.totalAmount`",
                "INVALID_FIELD at `data.totalAmount`",
                "INVALID_FIELD at `data.totalAmount`",
                "INVALID_FIELD at `data.totalAmount`",
                "INVALID_FIELD at `type`",
                "INVALID_FIELD at `data.paymentId`",
                "INVALID_FIELD at `data`",
                "INVALID_INPUT at ``",
                "INVALID_INPUT at ``",
                "INVALID_INPUT at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at ``",
                "INVALID_JSON at `type`",
                "INVALID_JSON at `timestamp`",
                "INVALID_JSON at `data.storeId`",
                "INVALID_JSON at `data.storeId`",
            ]
        "#]].assert_debug_eq(&outcomes);
    }

    #[test]
    fn numbers_are_kept_as_written_and_lists_are_not_objects() {
        // A number in a text field is kept as written.
        let w = WebhookV2::parse_verified(br#"{"type":"T","data":{"paymentId":1.50}}"#).unwrap();
        assert_eq!(w.data.payment_id.as_deref(), Some("1.50"));
        // A list where `data`'s object belongs is refused.
        let e = WebhookV2::parse_verified(br#"{"type":"T","data":["p"]}"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidField, "data"));
        // Broken text is refused anywhere in the body.
        let body = br#"{"type":"T","x":"\udc00"}"#;
        let e = WebhookV2::parse_verified(body).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
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
