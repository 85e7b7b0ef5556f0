//! `RequestPayResponse`: what `IMP.request_pay` hands its callback (and, reduced, the
//! `m_redirect_url` query), normalised into one shape.

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;
use super::enums::{PayMethod, PaymentStatus, PgProvider};
use crate::amount::Amount;

wire! {
    /// The browser-side payment result. **Never proof of payment**: it runs in the buyer's browser
    /// and can be forged. Use `imp_uid` to fetch the payment on a server and verify that.
    ///
    /// `success` is normalised: `true` when the SDK reported no error (no `error_code`, neither
    /// `success` nor `imp_success` is `false`, `status` is not `failed`). It never means "paid".
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
    pub struct RequestPayResponse read with crate::read::request_pay_json {
        @lead {
            /// Whether the SDK reported no error (see the type's docs). Not proof of payment.
            success: bool,
        }
        @hidden {
            "success": Flag => ReportedSuccess,
            "imp_success": Flag => ReportedImpSuccess,
        }
        /// PG failure code; present means the payment failed.
        error_code: Option<String> => ErrorCode,
        /// PG failure message.
        error_msg: Option<String>,
        /// PortOne payment id; `null` when pre-validation failed.
        imp_uid: Option<String>,
        /// The merchant's order id.
        merchant_uid: Option<String>,
        /// Payment method.
        pay_method: Option<PayMethod>,
        /// Amount the browser says was paid (untrusted).
        #[tsify(type = "number | null")]
        paid_amount: Option<Amount>,
        /// Status the browser says the payment has (untrusted).
        status: Option<PaymentStatus> => Status,
        /// Order name.
        name: Option<String>,
        /// PG company code.
        pg_provider: Option<PgProvider>,
        /// Simple-payment provider used inside the PG window.
        emb_pg_provider: Option<String>,
        /// PG transaction id.
        pg_tid: Option<String>,
        /// PG kind (`payment`, …), undocumented but sent.
        pg_type: Option<String>,
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
        /// Merchant data passed to `request_pay` (string or object, kept as sent).
        #[tsify(type = "unknown")]
        custom_data: Option<serde_json::Value>,
        /// When it was paid (UNIX seconds; documented as a string, sent as a number).
        paid_at: Option<i64>,
        /// Sales slip URL.
        receipt_url: Option<String>,
        /// Card approval number.
        apply_num: Option<String>,
        /// Virtual account number (may contain dashes).
        vbank_num: Option<String>,
        /// Virtual account bank name.
        vbank_name: Option<String>,
        /// Virtual account holder (some PGs send `null`).
        vbank_holder: Option<String>,
        /// Virtual account deadline as sent (UNIX seconds as text, or a PG's date string).
        vbank_date: Option<String>,
        /// Currency code (undocumented, in the docs' sample).
        currency: Option<String>,
        /// Card company name (undocumented, in the docs' sample).
        card_name: Option<String>,
        /// Masked card number (undocumented, in the docs' sample).
        card_number: Option<String>,
        /// Instalment months (undocumented, in the docs' sample).
        card_quota: Option<i64>,
        /// Bank name (undocumented, in the docs' sample).
        bank_name: Option<String>,
        /// Request id, sent with errors.
        request_id: Option<String>,
    }
}
