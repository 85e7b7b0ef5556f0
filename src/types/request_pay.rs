//! `RequestPayResponse`: what `IMP.request_pay` hands its callback (and, reduced, the
//! `m_redirect_url` query), normalised into one shape.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::enums::{PayMethod, PaymentStatus, PgProvider};
use crate::amount::Amount;
use crate::lenient;

/// The browser-side payment result. **Never proof of payment**: it runs in the buyer's browser
/// and can be forged. Use `imp_uid` to fetch the payment on a server and verify that.
///
/// `success` is normalised: `true` when the SDK reported no error (no `error_code`, neither
/// `success` nor `imp_success` is `false`, `status` is not `failed`). It never means "paid".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct RequestPayResponse {
    /// Whether the SDK reported no error (see the type's docs). Not proof of payment.
    #[serde(skip_deserializing)]
    pub success: bool,
    /// The `success` flag as sent (deprecated by PortOne; some PGs send `imp_success`).
    #[serde(
        rename(deserialize = "success"),
        default,
        deserialize_with = "lenient::flag",
        skip_serializing
    )]
    #[tsify(optional)]
    pub reported_success: Option<bool>,
    /// The `imp_success` flag as sent.
    #[serde(
        rename(deserialize = "imp_success"),
        default,
        deserialize_with = "lenient::flag",
        skip_serializing
    )]
    #[tsify(optional)]
    pub reported_imp_success: Option<bool>,
    /// PG failure code; present means the payment failed.
    #[serde(default, deserialize_with = "lenient::text")]
    pub error_code: Option<String>,
    /// PG failure message.
    #[serde(default, deserialize_with = "lenient::text")]
    pub error_msg: Option<String>,
    /// PortOne payment id; `null` when pre-validation failed.
    #[serde(default, deserialize_with = "lenient::text")]
    pub imp_uid: Option<String>,
    /// The merchant's order id.
    #[serde(default, deserialize_with = "lenient::text")]
    pub merchant_uid: Option<String>,
    /// Payment method.
    #[serde(default)]
    pub pay_method: Option<PayMethod>,
    /// Amount the browser says was paid (untrusted).
    #[serde(default)]
    #[tsify(type = "number | null")]
    pub paid_amount: Option<Amount>,
    /// Status the browser says the payment has (untrusted).
    #[serde(default)]
    pub status: Option<PaymentStatus>,
    /// Order name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: Option<String>,
    /// PG company code.
    #[serde(default)]
    pub pg_provider: Option<PgProvider>,
    /// Simple-payment provider used inside the PG window.
    #[serde(default, deserialize_with = "lenient::text")]
    pub emb_pg_provider: Option<String>,
    /// PG transaction id.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_tid: Option<String>,
    /// PG kind (`payment`, …), undocumented but sent.
    #[serde(default, deserialize_with = "lenient::text")]
    pub pg_type: Option<String>,
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
    /// Merchant data passed to `request_pay` (string or object, kept as sent).
    #[serde(default)]
    #[tsify(type = "unknown")]
    pub custom_data: Option<serde_json::Value>,
    /// When it was paid (UNIX seconds; documented as a string, sent as a number).
    #[serde(default, deserialize_with = "lenient::int")]
    pub paid_at: Option<i64>,
    /// Sales slip URL.
    #[serde(default, deserialize_with = "lenient::text")]
    pub receipt_url: Option<String>,
    /// Card approval number.
    #[serde(default, deserialize_with = "lenient::text")]
    pub apply_num: Option<String>,
    /// Virtual account number (may contain dashes).
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_num: Option<String>,
    /// Virtual account bank name.
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_name: Option<String>,
    /// Virtual account holder (some PGs send `null`).
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_holder: Option<String>,
    /// Virtual account deadline as sent (UNIX seconds as text, or a PG's date string).
    #[serde(default, deserialize_with = "lenient::text")]
    pub vbank_date: Option<String>,
    /// Currency code (undocumented, in the docs' sample).
    #[serde(default, deserialize_with = "lenient::text")]
    pub currency: Option<String>,
    /// Card company name (undocumented, in the docs' sample).
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_name: Option<String>,
    /// Masked card number (undocumented, in the docs' sample).
    #[serde(default, deserialize_with = "lenient::text")]
    pub card_number: Option<String>,
    /// Instalment months (undocumented, in the docs' sample).
    #[serde(default, deserialize_with = "lenient::int")]
    pub card_quota: Option<i64>,
    /// Bank name (undocumented, in the docs' sample).
    #[serde(default, deserialize_with = "lenient::text")]
    pub bank_name: Option<String>,
    /// Request id, sent with errors.
    #[serde(default, deserialize_with = "lenient::text")]
    pub request_id: Option<String>,
}

// tsify leaves out fields serde never deserialises, so `success` (computed, always present in
// the output) is declared here; TypeScript merges it into the generated interface.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const SUCCESS_TS: &'static str = r#"
export interface RequestPayResponse {
    /** Whether the SDK reported no error (no `error_code`, no `false` flag, `status` not `failed`). Never proof of payment. */
    success: boolean;
}
"#;

impl RequestPayResponse {
    /// Recomputes [`success`](Self::success) from the reported fields.
    pub fn normalise(&mut self) {
        let has_error_code = self
            .error_code
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty());
        let flagged_false =
            self.reported_success == Some(false) || self.reported_imp_success == Some(false);
        let failed = self.status == Some(PaymentStatus::Failed);
        self.success = !has_error_code && !flagged_false && !failed;
    }
}
