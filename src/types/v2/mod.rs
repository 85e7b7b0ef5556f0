//! PortOne V2 wire types (`https://api.portone.io`), each declared once with `wire!`,
//! `wire_union!` and `open_enum!`.
//!
//! Names, JSON names (camelCase) and types follow PortOne's V2 OpenAPI (vendored at
//! `tests/reference/portone-v2-payments.openapi.json`; `tests/openapi_conformance_v2.rs` checks
//! every property of every schema). Where a TypeScript name would clash with a V1 type the
//! V2 type carries a `V2` suffix ([`PaymentStatusV2`], [`CardTypeV2`], [`PgProviderV2`],
//! [`ErrorBodyV2`], [`ErrorTypeV2`]).
//!
//! - Unions are told apart by one field ([`Payment`] on `status`, [`PaymentMethod`] on
//!   `type`, …). An object whose tag this version does not know is kept as the union's
//!   `Unrecognized` variant, never refused. TypeScript narrows on the tag: each variant's
//!   tag is typed as its literal, the fallback's as the `unique symbol` type `Unrecognized`
//!   (as in PortOne's official SDK).
//! - int64 amounts are `i64`, read exactly (an integer, or a string holding one; never
//!   through a float). JavaScript numbers hold them exactly up to 2^53.
//! - Enums are open: unknown values are kept as text.
//! - Two fields the OpenAPI requires are optional here, and verification fails closed on
//!   them: a payment's `channel` (absent on some `READY`/`FAILED` payments, so it is one
//!   field common to every status) and a sent webhook's `url` (absent on V1 payments, as the
//!   OpenAPI's own description says).
//!
//! ```
//! use portone_verify::types::v2::Payment;
//! use portone_verify::types::Wire;
//! let body = br#"{"status":"PAID","id":"order-1","transactionId":"tx-1","merchantId":"m",
//!   "storeId":"store-1","channel":{"type":"LIVE","pgProvider":"TOSSPAYMENTS","pgMerchantId":"t"},
//!   "version":"V2","requestedAt":"2024-05-01T00:00:00Z","updatedAt":"2024-05-01T00:00:05Z",
//!   "statusChangedAt":"2024-05-01T00:00:05Z","orderName":"Book","amount":{"total":9007199254740993,
//!   "taxFree":0,"discount":0,"paid":9007199254740993,"cancelled":0,"cancelledTaxFree":0},
//!   "currency":"KRW","customer":{},"origin":{"platformType":"PC","ipAddress":"127.0.0.1"},
//!   "paidAt":"2024-05-01T00:00:05Z","disputes":[]}"#;
//! let payment = Payment::parse_json(body)?;
//! assert!(matches!(payment, Payment::Paid(_)));
//! assert_eq!(payment.amount().total, 9_007_199_254_740_993); // exact past 2^53
//! # Ok::<(), portone_verify::ParseError>(())
//! ```

mod bank;
mod browser;
mod cancellation;
mod cash_receipt;
mod country;
mod currency;
mod customer;
mod enums;
mod escrow;
mod method;
mod parts;
mod payment;
mod provider;
mod request_enums;
mod requests;
mod responses;
mod webhook_log;

pub use bank::Bank;
pub use browser::PaymentResponse;
pub use cancellation::{
    FailedPaymentCancellation, PaymentCancellation, RequestedPaymentCancellation,
    SucceededPaymentCancellation,
};
pub use cash_receipt::{CancelledPaymentCashReceipt, IssuedPaymentCashReceipt, PaymentCashReceipt};
pub use country::Country;
pub use currency::Currency;
pub use customer::{Address, Customer, OneLineAddress, SeparatedAddress};
pub use enums::{
    CardBrand, CardOwnerType, CardTypeV2, CashReceiptIssuanceStatus, CashReceiptType,
    ConvenienceStoreBrand, DisputeStatus, Gender, PaymentMethodGiftCertificateType,
    PaymentMethodVirtualAccountRefundStatus, PaymentMethodVirtualAccountType,
    PaymentOriginPlatformType, PaymentWebhookPaymentStatus, PaymentWebhookStatus,
    PaymentWebhookTrigger, PortOneVersion, SelectedChannelType, Trigger,
};
pub use escrow::{
    BeforeRegisteredPaymentEscrow, CancelledPaymentEscrow, ConfirmedPaymentEscrow,
    DeliveredPaymentEscrow, PaymentEscrow, RegisteredPaymentEscrow, RejectConfirmedPaymentEscrow,
    RejectedPaymentEscrow,
};
pub use method::{
    Card, PaymentInstallment, PaymentMethod, PaymentMethodCard, PaymentMethodConvenienceStore,
    PaymentMethodCrypto, PaymentMethodEasyPay, PaymentMethodEasyPayMethod,
    PaymentMethodEasyPayMethodCharge, PaymentMethodGiftCertificate, PaymentMethodMobile,
    PaymentMethodTransfer, PaymentMethodVirtualAccount,
};
pub use parts::{
    ChannelGroupSummary, Dispute, PaymentAmount, PaymentFailure, PaymentOrigin, PaymentProduct,
    SelectedChannel,
};
pub use payment::{
    CancelledPayment, FailedPayment, PaidPayment, PartialCancelledPayment, PayPendingPayment,
    Payment, ReadyPayment, UnrecognizedPayment, VirtualAccountIssuedPayment,
};
pub use provider::{EasyPayProvider, PgProviderV2};
pub use request_enums::{
    CancelRequester, CashReceiptInputType, PaymentCashReceiptStatus, PaymentClientType,
    PaymentFilterInputEscrowStatus, PaymentMethodType, PaymentSortBy, PaymentStatusV2,
    PaymentTextSearchField, PaymentTimestampType, PromotionDiscountRetainOption, SortOrder,
};
pub use requests::{
    CancelPaymentBody, CancelPaymentBodyRefundAccount, DateTimeRange, GetPaymentsBody, PageInput,
    PaymentFilterInput, PaymentTextSearch, PreRegisterPaymentBody,
};
pub use responses::{
    CancelPaymentResponse, ErrorBodyV2, ErrorTypeV2, GetPaymentsResponse, PageInfo,
    PreRegisterPaymentResponse,
};
pub use webhook_log::{PaymentWebhook, PaymentWebhookRequest, PaymentWebhookResponse};

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;

wire! {
    /// A member of a union told apart by `status` ([`PaymentCancellation`],
    /// [`PaymentCashReceipt`], [`PaymentEscrow`]) whose status this version does not know:
    /// only the status is kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct UnrecognizedStatus {
        /// The status as PortOne sent it.
        #[tsify(type = "Unrecognized")]
        status: String,
    }
}

wire! {
    /// A member of a union told apart by `type` ([`PaymentMethod`],
    /// [`PaymentMethodEasyPayMethod`], [`Address`]) whose type this version does not know:
    /// only the type is kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct UnrecognizedType {
        /// The type as PortOne sent it.
        #[tsify(type = "Unrecognized")]
        kind as "type": String,
    }
}

// The tag type of every union's fallback variant, declared once (as the official SDK does):
// a `unique symbol` no string literal equals, so comparing the tag with a known literal
// narrows the union to that variant.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const UNRECOGNIZED_TS: &'static str = r#"
declare const Unrecognized: unique symbol;
/** A V2 union member this version of portone-verify does not know (an unknown `status` or `type`); at run time the tag is the string PortOne sent. */
export type Unrecognized = typeof Unrecognized;
"#;
