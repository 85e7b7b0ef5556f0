//! `PaymentBalance`: the amount breakdown from `GET /payments/{imp_uid}/balance`.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::amount::Amount;
use crate::lenient;

/// A payment's amount breakdown (Swagger `PaymentBalanceResponseAnnotation`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentBalance {
    /// The first total amount.
    #[tsify(type = "number")]
    pub amount: Amount,
    /// Part covered by cash receipts.
    pub cash_receipt: PaymentBalanceAnnotation,
    /// Primary means (card, transfer, virtual account, phone).
    pub primary: PaymentBalanceAnnotation,
    /// Secondary means (PG or card points).
    pub secondary: PaymentBalanceAnnotation,
    /// PG/card company discounts.
    pub discount: PaymentBalanceAnnotation,
    /// How the balance changed over time.
    #[serde(default)]
    pub histories: Vec<PaymentBalanceHistoriesAnnotation>,
}

/// Tax breakdown of one part of the balance (negative after refunds).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentBalanceAnnotation {
    /// Tax-free supply amount.
    #[tsify(type = "number")]
    pub tax_free: Amount,
    /// Taxable supply amount.
    #[tsify(type = "number")]
    pub supply: Amount,
    /// VAT.
    #[tsify(type = "number")]
    pub vat: Amount,
    /// Service charge.
    #[tsify(type = "number")]
    pub service: Amount,
}

/// One entry of `histories`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentBalanceHistoriesAnnotation {
    /// Cash-receipt part.
    pub cash_receipt: PaymentBalanceAnnotation,
    /// Primary part.
    pub primary: PaymentBalanceAnnotation,
    /// Secondary part.
    pub secondary: PaymentBalanceAnnotation,
    /// Discount part.
    pub discount: PaymentBalanceAnnotation,
    /// When this entry was recorded (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub created: Option<i64>,
}
