//! What callers pass to each endpoint (JavaScript option objects, in camelCase).
//!
//! Unknown keys are rejected: a misspelt `amount` in a cancellation would otherwise cancel
//! the whole payment.

use serde::Deserialize;
use tsify::Tsify;

use super::arguments::{read_arguments, Argument, FromArguments};
use super::error::ClientError;
use super::json_object::JsonObject;
use crate::amount::Amount;

/// Options of `getPayment`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetPaymentOptions {
    /// Also find test-channel (sandbox) payments (`include_sandbox=true`); PortOne hides
    /// them by default.
    #[serde(default)]
    #[tsify(optional)]
    pub include_sandbox: Option<bool>,
}

/// Which payments `getPayments` looks up: up to 100 ids in total.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetPaymentsQuery {
    /// PortOne payment ids (`imp_uid[]`).
    #[serde(default)]
    #[tsify(optional)]
    pub imp_uids: Vec<String>,
    /// Merchant order ids (`merchant_uid[]`).
    #[serde(default)]
    #[tsify(optional)]
    pub merchant_uids: Vec<String>,
}

/// Options of `findPayment`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindPaymentOptions {
    /// Only a payment in this status (`ready`, `paid`, `failed`, `cancelled`).
    #[serde(default)]
    #[tsify(optional, type = "PaymentStatus")]
    pub status: Option<String>,
    /// Which payment comes first when the order has several (default `-started`).
    #[serde(default)]
    #[tsify(optional, type = "PaymentSorting")]
    pub sorting: Option<String>,
}

/// Options of `findAllPayments`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindAllPaymentsOptions {
    /// Only payments in this status (`ready`, `paid`, `failed`, `cancelled`).
    #[serde(default)]
    #[tsify(optional, type = "PaymentStatus")]
    pub status: Option<String>,
    /// Page number, from 1 (default 1).
    #[serde(default)]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Payments per page, 1 to 1000 (default 20).
    #[serde(default)]
    #[tsify(optional)]
    pub limit: Option<u32>,
    /// Order of the list (default `-started`).
    #[serde(default)]
    #[tsify(optional, type = "PaymentSorting")]
    pub sorting: Option<String>,
}

/// Options of `getPaymentsByStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentsByStatusOptions {
    /// Page number, from 1 (default 1).
    #[serde(default)]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Payments per page, 1 to 1000 (default 20).
    #[serde(default)]
    #[tsify(optional)]
    pub limit: Option<u32>,
    /// Start of the window, UNIX seconds, inclusive (default: 90 days before `to`).
    #[serde(default)]
    #[tsify(optional)]
    pub from: Option<i64>,
    /// End of the window, UNIX seconds, inclusive (default: now). At most 90 days after `from`.
    #[serde(default)]
    #[tsify(optional)]
    pub to: Option<i64>,
    /// Order of the list (default `-started`).
    #[serde(default)]
    #[tsify(optional, type = "PaymentSorting")]
    pub sorting: Option<String>,
}

/// Options of `getBillingKeyPayments`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillingKeyPaymentsOptions {
    /// Page number, from 1 (default 1).
    #[serde(default)]
    #[tsify(optional)]
    pub page: Option<u32>,
}

/// Options of `preparePayment`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreparePaymentOptions {
    /// Currency to check too (`KRW`, `USD`, …); PortOne skips the currency check without it.
    #[serde(default)]
    #[tsify(optional)]
    pub currency: Option<String>,
}

