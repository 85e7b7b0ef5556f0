//! Answers only the client needs: the prepared amount and the multi-payment lookup.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::amount::Amount;
use crate::types::PaymentAnnotation;

/// The prepared (pre-registered) amount of an order (Swagger `PaymentPrepareAnnotation`).
/// PortOne stops an `IMP.request_pay` for this order whose amount differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentPrepareAnnotation {
    /// The merchant order id.
    #[serde(deserialize_with = "crate::lenient::required_text")]
    pub merchant_uid: String,
    /// The registered amount.
    #[tsify(type = "number")]
    pub amount: Amount,
    /// The registered currency (`null`: currency not checked).
    #[serde(default, deserialize_with = "crate::lenient::text")]
    pub currency: Option<String>,
}

/// The answer of `getPayments`. With HTTP 207 PortOne found only some of the requested
/// payments (others do not exist or are not this merchant's): `partial` is then `true` and
/// `payments` holds those it found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentsResult {
    /// The payments found.
    pub payments: Vec<PaymentAnnotation>,
    /// Whether PortOne answered HTTP 207 (some ids were not found or not accessible).
    pub partial: bool,
    /// PortOne's envelope message, if any (it may explain a partial answer).
    pub message: Option<String>,
}
