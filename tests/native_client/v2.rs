//! `ClientV2` over `reqwest` against the local server's `/v2` routes: every endpoint, each V2
//! error type's code (the type kept), retries of GETs only, POSTs never sent twice, timeouts,
//! and errors free of both secrets.

use std::time::{Duration, Instant};

use portone_verify::client::v2::PortOneClientV2Options;
use portone_verify::client::{ClientErrorCode, HttpResponse};
use portone_verify::types::v2::{
    CancelPaymentBody, GetPaymentsBody, PageInput, Payment, PaymentFilterInput, PaymentStatusV2,
    PreRegisterPaymentBody,
};
use serde_json::json;

use crate::support::{
    client_v2_with, expect_v2_error, Server, V2_CANCEL, V2_CARD_PAID, V2_GET_PAYMENT,
    V2_GET_PAYMENTS, V2_PRE_REGISTER, V2_SECRET, V2_STORE, V2_WEBHOOK_SECRET,
};

fn cancel(reason: &str, amount: Option<i64>) -> CancelPaymentBody {
    CancelPaymentBody {
        amount,
        ..CancelPaymentBody::new(reason)
    }
}

#[tokio::test]
async fn get_list_cancel_and_pre_register() {
    let server = Server::start();
    let client = server.client_v2(5_000, 2);
    let payment = client.get_payment(V2_CARD_PAID, None).await.unwrap();
    assert!(matches!(payment, Payment::Paid(_)));
    assert_eq!(payment.amount().total, 30_000);
    let in_store = client
        .get_payment(V2_CARD_PAID, Some(V2_STORE))
        .await
        .unwrap();
    assert_eq!(in_store.id(), V2_CARD_PAID);
    let encoded = client.get_payment("결제/2024 #1?", None).await.unwrap();
    assert_eq!(encoded.id(), "결제/2024 #1?");
    let large = client
        .get_payment("payment-v2-large-amount", None)
        .await
        .unwrap();
    assert_eq!(large.amount().total, 9_007_199_254_740_993);

    let page = client
        .get_payments(&GetPaymentsBody {
            page: Some(PageInput {
                number: Some(0),
                size: Some(3),
            }),
            filter: None,
        })
        .await
        .unwrap();
    assert_eq!((page.items.len(), page.page.size), (3, 3));
    let cancelled = client
        .get_payments(&GetPaymentsBody {
            page: None,
            filter: Some(PaymentFilterInput {
                status: vec![PaymentStatusV2::Cancelled],
                ..Default::default()
            }),
        })
        .await
        .unwrap();
    assert!(!cancelled.items.is_empty());
    assert!(cancelled
        .items
        .iter()
        .all(|p| matches!(p, Payment::Cancelled(_))));

    let partial = client
        .cancel_payment(V2_CARD_PAID, &cancel("out of stock", Some(10_000)))
        .await
        .unwrap();
    let partial = serde_json::to_value(&partial).unwrap();
    assert_eq!(partial["cancellation"]["status"], "SUCCEEDED");
    assert_eq!(partial["cancellation"]["totalAmount"], 10_000);
    let now = client.get_payment(V2_CARD_PAID, None).await.unwrap();
    assert!(matches!(now, Payment::PartialCancelled(_)));

    let body = PreRegisterPaymentBody {
        total_amount: Some(25_000),
        ..Default::default()
    };
    client
        .pre_register_payment("order-new", &body)
        .await
        .unwrap();
    let recorded = server
        .admin(
            reqwest::Method::GET,
            "v2/pre-registrations/order-new",
            json!(null),
        )
        .await;
    assert_eq!(recorded["totalAmount"], 25_000);
    assert_eq!(recorded["storeId"], V2_STORE);
}

#[tokio::test]
async fn each_error_type_has_its_code_and_keeps_the_type() {
    let server = Server::start();
    let client = server.client_v2(2_000, 0);
    let err = expect_v2_error(
        client.get_payment("payment-v2-nope", None).await,
        ClientErrorCode::NotFound,
    );
    assert_eq!(
        (err.status(), err.portone_type()),
        (Some(404), Some("PAYMENT_NOT_FOUND"))
    );
    assert!(err.api_message().is_some());
    let err = expect_v2_error(
        client.get_payment(V2_CARD_PAID, Some("store-other")).await,
        ClientErrorCode::Forbidden,
    );
    assert_eq!(err.portone_type(), Some("FORBIDDEN"));
    let wrong = client_v2_with(PortOneClientV2Options {
        api_secret: "wrong_secret_123".into(),
        ..server.v2_options()
    });
    expect_v2_error(
        wrong.get_payment(V2_CARD_PAID, None).await,
        ClientErrorCode::Unauthorized,
    );
    assert_eq!(
        server.count(V2_GET_PAYMENT).await,
        3,
        "a 401 is final: no refresh"
    );
    for (error_type, code, status) in [
        ("INVALID_REQUEST", ClientErrorCode::InvalidRequest, 400),
        ("UNAUTHORIZED", ClientErrorCode::Unauthorized, 401),
        ("FORBIDDEN", ClientErrorCode::Forbidden, 403),
        ("PAYMENT_NOT_FOUND", ClientErrorCode::NotFound, 404),
        ("ALREADY_PAID", ClientErrorCode::ApiError, 409),
        ("PG_PROVIDER", ClientErrorCode::ApiError, 502),
    ] {
        server
            .fault(&format!("error={error_type}"), 1, Some(V2_GET_PAYMENT))
            .await;
        let err = expect_v2_error(client.get_payment(V2_CARD_PAID, None).await, code);
        assert_eq!(
            (err.status(), err.portone_type()),
            (Some(status), Some(error_type))
        );
    }
    let err = expect_v2_error(
        client
            .cancel_payment("payment-v2-cancelled", &cancel("again", None))
            .await,
        ClientErrorCode::ApiError,
    );
    assert_eq!(err.portone_type(), Some("PAYMENT_ALREADY_CANCELLED"));
    let err = expect_v2_error(
        client
            .pre_register_payment(V2_CARD_PAID, &PreRegisterPaymentBody::default())
            .await,
        ClientErrorCode::ApiError,
    );
    assert_eq!(err.portone_type(), Some("ALREADY_PAID"));
    for fault in ["bad-json", "truncated", "non-json", "api-code=1"] {
        server.fault(fault, 1, Some(V2_GET_PAYMENT)).await;
        expect_v2_error(
            client.get_payment(V2_CARD_PAID, None).await,
            ClientErrorCode::InvalidResponse,
        );
    }
}

