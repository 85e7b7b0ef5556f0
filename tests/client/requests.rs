//! Requests as data: each endpoint's method, path, query, body and headers, and the
//! arguments refused before anything is sent.

use super::*;

#[test]
fn get_token_posts_credentials_without_auth_and_may_repeat() {
    let req = endpoints::get_token("key_1", "secret_1");
    assert_eq!(
        (req.method, req.path.as_str()),
        (Method::Post, "/users/getToken")
    );
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"imp_key":"key_1","imp_secret":"secret_1"}"#)
    );
    assert!(!req.authenticated);
    assert!(req.idempotent);
    // No token and no Tier on the token request, whatever is passed.
    let headers = req.headers(Some("tok"), Some("tier-1"));
    assert!(headers
        .iter()
        .all(|(name, _)| *name != "Authorization" && *name != "Tier"));
    assert!(headers.contains(&("Content-Type", "application/json".to_owned())));
    assert!(!format!("{req:?}").contains("secret_1"));
}

#[test]
fn get_payment_builds_path_query_and_headers() {
    let req = endpoints::get_payment("imp_123", &GetPaymentOptions::default()).unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.url("https://api.iamport.kr"),
        "https://api.iamport.kr/payments/imp_123"
    );
    assert_eq!(
        req.url("http://127.0.0.1:8080/"),
        "http://127.0.0.1:8080/payments/imp_123"
    );
    assert!(req.authenticated && req.idempotent && req.body.is_none());
    let headers = req.headers(Some("tok_abc"), Some("T001"));
    assert_eq!(
        headers,
        vec![
            ("Accept", "application/json".to_owned()),
            ("Authorization", "Bearer tok_abc".to_owned()),
            ("Tier", "T001".to_owned()),
        ]
    );
    assert!(!req
        .headers(Some("t"), None)
        .iter()
        .any(|(n, _)| *n == "Tier"));

    let sandbox = endpoints::get_payment(
        "imp_1",
        &GetPaymentOptions {
            include_sandbox: Some(true),
        },
    )
    .unwrap();
    assert_eq!(
        sandbox.path_and_query(),
        "/payments/imp_1?include_sandbox=true"
    );
    let hidden = endpoints::get_payment(
        "imp_1",
        &GetPaymentOptions {
            include_sandbox: Some(false),
        },
    )
    .unwrap();
    assert_eq!(
        hidden.path_and_query(),
        "/payments/imp_1?include_sandbox=false"
    );
}

#[test]
fn path_segments_are_percent_encoded_and_dot_segments_refused() {
    let req = endpoints::find_payment("주문/2024 0001", &FindPaymentOptions::default()).unwrap();
    assert_eq!(req.path, "/payments/find/%EC%A3%BC%EB%AC%B8%2F2024%200001");
    let req = endpoints::get_payment("a?b#c&d", &GetPaymentOptions::default()).unwrap();
    assert_eq!(req.path, "/payments/a%3Fb%23c%26d");
    for bad in ["", ".", ".."] {
        let err = endpoints::get_payment(bad, &GetPaymentOptions::default()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidArgument, Some("impUid"))
        );
        let err = endpoints::get_prepared_payment(bad).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidArgument, Some("merchantUid"))
        );
    }
}

#[test]
fn get_payments_sends_literal_array_keys_and_checks_the_count() {
    let query = GetPaymentsQuery {
        imp_uids: vec!["imp_1".into(), "imp 2".into()],
        merchant_uids: vec!["order/1".into()],
    };
    let req = endpoints::get_payments(&query).unwrap();
    assert_eq!(
        req.path_and_query(),
        "/payments?imp_uid[]=imp_1&imp_uid[]=imp%202&merchant_uid[]=order%2F1"
    );

    let hundred = GetPaymentsQuery {
        imp_uids: (0..60).map(|i| format!("imp_{i}")).collect(),
        merchant_uids: (0..40).map(|i| format!("o{i}")).collect(),
    };
    assert_eq!(endpoints::get_payments(&hundred).unwrap().query.len(), 100);
    let mut too_many = hundred.clone();
    too_many.merchant_uids.push("one-more".into());
    let err = endpoints::get_payments(&too_many).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("query"))
    );
    let err = endpoints::get_payments(&GetPaymentsQuery::default()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("query"))
    );
    let empty_id = GetPaymentsQuery {
        imp_uids: vec!["imp_1".into()],
        merchant_uids: vec![String::new()],
    };
    let err = endpoints::get_payments(&empty_id).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (
            ClientErrorCode::InvalidArgument,
            Some("query.merchantUids[0]")
        )
    );
}

#[test]
fn find_routes_take_an_optional_status_segment() {
    let plain = endpoints::find_payment("order-1", &FindPaymentOptions::default()).unwrap();
    assert_eq!(plain.path_and_query(), "/payments/find/order-1");
    let options = FindPaymentOptions {
        status: Some("paid".into()),
        sorting: Some("-paid".into()),
    };
    let filtered = endpoints::find_payment("order-1", &options).unwrap();
    assert_eq!(
        filtered.path_and_query(),
        "/payments/find/order-1/paid?sorting=-paid"
    );

    let options = FindAllPaymentsOptions {
        status: Some("cancelled".into()),
        page: Some(2),
        limit: Some(1000),
        sorting: Some("updated".into()),
    };
    let all = endpoints::find_all_payments("order-1", &options).unwrap();
    assert_eq!(
        all.path_and_query(),
        "/payments/findAll/order-1/cancelled?page=2&limit=1000&sorting=updated"
    );
    let all = endpoints::find_all_payments("order-1", &FindAllPaymentsOptions::default()).unwrap();
    assert_eq!(all.path_and_query(), "/payments/findAll/order-1");
}

