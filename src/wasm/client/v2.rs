//! JS glue for the V2 REST client: the exported `PortOneClientV2` class. The client is
//! [`crate::client::v2::ClientV2`] over the same `fetch` transport as `PortOneClient`; here
//! are only its arguments and results (the jobs are run by `v2_jobs`).

use js_sys::Promise;
use wasm_bindgen::prelude::*;
#[cfg(feature = "webhook")]
use wasm_bindgen::JsCast;

use super::convert::{option_object, option_secrets, options_arg, runtime_globals, string_arg};
use super::transport::FetchTransport;
use super::v2_jobs::JobV2;
use crate::client::v2::{
    read_request_body, AnswerV2, ClientV2, GetPaymentV2Options, PortOneClientV2Options,
};
use crate::client::{check_runtime, ClientError};
use crate::types::v2::{CancelPaymentBody, GetPaymentsBody, PreRegisterPaymentBody};
use crate::wasm::args::expected_v2_from_js;
use crate::wasm::input::json_bytes;

/// A PortOne V2 REST client for servers (Cloudflare Workers, Node ≥ 18, Deno):
/// `Authorization: PortOne <apiSecret>` on every request, bounded retries of reads (never of
/// a cancellation or pre-registration), typed results, errors with a stable `code` — the
/// same transport, retry, timeout, size-cap, redaction and browser-refusal policy as
/// {@link PortOneClient}.
///
/// ```js
/// const portone = new PortOneClientV2({ apiSecret: env.PORTONE_API_SECRET, webhookSecret: env.PORTONE_WEBHOOK_SECRET });
/// const verdict = await portone.verifyPayment(paymentId, { amount: order.total });
/// if (!verdict.ok) throw new Error("payment does not match the order");
/// ```
///
/// Every method returns a Promise that rejects with a {@link PortOneClientError}.
#[wasm_bindgen]
pub struct PortOneClientV2 {
    pub(super) client: ClientV2<FetchTransport>,
}

