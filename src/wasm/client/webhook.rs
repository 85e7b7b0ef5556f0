//! `PortOneClient.verifyWebhookV1` (feature `webhook`): the body and the caller's
//! `expectedFor` converted for [`Client::verify_webhook_v1`], its result for JavaScript.

use js_sys::{Function, Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::jobs::Job;
use super::transport::FetchTransport;
use super::PortOneClient;
use crate::client::{Client, ClientError};
use crate::wasm::args::expected_from_js;
use crate::wasm::errors::set;
use crate::wasm::verdict::verdict_of_canonical;
use crate::wasm::webhook::webhook_v1_bytes;

#[wasm_bindgen]
impl PortOneClient {
    /// Handles a V1 webhook (PortOne's unsigned notification POST) safely: parses the body
    /// (raw string or bytes with its `contentType`, a `URLSearchParams`, or an object a body
    /// parser made — as {@link parseWebhookV1}), **ignores its `status`**, asks
    /// `expectedFor(merchantUid)` (sync or async) for the order's {@link Expected}, fetches
    /// the payment by the webhook's `imp_uid`, and verifies it. The fetched payment must
    /// carry the webhook's `merchant_uid` and `imp_uid` too. Resolves to the verdict of
    /// {@link PortOneClient.verifyPayment} plus `webhook` (the parsed body).
    ///
    /// Deliveries can repeat: make what you do on `ok: true` idempotent.
    ///
    /// @throws {PortOneClientError} the parse errors of {@link parseWebhookV1} for a body
    /// that is not a V1 webhook (answer 400); `INVALID_ARGUMENT` (path `expectedFor`) when
    /// `expectedFor` is not a function or returns no expectation; whatever `expectedFor`
    /// throws; and the errors of {@link PortOneClient.verifyPayment}.
    #[wasm_bindgen(
        js_name = verifyWebhookV1,
        unchecked_return_type = "Promise<Verdict & { webhook: WebhookV1 }>"
    )]
    pub fn verify_webhook_v1(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | URLSearchParams | object")]
        body: JsValue,
        #[wasm_bindgen(js_name = contentType, unchecked_param_type = "string | null | undefined")]
        content_type: JsValue,
        #[wasm_bindgen(
            js_name = expectedFor,
            unchecked_param_type = "(merchantUid: string) => Expected | null | undefined | Promise<Expected | null | undefined>"
        )]
        expected_for: JsValue,
    ) -> Promise {
        self.start(|| {
            let Ok(expected_for) = expected_for.dyn_into::<Function>() else {
                return Err(ClientError::invalid_argument(
                    "expectedFor",
                    "expectedFor must be a function",
                )
                .into());
            };
            let (body, content_type) = webhook_v1_bytes(body, content_type.as_string())?;
            Ok(Job::Webhook {
                body,
                content_type,
                expected_for,
            })
        })
    }
}

/// Runs `Job::Webhook`: the verdict of `verifyPayment` plus `webhook` (the parsed body).
pub(super) async fn run(
    client: &Client<FetchTransport>,
    body: &[u8],
    content_type: Option<&str>,
    expected_for: Function,
) -> Result<JsValue, JsValue> {
    let checked = client
        .verify_webhook_v1(body, content_type, |merchant_uid| async move {
            let merchant_uid = JsValue::from_str(&merchant_uid);
            let returned = expected_for.call1(&JsValue::UNDEFINED, &merchant_uid)?;
            let expected = JsFuture::from(Promise::resolve(&returned)).await?;
            if expected.is_undefined() || expected.is_null() {
                return Ok(None);
            }
            expected_from_js(&expected).map(Some)
        })
        .await?;
    let check = &checked.check;
    let verdict = verdict_of_canonical(&check.verdict, check.payment_json());
    set(
        &verdict,
        "webhook",
        &JSON::parse(&crate::types::Wire::to_canonical_json(&checked.webhook))?,
    );
    Ok(verdict)
}
