//! `parse_request_pay_response`: the `IMP.request_pay` callback payload.

use crate::error::ParseError;
use crate::read;
use crate::types::declare;
use crate::types::{RequestPayResponse, Wire};

/// Parses the callback object (as JSON bytes) into the normalised [`RequestPayResponse`].
///
/// Accepts `success`/`imp_success` as booleans or `"true"`/`"false"`, numbers as numeric
/// strings, `imp_uid: null`, and unknown keys. The result's `success` means "the SDK reported
/// no error", never "paid".
///
/// # Errors
/// `INVALID_JSON`, `INVALID_INPUT` (not an object) or `INVALID_FIELD` with the field path.
///
/// # Example
/// ```
/// let cb = br#"{"imp_success":"false","imp_uid":null,"merchant_uid":"o1",
///   "error_code":"F400","error_msg":"cancelled by user"}"#;
/// let r = portone_verify::parse_request_pay_response(cb)?;
/// assert!(!r.success);
/// assert_eq!(r.imp_uid, None);
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn parse_request_pay_response(input: &[u8]) -> Result<RequestPayResponse, ParseError> {
    declare::read(read::utf8(input)?)
}

/// Reads a callback like [`parse_request_pay_response`] and returns its canonical JSON (what
/// the normalised struct serialises to, `success` first), without building the struct.
///
/// # Errors
/// As [`parse_request_pay_response`].
///
/// # Example
/// ```
/// let json = portone_verify::request_pay_response_json(br#"{"success":"true","imp_uid":"imp_1"}"#)?;
/// assert!(json.starts_with(r#"{"success":true,"error_code":null"#));
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub fn request_pay_response_json(input: &[u8]) -> Result<String, ParseError> {
    RequestPayResponse::canonical_json(input)
}
