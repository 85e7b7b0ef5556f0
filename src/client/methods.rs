//! One method per V1 endpoint: arguments → [`endpoints`] → [`Client::send`] → a typed result
//! ([`response`]'s decoders), or canonical JSON text ([`Answer`]) for JavaScript.

use super::core::Client;
use super::endpoints;
use super::error::ClientError;
use super::params::{
    BillingKeyPaymentsOptions, CancelPaymentRequest, FindAllPaymentsOptions, FindPaymentOptions,
    GetPaymentOptions, GetPaymentsQuery, PaymentsByStatusOptions, PreparePaymentOptions,
};
use super::request::ApiRequest;
use super::response;
use super::transport::{HttpResponse, Transport};
use super::types::PaymentsResult;
use crate::amount::Amount;
use crate::types::{PagedList, PaymentAnnotation, PaymentBalance, PaymentPrepareAnnotation, Wire};

/// Which reading of a 2xx answer [`Client::answer_json`] returns as canonical JSON (what the
/// typed methods decode, as JavaScript parses it in one go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A payment ([`response::payment_json`]).
    Payment,
    /// `GET /payments` ([`response::payments_json`]).
    Payments,
    /// A paged payment list ([`response::payment_page_json`]).
    PaymentPage,
    /// A balance ([`response::balance_json`]).
    Balance,
    /// A prepared amount ([`response::prepared_json`]).
    Prepared,
}

impl Answer {
    /// The canonical JSON of `answer`.
    ///
    /// # Errors
    /// As the [`response`] function it names.
    pub fn read(self, answer: &HttpResponse) -> Result<String, ClientError> {
        let body = &answer.body;
        match self {
            Answer::Payment => response::payment_json(body),
            Answer::Payments => response::payments_json(answer.status, body),
            Answer::PaymentPage => response::payment_page_json(body),
            Answer::Balance => response::balance_json(body),
            Answer::Prepared => response::prepared_json(body),
        }
    }
}

impl<T: Transport> Client<T> {
    /// Sends `request` and reads its answer as `answer`'s canonical JSON. One method for all
    /// endpoints: the WebAssembly build holds one state machine for it, not one per endpoint.
    ///
    /// # Errors
    /// As [`Client::send`], and the reading's errors (`API_ERROR`, `INVALID_RESPONSE`).
    pub async fn answer_json(
        &self,
        request: &ApiRequest,
        answer: Answer,
    ) -> Result<String, ClientError> {
        let result = match self.call(request).await {
            Ok(received) => answer.read(&received),
            Err(err) => Err(err),
        };
        result.map_err(|err| self.redact(err))
    }

    /// Builds, sends and reads one request; every error redacted.
    async fn fetch<R>(
        &self,
        request: Result<ApiRequest, ClientError>,
        read: impl FnOnce(&HttpResponse) -> Result<R, ClientError>,
    ) -> Result<R, ClientError> {
        let result = match request {
            Ok(request) => match self.call(&request).await {
                Ok(received) => read(&received),
                Err(err) => Err(err),
            },
            Err(err) => Err(err),
        };
        result.map_err(|err| self.redact(err))
    }

    /// `GET /payments/{imp_uid}`: the payment with this PortOne id. Test-channel payments are
    /// found only with `include_sandbox: Some(true)`.
    ///
    /// # Errors
    /// `NOT_FOUND`, `INVALID_ARGUMENT` for an empty id, and the errors of every call.
    pub async fn get_payment(
        &self,
        imp_uid: &str,
        options: &GetPaymentOptions,
    ) -> Result<PaymentAnnotation, ClientError> {
        let request = endpoints::get_payment(imp_uid, options);
        self.fetch(request, decoded).await
    }

    /// `GET /payments?imp_uid[]=…&merchant_uid[]=…`: up to 100 payments at once; `partial`
    /// when PortOne found only some (HTTP 207).
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for no ids or more than 100, `NOT_FOUND` when none is found.
    pub async fn get_payments(
        &self,
        query: &GetPaymentsQuery,
    ) -> Result<PaymentsResult, ClientError> {
        self.fetch(endpoints::get_payments(query), |answer| {
            response::decode_payments(answer.status, &answer.body)
        })
        .await
    }

