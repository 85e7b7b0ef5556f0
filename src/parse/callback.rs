//! `parse_request_pay_response`: the `IMP.request_pay` callback payload.

use super::json;
use crate::error::ParseError;
use crate::types::RequestPayResponse;

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
    let mut response: RequestPayResponse = json::decode(input)?;
    response.normalise();
    Ok(response)
}
