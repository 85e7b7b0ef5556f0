//! A V2 escrow payment's delivery state (`escrow`): a union on `status`.

use serde::Serialize;
use tsify::Tsify;

use super::UnrecognizedStatus;
use crate::types::declare::{wire, wire_union};

/// Declares one escrow status after delivery details were registered: the fields those
/// statuses share (written once, here), then the status's own.
macro_rules! escrow_status {
    ($(#[$meta:meta])* $name:ident $ts:literal { $($fields:tt)* }) => {
        wire! {
            $(#[$meta])*
            #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
            pub struct $name {
                /// The escrow status: the tag of [`PaymentEscrow`].
                #[tsify(type = $ts)]
                status: String,
                /// Courier.
                company: String,
                /// Invoice (tracking) number.
                invoice_number as "invoiceNumber": String,
                /// When it was sent (RFC 3339).
                sent_at as "sentAt": Option<String>,
                /// When the delivery was registered (RFC 3339).
                applied_at as "appliedAt": Option<String>,
                $($fields)*
            }
        }
    };
}

wire! {
    /// Delivery details not registered yet (`BEFORE_REGISTERED`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct BeforeRegisteredPaymentEscrow {
        /// `BEFORE_REGISTERED`.
        #[tsify(type = "\"BEFORE_REGISTERED\"")]
        status: String,
    }
}

escrow_status! {
    /// Delivery details registered (`REGISTERED`; V1 payments always say this).
    RegisteredPaymentEscrow "\"REGISTERED\"" {}
}

escrow_status! {
    /// Delivered (`DELIVERED`).
    DeliveredPaymentEscrow "\"DELIVERED\"" {}
}

escrow_status! {
    /// The purchase was confirmed (`CONFIRMED`).
    ConfirmedPaymentEscrow "\"CONFIRMED\"" {
        /// Whether it was confirmed automatically.
        is_automatically_confirmed as "isAutomaticallyConfirmed": bool,
    }
}

escrow_status! {
    /// The buyer refused the purchase (`REJECTED`).
    RejectedPaymentEscrow "\"REJECTED\"" {}
}

escrow_status! {
    /// The refusal was confirmed (`REJECT_CONFIRMED`).
    RejectConfirmedPaymentEscrow "\"REJECT_CONFIRMED\"" {}
}

escrow_status! {
    /// The transaction was cancelled (`CANCELLED`).
    CancelledPaymentEscrow "\"CANCELLED\"" {}
}

wire_union! {
    /// An escrow payment's delivery state, by `status`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum PaymentEscrow on "status" {
        /// `BEFORE_REGISTERED`.
        "BEFORE_REGISTERED" => BeforeRegistered(BeforeRegisteredPaymentEscrow),
        /// `REGISTERED`.
        "REGISTERED" => Registered(RegisteredPaymentEscrow),
        /// `DELIVERED`.
        "DELIVERED" => Delivered(DeliveredPaymentEscrow),
        /// `CONFIRMED`.
        "CONFIRMED" => Confirmed(ConfirmedPaymentEscrow),
        /// `REJECTED`.
        "REJECTED" => Rejected(RejectedPaymentEscrow),
        /// `REJECT_CONFIRMED`.
        "REJECT_CONFIRMED" => RejectConfirmed(RejectConfirmedPaymentEscrow),
        /// `CANCELLED`.
        "CANCELLED" => Cancelled(CancelledPaymentEscrow),
        _ => Unrecognized(UnrecognizedStatus),
    }
}
