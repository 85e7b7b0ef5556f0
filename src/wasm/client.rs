//! JS glue for the V1 REST client: the exported `PortOneClient` class.
//!
//! Everything decidable without I/O is in [`crate::client`]; this file only calls the
//! global `fetch` (never `window`, so it runs in Cloudflare Workers and Node), arms
//! `AbortController` timeouts and `setTimeout` backoffs, shares one in-flight token request
//! between concurrent calls, and converts values and errors.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use js_sys::{Date, Function, Math, Promise, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, Headers, RequestInit, Response};

use super::errors::{coded_error, set};
use super::input::json_bytes;
use crate::client::{
    check_runtime, decode_argument, endpoints, response, ApiRequest, Attempts,
    BillingKeyPaymentsOptions, CancelPaymentRequest, ClientConfig, ClientError, ClientErrorCode,
    FindAllPaymentsOptions, FindPaymentOptions, FromArguments, GetPaymentOptions, GetPaymentsQuery,
    Next, PaymentsByStatusOptions, PortOneClientOptions, PreparePaymentOptions, TokenCache,
};
use crate::types::AuthAnnotation;
use crate::{Amount, Expected};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (Workers, Node ≥ 18, Deno, browsers).
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    /// The global `setTimeout`.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// How many recently issued tokens are remembered for redacting error messages.
const REMEMBERED_TOKENS: usize = 4;

/// A PortOne V1 REST client for servers (Cloudflare Workers, Node ≥ 18, Deno): one access
/// token shared by all calls and refreshed before it expires, bounded retries of reads,
/// typed results and errors with a stable `code`.
///
/// ```js
/// const client = new PortOneClient({ apiKey: env.IMP_KEY, apiSecret: env.IMP_SECRET });
/// const verdict = await client.verifyPayment(impUid, { merchantUid: order.id, amount: order.total });
/// if (!verdict.ok) throw new Error("payment does not match the order");
/// ```
///
/// Every method returns a Promise that rejects with a {@link PortOneClientError}.
#[wasm_bindgen]
pub struct PortOneClient {
    inner: Rc<Inner>,
}

/// Shows the configuration (secret redacted), never a token.
impl std::fmt::Debug for PortOneClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortOneClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

struct Inner {
    config: ClientConfig,
    tokens: RefCell<TokenCache>,
    inflight: RefCell<Option<TokenFetch>>,
    /// Tokens issued to this client lately, redacted from every error.
    issued: RefCell<Vec<String>>,
}

/// A token request in flight: its promise (never rejects) and its outcome once settled.
#[derive(Clone)]
struct TokenFetch {
    promise: Promise,
    outcome: Rc<RefCell<Option<Result<String, ClientError>>>>,
}

/// What the transport received.
struct Received {
    status: u16,
    body: Vec<u8>,
    retry_after_ms: Option<u64>,
}

