//! One method per V2 endpoint: arguments (with the client's `storeId` filled in) →
//! [`endpoints`] → [`ClientV2::call`] → a typed result, or canonical JSON for JavaScript.

use super::core::ClientV2;
use super::endpoints;
use super::request_body::{read_request_body, with_store_id};
use super::response::AnswerV2;
use crate::client::error::ClientError;
use crate::client::request::ApiRequest;
use crate::client::transport::Transport;
use crate::types::v2::{
    CancelPaymentBody, CancelPaymentResponse, GetPaymentsBody, GetPaymentsResponse, Payment,
    PreRegisterPaymentBody, PreRegisterPaymentResponse,
};

use crate::types::Wire;

impl<T: Transport> ClientV2<T> {
    /// The request of `getPayment`: `store_id`, or the client's.
    ///
    /// # Errors
    /// As [`endpoints::get_payment`].
    pub fn get_payment_request(
        &self,
        payment_id: &str,
        store_id: Option<&str>,
    ) -> Result<ApiRequest, ClientError> {
        let store_id = store_id.or(self.config().store_id.as_deref());
        endpoints::get_payment(payment_id, store_id)
    }

    /// The request of `getPayments` for a body checked by [`read_request_body`]: the
    /// filter's `storeId`, or the client's.
    pub fn get_payments_request_json(&self, body: &str) -> ApiRequest {
        match &self.config().store_id {
            Some(store_id) => {
                endpoints::get_payments_json(&with_store_id(body, store_id, Some("filter")))
            }
            None => endpoints::get_payments_json(body),
        }
    }

    /// The request of `cancelPayment` for a body checked by [`read_request_body`]: the
    /// body's `storeId`, or the client's.
    ///
    /// # Errors
    /// As [`endpoints::cancel_payment_json`].
    pub fn cancel_payment_request_json(
        &self,
        payment_id: &str,
        body: &str,
    ) -> Result<ApiRequest, ClientError> {
        endpoints::cancel_payment_json(payment_id, self.with_store(body))
    }

    /// The request of `preRegisterPayment` for a body checked by [`read_request_body`]: the
    /// body's `storeId`, or the client's.
    ///
    /// # Errors
    /// As [`endpoints::pre_register_payment_json`].
    pub fn pre_register_payment_request_json(
        &self,
        payment_id: &str,
        body: &str,
    ) -> Result<ApiRequest, ClientError> {
        endpoints::pre_register_payment_json(payment_id, self.with_store(body))
    }

    /// `body` with the client's `storeId` where it has none.
    fn with_store(&self, body: &str) -> String {
        match &self.config().store_id {
            Some(store_id) => with_store_id(body, store_id, None),
            None => body.to_owned(),
        }
    }

    /// Builds, sends and reads one request; every error redacted.
    async fn fetch<R: Wire>(
        &self,
        request: Result<ApiRequest, ClientError>,
        answer: AnswerV2,
    ) -> Result<R, ClientError> {
        let json = match request {
            Ok(request) => self.answer_json(&request, answer).await?,
            Err(err) => return Err(self.redact(err)),
        };
        R::parse_json(json.as_bytes()).map_err(ClientError::from_response_parse)
    }

    /// `GET /payments/{paymentId}?storeId=`: the payment (its status's variant; an unknown
    /// status is kept as [`Payment::Unrecognized`]).
    ///
    /// # Errors
    /// `NOT_FOUND` (`PAYMENT_NOT_FOUND`), `FORBIDDEN` (another store), `INVALID_ARGUMENT` for
    /// an empty id, and the errors of every call.
    pub async fn get_payment(
        &self,
        payment_id: &str,
        store_id: Option<&str>,
    ) -> Result<Payment, ClientError> {
        let request = self.get_payment_request(payment_id, store_id);
        self.fetch(request, AnswerV2::Payment).await
    }

    /// `GET /payments`: a page of payments (`body.page`: number from 0, size; PortOne's
    /// default is page 0 of 10), filtered by `body.filter`.
    ///
    /// # Errors
    /// `INVALID_REQUEST` for a page or filter PortOne refuses, `FORBIDDEN`, and the errors of
    /// every call.
    pub async fn get_payments(
        &self,
        body: &GetPaymentsBody,
    ) -> Result<GetPaymentsResponse, ClientError> {
        let request = checked(body, "request").map(|json| self.get_payments_request_json(&json));
        self.fetch(request, AnswerV2::Payments).await
    }

    /// `POST /payments/{paymentId}/cancel`: cancels all (no `amount`) or part of a payment.
    /// Sent once: after `TIMEOUT` or `NETWORK` the cancellation may or may not have happened
    /// (check with [`ClientV2::get_payment`]; `current_cancellable_amount` makes a repeat
    /// safe).
    ///
    /// # Errors
    /// `API_ERROR` with `portone_type` (`PAYMENT_ALREADY_CANCELLED`,
    /// `CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN`, …), `NOT_FOUND`, `INVALID_ARGUMENT` for an
    /// empty id or reason or a negative amount, and the errors of every call.
    pub async fn cancel_payment(
        &self,
        payment_id: &str,
        body: &CancelPaymentBody,
    ) -> Result<CancelPaymentResponse, ClientError> {
        let request = match body.reason.trim().is_empty() {
            true => Err(ClientError::invalid_argument(
                "options.reason",
                "reason must not be empty",
            )),
            false => checked(body, "options"),
        };
        let request = request.and_then(|json| self.cancel_payment_request_json(payment_id, &json));
        self.fetch(request, AnswerV2::Cancelled).await
    }

    /// `POST /payments/{paymentId}/pre-register`: registers the amount the payment must have
    /// before the buyer pays (PortOne then refuses a payment of another amount). Sent once.
    ///
    /// # Errors
    /// `API_ERROR` with `portone_type` `ALREADY_PAID`, `INVALID_REQUEST`, `INVALID_ARGUMENT`
    /// for an empty id or a negative amount, and the errors of every call.
    pub async fn pre_register_payment(
        &self,
        payment_id: &str,
        body: &PreRegisterPaymentBody,
    ) -> Result<(), ClientError> {
        let request = checked(body, "options")
            .and_then(|json| self.pre_register_payment_request_json(payment_id, &json));
        self.fetch::<PreRegisterPaymentResponse>(request, AnswerV2::PreRegistered)
            .await
            .map(|_| ())
    }
}

/// A typed body's canonical JSON, checked as a caller's would be.
fn checked<T: Wire>(body: &T, prefix: &str) -> Result<String, ClientError> {
    read_request_body::<T>(body.to_canonical_json().as_bytes(), prefix)
}
