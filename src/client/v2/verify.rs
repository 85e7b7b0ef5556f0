//! Fetch and judge in one step: [`ClientV2::verify_payment`].

use super::core::ClientV2;
use super::endpoints;
use crate::client::error::ClientError;
use crate::client::transport::Transport;
use crate::types::v2::Payment;
use crate::types::Wire;
use crate::verify::{verify_v2_and_write, ExpectedV2, Verdict};

/// A V2 payment fetched from PortOne and judged against the merchant's order: the
/// [`Verdict`], and the payment it was reached on.
#[derive(Clone, Debug, PartialEq)]
pub struct PaymentCheckV2 {
    /// Verified (with a state) or rejected (with every failure).
    pub verdict: Verdict,
    payment_json: String,
}

impl PaymentCheckV2 {
    /// Whether the order may be honoured.
    pub fn is_ok(&self) -> bool {
        self.verdict.is_ok()
    }

    /// The payment the verdict was reached on, as canonical JSON (see
    /// [`payment_v2_json`](crate::payment_v2_json)).
    pub fn payment_json(&self) -> &str {
        &self.payment_json
    }

    /// The payment the verdict was reached on.
    ///
    /// # Errors
    /// None in practice: the text is what the reader wrote for this type.
    pub fn payment(&self) -> Result<Payment, ClientError> {
        Payment::parse_json(self.payment_json.as_bytes()).map_err(ClientError::from_response_parse)
    }
}

impl<T: Transport> ClientV2<T> {
    /// Fetches the payment `payment_id` (`GET /payments/{paymentId}`, with the client's
    /// `storeId`) and verifies it against the merchant's own order
    /// ([`verify_payment_v2`](crate::verify_payment_v2)'s rules), reading the answer once.
    /// `expected.payment_id` is the id the payment must carry (normally `payment_id`).
    ///
    /// Fails closed: anything that stops the payment from being fetched or read whole is an
    /// error, never an `ok` verdict.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (path `expected.…`) for an unusable expectation, `NOT_FOUND`,
    /// `FORBIDDEN`, `INVALID_RESPONSE`, and the errors of every call.
    pub async fn verify_payment(
        &self,
        payment_id: &str,
        expected: &ExpectedV2,
    ) -> Result<PaymentCheckV2, ClientError> {
        self.fetch_and_verify(payment_id, expected)
            .await
            .map_err(|err| self.redact(err))
    }

    pub(super) async fn fetch_and_verify(
        &self,
        payment_id: &str,
        expected: &ExpectedV2,
    ) -> Result<PaymentCheckV2, ClientError> {
        expected
            .validate()
            .map_err(|err| ClientError::invalid_argument(err.path(), err.message()))?;
        let store_id = self.config().store_id.as_deref();
        let answer = self
            .call(&endpoints::get_payment(payment_id, store_id)?)
            .await?;
        // The whole answer must be a well-formed payment, not only the fields the verdict
        // reads; one reading gives both.
        let (verdict, payment_json) = verify_v2_and_write(&answer.body, expected)
            .map_err(ClientError::from_response_parse)?;
        Ok(PaymentCheckV2 {
            verdict,
            payment_json,
        })
    }
}
