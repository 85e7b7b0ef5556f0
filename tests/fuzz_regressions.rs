//! Regressions found by the fuzz targets (`fuzz/`, `make fuzz`): each case is the minimised
//! input inline, with what the target's oracle requires of it.
#![cfg(not(target_arch = "wasm32"))]

use portone_verify::types::Wire;
use portone_verify::{parse_payment, parse_request_pay_response, payment_json};
use serde_json::Value;

/// `parse_callback`: a number in `custom_data` reached Rust as another double than the one
/// written (serde_json's default float parsing is off by one unit in the last place for some
/// inputs; JavaScript's `JSON.parse` of the same canonical text is exact).
#[test]
fn custom_data_numbers_are_the_doubles_written() {
    for (text, value) in [
        ("3e136", 3e136),
        ("1009999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999990.0", 1.01e105),
        ("4921429395412e-160", 4.921429395412e-148),
    ] {
        let callback = format!(r#"{{"imp_uid":"imp_1","custom_data":{text}}}"#);
        let parsed = parse_request_pay_response(callback.as_bytes()).unwrap();
        assert_eq!(parsed.custom_data.as_ref().and_then(Value::as_f64), Some(value), "{text}");

        let body = format!(
            r#"{{"imp_uid":"imp_1","merchant_uid":"o1","amount":1004,"status":"paid","custom_data":{{"x":[{text}]}}}}"#
        );
        let payment = parse_payment(body.as_bytes()).unwrap();
        assert_eq!(payment.custom_data.as_ref().map(|c| c["x"][0].as_f64()), Some(Some(value)));
        // The canonical text and the struct's are the same JSON value.
        let canonical: Value = serde_json::from_str(&payment_json(body.as_bytes()).unwrap()).unwrap();
        let built: Value = serde_json::from_str(&payment.to_canonical_json()).unwrap();
        assert_eq!(canonical, built);
    }
}
