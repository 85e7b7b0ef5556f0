//! [`Client::verify_webhook_v1`]: a V1 webhook handled safely, and the webhook-order rule.
//!
//! A V1 webhook is unsigned: anyone can post one naming their own cheap order and someone
//! else's paid payment. So the body only picks what to fetch; the payment PortOne returns is
//! judged against the merchant's order for the webhook's `merchant_uid`, and must itself belong
//! to that order.

use std::future::Future;

use super::core::Client;
use super::error::ClientError;
use super::transport::Transport;
use super::verification::PaymentCheck;
use crate::error::ParseError;
use crate::verify::{Expected, Failure, FailureCode, Observed, Verdict};
use crate::webhook::{parse_webhook_v1, WebhookV1};

/// A V1 webhook and the verdict on the payment it names.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookCheck {
    /// The parsed body (its `status` is informational only).
    pub webhook: WebhookV1,
    /// The payment fetched by the webhook's `imp_uid`, judged against the order.
    pub check: PaymentCheck,
}

impl<T: Transport> Client<T> {
    /// Handles a V1 webhook: parses `body` (JSON or form, as [`parse_webhook_v1`]), **ignores
    /// its `status`**, asks `expected_for(merchant_uid)` for that order's [`Expected`], fetches
    /// the payment by the webhook's `imp_uid` and verifies it. The payment must carry the
    /// webhook's `imp_uid` (unless the expectation names one) and `merchant_uid`.
    ///
    /// Deliveries can repeat: make what you do on an `ok` verdict idempotent.
    ///
    /// ```no_run
    /// # use portone_verify::client::{Client, Transport};
    /// # async fn no_run<T: Transport>(client: Client<T>, body: &[u8]) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    /// use portone_verify::{Amount, Expected};
    /// let checked = client
    ///     .verify_webhook_v1(body, Some("application/json"), |merchant_uid| async move {
    ///         // Look the order up in your own records; `None` for an unknown order.
    ///         let amount = Amount::parse("1004").ok_or("bad amount")?;
    ///         Ok::<_, Box<dyn std::error::Error + Send + Sync>>(Some(Expected::new(merchant_uid, amount)))
    ///     })
    ///     .await?;
    /// if checked.check.is_ok() { /* mark the order paid, once */ }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// `E` made from: the [`ParseError`] of a body that is not a V1 webhook (answer 400);
    /// whatever `expected_for` fails with; `INVALID_ARGUMENT` (path `expectedFor`) when it
    /// gives no expectation; the errors of [`Client::verify_payment`].
    pub async fn verify_webhook_v1<F, Fut, E>(
        &self,
        body: &[u8],
        content_type: Option<&str>,
        expected_for: F,
    ) -> Result<WebhookCheck, E>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<Option<Expected>, E>>,
        E: From<ParseError> + From<ClientError>,
    {
        let webhook = parse_webhook_v1(body, content_type)?;
        let Some(mut expected) = expected_for(webhook.merchant_uid.clone()).await? else {
            let message = "expectedFor returned no expectation for the webhook's merchant_uid";
            return Err(ClientError::invalid_argument("expectedFor", message).into());
        };
        expected
            .imp_uid
            .get_or_insert_with(|| webhook.imp_uid.clone());
        let check = self
            .fetch_and_verify(&webhook.imp_uid, &expected)
            .await
            .map_err(|err| self.redact(err))?;
        let check = require_webhook_order(check, &webhook.merchant_uid);
        Ok(WebhookCheck { webhook, check })
    }
}

