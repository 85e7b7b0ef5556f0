//! Every `PortOneClient` method reads its arguments into a [`Job`] (nothing sent yet), then one
//! function runs it on the core client: the wasm holds one async state machine for all
//! methods rather than one per method.

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::redact_js;
use super::transport::FetchTransport;
use super::PortOneClient;
use crate::client::{Answer, ApiRequest, Client};
use crate::verify::Expected;
use crate::wasm::verdict::verdict_of_canonical;

/// What a method asks for, read from its arguments.
pub(super) enum Job {
    /// One request, its answer read as `Answer`.
    Fetch(ApiRequest, Answer),
    /// `verifyPayment`.
    Verify { imp_uid: String, expected: Expected },
    /// `verifyWebhookV1`: the body's bytes and how to read them, and the caller's function
    /// giving the order.
    #[cfg(feature = "webhook")]
    Webhook {
        body: Vec<u8>,
        content_type: Option<String>,
        expected_for: js_sys::Function,
    },
}

impl PortOneClient {
    /// Runs `job` (once its arguments are read) as a Promise; every rejection is a coded
    /// `Error` with the secret and tokens redacted.
    pub(super) fn start(&self, job: impl FnOnce() -> Result<Job, JsValue>) -> Promise {
        self.spawn(job())
    }

    /// The part of [`PortOneClient::start`] that is the same for every method: kept out of
    /// line, so its async state machine exists once, not once per exported method.
    #[inline(never)]
    fn spawn(&self, job: Result<Job, JsValue>) -> Promise {
        let client = self.client.clone();
        future_to_promise(async move {
            let result = match job {
                Ok(job) => execute(&client, job).await,
                Err(err) => Err(err),
            };
            result.map_err(|err| redact_js(&client, err))
        })
    }
}

async fn execute(client: &Client<FetchTransport>, job: Job) -> Result<JsValue, JsValue> {
    match job {
        // Every answer goes through the canonical reader and one `JSON.parse`.
        Job::Fetch(request, answer) => JSON::parse(&client.answer_json(&request, answer).await?),
        Job::Verify { imp_uid, expected } => {
            let check = client.verify_payment(&imp_uid, &expected).await?;
            Ok(verdict_of_canonical(&check.verdict, check.payment_json()))
        }
        #[cfg(feature = "webhook")]
        Job::Webhook {
            body,
            content_type,
            expected_for,
        } => super::webhook::run(client, &body, content_type.as_deref(), expected_for).await,
    }
}
