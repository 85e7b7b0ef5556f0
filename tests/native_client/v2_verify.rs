//! `ClientV2::verify_payment` (fetch + V2 verdict, failing closed) and the V2 webhook flow
//! (signature → body → the payment fetched by `paymentId` → verdict; the body's claims never
//! decide).

use portone_verify::client::v2::WebhookBodyV2;
use portone_verify::client::{ClientError, ClientErrorCode};
use portone_verify::webhook::{WebhookError, WebhookHeaders};
use portone_verify::{Amount, ExpectedV2, FailureCode, Verdict};
use serde_json::{json, Value};

use crate::support::{expect_v2_error, Server, TestClientV2, V2_CARD_PAID, V2_GET_PAYMENT};

fn order(payment_id: &str, amount: i64) -> ExpectedV2 {
    ExpectedV2::new(payment_id, Amount::from_i64(amount))
}

fn codes(verdict: &Verdict) -> Vec<FailureCode> {
    verdict.failures().iter().map(|f| f.code).collect()
}

#[tokio::test]
async fn verifies_a_paid_payment_and_rejects_forgeries() {
    let server = Server::start();
    let client = server.client_v2(5_000, 2);
    let checked = client
        .verify_payment(V2_CARD_PAID, &order(V2_CARD_PAID, 30_000))
        .await
        .unwrap();
    assert!(checked.is_ok(), "{:?}", checked.verdict);
    assert_eq!(checked.payment().unwrap().id(), V2_CARD_PAID);
    let forged = client
        .verify_payment(V2_CARD_PAID, &order(V2_CARD_PAID, 100))
        .await
        .unwrap();
    assert_eq!(codes(&forged.verdict), [FailureCode::AmountMismatch]);
    let other = client
        .verify_payment(V2_CARD_PAID, &order("order-mine", 30_000))
        .await
        .unwrap();
    assert_eq!(codes(&other.verdict), [FailureCode::PaymentIdMismatch]);
    let cancelled = client
        .verify_payment(
            "payment-v2-cancelled",
            &order("payment-v2-cancelled", 15_000),
        )
        .await
        .unwrap();
    assert!(codes(&cancelled.verdict).contains(&FailureCode::Cancelled));
    let err = expect_v2_error(
        client.verify_payment(V2_CARD_PAID, &order("", 1)).await,
        ClientErrorCode::InvalidArgument,
    );
    assert_eq!(err.path(), Some("expected.paymentId"));
    assert_eq!(
        server.count(V2_GET_PAYMENT).await,
        4,
        "a bad expectation sends nothing"
    );
}

#[tokio::test]
async fn fails_closed_on_every_corrupted_answer() {
    let server = Server::start();
    let client = server.client_v2(500, 0);
    for fault in [
        "bad-json",
        "truncated",
        "non-json",
        "api-code=0",
        "reset",
        "drop",
        "oversized-chunked=9000000",
        "status=500",
        "error=PAYMENT_NOT_FOUND",
        "slow-body=3000",
    ] {
        server.fault(fault, 1, Some(V2_GET_PAYMENT)).await;
        let result = client
            .verify_payment(V2_CARD_PAID, &order(V2_CARD_PAID, 30_000))
            .await;
        assert!(result.is_err(), "{fault}: {result:?}");
        let _ = server.settled_stats().await;
    }
}

/// A signed delivery from the server's admin API: (headers, body).
async fn delivery(server: &Server, request: Value) -> (WebhookHeaders, String) {
    let signed = server
        .admin(reqwest::Method::POST, "v2/webhook", request)
        .await;
    let headers = signed["headers"].as_object().unwrap();
    let headers = WebhookHeaders::from_pairs(
        headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())),
    );
    (headers, signed["body"].as_str().unwrap().to_owned())
}

#[derive(Debug)]
enum FlowError {
    Client(ClientError),
    Webhook(WebhookError),
}

impl From<ClientError> for FlowError {
    fn from(err: ClientError) -> Self {
        FlowError::Client(err)
    }
}

impl From<WebhookError> for FlowError {
    fn from(err: WebhookError) -> Self {
        FlowError::Webhook(err)
    }
}