/// Shows the configuration (secrets redacted).
impl std::fmt::Debug for PortOneClientV2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortOneClientV2")
            .field("config", self.client.config())
            .finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl PortOneClientV2 {
    /// Creates a client. Nothing is sent until the first call.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` (with `path`, e.g. `options.baseUrl`)
    /// for unusable options; `BROWSER_NOT_ALLOWED` in a browser page or worker unless
    /// `dangerouslyAllowBrowser` is set (as {@link PortOneClient}).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortOneClientV2Options")] options: JsValue,
    ) -> Result<PortOneClientV2, JsValue> {
        let secrets = option_secrets(&options, &["apiSecret", "webhookSecret"]);
        let redact =
            |err: ClientError| err.redacted(&Vec::from_iter(secrets.iter().map(String::as_str)));
        let config = option_object::<PortOneClientV2Options>(&options, "apiSecret")
            .and_then(PortOneClientV2Options::validate)
            .map_err(redact)?;
        check_runtime(runtime_globals(), config.allow_browser)?;
        Ok(PortOneClientV2 {
            client: ClientV2::new(config, FetchTransport),
        })
    }

    /// `GET /payments/{paymentId}?storeId=`: the V2 payment (narrow it on `status`).
    ///
    /// @throws {PortOneClientError} `NOT_FOUND` (`portoneType` `PAYMENT_NOT_FOUND`),
    /// `FORBIDDEN` (another store), and the codes every call can fail with.
    #[wasm_bindgen(js_name = getPayment, unchecked_return_type = "Promise<Payment>")]
    pub fn get_payment(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GetPaymentV2Options")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: GetPaymentV2Options = options_arg(&options, "options")?;
            let payment_id = string_arg(&payment_id, "paymentId")?;
            let request = self
                .client
                .get_payment_request(&payment_id, options.store_id.as_deref())?;
            Ok(JobV2::Fetch(request, AnswerV2::Payment))
        })
    }

    /// `GET /payments`: a page of payments, `{ items, page: { number, size, totalCount } }`.
    /// `page.number` counts from 0 (PortOne's default: page 0 of 10); `filter` narrows the
    /// list (unknown keys are refused, so a misspelt filter never lists everything).
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` for an unknown key, `INVALID_REQUEST`
    /// for a page or filter PortOne refuses, and the codes every call can fail with.
    #[wasm_bindgen(js_name = getPayments, unchecked_return_type = "Promise<GetPaymentsResponse>")]
    pub fn get_payments(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GetPaymentsBody")] request: JsValue,
    ) -> Promise {
        self.start(|| {
            let body = match request.is_undefined() || request.is_null() {
                true => "{}".to_owned(),
                false => body_arg(&request, "request", read_request_body::<GetPaymentsBody>)?,
            };
            Ok(JobV2::Fetch(
                self.client.get_payments_request_json(&body),
                AnswerV2::Payments,
            ))
        })
    }

    /// `POST /payments/{paymentId}/cancel`: cancels all (no `amount`) or part of a payment;
    /// resolves to `{ cancellation }`. Never retried after it may have reached PortOne: after
    /// a `TIMEOUT` or `NETWORK` error the cancellation may or may not have happened — check
    /// with {@link PortOneClientV2.getPayment} (and pass `currentCancellableAmount` to make a
    /// repeat safe).
    ///
    /// @throws {PortOneClientError} `API_ERROR` with `portoneType` (`PAYMENT_ALREADY_CANCELLED`,
    /// `CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN`, …), `NOT_FOUND`, `INVALID_ARGUMENT` for an
    /// unknown key, an empty `reason` or a negative amount.
    #[wasm_bindgen(js_name = cancelPayment, unchecked_return_type = "Promise<CancelPaymentResponse>")]
    pub fn cancel_payment(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CancelPaymentBody")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let payment_id = string_arg(&payment_id, "paymentId")?;
            let body = body_arg(&options, "options", read_request_body::<CancelPaymentBody>)?;
            let request = self
                .client
                .cancel_payment_request_json(&payment_id, &body)?;
            Ok(JobV2::Fetch(request, AnswerV2::Cancelled))
        })
    }

    /// `POST /payments/{paymentId}/pre-register`: registers the amount the payment must have
    /// before the buyer pays; PortOne then refuses a payment of another amount. Not retried.
    ///
    /// @throws {PortOneClientError} `API_ERROR` with `portoneType` `ALREADY_PAID`,
    /// `INVALID_REQUEST`, `INVALID_ARGUMENT` for an unknown key or a negative amount.
    #[wasm_bindgen(js_name = preRegisterPayment, unchecked_return_type = "Promise<void>")]
    pub fn pre_register_payment(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PreRegisterPaymentBody")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let payment_id = string_arg(&payment_id, "paymentId")?;
            let body = body_arg(
                &options,
                "options",
                read_request_body::<PreRegisterPaymentBody>,
            )?;
            let request = self
                .client
                .pre_register_payment_request_json(&payment_id, &body)?;
            Ok(JobV2::Fetch(request, AnswerV2::PreRegistered))
        })
    }

    /// Fetches the payment `paymentId` and verifies it against the merchant's own order (the
    /// rules of {@link verifyPaymentV2}); `expected.paymentId` defaults to `paymentId`,
    /// `expected.nowMs` to `Date.now()`. Resolves to `{ ok: true, state, payment }` or
    /// `{ ok: false, failures, payment }`; any failure to fetch or read the payment rejects,
    /// never resolves `ok: true`.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` (with `path`) for a bad `expected`,
    /// `NOT_FOUND`, `FORBIDDEN`, `INVALID_RESPONSE`, and the codes every call can fail with.
    #[wasm_bindgen(js_name = verifyPayment, unchecked_return_type = "Promise<VerdictV2>")]
    pub fn verify_payment(
        &self,
        #[wasm_bindgen(js_name = paymentId, unchecked_param_type = "string")] payment_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ExpectedV2ForClient")] expected: JsValue,
    ) -> Promise {
        self.start(|| {
            let payment_id = string_arg(&payment_id, "paymentId")?;
            let expected = expected_v2_from_js(&expected, Some(&payment_id))?;
            Ok(JobV2::Verify {
                payment_id,
                expected,
            })
        })
    }

    /// Handles a V2 webhook whole: checks its signature on the raw body with `webhookSecret`
    /// (as {@link verifyWebhookV2}), reads the body (version 2024-04-25, or 2024-01-01 as
    /// JSON or a form), asks `expectedFor(paymentId)` (sync or async) for the order's
    /// expectation, fetches the payment by that `paymentId` and verifies it. The body's own
    /// claims (`type`) never decide: a webhook saying `Transaction.Paid` for a cancelled
    /// payment resolves `ok: false`. Resolves to the verdict of
    /// {@link PortOneClientV2.verifyPayment} plus `webhookId` (process an `ok` verdict once
    /// per id: deliveries repeat) and `webhook` (the parsed body).
    ///
    /// @throws {PortOneClientError} the codes of {@link verifyWebhookV2} for a webhook that
    /// does not verify (answer 400); `WEBHOOK_WITHOUT_PAYMENT` for a signed webhook that names
    /// no payment (`BillingKey.*`: answer 200); `INVALID_ARGUMENT` (path `webhookSecret`)
    /// without the option, (path `expectedFor`) when it is not a function or returns nothing;
    /// whatever `expectedFor` throws; and the errors of {@link PortOneClientV2.verifyPayment}.
    #[wasm_bindgen(
        js_name = verifyWebhook,
        unchecked_return_type = "Promise<VerdictV2 & { webhookId: string; webhook: WebhookV2 | WebhookV2Legacy }>"
    )]
    pub fn verify_webhook(
        &self,
        #[wasm_bindgen(js_name = rawBody, unchecked_param_type = "string | Uint8Array | ArrayBuffer")]
        raw_body: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "Headers | Record<string, string | string[] | undefined>"
        )]
        headers: JsValue,
        #[wasm_bindgen(
            js_name = expectedFor,
            unchecked_param_type = "(paymentId: string) => ExpectedV2ForClient | null | undefined | Promise<ExpectedV2ForClient | null | undefined>"
        )]
        expected_for: JsValue,
    ) -> Promise {
        self.start(|| {
            #[cfg(feature = "webhook")]
            {
                let Ok(expected_for) = expected_for.dyn_into::<js_sys::Function>() else {
                    let message = "expectedFor must be a function";
                    return Err(ClientError::invalid_argument("expectedFor", message).into());
                };
                super::v2_jobs::webhook_job(&raw_body, &headers, expected_for)
            }
            #[cfg(not(feature = "webhook"))]
            {
                let _ = (raw_body, headers, expected_for);
                Err(ClientError::invalid_argument("", "built without webhooks").into())
            }
        })
    }
}

/// A request body object as checked JSON (`read`: [`read_request_body`] of its type, which
/// refuses unknown keys). Not generic: the same code for every body type.
#[inline(never)]
fn body_arg(
    value: &JsValue,
    path: &str,
    read: fn(&[u8], &str) -> Result<String, ClientError>,
) -> Result<String, JsValue> {
    if !value.is_object() {
        return Err(
            ClientError::invalid_argument(path, format!("{path} must be an object")).into(),
        );
    }
    let bytes = json_bytes(value).map_err(|_| {
        ClientError::invalid_argument(path, format!("{path} cannot be read as JSON"))
    })?;
    Ok(read(&bytes, path)?)
}

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_V2_TS: &'static str = r#"
/** What {@link PortOneClientV2.verifyPayment} and `verifyWebhook`'s `expectedFor` take: an {@link ExpectedV2} whose `paymentId` defaults to the payment asked about. */
export type ExpectedV2ForClient = Omit<ExpectedV2, "paymentId"> & { paymentId?: string };
"#;
