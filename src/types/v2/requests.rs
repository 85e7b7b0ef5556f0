//! V2 request bodies: listing payments, cancelling one, pre-registering one.
//!
//! Declared `(request)`: absent optional fields are left out of the JSON a value writes
//! (`serde_json::to_string` and [`Wire::to_canonical_json`](crate::types::Wire) agree), as
//! PortOne's official SDK sends them; TypeScript types these fields as optional (`field?: T`).
//! They can be read too ([`Wire::parse_json`](crate::types::Wire)), though the crate never
//! needs to: the reader's own canonical text of such a body writes absent fields as `null`.

use serde::Serialize;
use tsify::Tsify;

use super::bank::Bank;
use super::currency::Currency;
use super::enums::{CardBrand, CardOwnerType, CardTypeV2, PaymentMethodGiftCertificateType};
use super::enums::{PaymentWebhookStatus, PortOneVersion};
use super::provider::PgProviderV2;
use super::request_enums::{
    CancelRequester, CashReceiptInputType, PaymentCashReceiptStatus, PaymentClientType,
    PaymentFilterInputEscrowStatus, PaymentMethodType, PaymentSortBy, PaymentStatusV2,
    PaymentTextSearchField, PaymentTimestampType, PromotionDiscountRetainOption, SortOrder,
};
use crate::types::declare::wire;

wire! {
    /// The body of `GET /payments` (`getPayments`): which page of which payments.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
    pub struct GetPaymentsBody (request) {
        /// The page (PortOne's default: number 0, size 10; `(number + 1) * size` ≤ 60,000).
        #[serde(skip_serializing_if = "Option::is_none")]
        page: Option<PageInput>,
        /// Which payments (some fields do not filter V1 payments).
        #[serde(skip_serializing_if = "Option::is_none")]
        filter: Option<PaymentFilterInput>,
    }
}

wire! {
    /// A page to fetch.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
    pub struct PageInput (request) {
        /// Page number, from 0.
        #[serde(skip_serializing_if = "Option::is_none")]
        number: Option<i64>,
        /// Items per page.
        #[serde(skip_serializing_if = "Option::is_none")]
        size: Option<i64>,
    }
}

wire! {
    /// Which payments to list; every condition is optional.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
    pub struct PaymentFilterInput (request) {
        /// Merchant id.
        #[serde(skip_serializing_if = "Option::is_none")]
        merchant_id as "merchantId": Option<String>,
        /// Store id (merchant users only; without it, every store's payments).
        #[serde(skip_serializing_if = "Option::is_none")]
        store_id as "storeId": Option<String>,
        /// Which time `from`/`until` apply to.
        #[serde(skip_serializing_if = "Option::is_none")]
        timestamp_type as "timestampType": Option<PaymentTimestampType>,
        /// Start of the range (RFC 3339; default 90 days before `until`).
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        /// End of the range (RFC 3339; default now).
        #[serde(skip_serializing_if = "Option::is_none")]
        until: Option<String>,
        /// Statuses.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[tsify(optional)]
        status: Vec<PaymentStatusV2>,
        /// Payment methods.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[tsify(optional)]
        methods: Vec<PaymentMethodType>,
        /// PG modules.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[tsify(optional)]
        pg_provider as "pgProvider": Vec<PgProviderV2>,
        /// Test payments only (or none).
        #[serde(skip_serializing_if = "Option::is_none")]
        is_test as "isTest": Option<bool>,
        /// Scheduled payments only (or none).
        #[serde(skip_serializing_if = "Option::is_none")]
        is_scheduled as "isScheduled": Option<bool>,
        /// Sort key.
        #[serde(skip_serializing_if = "Option::is_none")]
        sort_by as "sortBy": Option<PaymentSortBy>,
        /// Sort order.
        #[serde(skip_serializing_if = "Option::is_none")]
        sort_order as "sortOrder": Option<SortOrder>,
        /// PortOne version.
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<PortOneVersion>,
        /// The webhook state of the final status.
        #[serde(skip_serializing_if = "Option::is_none")]
        webhook_status as "webhookStatus": Option<PaymentWebhookStatus>,
        /// Client platform.
        #[serde(skip_serializing_if = "Option::is_none")]
        platform_type as "platformType": Option<PaymentClientType>,
        /// Currency.
        #[serde(skip_serializing_if = "Option::is_none")]
        currency: Option<Currency>,
        /// Escrow payments only (or none).
        #[serde(skip_serializing_if = "Option::is_none")]
        is_escrow as "isEscrow": Option<bool>,
        /// Escrow delivery state.
        #[serde(skip_serializing_if = "Option::is_none")]
        escrow_status as "escrowStatus": Option<PaymentFilterInputEscrowStatus>,
        /// Card brand.
        #[serde(skip_serializing_if = "Option::is_none")]
        card_brand as "cardBrand": Option<CardBrand>,
        /// Card kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        card_type as "cardType": Option<CardTypeV2>,
        /// Card owner.
        #[serde(skip_serializing_if = "Option::is_none")]
        card_owner_type as "cardOwnerType": Option<CardOwnerType>,
        /// Gift certificate kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        gift_certificate_type as "giftCertificateType": Option<PaymentMethodGiftCertificateType>,
        /// Cash receipt kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        cash_receipt_type as "cashReceiptType": Option<CashReceiptInputType>,
        /// Cash receipt state.
        #[serde(skip_serializing_if = "Option::is_none")]
        cash_receipt_status as "cashReceiptStatus": Option<PaymentCashReceiptStatus>,
        /// When the cash receipt was issued.
        #[serde(skip_serializing_if = "Option::is_none")]
        cash_receipt_issued_at_range as "cashReceiptIssuedAtRange": Option<DateTimeRange>,
        /// When the cash receipt was cancelled.
        #[serde(skip_serializing_if = "Option::is_none")]
        cash_receipt_cancelled_at_range as "cashReceiptCancelledAtRange": Option<DateTimeRange>,
        /// Text searches.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[tsify(optional)]
        text_search as "textSearch": Vec<PaymentTextSearch>,
    }
}