#[tokio::test]
async fn gets_are_retried_with_backoff_and_retry_after() {
    let server = Server::start();
    let client = server.client_v2(400, 2);
    server.fault("status=503", 2, Some(V2_GET_PAYMENT)).await;
    client.get_payment(V2_CARD_PAID, None).await.unwrap();
    assert_eq!(server.count(V2_GET_PAYMENT).await, 3);
    server.fault("status=500", 10, Some(V2_GET_PAYMENTS)).await;
    expect_v2_error(
        client.get_payments(&GetPaymentsBody::default()).await,
        ClientErrorCode::ServerError,
    );
    assert_eq!(server.count(V2_GET_PAYMENTS).await, 3);
    server.fault("status=429", 1, Some(V2_GET_PAYMENT)).await;
    let started = Instant::now();
    client.get_payment(V2_CARD_PAID, None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1"
    );

    server.fault("status=502", 5, Some(V2_PRE_REGISTER)).await;
    let body = PreRegisterPaymentBody {
        total_amount: Some(1_000),
        ..Default::default()
    };
    expect_v2_error(
        client.pre_register_payment("order-x", &body).await,
        ClientErrorCode::ServerError,
    );
    assert_eq!(server.count(V2_PRE_REGISTER).await, 1);
}

#[tokio::test]
async fn a_cancellation_is_never_sent_twice() {
    let server = Server::start();
    let client = server.client_v2(400, 3);
    for (fault, code) in [
        ("status=503", ClientErrorCode::ServerError),
        ("status=429", ClientErrorCode::RateLimited),
        ("drop", ClientErrorCode::Network),
        ("latency=1500", ClientErrorCode::Timeout),
    ] {
        let before = server.count(V2_CANCEL).await;
        server.fault(fault, 5, Some(V2_CANCEL)).await;
        expect_v2_error(
            client
                .cancel_payment(V2_CARD_PAID, &cancel("r", Some(1)))
                .await,
            code,
        );
        let _ = server.settled_stats().await;
        assert_eq!(server.count(V2_CANCEL).await, before + 1, "{fault}");
        server
            .admin(reqwest::Method::POST, "reset", json!({}))
            .await;
    }
}

#[tokio::test]
async fn timeouts_cut_each_attempt() {
    let server = Server::start();
    let client = server.client_v2(300, 1);
    server.fault("latency=2000", 2, Some(V2_GET_PAYMENT)).await;
    let started = Instant::now();
    let err = expect_v2_error(
        client.get_payment(V2_CARD_PAID, None).await,
        ClientErrorCode::Timeout,
    );
    assert!(
        started.elapsed() < Duration::from_millis(1_500),
        "{:?}",
        started.elapsed()
    );
    assert!(err.message().contains("300 ms"), "{err}");
    let _ = server.settled_stats().await;
    server
        .fault("slow-body=3000", 2, Some(V2_GET_PAYMENT))
        .await;
    expect_v2_error(
        client.get_payment(V2_CARD_PAID, None).await,
        ClientErrorCode::Timeout,
    );
}

#[tokio::test]
async fn errors_hold_no_secret_in_any_form() {
    let server = Server::start();
    let client = server.client_v2(2_000, 0);
    let message = format!(
        "bad {V2_SECRET} {} {}",
        V2_WEBHOOK_SECRET,
        V2_WEBHOOK_SECRET.replace('+', "%2B")
    );
    client.transport().answer_with(move |_| {
        let body = json!({ "type": "INVALID_REQUEST", "message": message }).to_string();
        Some(Ok(HttpResponse {
            status: 400,
            headers: Vec::new(),
            body: body.into_bytes(),
        }))
    });
    let err = expect_v2_error(
        client.get_payment(V2_CARD_PAID, None).await,
        ClientErrorCode::InvalidRequest,
    );
    assert!(err.api_message().unwrap().contains("[REDACTED]"), "{err:?}");
    let debug = format!("{client:?}");
    assert!(
        !debug.contains(V2_SECRET) && !debug.contains(&V2_WEBHOOK_SECRET[6..]),
        "{debug}"
    );
}