#[wasm_bindgen]
impl PortOneClient {
    /// Creates a client. Nothing is sent until the first call.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` (with `path`, e.g. `options.baseUrl`)
    /// for unusable options; `BROWSER_NOT_ALLOWED` where `window` and `document` exist and
    /// `dangerouslyAllowBrowser` is not set.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortOneClientOptions")] options: JsValue,
    ) -> Result<PortOneClient, JsValue> {
        let secret = Reflect::get(&options, &JsValue::from_str("apiSecret"))
            .ok()
            .and_then(|s| s.as_string().or_else(|| js_number_text(&s)))
            .unwrap_or_default();
        let config = read_options(&options).map_err(|e| e.redacted(&[&secret]))?;
        let has = |name: &str| {
            Reflect::get(&js_sys::global(), &JsValue::from_str(name))
                .is_ok_and(|v| !v.is_undefined())
        };
        check_runtime(has("window"), has("document"), config.allow_browser)?;
        Ok(PortOneClient {
            inner: Rc::new(Inner {
                config,
                tokens: RefCell::new(TokenCache::new()),
                inflight: RefCell::new(None),
                issued: RefCell::new(Vec::new()),
            }),
        })
    }

    /// `GET /payments/{imp_uid}`: the payment with this PortOne id. Test-channel payments
    /// are found only with `includeSandbox: true`.
    ///
    /// @throws {PortOneClientError} `NOT_FOUND`, and the codes every call can fail with.
    #[wasm_bindgen(js_name = getPayment, unchecked_return_type = "Promise<PaymentAnnotation>")]
    pub fn get_payment(
        &self,
        #[wasm_bindgen(js_name = impUid, unchecked_param_type = "string")] imp_uid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GetPaymentOptions")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: GetPaymentOptions = options_arg(&options, "options")?;
            let request = endpoints::get_payment(&string_arg(&imp_uid, "impUid")?, &options)?;
            Ok(Job::Fetch(request, Answer::Payment))
        })
    }

    /// `GET /payments?imp_uid[]=…&merchant_uid[]=…`: up to 100 payments at once. When
    /// PortOne finds only some of them (HTTP 207) the result has `partial: true`.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` for no ids or more than 100,
    /// `NOT_FOUND` when PortOne finds none of them.
    #[wasm_bindgen(js_name = getPayments, unchecked_return_type = "Promise<PaymentsResult>")]
    pub fn get_payments(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetPaymentsQuery")] query: JsValue,
    ) -> Promise {
        self.start(|| {
            let query: GetPaymentsQuery = options_arg(&query, "query")?;
            Ok(Job::Fetch(
                endpoints::get_payments(&query)?,
                Answer::Payments,
            ))
        })
    }

    /// `GET /payments/find/{merchant_uid}/{status?}`: the order's payment (the first by
    /// `sorting`, default `-started`, when there are several).
    ///
    /// @throws {PortOneClientError} `NOT_FOUND`, and the codes every call can fail with.
    #[wasm_bindgen(js_name = findPayment, unchecked_return_type = "Promise<PaymentAnnotation>")]
    pub fn find_payment(
        &self,
        #[wasm_bindgen(js_name = merchantUid, unchecked_param_type = "string")]
        merchant_uid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FindPaymentOptions")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: FindPaymentOptions = options_arg(&options, "options")?;
            let request =
                endpoints::find_payment(&string_arg(&merchant_uid, "merchantUid")?, &options)?;
            Ok(Job::Fetch(request, Answer::Payment))
        })
    }

    /// `GET /payments/findAll/{merchant_uid}/{status?}`: every payment of the order, paged.
    ///
    /// @throws {PortOneClientError} `NOT_FOUND`, and the codes every call can fail with.
    #[wasm_bindgen(
        js_name = findAllPayments,
        unchecked_return_type = "Promise<PagedList<PaymentAnnotation>>"
    )]
    pub fn find_all_payments(
        &self,
        #[wasm_bindgen(js_name = merchantUid, unchecked_param_type = "string")]
        merchant_uid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FindAllPaymentsOptions")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: FindAllPaymentsOptions = options_arg(&options, "options")?;
            let request =
                endpoints::find_all_payments(&string_arg(&merchant_uid, "merchantUid")?, &options)?;
            Ok(Job::Fetch(request, Answer::PaymentPage))
        })
    }

    /// `GET /payments/status/{status}`: payments in a status (`"all"`, `"ready"`, `"paid"`,
    /// `"cancelled"`, `"failed"`) within a window of at most 90 days, paged.
    ///
    /// @throws {PortOneClientError} `BAD_REQUEST` for a status or window PortOne refuses.
    #[wasm_bindgen(
        js_name = getPaymentsByStatus,
        unchecked_return_type = "Promise<PagedList<PaymentAnnotation>>"
    )]
    pub fn get_payments_by_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"all\" | PaymentStatus")] status: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PaymentsByStatusOptions")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: PaymentsByStatusOptions = options_arg(&options, "options")?;
            let request =
                endpoints::get_payments_by_status(&string_arg(&status, "status")?, &options)?;
            Ok(Job::Fetch(request, Answer::PaymentPage))
        })
    }

    /// `GET /subscribe/customers/{customer_uid}/payments`: payments made with a billing key.
    ///
    /// @throws {PortOneClientError} `NOT_FOUND` for an unknown `customerUid`.
    #[wasm_bindgen(
        js_name = getBillingKeyPayments,
        unchecked_return_type = "Promise<PagedList<PaymentAnnotation>>"
    )]
    pub fn get_billing_key_payments(
        &self,
        #[wasm_bindgen(js_name = customerUid, unchecked_param_type = "string")]
        customer_uid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "BillingKeyPaymentsOptions")]
        options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: BillingKeyPaymentsOptions = options_arg(&options, "options")?;
            let request = endpoints::get_billing_key_payments(
                &string_arg(&customer_uid, "customerUid")?,
                &options,
            )?;
            Ok(Job::Fetch(request, Answer::PaymentPage))
        })
    }

    /// `GET /payments/{imp_uid}/balance`: the amount breakdown (PAYCO payments).
    ///
    /// @throws {PortOneClientError} `NOT_FOUND`, and the codes every call can fail with.
    #[wasm_bindgen(js_name = getPaymentBalance, unchecked_return_type = "Promise<PaymentBalance>")]
    pub fn get_payment_balance(
        &self,
        #[wasm_bindgen(js_name = impUid, unchecked_param_type = "string")] imp_uid: JsValue,
    ) -> Promise {
        self.start(|| {
            let request = endpoints::get_payment_balance(&string_arg(&imp_uid, "impUid")?)?;
            Ok(Job::Fetch(request, Answer::Balance))
        })
    }

    /// `POST /payments/cancel`: cancels all (no `amount`, or `0`) or part of a payment and
    /// resolves to the updated payment. Never retried after it may have reached PortOne:
    /// after a `TIMEOUT` or `NETWORK` error the cancellation may or may not have happened —
    /// check with {@link PortOneClient.getPayment} (and pass `checksum` to make a repeated
    /// cancellation safe).
    ///
    /// @throws {PortOneClientError} `API_ERROR` when PortOne refuses (e.g. already
    /// cancelled), `INVALID_ARGUMENT` without `impUid`/`merchantUid` or for an unknown key.
    #[wasm_bindgen(js_name = cancelPayment, unchecked_return_type = "Promise<PaymentAnnotation>")]
    pub fn cancel_payment(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "CancelPaymentRequest & ({ impUid: string } | { merchantUid: string })"
        )]
        request: JsValue,
    ) -> Promise {
        self.start(|| {
            if !request.is_object() {
                return Err(
                    ClientError::invalid_argument("request", "request must be an object").into(),
                );
            }
            let request: CancelPaymentRequest = options_arg(&request, "request")?;
            Ok(Job::Fetch(
                endpoints::cancel_payment(&request)?,
                Answer::Payment,
            ))
        })
    }

    /// `POST /payments/prepare`: registers the amount of an order; PortOne then stops any
    /// `IMP.request_pay` for this `merchantUid` with another amount. Not retried.
    ///
    /// @throws {PortOneClientError} `API_ERROR` when PortOne refuses (e.g. already
    /// registered), `INVALID_ARGUMENT` for a bad amount.
    #[wasm_bindgen(js_name = preparePayment, unchecked_return_type = "Promise<PaymentPrepareAnnotation>")]
    pub fn prepare_payment(
        &self,
        #[wasm_bindgen(js_name = merchantUid, unchecked_param_type = "string")]
        merchant_uid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string")] amount: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PreparePaymentOptions")] options: JsValue,
    ) -> Promise {
        self.start(|| {
            let options: PreparePaymentOptions = options_arg(&options, "options")?;
            let amount = amount_arg(&amount, "amount")?;
            let merchant_uid = string_arg(&merchant_uid, "merchantUid")?;
            let request =
                endpoints::prepare_payment(&merchant_uid, &amount, options.currency.as_deref())?;
            Ok(Job::Fetch(request, Answer::Prepared))
        })
    }

    /// `GET /payments/prepare/{merchant_uid}`: the amount registered for an order.
    ///
    /// @throws {PortOneClientError} `NOT_FOUND` / `API_ERROR` when nothing is registered.
    #[wasm_bindgen(
        js_name = getPreparedPayment,
        unchecked_return_type = "Promise<PaymentPrepareAnnotation>"
    )]
    pub fn get_prepared_payment(
        &self,
        #[wasm_bindgen(js_name = merchantUid, unchecked_param_type = "string")]
        merchant_uid: JsValue,
    ) -> Promise {
        self.start(|| {
            let request =
                endpoints::get_prepared_payment(&string_arg(&merchant_uid, "merchantUid")?)?;
            Ok(Job::Fetch(request, Answer::Prepared))
        })
    }

    /// Fetches the payment `impUid` from PortOne and verifies it against the merchant's own
    /// order, in one round trip (with a warm token). The verdict has the shape of the
    /// synchronous {@link verifyPayment}: `{ ok: true, state, payment }` or
    /// `{ ok: false, failures, payment }`. Unless `expected.impUid` is given, the fetched
    /// payment must also carry `impUid`. With `expected.allowSandbox` test-channel payments
    /// are looked up too.
    ///
    /// Fails closed: any failure to fetch or read the payment rejects; it never resolves
    /// to `ok: true`.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` (with `path`) for a bad `expected`,
    /// `NOT_FOUND`, `API_ERROR`, `INVALID_RESPONSE`, and the codes every call can fail with.
    #[wasm_bindgen(
        js_name = verifyPayment,
        unchecked_return_type = "Promise<Verdict>"
    )]
    pub fn verify_payment(
        &self,
        #[wasm_bindgen(js_name = impUid, unchecked_param_type = "string")] imp_uid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Expected")] expected: JsValue,
    ) -> Promise {
        self.start(|| {
            let imp_uid = string_arg(&imp_uid, "impUid")?;
            let expected = expected_arg(&expected, &imp_uid)?;
            Ok(Job::Verify { imp_uid, expected })
        })
    }
}

