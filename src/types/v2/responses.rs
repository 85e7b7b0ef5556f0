//! V2 response bodies besides the payment itself: a page of payments, a cancellation, a
//! pre-registration, and the error body every operation answers with.

use serde::Serialize;
use tsify::Tsify;

use super::cancellation::PaymentCancellation;
use super::payment::Payment;
use crate::types::declare::wire;
use crate::types::open_enum::open_enum;

wire! {
    /// The answer to `GET /payments` (`getPayments`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct GetPaymentsResponse {
        /// The payments of the page.
        items: Vec<Payment>,
        /// Which page it is.
        page: PageInfo,
    }
}

wire! {
    /// The page a list answer holds.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PageInfo {
        /// The page number asked for.
        number: i64,
        /// The page size asked for.
        size: i64,
        /// How many items came back.
        total_count as "totalCount": i64,
    }
}

wire! {
    /// The answer to `POST /payments/{paymentId}/cancel` (`cancelPayment`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct CancelPaymentResponse {
        /// The cancellation (it may still be `REQUESTED`).
        cancellation: PaymentCancellation,
    }
}

wire! {
    /// The answer to `POST /payments/{paymentId}/pre-register` (`preRegisterPayment`): an
    /// empty object.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
    pub struct PreRegisterPaymentResponse {}
}

wire! {
    /// The body of every V2 error answer (4xx/5xx): `{type, message?}`, plus the PG's code
    /// and message for `PG_PROVIDER`. Which `type`s an operation answers with is listed on
    /// [`ErrorTypeV2`]'s variants, as the OpenAPI lists them.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct ErrorBodyV2 {
        /// What went wrong.
        error_type as "type": ErrorTypeV2,
        /// PortOne's explanation.
        message: Option<String>,
        /// The PG's error code (`PG_PROVIDER`).
        pg_code as "pgCode": Option<String>,
        /// The PG's error message (`PG_PROVIDER`).
        pg_message as "pgMessage": Option<String>,
    }
}

open_enum! {
    /// The `type` of a V2 error body. The operations that answer with each are in parentheses
    /// (`getPayment`, `getPayments`, `cancelPayment`, `preRegisterPayment`).
    ErrorTypeV2 {
        /** The request is malformed or a value is not allowed (every operation). */
        InvalidRequest = "INVALID_REQUEST",
        /** The API secret is wrong (every operation). */
        Unauthorized = "UNAUTHORIZED",
        /** The request was refused (every operation). */
        Forbidden = "FORBIDDEN",
        /** No such payment (`getPayment`, `cancelPayment`). */
        PaymentNotFound = "PAYMENT_NOT_FOUND",
        /** The payment is already paid (`preRegisterPayment`). */
        AlreadyPaid = "ALREADY_PAID",
        /** The payment is not paid (`cancelPayment`). */
        PaymentNotPaid = "PAYMENT_NOT_PAID",
        /** The payment is already cancelled (`cancelPayment`). */
        PaymentAlreadyCancelled = "PAYMENT_ALREADY_CANCELLED",
        /** `currentCancellableAmount` differs from PortOne's balance (`cancelPayment`). */
        CancellableAmountConsistencyBroken = "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
        /** The amount exceeds what can be cancelled (`cancelPayment`). */
        CancelAmountExceedsCancellableAmount = "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT",
        /** The taxed amount exceeds what can be cancelled (`cancelPayment`). */
        CancelTaxAmountExceedsCancellableTaxAmount =
            "CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT",
        /** The tax-free amount exceeds what can be cancelled (`cancelPayment`). */
        CancelTaxFreeAmountExceedsCancellableTaxFreeAmount =
            "CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT",
        /** The parts (tax-free, VAT) exceed the amount (`cancelPayment`). */
        SumOfPartsExceedsCancelAmount = "SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT",
        /** Too many cancellation attempts (`cancelPayment`). */
        MaxCancelCountReached = "MAX_CANCEL_COUNT_REACHED",
        /** The promotion makes the amount negative (`cancelPayment`). */
        NegativePromotionAdjustedCancelAmount = "NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT",
        /** The promotion option differs from the earlier partial cancellation's (`cancelPayment`). */
        PromotionDiscountRetainOptionShouldNotBeChanged =
            "PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED",
        /** The PG refused (see `pgCode`, `pgMessage`) (`cancelPayment`). */
        PgProvider = "PG_PROVIDER",
    }
}
