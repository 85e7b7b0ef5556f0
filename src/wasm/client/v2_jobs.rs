//! Every `PortOneClientV2` method reads its arguments into a [`JobV2`] (nothing sent yet),
//! then `jobs::spawn`, the runner `PortOneClient` uses too, runs it on the core client (one
//! async state machine for all methods of both clients).

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;

use super::jobs::{spawn, Work};
use super::transport::FetchTransport;
use super::v2::PortOneClientV2;
use crate::client::v2::{AnswerV2, ClientV2};
use crate::client::ApiRequest;
use crate::verify::ExpectedV2;
use crate::wasm::verdict::verdict_of_canonical;

/// What a method asks for, read from its arguments.
pub(super) enum JobV2 {
    /// One request, its answer read as `AnswerV2`.
    Fetch(ApiRequest, AnswerV2),
    /// `verifyPayment`.
    Verify {
        payment_id: String,
        expected: ExpectedV2,
    },
    /// `verifyWebhook`: the raw body, its headers, and the caller's function giving the order.
    #[cfg(feature = "webhook")]
    Webhook {
        body: Vec<u8>,
        headers: crate::webhook::WebhookHeaders,
        content_type: Option<String>,
        expected_for: js_sys::Function,
    },
}

impl PortOneClientV2 {
    /// Runs `job` (once its arguments are read) as a Promise on the one job runner shared
    /// with `PortOneClient` ([`spawn`]); every rejection is a coded `Error` with the secrets
    /// redacted.
    pub(super) fn start(&self, job: impl FnOnce() -> Result<JobV2, JsValue>) -> Promise {
        spawn(Work::V2(self.client.clone(), job()))
    }
}

/// Redacts a thrown JS value's texts with the client's secrets (see `convert::redact_js`).
pub(super) fn redact_js(client: &ClientV2<FetchTransport>, err: JsValue) -> JsValue {
    super::convert::redact_js_with(&client.redactor(), err)
}

pub(super) async fn execute(
    client: &ClientV2<FetchTransport>,
    job: JobV2,
) -> Result<JsValue, JsValue> {
    match job {
        // One await for every answer (each await of the same future is its own copy of its
        // states); a pre-registration resolves to `undefined`.
        JobV2::Fetch(request, answer) => {
            let nothing = matches!(answer, AnswerV2::PreRegistered);
            let json = client.answer_json(&request, answer).await?;
            if nothing {
                Ok(JsValue::UNDEFINED)
            } else {
                JSON::parse(&json)
            }
        }
        JobV2::Verify {
            payment_id,
            expected,
        } => {
            let check = client.verify_payment(&payment_id, &expected).await?;
            Ok(verdict_of_canonical(&check.verdict, check.payment_json()))
        }
        #[cfg(feature = "webhook")]
        JobV2::Webhook {
            body,
            headers,
            content_type,
            expected_for,
        } => {
            webhook::run(
                client,
                &body,
                &headers,
                content_type.as_deref(),
                expected_for,
            )
            .await
        }
    }
}

#[cfg(feature = "webhook")]
pub(super) use webhook::webhook_job;

#[cfg(feature = "webhook")]
mod webhook {
    use js_sys::{Function, Promise, Reflect, JSON};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use super::{ClientV2, FetchTransport, JobV2};
    use crate::client::ClientError;
    use crate::wasm::args::expected_v2_from_js;
    use crate::wasm::errors::set;
    use crate::wasm::verdict::verdict_of_canonical;
    use crate::wasm::webhook_args::read_request;
    use crate::webhook::WebhookError;

    /// `verifyWebhook`'s arguments.
    pub(in crate::wasm::client) fn webhook_job(
        raw_body: &JsValue,
        headers: &JsValue,
        expected_for: Function,
    ) -> Result<JobV2, JsValue> {
        let none = &JsValue::UNDEFINED;
        let (body, headers_read) = read_request(none, raw_body, headers, none, |request| {
            Ok((request.body.to_vec(), request.headers))
        })?;
        Ok(JobV2::Webhook {
            body,
            headers: headers_read,
            content_type: content_type(headers),
            expected_for,
        })
    }

    /// The `content-type` of a `Headers` object or of a plain object (any case).
    fn content_type(headers: &JsValue) -> Option<String> {
        if !headers.is_object() {
            return None;
        }
        let get = Reflect::get(headers, &JsValue::from_str("get")).ok();
        if let Some(get) = get.and_then(|g| g.dyn_into::<Function>().ok()) {
            return get
                .call1(headers, &JsValue::from_str("content-type"))
                .ok()
                .and_then(|v| v.as_string());
        }
        let entries = js_sys::Object::entries(headers.unchecked_ref());
        entries.iter().find_map(|entry| {
            let entry: js_sys::Array = entry.unchecked_into();
            let name = entry.get(0).as_string()?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| entry.get(1).as_string())
                .flatten()
        })
    }

    /// Errors of the flow: the client's, or the webhook's (signature, body).
    struct FlowError(JsValue);

    impl From<ClientError> for FlowError {
        fn from(err: ClientError) -> Self {
            FlowError(err.into())
        }
    }

    impl From<WebhookError> for FlowError {
        fn from(err: WebhookError) -> Self {
            FlowError(err.into())
        }
    }

    impl From<JsValue> for FlowError {
        fn from(err: JsValue) -> Self {
            FlowError(err)
        }
    }

    /// Runs `JobV2::Webhook`: the verdict plus `webhookId` and `webhook`.
    pub(super) async fn run(
        client: &ClientV2<FetchTransport>,
        body: &[u8],
        headers: &crate::webhook::WebhookHeaders,
        content_type: Option<&str>,
        expected_for: Function,
    ) -> Result<JsValue, JsValue> {
        let checked = client
            .verify_webhook(body, headers, content_type, |payment_id| async move {
                let id = JsValue::from_str(&payment_id);
                let returned = expected_for.call1(&JsValue::UNDEFINED, &id)?;
                let expected = JsFuture::from(Promise::resolve(&returned)).await?;
                if expected.is_undefined() || expected.is_null() {
                    return Ok::<_, FlowError>(None);
                }
                Ok(Some(expected_v2_from_js(&expected, Some(&payment_id))?))
            })
            .await
            .map_err(|FlowError(err)| err)?;
        let check = &checked.check;
        let verdict = verdict_of_canonical(&check.verdict, check.payment_json());
        set(
            &verdict,
            "webhookId",
            &JsValue::from_str(&checked.webhook_id),
        );
        let webhook = JSON::parse(checked.webhook_json())?;
        set(&verdict, "webhook", &webhook);
        Ok(verdict)
    }
}
