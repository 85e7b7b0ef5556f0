//! The V2 browser result: `PortOne.requestPayment`'s resolved value and the redirect URL's
//! query, both read into one [`PaymentResponse`]. **Neither is proof of payment.**

use super::redirect::query_object;
use crate::error::ParseError;
use crate::read;
use crate::types::declare;
use crate::types::v2::PaymentResponse;
use crate::types::Wire;

/// The parameters the V2 SDK appends to `redirectUrl` (the `PaymentResponse` fields).
const PARAMETERS: &[&str] = &[
    "paymentId",
    "code",
    "message",
    "pgCode",
    "pgMessage",
    "txId",
    "transactionType",
    "paymentToken",
];

/// Why a URL is no V2 payment result.
const NONE: &str = "the URL carries none of PortOne's V2 parameters (paymentId, code, message, \
                    pgCode, pgMessage, txId, transactionType, paymentToken)";

/// Parses what `PortOne.requestPayment` resolved to (as JSON bytes) into the normalised
/// [`PaymentResponse`]: `success` is `true` when there is no `code`. **Not proof of payment**
/// (the browser can send anything): send `paymentId` to your server and verify the payment
/// fetched there ([`verify_payment_v2_json`](crate::verify_payment_v2_json)).
///
/// Values are read by the tolerant rules (a number where a string belongs is kept as its
/// text); unknown keys are ignored.
///
/// # Errors
/// `INVALID_JSON`, `INVALID_INPUT` (not an object) or `INVALID_FIELD` with the field path.
///
/// # Example
/// ```
/// let result = br#"{"transactionType":"PAYMENT","txId":"tx-1","paymentId":"order-1",
///   "code":"FAILURE_TYPE_PG","message":"cancelled by the buyer"}"#;
/// let response = portone_verify::parse_payment_response_v2(result)?;
/// assert!(!response.success);
/// assert_eq!(response.payment_id.as_deref(), Some("order-1"));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_payment_response_v2(input: &[u8]) -> Result<PaymentResponse, ParseError> {
    declare::read(read::utf8(input)?)
}

/// Reads a `requestPayment` result like [`parse_payment_response_v2`] and returns its
/// canonical JSON (`success` first), without building the struct.
///
/// # Errors
/// As [`parse_payment_response_v2`].
///
/// # Example
/// ```
/// let json = portone_verify::payment_response_v2_json(br#"{"paymentId":"o-1","txId":"t"}"#)?;
/// assert!(json.starts_with(r#"{"success":true,"transactionType":null,"txId":"t""#));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn payment_response_v2_json(input: &[u8]) -> Result<String, ParseError> {
    PaymentResponse::canonical_json(input)
}

/// Parses the V2 redirect URL (`redirectUrl`, used on mobile) or its query string (with or
/// without `?`) into the same [`PaymentResponse`] as [`parse_payment_response_v2`]. Reads
/// `paymentId`, `code`, `message`, `pgCode`, `pgMessage`, `txId`, `transactionType` and
/// `paymentToken`; other parameters are ignored, percent-encoding and `+` are decoded, empty
/// values count as absent. **Not proof of payment**: anyone can open the URL with any query.
///
/// # Errors
/// `INVALID_INPUT` when the URL carries none of those parameters (it is no payment result,
/// e.g. the page was opened directly).
///
/// # Example
/// ```
/// let url = "https://shop.example/done?paymentId=payment-39ecfa97&code=FAILURE_TYPE_PG&message=%EC%B7%A8%EC%86%8C";
/// let response = portone_verify::parse_redirect_query_v2(url)?;
/// assert!(!response.success);
/// assert_eq!(response.message.as_deref(), Some("취소"));
/// assert!(portone_verify::parse_redirect_query_v2("https://shop.example/done").is_err());
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_redirect_query_v2(input: &str) -> Result<PaymentResponse, ParseError> {
    parse_payment_response_v2(query_object(input, PARAMETERS, NONE)?.as_bytes())
}

/// [`parse_redirect_query_v2`]'s result as canonical JSON, without building it.
///
/// # Errors
/// As [`parse_redirect_query_v2`].
///
/// # Example
/// ```
/// let json = portone_verify::redirect_query_v2_json("?paymentId=payment-39ecfa97")?;
/// assert_eq!(
///     json,
///     r#"{"success":true,"transactionType":null,"txId":null,"paymentId":"payment-39ecfa97","paymentToken":null,"code":null,"message":null,"pgCode":null,"pgMessage":null}"#
/// );
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn redirect_query_v2_json(input: &str) -> Result<String, ParseError> {
    payment_response_v2_json(query_object(input, PARAMETERS, NONE)?.as_bytes())
}