/// `verifyWebhookV1` needs the webhook parser (feature `webhook`).
#[cfg(feature = "webhook")]
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
            let (webhook, webhook_js) =
                super::webhook::read_webhook_v1(body, content_type.as_string())?;
            Ok(Job::Webhook {
                webhook,
                webhook_js,
                expected_for,
            })
        })
    }
}

impl Inner {
    /// Sends `request` with the policy: a token from the cache (or one shared fetch),
    /// retries of idempotent requests, one token refresh after a 401. Resolves to a 2xx
    /// answer.
    async fn call(self: &Rc<Self>, request: ApiRequest) -> Result<Received, ClientError> {
        let mut attempts =
            Attempts::new(self.config.retry, request.idempotent, request.authenticated);
        loop {
            let token = match request.authenticated {
                true => Some(self.token().await?),
                false => None,
            };
            let result = self.send(&request, token.as_deref()).await.and_then(|r| {
                response::check_status(request.operation, r.status, &r.body, r.retry_after_ms)?;
                Ok(r)
            });
            let err = match result {
                Ok(received) => return Ok(received),
                Err(err) => err,
            };
            match attempts.after(&err, Math::random()) {
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        self.tokens.borrow_mut().invalidate(token);
                    }
                }
                Next::Retry { delay_ms } => sleep(delay_ms).await,
                Next::Fail => return Err(err),
            }
        }
    }

    /// A usable token: cached, or from the one token request in flight (started if none).
    async fn token(self: &Rc<Self>) -> Result<String, ClientError> {
        if let Some(token) = self.tokens.borrow().current(Date::now()) {
            return Ok(token.to_owned());
        }
        let fetch = {
            let mut slot = self.inflight.borrow_mut();
            match &*slot {
                Some(fetch) => fetch.clone(),
                None => {
                    let fetch = self.start_token_fetch();
                    *slot = Some(fetch.clone());
                    fetch
                }
            }
        };
        let bound = self.config.retry.worst_case_ms(self.config.timeout_ms);
        let _ = within(JsFuture::from(fetch.promise.clone()), bound as f64).await;
        let outcome = fetch.outcome.borrow().clone();
        match outcome {
            Some(outcome) => outcome,
            None => {
                // The shared request never settled: in Cloudflare Workers a request's pending
                // I/O can be cancelled when that request ends. Forget it and fetch our own.
                let stale = self
                    .inflight
                    .borrow()
                    .as_ref()
                    .is_some_and(|f| Rc::ptr_eq(&f.outcome, &fetch.outcome));
                if stale {
                    *self.inflight.borrow_mut() = None;
                }
                self.fetch_token().await
            }
        }
    }

    /// Starts `POST /users/getToken` as a JS promise that concurrent callers can await.
    fn start_token_fetch(self: &Rc<Self>) -> TokenFetch {
        let outcome = Rc::new(RefCell::new(None));
        let (inner, slot) = (self.clone(), outcome.clone());
        let promise = future_to_promise(async move {
            let result = inner.fetch_token().await;
            *slot.borrow_mut() = Some(result);
            *inner.inflight.borrow_mut() = None;
            Ok(JsValue::UNDEFINED)
        });
        TokenFetch { promise, outcome }
    }

    /// The token request itself, retried like any idempotent request.
    async fn fetch_token(&self) -> Result<String, ClientError> {
        let request = endpoints::get_token(&self.config.api_key, &self.config.api_secret);
        let mut attempts = Attempts::new(self.config.retry, request.idempotent, false);
        loop {
            let sent_at = Date::now();
            let result = self.send(&request, None).await.and_then(|r| {
                response::check_status(request.operation, r.status, &r.body, r.retry_after_ms)?;
                response::decode_token(&r.body)
            });
            let err = match result {
                Ok(auth) => return Ok(self.remember(&auth, sent_at)),
                Err(err) => err,
            };
            match attempts.after(&err, Math::random()) {
                Next::Retry { delay_ms } => sleep(delay_ms).await,
                Next::RefreshToken | Next::Fail => return Err(err),
            }
        }
    }

    fn remember(&self, auth: &AuthAnnotation, sent_at: f64) -> String {
        let token = self.tokens.borrow_mut().store(auth, sent_at);
        let mut issued = self.issued.borrow_mut();
        if !issued.contains(&token) {
            if issued.len() >= REMEMBERED_TOKENS {
                issued.remove(0);
            }
            issued.push(token.clone());
        }
        token
    }

    /// One HTTP exchange through the global `fetch`, aborted after `timeoutMs` (the body
    /// read included). Redirects are not followed (they would carry the token elsewhere).
    async fn send(
        &self,
        request: &ApiRequest,
        token: Option<&str>,
    ) -> Result<Received, ClientError> {
        let operation = request.operation;
        let headers = Headers::new().map_err(|_| transport_setup_error(operation))?;
        for (name, value) in request.headers(token, self.config.tier.as_deref()) {
            headers.set(name, &value).map_err(|_| {
                ClientError::invalid_argument(
                    if name == "Tier" { "options.tier" } else { "" },
                    format!(
                        "{operation}: the {name} header value is not a valid HTTP header value"
                    ),
                )
            })?;
        }
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        set(&init, "redirect", &JsValue::from_str("manual"));
        let controller = AbortController::new().map_err(|_| transport_setup_error(operation))?;
        init.set_signal(Some(&controller.signal()));

        let url = request.url(&self.config.base_url);
        let exchange = async {
            let response: Response = JsFuture::from(global_fetch(&url, &init)?)
                .await?
                .dyn_into()?;
            let status = response.status();
            let retry_after = response.headers().get("retry-after").ok().flatten();
            let buffer = JsFuture::from(response.array_buffer()?).await?;
            Ok::<_, JsValue>((status, retry_after, Uint8Array::new(&buffer).to_vec()))
        };
        // The deadline is enforced here, not left to the runtime's AbortSignal support;
        // aborting then only releases the connection.
        let outcome = within(exchange, f64::from(self.config.timeout_ms)).await;
        if outcome.is_none() {
            controller.abort();
        }
        match outcome {
            Some(Ok((status, retry_after, body))) => Ok(Received {
                status,
                body,
                retry_after_ms: retry_after
                    .and_then(|v| response::parse_retry_after(&v, Date::now())),
            }),
            Some(Err(err)) => Err(transport_error(
                request,
                &err,
                false,
                self.config.timeout_ms,
            )),
            None => Err(transport_error(
                request,
                &JsValue::UNDEFINED,
                true,
                self.config.timeout_ms,
            )),
        }
    }

    /// `GET /payments/{imp_uid}` straight into the verdict.
    async fn fetch_and_verify(
        self: &Rc<Self>,
        imp_uid: &str,
        expected: &Expected,
    ) -> Result<JsValue, JsValue> {
        let options = GetPaymentOptions {
            include_sandbox: expected.allow_sandbox.then_some(true),
        };
        let received = self
            .call(endpoints::get_payment(imp_uid, &options)?)
            .await?;
        // Fail closed: the whole answer must be a well-formed payment, not only the fields
        // the verdict reads (so `payment` is always there), read once for both.
        let (verdict, payment) = crate::verify::verify_and_write(&received.body, expected)
            .map_err(ClientError::from_response_parse)?;
        Ok(super::verdict::verdict_of_canonical(&verdict, &payment))
    }
}