async fn handle(
    client: &TestClientV2,
    headers: &WebhookHeaders,
    body: &str,
    content_type: Option<&str>,
    amount: i64,
) -> Result<portone_verify::client::v2::WebhookCheckV2, FlowError> {
    client
        .verify_webhook(
            body.as_bytes(),
            headers,
            content_type,
            |payment_id| async move { Ok::<_, FlowError>(Some(order(&payment_id, amount))) },
        )
        .await
}

#[tokio::test]
async fn a_signed_webhook_for_a_paid_payment_verifies() {
    let server = Server::start();
    let client = server.client_v2(5_000, 2);
    let request =
        json!({ "paymentId": V2_CARD_PAID, "type": "Transaction.Paid", "webhookId": "msg_1" });
    let (headers, body) = delivery(&server, request).await;
    let checked = handle(&client, &headers, &body, None, 30_000)
        .await
        .unwrap();
    assert!(checked.check.is_ok(), "{:?}", checked.check.verdict);
    assert_eq!(checked.webhook_id, "msg_1");
    assert!(matches!(
        checked.webhook().unwrap(),
        WebhookBodyV2::Current(_)
    ));
    assert_eq!(checked.payment_id, V2_CARD_PAID);
    let forged = handle(&client, &headers, &body, None, 100).await.unwrap();
    assert_eq!(codes(&forged.check.verdict), [FailureCode::AmountMismatch]);

    let legacy = json!({ "paymentId": V2_CARD_PAID, "type": "Transaction.Paid",
        "version": "2024-01-01", "format": "form" });
    let (headers, body) = delivery(&server, legacy).await;
    let form = Some("application/x-www-form-urlencoded");
    let checked = handle(&client, &headers, &body, form, 30_000)
        .await
        .unwrap();
    assert!(checked.check.is_ok());
    assert!(matches!(
        checked.webhook().unwrap(),
        WebhookBodyV2::Legacy(_)
    ));
}

#[tokio::test]
async fn transaction_paid_for_a_cancelled_payment_is_not_ok() {
    let server = Server::start();
    let client = server.client_v2(5_000, 2);
    let request = json!({ "paymentId": V2_CARD_PAID, "type": "Transaction.Paid" });
    let (headers, body) = delivery(&server, request).await;
    let path = format!("v2/payments/{V2_CARD_PAID}/status");
    server
        .admin(
            reqwest::Method::POST,
            &path,
            json!({ "status": "CANCELLED" }),
        )
        .await;
    let checked = handle(&client, &headers, &body, None, 30_000)
        .await
        .unwrap();
    assert!(!checked.check.is_ok());
    assert!(codes(&checked.check.verdict).contains(&FailureCode::Cancelled));
}

#[tokio::test]
async fn bad_signatures_and_payment_less_webhooks_are_refused_before_any_fetch() {
    let server = Server::start();
    let client = server.client_v2(5_000, 2);
    let request = json!({ "paymentId": V2_CARD_PAID, "type": "Transaction.Paid" });
    let (headers, body) = delivery(&server, request).await;
    let tampered = body.replace("Transaction.Paid", "Transaction.Paid ");
    let err = handle(&client, &headers, &tampered, None, 30_000)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FlowError::Webhook(e) if e.code() == "NO_MATCHING_SIGNATURE"),
        "{err:?}"
    );
    let err = handle(&client, &WebhookHeaders::new(), &body, None, 1)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FlowError::Webhook(e) if e.code() == "MISSING_REQUIRED_HEADERS"),
        "{err:?}"
    );
    let billing =
        json!({ "paymentId": V2_CARD_PAID, "type": "BillingKey.Issued", "billingKey": "bk-1" });
    let (headers, body) = delivery(&server, billing).await;
    let err = handle(&client, &headers, &body, None, 1).await.unwrap_err();
    assert!(
        matches!(&err, FlowError::Client(e) if e.code() == ClientErrorCode::WebhookWithoutPayment),
        "{err:?}"
    );
    let no_secret =
        crate::support::client_v2_with(portone_verify::client::v2::PortOneClientV2Options {
            webhook_secret: None,
            ..server.v2_options()
        });
    let err = handle(&no_secret, &headers, &body, None, 1)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, FlowError::Client(e) if e.path() == Some("webhookSecret")),
        "{err:?}"
    );
    assert_eq!(server.count(V2_GET_PAYMENT).await, 0);
}
