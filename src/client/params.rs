//! What callers pass to each endpoint (JavaScript option objects, in camelCase).
//!
//! Unknown keys are rejected: a misspelt `amount` in a cancellation would otherwise cancel
//! the whole payment.

use tsify::Tsify;

use super::arguments::{options, read_arguments, FromArguments};
use super::error::ClientError;
use super::json_object::JsonObject;
use crate::amount::Amount;

options! {
    /// Options of `getPayment`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct GetPaymentOptions {
        /// Also find test-channel (sandbox) payments (`include_sandbox=true`); PortOne hides
        /// them by default.
        #[tsify(optional)]
        include_sandbox as "includeSandbox": Option<bool>,
    }
}

options! {
    /// Which payments `getPayments` looks up: up to 100 ids in total.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct GetPaymentsQuery {
        /// PortOne payment ids (`imp_uid[]`).
        #[tsify(optional)]
        imp_uids as "impUids": Vec<String>,
        /// Merchant order ids (`merchant_uid[]`).
        #[tsify(optional)]
        merchant_uids as "merchantUids": Vec<String>,
    }
}

options! {
    /// Options of `findPayment`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct FindPaymentOptions {
        /// Only a payment in this status (`ready`, `paid`, `failed`, `cancelled`).
        #[tsify(optional, type = "PaymentStatus")]
        status as "status": Option<String>,
        /// Which payment comes first when the order has several (default `-started`).
        #[tsify(optional, type = "PaymentSorting")]
        sorting as "sorting": Option<String>,
    }
}

options! {
    /// Options of `findAllPayments`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct FindAllPaymentsOptions {
        /// Only payments in this status (`ready`, `paid`, `failed`, `cancelled`).
        #[tsify(optional, type = "PaymentStatus")]
        status as "status": Option<String>,
        /// Page number, from 1 (default 1).
        #[tsify(optional)]
        page as "page": Option<u32>,
        /// Payments per page, 1 to 1000 (default 20).
        #[tsify(optional)]
        limit as "limit": Option<u32>,
        /// Order of the list (default `-started`).
        #[tsify(optional, type = "PaymentSorting")]
        sorting as "sorting": Option<String>,
    }
}

options! {
    /// Options of `getPaymentsByStatus`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct PaymentsByStatusOptions {
        /// Page number, from 1 (default 1).
        #[tsify(optional)]
        page as "page": Option<u32>,
        /// Payments per page, 1 to 1000 (default 20).
        #[tsify(optional)]
        limit as "limit": Option<u32>,
        /// Start of the window, UNIX seconds, inclusive (default: 90 days before `to`).
        #[tsify(optional)]
        from as "from": Option<i64>,
        /// End of the window, UNIX seconds, inclusive (default: now). At most 90 days after `from`.
        #[tsify(optional)]
        to as "to": Option<i64>,
        /// Order of the list (default `-started`).
        #[tsify(optional, type = "PaymentSorting")]
        sorting as "sorting": Option<String>,
    }
}

options! {
    /// Options of `getBillingKeyPayments`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct BillingKeyPaymentsOptions {
        /// Page number, from 1 (default 1).
        #[tsify(optional)]
        page as "page": Option<u32>,
    }
}

options! {
    /// Options of `preparePayment`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct PreparePaymentOptions {
        /// Currency to check too (`KRW`, `USD`, …); PortOne skips the currency check without it.
        #[tsify(optional)]
        currency as "currency": Option<String>,
    }
}

options! {
    /// A cancellation (`POST /payments/cancel`). Give `impUid` or `merchantUid` (PortOne uses
    /// `impUid` when both are given). Without `amount` (or with `0`) the whole remaining
    /// balance is cancelled.
    #[derive(Clone, Debug, Default, PartialEq, Tsify)]
    pub struct CancelPaymentRequest {
        /// PortOne payment id to cancel.
        #[tsify(optional)]
        imp_uid as "impUid": Option<String>,
        /// Merchant order id to cancel (when `impUid` is not given).
        #[tsify(optional)]
        merchant_uid as "merchantUid": Option<String>,
        /// Amount to cancel; absent or `0` cancels everything that is left.
        #[tsify(optional, type = "number | string")]
        amount as "amount": Option<Amount>,
        /// Tax-free part of `amount`.
        #[tsify(optional, type = "number | string")]
        tax_free as "taxFree": Option<Amount>,
        /// VAT part of `amount` (required by some PGs when VAT was given at payment).
        #[tsify(optional, type = "number | string")]
        vat_amount as "vatAmount": Option<Amount>,
        /// The cancellable balance the merchant believes is left; PortOne refuses the
        /// cancellation when its own balance differs (guards against double refunds).
        #[tsify(optional, type = "number | string")]
        checksum as "checksum": Option<Amount>,
        /// Why (required by some PGs, e.g. Naver Pay).
        #[tsify(optional)]
        reason as "reason": Option<String>,
        /// Refund account holder (virtual-account refunds).
        #[tsify(optional)]
        refund_holder as "refundHolder": Option<String>,
        /// Refund bank code (virtual-account refunds).
        #[tsify(optional)]
        refund_bank as "refundBank": Option<String>,
        /// Refund account number (virtual-account refunds).
        #[tsify(optional)]
        refund_account as "refundAccount": Option<String>,
        /// Refund account holder's phone (virtual-account refunds).
        #[tsify(optional)]
        refund_tel as "refundTel": Option<String>,
        /// Keep an applied promotion even if the remaining amount breaks its policy.
        #[tsify(optional)]
        retain_promotion as "retainPromotion": Option<bool>,
        /// Send the cancellation webhook to the merchant (PortOne default: no).
        #[tsify(optional)]
        enable_webhook as "enableWebhook": Option<bool>,
        /// PG-specific extras, e.g. `{ requester: "customer" }` for Naver Pay.
        #[tsify(
            optional,
            type = "{ requester?: \"customer\" | \"admin\" } & Record<string, unknown>"
        )]
        extra as "extra": Option<JsonObject>,
    }
}

/// Decodes a caller's option object (JSON) into `T`; failures are `INVALID_ARGUMENT` with
/// the field path under `prefix` (e.g. `options.page`).
///
/// # Errors
/// `INVALID_ARGUMENT` for malformed JSON, a wrong type, an unknown key or a missing field.
pub fn decode_argument<T: FromArguments>(input: &[u8], prefix: &str) -> Result<T, ClientError> {
    read_arguments(input, prefix)
}

// The sorting keys the list endpoints document.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const SORTING_TS: &'static str = r#"
/** List order: `-` in front means descending. PortOne's default is `-started`. */
export type PaymentSorting = "-started" | "started" | "-paid" | "paid" | "-updated" | "updated" | (string & {});
"#;
