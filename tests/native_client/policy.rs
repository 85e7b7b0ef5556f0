//! Retries of reads only, with backoff and `Retry-After`; timeouts; writes sent once; no
//! redirect followed.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use portone_verify::client::{
    CancelPaymentRequest, ClientErrorCode, GetPaymentOptions, PortOneClientOptions,
    PreparePaymentOptions,
};
use portone_verify::Amount;
use serde_json::json;

use crate::support::{client_with, expect_error, Server, CANCEL, CARD_PAID, GET_PAYMENT};

const NO_OPTIONS: GetPaymentOptions = GetPaymentOptions {
    include_sandbox: None,
};

#[tokio::test]
async fn reads_are_retried_after_5xx_until_max_retries() {
    let server = Server::start();
    let client = server.client(300, 2);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server.fault("status=503", 1, Some(GET_PAYMENT)).await;
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert_eq!(server.count(GET_PAYMENT).await, 1 + 2);
    server.fault("status=500", 10, Some(GET_PAYMENT)).await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ServerError,
        &client,
        &[],
    );
    assert_eq!((err.status(), err.api_code()), (Some(500), Some(-1)));
    assert_eq!(
        server.count(GET_PAYMENT).await,
        3 + 3,
        "1 attempt + 2 retries"
    );

    let never = server.client(300, 0);
    server.fault("status=502", 10, Some(GET_PAYMENT)).await;
    expect_error(
        never.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ServerError,
        &never,
        &[],
    );
    assert_eq!(server.count(GET_PAYMENT).await, 6 + 1);
}

#[tokio::test]
async fn a_429_waits_for_retry_after_then_is_rate_limited() {
    let server = Server::start();
    let client = server.client(300, 1);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server.fault("status=429", 1, Some(GET_PAYMENT)).await;
    let started = Instant::now();
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "honours Retry-After: 1"
    );
    server.fault("status=429", 5, Some(GET_PAYMENT)).await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::RateLimited,
        &client,
        &[],
    );
    assert_eq!(
        (err.status(), err.retry_after_ms()),
        (Some(429), Some(1000))
    );
    assert_eq!(server.count(GET_PAYMENT).await, 1 + 2 + 2);
}

#[tokio::test]
async fn timeouts_and_dropped_connections_are_retried_for_reads() {
    let server = Server::start();
    let client = server.client(150, 2);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server.fault("latency=1000", 1, Some(GET_PAYMENT)).await;
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server.fault("latency=1000", 10, Some(GET_PAYMENT)).await;
    let started = Instant::now();
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::Timeout,
        &client,
        &[],
    );
    assert!(err.message().contains("150 ms"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "each attempt is cut at timeout_ms"
    );
    assert_eq!(server.count(GET_PAYMENT).await, 1 + 2 + 3);

    let fresh = Server::start();
    let client = fresh.client(300, 2);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    fresh.fault("drop", 10, Some(GET_PAYMENT)).await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::Network,
        &client,
        &[],
    );
    assert_eq!(err.status(), None);
    assert_eq!(fresh.count(GET_PAYMENT).await, 1 + 3);
    fresh.admin(reqwest::Method::POST, "reset", json!({})).await; // the unused drops
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap(); // a 401, a new token, a resend
    fresh.fault("truncated", 1, Some(GET_PAYMENT)).await;
    expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::InvalidResponse,
        &client,
        &[],
    );
    assert_eq!(
        fresh.count(GET_PAYMENT).await,
        2 + 1,
        "a malformed answer is not retried"
    );
}

#[tokio::test]
async fn writes_are_never_sent_twice() {
    let server = Server::start();
    let client = server.client(150, 5);
    for (fault, code) in [
        ("status=500", ClientErrorCode::ServerError),
        ("status=503", ClientErrorCode::ServerError),
        ("status=429", ClientErrorCode::RateLimited),
        ("drop", ClientErrorCode::Network),
        ("latency=1000", ClientErrorCode::Timeout),
        ("truncated", ClientErrorCode::InvalidResponse),
        ("non-json", ClientErrorCode::InvalidResponse),
    ] {
        server
            .admin(reqwest::Method::POST, "reset", json!({}))
            .await;
        let created = server
            .create_payment(json!({ "merchant_uid": format!("order-{fault}"), "amount": 1000 }))
            .await;
        client
            .get_payment(created["imp_uid"].as_str().unwrap(), &NO_OPTIONS)
            .await
            .unwrap();
        server.fault(fault, 10, Some(CANCEL)).await;
        let request = CancelPaymentRequest {
            imp_uid: created["imp_uid"].as_str().map(str::to_owned),
            ..Default::default()
        };
        let err = expect_error(client.cancel_payment(&request).await, code, &client, &[]);
        assert_eq!(server.count(CANCEL).await, 1, "{fault}: sent exactly once");
        if matches!(code, ClientErrorCode::Timeout | ClientErrorCode::Network) {
            assert!(err.message().contains("may have reached PortOne"), "{err}");
        }
    }
    server
        .fault("status=503", 10, Some("POST /payments/prepare"))
        .await;
    let prepare = client
        .prepare_payment(
            "order-prep",
            &Amount::parse("1000").unwrap(),
            &PreparePaymentOptions::default(),
        )
        .await;
    expect_error(prepare, ClientErrorCode::ServerError, &client, &[]);
    assert_eq!(server.count("POST /payments/prepare").await, 1);
}

/// A one-connection HTTP server on 127.0.0.1 that answers every request with a redirect.
fn redirecting_server() -> (String, std::thread::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        listener.set_nonblocking(false).unwrap();
        let (mut stream, _) = listener.accept().unwrap();
        let mut buffer = [0u8; 4096];
        let _ = stream.read(&mut buffer).unwrap();
        let reply = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        stream.write_all(reply.as_bytes()).unwrap();
        1
    });
    (url, handle)
}

#[tokio::test]
async fn a_redirect_is_an_answer_not_followed() {
    let (url, server) = redirecting_server();
    let options = PortOneClientOptions {
        api_key: "key".into(),
        api_secret: "redirect-secret".into(),
        base_url: Some(url),
        max_retries: Some(0),
        ..Default::default()
    };
    let client = client_with(options);
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::InvalidResponse,
        &client,
        &["redirect-secret"],
    );
    assert_eq!(err.status(), Some(302));
    assert_eq!(
        server.join().unwrap(),
        1,
        "one request, the redirect not followed"
    );
}
