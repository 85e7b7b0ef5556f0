//! The size cap on answers (`maxResponseBytes`, default 8 MiB): a 64 MB answer from the local
//! server is refused by its `Content-Length` before it is read, or while it streams when it has
//! none, and the server sees the client leave long before the end (its `oversized` stats
//! count the bytes it handed to the socket). Never retried; error statuses keep their code.

use portone_verify::client::{
    CancelPaymentRequest, ClientErrorCode, GetPaymentOptions, HttpResponse, PortOneClientOptions,
    DEFAULT_MAX_RESPONSE_BYTES,
};
use portone_verify::Amount;

use crate::support::{client_with, expect_error, Server, CANCEL, CARD_PAID, GET_PAYMENT};

const NO_OPTIONS: GetPaymentOptions = GetPaymentOptions {
    include_sandbox: None,
};
const MB: u64 = 1024 * 1024;
const HUGE: u64 = 64 * MB;

/// A client with the default cap and a timeout long enough that only the cap can stop it.
fn patient(server: &Server) -> crate::support::TestClient {
    server.client(60_000, 2)
}

/// Checks the server started one oversized body, never finished it, and handed the socket
/// less than half of it (the cap, plus what the kernel's buffers took). Returns the bytes.
async fn abandoned_early(server: &Server) -> u64 {
    let stats = server.settled_stats().await;
    let oversized = &stats["oversized"];
    assert_eq!(
        (
            oversized["started"].as_u64(),
            oversized["completed"].as_u64()
        ),
        (Some(1), Some(0)),
        "{stats}"
    );
    let written = oversized["bytesWritten"].as_u64().unwrap();
    assert!(
        written < HUGE / 2,
        "the server wrote {written} of {HUGE} bytes"
    );
    written
}

#[tokio::test]
async fn a_64_mb_answer_with_content_length_is_refused_before_it_is_read() {
    let server = Server::start();
    let client = patient(&server);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server
        .fault(&format!("oversized={HUGE}"), 10, Some(GET_PAYMENT))
        .await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ResponseTooLarge,
        &client,
        &[],
    );
    assert_eq!(err.status(), Some(200));
    assert!(
        err.message().contains("by its Content-Length")
            && err.message().contains("maxResponseBytes (8388608)"),
        "{err}"
    );
    assert_eq!(server.count(GET_PAYMENT).await, 2, "not retried");
    let written = abandoned_early(&server).await;
    eprintln!("Content-Length refusal: the server wrote {written} bytes of {HUGE}");
}

#[tokio::test]
async fn a_64_mb_chunked_answer_is_cut_while_it_streams() {
    let server = Server::start();
    let client = patient(&server);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server
        .fault(&format!("oversized-chunked={HUGE}"), 10, Some(GET_PAYMENT))
        .await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ResponseTooLarge,
        &client,
        &[],
    );
    assert!(err.message().contains("counted while it streamed"), "{err}");
    assert_eq!(server.count(GET_PAYMENT).await, 2, "not retried");
    let written = abandoned_early(&server).await;
    assert!(
        written >= u64::from(DEFAULT_MAX_RESPONSE_BYTES),
        "the cap was counted, not guessed"
    );
    eprintln!("streamed refusal: the server wrote {written} bytes of {HUGE}");
}

#[tokio::test]
async fn answers_up_to_the_cap_are_read_and_the_cap_is_an_option() {
    let server = Server::start();
    let client = patient(&server);
    server
        .fault(&format!("oversized={}", 2 * MB), 1, Some(GET_PAYMENT))
        .await;
    let payment = client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert_eq!(payment.imp_uid, CARD_PAID);

    let small = client_with(PortOneClientOptions {
        max_response_bytes: Some(64 * 1024),
        ..server.options()
    });
    small.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server
        .fault("oversized-chunked=65537", 1, Some(GET_PAYMENT))
        .await;
    let err = expect_error(
        small.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ResponseTooLarge,
        &small,
        &[],
    );
    assert!(err.message().contains("(65536)"), "{err}");
    server.fault("oversized=65536", 1, Some(GET_PAYMENT)).await;
    small.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();

    for bad in [0, 4095, (1 << 30) + 1] {
        let err = PortOneClientOptions {
            max_response_bytes: Some(bad),
            ..server.options()
        }
        .validate()
        .unwrap_err();
        assert_eq!(err.path(), Some("options.maxResponseBytes"), "{bad}");
    }
}

#[tokio::test]
async fn an_oversized_answer_to_a_cancellation_says_it_was_carried_out() {
    let server = Server::start();
    let client = patient(&server);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server
        .fault(&format!("oversized={HUGE}"), 10, Some(CANCEL))
        .await;
    let request = CancelPaymentRequest {
        imp_uid: Some(CARD_PAID.into()),
        amount: Amount::parse("100"),
        ..Default::default()
    };
    let err = expect_error(
        client.cancel_payment(&request).await,
        ClientErrorCode::ResponseTooLarge,
        &client,
        &[],
    );
    assert!(
        err.message().contains("PortOne accepted the request"),
        "{err}"
    );
    assert_eq!(server.count(CANCEL).await, 1, "sent once");
    abandoned_early(&server).await;
    let payment = client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert_eq!(payment.cancel_amount, Amount::parse("100"));
}

#[tokio::test]
async fn an_error_status_with_an_oversized_body_keeps_its_code_and_retries() {
    let server = Server::start();
    let client = client_with(PortOneClientOptions {
        max_response_bytes: Some(4096),
        max_retries: Some(1),
        ..server.options()
    });
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let seen = calls.clone();
    client.transport().answer_with(move |request| {
        if !request.url.contains("/payments/") {
            return None;
        }
        seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Some(Ok(HttpResponse {
            status: 503,
            headers: vec![("content-length".into(), "10000".into())],
            body: vec![b' '; 10_000],
        }))
    });
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::ServerError,
        &client,
        &[],
    );
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        calls.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "retried once"
    );
}