/// Rejects the verdict (`ok: false` plus a `MERCHANT_UID_MISMATCH` failure) when the fetched
/// payment belongs to another order than the webhook names, unless already reported.
#[cfg(feature = "webhook")]
fn require_webhook_order(verdict: &JsValue, webhook_merchant_uid: &str) -> Result<(), JsValue> {
    use crate::{Failure, FailureCode, Observed};
    let payment = Reflect::get(verdict, &JsValue::from_str("payment"))?;
    let actual = Reflect::get(&payment, &JsValue::from_str("merchant_uid"))?.as_string();
    if actual.as_deref() == Some(webhook_merchant_uid) {
        return Ok(());
    }
    let failures = Reflect::get(verdict, &JsValue::from_str("failures"))?;
    let failures: js_sys::Array = failures.dyn_into().unwrap_or_default();
    let already = failures.iter().any(|f| {
        Reflect::get(&f, &JsValue::from_str("code"))
            .ok()
            .and_then(|c| c.as_string())
            .as_deref()
            == Some("MERCHANT_UID_MISMATCH")
    });
    if !already {
        let failure = Failure {
            code: FailureCode::MerchantUidMismatch,
            field: "merchant_uid".to_owned(),
            expected: Observed::Text(webhook_merchant_uid.to_owned()),
            actual: actual.map_or(Observed::Absent, |a| Observed::Text(a.to_owned())),
            message: "the payment belongs to another order than the webhook names".to_owned(),
        };
        let one = JSON::parse(&super::verdict::failures_json(std::slice::from_ref(
            &failure,
        )))?;
        failures.push(&Reflect::get_u32(&one, 0)?);
    }
    set(verdict, "ok", &JsValue::FALSE);
    let _ = Reflect::delete_property(
        verdict.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str("state"),
    );
    set(verdict, "failures", &failures);
    Ok(())
}

