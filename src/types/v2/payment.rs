//! `Payment`: a V2 payment, a union on `status` (`GET /payments/{paymentId}`).
//!
//! The fields every status has are written once, in [`payment_status!`], which expands them
//! into each status's declaration; the per-status fields follow them, as in the OpenAPI.

use serde::Serialize;
use tsify::Tsify;

use super::cancellation::PaymentCancellation;
use super::cash_receipt::PaymentCashReceipt;
use super::country::Country;
use super::currency::Currency;
use super::customer::Customer;
use super::enums::{CashReceiptIssuanceStatus, PortOneVersion};
use super::escrow::PaymentEscrow;
use super::method::PaymentMethod;
use super::parts::{
    ChannelGroupSummary, Dispute, PaymentAmount, PaymentFailure, PaymentOrigin, PaymentProduct,
    SelectedChannel,
};
use super::webhook_log::PaymentWebhook;
use crate::types::declare::{wire, wire_union};

/// Declares the struct of one payment status: `Name "ts literal" { per-status fields }`, or
/// `@pending` / `@cancelled` for the field sets two statuses share. The common fields come
/// first, each written once here.
macro_rules! payment_status {
    (@pending $(#[$meta:meta])* $name:ident $ts:literal) => {
        payment_status! { $(#[$meta])* $name $ts {
            /// PG transaction id.
            pg_tx_id as "pgTxId": Option<String>,
        } }
    };
    (@cancelled $(#[$meta:meta])* $name:ident $ts:literal) => {
        payment_status! { $(#[$meta])* $name $ts {
            /// When it was paid (RFC 3339).
            paid_at as "paidAt": Option<String>,
            /// PG transaction id.
            pg_tx_id as "pgTxId": Option<String>,
            /// The cash receipt.
            cash_receipt as "cashReceipt": Option<PaymentCashReceipt>,
            /// Whether a cash receipt was issued, as known at approval.
            cash_receipt_issuance_status as "cashReceiptIssuanceStatus":
                Option<CashReceiptIssuanceStatus>,
            /// Sales slip URL.
            receipt_url as "receiptUrl": Option<String>,
            /// Every cancellation.
            cancellations: Vec<PaymentCancellation>,
            /// When it was cancelled (RFC 3339).
            cancelled_at as "cancelledAt": String,
        } }
    };
    ($(#[$meta:meta])* $name:ident $ts:literal { $($fields:tt)* }) => {
        wire! {
            $(#[$meta])*
            #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
            pub struct $name {
                /// Payment status: the tag of [`Payment`].
                #[tsify(type = $ts)]
                status: String => Status,
                /// The payment id: the merchant's own id for the payment (it plays V1's
                /// `merchant_uid` role).
                id: String = Id => PaymentId,
                /// PortOne's id of the payment (for payments made through V1, the `imp_uid`).
                transaction_id as "transactionId": String,
                /// The merchant (customer company) id.
                merchant_id as "merchantId": String,
                /// The store id.
                store_id as "storeId": String = Id => StoreId,
                /// How it was paid.
                method: Option<PaymentMethod>,
                /// The channel (PG) used; `type` says whether it is a test channel. Required by
                /// the OpenAPI except for `READY` and `FAILED`; optional here for every status,
                /// and verification fails closed when it is missing.
                channel: Option<SelectedChannel>,
                /// The channel group.
                channel_group as "channelGroup": Option<ChannelGroupSummary>,
                /// Which PortOne version the payment was made with.
                version: PortOneVersion,
                /// The payment schedule, for scheduled payments.
                schedule_id as "scheduleId": Option<String>,
                /// The billing key used, for billing-key payments.
                billing_key as "billingKey": Option<String>,
                /// Webhooks sent for the payment.
                webhooks: Vec<PaymentWebhook>,
                /// When the payment was requested (RFC 3339).
                requested_at as "requestedAt": String,
                /// When it was last updated (RFC 3339).
                updated_at as "updatedAt": String,
                /// When its status last changed (RFC 3339).
                status_changed_at as "statusChangedAt": String,
                /// Order name.
                order_name as "orderName": String => OrderName,
                /// The amounts (total, paid, cancelled, …), exact integers.
                amount: PaymentAmount,
                /// Currency.
                currency: Currency => Currency,
                /// The buyer.
                customer: Customer,
                /// Where the payment was requested from.
                origin: PaymentOrigin,
                /// The promotion applied.
                promotion_id as "promotionId": Option<String>,
                /// Whether it is a cultural expense (문화비).
                is_cultural_expense as "isCulturalExpense": Option<bool>,
                /// Escrow details, for escrow payments.
                escrow: Option<PaymentEscrow>,
                /// The products ordered.
                products: Vec<PaymentProduct>,
                /// How many products.
                product_count as "productCount": Option<i64>,
                /// Merchant data passed with the request: a string (an object passed by the
                /// browser comes back as its JSON text).
                custom_data as "customData": Option<String>,
                /// Country code.
                country: Option<Country>,
                $($fields)*
            }
        }
    };
}

payment_status! {
    /// A payment window was opened and nothing more happened yet (`READY`). Not paid.
    ReadyPayment "\"READY\"" {}
}

payment_status! {
    @pending
    /// Waiting for the PG's approval (`PAY_PENDING`). Not paid.
    PayPendingPayment "\"PAY_PENDING\""
}

payment_status! {
    @pending
    /// A virtual account was issued; the buyer has not deposited yet (`VIRTUAL_ACCOUNT_ISSUED`).
    VirtualAccountIssuedPayment "\"VIRTUAL_ACCOUNT_ISSUED\""
}

payment_status! {
    /// Paid (`PAID`).
    PaidPayment "\"PAID\"" {
        /// When it was paid (RFC 3339).
        paid_at as "paidAt": String,
        /// PG transaction id.
        pg_tx_id as "pgTxId": Option<String>,
        /// The PG's raw response body.
        pg_response as "pgResponse": Option<String>,
        /// The cash receipt.
        cash_receipt as "cashReceipt": Option<PaymentCashReceipt>,
        /// Whether a cash receipt was issued, as known at approval.
        cash_receipt_issuance_status as "cashReceiptIssuanceStatus":
            Option<CashReceiptIssuanceStatus>,
        /// Sales slip URL.
        receipt_url as "receiptUrl": Option<String>,
        /// Disputes (chargebacks).
        disputes: Vec<Dispute>,
        /// Cancellations requested (e.g. pending or failed ones).
        cancellations: Vec<PaymentCancellation>,
    }
}

payment_status! {
    /// The payment failed (`FAILED`).
    FailedPayment "\"FAILED\"" {
        /// When it failed (RFC 3339).
        failed_at as "failedAt": String,
        /// Why it failed.
        failure: PaymentFailure,
    }
}

payment_status! {
    @cancelled
    /// Part of the payment was cancelled (`PARTIAL_CANCELLED`).
    PartialCancelledPayment "\"PARTIAL_CANCELLED\""
}

payment_status! {
    @cancelled
    /// The payment was cancelled in full (`CANCELLED`).
    CancelledPayment "\"CANCELLED\""
}

payment_status! {
    /// A payment whose `status` this version does not know: the fields every status has are
    /// kept. Never treated as paid.
    UnrecognizedPayment "Unrecognized" {}
}

wire_union! {
    /// A V2 payment as PortOne's REST API reports it, by `status`: the only proof that a
    /// payment happened (fetch it with your API secret). An unknown status is kept as
    /// [`Payment::Unrecognized`].
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum Payment on "status" {
        /// `READY`.
        "READY" => Ready(ReadyPayment),
        /// `PAY_PENDING`.
        "PAY_PENDING" => PayPending(PayPendingPayment),
        /// `VIRTUAL_ACCOUNT_ISSUED`.
        "VIRTUAL_ACCOUNT_ISSUED" => VirtualAccountIssued(VirtualAccountIssuedPayment),
        /// `PAID`.
        "PAID" => Paid(PaidPayment),
        /// `FAILED`.
        "FAILED" => Failed(FailedPayment),
        /// `PARTIAL_CANCELLED`.
        "PARTIAL_CANCELLED" => PartialCancelled(PartialCancelledPayment),
        /// `CANCELLED`.
        "CANCELLED" => Cancelled(CancelledPayment),
        _ => Unrecognized(UnrecognizedPayment),
    }
}

/// `$body` with `$p` bound to the status struct, whatever the status.
macro_rules! each_status {
    ($payment:expr, $p:ident => $body:expr) => {
        match $payment {
            Payment::Ready($p) => $body,
            Payment::PayPending($p) => $body,
            Payment::VirtualAccountIssued($p) => $body,
            Payment::Paid($p) => $body,
            Payment::Failed($p) => $body,
            Payment::PartialCancelled($p) => $body,
            Payment::Cancelled($p) => $body,
            Payment::Unrecognized($p) => $body,
        }
    };
}

impl Payment {
    /// The status as PortOne sent it (`PAID`, …, or an unknown one).
    pub fn status(&self) -> &str {
        each_status!(self, p => &p.status)
    }

    /// The payment id (the merchant's own id for the payment).
    pub fn id(&self) -> &str {
        each_status!(self, p => &p.id)
    }

    /// PortOne's id of the payment.
    pub fn transaction_id(&self) -> &str {
        each_status!(self, p => &p.transaction_id)
    }

    /// The store id.
    pub fn store_id(&self) -> &str {
        each_status!(self, p => &p.store_id)
    }

    /// The order name.
    pub fn order_name(&self) -> &str {
        each_status!(self, p => &p.order_name)
    }

    /// The amounts.
    pub fn amount(&self) -> &PaymentAmount {
        each_status!(self, p => &p.amount)
    }

    /// The currency.
    pub fn currency(&self) -> &Currency {
        each_status!(self, p => &p.currency)
    }

    /// The channel, when PortOne reported one.
    pub fn channel(&self) -> Option<&SelectedChannel> {
        each_status!(self, p => p.channel.as_ref())
    }

    /// The channel group, when PortOne reported one.
    pub fn channel_group(&self) -> Option<&ChannelGroupSummary> {
        each_status!(self, p => p.channel_group.as_ref())
    }

    /// How it was paid, when PortOne reported it.
    pub fn method(&self) -> Option<&PaymentMethod> {
        each_status!(self, p => p.method.as_ref())
    }

    /// The merchant data passed with the request.
    pub fn custom_data(&self) -> Option<&str> {
        each_status!(self, p => p.custom_data.as_deref())
    }
}
