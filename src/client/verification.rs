//! Fetch and judge in one step: [`Client::verify_payment`] and, for V1 webhooks,
//! [`Client::verify_webhook_v1`].

use super::core::Client;
use super::endpoints;
use super::error::ClientError;
use super::params::GetPaymentOptions;
use super::transport::Transport;
use crate::types::{PaymentAnnotation, Wire};
use crate::verify::{verify_and_write, Expected, Verdict};

/// A payment fetched from PortOne and judged against the merchant's order: the [`Verdict`],
/// and the payment it was reached on.
#[derive(Clone, Debug, PartialEq)]
pub struct PaymentCheck {
    /// Verified (with a state) or rejected (with every failure).
    pub verdict: Verdict,
    pub(super) payment_json: String,
}

impl PaymentCheck {
    pub(super) fn new(verdict: Verdict, payment_json: String) -> Self {
        PaymentCheck {
            verdict,
            payment_json,
        }
    }

    /// Whether the order may be honoured.
    pub fn is_ok(&self) -> bool {
        self.verdict.is_ok()
    }

    /// The payment the verdict was reached on, as canonical JSON (see
    /// [`crate::payment_json`]).
    pub fn payment_json(&self) -> &str {
        &self.payment_json
    }

    /// The payment the verdict was reached on.
    ///
    /// # Errors
    /// None in practice: the text is what the reader wrote for this type.
    pub fn payment(&self) -> Result<PaymentAnnotation, ClientError> {
        PaymentAnnotation::parse_json(self.payment_json.as_bytes())
            .map_err(ClientError::from_response_parse)
    }
}

impl<T: Transport> Client<T> {
    /// Fetches the payment `imp_uid` (`GET /payments/{imp_uid}`, with sandbox payments when
    /// `expected.allow_sandbox`) and verifies it against the merchant's own order, reading the
    /// answer once. Unless `expected.imp_uid` is set, the payment must carry `imp_uid` too.
    ///
    /// Fails closed: anything that stops the payment from being fetched or read whole is an
    /// error, never an `ok` verdict.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (path `expected.…`) for an unusable expectation, `NOT_FOUND`,
    /// `API_ERROR`, `INVALID_RESPONSE`, and the errors of every call.
    pub async fn verify_payment(
        &self,
        imp_uid: &str,
        expected: &Expected,
    ) -> Result<PaymentCheck, ClientError> {
        self.fetch_and_verify(imp_uid, expected)
            .await
            .map_err(|err| self.redact(err))
    }

    pub(super) async fn fetch_and_verify(
        &self,
        imp_uid: &str,
        expected: &Expected,
    ) -> Result<PaymentCheck, ClientError> {
        expected
            .validate()
            .map_err(|err| ClientError::invalid_argument(err.path(), err.message()))?;
        let mut expected = expected.clone();
        expected.imp_uid.get_or_insert_with(|| imp_uid.to_owned());
        let options = GetPaymentOptions {
            include_sandbox: expected.allow_sandbox.then_some(true),
        };
        let answer = self
            .call(&endpoints::get_payment(imp_uid, &options)?)
            .await?;
        // The whole answer must be a well-formed payment, not only the fields the verdict
        // reads, so the payment is always there; one reading gives both.
        let (verdict, payment_json) =
            verify_and_write(&answer.body, &expected).map_err(ClientError::from_response_parse)?;
        Ok(PaymentCheck::new(verdict, payment_json))
    }
}
