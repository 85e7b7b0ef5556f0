//! Verification: does this payment prove the merchant's order was paid?
//!
//! Pure and synchronous. Every check runs and every failure is listed; anything the rules
//! cannot judge (a missing `cancel_amount` or `sandbox`, an unknown `status`) is a failure.

mod expected;
mod facts;
mod rules;
mod verdict;

pub use expected::Expected;
pub use verdict::{Failure, FailureCode, PaidState, Verdict};

use crate::error::ParseError;
use crate::parse::{json, parse_payment};
use crate::types::PaymentAnnotation;
use facts::FactsDocument;

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
    rules::judge(&payment.facts(), expected)
}

/// Parses and verifies in one step, reading only the fields the verdict needs (fast path for
/// API bodies). Accepts a bare payment or the `{code, message, response}` envelope.
///
/// # Errors
/// The same errors as [`parse_payment`] for input that cannot be judged at all; the
/// expectation is assumed valid (see [`Expected::validate`]).
pub fn verify_payment_json(input: &[u8], expected: &Expected) -> Result<Verdict, ParseError> {
    // One UTF-8 check of the whole body is cheaper than serde_json checking each string.
    match std::str::from_utf8(input) {
        Ok(text) => verify_payment_str(text, expected),
        Err(_) => parse_payment(input).map(|payment| verify_payment(&payment, expected)),
    }
}

/// [`verify_payment_json`] for a body already held as text.
///
/// # Errors
/// As [`verify_payment_json`].
pub fn verify_payment_str(input: &str, expected: &Expected) -> Result<Verdict, ParseError> {
    let document = json::decode_borrowed_str::<FactsDocument<'_>>(input);
    let fields = match &document {
        Ok(FactsDocument::Bare(fields)) => Some(fields),
        Ok(FactsDocument::Envelope {
            code: 0,
            response: Some(fields),
            ..
        }) => Some(fields),
        Ok(FactsDocument::Envelope { code, message, .. }) if *code != 0 => {
            return Err(ParseError::api(
                *code,
                message.as_ref().map(|m| m.0.clone().into_owned()),
            ));
        }
        _ => None,
    };
    match fields.and_then(|f| f.facts()) {
        Some(facts) => Ok(rules::judge(&facts, expected)),
        // Explain the failure precisely with the full parser.
        None => match parse_payment(input.as_bytes()) {
            Err(err) => Err(err),
            Ok(payment) => Ok(verify_payment(&payment, expected)),
        },
    }
}
