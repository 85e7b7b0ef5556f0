//! `PaymentAnnotation`: the server-side payment record from `GET /payments/{imp_uid}`.
//!
//! Field names, types and descriptions follow the official V1 Swagger definition
//! `PaymentAnnotation`; every property is here (a conformance test walks the Swagger).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::enums::{CardType, Channel, CustomerUidUsage, PayMethod, PaymentStatus, PgProvider};
use crate::amount::Amount;
use crate::lenient;

/// A payment as PortOne's V1 REST API reports it: the only proof that a payment happened.
///
/// Required by the Swagger and by verification: `imp_uid`, `merchant_uid`, `amount`,
/// `status`. `currency`, `cancel_amount` and `sandbox` are required by the Swagger too but
/// kept optional here so that older records still parse; verification fails closed when they
/// are missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentAnnotation {
    /// PortOne payment id (`imp_…`).
    #[serde(deserialize_with = "lenient::required_text")]
    pub imp_uid: String,
    /// The merchant's order id.
    #[serde(deserialize_with = "lenient::required_text")]
    pub merchant_uid: String,
    /// Payment method.
    #[serde(default)]
    pub pay_method: Option<PayMethod>,
    /// Payment environment: `pc`, `mobile` or `api`.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// PG company code.
    #[serde(default)]
    pub pg_provider: Option<PgProvider>,
    /// Simple-payment provider used inside the PG window (e.g. `naverpay`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub emb_pg_provider: Option<String>,
    /// PG transaction id.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_tid: Option<String>,
    /// PG merchant id (MID).
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_id: Option<String>,
    /// Whether the payment was made on a test (sandbox) channel. Production must reject it.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub sandbox: Option<bool>,
    /// Whether the payment is in escrow.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub escrow: Option<bool>,
    /// Card approval number.
    #[serde(default, deserialize_with = "lenient::text")]
    pub apply_num: Option<String>,
    /// Bank code (bank transfer).
    #[serde(default, deserialize_with = "lenient::text")]
    pub bank_code: Option<String>,
    /// Bank name (bank transfer).
    #[serde(default, deserialize_with = "lenient::text")]
    pub bank_name: Option<String>,
    /// Card company code.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_code: Option<String>,
    /// Card company name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_name: Option<String>,
    /// Card issuer code.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_issuer_code: Option<String>,
    /// Card issuer name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_issuer_name: Option<String>,
    /// Card publisher (brand) code.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_publisher_code: Option<String>,
    /// Card publisher (brand) name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_publisher_name: Option<String>,
    /// Instalment months (0 = lump sum).
    #[serde(default, deserialize_with = "lenient::int")]
    pub card_quota: Option<i64>,
    /// Masked card number.
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_number: Option<String>,
    /// Card kind: `0` credit, `1` check; `null` when the PG does not say.
    #[serde(default)]
    pub card_type: Option<CardType>,
    /// Virtual account bank code.
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_code: Option<String>,
    /// Virtual account bank name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_name: Option<String>,
    /// Virtual account number (may contain dashes).
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_num: Option<String>,
    /// Virtual account holder.
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_holder: Option<String>,
    /// Virtual account deposit deadline (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub vbank_date: Option<i64>,
    /// When the virtual account was issued (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub vbank_issued_at: Option<i64>,
    /// Order name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// Payment amount, exact.
    #[tsify(type = "number")]
    pub amount: Amount,
    /// Cumulative cancelled amount; the cancellable balance is `amount - cancel_amount`.
    #[serde(default)]
    #[tsify(type = "number | null")]
    pub cancel_amount: Option<Amount>,
    /// Currency code (`KRW`, `USD`, …).
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    /// Buyer name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub buyer_name: Option<String>,
    /// Buyer e-mail.
    #[serde(default, deserialize_with = "lenient::text")]
    pub buyer_email: Option<String>,
    /// Buyer phone.
    #[serde(default, deserialize_with = "lenient::text")]
    pub buyer_tel: Option<String>,
    /// Buyer address.
    #[serde(default, deserialize_with = "lenient::text")]
    pub buyer_addr: Option<String>,
    /// Buyer postcode.
    #[serde(default, deserialize_with = "lenient::text")]
    pub buyer_postcode: Option<String>,
    /// Merchant data passed through `request_pay` (a string, often JSON; objects are kept).
    #[serde(default)]
    #[tsify(type = "unknown")]
    pub custom_data: Option<serde_json::Value>,
    /// Buyer's user agent.
    #[serde(default, deserialize_with = "lenient::text")]
    pub user_agent: Option<String>,
    /// Payment status.
    pub status: PaymentStatus,
    /// When the payment was requested (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub started_at: Option<i64>,
    /// When it was paid (UNIX seconds, 0 if not).
    #[serde(default, deserialize_with = "lenient::int")]
    pub paid_at: Option<i64>,
    /// When it failed (UNIX seconds, 0 if not).
    #[serde(default, deserialize_with = "lenient::int")]
    pub failed_at: Option<i64>,
    /// When it was cancelled (UNIX seconds, 0 if not).
    #[serde(default, deserialize_with = "lenient::int")]
    pub cancelled_at: Option<i64>,
    /// Why it failed.
    #[serde(default, deserialize_with = "lenient::text")]
    pub fail_reason: Option<String>,
    /// Why it was cancelled.
    #[serde(default, deserialize_with = "lenient::text")]
    pub cancel_reason: Option<String>,
    /// Sales slip URL.
    #[serde(default, deserialize_with = "lenient::text")]
    pub receipt_url: Option<String>,
    /// Every cancellation, partial or full.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub cancel_history: Vec<PaymentCancelAnnotation>,
    /// Every virtual-account deposit.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub deposit_history: Vec<VbankDepositAnnotation>,
    /// Deprecated: cancellation slip URLs (use `cancel_history`).
    #[serde(default, deserialize_with = "lenient::texts")]
    pub cancel_receipt_urls: Vec<String>,
    /// Whether a cash receipt was issued.
    #[serde(default, deserialize_with = "lenient::flag")]
    pub cash_receipt_issued: Option<bool>,
    /// Billing-key id used for the payment.
    #[serde(default, deserialize_with = "lenient::text")]
    pub customer_uid: Option<String>,
    /// What `customer_uid` was used for; `null` for a normal payment.
    #[serde(default)]
    pub customer_uid_usage: Option<CustomerUidUsage>,
    /// Promotion applied to the payment.
    #[serde(default)]
    pub promotion: Option<Promotion>,
}

