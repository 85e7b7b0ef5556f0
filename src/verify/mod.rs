//! Verification: does this payment (V1, or V2: `verify_payment_v2`) prove the merchant's order was paid?
//!
//! Pure and synchronous. Every check runs and every failure is listed; anything the rules
//! cannot judge (a missing `cancel_amount` or `sandbox`, an unknown `status`) is a failure.

mod expected;
mod expected_v2;
mod facts;
mod failures;
mod rfc3339;
mod rules;
mod rules_v2;
mod v2;
mod verdict;

pub use expected::Expected;
pub(crate) use expected::Want;
pub use expected_v2::ExpectedV2;
#[cfg(feature = "client")]
pub(crate) use v2::verify_v2_and_write;
pub use v2::{verify_payment_v2, verify_payment_v2_json};
pub use verdict::{Failure, FailureCode, Observed, PaidState, Verdict};

use crate::error::ParseError;
use crate::read::{self, Schema};
use crate::types::declare::sealed::Declared;
use crate::types::PaymentAnnotation;

/// The schema of the payments verification reads.
const PAYMENT: &Schema = <PaymentAnnotation as Declared>::SCHEMA;

/// The same, with the fast path's precomputed keys.
#[cfg(feature = "fast-verify")]
static PAYMENT_FAST: read::FastSchema = read::FastSchema::new(PAYMENT);

/// Verifies a parsed payment against the order.
///
/// # Example
/// ```
/// use portone_verify::{parse_payment, verify_payment, Amount, Expected, FailureCode};
/// let payment = parse_payment(br#"{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,
///   "cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}"#)?;
/// assert!(verify_payment(&payment, &Expected::new("o1", Amount::parse("1004").unwrap())).is_ok());
/// let forged = verify_payment(&payment, &Expected::new("o1", Amount::parse("50000").unwrap()));
/// assert_eq!(forged.failures()[0].code, FailureCode::AmountMismatch);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn verify_payment(payment: &PaymentAnnotation, expected: &Expected) -> Verdict {
    rules::judge(&payment.facts(), &expected.want())
}

/// Parses and verifies in one step, reading only the fields the verdict needs (fast path for
/// API bodies). Accepts a bare payment or the `{code, message, response}` envelope.
///
/// # Errors
/// The same errors as [`parse_payment`](crate::parse_payment) for input that cannot be judged at all; the
/// expectation is assumed valid (see [`Expected::validate`]).
pub fn verify_payment_json(input: &[u8], expected: &Expected) -> Result<Verdict, ParseError> {
    verify_json(input, &expected.want())
}

/// [`verify_payment_json`] for a borrowed expectation.
pub(crate) fn verify_json(input: &[u8], expected: &Want<'_>) -> Result<Verdict, ParseError> {
    #[cfg(feature = "fast-verify")]
    if let Some(verdict) = read::read_payment_fast(input, &PAYMENT_FAST, |captures| {
        captures.facts().map(|facts| rules::judge(&facts, expected))
    })
    .flatten()
    {
        return Ok(verdict);
    }
    let read = read::read_payment(read::utf8(input)?, PAYMENT, false)?;
    judge(&read.captures, expected)
}

/// [`verify_payment_json`] for a body already held as text.
///
/// # Errors
/// As [`verify_payment_json`].
pub fn verify_payment_str(input: &str, expected: &Expected) -> Result<Verdict, ParseError> {
    verify_payment_json(input.as_bytes(), expected)
}

/// Verifies like [`verify_payment_json`] and returns the payment's canonical JSON too (see
/// [`crate::payment_json`]), from one reading of `input`.
#[cfg(feature = "client")]
pub(crate) fn verify_and_write(
    input: &[u8],
    expected: &Expected,
) -> Result<(Verdict, String), ParseError> {
    let read = read::read_payment(read::utf8(input)?, PAYMENT, true)?;
    Ok((judge(&read.captures, &expected.want())?, read.json))
}

fn judge(captures: &read::Captures<'_>, expected: &Want<'_>) -> Result<Verdict, ParseError> {
    match captures.facts() {
        Some(facts) => Ok(rules::judge(&facts, expected)),
        // The reader refuses a payment without its required fields; this is unreachable.
        None => Err(ParseError::new(
            crate::error::ErrorCode::MissingField,
            "",
            "the payment lacks a required field",
        )),
    }
}
