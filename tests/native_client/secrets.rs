//! No error carries the API secret or a token, whatever the server or the network says.

use portone_verify::client::{
    ClientErrorCode, GetPaymentOptions, HttpResponse, PortOneClientOptions, TransportError,
    TransportErrorKind,
};

use crate::support::{client_with, expect_error, Server, API_SECRET, CARD_PAID};

const NO_OPTIONS: GetPaymentOptions = GetPaymentOptions {
    include_sandbox: None,
};

#[tokio::test]
async fn wrong_credentials_are_unauthorized_at_once_without_the_secret() {
    let server = Server::start();
    let secret = "sk_live_this_must_never_leak_0123456789";
    let client = client_with(PortOneClientOptions {
        api_secret: secret.into(),
        ..server.options()
    });
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::Unauthorized,
        &client,
        &[secret],
    );
    assert_eq!(err.status(), Some(401));
    let stats = server.stats().await;
    assert_eq!(
        (stats["getToken"].as_u64(), stats["requests"].as_u64()),
        (Some(1), Some(1)),
        "not retried"
    );
}

#[tokio::test]
async fn a_secret_or_token_echoed_by_the_server_or_the_network_is_redacted() {
    let server = Server::start();
    let client = server.client(5_000, 0);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    let token = client.transport().tokens().pop().expect("a token was sent");
    let echo = format!(
        r#"{{"code":-1,"message":"token {token} and secret {API_SECRET} rejected","response":null}}"#
    );
    client.transport().answer_with(move |_| {
        Some(Ok(HttpResponse {
            status: 400,
            headers: Vec::new(),
            body: echo.clone().into_bytes(),
        }))
    });
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::BadRequest,
        &client,
        &[],
    );
    assert!(
        err.message().contains("[REDACTED]")
            && err.api_message().unwrap_or_default().contains("[REDACTED]"),
        "{err:?}"
    );

    let reason = format!("connection reset after {API_SECRET} / {token}");
    client.transport().answer_with(move |_| {
        Some(Err(TransportError::new(
            TransportErrorKind::Network,
            reason.clone(),
        )))
    });
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::Network,
        &client,
        &[],
    );
    assert!(err.message().matches("[REDACTED]").count() == 2, "{err}");
}

#[tokio::test]
async fn a_malformed_token_answer_is_not_quoted() {
    let server = Server::start();
    let client = server.client(5_000, 0);
    let bogus = "tok_0123456789abcdef_bogus";
    let body = format!(
        r#"{{"code":0,"message":null,"response":{{"access_token":"{bogus}","now":"{bogus}"}}}}"#
    );
    client.transport().answer_with(move |_| {
        Some(Ok(HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: body.clone().into_bytes(),
        }))
    });
    expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::InvalidResponse,
        &client,
        &[bogus],
    );
}