wire! {
    /// A time range (RFC 3339 ends).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct DateTimeRange (request) {
        /// Start.
        from: String,
        /// End.
        until: String,
    }
}

wire! {
    /// One text search: a value looked for in one field.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentTextSearch (request) {
        /// Where to look.
        field: PaymentTextSearchField,
        /// What to look for.
        value: String,
    }
}

wire! {
    /// The body of `POST /payments/{paymentId}/cancel` (`cancelPayment`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct CancelPaymentBody (request) {
        /// Store id (default: the API secret's store).
        #[serde(skip_serializing_if = "Option::is_none")]
        store_id as "storeId": Option<String>,
        /// Amount to cancel; absent cancels everything.
        #[serde(skip_serializing_if = "Option::is_none")]
        amount: Option<i64>,
        /// Tax-free part; absent means all taxed.
        #[serde(skip_serializing_if = "Option::is_none")]
        tax_free_amount as "taxFreeAmount": Option<i64>,
        /// VAT part; absent is computed.
        #[serde(skip_serializing_if = "Option::is_none")]
        vat_amount as "vatAmount": Option<i64>,
        /// Why.
        reason: String,
        /// Who asks (buyer or administrator).
        #[serde(skip_serializing_if = "Option::is_none")]
        requester: Option<CancelRequester>,
        /// Whether a partial cancellation keeps the promotion's first discount rate.
        #[serde(skip_serializing_if = "Option::is_none")]
        promotion_discount_retain_option as "promotionDiscountRetainOption":
            Option<PromotionDiscountRetainOption>,
        /// The cancellable balance the merchant believes is left: PortOne cancels only when
        /// its own balance is the same (guards against cancelling twice).
        #[serde(skip_serializing_if = "Option::is_none")]
        current_cancellable_amount as "currentCancellableAmount": Option<i64>,
        /// The account to refund into (virtual accounts, next-month phone billing refunds).
        #[serde(skip_serializing_if = "Option::is_none")]
        refund_account as "refundAccount": Option<CancelPaymentBodyRefundAccount>,
        /// E-mail for the refund notice (Triple-A).
        #[serde(skip_serializing_if = "Option::is_none")]
        refund_email as "refundEmail": Option<String>,
        /// Send no webhook when the cancellation succeeds.
        #[serde(skip_serializing_if = "Option::is_none")]
        skip_webhook as "skipWebhook": Option<bool>,
    }
}

wire! {
    /// The account a cancellation refunds into.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct CancelPaymentBodyRefundAccount (request) {
        /// Bank.
        bank: Bank,
        /// Account number.
        number: String,
        /// Account holder.
        holder_name as "holderName": String,
        /// Account holder's phone (Smartro virtual accounts).
        #[serde(skip_serializing_if = "Option::is_none")]
        holder_phone_number as "holderPhoneNumber": Option<String>,
    }
}

wire! {
    /// The body of `POST /payments/{paymentId}/pre-register` (`preRegisterPayment`): the
    /// amount the payment must have, registered before the buyer pays.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
    pub struct PreRegisterPaymentBody (request) {
        /// Store id (default: the API secret's store).
        #[serde(skip_serializing_if = "Option::is_none")]
        store_id as "storeId": Option<String>,
        /// Total amount.
        #[serde(skip_serializing_if = "Option::is_none")]
        total_amount as "totalAmount": Option<i64>,
        /// Tax-free amount.
        #[serde(skip_serializing_if = "Option::is_none")]
        tax_free_amount as "taxFreeAmount": Option<i64>,
        /// Currency.
        #[serde(skip_serializing_if = "Option::is_none")]
        currency: Option<Currency>,
    }
}

impl CancelPaymentBody {
    /// A cancellation of everything left, for `reason`; set the other fields as needed.
    pub fn new(reason: impl Into<String>) -> Self {
        CancelPaymentBody {
            store_id: None,
            amount: None,
            tax_free_amount: None,
            vat_amount: None,
            reason: reason.into(),
            requester: None,
            promotion_discount_retain_option: None,
            current_cancellable_amount: None,
            refund_account: None,
            refund_email: None,
            skip_webhook: None,
        }
    }
}
