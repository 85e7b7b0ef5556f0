//! [`ClientV2::verify_webhook`]: a V2 webhook handled whole — signature, body, the payment
//! fetched by its `paymentId`, the verdict against the merchant's order. The body only says
//! which payment to fetch: its `type` (`Transaction.Paid`…) never decides the verdict.

use std::future::Future;

use super::core::ClientV2;
use super::request_body::member_span;
use super::verify::PaymentCheckV2;
use crate::client::error::{ClientError, ClientErrorCode};
use crate::client::transport::Transport;
use crate::parse::form_object;
use crate::parse::json::without_bom;
use crate::read;
use crate::types::Wire;
use crate::verify::ExpectedV2;
use crate::webhook::{
    SecretInput, SignedWebhook, WebhookError, WebhookHeaders, WebhookV2, WebhookV2Legacy,
};

/// A verified V2 webhook body: version 2024-04-25, or the older 2024-01-01.
#[derive(Clone, Debug, PartialEq)]
pub enum WebhookBodyV2 {
    /// `{type, timestamp, data}` (2024-04-25).
    Current(WebhookV2),
    /// `{payment_id, tx_id, status}` (2024-01-01, JSON or form).
    Legacy(WebhookV2Legacy),
}

impl WebhookBodyV2 {
    /// The payment the webhook names, if it names one (`BillingKey.*` do not).
    pub fn payment_id(&self) -> Option<&str> {
        match self {
            WebhookBodyV2::Current(hook) => hook.data.payment_id.as_deref(),
            WebhookBodyV2::Legacy(hook) => Some(&hook.payment_id),
        }
    }

    /// The body's canonical JSON.
    pub fn to_canonical_json(&self) -> String {
        match self {
            WebhookBodyV2::Current(hook) => hook.to_canonical_json(),
            WebhookBodyV2::Legacy(hook) => hook.to_canonical_json(),
        }
    }
}

/// A V2 webhook, its `webhook-id` and the verdict on the payment it names.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookCheckV2 {
    /// The `webhook-id` header: the same for every delivery of one event, so process an `ok`
    /// verdict once per id.
    pub webhook_id: String,
    /// The payment the webhook named (and that was fetched).
    pub payment_id: String,
    /// The payment fetched by the webhook's `paymentId`, judged against the order.
    pub check: PaymentCheckV2,
    webhook_json: String,
    legacy: bool,
}

impl WebhookCheckV2 {
    /// The body's canonical JSON ([`WebhookV2`]'s, or [`WebhookV2Legacy`]'s for version
    /// 2024-01-01). Its claims are informational only.
    pub fn webhook_json(&self) -> &str {
        &self.webhook_json
    }

    /// The parsed body.
    ///
    /// # Errors
    /// None in practice: the text is what the reader wrote for the type.
    pub fn webhook(&self) -> Result<WebhookBodyV2, ClientError> {
        let json = self.webhook_json.as_bytes();
        match self.legacy {
            false => WebhookV2::parse_json(json).map(WebhookBodyV2::Current),
            true => WebhookV2Legacy::parse_json(json).map(WebhookBodyV2::Legacy),
        }
        .map_err(ClientError::from_response_parse)
    }
}

