//! `PaymentPrepareAnnotation`: a pre-registered amount (`/payments/prepare`).

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;
use crate::amount::Amount;

wire! {
    /// The prepared (pre-registered) amount of an order (Swagger `PaymentPrepareAnnotation`).
    /// PortOne stops an `IMP.request_pay` for this order whose amount differs.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentPrepareAnnotation {
        /// The merchant order id.
        merchant_uid: String,
        /// The registered amount.
        #[tsify(type = "number")]
        amount: Amount,
        /// The registered currency (`null`: currency not checked).
        currency: Option<String>,
    }
}
