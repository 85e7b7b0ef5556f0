//! The exported functions: `parseRequestPayResponse`, `parseRedirectQuery`, `parsePayment`,
//! `verifyPayment`. Each converts its arguments, calls the pure core and converts back.

use js_sys::{Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{with_args, Args, Given};
use super::errors::coded_error;
use super::input::json_bytes;
use super::verdict::verdict_to_js;

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
    let text = match input.as_string() {
        Some(text) => text,
        None if input.is_object() => {
            // URL has `href`; URLSearchParams (and URL) stringify to their query text.
            let href = Reflect::get(&input, &JsValue::from_str("href"))
                .ok()
                .and_then(|h| h.as_string());
            href.unwrap_or_else(|| {
                String::from(input.unchecked_ref::<js_sys::Object>().to_string())
            })
        }
        None => {
            return Err(coded_error(
                "INVALID_INPUT",
                "expected a URL or a query string",
                Some(""),
            )
            .into())
        }
    };
    JSON::parse(&crate::parse::redirect_query_json(&text)?)
}

/// Parses a `PaymentAnnotation` (object, JSON string or UTF-8 bytes), bare or inside
/// PortOne's `{code, message, response}` envelope.
///
/// @throws {PortOneVerifyError} `INVALID_JSON`, `INVALID_INPUT`, `MISSING_FIELD`,
/// `INVALID_FIELD` (with `path`), or `API_ERROR` (with `apiCode`/`apiMessage`) for an
/// envelope whose `code` is not 0 or whose `response` is null.
#[wasm_bindgen(js_name = parsePayment, unchecked_return_type = "PaymentAnnotation")]
pub fn parse_payment(
    #[wasm_bindgen(unchecked_param_type = "object | string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = json_bytes(&input)?;
    JSON::parse(&crate::payment_json(&bytes)?)
}

/// Verifies a payment fetched from PortOne's API against the merchant's own order.
///
/// Returns `{ ok: true, state, payment }` or `{ ok: false, failures, payment }` listing every
/// failure. `payment` is parsed on first access (it can throw like {@link parsePayment} if
/// a field the verdict does not read is malformed). Given bytes, it is parsed from the same
/// `Uint8Array` then, not from a copy: if the buffer was changed in between, reading
/// `payment` throws `INVALID_INPUT` instead of returning another payment.
///
/// @throws {PortOneVerifyError} the errors of {@link parsePayment} for input that cannot be
/// judged, `INVALID_ARGUMENT` (with `path`) for a bad `expected`.
#[wasm_bindgen(
    js_name = verifyPayment,
    unchecked_return_type = "Verdict & { payment: PaymentAnnotation }"
)]
pub fn verify_payment(
    #[wasm_bindgen(unchecked_param_type = "PaymentAnnotation | object | string | Uint8Array")]
    payment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Expected")] expected: JsValue,
) -> Result<JsValue, JsValue> {
    // `expected`, and the payment when it is a string or bytes, cross in one call (see
    // `super::args`); the lazy `payment` reads the string again, which cannot have changed,
    // or the caller's bytes, checked by a fingerprint.
    let args = with_args(&payment, &expected, |expected, given| match given {
        Given::Text(text) => {
            crate::verify::verify_json(text, expected).map(|verdict| (verdict, JsValue::UNDEFINED))
        }
        Given::Bytes(bytes) => crate::verify::verify_json(bytes, expected)
            .map(|verdict| (verdict, JsValue::from_f64(digest(bytes)))),
    })?;
    let (verdict, digest) = match args {
        Args::Read(read) => read?,
        Args::Other(expected) => {
            let bytes = json_bytes(&payment)?;
            (
                crate::verify_payment_json(&bytes, &expected)?,
                JsValue::UNDEFINED,
            )
        }
    };
    LAZY_PAYMENT.with(|parse| verdict_to_js(&verdict, &payment, &digest, parse))
}

/// The fingerprint of the bytes a verdict was reached on, as a number JS holds exactly.
fn digest(bytes: &[u8]) -> f64 {
    (super::fingerprint::fingerprint(bytes) >> 11) as f64
}

/// The verdict's `payment`, parsed on first access from what `verifyPayment` was given;
/// bytes only if they are still the ones the verdict was reached on.
fn lazy_payment(source: JsValue, digest_then: JsValue) -> Result<JsValue, JsValue> {
    let Some(digest_then) = digest_then.as_f64() else {
        return parse_payment(source);
    };
    let bytes = source
        .dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .unwrap_or_default();
    if digest(&bytes) != digest_then {
        let message = "the bytes given to verifyPayment changed before its `payment` was read: \
                       read `payment` first, or pass a copy";
        return Err(coded_error("INVALID_INPUT", message, Some("")).into());
    }
    JSON::parse(&crate::payment_json(&bytes)?)
}

thread_local! {
    /// `lazy_payment` as a JS function, made once per instance, for the verdicts' getters.
    static LAZY_PAYMENT: JsValue =
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(lazy_payment)
            .into_js_value();
}
