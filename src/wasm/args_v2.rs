//! TEMPORARY (until the v2-wasm branch's `args::expected_v2_from_js` is merged; delete this
//! file then): `ExpectedV2` read from a JavaScript object for `PortOneClientV2`, property by
//! property in the documented order, with `INVALID_ARGUMENT` (`expected.<field>`) errors.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::errors::invalid_expected;
use super::input::amount_from_js;
use crate::amount::Amount;
use crate::verify::ExpectedV2;

/// `{ paymentId?, amount, currency?, orderName?, storeId?, allowVirtualAccountIssued?,
/// allowTestChannel?, nowMs? }`; a missing `paymentId` is `payment_id`; `nowMs` defaults to
/// `Date.now()`.
pub(crate) fn expected_v2_from_js(
    expected: &JsValue,
    payment_id: Option<&str>,
) -> Result<ExpectedV2, JsValue> {
    if !expected.is_object() {
        return Err(invalid_expected(
            "",
            "expected must be an object like { amount }",
        ));
    }
    let get = |key: &str| Reflect::get(expected, &JsValue::from_str(key));
    let text = |key: &str| -> Result<Option<String>, JsValue> {
        let value = get(key)?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| invalid_expected(key, &format!("{key} must be a string")))
    };
    let flag = |key: &str| -> Result<bool, JsValue> {
        let value = get(key)?;
        if value.is_undefined() || value.is_null() {
            return Ok(false);
        }
        value
            .as_bool()
            .ok_or_else(|| invalid_expected(key, &format!("{key} must be a boolean")))
    };
    let payment_id = match text("paymentId")? {
        Some(id) => id,
        None => payment_id
            .map(str::to_owned)
            .ok_or_else(|| invalid_expected("paymentId", "paymentId is required"))?,
    };
    let amount = get("amount")?;
    let amount = if amount.is_bigint() {
        let text = js_sys::BigInt::from(amount).to_string(10).ok();
        text.and_then(|text| Amount::parse(&String::from(text)))
    } else {
        amount_from_js(&amount)
    };
    let Some(amount) = amount else {
        return Err(invalid_expected(
            "amount",
            "amount must be a whole number, a decimal string or a bigint",
        ));
    };
    let mut out = ExpectedV2::new(payment_id, amount);
    if let Some(currency) = text("currency")? {
        out.currency = currency;
    }
    out.order_name = text("orderName")?;
    out.store_id = text("storeId")?;
    out.allow_virtual_account_issued = flag("allowVirtualAccountIssued")?;
    out.allow_test_channel = flag("allowTestChannel")?;
    let now = get("nowMs")?;
    #[allow(clippy::cast_possible_truncation)]
    let now_ms = match now.as_f64() {
        Some(ms) if ms.is_finite() => ms.floor() as i64,
        None if now.is_undefined() || now.is_null() => js_sys::Date::now().floor() as i64,
        _ => {
            return Err(invalid_expected(
                "nowMs",
                "nowMs must be a finite number of milliseconds since 1970",
            ))
        }
    };
    out.now_ms = Some(now_ms);
    out.validate()?;
    Ok(out)
}

#[wasm_bindgen(typescript_custom_section)]
const VERDICT_V2_TS: &'static str = r#"
/** The outcome of verifying a V2 payment: the same verdict as {@link Verdict}, with `payment` a V2 {@link Payment}. */
export type VerdictV2 = (
  | { ok: true; state: PaidState }
  | { ok: false; failures: Failure[] }
) & { readonly payment: Payment };
"#;
