//! Errors cross into JavaScript as real `Error`s with a stable `code` (and `path`), all made by
//! one JS function, `codedError` in `errors.js`: Rust's [`coded_error`] calls it, and so does
//! `args.js` for the checks it makes itself.

use js_sys::{Error, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::ParseError;

#[wasm_bindgen(module = "/src/wasm/errors.js")]
extern "C" {
    /// The one constructor of coded errors (`args.js` uses it too).
    #[wasm_bindgen(js_name = codedError)]
    fn coded_error_js(code: &str, message: &str, path: Option<&str>) -> Error;
}

/// Builds `new Error(message)` named `PortOneVerifyError` with `code` and, when given, `path`.
pub(crate) fn coded_error(code: &str, message: &str, path: Option<&str>) -> Error {
    coded_error_js(code, message, path)
}

/// `INVALID_ARGUMENT` for the property `field` of `expected`.
pub(crate) fn invalid_expected(field: &str, message: &str) -> JsValue {
    coded_error(
        "INVALID_ARGUMENT",
        message,
        Some(&format!("expected.{field}")),
    )
    .into()
}

/// Sets a property; setting on a fresh `Error` cannot fail, and if it did the error would
/// still be thrown, only without that property.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

impl From<ParseError> for JsValue {
    fn from(err: ParseError) -> JsValue {
        let js = coded_error(err.code().as_str(), err.message(), Some(err.path()));
        if let Some(api_code) = err.api_code() {
            set(&js, "apiCode", &JsValue::from_f64(api_code as f64));
            set(
                &js,
                "apiMessage",
                &err.api_message().map_or(JsValue::NULL, JsValue::from_str),
            );
        }
        js.into()
    }
}

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &'static str = r#"
/** Every error this package throws: a real `Error` with a stable `code`. */
export interface PortOneVerifyError extends Error {
  name: "PortOneVerifyError";
  /** Stable code to branch on. */
  code: ErrorCode;
  /** Dotted path of the offending field ("" for the whole input), e.g. "response.amount". */
  path?: string;
  /** PortOne's own `code` when `code` is "API_ERROR". */
  apiCode?: number;
  /** PortOne's own `message` when `code` is "API_ERROR". */
  apiMessage?: string | null;
}
"#;
