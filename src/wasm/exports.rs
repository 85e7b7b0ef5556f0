//! The exported functions: `parseRequestPayResponse`, `parseRedirectQuery`, `parsePayment`,
//! `verifyPayment`. Each converts its arguments, calls the pure core and converts back.

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::args::{verify_args, Args};
use super::input::{json_bytes, object_json, query_text};
use super::verdict::verdict_of_snapshot;
use crate::verify::verify_json;

/// Parses an `IMP.request_pay` callback payload (the object, or its JSON string or bytes)
/// into one normalised shape. `success` means "the SDK reported no error", never "paid":
/// verify the payment on a server before shipping anything.
///
/// @throws {PortOneVerifyError} `INVALID_JSON`, `INVALID_INPUT` or `INVALID_FIELD` (with `path`).
#[wasm_bindgen(js_name = parseRequestPayResponse, unchecked_return_type = "RequestPayResponse")]
pub fn parse_request_pay_response(
    #[wasm_bindgen(unchecked_param_type = "object | string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = json_bytes(&input)?;
    JSON::parse(&crate::request_pay_response_json(&bytes)?)
}

/// Parses the `m_redirect_url` landing URL (a string or a `URL`) or its query string into
/// the same shape as {@link parseRequestPayResponse}.
///
/// @throws {PortOneVerifyError} `INVALID_FIELD` for a flag that is not `true`/`false`.
#[wasm_bindgen(js_name = parseRedirectQuery, unchecked_return_type = "RequestPayResponse")]
pub fn parse_redirect_query(
    #[wasm_bindgen(unchecked_param_type = "string | URL | URLSearchParams")] input: JsValue,
) -> Result<JsValue, JsValue> {
    JSON::parse(&crate::parse::redirect_query_json(&query_text(&input)?)?)
}

/// Parses a `PaymentAnnotation` (object, JSON string or UTF-8 bytes), bare or inside
/// PortOne's `{code, message, response}` envelope.
///
/// @throws {PortOneVerifyError} `INVALID_JSON`, `INVALID_INPUT`, `MISSING_FIELD`,
/// `INVALID_FIELD` (with `path`), or `API_ERROR` (with `apiCode`/`apiMessage`) for an
/// envelope whose `code` is not 0 or whose `response` is null.
#[wasm_bindgen(js_name = parsePayment, unchecked_return_type = "PaymentAnnotation")]
pub fn parse_payment(
    #[wasm_bindgen(unchecked_param_type = "object | string | Uint8Array | ArrayBuffer")]
    input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = json_bytes(&input)?;
    JSON::parse(&crate::payment_json(&bytes)?)
}

/// Verifies a payment fetched from PortOne's API against the merchant's own order.
///
/// Returns `{ ok: true, state, payment }` or `{ ok: false, failures, payment }` listing every
/// failure. `payment` is exactly the payment the verdict was reached on: a string is kept,
/// bytes are copied and an object is turned into JSON once (through its `toJSON`), so changing
/// the input afterwards never changes it. It is parsed on first access (it can throw like
/// {@link parsePayment} if a field the verdict does not read is malformed).
///
/// @throws {PortOneVerifyError} `INVALID_ARGUMENT` (with `path`) for a bad `expected`, checked
/// first; then the errors of {@link parsePayment} for input that cannot be judged.
#[wasm_bindgen(js_name = verifyPayment, unchecked_return_type = "Verdict")]
pub fn verify_payment(
    #[wasm_bindgen(
        unchecked_param_type = "PaymentAnnotation | object | string | Uint8Array | ArrayBuffer"
    )]
    payment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Expected")] expected: JsValue,
) -> Result<JsValue, JsValue> {
    // `expected`, and the payment when it is a string or bytes, cross in one call (see
    // `super::args`), which gives the payment's snapshot too.
    match verify_args(&payment, &expected, |want, utf8| verify_json(utf8, want))? {
        Args::Crossed { result, snapshot } => Ok(verdict_of_snapshot(&result?, &snapshot)),
        Args::Other(expected) => {
            let text = object_json(&payment)?;
            let verdict = crate::verify_payment_str(&String::from(&text), &expected)?;
            Ok(verdict_of_snapshot(&verdict, &text))
        }
    }
}