    /// `GET /payments/find/{merchant_uid}/{status?}`: the order's payment (the first by
    /// `sorting`, default `-started`).
    ///
    /// # Errors
    /// `NOT_FOUND`, and the errors of every call.
    pub async fn find_payment(
        &self,
        merchant_uid: &str,
        options: &FindPaymentOptions,
    ) -> Result<PaymentAnnotation, ClientError> {
        let request = endpoints::find_payment(merchant_uid, options);
        self.fetch(request, decoded).await
    }

    /// `GET /payments/findAll/{merchant_uid}/{status?}`: every payment of the order, paged.
    ///
    /// # Errors
    /// `NOT_FOUND`, `INVALID_ARGUMENT` for a bad page or limit, and the errors of every call.
    pub async fn find_all_payments(
        &self,
        merchant_uid: &str,
        options: &FindAllPaymentsOptions,
    ) -> Result<PagedList<PaymentAnnotation>, ClientError> {
        let request = endpoints::find_all_payments(merchant_uid, options);
        self.fetch(request, page).await
    }

    /// `GET /payments/status/{status}`: payments in a status (`all`, `ready`, `paid`,
    /// `cancelled`, `failed`) within a window of at most 90 days, paged.
    ///
    /// # Errors
    /// `BAD_REQUEST` for a status or window PortOne refuses, and the errors of every call.
    pub async fn get_payments_by_status(
        &self,
        status: &str,
        options: &PaymentsByStatusOptions,
    ) -> Result<PagedList<PaymentAnnotation>, ClientError> {
        let request = endpoints::get_payments_by_status(status, options);
        self.fetch(request, page).await
    }

    /// `GET /subscribe/customers/{customer_uid}/payments`: payments made with a billing key.
    ///
    /// # Errors
    /// `NOT_FOUND` for an unknown customer, and the errors of every call.
    pub async fn get_billing_key_payments(
        &self,
        customer_uid: &str,
        options: &BillingKeyPaymentsOptions,
    ) -> Result<PagedList<PaymentAnnotation>, ClientError> {
        let request = endpoints::get_billing_key_payments(customer_uid, options);
        self.fetch(request, page).await
    }

    /// `GET /payments/{imp_uid}/balance`: the amount breakdown.
    ///
    /// # Errors
    /// `NOT_FOUND`, and the errors of every call.
    pub async fn get_payment_balance(&self, imp_uid: &str) -> Result<PaymentBalance, ClientError> {
        self.fetch(endpoints::get_payment_balance(imp_uid), decoded)
            .await
    }

    /// `POST /payments/cancel`: cancels all (no `amount`) or part of a payment; resolves to the
    /// updated payment. Sent once: after `TIMEOUT` or `NETWORK` the cancellation may or may not
    /// have happened (check with [`Client::get_payment`]; `checksum` makes a repeat safe).
    ///
    /// # Errors
    /// `API_ERROR` when PortOne refuses, `INVALID_ARGUMENT` without an id or for a negative
    /// amount, and the errors of every call.
    pub async fn cancel_payment(
        &self,
        request: &CancelPaymentRequest,
    ) -> Result<PaymentAnnotation, ClientError> {
        self.fetch(endpoints::cancel_payment(request), decoded)
            .await
    }

    /// `POST /payments/prepare`: registers the amount of an order (PortOne then stops an
    /// `IMP.request_pay` with another amount). Sent once.
    ///
    /// # Errors
    /// `API_ERROR` when PortOne refuses (e.g. already registered), `INVALID_ARGUMENT` for an
    /// empty id or a negative amount, and the errors of every call.
    pub async fn prepare_payment(
        &self,
        merchant_uid: &str,
        amount: &Amount,
        options: &PreparePaymentOptions,
    ) -> Result<PaymentPrepareAnnotation, ClientError> {
        let request = endpoints::prepare_payment(merchant_uid, amount, options.currency.as_deref());
        self.fetch(request, decoded).await
    }

    /// `GET /payments/prepare/{merchant_uid}`: the amount registered for an order.
    ///
    /// # Errors
    /// `NOT_FOUND` when nothing is registered, and the errors of every call.
    pub async fn get_prepared_payment(
        &self,
        merchant_uid: &str,
    ) -> Result<PaymentPrepareAnnotation, ClientError> {
        self.fetch(endpoints::get_prepared_payment(merchant_uid), decoded)
            .await
    }
}

fn decoded<R: Wire>(answer: &HttpResponse) -> Result<R, ClientError> {
    response::decode(&answer.body)
}

fn page(answer: &HttpResponse) -> Result<PagedList<PaymentAnnotation>, ClientError> {
    response::decode_payment_page(&answer.body)
}
