//! The webhooks PortOne sent for a V2 payment (`webhooks`).

use serde::Serialize;
use tsify::Tsify;

use super::enums::{PaymentWebhookPaymentStatus, PaymentWebhookStatus, PaymentWebhookTrigger};
use crate::types::declare::wire;

wire! {
    /// One webhook sent for a payment.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentWebhook {
        /// The payment's status when it was sent (absent for V1 payments).
        payment_status as "paymentStatus": Option<PaymentWebhookPaymentStatus>,
        /// Webhook id.
        id: String,
        /// Whether it was delivered.
        status: Option<PaymentWebhookStatus>,
        /// Where it was sent. Required by the OpenAPI, whose description says V1 payments
        /// have none: optional here.
        url: Option<String>,
        /// Whether it was asynchronous (absent for V1 payments).
        is_async as "isAsync": Option<bool>,
        /// Deliveries so far.
        current_execution_count as "currentExecutionCount": Option<i64>,
        /// Most deliveries tried.
        max_execution_count as "maxExecutionCount": Option<i64>,
        /// What triggered it.
        trigger: Option<PaymentWebhookTrigger>,
        /// The request sent.
        request: Option<PaymentWebhookRequest>,
        /// The merchant's response.
        response: Option<PaymentWebhookResponse>,
        /// When processing started (RFC 3339).
        triggered_at as "triggeredAt": Option<String>,
    }
}

wire! {
    /// A sent webhook's request.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentWebhookRequest {
        /// Headers.
        header: Option<String>,
        /// Body.
        body: String,
        /// When it was sent (RFC 3339).
        requested_at as "requestedAt": Option<String>,
    }
}

wire! {
    /// The merchant's response to a sent webhook.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentWebhookResponse {
        /// HTTP status code.
        code: String,
        /// Headers.
        header: String,
        /// Body.
        body: String,
        /// When it arrived (RFC 3339).
        responded_at as "respondedAt": String,
    }
}
