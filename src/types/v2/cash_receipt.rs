//! A V2 payment's cash receipt (`cashReceipt`): a union on `status`.

use serde::Serialize;
use tsify::Tsify;

use super::currency::Currency;
use super::enums::CashReceiptType;
use super::UnrecognizedStatus;
use crate::types::declare::{wire, wire_union};

/// Declares one cash-receipt status: the fields both statuses have (written once, here),
/// then the status's own.
macro_rules! cash_receipt_status {
    ($(#[$meta:meta])* $name:ident $ts:literal { $($fields:tt)* }) => {
        wire! {
            $(#[$meta])*
            #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
            pub struct $name {
                /// The receipt's status: the tag of [`PaymentCashReceipt`].
                #[tsify(type = $ts)]
                status: String,
                /// Income deduction (personal) or expense proof (corporate).
                receipt_type as "type": Option<CashReceiptType>,
                /// The PG's receipt id.
                pg_receipt_id as "pgReceiptId": Option<String>,
                /// Approval number.
                issue_number as "issueNumber": String,
                /// Total amount.
                total_amount as "totalAmount": i64,
                /// Tax-free amount.
                tax_free_amount as "taxFreeAmount": Option<i64>,
                /// Currency.
                currency: Currency,
                /// Receipt URL.
                url: Option<String>,
                /// When it was issued (RFC 3339).
                issued_at as "issuedAt": String,
                $($fields)*
            }
        }
    };
}

cash_receipt_status! {
    /// An issued cash receipt (`ISSUED`).
    IssuedPaymentCashReceipt "\"ISSUED\"" {}
}

cash_receipt_status! {
    /// A cancelled cash receipt (`CANCELLED`).
    CancelledPaymentCashReceipt "\"CANCELLED\"" {
        /// When it was cancelled (RFC 3339).
        cancelled_at as "cancelledAt": String,
    }
}

wire_union! {
    /// A payment's cash receipt, by `status`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum PaymentCashReceipt on "status" {
        /// `ISSUED`.
        "ISSUED" => Issued(IssuedPaymentCashReceipt),
        /// `CANCELLED`.
        "CANCELLED" => Cancelled(CancelledPaymentCashReceipt),
        _ => Unrecognized(UnrecognizedStatus),
    }
}
