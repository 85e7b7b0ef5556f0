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

/// A paid order-1 body and a cancelled order-9 body of the same length in bytes.
fn paid_and_cancelled() -> (String, String) {
    let mut paid: serde_json::Value = serde_json::from_str(CARD_PAID).unwrap();
    paid["response"]["merchant_uid"] = "order-1".into();
    let mut cancelled = paid.clone();
    cancelled["response"]["merchant_uid"] = "order-9".into();
    cancelled["response"]["status"] = "cancelled".into();
    cancelled["response"]["cancel_amount"] = 1004.into();
    let (paid, cancelled) = (paid.to_string(), cancelled.to_string());
    let len = paid.len().max(cancelled.len());
    (format!("{paid:len$}"), format!("{cancelled:len$}"))
}

fn assert_order_1(payment: &JsValue, label: &str) {
    let field = |key| get(payment, key);
    assert_eq!(
        field("merchant_uid").as_string().as_deref(),
        Some("order-1"),
        "{label}"
    );
    assert_eq!(
        field("status").as_string().as_deref(),
        Some("paid"),
        "{label}"
    );
    assert_eq!(field("cancel_amount").as_f64(), Some(0.0), "{label}");
}

/// For each input kind: verified as paid order-1, then changed into cancelled order-9 by the
/// caller; `payment` (read before and after the change, or only after) stays order-1.
#[wasm_bindgen_test]
fn the_verdict_shows_what_was_verified_after_the_input_changes() {
    use js_sys::{ArrayBuffer, Function};
    use std::{cell::RefCell, rc::Rc};
    use wasm_bindgen::closure::Closure;

    let (paid, cancelled) = paid_and_cancelled();
    let expected = || object(r#"{"merchantUid":"order-1","amount":1004}"#);
    type Change = Box<dyn Fn()>;
    let kinds: Vec<(&str, Box<dyn Fn() -> (JsValue, Change)>)> = vec![
        (
            "string",
            Box::new(|| (JsValue::from_str(&paid), Box::new(|| {}) as Change)),
        ),
        (
            "Uint8Array",
            Box::new(|| {
                let bytes = Uint8Array::from(paid.as_bytes());
                let again = bytes.clone();
                let cancelled = cancelled.clone();
                (
                    bytes.into(),
                    Box::new(move || again.copy_from(cancelled.as_bytes())) as Change,
                )
            }),
        ),
        (
            "ArrayBuffer",
            Box::new(|| {
                let buffer = ArrayBuffer::new(paid.len() as u32);
                Uint8Array::new(&buffer).copy_from(paid.as_bytes());
                let again = buffer.clone();
                let cancelled = cancelled.clone();
                let change = move || Uint8Array::new(&again).copy_from(cancelled.as_bytes());
                (buffer.into(), Box::new(change) as Change)
            }),
        ),
        (
            "object",
            Box::new(|| {
                let payment = object(&paid);
                let response = get(&payment, "response");
                let change = move || {
                    for (key, value) in [("merchant_uid", "order-9"), ("status", "cancelled")] {
                        Reflect::set(&response, &key.into(), &value.into()).unwrap();
                    }
                };
                (payment, Box::new(change) as Change)
            }),
        ),
        (
            "object with toJSON",
            Box::new(|| {
                let body = Rc::new(RefCell::new(object(&paid)));
                let current = body.clone();
                let to_json = Closure::<dyn Fn() -> JsValue>::new(move || current.borrow().clone());
                let payment = js_sys::Object::new();
                let to_json: Function = to_json.into_js_value().unchecked_into();
                Reflect::set(&payment, &"toJSON".into(), &to_json).unwrap();
                let cancelled = cancelled.clone();
                let change = move || *body.borrow_mut() = object(&cancelled);
                (payment.into(), Box::new(change) as Change)
            }),
        ),
    ];
    for (kind, make) in &kinds {
        for read_first in [false, true] {
            let label = format!("{kind}, payment read first: {read_first}");
            let (input, change) = make();
            let verdict = verify_payment(input, expected()).unwrap();
            assert_eq!(get(&verdict, "ok"), JsValue::TRUE, "{label}");
            let before = read_first.then(|| get(&verdict, "payment"));
            change();
            if let Some(before) = before {
                assert_order_1(&before, &label);
            }
            assert_order_1(&get(&verdict, "payment"), &label);
            let json = object(&String::from(JSON::stringify(&verdict).unwrap()));
            assert_order_1(&get(&json, "payment"), &label);
        }
    }
}

/// The verdict's failures in JS are what serde writes for the Rust verdict's (the wasm glue
/// writes them without serde).
/// A string crosses as its UTF-16 code units in the edge build (Node's Buffer; elsewhere, as
/// here in Chromium, a charCodeAt loop): every script and lone surrogates (U+FFFD, as
/// TextEncoder) arrive as TextEncoder would encode them.
#[wasm_bindgen_test]
fn strings_of_every_script_cross_intact() {
    let uid = "주문-🥕-\u{e9}ß中-\u{7ff}\u{800}\u{ffff}";
    let body = CARD_PAID
        .replace("57008833-33004", uid)
        .replace("당근 10kg", "당근 🥕 @ 10kg");
    // A raw lone surrogate where the @ is (a Rust string cannot hold one).
    let at = body
        .encode_utf16()
        .position(|u| u == u16::from(b'@'))
        .unwrap();
    let mut units: Vec<u16> = body.encode_utf16().collect();
    units[at] = 0xd800;
    let text = js_sys::JsString::from_char_code(&units);
    let expected = object(&format!(r#"{{"merchantUid":"{uid}","amount":1004}}"#));
    for padding in 0..20 {
        let padded = js_sys::JsString::from(" ".repeat(padding)).concat(&text);
        let verdict = verify_payment(padded.into(), expected.clone()).unwrap();
        assert_eq!(get(&verdict, "ok"), JsValue::TRUE, "{padding}");
        let payment = get(&verdict, "payment");
        assert_eq!(
            get(&payment, "merchant_uid").as_string().as_deref(),
            Some(uid)
        );
        assert_eq!(
            get(&payment, "name").as_string().as_deref(),
            Some("당근 🥕 \u{fffd} 10kg")
        );
    }
}

#[wasm_bindgen_test]
fn failures_are_what_serde_writes() {
    let order =
        portone_verify::Expected::new("order-1", portone_verify::Amount::parse("10.1").unwrap())
            .with_currency("USD");
    let expected = r#"{"merchantUid":"order-1","amount":"10.10","currency":"USD"}"#;
    // Texts to escape, an amount JS cannot hold exactly, a missing field (null), flags.
    let bodies = [
        r#"{"imp_uid":"imp_1","merchant_uid":"a \"quoted\" 주문\n","amount":"1234567890.123456789",
            "cancel_amount":0,"currency":"KRW","status":"paid"}"#,
        r#"{"imp_uid":"imp_1","merchant_uid":"order-1","amount":10.1,"cancel_amount":"0.5",
            "currency":"USD","status":"paid","sandbox":"true"}"#,
    ];
    let mut codes = Vec::new();
    for body in bodies {
        let verdict = verify_payment(JsValue::from_str(body), object(expected)).unwrap();
        let failures = JSON::stringify(&get(&verdict, "failures")).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&String::from(failures)).unwrap();
        let rust = portone_verify::verify_payment_json(body.as_bytes(), &order).unwrap();
        assert_eq!(ours, serde_json::to_value(rust.failures()).unwrap());
        codes.extend(rust.failures().iter().map(|f| f.code.as_str()));
    }
    assert_eq!(
        codes,
        [
            "MERCHANT_UID_MISMATCH",
            "AMOUNT_MISMATCH",
            "CURRENCY_MISMATCH",
            "INCOMPLETE_PAYMENT",
            "PARTIALLY_CANCELLED",
            "SANDBOX_PAYMENT"
        ]
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
