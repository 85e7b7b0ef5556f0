//! The exported JavaScript functions, run in Node (`wasm-pack test --node`) and in headless
//! Chromium (`wasm-pack test --headless --chrome -- --features browser-test`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Error, Reflect, Uint8Array, JSON};
use portone_verify::wasm::{
    parse_payment, parse_redirect_query, parse_request_pay_response, verify_payment,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

#[cfg(feature = "client")]
mod browser_guard;

#[cfg(feature = "browser-test")]
wasm_bindgen_test_configure!(run_in_browser);

const CARD_PAID: &str = include_str!("fixtures/payments/card-paid.json");
const SEED_CALLBACK: &str = include_str!("fixtures/callbacks/seed-sample.json");

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap()
}

fn object(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

/// Asserts `result` is a thrown `PortOneVerifyError` with this `code` and `path`.
fn assert_error(result: Result<JsValue, JsValue>, code: &str, path: &str) -> Error {
    let err: Error = result
        .expect_err("expected an error")
        .dyn_into()
        .expect("a real Error");
    assert_eq!(String::from(err.name()), "PortOneVerifyError");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some(code));
    assert_eq!(get(&err, "path").as_string().as_deref(), Some(path));
    err
}

#[wasm_bindgen_test]
fn callback_object_and_string_give_the_same_result() {
    let from_object = parse_request_pay_response(object(SEED_CALLBACK)).unwrap();
    let from_string = parse_request_pay_response(JsValue::from_str(SEED_CALLBACK)).unwrap();
    assert_eq!(
        JSON::stringify(&from_object).unwrap(),
        JSON::stringify(&from_string).unwrap()
    );
    assert_eq!(get(&from_object, "success"), JsValue::TRUE);
    assert_eq!(get(&from_object, "paid_amount").as_f64(), Some(1004.0));
    assert_eq!(
        get(&from_object, "imp_uid").as_string().as_deref(),
        Some("imp_347242536261")
    );
}

