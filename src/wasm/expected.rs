//! Reads the merchant's expectation straight off the JS object through property getters
//! (no JSON round trip, no key strings crossing the boundary), with the same rules and error
//! paths as [`Expected::from_json`]. For the client; `verifyPayment` reads it in one
//! crossing (`super::args`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::errors::{coded_error, invalid_expected as invalid};
use super::input::amount_from_js;
use crate::verify::Expected;

#[wasm_bindgen]
extern "C" {
    /// The caller's `expected` object.
    type ExpectedObject;
    #[wasm_bindgen(method, getter, js_name = merchantUid)]
    fn merchant_uid(this: &ExpectedObject) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn amount(this: &ExpectedObject) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn currency(this: &ExpectedObject) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = impUid)]
    fn imp_uid(this: &ExpectedObject) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = allowVirtualAccountIssued)]
    fn allow_virtual_account_issued(this: &ExpectedObject) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = allowSandbox)]
    fn allow_sandbox(this: &ExpectedObject) -> JsValue;
}

fn optional_text(value: JsValue, key: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| invalid(key, &format!("{key} must be a string")))
}

fn flag(value: JsValue, key: &str) -> Result<bool, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    value
        .as_bool()
        .ok_or_else(|| invalid(key, &format!("{key} must be a boolean")))
}

/// `{ merchantUid, amount, currency?, impUid?, allowVirtualAccountIssued?, allowSandbox? }`,
/// for the client (`verifyPayment` reads it in one crossing: see `super::args`, which keeps
/// to the same order and errors).
pub(crate) fn expected_from_js(object: &JsValue) -> Result<Expected, JsValue> {
    if !object.is_object() {
        let message = "expected must be an object like { merchantUid, amount }";
        return Err(coded_error("INVALID_ARGUMENT", message, Some("expected")).into());
    }
    let object: &ExpectedObject = object.unchecked_ref();
    let merchant_uid = optional_text(object.merchant_uid(), "merchantUid")?
        .ok_or_else(|| invalid("merchantUid", "merchantUid is required"))?;
    let amount = object.amount();
    let amount = amount_from_js(&amount).ok_or_else(|| {
        invalid(
            "amount",
            "amount must be a finite number or a decimal string",
        )
    })?;
    let mut expected = Expected::new(merchant_uid, amount)
        .allow_virtual_account_issued(flag(
            object.allow_virtual_account_issued(),
            "allowVirtualAccountIssued",
        )?)
        .allow_sandbox(flag(object.allow_sandbox(), "allowSandbox")?);
    if let Some(currency) = optional_text(object.currency(), "currency")? {
        expected = expected.with_currency(currency);
    }
    if let Some(imp_uid) = optional_text(object.imp_uid(), "impUid")? {
        expected = expected.with_imp_uid(imp_uid);
    }
    expected.validate()?;
    Ok(expected)
}
