//! The verdict: verified with a state, or rejected with every failure.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use tsify::Tsify;

use crate::amount::Amount;

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
    /// `amount` (V2: `amount.total`) differs from the order's amount.
    AmountMismatch,
    /// `merchant_uid` is another order's.
    MerchantUidMismatch,
    /// `imp_uid` is not the expected payment.
    ImpUidMismatch,
    /// `currency` differs (or is missing).
    CurrencyMismatch,
    /// `status` is `ready` (not allowed), `failed` or unknown (V2: any status but `PAID`, and
    /// `VIRTUAL_ACCOUNT_ISSUED` when allowed).
    NotPaid,
    /// `status` is `cancelled` (V2: `CANCELLED`).
    Cancelled,
    /// Part of the payment was cancelled (`cancel_amount > 0`; V2: `amount.cancelled > 0` or
    /// `PARTIAL_CANCELLED`).
    PartiallyCancelled,
    /// A test-channel payment where real money was expected (V1 `sandbox: true`; V2
    /// `channel.type` `TEST` or a test channel group).
    SandboxPayment,
    /// A field needed for the judgement is missing or unusable (fail closed).
    IncompletePayment,
    /// An issued virtual account whose deposit deadline has passed (with
    /// `allowVirtualAccountIssued`): no money can arrive any more.
    VirtualAccountExpired,
    /// V2: the payment's `id` is not the expected `paymentId`.
    PaymentIdMismatch,
    /// V2: the payment's `orderName` is not the order's.
    OrderNameMismatch,
    /// V2: the payment's `storeId` is not the expected store's.
    StoreIdMismatch,
}

impl FailureCode {
    /// The code as serialised, e.g. `"AMOUNT_MISMATCH"`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureCode::AmountMismatch => "AMOUNT_MISMATCH",
            FailureCode::MerchantUidMismatch => "MERCHANT_UID_MISMATCH",
            FailureCode::ImpUidMismatch => "IMP_UID_MISMATCH",
            FailureCode::CurrencyMismatch => "CURRENCY_MISMATCH",
            FailureCode::NotPaid => "NOT_PAID",
            FailureCode::Cancelled => "CANCELLED",
            FailureCode::PartiallyCancelled => "PARTIALLY_CANCELLED",
            FailureCode::SandboxPayment => "SANDBOX_PAYMENT",
            FailureCode::IncompletePayment => "INCOMPLETE_PAYMENT",
            FailureCode::VirtualAccountExpired => "VIRTUAL_ACCOUNT_EXPIRED",
            FailureCode::PaymentIdMismatch => "PAYMENT_ID_MISMATCH",
            FailureCode::OrderNameMismatch => "ORDER_NAME_MISMATCH",
            FailureCode::StoreIdMismatch => "STORE_ID_MISMATCH",
        }
    }
}

/// A value in a [`Failure`]: what the order expected or what the payment says.
///
/// Serialises as JSON `null`, a string, a boolean, or, for an amount, a number when
/// JavaScript holds it exactly (at most 15 significant digits) and its decimal text otherwise.
#[derive(Clone, Debug, PartialEq)]
pub enum Observed {
    /// No value (the field is missing, or there is no single expected value).
    Absent,
    /// A text field.
    Text(String),
    /// An exact amount.
    Amount(Amount),
    /// A flag.
    Flag(bool),
}

impl Serialize for Observed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Observed::Absent => serializer.serialize_unit(),
            Observed::Text(text) => serializer.serialize_str(text),
            Observed::Flag(flag) => serializer.serialize_bool(*flag),
            Observed::Amount(amount) if amount.is_exact_in_f64() => {
                // The canonical decimal is already valid JSON: written as is, no float code.
                match serde_json::value::RawValue::from_string(amount.as_str().to_owned()) {
                    Ok(raw) => raw.serialize(serializer),
                    Err(_) => serializer.serialize_str(amount.as_str()),
                }
            }
            Observed::Amount(amount) => serializer.serialize_str(amount.as_str()),
        }
    }
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
    pub expected: Observed,
    /// What the payment says.
    #[tsify(type = "string | number | boolean | null")]
    pub actual: Observed,
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