impl<T: Transport> ClientV2<T> {
    /// Handles a V2 webhook: checks its signature on the raw `body` with the client's
    /// `webhookSecret` (as [`verify_webhook_v2`](crate::webhook::verify_webhook_v2), at the
    /// transport's clock), reads the body (version 2024-04-25, or 2024-01-01 as JSON or as a
    /// form by `content_type`), asks `expected_for(paymentId)` for the order's
    /// [`ExpectedV2`], fetches the payment by that `paymentId` and verifies it. The body's own
    /// claims (`type`, `status`) are never read for the verdict: a webhook saying
    /// `Transaction.Paid` for a cancelled payment is not `ok`.
    ///
    /// Deliveries repeat: process an `ok` verdict once per [`WebhookCheckV2::webhook_id`].
    ///
    /// # Errors
    /// `E` made from: a [`WebhookError`] for a signature that does not verify (answer 4xx) or
    /// a signed body that is not a V2 webhook; `INVALID_ARGUMENT` (path `webhookSecret`)
    /// without a webhook secret; `WEBHOOK_WITHOUT_PAYMENT` for a signed webhook that names no
    /// payment (`BillingKey.*`: answer 200); whatever `expected_for` fails with;
    /// `INVALID_ARGUMENT` (path `expectedFor`) when it gives no expectation; the errors of
    /// [`ClientV2::verify_payment`].
    pub async fn verify_webhook<F, Fut, E>(
        &self,
        body: &[u8],
        headers: &WebhookHeaders,
        content_type: Option<&str>,
        expected_for: F,
    ) -> Result<WebhookCheckV2, E>
    where
        F: FnOnce(String) -> Fut,
        Fut: Future<Output = Result<Option<ExpectedV2>, E>>,
        E: From<WebhookError> + From<ClientError>,
    {
        let Some(secret) = self.config().webhook_secret.as_deref() else {
            let message = "verifyWebhook needs the webhookSecret option";
            return Err(ClientError::invalid_argument("webhookSecret", message).into());
        };
        #[allow(clippy::cast_possible_truncation)] // UNIX seconds fit; far-off clocks fail anyway
        let now = (self.transport().now_ms() / 1000.0).floor() as i64;
        let signed = SignedWebhook::check(headers, body, now).map_err(WebhookError::from)?;
        let secret = SecretInput::Text(secret)
            .keyed()
            .map_err(WebhookError::from)?;
        signed.verify(&secret).map_err(WebhookError::from)?;
        let webhook_id = signed.id().to_owned();
        let (webhook_json, legacy) = read_body(body, content_type).map_err(WebhookError::from)?;
        let payment_id = match legacy {
            true => read::string_field(&webhook_json, "payment_id"),
            false => member_span(&webhook_json, "data")
                .and_then(|(start, end)| webhook_json.get(start..end))
                .and_then(|data| read::string_field(data, "paymentId")),
        };
        let Some(payment_id) = payment_id else {
            let message = "the webhook names no payment (e.g. BillingKey.*): nothing to verify";
            return Err(ClientError::new(ClientErrorCode::WebhookWithoutPayment, message).into());
        };
        let Some(expected) = expected_for(payment_id.clone()).await? else {
            let message = "expectedFor returned no expectation for the webhook's paymentId";
            return Err(ClientError::invalid_argument("expectedFor", message).into());
        };
        let check = self
            .fetch_and_verify(&payment_id, &expected)
            .await
            .map_err(|err| self.redact(err))?;
        Ok(WebhookCheckV2 {
            webhook_id,
            payment_id,
            check,
            webhook_json,
            legacy,
        })
    }
}

/// The canonical JSON of a verified webhook's body, and whether it is the 2024-01-01 version:
/// a JSON object with a `type` (or without `payment_id`) is version 2024-04-25; a form, or
/// JSON with `payment_id` and no `type`, is 2024-01-01. Read by the types' schemas, nothing
/// built.
fn read_body(body: &[u8], content_type: Option<&str>) -> Result<(String, bool), crate::ParseError> {
    let form = content_type.is_some_and(|t| {
        t.trim_start()
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    let text = std::str::from_utf8(without_bom(body)).unwrap_or("");
    let json = !form && text.trim_start().starts_with('{');
    if json
        && (read::string_field(text, "type").is_some()
            || read::string_field(text, "payment_id").is_none())
    {
        return WebhookV2::canonical_json(body).map(|json| (json, false));
    }
    let legacy = match json {
        true => WebhookV2Legacy::canonical_json(body),
        false => WebhookV2Legacy::canonical_json(form_object(body, LEGACY_KEYS).as_bytes()),
    };
    legacy.map(|json| (json, true))
}

/// The keys of a 2024-01-01 body.
const LEGACY_KEYS: &[&str] = &["payment_id", "tx_id", "status"];
