//! The shared token: one request for concurrent calls, one refresh after a 401, and no call
//! left waiting on a token request whose caller went away.

use std::time::{Duration, Instant};

use portone_verify::client::{CancelPaymentRequest, ClientErrorCode, GetPaymentOptions};
use serde_json::json;

use crate::support::{expect_error, Server, CANCEL, CARD_PAID, GET_PAYMENT, GET_TOKEN};

const NO_OPTIONS: GetPaymentOptions = GetPaymentOptions {
    include_sandbox: None,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_on_many_threads_share_one_token_request() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    // tokio::spawn needs `Send + 'static` futures: the native client's are.
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_payment(CARD_PAID, &NO_OPTIONS).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().imp_uid, CARD_PAID);
    }
    let stats = server.stats().await;
    assert_eq!(
        (
            stats["getToken"].as_u64(),
            stats["byRoute"][GET_PAYMENT].as_u64()
        ),
        (Some(1), Some(50))
    );
    // Reused afterwards, across methods.
    client
        .find_payment("order-card-paid", &Default::default())
        .await
        .unwrap();
    assert_eq!(server.stats().await["getToken"], 1);
}

#[tokio::test]
async fn concurrent_calls_share_a_failed_token_request_but_it_is_not_cached() {
    let server = Server::start();
    let client = server.client(300, 0);
    server.fault("status=500", 1, Some(GET_TOKEN)).await;
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_payment(CARD_PAID, &NO_OPTIONS).await })
        })
        .collect();
    for call in calls {
        expect_error(
            call.await.unwrap(),
            ClientErrorCode::ServerError,
            &client,
            &[],
        );
    }
    assert_eq!(server.stats().await["getToken"], 1);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert_eq!(server.stats().await["getToken"], 2);
}

#[tokio::test]
async fn a_401_drops_the_token_and_resends_once() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    server.fault("unauthorized", 1, Some(GET_PAYMENT)).await;
    assert_eq!(
        client
            .get_payment(CARD_PAID, &NO_OPTIONS)
            .await
            .unwrap()
            .imp_uid,
        CARD_PAID
    );
    let stats = server.stats().await;
    assert_eq!(
        (
            stats["getToken"].as_u64(),
            stats["byRoute"][GET_PAYMENT].as_u64()
        ),
        (Some(2), Some(3))
    );

    server.fault("unauthorized", 5, Some(GET_PAYMENT)).await;
    let err = expect_error(
        client.get_payment(CARD_PAID, &NO_OPTIONS).await,
        ClientErrorCode::Unauthorized,
        &client,
        &[],
    );
    assert_eq!(err.status(), Some(401));
    let stats = server.stats().await;
    assert_eq!(
        (
            stats["getToken"].as_u64(),
            stats["byRoute"][GET_PAYMENT].as_u64()
        ),
        (Some(3), Some(5))
    );
}

#[tokio::test]
async fn a_cancellation_is_resent_after_a_401_and_only_then() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let created = server
        .create_payment(json!({ "merchant_uid": "order-401-cancel", "amount": 3000 }))
        .await;
    server.fault("unauthorized", 1, Some(CANCEL)).await;
    let request = CancelPaymentRequest {
        imp_uid: created["imp_uid"].as_str().map(str::to_owned),
        ..Default::default()
    };
    let cancelled = client.cancel_payment(&request).await.unwrap();
    assert_eq!(
        cancelled.status,
        portone_verify::types::PaymentStatus::Cancelled
    );
    assert_eq!(server.count(CANCEL).await, 2);
}

#[tokio::test]
async fn a_dropped_leader_hands_the_token_request_on() {
    let server = Server::start();
    let client = server.client(5_000, 0);
    server.fault("latency=3000", 1, Some(GET_TOKEN)).await;
    let leader = tokio::spawn({
        let client = client.clone();
        async move { client.get_payment(CARD_PAID, &NO_OPTIONS).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await; // the leader's getToken is in flight
    let follower = tokio::spawn({
        let client = client.clone();
        async move { client.get_payment(CARD_PAID, &NO_OPTIONS).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    leader.abort(); // its caller went away mid-request
    let started = Instant::now();
    let payment = tokio::time::timeout(Duration::from_secs(5), follower)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(payment.unwrap().imp_uid, CARD_PAID);
    // Not the dropped request's answer (due 2.7 s later), nor the bounded wait (6 s): a new one.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "waited for the dropped request"
    );
    assert_eq!(server.stats().await["getToken"], 2);
}

#[tokio::test]
async fn a_token_request_that_never_settles_is_waited_for_only_so_long() {
    let server = Server::start();
    // Worst case of a token request: 1 attempt of 100 ms + 1 s of slack.
    let client = server.client(100, 0);
    server.fault("latency=2000", 1, Some(GET_TOKEN)).await;
    let mut stalled = Box::pin(client.get_payment(CARD_PAID, &NO_OPTIONS));
    // Polled for a while (it leads the token request, which reaches the server and is held
    // there), then never again, as in Cloudflare Workers when the request that started it
    // ends: it neither finishes nor is dropped.
    assert!(
        tokio::time::timeout(Duration::from_millis(50), &mut stalled)
            .await
            .is_err()
    );
    assert_eq!(server.stats().await["getToken"], 1);
    let started = Instant::now();
    let payment = client.get_payment(CARD_PAID, &NO_OPTIONS).await.unwrap();
    assert_eq!(payment.imp_uid, CARD_PAID);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1_000) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    drop(stalled);
}

/// Every method's future is `Send` (and the client `Send + Sync + Clone`), so a server can
/// spawn them on a multi-threaded runtime. Checked at compile time; nothing is sent.
#[test]
fn every_future_of_the_native_client_is_send() {
    use portone_verify::client::{
        endpoints, Answer, BillingKeyPaymentsOptions, FindAllPaymentsOptions, FindPaymentOptions,
        GetPaymentsQuery, NativeClient, PaymentsByStatusOptions, PortOneClientOptions,
        PreparePaymentOptions,
    };
    use portone_verify::{Amount, Expected};
    fn send<F: std::future::Future + Send>(_: F) {}
    fn shareable<C: Send + Sync + Clone + 'static>(_: &C) {}
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let options = PortOneClientOptions {
        api_key: "k".into(),
        api_secret: "test_secret".into(),
        base_url: Some("http://127.0.0.1:9".into()),
        ..Default::default()
    };
    let client = NativeClient::from_options(options).unwrap();
    shareable(&client);
    let amount = Amount::parse("1").unwrap();
    let expected = Expected::new("o", amount.clone());
    let request = endpoints::get_payment_balance("imp_1").unwrap();
    send(client.send(&request));
    send(client.answer_json(&request, Answer::Balance));
    send(client.get_payment("imp_1", &NO_OPTIONS));
    send(client.get_payments(&GetPaymentsQuery::default()));
    send(client.find_payment("o", &FindPaymentOptions::default()));
    send(client.find_all_payments("o", &FindAllPaymentsOptions::default()));
    send(client.get_payments_by_status("paid", &PaymentsByStatusOptions::default()));
    send(client.get_billing_key_payments("c", &BillingKeyPaymentsOptions::default()));
    send(client.get_payment_balance("imp_1"));
    send(client.cancel_payment(&CancelPaymentRequest::default()));
    send(client.prepare_payment("o", &amount, &PreparePaymentOptions::default()));
    send(client.get_prepared_payment("o"));
    send(client.verify_payment("imp_1", &expected));
    send(client.verify_webhook_v1(b"{}", None, |_| async {
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(None)
    }));
}
