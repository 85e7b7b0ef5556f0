//! `parse_payment_v2`: a V2 `Payment` (`GET /payments/{paymentId}`), a bare object (V2 has
//! no envelope).

use crate::error::{ErrorCode, ParseError};
use crate::read::{self, Schema};
use crate::types::declare::sealed::Declared;
use crate::types::v2::Payment;

/// The schema of a V2 payment (a union on `status`).
pub(crate) const PAYMENT_V2: &Schema = <Payment as Declared>::SCHEMA;

/// Parses a V2 payment from JSON bytes. An unknown `status` is kept
/// ([`Payment::Unrecognized`]); unknown fields are ignored; amounts are exact integers.
///
/// # Errors
/// `INVALID_JSON` for malformed input, `INVALID_INPUT` when it is not an object,
/// `MISSING_FIELD` / `INVALID_FIELD` with the field path (`amount.total`,
/// `cancellations[0].reason`), `API_ERROR` for one of PortOne's error bodies
/// (`{"type":"PAYMENT_NOT_FOUND","message":…}`) given in place of a payment.
///
/// # Example
/// ```
/// use portone_verify::{parse_payment_v2, types::v2::Payment};
/// let body = br#"{"status":"CANCELLED","id":"order-1","transactionId":"tx-1","merchantId":"m",
///   "storeId":"s","channel":{"type":"LIVE","pgProvider":"KCP_V2","pgMerchantId":"t"},
///   "version":"V2","requestedAt":"2024-05-01T00:00:00Z","updatedAt":"2024-05-02T00:00:00Z",
///   "statusChangedAt":"2024-05-02T00:00:00Z","orderName":"Book","amount":{"total":"1000",
///   "taxFree":0,"discount":0,"paid":1000,"cancelled":1000,"cancelledTaxFree":0},
///   "currency":"KRW","customer":{},"origin":{"platformType":"MOBILE","ipAddress":"::1"},
///   "cancellations":[],"cancelledAt":"2024-05-02T00:00:00Z"}"#;
/// let payment = parse_payment_v2(body)?;
/// assert!(matches!(payment, Payment::Cancelled(_)));
/// assert_eq!((payment.id(), payment.amount().total), ("order-1", 1000));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_payment_v2(input: &[u8]) -> Result<Payment, ParseError> {
    Payment::from_canonical_json(&payment_v2_json(input)?)
}

/// Reads a V2 payment like [`parse_payment_v2`] and returns its canonical JSON instead: the
/// status's fields in the OpenAPI's order (absent ones as `null` or `[]`), texts as strings,
/// integers and flags as JSON values. It is what the [`Payment`] serialises to, without
/// building it.
///
/// # Errors
/// As [`parse_payment_v2`].
///
/// # Example
/// ```
/// let body = br#"{"status":"REFUNDED","id":"o-1","transactionId":"t","merchantId":"m",
///   "storeId":"s","version":"V2","requestedAt":"r","updatedAt":"u","statusChangedAt":"c",
///   "orderName":"Book","amount":{"total":1000,"taxFree":0,"discount":0,"paid":1000,
///   "cancelled":0,"cancelledTaxFree":0},"currency":"KRW","customer":{},
///   "origin":{"platformType":"PC","ipAddress":"::1"},"refundedAt":"x"}"#;
/// let json = portone_verify::payment_v2_json(body)?;
/// assert!(json.starts_with(r#"{"status":"REFUNDED","id":"o-1","transactionId":"t""#));
/// assert!(!json.contains("refundedAt")); // an unknown status keeps the common fields
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn payment_v2_json(input: &[u8]) -> Result<String, ParseError> {
    Ok(read_payment_v2(input, true)?.json)
}

/// Reads a V2 payment, writing its canonical JSON when `write`; an error body in its place is
/// `API_ERROR`.
pub(crate) fn read_payment_v2(input: &[u8], write: bool) -> Result<read::Read<'_>, ParseError> {
    let text = read::utf8(input)?;
    read::read_bare(text, PAYMENT_V2, write, "").map_err(|err| {
        // Read to its end: an object without `status`. An error body's `type` and `message`
        // are read off it without building the error body (no builder in the wasm builds).
        if err.code() == ErrorCode::MissingField && err.path() == "status" {
            let object = read::without_bom(text);
            if let Some(error_type) =
                read::string_field(object, "type").filter(|t| is_error_type(t))
            {
                return api_error(&error_type, read::string_field(object, "message"));
            }
        }
        err
    })
}

/// Whether `text` is spelt as PortOne's error types are (`PAYMENT_NOT_FOUND`), known or not.
fn is_error_type(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// `API_ERROR` for one of PortOne's V2 error bodies ([`ErrorBodyV2`](crate::types::v2::ErrorBodyV2)).
fn api_error(error_type: &str, message: Option<String>) -> ParseError {
    let message = match message {
        Some(message) => format!("PortOne answered {error_type}: {message}"),
        None => format!("PortOne answered {error_type}"),
    };
    ParseError::new(ErrorCode::ApiError, "type", message)
}
