//! `verify_payment` (fetch + verdict, failing closed) and the V1 webhook flow.

use portone_verify::client::{ClientError, ClientErrorCode};
use portone_verify::{Amount, Expected, FailureCode, Observed, PaidState, ParseError, Verdict};

use crate::support::{expect_error, Server, CARD_PAID, GET_PAYMENT, GET_TOKEN};

fn order(merchant_uid: &str, amount: &str) -> Expected {
    Expected::new(merchant_uid, Amount::parse(amount).unwrap())
}

fn codes(verdict: &Verdict) -> Vec<FailureCode> {
    verdict.failures().iter().map(|f| f.code).collect()
}

#[tokio::test]
async fn verifies_a_paid_payment_and_rejects_forgeries() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let checked = client
        .verify_payment(CARD_PAID, &order("order-card-paid", "1004"))
        .await
        .unwrap();
    assert_eq!(
        checked.verdict,
        Verdict::Verified {
            state: PaidState::Paid
        }
    );
    assert_eq!(checked.payment().unwrap().imp_uid, CARD_PAID);
    assert!(checked.payment_json().starts_with('{'));
    let forged = client
        .verify_payment(CARD_PAID, &order("order-card-paid", "100"))
        .await
        .unwrap();
    assert_eq!(codes(&forged.verdict), [FailureCode::AmountMismatch]);
    let other = client
        .verify_payment(CARD_PAID, &order("order-other", "1004"))
        .await
        .unwrap();
    assert_eq!(codes(&other.verdict), [FailureCode::MerchantUidMismatch]);
    let wrong_id = order("order-card-paid", "1004").with_imp_uid("imp_other");
    assert_eq!(
        codes(
            &client
                .verify_payment(CARD_PAID, &wrong_id)
                .await
                .unwrap()
                .verdict
        ),
        [FailureCode::ImpUidMismatch]
    );
    let cancelled = client
        .verify_payment("imp_100000000004", &order("order-cancelled", "15000"))
        .await
        .unwrap();
    assert!(codes(&cancelled.verdict).contains(&FailureCode::Cancelled));

    let sandbox = order("order-sandbox", "1004");
    expect_error(
        client.verify_payment("imp_100000000006", &sandbox).await,
        ClientErrorCode::NotFound,
        &client,
        &[],
    );
    let allowed = client
        .verify_payment("imp_100000000006", &sandbox.allow_sandbox(true))
        .await
        .unwrap();
    assert!(allowed.is_ok(), "{:?}", allowed.verdict);
    let stats = server.stats().await;
    assert_eq!(stats["getToken"], 1);
}

#[tokio::test]
async fn a_bad_expectation_is_refused_before_any_request() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let err = expect_error(
        client.verify_payment(CARD_PAID, &order("", "1004")).await,
        ClientErrorCode::InvalidArgument,
        &client,
        &[],
    );
    assert_eq!(err.path(), Some("expected.merchantUid"));
    let err = expect_error(
        client.verify_payment(CARD_PAID, &order("o", "-1")).await,
        ClientErrorCode::InvalidArgument,
        &client,
        &[],
    );
    assert_eq!(err.path(), Some("expected.amount"));
    assert_eq!(server.stats().await["requests"], 0);
}

#[tokio::test]
async fn never_ok_under_a_persistent_fault() {
    let server = Server::start();
    let client = server.client(150, 1);
    for fault in [
        "status=500",
        "status=429",
        "truncated",
        "non-json",
        "unauthorized",
        "drop",
        "latency=1000",
    ] {
        for route in [Some(GET_PAYMENT), Some(GET_TOKEN), None] {
            server
                .admin(reqwest::Method::POST, "reset", serde_json::json!({}))
                .await;
            server.fault(fault, 20, route).await;
            let result = client
                .verify_payment(CARD_PAID, &order("order-card-paid", "1004"))
                .await;
            let err = result.expect_err(&format!("{fault} on {route:?} must not verify"));
            crate::support::assert_secret_free(&err, &client, &[]);
        }
    }
}

