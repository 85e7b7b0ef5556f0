//! JS glue for webhooks: `parseWebhookV1` and `verifyWebhookV2`.

use js_sys::{ArrayBuffer, Function, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::{coded_error, set};
use super::input::json_bytes;
use super::webhook_args::read_request;
use crate::webhook::{SignedWebhook, VerificationFailure, WebhookError, WebhookV1, WebhookV2};

/// Parses a V1 webhook body (PortOne's notification POST): the raw body as a string or
/// bytes, a `URLSearchParams`, or the object a body parser already made. `contentType` (the
/// request's `Content-Type`) picks JSON or form for raw bodies; without it a body starting
/// with `{` is JSON.
///
/// V1 webhooks are **unsigned**: the result only says which payment to look at. Fetch the
/// payment by `imp_uid` and verify it; never act on `status`.
///
/// @throws {PortOneVerifyError} `MISSING_FIELD` / `INVALID_FIELD` (with `path`) for an
/// absent or empty `imp_uid` / `merchant_uid`, `INVALID_JSON`, or `INVALID_INPUT`.
#[wasm_bindgen(js_name = parseWebhookV1, unchecked_return_type = "WebhookV1")]
pub fn parse_webhook_v1(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | URLSearchParams | object")]
    body: JsValue,
    #[wasm_bindgen(js_name = contentType)] content_type: Option<String>,
) -> Result<JsValue, JsValue> {
    Ok(read_webhook_v1(body, content_type)?.1)
}

/// [`parse_webhook_v1`]'s reading: the parsed webhook and the JavaScript object made from it.
fn read_webhook_v1(
    body: JsValue,
    content_type: Option<String>,
) -> Result<(WebhookV1, JsValue), JsValue> {
    let (bytes, content_type) = webhook_v1_bytes(body, content_type)?;
    let webhook = crate::webhook::parse_webhook_v1(&bytes, content_type.as_deref())?;
    let js = JSON::parse(&crate::types::Wire::to_canonical_json(&webhook))?;
    Ok((webhook, js))
}

/// A V1 webhook body as bytes and the content type to read them with: a `URLSearchParams`
/// as a form, a string or bytes as given, any other object (made by a body parser) as JSON.
/// Also for `PortOneClient.verifyWebhookV1`.
pub(crate) fn webhook_v1_bytes(
    body: JsValue,
    content_type: Option<String>,
) -> Result<(Vec<u8>, Option<String>), JsValue> {
    Ok(if is_url_search_params(&body) {
        let query = String::from(body.unchecked_ref::<Object>().to_string());
        (
            query.into_bytes(),
            Some("application/x-www-form-urlencoded".to_owned()),
        )
    } else if body.is_string()
        || body.is_instance_of::<Uint8Array>()
        || body.is_instance_of::<ArrayBuffer>()
    {
        (json_bytes(&body)?, content_type)
    } else {
        // An object made by a body parser (from JSON or from a form): read it as JSON.
        (json_bytes(&body)?, Some("application/json".to_owned()))
    })
}

/// Verifies a V2 webhook exactly as PortOne's `@portone/server-sdk` `Webhook.verify` does
/// (same decisions, same order, same reasons) and returns its typed body. Synchronous.
///
/// - `secret`: the console's webhook secret (`whsec_…` or bare base64), or the raw key bytes.
/// - `rawBody`: the request body exactly as received (`await request.text()`); never
///   `JSON.stringify` of a parsed body, which changes the bytes.
/// - `headers`: a `Headers` object or a plain object (Node's `req.headers`); names are
///   case-insensitive.
/// - `options.now`: the current time in milliseconds since the epoch (default `Date.now()`);
///   the timestamp may be at most 5 minutes away either way.
///
/// Verified does not mean paid: fetch the payment by `data.paymentId` before acting, and use
/// the `webhook-id` header to process a repeated delivery once.
///
/// @throws {PortOneVerifyError} with `code` (and `reason`) `MISSING_REQUIRED_HEADERS`,
/// `TIMESTAMP_TOO_OLD`, `TIMESTAMP_TOO_NEW`, `INVALID_SIGNATURE` (unparsable timestamp) or
/// `NO_MATCHING_SIGNATURE`: reject the request. `INVALID_SECRET` for a secret that is empty,
/// not base64 or of the wrong type (checked only after the headers and the timestamp, as in
/// the SDK; the message never contains the secret). `INVALID_INPUT` for a `rawBody` that is
/// not a string or bytes, `INVALID_ARGUMENT` for a bad `options.now`, and the errors of JSON
/// parsing (`INVALID_JSON`, `MISSING_FIELD`, …) for a validly signed body that is not a V2
/// webhook.
#[wasm_bindgen(js_name = verifyWebhookV2, unchecked_return_type = "WebhookV2")]
pub fn verify_webhook_v2(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] secret: JsValue,
    #[wasm_bindgen(js_name = rawBody, unchecked_param_type = "string | Uint8Array | ArrayBuffer")]
    raw_body: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "Headers | Record<string, string | string[] | undefined>"
    )]
    headers: JsValue,
    options: Option<VerifyWebhookV2Options>,
) -> Result<JsValue, JsValue> {
    let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
    let json = read_request(&secret, &raw_body, &headers, &options, |request| {
        let now = now_seconds(request.now_ms);
        let signed = SignedWebhook::check(&request.headers, request.body, now)
            .map_err(WebhookError::from)?;
        let Some(given) = request.secret else {
            return Err(coded_error(
                "INVALID_SECRET",
                "secret must be a string or a Uint8Array",
                Some("secret"),
            )
            .into());
        };
        let secret = given.keyed().map_err(WebhookError::from)?;
        signed.verify(&secret).map_err(WebhookError::from)?;
        Ok(<WebhookV2 as crate::types::Wire>::canonical_json(
            request.body,
        )?)
    })?;
    JSON::parse(&json)
}