/// What a method asks for, read from its arguments before anything is sent. Every method
/// runs through the one [`Inner::execute`], so the wasm holds one async state machine for
/// all of them rather than one per method.
enum Job {
    /// One request, its answer read as `Answer`.
    Fetch(ApiRequest, Answer),
    /// `verifyPayment`.
    Verify { imp_uid: String, expected: Expected },
    /// `verifyWebhookV1`: the parsed body, and the caller's function giving the order.
    #[cfg(feature = "webhook")]
    Webhook {
        webhook: crate::webhook::WebhookV1,
        webhook_js: JsValue,
        expected_for: Function,
    },
}

/// How a 2xx answer becomes the value a method resolves to.
#[derive(Clone, Copy)]
enum Answer {
    Payment,
    Payments,
    PaymentPage,
    Balance,
    Prepared,
}

impl Answer {
    /// Every answer goes through the canonical reader and one `JSON.parse`.
    fn read(self, received: &Received) -> Result<JsValue, JsValue> {
        let body = &received.body;
        let json = match self {
            Answer::Payment => response::payment_json(body)?,
            Answer::Payments => response::payments_json(received.status, body)?,
            Answer::PaymentPage => response::payment_page_json(body)?,
            Answer::Balance => response::balance_json(body)?,
            Answer::Prepared => response::prepared_json(body)?,
        };
        JSON::parse(&json)
    }
}

