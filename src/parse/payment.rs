//! `parse_payment`: a `PaymentAnnotation`, bare or inside the `{code, message, response}`
//! envelope.

use crate::error::ParseError;
use crate::read::{self, Schema};
use crate::types::declare::sealed::Declared;
use crate::types::{PaymentAnnotation, Wire};

/// The schema of a payment.
const PAYMENT: &Schema = <PaymentAnnotation as Declared>::SCHEMA;

/// Parses a payment from JSON bytes: a bare `PaymentAnnotation` or an envelope around one.
///
/// # Errors
/// `INVALID_JSON` for malformed input, `INVALID_INPUT` when it is not an object,
/// `MISSING_FIELD` / `INVALID_FIELD` with the field path (`response.amount` inside an
/// envelope), `API_ERROR` for an envelope with `code != 0` or `response: null`.
///
/// # Example
/// ```
/// let body = br#"{"code":0,"message":null,"response":{"imp_uid":"imp_1","merchant_uid":"o1",
///   "amount":1004,"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}}"#;
/// let payment = portone_verify::parse_payment(body)?;
/// assert_eq!(payment.amount.as_str(), "1004");
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_payment(input: &[u8]) -> Result<PaymentAnnotation, ParseError> {
    PaymentAnnotation::from_canonical_json(&payment_json(input)?)
}

/// Reads a payment like [`parse_payment`] and returns its canonical JSON instead: every
/// `PaymentAnnotation` field in declaration order (absent ones as `null` or `[]`), texts as
/// strings, integers, flags and exact amounts as JSON values. It is what the struct
/// serialises to, without building it (this is what `parsePayment` hands to JavaScript).
///
/// # Errors
/// As [`parse_payment`].
///
/// # Example
/// ```
/// let json = portone_verify::payment_json(br#"{"imp_uid":"imp_1","merchant_uid":"o1",
///   "amount":"1004.50","status":"paid","sandbox":"false"}"#)?;
/// assert!(json.starts_with(r#"{"imp_uid":"imp_1","merchant_uid":"o1","pay_method":null"#));
/// assert!(json.contains(r#""sandbox":false"#) && json.contains(r#""amount":1004.5,"#));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn payment_json(input: &[u8]) -> Result<String, ParseError> {
    Ok(read::read_payment(read::utf8(input)?, PAYMENT, true)?.json)
}

/// Parses any declared V1 payload `T` (see [`Wire`]), bare or enveloped, with the same rules
/// as [`parse_payment`].
///
/// # Errors
/// As [`parse_payment`].
///
/// # Example
/// ```
/// use portone_verify::types::PaymentBalance;
/// let body = br#"{"code":0,"message":null,"response":{"amount":"1000",
///   "cash_receipt":{"tax_free":0,"supply":0,"vat":0,"service":0},
///   "primary":{"tax_free":0,"supply":909,"vat":91,"service":0},
///   "secondary":{"tax_free":0,"supply":0,"vat":0,"service":0},
///   "discount":{"tax_free":0,"supply":0,"vat":0,"service":0},"histories":null}}"#;
/// let balance: PaymentBalance = portone_verify::parse_enveloped(body)?;
/// assert_eq!(balance.primary.vat.as_str(), "91");
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_enveloped<T: Wire>(input: &[u8]) -> Result<T, ParseError> {
    let read = read::read_enveloped(read::utf8(input)?, T::SCHEMA, true)?;
    T::from_canonical_json(&read.json)
}
