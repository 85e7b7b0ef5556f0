//! Every endpoint returns its typed result; NOT_FOUND, API_ERROR and INVALID_ARGUMENT.

use portone_verify::client::{
    BillingKeyPaymentsOptions, CancelPaymentRequest, ClientErrorCode, FindAllPaymentsOptions,
    FindPaymentOptions, GetPaymentOptions, GetPaymentsQuery, NativeClient, PaymentsByStatusOptions,
    PortOneClientOptions, PreparePaymentOptions,
};
use portone_verify::types::PaymentStatus;
use portone_verify::Amount;
use serde_json::json;

use crate::support::{expect_error, Server, CARD_PAID};

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

#[tokio::test]
async fn reads_return_typed_results() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let payment = client
        .get_payment(CARD_PAID, &GetPaymentOptions::default())
        .await
        .unwrap();
    assert_eq!(
        (payment.merchant_uid.as_str(), payment.amount.as_str()),
        ("order-card-paid", "1004")
    );
    assert_eq!(payment.status, PaymentStatus::Paid);

    let hidden = client
        .get_payment("imp_100000000006", &GetPaymentOptions::default())
        .await;
    let err = expect_error(hidden, ClientErrorCode::NotFound, &client, &[]);
    assert_eq!((err.status(), err.api_code()), (Some(404), Some(1)));
    let with_sandbox = GetPaymentOptions {
        include_sandbox: Some(true),
    };
    assert!(
        client
            .get_payment("imp_100000000006", &with_sandbox)
            .await
            .unwrap()
            .sandbox
            == Some(true)
    );

    let query = GetPaymentsQuery {
        imp_uids: vec![CARD_PAID.into(), "imp_missing".into()],
        ..Default::default()
    };
    let partial = client.get_payments(&query).await.unwrap();
    assert!(partial.partial && partial.payments.len() == 1 && partial.message.is_some());

    let found = client
        .find_payment("order-retry", &FindPaymentOptions::default())
        .await
        .unwrap();
    assert_eq!(found.imp_uid, "imp_100000000013");
    let page = FindAllPaymentsOptions {
        limit: Some(1),
        sorting: Some("started".into()),
        ..Default::default()
    };
    let all = client
        .find_all_payments("order-retry", &page)
        .await
        .unwrap();
    assert_eq!((all.total, all.next, all.list.len()), (2, 2, 1));
    let paid = PaymentsByStatusOptions {
        limit: Some(100),
        ..Default::default()
    };
    let by_status = client.get_payments_by_status("paid", &paid).await.unwrap();
    assert!(
        by_status.total >= 5
            && by_status
                .list
                .iter()
                .all(|p| p.status == PaymentStatus::Paid)
    );
    let billing = BillingKeyPaymentsOptions::default();
    assert_eq!(
        client
            .get_billing_key_payments("customer-1234", &billing)
            .await
            .unwrap()
            .total,
        2
    );
    let balance = client.get_payment_balance(CARD_PAID).await.unwrap();
    assert_eq!(balance.amount.as_str(), "1004");
}

#[tokio::test]
async fn writes_cancel_and_prepare_then_refuse_with_api_error() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let created = server
        .create_payment(json!({ "merchant_uid": "order-cancel-me", "amount": 10000 }))
        .await;
    let imp_uid = created["imp_uid"].as_str().unwrap().to_owned();
    let part = CancelPaymentRequest {
        imp_uid: Some(imp_uid.clone()),
        amount: Some(amount("3000")),
        ..Default::default()
    };
    let cancelled = client.cancel_payment(&part).await.unwrap();
    assert_eq!(
        cancelled
            .cancel_amount
            .map(|a| a.as_str().to_owned())
            .as_deref(),
        Some("3000")
    );
    let rest = CancelPaymentRequest {
        merchant_uid: Some("order-cancel-me".into()),
        ..Default::default()
    };
    assert_eq!(
        client.cancel_payment(&rest).await.unwrap().status,
        PaymentStatus::Cancelled
    );
    let again = CancelPaymentRequest {
        imp_uid: Some(imp_uid),
        ..Default::default()
    };
    let err = expect_error(
        client.cancel_payment(&again).await,
        ClientErrorCode::ApiError,
        &client,
        &[],
    );
    assert_eq!((err.status(), err.api_code()), (None, Some(1)));

    let usd = PreparePaymentOptions {
        currency: Some("USD".into()),
    };
    let prepared = client
        .prepare_payment("order-prepare-1", &amount("10.50"), &usd)
        .await
        .unwrap();
    assert_eq!(
        (prepared.amount.as_str(), prepared.currency.as_deref()),
        ("10.5", Some("USD"))
    );
    let read = client
        .get_prepared_payment("order-prepare-1")
        .await
        .unwrap();
    assert_eq!(read.merchant_uid, "order-prepare-1");
    let twice = client
        .prepare_payment(
            "order-prepare-1",
            &amount("1"),
            &PreparePaymentOptions::default(),
        )
        .await;
    expect_error(twice, ClientErrorCode::ApiError, &client, &[]);
    let never = client.get_prepared_payment("order-never-prepared").await;
    expect_error(never, ClientErrorCode::NotFound, &client, &[]);
}

#[tokio::test]
async fn bad_arguments_are_refused_before_anything_is_sent() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let err = expect_error(
        client
            .get_payment("..", &GetPaymentOptions::default())
            .await,
        ClientErrorCode::InvalidArgument,
        &client,
        &[],
    );
    assert_eq!(err.path(), Some("impUid"));
    let none = client.get_payments(&GetPaymentsQuery::default()).await;
    assert_eq!(
        expect_error(none, ClientErrorCode::InvalidArgument, &client, &[]).path(),
        Some("query")
    );
    let negative = CancelPaymentRequest {
        imp_uid: Some(CARD_PAID.into()),
        amount: Some(amount("-1")),
        ..Default::default()
    };
    let err = expect_error(
        client.cancel_payment(&negative).await,
        ClientErrorCode::InvalidArgument,
        &client,
        &[],
    );
    assert_eq!(err.path(), Some("request.amount"));
    assert_eq!(server.stats().await["requests"], 0);
}

#[tokio::test]
async fn from_options_validates_and_builds_a_working_client() {
    let server = Server::start();
    let bad = NativeClient::from_options(PortOneClientOptions {
        api_key: "k".into(),
        ..Default::default()
    });
    assert_eq!(bad.unwrap_err().path(), Some("options.apiSecret"));
    let secret = "sk_live_never_in_an_error_0123";
    let options = PortOneClientOptions {
        api_secret: secret.into(),
        timeout_ms: Some(0),
        ..server.options()
    };
    let err = NativeClient::from_options(options).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ClientErrorCode::InvalidArgument, Some("options.timeoutMs"))
    );
    assert!(!format!("{err} {err:?}").contains(secret));
    let client = NativeClient::from_options(server.options()).unwrap();
    assert!(!format!("{client:?}").contains(crate::support::API_SECRET));
    assert_eq!(
        client
            .get_payment(CARD_PAID, &GetPaymentOptions::default())
            .await
            .unwrap()
            .imp_uid,
        CARD_PAID
    );
}