#[test]
fn paging_arguments_are_checked() {
    let bad_page = FindAllPaymentsOptions {
        page: Some(0),
        ..Default::default()
    };
    let err = endpoints::find_all_payments("o", &bad_page).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("options.page"))
    );
    for limit in [0, 1001] {
        let bad_limit = PaymentsByStatusOptions {
            limit: Some(limit),
            ..Default::default()
        };
        let err = endpoints::get_payments_by_status("paid", &bad_limit).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidArgument, Some("options.limit"))
        );
    }
    let reversed = PaymentsByStatusOptions {
        from: Some(10),
        to: Some(5),
        ..Default::default()
    };
    let err = endpoints::get_payments_by_status("paid", &reversed).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("options.from"))
    );
    let negative = PaymentsByStatusOptions {
        to: Some(-1),
        ..Default::default()
    };
    let err = endpoints::get_payments_by_status("paid", &negative).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("options.to"))
    );
    let empty_sorting = FindPaymentOptions {
        sorting: Some(String::new()),
        ..Default::default()
    };
    let err = endpoints::find_payment("o", &empty_sorting).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("options.sorting"))
    );
}

#[test]
fn status_billing_balance_and_prepare_paths() {
    let options = PaymentsByStatusOptions {
        page: Some(1),
        limit: Some(50),
        from: Some(1_700_000_000),
        to: Some(1_700_086_400),
        sorting: Some("-started".into()),
    };
    let req = endpoints::get_payments_by_status("all", &options).unwrap();
    assert_eq!(
        req.path_and_query(),
        "/payments/status/all?page=1&limit=50&from=1700000000&to=1700086400&sorting=-started"
    );
    let req = endpoints::get_billing_key_payments(
        "customer-1234",
        &BillingKeyPaymentsOptions { page: Some(3) },
    )
    .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/subscribe/customers/customer-1234/payments?page=3"
    );
    assert_eq!(
        endpoints::get_payment_balance("imp_1").unwrap().path,
        "/payments/imp_1/balance"
    );
    let req = endpoints::get_prepared_payment("order 1").unwrap();
    assert_eq!(
        (req.method, req.path.as_str()),
        (Method::Get, "/payments/prepare/order%201")
    );
}

#[test]
fn cancel_is_a_non_idempotent_post_with_exact_amounts() {
    let request = CancelPaymentRequest {
        imp_uid: Some("imp_1".into()),
        amount: Amount::parse("10.10"),
        checksum: Amount::parse("12345678901234567890.5"),
        reason: Some("고객 요청".into()),
        extra: serde_json::from_str(r#"{"requester":"customer"}"#).ok(),
        ..Default::default()
    };
    let req = endpoints::cancel_payment(&request).unwrap();
    assert_eq!(
        (req.method, req.path.as_str()),
        (Method::Post, "/payments/cancel")
    );
    assert!(req.authenticated);
    assert!(!req.idempotent, "a cancellation must never be retried");
    assert_eq!(
        req.body.as_deref(),
        Some(
            r#"{"imp_uid":"imp_1","amount":10.1,"checksum":12345678901234567890.5,"reason":"고객 요청","extra":{"requester":"customer"}}"#
        )
    );

    let by_order = CancelPaymentRequest {
        merchant_uid: Some("order-1".into()),
        ..Default::default()
    };
    let body = endpoints::cancel_payment(&by_order).unwrap().body.unwrap();
    assert_eq!(
        body, r#"{"merchant_uid":"order-1"}"#,
        "no amount: full cancellation, nothing invented"
    );

    let err = endpoints::cancel_payment(&CancelPaymentRequest::default()).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("request"))
    );
    let negative = CancelPaymentRequest {
        imp_uid: Some("imp_1".into()),
        amount: Amount::parse("-1"),
        ..Default::default()
    };
    let err = endpoints::cancel_payment(&negative).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("request.amount"))
    );
}

#[test]
fn cancel_arguments_reject_unknown_keys() {
    // A typo must not turn a partial cancellation into a full one.
    let err =
        decode_argument::<CancelPaymentRequest>(br#"{"impUid":"imp_1","ammount":100}"#, "request")
            .unwrap_err();
    assert_eq!(err.code(), ClientErrorCode::InvalidArgument);
    assert!(err.message().contains("ammount"), "{}", err.message());
    let ok = decode_argument::<CancelPaymentRequest>(
        br#"{"impUid":"imp_1","amount":"500","taxFree":0,"refundBank":"004","enableWebhook":true}"#,
        "request",
    )
    .unwrap();
    assert_eq!(ok.amount, Amount::parse("500"));
    assert_eq!(ok.enable_webhook, Some(true));
    let err = decode_argument::<FindAllPaymentsOptions>(br#"{"page":1.5}"#, "options").unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("options.page"))
    );
}

#[test]
fn prepare_posts_the_exact_amount() {
    let req = endpoints::prepare_payment("order-1", &Amount::parse("1004").unwrap(), Some("KRW"))
        .unwrap();
    assert_eq!(
        (req.method, req.path.as_str(), req.idempotent),
        (Method::Post, "/payments/prepare", false)
    );
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"merchant_uid":"order-1","amount":1004,"currency":"KRW"}"#)
    );
    let req = endpoints::prepare_payment("o", &Amount::parse("0.1").unwrap(), None).unwrap();
    assert_eq!(
        req.body.as_deref(),
        Some(r#"{"merchant_uid":"o","amount":0.1}"#)
    );
    let err = endpoints::prepare_payment("o", &Amount::parse("-5").unwrap(), None).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("amount"))
    );
    let err = endpoints::prepare_payment("", &Amount::zero(), None).unwrap_err();
    assert_eq!(
        code_and_path(&err),
        (ClientErrorCode::InvalidArgument, Some("merchantUid"))
    );
}
