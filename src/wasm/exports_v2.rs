//! The V2 exported functions: `parsePaymentResponseV2`, `parseRedirectQueryV2`,
//! `parsePaymentV2`, `verifyPaymentV2`. The same glue as V1's (`exports.rs`): each converts its
//! arguments, calls the pure core and converts back.

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::args::{verify_args_v2, Args};
use super::input::{json_bytes, object_json, query_text};
use super::verdict::verdict_of_snapshot_v2;

// The V2 browser result under the name the API uses for it.
#[wasm_bindgen(typescript_custom_section)]
const PAYMENT_RESPONSE_V2_TS: &'static str = r#"
/** The V2 browser result ({@link PaymentResponse}), as {@link parsePaymentResponseV2} and {@link parseRedirectQueryV2} return it. Never proof of payment. */
export type PaymentResponseV2 = PaymentResponse;
"#;

/// Parses what the V2 browser SDK's `PortOne.requestPayment` resolved to (the object, or its
/// JSON string or bytes) into one normalised shape. `success` is `true` when there is no
/// `code` (the SDK's rule); it never means "paid". **Not proof of payment**: send `paymentId`
/// to your server and verify the payment fetched there with your API secret.
///
/// @throws {PortOneVerifyError} `INVALID_JSON`, `INVALID_INPUT` or `INVALID_FIELD` (with `path`).
#[wasm_bindgen(js_name = parsePaymentResponseV2, unchecked_return_type = "PaymentResponseV2")]
pub fn parse_payment_response_v2(
    #[wasm_bindgen(unchecked_param_type = "object | string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = json_bytes(&input)?;
    JSON::parse(&crate::payment_response_v2_json(&bytes)?)
}

/// Parses the V2 redirect URL (`redirectUrl`: a string or a `URL`) or its query string (a
/// string or `URLSearchParams`) into the same shape as {@link parsePaymentResponseV2}.
/// **Not proof of payment**: anyone can open the URL with any query.
///
/// @throws {PortOneVerifyError} `INVALID_INPUT` when the URL carries none of PortOne's V2
/// parameters (the page was opened directly) or the argument is no URL or string.
#[wasm_bindgen(js_name = parseRedirectQueryV2, unchecked_return_type = "PaymentResponseV2")]
pub fn parse_redirect_query_v2(
    #[wasm_bindgen(unchecked_param_type = "string | URL | URLSearchParams")] input: JsValue,
) -> Result<JsValue, JsValue> {
    JSON::parse(&crate::redirect_query_v2_json(&query_text(&input)?)?)
}

/// Parses a V2 `Payment` (what `GET /payments/{paymentId}` answers; object, JSON string or
/// UTF-8 bytes). Narrow it on `status`; an unknown status is kept. Amounts are exact integers
/// (JavaScript numbers hold them exactly up to 2^53).
///
/// @throws {PortOneVerifyError} `INVALID_JSON`, `INVALID_INPUT`, `MISSING_FIELD`,
/// `INVALID_FIELD` (with `path`), or `API_ERROR` (path `type`) for one of PortOne's error
/// bodies (`{ type, message }`) given in place of a payment.
#[wasm_bindgen(js_name = parsePaymentV2, unchecked_return_type = "Payment")]
pub fn parse_payment_v2(
    #[wasm_bindgen(unchecked_param_type = "object | string | Uint8Array | ArrayBuffer")]
    input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = json_bytes(&input)?;
    JSON::parse(&crate::payment_v2_json(&bytes)?)
}

/// Verifies a V2 payment fetched from PortOne's API against the merchant's own order.
///
/// Returns `{ ok: true, state, payment }` or `{ ok: false, failures, payment }` listing every
/// failure, as {@link verifyPayment} does. `payment` is exactly the payment the verdict was
/// reached on (a snapshot: changing the input afterwards never changes it), parsed as
/// {@link parsePaymentV2} on first access.
///
/// @throws {PortOneVerifyError} `INVALID_ARGUMENT` (with `path`) for a bad `expected`, checked
/// first; then the errors of {@link parsePaymentV2} for input that cannot be judged.
#[wasm_bindgen(js_name = verifyPaymentV2, unchecked_return_type = "VerdictV2")]
pub fn verify_payment_v2(
    #[wasm_bindgen(unchecked_param_type = "Payment | object | string | Uint8Array | ArrayBuffer")]
    payment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExpectedV2")] expected: JsValue,
) -> Result<JsValue, JsValue> {
    let verify = |expected: &_, utf8: &[u8]| crate::verify_payment_v2_json(utf8, expected);
    match verify_args_v2(&payment, &expected, verify)? {
        Args::Crossed { result, snapshot } => Ok(verdict_of_snapshot_v2(&result?, &snapshot)),
        Args::Other(expected) => {
            let text = object_json(&payment)?;
            let verdict = crate::verify_payment_v2_json(String::from(&text).as_bytes(), &expected)?;
            Ok(verdict_of_snapshot_v2(&verdict, &text))
        }
    }
}
