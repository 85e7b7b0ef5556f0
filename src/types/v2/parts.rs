//! The parts of a V2 payment: its amounts, channel, origin, failure, products and disputes.

use serde::Serialize;
use tsify::Tsify;

use super::enums::{DisputeStatus, PaymentOriginPlatformType, SelectedChannelType};
use super::provider::PgProviderV2;
use crate::types::declare::wire;

wire! {
    /// A payment's amounts (`amount`): integers in the currency's unit, read exactly (never
    /// through a float, so values past 2^53 stay exact in Rust).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentAmount {
        /// The total: what the order costs. Verification compares it with the order's amount.
        total: i64 => TotalAmount,
        /// The tax-free part.
        tax_free as "taxFree": i64,
        /// VAT.
        vat: Option<i64>,
        /// Supply value.
        supply: Option<i64>,
        /// Every discount (card company, PortOne promotion, simple-payment points or coupons).
        discount: i64,
        /// What the buyer actually paid.
        paid: i64,
        /// Everything cancelled so far.
        cancelled: i64 => CancelledAmount,
        /// The tax-free part of `cancelled`.
        cancelled_tax_free as "cancelledTaxFree": i64,
    }
}

wire! {
    /// The channel (PG contract) a payment went through (`channel`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct SelectedChannel {
        /// `LIVE`, or `TEST` for a test channel (no money moves).
        channel_type as "type": SelectedChannelType => ChannelType,
        /// Channel id.
        id: Option<String>,
        /// Channel key.
        key: Option<String>,
        /// Channel name.
        name: Option<String>,
        /// The PG module.
        pg_provider as "pgProvider": PgProviderV2,
        /// The merchant's id at the PG (MID).
        pg_merchant_id as "pgMerchantId": String,
    }
}

wire! {
    /// The channel group a payment's channel belongs to (`channelGroup`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct ChannelGroupSummary {
        /// Channel group id.
        id: String,
        /// Channel group name.
        name: String,
        /// Whether it is a test channel group.
        is_for_test as "isForTest": bool => ChannelGroupForTest,
    }
}

wire! {
    /// Where a payment was requested from (`origin`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentOrigin {
        /// `PC`, `MOBILE` or `API`.
        platform_type as "platformType": PaymentOriginPlatformType,
        /// The requesting user agent.
        user_agent as "userAgent": Option<String>,
        /// The requesting page's URL.
        url: Option<String>,
        /// The requesting IP address.
        ip_address as "ipAddress": String,
    }
}

wire! {
    /// Why a payment failed (`failure`).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentFailure {
        /// The reason.
        reason: Option<String>,
        /// The PG's failure code.
        pg_code as "pgCode": Option<String>,
        /// The PG's failure message.
        pg_message as "pgMessage": Option<String>,
    }
}

wire! {
    /// One product of an order (`products`).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentProduct {
        /// The merchant's product id.
        id: String,
        /// Product name.
        name: String,
        /// Product tag (e.g. a category).
        tag: Option<String>,
        /// Product code.
        code: Option<String>,
        /// Unit price.
        amount: i64,
        /// Quantity ordered.
        quantity: i64,
        /// Sales link.
        link: Option<String>,
    }
}

wire! {
    /// A dispute (chargeback) on a payment (`disputes`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct Dispute {
        /// `UNRESOLVED` or `RESOLVED`.
        status: DisputeStatus,
        /// The PG's dispute id.
        pg_dispute_id as "pgDisputeId": Option<String>,
        /// The reason.
        reason: String,
        /// When it was opened (RFC 3339).
        created_at as "createdAt": String,
        /// When it was resolved (RFC 3339).
        resolved_at as "resolvedAt": Option<String>,
    }
}
