//! `PaymentBalance`: the amount breakdown from `GET /payments/{imp_uid}/balance`.

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;
use crate::amount::Amount;

wire! {
    /// A payment's amount breakdown (Swagger `PaymentBalanceResponseAnnotation`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentBalance {
        /// The first total amount.
        #[tsify(type = "number")]
        amount: Amount,
        /// Part covered by cash receipts.
        cash_receipt: PaymentBalanceAnnotation,
        /// Primary means (card, transfer, virtual account, phone).
        primary: PaymentBalanceAnnotation,
        /// Secondary means (PG or card points).
        secondary: PaymentBalanceAnnotation,
        /// PG/card company discounts.
        discount: PaymentBalanceAnnotation,
        /// How the balance changed over time.
        histories: Vec<PaymentBalanceHistoriesAnnotation>,
    }
}

wire! {
    /// Tax breakdown of one part of the balance (negative after refunds).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentBalanceAnnotation {
        /// Tax-free supply amount.
        #[tsify(type = "number")]
        tax_free: Amount,
        /// Taxable supply amount.
        #[tsify(type = "number")]
        supply: Amount,
        /// VAT.
        #[tsify(type = "number")]
        vat: Amount,
        /// Service charge.
        #[tsify(type = "number")]
        service: Amount,
    }
}

wire! {
    /// One entry of `histories`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentBalanceHistoriesAnnotation {
        /// Cash-receipt part.
        cash_receipt: PaymentBalanceAnnotation,
        /// Primary part.
        primary: PaymentBalanceAnnotation,
        /// Secondary part.
        secondary: PaymentBalanceAnnotation,
        /// Discount part.
        discount: PaymentBalanceAnnotation,
        /// When this entry was recorded (UNIX seconds).
        created: Option<i64>,
    }
}
