//! The verdict: verified with a state, or rejected with every failure.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use tsify::Tsify;

/// What a verified payment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum PaidState {
    /// Paid in full, nothing cancelled.
    Paid,
    /// A virtual account was issued; the buyer has not deposited yet (only when allowed).
    VirtualAccountIssued,
}

impl PaidState {
    /// The state as serialised: `"paid"` or `"virtual_account_issued"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PaidState::Paid => "paid",
            PaidState::VirtualAccountIssued => "virtual_account_issued",
        }
    }
}

/// Why a payment does not match the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FailureCode {
    /// `amount` differs from the order's amount.
    AmountMismatch,
    /// `merchant_uid` is another order's.
    MerchantUidMismatch,
    /// `imp_uid` is not the expected payment.
    ImpUidMismatch,
    /// `currency` differs (or is missing).
    CurrencyMismatch,
    /// `status` is `ready` (not allowed), `failed` or unknown.
    NotPaid,
    /// `status` is `cancelled`.
    Cancelled,
    /// Part of the payment was cancelled (`cancel_amount > 0`).
    PartiallyCancelled,
    /// A test-channel payment where real money was expected.
    SandboxPayment,
    /// A field needed for the judgement is missing or unusable (fail closed).
    IncompletePayment,
}

/// One reason for rejection.
#[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
pub struct Failure {
    /// Stable reason code.
    pub code: FailureCode,
    /// The payment field judged (PortOne's name, e.g. `amount`).
    pub field: String,
    /// What the order expected (`null` when there is no single expected value).
    #[tsify(type = "string | number | boolean | null")]
    pub expected: serde_json::Value,
    /// What the payment says.
    #[tsify(type = "string | number | boolean | null")]
    pub actual: serde_json::Value,
    /// A human-readable explanation.
    pub message: String,
}

/// The outcome of verifying a payment against an order.
///
/// Serialises as `{ok: true, state}` or `{ok: false, failures}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Everything matched.
    Verified {
        /// What kind of success.
        state: PaidState,
    },
    /// At least one check failed; every failed check is listed.
    Rejected {
        /// All failures, in a fixed order.
        failures: Vec<Failure>,
    },
}

impl Verdict {
    /// Whether the payment may be honoured.
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Verified { .. })
    }

    /// The failures (empty when verified).
    pub fn failures(&self) -> &[Failure] {
        match self {
            Verdict::Verified { .. } => &[],
            Verdict::Rejected { failures } => failures,
        }
    }
}

impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Verdict", 2)?;
        match self {
            Verdict::Verified { state } => {
                s.serialize_field("ok", &true)?;
                s.serialize_field("state", state)?;
            }
            Verdict::Rejected { failures } => {
                s.serialize_field("ok", &false)?;
                s.serialize_field("failures", failures)?;
            }
        }
        s.end()
    }
}

// The JS shape of `Verdict` (its Serialize impl above), as a union TypeScript narrows on `ok`.
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const VERDICT_TS: &'static str = r#"
/** The outcome of verifying a payment: narrow on `ok`. */
export type Verdict =
  | { ok: true; state: PaidState }
  | { ok: false; failures: Failure[] };
"#;
