//! JS glue for the V1 REST client: the exported `PortOneClient` class.
//!
//! The client itself (tokens, retries, timeouts, reading answers, verdicts) is
//! [`crate::client::Client`]; here are only its JavaScript face (argument and result
//! conversion: `convert`, the per-method jobs: `jobs`) and the transport over the global
//! `fetch` (`transport`).

mod convert;
mod jobs;
mod transport;
mod v2;
mod v2_jobs;
#[cfg(feature = "webhook")]
mod webhook;

pub use v2::PortOneClientV2;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use self::convert::{
    amount_arg, option_secrets, options_arg, read_options, runtime_globals, string_arg,
};
use self::jobs::Job;
use self::transport::FetchTransport;
use super::args::expected_from_js;
use crate::client::{
    check_runtime, endpoints, Answer, BillingKeyPaymentsOptions, CancelPaymentRequest, Client,
    ClientError, FindAllPaymentsOptions, FindPaymentOptions, GetPaymentOptions, GetPaymentsQuery,
    PaymentsByStatusOptions, PreparePaymentOptions,
};

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
    client: Client<FetchTransport>,
}

/// Shows the configuration (secret redacted), never a token.
impl std::fmt::Debug for PortOneClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortOneClient")
            .field("config", self.client.config())
            .finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl PortOneClient {
    /// Creates a client. Nothing is sent until the first call.
    ///
    /// @throws {PortOneClientError} `INVALID_ARGUMENT` (with `path`, e.g. `options.baseUrl`)
    /// for unusable options (plain `http://` to a host that is not loopback among them);
    /// `BROWSER_NOT_ALLOWED` in a browser page (`window` and `document` exist) or a browser
    /// worker (`importScripts` exists) unless `dangerouslyAllowBrowser` is set.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PortOneClientOptions")] options: JsValue,
    ) -> Result<PortOneClient, JsValue> {
        // A secret too short to redact is refused by the options check with a fixed text;
        // the option errors never quote a value, so only a secret long enough is searched for
        // (a short one would withhold every message, the refusal's too).
        let secrets = option_secrets(&options, &["apiSecret"]);
        let config = read_options(&options)
            .map_err(|e| e.redacted(&Vec::from_iter(secrets.iter().map(String::as_str))))?;
        check_runtime(runtime_globals(), config.allow_browser)?;
        Ok(PortOneClient {
            client: Client::new(config, FetchTransport),
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
            let expected = expected_from_js(&expected)?;
            Ok(Job::Verify { imp_uid, expected })
        })
    }
}
