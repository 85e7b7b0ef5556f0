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

#[tokio::test]
async fn the_secret_and_token_are_redacted_in_json_escaped_and_percent_encoded_forms() {
    let secret = r#"sk/live+"quoted" 키"#;
    let token = "tok/0123+abcd";
    let client = client_with(PortOneClientOptions {
        api_key: "key".into(),
        api_secret: secret.into(),
        base_url: Some("http://127.0.0.1:9".into()),
        max_retries: Some(0),
        ..Default::default()
    });
    let json = |text: &str| serde_json::to_string(text).unwrap();
    let percent = |text: &str| portone_verify::client::encode_component(text);
    let form = |text: &str| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let message = format!(
        "rejected imp_secret={} / {} / {} and token {} / {}",
        json(secret),
        percent(secret).to_lowercase(),
        form(secret),
        json(token),
        percent(token),
    );
    let echo = serde_json::json!({ "code": -1, "message": message, "response": null }).to_string();
    client.transport().answer_with(move |request| {
        let body = if request.url.ends_with("/users/getToken") {
            let auth = serde_json::json!({ "access_token": token, "now": 1, "expired_at": 4_000_000_000u64 });
            serde_json::json!({ "code": 0, "message": null, "response": auth }).to_string()
        } else {
            echo.clone()
        };
        let status = if request.url.ends_with("/users/getToken") { 200 } else { 400 };
        Some(Ok(HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into_bytes(),
        }))
    });
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::BadRequest,
        &client,
        &[
            secret,
            token,
            "quoted",
            "sk%2Flive",
            "sk/live",
            "tok%2F0123",
            "0123+abcd",
        ],
    );
    assert_eq!(
        err.api_message(),
        Some(
            "rejected imp_secret=\"[REDACTED]\" / [REDACTED] / [REDACTED] and token \
             \"[REDACTED]\" / [REDACTED]"
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_secret_too_short_to_redact_and_a_cleartext_base_url_are_refused_at_construction() {
    use portone_verify::client::NativeClient;
    for (options, path) in [
        (
            PortOneClientOptions {
                api_key: "key".into(),
                api_secret: "x".into(),
                ..Default::default()
            },
            "options.apiSecret",
        ),
        (
            PortOneClientOptions {
                api_key: "key".into(),
                api_secret: API_SECRET.into(),
                base_url: Some("http://api.iamport.kr".into()),
                ..Default::default()
            },
            "options.baseUrl",
        ),
    ] {
        let err = NativeClient::from_options(options).unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            (ClientErrorCode::InvalidArgument, Some(path))
        );
        assert!(!err.message().contains(API_SECRET), "{err}");
    }
}