/// Rejects the check (adding a `MERCHANT_UID_MISMATCH` failure, unless one is there) when the
/// payment belongs to another order than the webhook names.
pub(crate) fn require_webhook_order(
    check: PaymentCheck,
    webhook_merchant_uid: &str,
) -> PaymentCheck {
    let actual = top_level_text(check.payment_json(), "merchant_uid");
    if actual.as_deref() == Some(webhook_merchant_uid) {
        return check;
    }
    let mut failures = check.verdict.failures().to_vec();
    if !failures
        .iter()
        .any(|f| f.code == FailureCode::MerchantUidMismatch)
    {
        failures.push(Failure {
            code: FailureCode::MerchantUidMismatch,
            field: "merchant_uid".to_owned(),
            expected: Observed::Text(webhook_merchant_uid.to_owned()),
            actual: actual.map_or(Observed::Absent, Observed::Text),
            message: "the payment belongs to another order than the webhook names".to_owned(),
        });
    }
    PaymentCheck {
        verdict: Verdict::Rejected { failures },
        ..check
    }
}

/// The string value of `key` in the JSON object `json` (`None` when absent or not a string).
/// Only peeks and skips: asking jiter for a string where a number is would pull its float
/// parser into the wasm build (for the error message).
fn top_level_text(json: &str, key: &str) -> Option<String> {
    let mut jiter = jiter::Jiter::new(json.as_bytes());
    if jiter.peek().ok()? != jiter::Peek::Object {
        return None;
    }
    let mut next = jiter.known_object().ok()?.map(str::to_owned);
    while let Some(name) = next {
        let peek = jiter.peek().ok()?;
        if name == key {
            return match peek {
                jiter::Peek::String => jiter.known_str().ok().map(str::to_owned),
                _ => None,
            };
        }
        jiter.known_skip(peek).ok()?;
        next = jiter.next_key().ok()?.map(str::to_owned);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::PaidState;

    fn check(verdict: Verdict, merchant_uid: &str) -> PaymentCheck {
        let json = format!(r#"{{"imp_uid":"imp_1","merchant_uid":"{merchant_uid}","amount":1}}"#);
        PaymentCheck::new(verdict, json)
    }

    const PAID: Verdict = Verdict::Verified {
        state: PaidState::Paid,
    };

    fn codes(check: &PaymentCheck) -> Vec<(FailureCode, Observed, Observed)> {
        let failures = check.verdict.failures().iter();
        failures
            .map(|f| (f.code, f.expected.clone(), f.actual.clone()))
            .collect()
    }

    #[test]
    fn the_webhooks_order_passes() {
        let ok = require_webhook_order(check(PAID, "order-1"), "order-1");
        assert!(ok.is_ok());
    }

    #[test]
    fn another_order_is_rejected_even_when_the_expectation_matched() {
        let careless = require_webhook_order(check(PAID, "order-card-paid"), "order-attacker");
        assert!(!careless.is_ok());
        let text = |t: &str| Observed::Text(t.to_owned());
        assert_eq!(
            codes(&careless),
            [(
                FailureCode::MerchantUidMismatch,
                text("order-attacker"),
                text("order-card-paid")
            )]
        );
    }

    #[test]
    fn a_mismatch_already_reported_is_not_repeated() {
        let failure = Failure {
            code: FailureCode::MerchantUidMismatch,
            field: "merchant_uid".into(),
            expected: Observed::Text("order-attacker".into()),
            actual: Observed::Text("order-card-paid".into()),
            message: "the payment belongs to another order".into(),
        };
        let rejected = Verdict::Rejected {
            failures: vec![failure],
        };
        let checked =
            require_webhook_order(check(rejected.clone(), "order-card-paid"), "order-attacker");
        assert_eq!(checked.verdict, rejected);
    }

    #[test]
    fn reads_only_the_top_level_key() {
        let json = r#"{"a":{"merchant_uid":"inner"},"merchant_uid":"outer","b":[1]}"#;
        assert_eq!(
            top_level_text(json, "merchant_uid").as_deref(),
            Some("outer")
        );
        assert_eq!(
            top_level_text(r#"{"merchant_uid":null}"#, "merchant_uid"),
            None
        );
        assert_eq!(top_level_text("[]", "merchant_uid"), None);
    }
}