/// A cancellation (`POST /payments/cancel`). Give `impUid` or `merchantUid` (PortOne uses
/// `impUid` when both are given). Without `amount` (or with `0`) the whole remaining
/// balance is cancelled.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelPaymentRequest {
    /// PortOne payment id to cancel.
    #[serde(default)]
    #[tsify(optional)]
    pub imp_uid: Option<String>,
    /// Merchant order id to cancel (when `impUid` is not given).
    #[serde(default)]
    #[tsify(optional)]
    pub merchant_uid: Option<String>,
    /// Amount to cancel; absent or `0` cancels everything that is left.
    #[serde(default)]
    #[tsify(optional, type = "number | string")]
    pub amount: Option<Amount>,
    /// Tax-free part of `amount`.
    #[serde(default)]
    #[tsify(optional, type = "number | string")]
    pub tax_free: Option<Amount>,
    /// VAT part of `amount` (required by some PGs when VAT was given at payment).
    #[serde(default)]
    #[tsify(optional, type = "number | string")]
    pub vat_amount: Option<Amount>,
    /// The cancellable balance the merchant believes is left; PortOne refuses the
    /// cancellation when its own balance differs (guards against double refunds).
    #[serde(default)]
    #[tsify(optional, type = "number | string")]
    pub checksum: Option<Amount>,
    /// Why (required by some PGs, e.g. Naver Pay).
    #[serde(default)]
    #[tsify(optional)]
    pub reason: Option<String>,
    /// Refund account holder (virtual-account refunds).
    #[serde(default)]
    #[tsify(optional)]
    pub refund_holder: Option<String>,
    /// Refund bank code (virtual-account refunds).
    #[serde(default)]
    #[tsify(optional)]
    pub refund_bank: Option<String>,
    /// Refund account number (virtual-account refunds).
    #[serde(default)]
    #[tsify(optional)]
    pub refund_account: Option<String>,
    /// Refund account holder's phone (virtual-account refunds).
    #[serde(default)]
    #[tsify(optional)]
    pub refund_tel: Option<String>,
    /// Keep an applied promotion even if the remaining amount breaks its policy.
    #[serde(default)]
    #[tsify(optional)]
    pub retain_promotion: Option<bool>,
    /// Send the cancellation webhook to the merchant (PortOne default: no).
    #[serde(default)]
    #[tsify(optional)]
    pub enable_webhook: Option<bool>,
    /// PG-specific extras, e.g. `{ requester: "customer" }` for Naver Pay.
    #[serde(default)]
    #[tsify(
        optional,
        type = "{ requester?: \"customer\" | \"admin\" } & Record<string, unknown>"
    )]
    pub extra: Option<JsonObject>,
}

/// Decodes a caller's option object (JSON) into `T`; failures are `INVALID_ARGUMENT` with
/// the field path under `prefix` (e.g. `options.page`).
///
/// # Errors
/// `INVALID_ARGUMENT` for malformed JSON, a wrong type, an unknown key or a missing field.
pub fn decode_argument<T: FromArguments>(input: &[u8], prefix: &str) -> Result<T, ClientError> {
    read_arguments(input, prefix)
}

/// Implements [`FromArguments`] for an option type: each camelCase key, the field it fills
/// and the [`Argument`] reader of its type.
macro_rules! from_arguments {
    ($type:ty { $($key:literal => $field:ident: $read:ident),* $(,)? }) => {
        impl FromArguments for $type {
            fn take(&mut self, key: &str, value: Argument<'_>) -> Result<bool, ClientError> {
                match key {
                    $($key => self.$field = value.$read()?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
}

from_arguments!(GetPaymentOptions { "includeSandbox" => include_sandbox: flag });
from_arguments!(GetPaymentsQuery {
    "impUids" => imp_uids: texts,
    "merchantUids" => merchant_uids: texts,
});
from_arguments!(FindPaymentOptions { "status" => status: text, "sorting" => sorting: text });
from_arguments!(FindAllPaymentsOptions {
    "status" => status: text,
    "page" => page: count,
    "limit" => limit: count,
    "sorting" => sorting: text,
});
from_arguments!(PaymentsByStatusOptions {
    "page" => page: count,
    "limit" => limit: count,
    "from" => from: int,
    "to" => to: int,
    "sorting" => sorting: text,
});
from_arguments!(BillingKeyPaymentsOptions { "page" => page: count });
from_arguments!(PreparePaymentOptions { "currency" => currency: text });
from_arguments!(CancelPaymentRequest {
    "impUid" => imp_uid: text,
    "merchantUid" => merchant_uid: text,
    "amount" => amount: amount,
    "taxFree" => tax_free: amount,
    "vatAmount" => vat_amount: amount,
    "checksum" => checksum: amount,
    "reason" => reason: text,
    "refundHolder" => refund_holder: text,
    "refundBank" => refund_bank: text,
    "refundAccount" => refund_account: text,
    "refundTel" => refund_tel: text,
    "retainPromotion" => retain_promotion: flag,
    "enableWebhook" => enable_webhook: flag,
    "extra" => extra: object,
});

// The sorting keys the list endpoints document.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const SORTING_TS: &'static str = r#"
/** List order: `-` in front means descending. PortOne's default is `-started`. */
export type PaymentSorting = "-started" | "started" | "-paid" | "paid" | "-updated" | "updated" | (string & {});
"#;