#[wasm_bindgen_test]
fn callback_string_booleans_and_null_imp_uid() {
    let r = parse_request_pay_response(object(
        r#"{"imp_success":"false","imp_uid":null,"paid_amount":"1004"}"#,
    ))
    .unwrap();
    assert_eq!(get(&r, "success"), JsValue::FALSE);
    assert!(get(&r, "imp_uid").is_null());
    assert_eq!(get(&r, "paid_amount").as_f64(), Some(1004.0));
    assert_error(
        parse_request_pay_response(object(r#"{"success":"maybe"}"#)),
        "INVALID_FIELD",
        "success",
    );
    assert_error(
        parse_request_pay_response(JsValue::from_f64(3.0)),
        "INVALID_INPUT",
        "",
    );
    assert_error(
        parse_request_pay_response(JsValue::from_str("{")),
        "INVALID_JSON",
        "",
    );
}

#[wasm_bindgen_test]
fn redirect_query() {
    let r = parse_redirect_query(JsValue::from_str(
        "https://a.example/done?imp_uid=imp_1&merchant_uid=o%201&imp_success=true",
    ))
    .unwrap();
    assert_eq!(get(&r, "merchant_uid").as_string().as_deref(), Some("o 1"));
    assert_eq!(get(&r, "success"), JsValue::TRUE);
    assert_error(
        parse_redirect_query(JsValue::from_str("?imp_success=1")),
        "INVALID_FIELD",
        "imp_success",
    );
}

#[wasm_bindgen_test]
fn payment_from_string_bytes_and_object() {
    let bytes = Uint8Array::from(CARD_PAID.as_bytes());
    for input in [
        JsValue::from_str(CARD_PAID),
        bytes.into(),
        object(CARD_PAID),
    ] {
        let p = parse_payment(input).unwrap();
        assert_eq!(get(&p, "amount").as_f64(), Some(1004.0));
        assert_eq!(get(&p, "sandbox"), JsValue::FALSE);
        assert_eq!(get(&p, "card_type").as_f64(), Some(0.0));
    }
}

#[wasm_bindgen_test]
fn payment_errors_carry_code_and_path() {
    let body = r#"{"code":0,"response":{"imp_uid":"i","merchant_uid":"m","status":"paid","amount":"12a"}}"#;
    assert_error(
        parse_payment(JsValue::from_str(body)),
        "INVALID_FIELD",
        "response.amount",
    );
    let body = r#"{"code":0,"response":{"imp_uid":"i","merchant_uid":"m","status":"paid"}}"#;
    assert_error(
        parse_payment(JsValue::from_str(body)),
        "MISSING_FIELD",
        "response.amount",
    );
    let err = assert_error(
        parse_payment(JsValue::from_str(
            r#"{"code":-1,"message":"토큰 만료","response":null}"#,
        )),
        "API_ERROR",
        "code",
    );
    assert_eq!(get(&err, "apiCode").as_f64(), Some(-1.0));
    assert_eq!(
        get(&err, "apiMessage").as_string().as_deref(),
        Some("토큰 만료")
    );
    assert_error(parse_payment(JsValue::NULL), "INVALID_INPUT", "");
}

#[wasm_bindgen_test]
fn verify_ok_and_forged() {
    let good = verify_payment(
        JsValue::from_str(CARD_PAID),
        object(r#"{"merchantUid":"57008833-33004","amount":1004}"#),
    )
    .unwrap();
    assert_eq!(get(&good, "ok"), JsValue::TRUE);
    assert_eq!(get(&good, "state").as_string().as_deref(), Some("paid"));
    assert_eq!(
        get(&get(&good, "payment"), "imp_uid")
            .as_string()
            .as_deref(),
        Some("imp_347242536261")
    );

    let forged = verify_payment(
        JsValue::from_str(CARD_PAID),
        object(r#"{"merchantUid":"57008833-33004","amount":100400}"#),
    )
    .unwrap();
    assert_eq!(get(&forged, "ok"), JsValue::FALSE);
    let failure = js_sys::Array::from(&get(&forged, "failures")).get(0);
    assert_eq!(
        get(&failure, "code").as_string().as_deref(),
        Some("AMOUNT_MISMATCH")
    );
    assert_eq!(get(&failure, "expected").as_f64(), Some(100400.0));
    assert_eq!(get(&failure, "actual").as_f64(), Some(1004.0));
}

#[wasm_bindgen_test]
fn lazy_payment_is_the_verified_one_or_an_error() {
    let expected = r#"{"merchantUid":"57008833-33004","amount":"1004.00"}"#;
    // Read before the caller reuses its buffer: kept.
    let bytes = Uint8Array::from(CARD_PAID.as_bytes());
    let verdict = verify_payment(bytes.clone().into(), object(expected)).unwrap();
    let payment = get(&verdict, "payment");
    bytes.fill(b' ', 0, bytes.length());
    assert_eq!(
        get(&payment, "merchant_uid").as_string().as_deref(),
        Some("57008833-33004")
    );
    // Read after: the bytes are not the verified ones any more, so no payment.
    let bytes = Uint8Array::from(CARD_PAID.as_bytes());
    let verdict = verify_payment(bytes.clone().into(), object(expected)).unwrap();
    bytes.fill(b' ', 0, bytes.length());
    assert_eq!(get(&verdict, "ok"), JsValue::TRUE);
    assert_error(
        Reflect::get(&verdict, &JsValue::from_str("payment")),
        "INVALID_INPUT",
        "",
    );
}

#[wasm_bindgen_test]
fn verify_rejects_bad_expectations() {
    let payment = JsValue::from_str(CARD_PAID);
    assert_error(
        verify_payment(payment.clone(), JsValue::UNDEFINED),
        "INVALID_ARGUMENT",
        "expected",
    );
    assert_error(
        verify_payment(
            payment.clone(),
            object(r#"{"merchantUid":"m","amount":"ten"}"#),
        ),
        "INVALID_ARGUMENT",
        "expected.amount",
    );
    assert_error(
        verify_payment(payment, object(r#"{"amount":1}"#)),
        "INVALID_ARGUMENT",
        "expected.merchantUid",
    );
}

/// The API secret must never ship to buyers: in a browser page (a `window` and a `document`)
/// the client refuses to exist unless explicitly allowed; in Node it is built normally. The
/// workers' cases are `web_*_worker.rs`.
#[cfg(feature = "client")]
#[wasm_bindgen_test]
fn client_is_refused_in_browsers() {
    if cfg!(feature = "browser-test") {
        browser_guard::refused_unless_allowed("a browser page");
    } else {
        use portone_verify::wasm::client::PortOneClient;
        let options = object(r#"{"apiKey":"key","apiSecret":"secret-must-not-leak"}"#);
        assert!(
            PortOneClient::new(options).is_ok(),
            "Node has no window: the client is allowed"
        );
    }
}
