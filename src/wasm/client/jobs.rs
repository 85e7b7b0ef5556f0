//! Every `PortOneClient` and `PortOneClientV2` method reads its arguments into a job (nothing
//! sent yet), then one function runs it on its core client: the wasm holds one async state
//! machine (one `future_to_promise`) for all methods of both clients rather than one per
//! method or per client.

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::redact_js;
use super::transport::FetchTransport;
use super::v2_jobs::JobV2;
use super::PortOneClient;
use crate::client::v2::ClientV2;
use crate::client::{Answer, ApiRequest, Client};
use crate::verify::Expected;
use crate::wasm::verdict::verdict_of_canonical;

/// What a `PortOneClient` method asks for, read from its arguments.
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

/// A job and the client that runs it (V1's or V2's); `Err` when its arguments were refused.
pub(super) enum Work {
    V1(Client<FetchTransport>, Result<Job, JsValue>),
    V2(ClientV2<FetchTransport>, Result<JobV2, JsValue>),
}

/// Runs `work` as a Promise; every rejection is a coded `Error` with the client's secrets and
/// tokens redacted. Out of line and not generic: its async state machine exists once.
#[inline(never)]
pub(super) fn spawn(work: Work) -> Promise {
    future_to_promise(async move {
        match work {
            Work::V1(client, job) => {
                let result = match job {
                    Ok(job) => execute(&client, job).await,
                    Err(err) => Err(err),
                };
                result.map_err(|err| redact_js(&client, err))
            }
            Work::V2(client, job) => {
                let result = match job {
                    Ok(job) => super::v2_jobs::execute(&client, job).await,
                    Err(err) => Err(err),
                };
                result.map_err(|err| super::v2_jobs::redact_js(&client, err))
            }
        }
    })
}

impl PortOneClient {
    /// Runs `job` (once its arguments are read) as a Promise (see [`spawn`]).
    pub(super) fn start(&self, job: impl FnOnce() -> Result<Job, JsValue>) -> Promise {
        spawn(Work::V1(self.client.clone(), job()))
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
