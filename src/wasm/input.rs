//! Reading JSON input from JavaScript (object, string, `Uint8Array`, `ArrayBuffer`). Results
//! go back as JSON text written in Rust without serde (canonical JSON or `json_writer`) for
//! one `JSON.parse`: for objects of this size that is faster than building them property by
//! property across the boundary.

use js_sys::{ArrayBuffer, JsString, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::coded_error;
use crate::amount::Amount;

/// The bytes of a raw body: a string (as UTF-8), a `Uint8Array` or an `ArrayBuffer`.
pub(crate) fn raw_bytes(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return Some(text.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Some(bytes.to_vec());
    }
    value
        .dyn_ref::<ArrayBuffer>()
        .map(|buffer| Uint8Array::new(buffer).to_vec())
}

/// The text of a redirect URL (a string, a `URL`: its `href`) or its query (a string, a
/// `URLSearchParams`: its `toString()`); `INVALID_INPUT` for anything else.
pub(crate) fn query_text(input: &JsValue) -> Result<String, JsValue> {
    match input.as_string() {
        Some(text) => Ok(text),
        None if input.is_object() => {
            // URL has `href`; URLSearchParams (and URL) stringify to their query text.
            let href = js_sys::Reflect::get(input, &JsValue::from_str("href"))
                .ok()
                .and_then(|h| h.as_string());
            Ok(href.unwrap_or_else(|| {
                String::from(input.unchecked_ref::<js_sys::Object>().to_string())
            }))
        }
        None => {
            let message = "expected a URL or a query string";
            Err(coded_error("INVALID_INPUT", message, Some("")).into())
        }
    }
}

/// The UTF-8 JSON text of `value`: strings and bytes as given, other objects through
/// [`object_json`].
pub(crate) fn json_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(bytes) = raw_bytes(value) {
        return Ok(bytes);
    }
    Ok(String::from(object_json(value)?).into_bytes())
}

/// `JSON.stringify(value)` (through its `toJSON`, if any) of an object; numbers print in their
/// shortest exact form, so no digit is lost. `INVALID_INPUT` for anything else.
pub(crate) fn object_json(value: &JsValue) -> Result<JsString, JsValue> {
    if !value.is_object() {
        let message = "expected an object, a JSON string or UTF-8 bytes";
        return Err(coded_error("INVALID_INPUT", message, Some("")).into());
    }
    match JSON::stringify(value) {
        Ok(text) if text.is_string() => Ok(text),
        _ => {
            let message = "the object cannot be turned into JSON";
            Err(coded_error("INVALID_INPUT", message, Some("")).into())
        }
    }
}

/// An amount from JavaScript: a finite number (through the engine's own shortest decimal
/// form, the digits `JSON.stringify` prints) or a decimal string.
#[cfg(feature = "client")]
pub(crate) fn amount_from_js(value: &JsValue) -> Option<Amount> {
    if let Some(number) = value.as_f64() {
        return amount_from_number(number, || {
            let text = js_sys::Number::from(number).to_string_with_radix(10).ok()?;
            Some(String::from(text))
        });
    }
    Amount::parse(value.as_string()?.trim())
}

/// An amount from a JavaScript number; `js_text` is the engine's shortest decimal form of
/// it, asked for only when Rust cannot print the same digits itself.
pub(crate) fn amount_from_number(
    number: f64,
    js_text: impl FnOnce() -> Option<String>,
) -> Option<Amount> {
    if !number.is_finite() {
        return None;
    }
    // A whole number below 2^53 (every KRW amount) prints the same digits in Rust as in
    // JavaScript, without two crossings and a string.
    if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)]
        return Some(Amount::from_i64(number as i64));
    }
    Amount::parse(&js_text()?)
}