#[wasm_bindgen]
extern "C" {
    /// `{ now?: number }` (declared in the custom section below); typed so that the
    /// parameter is optional in the .d.ts.
    #[wasm_bindgen(typescript_type = "VerifyWebhookV2Options")]
    pub type VerifyWebhookV2Options;
}

/// `Math.floor(now / 1000)` for `now` in milliseconds (`webhook.js` checked it is finite).
fn now_seconds(now_ms: f64) -> i64 {
    // Saturating float-to-int conversion; any value this far out fails the window anyway.
    #[allow(clippy::cast_possible_truncation)]
    let seconds = (now_ms / 1000.0).floor() as i64;
    seconds
}

/// By constructor name: `instanceof` needs a web-sys feature, and a null-prototype object
/// has no constructor at all.
fn is_url_search_params(value: &JsValue) -> bool {
    value.is_object()
        && Reflect::get(value, &JsValue::from_str("constructor"))
            .ok()
            .and_then(|c| c.dyn_into::<Function>().ok())
            .is_some_and(|c| c.name() == "URLSearchParams")
}

impl From<WebhookError> for JsValue {
    fn from(err: WebhookError) -> JsValue {
        match err {
            WebhookError::Verification(reason) => verification_error(reason),
            WebhookError::InvalidSecret(secret_error) => {
                coded_error(err.code(), secret_error.message(), Some("secret")).into()
            }
            WebhookError::Body(err) => err.into(),
        }
    }
}

/// `code` and `reason` are both the SDK's reason, so code written for the SDK's
/// `WebhookVerificationError` (`err.reason`) keeps working.
fn verification_error(reason: VerificationFailure) -> JsValue {
    let err = coded_error(reason.as_str(), reason.message(), None);
    set(&err, "reason", &JsValue::from_str(reason.as_str()));
    err.into()
}

#[wasm_bindgen(typescript_custom_section)]
const WEBHOOK_TS: &'static str = r#"
/** Why {@link verifyWebhookV2} rejected a webhook: the official SDK's `WebhookVerificationFailureReason`. */
export type WebhookVerificationFailureReason =
  | "MISSING_REQUIRED_HEADERS"
  | "NO_MATCHING_SIGNATURE"
  | "INVALID_SIGNATURE"
  | "TIMESTAMP_TOO_OLD"
  | "TIMESTAMP_TOO_NEW";

/** Options of {@link verifyWebhookV2}. */
export interface VerifyWebhookV2Options {
  /** The current time in milliseconds since the epoch (default `Date.now()`). */
  now?: number;
}

/** What {@link verifyWebhookV2} throws when verification fails (reject the request). */
export interface WebhookVerificationError extends Error {
  name: "PortOneVerifyError";
  /** The failure reason. */
  code: WebhookVerificationFailureReason;
  /** The same reason, under the name the official SDK's error uses. */
  reason: WebhookVerificationFailureReason;
}
"#;
