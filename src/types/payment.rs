//! `PaymentAnnotation`: the server-side payment record from `GET /payments/{imp_uid}`.
//!
//! Field names, types and descriptions follow the official V1 Swagger definition
//! `PaymentAnnotation`; every property is here (a conformance test walks the Swagger).

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;
use super::enums::{CardType, Channel, CustomerUidUsage, PayMethod, PaymentStatus, PgProvider};
use crate::amount::Amount;

wire! {
    /// A payment as PortOne's V1 REST API reports it: the only proof that a payment happened.
    ///
    /// Required by the Swagger and by verification: `imp_uid`, `merchant_uid`, `amount`,
    /// `status`. `currency`, `cancel_amount` and `sandbox` are required by the Swagger too but
    /// kept optional here so that older records still parse; verification fails closed when they
    /// are missing.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentAnnotation {
        /// PortOne payment id (`imp_…`).
        imp_uid: String = Id => ImpUid,
        /// The merchant's order id.
        merchant_uid: String = Id => MerchantUid,
        /// Payment method.
        pay_method: Option<PayMethod> => PayMethod,
        /// Payment environment: `pc`, `mobile` or `api`.
        channel: Option<Channel>,
        /// PG company code.
        pg_provider: Option<PgProvider>,
        /// Simple-payment provider used inside the PG window (e.g. `naverpay`).
        emb_pg_provider: Option<String>,
        /// PG transaction id.
        pg_tid: Option<String>,
        /// PG merchant id (MID).
        pg_id: Option<String>,
        /// Whether the payment was made on a test (sandbox) channel. Production must reject it.
        sandbox: Option<bool> => Sandbox,
        /// Whether the payment is in escrow.
        escrow: Option<bool>,
        /// Card approval number.
        apply_num: Option<String>,
        /// Bank code (bank transfer).
        bank_code: Option<String>,
        /// Bank name (bank transfer).
        bank_name: Option<String>,
        /// Card company code.
        card_code: Option<String>,
        /// Card company name.
        card_name: Option<String>,
        /// Card issuer code.
        card_issuer_code: Option<String>,
        /// Card issuer name.
        card_issuer_name: Option<String>,
        /// Card publisher (brand) code.
        card_publisher_code: Option<String>,
        /// Card publisher (brand) name.
        card_publisher_name: Option<String>,
        /// Instalment months (0 = lump sum).
        card_quota: Option<i64>,
        /// Masked card number.
        card_number: Option<String>,
        /// Card kind: `0` credit, `1` check; `null` when the PG does not say.
        card_type: Option<CardType>,
        /// Virtual account bank code.
        vbank_code: Option<String>,
        /// Virtual account bank name.
        vbank_name: Option<String>,
        /// Virtual account number (may contain dashes).
        vbank_num: Option<String> => VbankNum,
        /// Virtual account holder.
        vbank_holder: Option<String>,
        /// Virtual account deposit deadline (UNIX seconds).
        vbank_date: Option<i64> => VbankDate,
        /// When the virtual account was issued (UNIX seconds).
        vbank_issued_at: Option<i64>,
        /// Order name.
        name: Option<String>,
        /// Payment amount, exact.
        #[tsify(type = "number")]
        amount: Amount => Amount,
        /// Cumulative cancelled amount; the cancellable balance is `amount - cancel_amount`.
        #[tsify(type = "number | null")]
        cancel_amount: Option<Amount> => CancelAmount,
        /// Currency code (`KRW`, `USD`, …).
        currency: Option<String> => Currency,
        /// Buyer name.
        buyer_name: Option<String>,
        /// Buyer e-mail.
        buyer_email: Option<String>,
        /// Buyer phone.
        buyer_tel: Option<String>,
        /// Buyer address.
        buyer_addr: Option<String>,
        /// Buyer postcode.
        buyer_postcode: Option<String>,
        /// Merchant data passed through `request_pay` (a string, often JSON; objects are kept).
        #[tsify(type = "unknown")]
        custom_data: Option<serde_json::Value>,
        /// Buyer's user agent.
        user_agent: Option<String>,
        /// Payment status.
        status: PaymentStatus => Status,
        /// When the payment was requested (UNIX seconds).
        started_at: Option<i64>,
        /// When it was paid (UNIX seconds, 0 if not).
        paid_at: Option<i64>,
        /// When it failed (UNIX seconds, 0 if not).
        failed_at: Option<i64>,
        /// When it was cancelled (UNIX seconds, 0 if not).
        cancelled_at: Option<i64>,
        /// Why it failed.
        fail_reason: Option<String>,
        /// Why it was cancelled.
        cancel_reason: Option<String>,
        /// Sales slip URL.
        receipt_url: Option<String>,
        /// Every cancellation, partial or full.
        cancel_history: Vec<PaymentCancelAnnotation>,
        /// Every virtual-account deposit.
        deposit_history: Vec<VbankDepositAnnotation>,
        /// Deprecated: cancellation slip URLs (use `cancel_history`).
        cancel_receipt_urls: Vec<String>,
        /// Whether a cash receipt was issued.
        cash_receipt_issued: Option<bool>,
        /// Billing-key id used for the payment.
        customer_uid: Option<String>,
        /// What `customer_uid` was used for; `null` for a normal payment.
        customer_uid_usage: Option<CustomerUidUsage>,
        /// Promotion applied to the payment.
        promotion: Option<Promotion>,
    }
}

wire! {
    /// One cancellation in `cancel_history`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentCancelAnnotation {
        /// PG cancellation transaction id.
        pg_tid: Option<String>,
        /// Amount cancelled by this cancellation.
        #[tsify(type = "number")]
        amount: Amount,
        /// When (UNIX seconds).
        cancelled_at: Option<i64>,
        /// Why.
        reason: Option<String>,
        /// PortOne cancellation id (also sent in V1 webhooks as `cancellation_id`).
        cancellation_id: Option<String>,
        /// Cancellation slip URL.
        receipt_url: Option<String>,
    }
}

wire! {
    /// One deposit in `deposit_history` (virtual accounts).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct VbankDepositAnnotation {
        /// PG transaction id of the deposit.
        pg_tid: Option<String>,
        /// Deposited amount.
        #[tsify(type = "number")]
        amount: Amount,
        /// Depositor name.
        depositor_name: Option<String>,
        /// When (UNIX seconds).
        deposited_at: Option<i64>,
    }
}

wire! {
    /// A promotion applied to a payment.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct Promotion {
        /// Promotion id (`promotion-id-…`).
        id: Option<String>,
        /// Amount discounted from the order.
        #[tsify(type = "number | null")]
        discount: Option<Amount>,
    }
}