/// `E` of `verify_webhook_v1` in these tests: the three ways it can end without a verdict.
#[derive(Debug)]
enum HookError {
    Body(ParseError),
    Client(ClientError),
    Lookup(&'static str),
}

impl From<ParseError> for HookError {
    fn from(err: ParseError) -> Self {
        HookError::Body(err)
    }
}

impl From<ClientError> for HookError {
    fn from(err: ClientError) -> Self {
        HookError::Client(err)
    }
}

#[tokio::test]
async fn the_webhook_flow_verifies_the_payment_of_the_order_it_names() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let lookup = |merchant_uid: String| async move {
        Ok::<_, HookError>(Some(Expected::new(
            merchant_uid,
            Amount::parse("1004").unwrap(),
        )))
    };
    let json =
        br#"{"imp_uid":"imp_100000000001","merchant_uid":"order-card-paid","status":"paid"}"#;
    let checked = client
        .verify_webhook_v1(json, Some("application/json"), lookup)
        .await
        .unwrap();
    assert!(checked.check.is_ok());
    assert_eq!(
        (
            checked.webhook.imp_uid.as_str(),
            checked.webhook.merchant_uid.as_str()
        ),
        (CARD_PAID, "order-card-paid")
    );
    let form = b"imp_uid=imp_100000000001&merchant_uid=order-card-paid&status=paid";
    let checked = client
        .verify_webhook_v1(form, Some("application/x-www-form-urlencoded"), lookup)
        .await
        .unwrap();
    assert!(checked.check.is_ok());

    // The body's status is never trusted.
    let lie = br#"{"imp_uid":"imp_100000000004","merchant_uid":"order-cancelled","status":"paid"}"#;
    let checked = client.verify_webhook_v1(lie, None, lookup).await.unwrap();
    assert!(codes(&checked.check.verdict).contains(&FailureCode::Cancelled));

    // Someone else's paid payment under the attacker's order, even when the lookup ignores
    // the order it is asked for.
    let attack =
        br#"{"imp_uid":"imp_100000000001","merchant_uid":"order-attacker","status":"paid"}"#;
    let careless = |_: String| async { Ok::<_, HookError>(Some(order("order-card-paid", "1004"))) };
    let checked = client
        .verify_webhook_v1(attack, None, careless)
        .await
        .unwrap();
    let failures = checked.check.verdict.failures();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].code, FailureCode::MerchantUidMismatch);
    assert_eq!(
        (&failures[0].expected, &failures[0].actual),
        (
            &Observed::Text("order-attacker".into()),
            &Observed::Text("order-card-paid".into())
        )
    );
    assert_eq!(server.stats().await["getToken"], 1);
}

#[tokio::test]
async fn the_webhook_flow_stops_before_any_request_without_a_body_or_an_order() {
    let server = Server::start();
    let client = server.client(5_000, 2);
    let hook = br#"{"imp_uid":"imp_100000000001","merchant_uid":"order-card-paid"}"#;
    let none = |_: String| async { Ok::<_, HookError>(None) };
    match client.verify_webhook_v1(hook, None, none).await {
        Err(HookError::Client(err)) => assert_eq!(
            (err.code(), err.path()),
            (ClientErrorCode::InvalidArgument, Some("expectedFor"))
        ),
        other => panic!("{other:?}"),
    }
    let failing = |_: String| async { Err::<Option<Expected>, _>(HookError::Lookup("db down")) };
    assert!(matches!(
        client.verify_webhook_v1(hook, None, failing).await,
        Err(HookError::Lookup("db down"))
    ));
    let never = |_: String| async { panic!("not asked for a body that is not a webhook") };
    match client
        .verify_webhook_v1(br#"{"merchant_uid":"o"}"#, Some("application/json"), never)
        .await
    {
        Err(HookError::Body(err)) => assert_eq!(err.path(), "imp_uid"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.stats().await["requests"], 0);
    let forged = br#"{"imp_uid":"imp_forged","merchant_uid":"order-card-paid"}"#;
    let lookup = |m: String| async move { Ok::<_, HookError>(Some(order(&m, "1004"))) };
    match client.verify_webhook_v1(forged, None, lookup).await {
        Err(HookError::Client(err)) => assert_eq!(err.code(), ClientErrorCode::NotFound),
        other => panic!("{other:?}"),
    }
}
