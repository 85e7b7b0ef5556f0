//! Reading JSON input from JavaScript (object, string, `Uint8Array`, `ArrayBuffer`) and
//! handing results back.

use js_sys::{ArrayBuffer, Uint8Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::coded_error;

/// The UTF-8 JSON text of `value`: strings and bytes as given, other objects through
/// `JSON.stringify` (numbers print in their shortest exact form, so no digit is lost).
pub(crate) fn json_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    if value.is_object() {
        let text = JSON::stringify(value).map_err(|_| {
            coded_error(
                "INVALID_INPUT",
                "the object cannot be turned into JSON",
                Some(""),
            )
        })?;
        return Ok(String::from(text).into_bytes());
    }
    Err(coded_error(
        "INVALID_INPUT",
        "expected an object, a JSON string or UTF-8 bytes",
        Some(""),
    )
    .into())
}

/// Serialises to JSON in Rust and parses it in JavaScript: for objects of this size that is
/// faster than building them property by property across the boundary.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| coded_error("INVALID_INPUT", &e.to_string(), Some("")))?;
    JSON::parse(&text)
}
