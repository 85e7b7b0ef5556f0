//! The V2 standalone exports, run in Node (`wasm-pack test --node`) and in headless Chromium
//! (`wasm-pack test --headless --chrome -- --features browser-test`): the browser's
//! `requestPayment` result and redirect query, and a V2 payment's verdict.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array, JSON};
use portone_verify::wasm::{
    parse_payment_response_v2, parse_payment_v2, parse_redirect_query_v2, verify_payment_v2,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

#[cfg(feature = "browser-test")]
wasm_bindgen_test_configure!(run_in_browser);

const PAID_CARD: &str = include_str!("fixtures/v2/paid-card.json");

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap()
}

fn text(target: &JsValue, key: &str) -> Option<String> {
    get(target, key).as_string()
}

fn error_code(result: Result<JsValue, JsValue>) -> (String, String) {
    let err: js_sys::Error = result
        .expect_err("an error")
        .dyn_into()
        .expect("a real Error");
    assert_eq!(String::from(err.name()), "PortOneVerifyError");
    (text(&err, "code").unwrap(), text(&err, "path").unwrap())
}

#[wasm_bindgen_test]
fn request_payment_result_from_object_and_string() {
    let json = r#"{"transactionType":"PAYMENT","txId":"tx-1","paymentId":"order-1","code":"FAILURE_TYPE_PG","message":"취소"}"#;
    let from_object = parse_payment_response_v2(JSON::parse(json).unwrap()).unwrap();
    let from_string = parse_payment_response_v2(JsValue::from_str(json)).unwrap();
    assert_eq!(
        JSON::stringify(&from_object).unwrap(),
        JSON::stringify(&from_string).unwrap()
    );
    assert_eq!(get(&from_object, "success"), JsValue::FALSE);
    assert_eq!(text(&from_object, "paymentId").as_deref(), Some("order-1"));
    assert_eq!(text(&from_object, "message").as_deref(), Some("취소"));
    let ok = parse_payment_response_v2(JsValue::from_str(r#"{"paymentId":"order-1","txId":"t"}"#))
        .unwrap();
    assert_eq!(get(&ok, "success"), JsValue::TRUE);
    assert!(get(&ok, "code").is_null());
    assert_eq!(
        error_code(parse_payment_response_v2(JsValue::from_str("{"))),
        ("INVALID_JSON".to_owned(), String::new())
    );
}

#[wasm_bindgen_test]
fn redirect_query_from_string_and_url() {
    let href = "https://shop.example/done?paymentId=order-1&code=FAILURE_TYPE_PG&message=%EC%B7%A8%EC%86%8C";
    let url: JsValue = web_url(href);
    for input in [JsValue::from_str(href), url] {
        let r = parse_redirect_query_v2(input).unwrap();
        assert_eq!(get(&r, "success"), JsValue::FALSE);
        assert_eq!(text(&r, "paymentId").as_deref(), Some("order-1"));
        assert_eq!(text(&r, "message").as_deref(), Some("취소"));
    }
    assert_eq!(
        error_code(parse_redirect_query_v2(JsValue::from_str(
            "https://shop.example/done"
        ))),
        ("INVALID_INPUT".to_owned(), String::new())
    );
}

/// `new URL(href)` through the global constructor.
fn web_url(href: &str) -> JsValue {
    let constructor: js_sys::Function = get(&js_sys::global(), "URL").dyn_into().unwrap();
    Reflect::construct(&constructor, &js_sys::Array::of1(&JsValue::from_str(href))).unwrap()
}

#[wasm_bindgen_test]
fn payment_and_verdict() {
    let bytes: JsValue = Uint8Array::from(PAID_CARD.as_bytes()).into();
    for input in [
        JsValue::from_str(PAID_CARD),
        bytes,
        JSON::parse(PAID_CARD).unwrap(),
    ] {
        let payment = parse_payment_v2(input.clone()).unwrap();
        assert_eq!(text(&payment, "status").as_deref(), Some("PAID"));
        assert_eq!(
            get(&get(&payment, "amount"), "total").as_f64(),
            Some(129000.0)
        );
        let order = JSON::parse(r#"{"paymentId":"order-20240701-0001","amount":129000}"#).unwrap();
        let verdict = verify_payment_v2(input.clone(), order).unwrap();
        assert_eq!(get(&verdict, "ok"), JsValue::TRUE);
        assert_eq!(text(&verdict, "state").as_deref(), Some("paid"));
        assert_eq!(
            text(&get(&verdict, "payment"), "id").as_deref(),
            Some("order-20240701-0001")
        );
        let forged = JSON::parse(r#"{"paymentId":"order-20240701-0001","amount":1000}"#).unwrap();
        let verdict = verify_payment_v2(input, forged).unwrap();
        assert_eq!(get(&verdict, "ok"), JsValue::FALSE);
        let failure = js_sys::Array::from(&get(&verdict, "failures")).get(0);
        assert_eq!(text(&failure, "code").as_deref(), Some("AMOUNT_MISMATCH"));
    }
    let bad = JSON::parse(r#"{"paymentId":"","amount":1}"#).unwrap();
    assert_eq!(
        error_code(verify_payment_v2(JsValue::from_str(PAID_CARD), bad)),
        (
            "INVALID_ARGUMENT".to_owned(),
            "expected.paymentId".to_owned()
        )
    );
}
