//! Conversions at the `PortOneClient` boundary: JavaScript arguments into Rust values, and
//! [`ClientError`]s into coded JavaScript `Error`s.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::amount::Amount;
use crate::client::{
    decode_argument, Client, ClientConfig, ClientError, FromArguments, PortOneClientOptions,
    Transport,
};
use crate::wasm::errors::{coded_error, set};
use crate::wasm::input::{amount_from_js, json_bytes};

/// Redacts a thrown JS value's `message`, `stack`, `apiMessage` and `path` (the core redacts
/// every `ClientError`; this covers whatever else rejects, e.g. a malformed `expected`).
pub(super) fn redact_js<T: Transport>(client: &Client<T>, err: JsValue) -> JsValue {
    redact_js_with(&client.redactor(), err)
}

/// [`redact_js`] with any client's redactor (V2's too); `portoneType` included.
#[inline(never)]
pub(super) fn redact_js_with(redactor: &crate::client::Redactor, err: JsValue) -> JsValue {
    for key in ["message", "stack", "apiMessage", "path", "portoneType"] {
        let clean = Reflect::get(&err, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|text| redactor.apply(&text));
        if let Some(clean) = clean {
            set(&err, key, &JsValue::from_str(&clean));
        }
    }
    err
}

impl From<ClientError> for JsValue {
    fn from(err: ClientError) -> JsValue {
        let js = coded_error(err.code().as_str(), err.message(), err.path());
        if let Some(status) = err.status() {
            set(&js, "status", &JsValue::from(status));
        }
        if let Some(api_code) = err.api_code() {
            set(&js, "apiCode", &JsValue::from_f64(api_code as f64));
        }
        if let Some(api_message) = err.api_message() {
            set(&js, "apiMessage", &JsValue::from_str(api_message));
        }
        if let Some(ms) = err.retry_after_ms() {
            set(&js, "retryAfterMs", &JsValue::from_f64(ms as f64));
        }
        if let Some(error_type) = err.portone_type() {
            set(&js, "portoneType", &JsValue::from_str(error_type));
        }
        js.into()
    }
}

pub(super) fn read_options(options: &JsValue) -> Result<ClientConfig, ClientError> {
    option_object::<PortOneClientOptions>(options, "apiKey and apiSecret")?.validate()
}

/// A constructor's option object (`needs`: what the message says it must have).
pub(super) fn option_object<T: FromArguments>(
    options: &JsValue,
    needs: &str,
) -> Result<T, ClientError> {
    if !options.is_object() {
        return Err(ClientError::invalid_argument(
            "options",
            format!("options must be an object with {needs}"),
        ));
    }
    let bytes = json_bytes(options)
        .map_err(|_| ClientError::invalid_argument("options", "options cannot be read as JSON"))?;
    decode_argument::<T>(&bytes, "options")
}

/// The texts of `options`' properties `keys` that are long enough to redact (an option error
/// never quotes a value, but is redacted all the same).
pub(super) fn option_secrets(options: &JsValue, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .filter_map(|key| {
            Reflect::get(options, &JsValue::from_str(key))
                .ok()
                .and_then(|s| s.as_string().or_else(|| js_number_text(&s)))
        })
        .filter(|s| s.chars().count() >= crate::client::MIN_SECRET_CHARS)
        .collect()
}

/// The runtime's globals, for [`check_runtime`](crate::client::check_runtime).
pub(super) fn runtime_globals() -> crate::client::RuntimeGlobals {
    let global = js_sys::global();
    let get = |name: &str| Reflect::get(&global, &JsValue::from_str(name)).ok();
    let defined = |name: &str| get(name).is_some_and(|v| !v.is_undefined());
    crate::client::RuntimeGlobals {
        window: defined("window"),
        document: defined("document"),
        import_scripts: get("importScripts").is_some_and(|v| v.is_function()),
    }
}

/// A JS number as JavaScript writes it (`String(n)`), without Rust's float formatting.
pub(super) fn js_number_text(value: &JsValue) -> Option<String> {
    value.as_f64()?;
    let text = value
        .unchecked_ref::<js_sys::Number>()
        .to_string_with_radix(10)
        .ok()?;
    Some(String::from(text))
}

pub(super) fn string_arg(value: &JsValue, path: &str) -> Result<String, ClientError> {
    value
        .as_string()
        .ok_or_else(|| ClientError::invalid_argument(path, format!("{path} must be a string")))
}

/// An options object: `undefined`/`null` give the defaults.
pub(super) fn options_arg<T: FromArguments>(value: &JsValue, path: &str) -> Result<T, ClientError> {
    match options_json(value, path)? {
        None => Ok(T::default()),
        Some(bytes) => decode_argument(&bytes, path),
    }
}

/// An options object's JSON text, `None` for `undefined`/`null` (out of line: the same for
/// every option type).
#[inline(never)]
fn options_json(value: &JsValue, path: &str) -> Result<Option<Vec<u8>>, ClientError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || value.is_instance_of::<Uint8Array>() || js_sys::Array::is_array(value)
    {
        return Err(ClientError::invalid_argument(
            path,
            format!("{path} must be an object"),
        ));
    }
    json_bytes(value)
        .map(Some)
        .map_err(|_| ClientError::invalid_argument(path, format!("{path} cannot be read as JSON")))
}

pub(super) fn amount_arg(value: &JsValue, path: &str) -> Result<Amount, ClientError> {
    amount_from_js(value).ok_or_else(|| {
        ClientError::invalid_argument(
            path,
            format!("{path} must be a finite number or a decimal string"),
        )
    })
}

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &'static str = r#"
/** Errors of {@link PortOneClient}: a real `Error` with a stable `code`. */
export interface PortOneClientError extends Error {
  name: "PortOneVerifyError";
  /** Stable code to branch on (`ErrorCode` values come from the payment verdict's input checks). */
  code: ClientErrorCode | ErrorCode;
  /** HTTP status, when PortOne answered. */
  status?: number;
  /** The argument (e.g. "options.page") or response field (e.g. "response.amount") concerned. */
  path?: string;
  /** PortOne's envelope `code`, when its answer had one. */
  apiCode?: number;
  /** PortOne's envelope `message` (V2: the error body's `message`), when its answer had one. */
  apiMessage?: string | null;
  /** The delay PortOne asked for with `Retry-After` (429, 5xx), in milliseconds. */
  retryAfterMs?: number;
  /** {@link PortOneClientV2}: the `type` of PortOne's V2 error body (`PAYMENT_NOT_FOUND`, `ALREADY_PAID`, …), kept as sent. */
  portoneType?: string;
}
"#;