impl PortOneClient {
    /// Runs `job` (once its arguments are read) as a Promise; every rejection is a coded
    /// `Error` with the secret and tokens redacted.
    fn start(&self, job: impl FnOnce() -> Result<Job, JsValue>) -> Promise {
        self.spawn(job())
    }

    /// The part of [`PortOneClient::start`] that is the same for every method: kept out of
    /// line, so its async state machine exists once, not once per exported method.
    #[inline(never)]
    fn spawn(&self, job: Result<Job, JsValue>) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let result = match job {
                Ok(job) => inner.clone().execute(job).await,
                Err(err) => Err(err),
            };
            result.map_err(|err| redact_js(&inner, err))
        })
    }
}

impl Inner {
    async fn execute(self: Rc<Self>, job: Job) -> Result<JsValue, JsValue> {
        match job {
            Job::Fetch(request, answer) => answer.read(&self.call(request).await?),
            Job::Verify { imp_uid, expected } => self.fetch_and_verify(&imp_uid, &expected).await,
            #[cfg(feature = "webhook")]
            Job::Webhook {
                webhook,
                webhook_js,
                expected_for,
            } => {
                let merchant_uid = JsValue::from_str(&webhook.merchant_uid);
                let returned = expected_for.call1(&JsValue::UNDEFINED, &merchant_uid)?;
                let expected = JsFuture::from(Promise::resolve(&returned)).await?;
                if expected.is_undefined() || expected.is_null() {
                    return Err(ClientError::invalid_argument(
                        "expectedFor",
                        "expectedFor returned no expectation for the webhook's merchant_uid",
                    )
                    .into());
                }
                let expected = expected_arg(&expected, &webhook.imp_uid)?;
                let verdict = self.fetch_and_verify(&webhook.imp_uid, &expected).await?;
                require_webhook_order(&verdict, &webhook.merchant_uid)?;
                set(&verdict, "webhook", &webhook_js);
                Ok(verdict)
            }
        }
    }
}