/// One cancellation in `cancel_history`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PaymentCancelAnnotation {
    /// PG cancellation transaction id.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_tid: Option<String>,
    /// Amount cancelled by this cancellation.
    #[tsify(type = "number")]
    pub amount: Amount,
    /// When (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub cancelled_at: Option<i64>,
    /// Why.
    #[serde(default, deserialize_with = "lenient::text")]
    pub reason: Option<String>,
    /// PortOne cancellation id (also sent in V1 webhooks as `cancellation_id`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub cancellation_id: Option<String>,
    /// Cancellation slip URL.
    #[serde(default, deserialize_with = "lenient::text")]
    pub receipt_url: Option<String>,
}

/// One deposit in `deposit_history` (virtual accounts).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct VbankDepositAnnotation {
    /// PG transaction id of the deposit.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_tid: Option<String>,
    /// Deposited amount.
    #[tsify(type = "number")]
    pub amount: Amount,
    /// Depositor name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub depositor_name: Option<String>,
    /// When (UNIX seconds).
    #[serde(default, deserialize_with = "lenient::int")]
    pub deposited_at: Option<i64>,
}

/// A promotion applied to a payment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct Promotion {
    /// Promotion id (`promotion-id-…`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub id: Option<String>,
    /// Amount discounted from the order.
    #[serde(default)]
    #[tsify(type = "number | null")]
    pub discount: Option<Amount>,
}

pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
