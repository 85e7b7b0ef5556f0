//! A V2 payment's cancellations (`cancellations`): a union on `status`.

use serde::Serialize;
use tsify::Tsify;

use super::enums::Trigger;
use super::UnrecognizedStatus;
use crate::types::declare::{wire, wire_union};

/// Declares one cancellation status: the fields every status has (written once, here), then
/// the status's own.
macro_rules! cancellation_status {
    ($(#[$meta:meta])* $name:ident $ts:literal { $($fields:tt)* }) => {
        wire! {
            $(#[$meta])*
            #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
            pub struct $name {
                /// The cancellation's status: the tag of [`PaymentCancellation`].
                #[tsify(type = $ts)]
                status: String,
                /// Cancellation id.
                id: String,
                /// The PG's cancellation id.
                pg_cancellation_id as "pgCancellationId": Option<String>,
                /// Amount cancelled.
                total_amount as "totalAmount": i64,
                /// Its tax-free part.
                tax_free_amount as "taxFreeAmount": i64,
                /// Its VAT.
                vat_amount as "vatAmount": i64,
                /// Refunded accumulating points.
                easy_pay_discount_amount as "easyPayDiscountAmount": Option<i64>,
                /// Why.
                reason: String,
                /// When it was cancelled (RFC 3339).
                cancelled_at as "cancelledAt": Option<String>,
                /// When it was requested (RFC 3339).
                requested_at as "requestedAt": String,
                $($fields)*
                /// Where the request came from.
                trigger: Option<Trigger>,
            }
        }
    };
}

cancellation_status! {
    /// A cancellation that failed (`FAILED`).
    FailedPaymentCancellation "\"FAILED\"" {}
}

cancellation_status! {
    /// A cancellation requested and not done yet (`REQUESTED`).
    RequestedPaymentCancellation "\"REQUESTED\"" {}
}

cancellation_status! {
    /// A cancellation that succeeded (`SUCCEEDED`).
    SucceededPaymentCancellation "\"SUCCEEDED\"" {
        /// Cancellation slip URL.
        receipt_url as "receiptUrl": Option<String>,
    }
}

wire_union! {
    /// One cancellation of a payment, by `status`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum PaymentCancellation on "status" {
        /// `FAILED`.
        "FAILED" => Failed(FailedPaymentCancellation),
        /// `REQUESTED`.
        "REQUESTED" => Requested(RequestedPaymentCancellation),
        /// `SUCCEEDED`.
        "SUCCEEDED" => Succeeded(SucceededPaymentCancellation),
        _ => Unrecognized(UnrecognizedStatus),
    }
}