/// Redacts a thrown JS value's `message` and `stack` (errors built from `ClientError` are
/// redacted before they are built; this covers every other path).
fn redact_js(inner: &Inner, err: JsValue) -> JsValue {
    let issued = inner.issued.borrow();
    let mut secrets: Vec<&str> = issued.iter().map(String::as_str).collect();
    secrets.push(&inner.config.api_secret);
    for key in ["message", "stack", "apiMessage", "path"] {
        let Some(text) = Reflect::get(&err, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
        else {
            continue;
        };
        let mut clean = text.clone();
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            clean = clean.replace(secret, "[REDACTED]");
        }
        if clean != text {
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
        js.into()
    }
}

fn read_options(options: &JsValue) -> Result<ClientConfig, ClientError> {
    if !options.is_object() {
        return Err(ClientError::invalid_argument(
            "options",
            "options must be an object with apiKey and apiSecret",
        ));
    }
    let bytes = json_bytes(options)
        .map_err(|_| ClientError::invalid_argument("options", "options cannot be read as JSON"))?;
    decode_argument::<PortOneClientOptions>(&bytes, "options")?.validate()
}

/// A JS number as JavaScript writes it (`String(n)`), without Rust's float formatting.
fn js_number_text(value: &JsValue) -> Option<String> {
    value.as_f64()?;
    let text = value
        .unchecked_ref::<js_sys::Number>()
        .to_string_with_radix(10)
        .ok()?;
    Some(String::from(text))
}

fn string_arg(value: &JsValue, path: &str) -> Result<String, ClientError> {
    value
        .as_string()
        .ok_or_else(|| ClientError::invalid_argument(path, format!("{path} must be a string")))
}

/// An options object: `undefined`/`null` give the defaults.
fn options_arg<T: FromArguments>(value: &JsValue, path: &str) -> Result<T, ClientError> {
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

fn amount_arg(value: &JsValue, path: &str) -> Result<Amount, ClientError> {
    super::input::amount_from_js(value).ok_or_else(|| {
        ClientError::invalid_argument(
            path,
            format!("{path} must be a finite number or a decimal string"),
        )
    })
}

/// The expectation, with `impUid` filled in from the call when the caller left it out.
fn expected_arg(expected: &JsValue, imp_uid: &str) -> Result<Expected, JsValue> {
    let mut parsed = super::args::expected_from_js(expected)?;
    if parsed.imp_uid.is_none() {
        parsed.imp_uid = Some(imp_uid.to_owned());
    }
    Ok(parsed)
}

fn transport_setup_error(operation: &str) -> ClientError {
    ClientError::new(
        ClientErrorCode::Network,
        format!("{operation}: this runtime lacks fetch, Headers or AbortController"),
    )
}

/// A rejected `fetch` or body read: `TIMEOUT` when our timer aborted it, else `NETWORK`.
fn transport_error(
    request: &ApiRequest,
    err: &JsValue,
    timed_out: bool,
    timeout_ms: u32,
) -> ClientError {
    let operation = request.operation;
    let caveat = if request.idempotent {
        ""
    } else {
        "; the request may have reached PortOne: check before sending it again"
    };
    if timed_out {
        return ClientError::new(
            ClientErrorCode::Timeout,
            format!("{operation}: no answer from PortOne within {timeout_ms} ms{caveat}"),
        );
    }
    let reason = error_text(err).unwrap_or_else(|| "fetch failed".to_owned());
    let cause = Reflect::get(err, &JsValue::from_str("cause"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|c| error_text(&c))
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    ClientError::new(
        ClientErrorCode::Network,
        format!("{operation}: the request to PortOne failed: {reason}{cause}{caveat}"),
    )
}

fn error_text(value: &JsValue) -> Option<String> {
    let message = Reflect::get(value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    let code = Reflect::get(value, &JsValue::from_str("code"))
        .ok()
        .and_then(|c| c.as_string());
    match (message, code) {
        (Some(m), Some(c)) if !m.contains(&c) => Some(format!("{c}: {m}")),
        (Some(m), _) => Some(m),
        (None, Some(c)) => Some(c),
        (None, None) => value.as_string(),
    }
}

/// Runs `future` for at most `ms` milliseconds: `None` when the deadline came first (the
/// future is then dropped; the timer is always cleared).
async fn within<F: Future>(future: F, ms: f64) -> Option<F::Output> {
    let mut timer = JsValue::UNDEFINED;
    let deadline = Promise::new(&mut |resolve, _reject| {
        timer = set_timeout(&resolve, ms);
    });
    let mut deadline = JsFuture::from(deadline);
    let mut future = std::pin::pin!(future);
    let outcome = std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        match Pin::new(&mut deadline).poll(cx) {
            Poll::Ready(_) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await;
    clear_timeout(&timer);
    outcome
}

/// Resolves after `ms` milliseconds (global `setTimeout`).
async fn sleep(ms: u64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms as f64);
    });
    let _ = JsFuture::from(promise).await;
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
  /** PortOne's envelope `message`, when its answer had one. */
  apiMessage?: string | null;
  /** The delay PortOne asked for with `Retry-After` (429, 5xx), in milliseconds. */
  retryAfterMs?: number;
}
"#;
