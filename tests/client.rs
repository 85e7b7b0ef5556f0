//! The REST client's pure pieces: requests as data, responses → results, the token cache and
//! the retry policy. No I/O; the client over its transports is tested against the local
//! PortOne server in `tests/native_client/` (reqwest) and `tests/node/client.test.mjs` (fetch).
#![cfg(feature = "client")]

use portone_verify::client::{
    check_runtime, decode_argument, endpoints, response, Attempts, BillingKeyPaymentsOptions,
    CancelPaymentRequest, ClientError, ClientErrorCode, FindAllPaymentsOptions, FindPaymentOptions,
    GetPaymentOptions, GetPaymentsQuery, Method, Next, PaymentPrepareAnnotation,
    PaymentsByStatusOptions, PortOneClientOptions, RetryPolicy, RuntimeGlobals, TokenCache,
    HARD_MARGIN_MS, REFRESH_MARGIN_MS,
};
use portone_verify::types::{AuthAnnotation, PaymentBalance};
use portone_verify::{Amount, PaymentAnnotation};

const PAYMENT: &str = r#"{"imp_uid":"imp_1","merchant_uid":"order-1","amount":1004,"cancel_amount":0,
  "currency":"KRW","status":"paid","sandbox":false}"#;

fn envelope(response: &str) -> String {
    format!(r#"{{"code":0,"message":null,"response":{response}}}"#)
}

fn code_and_path(err: &ClientError) -> (ClientErrorCode, Option<&str>) {
    (err.code(), err.path())
}

/// Requests.
mod client_requests {
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
        let req =
            endpoints::find_payment("주문/2024 0001", &FindPaymentOptions::default()).unwrap();
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
        let all =
            endpoints::find_all_payments("order-1", &FindAllPaymentsOptions::default()).unwrap();
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
        let err = decode_argument::<CancelPaymentRequest>(
            br#"{"impUid":"imp_1","ammount":100}"#,
            "request",
        )
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
        let err =
            decode_argument::<FindAllPaymentsOptions>(br#"{"page":1.5}"#, "options").unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidArgument, Some("options.page"))
        );
    }

    #[test]
    fn prepare_posts_the_exact_amount() {
        let req =
            endpoints::prepare_payment("order-1", &Amount::parse("1004").unwrap(), Some("KRW"))
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
}

/// Responses.
mod client_responses {
    use super::*;

    #[test]
    fn statuses_map_to_stable_codes() {
        let cases = [
            (400, ClientErrorCode::BadRequest),
            (401, ClientErrorCode::Unauthorized),
            (403, ClientErrorCode::Unauthorized),
            (404, ClientErrorCode::NotFound),
            (405, ClientErrorCode::BadRequest),
            (429, ClientErrorCode::RateLimited),
            (500, ClientErrorCode::ServerError),
            (502, ClientErrorCode::ServerError),
            (503, ClientErrorCode::ServerError),
            (302, ClientErrorCode::InvalidResponse),
            (0, ClientErrorCode::InvalidResponse),
        ];
        for (status, code) in cases {
            let err = response::check_status("getPayment", status, b"", Some(1000)).unwrap_err();
            assert_eq!(
                (err.code(), err.status()),
                (code, Some(status)),
                "status {status}"
            );
            let retry_after = matches!(
                code,
                ClientErrorCode::RateLimited | ClientErrorCode::ServerError
            );
            assert_eq!(
                err.retry_after_ms(),
                retry_after.then_some(1000),
                "status {status}"
            );
        }
        for status in [200, 207] {
            assert!(response::check_status("getPayments", status, b"", None).is_ok());
        }
    }

    #[test]
    fn error_bodies_keep_portones_code_and_message() {
        let body = r#"{"code":1,"message":"존재하지 않는 결제정보입니다.","response":null}"#;
        let err = response::check_status("getPayment", 404, body.as_bytes(), None).unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::NotFound);
        assert_eq!(
            (err.api_code(), err.api_message()),
            (Some(1), Some("존재하지 않는 결제정보입니다."))
        );
        assert!(err.message().starts_with("getPayment: "));
        let err = response::check_status("getToken", 401, b"<html>", None).unwrap_err();
        assert_eq!(
            (err.code(), err.api_code()),
            (ClientErrorCode::Unauthorized, None)
        );
        assert!(err.message().contains("API key or secret"));
    }

    #[test]
    fn a_200_with_a_nonzero_code_is_an_api_error() {
        let body = r#"{"code":1,"message":"이미 전액취소된 주문입니다.","response":null}"#;
        let err = response::decode::<PaymentAnnotation>(body.as_bytes()).unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::ApiError);
        assert_eq!(
            (err.api_code(), err.api_message()),
            (Some(1), Some("이미 전액취소된 주문입니다."))
        );
        let err = response::decode_payment_page(br#"{"code":-1,"message":"x","response":null}"#)
            .unwrap_err();
        assert_eq!(
            (err.code(), err.api_code()),
            (ClientErrorCode::ApiError, Some(-1))
        );
        let err = response::decode_payments(200, br#"{"code":-1,"message":"x","response":null}"#)
            .unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::ApiError);
    }

    #[test]
    fn unreadable_answers_are_invalid_responses() {
        let body = envelope(PAYMENT);
        let half = &body.as_bytes()[..body.len() / 2];
        let html = b"<!DOCTYPE html><html><body>maintenance</body></html>";
        for bad in [
            half,
            html.as_slice(),
            b"",
            b"[]",
            br#"{"code":0,"message":null,"response":null}"#,
        ] {
            let err = response::decode::<PaymentAnnotation>(bad).unwrap_err();
            assert_eq!(
                err.code(),
                ClientErrorCode::InvalidResponse,
                "{}",
                String::from_utf8_lossy(bad)
            );
            let err = response::decode_payment_page(bad).unwrap_err();
            assert_eq!(err.code(), ClientErrorCode::InvalidResponse);
            let err = response::decode_payments(200, bad).unwrap_err();
            assert_eq!(err.code(), ClientErrorCode::InvalidResponse);
        }
        let wrong =
            envelope(r#"{"imp_uid":"imp_1","merchant_uid":"o","amount":"lots","status":"paid"}"#);
        let err = response::decode::<PaymentAnnotation>(wrong.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidResponse, Some("response.amount"))
        );
        let list = envelope(&format!("[{PAYMENT},{{\"imp_uid\":\"imp_2\"}}]"));
        let err = response::decode_payments(200, list.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (
                ClientErrorCode::InvalidResponse,
                Some("response[1].merchant_uid")
            )
        );
    }

    #[test]
    fn typed_answers_decode() {
        let payment: PaymentAnnotation = response::decode(envelope(PAYMENT).as_bytes()).unwrap();
        assert_eq!(
            (payment.imp_uid.as_str(), payment.amount.as_str()),
            ("imp_1", "1004")
        );
        let prepared: PaymentPrepareAnnotation = response::decode(
            envelope(r#"{"merchant_uid":"o1","amount":1004,"currency":null}"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (prepared.merchant_uid.as_str(), prepared.amount.as_str()),
            ("o1", "1004")
        );
        let part = r#"{"tax_free":0,"supply":910,"vat":94,"service":0}"#;
        let balance = format!(
            r#"{{"amount":1004,"cash_receipt":{part},"primary":{part},"secondary":{part},"discount":{part},"histories":[]}}"#
        );
        let balance: PaymentBalance = response::decode(envelope(&balance).as_bytes()).unwrap();
        assert_eq!(balance.amount.as_str(), "1004");
    }

    #[test]
    fn partial_lookups_are_surfaced_not_thrown() {
        let body =
            format!(r#"{{"code":0,"message":"일부를 찾지 못하였습니다.","response":[{PAYMENT}]}}"#);
        let partial = response::decode_payments(207, body.as_bytes()).unwrap();
        assert!(partial.partial);
        assert_eq!(partial.payments.len(), 1);
        assert_eq!(
            partial.message.as_deref(),
            Some("일부를 찾지 못하였습니다.")
        );
        // A 207 whose envelope code is not 0 still carries the payments found.
        let odd = format!(r#"{{"code":1,"message":"partial","response":[{PAYMENT}]}}"#);
        assert_eq!(
            response::decode_payments(207, odd.as_bytes())
                .unwrap()
                .payments
                .len(),
            1
        );
        let full =
            response::decode_payments(200, envelope(&format!("[{PAYMENT}]")).as_bytes()).unwrap();
        assert!(!full.partial);
        assert_eq!(full.payments[0].merchant_uid, "order-1");
    }

    #[test]
    fn pages_decode_and_bare_arrays_become_one_page() {
        let page = envelope(&format!(
            r#"{{"total":41,"previous":1,"next":3,"list":[{PAYMENT}]}}"#
        ));
        let page = response::decode_payment_page(page.as_bytes()).unwrap();
        assert_eq!(
            (page.total, page.previous, page.next, page.list.len()),
            (41, 1, 3, 1)
        );
        let bare = envelope(&format!("[{PAYMENT},{PAYMENT}]"));
        let page = response::decode_payment_page(bare.as_bytes()).unwrap();
        assert_eq!(
            (page.total, page.previous, page.next, page.list.len()),
            (2, 0, 0, 2)
        );
    }

    #[test]
    fn page_errors_name_the_field_and_the_json_forms_match_the_typed_ones() {
        let bad_item = envelope(&format!(
            r#"{{"total":1,"previous":0,"next":0,"list":[{PAYMENT},{{"imp_uid":"i","merchant_uid":"o","amount":"x","status":"paid"}}]}}"#
        ));
        let err = response::decode_payment_page(bad_item.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (
                ClientErrorCode::InvalidResponse,
                Some("response.list[1].amount")
            )
        );
        let no_total = envelope(&format!(r#"{{"previous":0,"next":0,"list":[{PAYMENT}]}}"#));
        let err = response::decode_payment_page(no_total.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidResponse, Some("response.total"))
        );
        let err = response::decode_payment_page(envelope("\"page\"").as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidResponse, Some("response"))
        );

        // The canonical text JavaScript gets is what the typed value serialises to.
        let page = envelope(&format!(
            r#"{{"total":"41","previous":1,"next":3,"list":[{PAYMENT}]}}"#
        ));
        let json: serde_json::Value =
            serde_json::from_str(&response::payment_page_json(page.as_bytes()).unwrap()).unwrap();
        let typed = response::decode_payment_page(page.as_bytes()).unwrap();
        assert_eq!(json, serde_json::to_value(&typed).unwrap());
        assert_eq!(json["total"], 41);
        let body = format!(r#"{{"code":1,"message":"일부 \"없음\"","response":[{PAYMENT}]}}"#);
        let json: serde_json::Value =
            serde_json::from_str(&response::payments_json(207, body.as_bytes()).unwrap()).unwrap();
        let typed = response::decode_payments(207, body.as_bytes()).unwrap();
        assert_eq!(json, serde_json::to_value(&typed).unwrap());
        assert_eq!(json["message"], "일부 \"없음\"");
        let json: serde_json::Value =
            serde_json::from_str(&response::payment_json(envelope(PAYMENT).as_bytes()).unwrap())
                .unwrap();
        let typed: PaymentAnnotation = response::decode(envelope(PAYMENT).as_bytes()).unwrap();
        assert_eq!(json, serde_json::to_value(&typed).unwrap());
    }

    #[test]
    fn token_answers_never_quote_their_values() {
        let auth: AuthAnnotation = response::decode_token(
            envelope(r#"{"access_token":"tok_0001","now":1700000000,"expired_at":1700001800}"#)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            (auth.access_token.as_str(), auth.expired_at - auth.now),
            ("tok_0001", 1800)
        );
        // A token too short to be redacted from messages is never used.
        let short = envelope(r#"{"access_token":"tok_001","now":1,"expired_at":1801}"#);
        let err = response::decode_token(short.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (
                ClientErrorCode::InvalidResponse,
                Some("response.access_token")
            )
        );
        assert!(!err.message().contains("tok_001"), "{}", err.message());
        let bad = envelope(r#"{"access_token":"tok_SECRET","now":"tok_SECRET2","expired_at":1}"#);
        let err = response::decode_token(bad.as_bytes()).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidResponse, Some("response.now"))
        );
        assert!(!err.message().contains("tok_SECRET"), "{}", err.message());
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(response::parse_retry_after("1", 0.0), Some(1000));
        assert_eq!(
            response::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_470_000.0),
            Some(10_000)
        );
        assert_eq!(response::parse_retry_after("later", 0.0), None);
    }
}

/// Token cache.
mod client_token_cache {
    use super::*;

    fn auth(token: &str, now: i64, expired_at: i64) -> AuthAnnotation {
        serde_json::from_value(
            serde_json::json!({ "access_token": token, "now": now, "expired_at": expired_at }),
        )
        .unwrap()
    }

    #[test]
    fn tokens_are_cached_until_shortly_before_expiry() {
        let mut cache = TokenCache::new();
        assert_eq!(cache.current(0.0), None);
        let sent = 1_000_000.0;
        assert_eq!(
            cache.store(&auth("tok_a", 1_700_000_000, 1_700_001_800), sent),
            "tok_a"
        );
        assert_eq!(cache.current(sent), Some("tok_a"));
        let expiry = sent + 1_800_000.0;
        assert_eq!(cache.expires_at_ms(), Some(expiry));
        assert_eq!(
            cache.current(expiry - REFRESH_MARGIN_MS - 1.0),
            Some("tok_a")
        );
        assert_eq!(cache.current(expiry - REFRESH_MARGIN_MS), None);
        assert!(!format!("{cache:?}").contains("tok_a"));
    }

    #[test]
    fn token_expiry_is_corrected_for_clock_skew() {
        // PortOne's clock is a day ahead of ours and the token has 30 minutes left by its clock:
        // we count those 30 minutes on our own clock from the moment we sent the request.
        let mut cache = TokenCache::new();
        let local_sent = 1_700_000_000_000.0;
        let portone_now = 1_700_086_400;
        cache.store(
            &auth("tok_skew", portone_now, portone_now + 1800),
            local_sent,
        );
        assert_eq!(cache.expires_at_ms(), Some(local_sent + 1_800_000.0));
        assert_eq!(cache.current(local_sent + 1_700_000.0), Some("tok_skew"));
        assert_eq!(cache.current(local_sent + 1_750_000.0), None);
        // Behind by an hour: same lifetime, not "expired an hour ago" nor "valid for 90 minutes".
        let mut cache = TokenCache::new();
        cache.store(
            &auth("tok_behind", 1_699_996_400, 1_699_998_200),
            local_sent,
        );
        assert_eq!(cache.current(local_sent + 1_000.0), Some("tok_behind"));
        assert_eq!(cache.expires_at_ms(), Some(local_sent + 1_800_000.0));
    }

    #[test]
    fn short_lived_tokens_use_the_hard_margin_and_dying_ones_are_not_cached() {
        let mut cache = TokenCache::new();
        cache.store(&auth("tok_short", 100, 190), 0.0); // 90 s left: no point refreshing early
        assert_eq!(cache.current(80_000.0), Some("tok_short"));
        assert_eq!(cache.current(90_000.0 - HARD_MARGIN_MS), None);
        // 3 s left: returned for the call that fetched it, not cached.
        assert_eq!(cache.store(&auth("tok_dying", 100, 103), 0.0), "tok_dying");
        assert_eq!(cache.current(0.0), None);
        // Already expired or nonsense: never cached.
        cache.store(&auth("tok_past", 100, 50), 0.0);
        assert_eq!(cache.current(0.0), None);
    }

    #[test]
    fn invalidation_only_drops_the_rejected_token() {
        let mut cache = TokenCache::new();
        cache.store(&auth("tok_new", 0, 1800), 0.0);
        cache.invalidate("tok_old"); // a concurrent call's stale token
        assert_eq!(cache.current(1.0), Some("tok_new"));
        cache.invalidate("tok_new");
        assert_eq!(cache.current(1.0), None);
    }
}

/// Retry policy.
mod client_retry_policy {
    use super::*;

    fn err(code: ClientErrorCode, status: Option<u16>) -> ClientError {
        let err = ClientError::new(code, "x");
        match status {
            Some(status) => err.with_status(status),
            None => err,
        }
    }

    #[test]
    fn idempotent_reads_retry_transient_failures_a_bounded_number_of_times() {
        let policy = RetryPolicy::new(2);
        for failure in [
            err(ClientErrorCode::Network, None),
            err(ClientErrorCode::Timeout, None),
            err(ClientErrorCode::ServerError, Some(500)),
            err(ClientErrorCode::ServerError, Some(503)),
            err(ClientErrorCode::RateLimited, Some(429)),
        ] {
            let mut attempts = Attempts::new(policy, true, true);
            assert!(
                matches!(attempts.after(&failure, 0.5), Next::Retry { .. }),
                "{failure:?}"
            );
            assert!(matches!(attempts.after(&failure, 0.5), Next::Retry { .. }));
            assert_eq!(attempts.after(&failure, 0.5), Next::Fail);
            assert_eq!(attempts.retries(), 2);
        }
        let mut never = Attempts::new(RetryPolicy::new(0), true, true);
        assert_eq!(
            never.after(&err(ClientErrorCode::Network, None), 0.5),
            Next::Fail
        );
    }

    #[test]
    fn non_idempotent_requests_are_never_retried() {
        for failure in [
            err(ClientErrorCode::Network, None),
            err(ClientErrorCode::Timeout, None),
            err(ClientErrorCode::ServerError, Some(502)),
            err(ClientErrorCode::RateLimited, Some(429)),
            err(ClientErrorCode::InvalidResponse, Some(200)),
        ] {
            let mut attempts = Attempts::new(RetryPolicy::new(10), false, true);
            assert_eq!(attempts.after(&failure, 0.5), Next::Fail, "{failure:?}");
        }
    }

    #[test]
    fn client_errors_are_final_except_one_token_refresh() {
        for failure in [
            err(ClientErrorCode::BadRequest, Some(400)),
            err(ClientErrorCode::NotFound, Some(404)),
            err(ClientErrorCode::Unauthorized, Some(403)),
            err(ClientErrorCode::ApiError, Some(200)),
            err(ClientErrorCode::InvalidResponse, Some(200)),
        ] {
            let mut attempts = Attempts::new(RetryPolicy::new(2), true, true);
            assert_eq!(attempts.after(&failure, 0.5), Next::Fail, "{failure:?}");
        }
        let unauthorized = err(ClientErrorCode::Unauthorized, Some(401));
        for idempotent in [true, false] {
            let mut attempts = Attempts::new(RetryPolicy::new(2), idempotent, true);
            assert_eq!(attempts.after(&unauthorized, 0.5), Next::RefreshToken);
            assert!(attempts.refreshed());
            assert_eq!(attempts.after(&unauthorized, 0.5), Next::Fail);
        }
        // The token request itself: bad credentials are final.
        let mut token = Attempts::new(RetryPolicy::new(2), true, false);
        assert_eq!(token.after(&unauthorized, 0.5), Next::Fail);
    }

    #[test]
    fn the_refresh_does_not_use_up_retries() {
        let mut attempts = Attempts::new(RetryPolicy::new(1), true, true);
        assert_eq!(
            attempts.after(&err(ClientErrorCode::Unauthorized, Some(401)), 0.5),
            Next::RefreshToken
        );
        assert!(matches!(
            attempts.after(&err(ClientErrorCode::Network, None), 0.5),
            Next::Retry { .. }
        ));
        assert_eq!(
            attempts.after(&err(ClientErrorCode::Network, None), 0.5),
            Next::Fail
        );
    }

    #[test]
    fn a_call_has_a_worst_case_duration() {
        // 3 attempts of 10 s, 2 waits of at most 30 s (Retry-After cap), 1 s slack.
        assert_eq!(RetryPolicy::new(2).worst_case_ms(10_000), 91_000);
        assert_eq!(RetryPolicy::new(0).worst_case_ms(500), 1_500);
        assert!(RetryPolicy::new(10).worst_case_ms(u32::MAX) > 0);
    }

    #[test]
    fn backoff_grows_with_jitter_and_retry_after_is_honoured_within_a_cap() {
        let policy = RetryPolicy::new(10);
        assert_eq!(
            (policy.backoff_ms(0, 0.0), policy.backoff_ms(0, 1.0)),
            (125, 250)
        );
        assert_eq!(
            (policy.backoff_ms(1, 0.0), policy.backoff_ms(1, 1.0)),
            (250, 500)
        );
        assert_eq!(policy.backoff_ms(30, 1.0), policy.max_delay_ms);
        assert_eq!(policy.backoff_ms(0, f64::NAN), 125);
        for retry in 0..12 {
            let (low, high) = (
                policy.backoff_ms(retry, 0.0),
                policy.backoff_ms(retry, 0.999),
            );
            assert!(low <= high && high <= policy.max_delay_ms);
        }

        let mut attempts = Attempts::new(policy, true, true);
        let limited = err(ClientErrorCode::RateLimited, Some(429)).with_retry_after_ms(Some(1000));
        assert_eq!(
            attempts.after(&limited, 0.0),
            Next::Retry { delay_ms: 1000 }
        );
        let too_long = err(ClientErrorCode::RateLimited, Some(429))
            .with_retry_after_ms(Some(policy.max_retry_after_ms + 1));
        assert_eq!(attempts.after(&too_long, 0.0), Next::Fail);
    }
}

/// Options.
mod client_options {
    use super::*;

    fn options(json: &str) -> Result<portone_verify::client::ClientConfig, ClientError> {
        decode_argument::<PortOneClientOptions>(json.as_bytes(), "options")?.validate()
    }

    #[test]
    fn options_have_defaults_and_are_checked() {
        let config = options(r#"{"apiKey":"k","apiSecret":"test_secret"}"#).unwrap();
        assert_eq!(config.base_url, "https://api.iamport.kr");
        assert_eq!(
            (
                config.timeout_ms,
                config.retry.max_retries,
                config.allow_browser
            ),
            (10_000, 2, false)
        );
        assert_eq!(config.tier, None);
        let config = options(
            r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"http://127.0.0.1:9/","tier":"T1","timeoutMs":50,"maxRetries":0,"dangerouslyAllowBrowser":true}"#,
        )
        .unwrap();
        assert_eq!(config.base_url, "http://127.0.0.1:9");
        assert_eq!(
            (
                config.timeout_ms,
                config.retry.max_retries,
                config.allow_browser
            ),
            (50, 0, true)
        );
        assert!(!format!("{config:?}").contains("test_secret"));

        let cases = [
            (r#"{"apiSecret":"test_secret"}"#, "options.apiKey"),
            (
                r#"{"apiKey":" ","apiSecret":"test_secret"}"#,
                "options.apiKey",
            ),
            (r#"{"apiKey":"k","apiSecret":""}"#, "options.apiSecret"),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"ftp://x"}"#,
                "options.baseUrl",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://"}"#,
                "options.baseUrl",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://a@b.c"}"#,
                "options.baseUrl",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://x/?q=1"}"#,
                "options.baseUrl",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","tier":""}"#,
                "options.tier",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","tier":"T\n1"}"#,
                "options.tier",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","tier":"티어"}"#,
                "options.tier",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":0}"#,
                "options.timeoutMs",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":600001}"#,
                "options.timeoutMs",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":-1}"#,
                "options.timeoutMs",
            ),
            (
                r#"{"apiKey":"k","apiSecret":"test_secret","maxRetries":11}"#,
                "options.maxRetries",
            ),
        ];
        for (json, path) in cases {
            let err = options(json).unwrap_err();
            assert_eq!(
                code_and_path(&err),
                (ClientErrorCode::InvalidArgument, Some(path)),
                "{json}"
            );
        }
        let err =
            options(r#"{"apiKey":"k","apiSecret":"test_secret","apiSecrett":"x"}"#).unwrap_err();
        assert_eq!(err.code(), ClientErrorCode::InvalidArgument);
    }

    #[test]
    fn browsers_are_refused_unless_allowed() {
        let server = RuntimeGlobals::default();
        let page = RuntimeGlobals {
            window: true,
            document: true,
            import_scripts: false,
        };
        let worker = RuntimeGlobals {
            import_scripts: true,
            ..server
        };
        assert!(check_runtime(server, false).is_ok());
        assert!(
            check_runtime(
                RuntimeGlobals {
                    window: true,
                    ..server
                },
                false
            )
            .is_ok(),
            "a global with `window` only (Deno 1.x) is a server"
        );
        for browser in [page, worker] {
            assert_eq!(
                check_runtime(browser, false).unwrap_err().code(),
                ClientErrorCode::BrowserNotAllowed
            );
            assert!(check_runtime(browser, true).is_ok());
        }
    }

    #[test]
    fn error_codes_have_stable_names() {
        let codes = [
            ClientErrorCode::NotFound,
            ClientErrorCode::Unauthorized,
            ClientErrorCode::BadRequest,
            ClientErrorCode::RateLimited,
            ClientErrorCode::ServerError,
            ClientErrorCode::ApiError,
            ClientErrorCode::Timeout,
            ClientErrorCode::Network,
            ClientErrorCode::InvalidResponse,
            ClientErrorCode::ResponseTooLarge,
            ClientErrorCode::InvalidArgument,
            ClientErrorCode::BrowserNotAllowed,
        ];
        let names: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            names,
            [
                "NOT_FOUND",
                "UNAUTHORIZED",
                "BAD_REQUEST",
                "RATE_LIMITED",
                "SERVER_ERROR",
                "API_ERROR",
                "TIMEOUT",
                "NETWORK",
                "INVALID_RESPONSE",
                "RESPONSE_TOO_LARGE",
                "INVALID_ARGUMENT",
                "BROWSER_NOT_ALLOWED"
            ]
        );
        for code in codes {
            assert_eq!(
                serde_json::to_string(&code).unwrap(),
                format!("\"{}\"", code.as_str())
            );
        }
    }
}
