//! The verdict as JavaScript sees it, one shape for every entry point: `{ ok, state | failures }`
//! plus a `payment` getter that reads the payment on first access from a snapshot of what was
//! verified (never from the caller's value, which may have changed since), so a verdict costs
//! no more than its checks. The class is `verdict.js`, for V1 and V2 payments alike; its
//! TypeScript declarations are [`VERDICT_TS`] (`Verdict`, `VerdictV2`).

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::input::json_bytes;
use crate::json_writer::push_string;
use crate::verify::{Failure, Observed, PaidState, Verdict};

#[wasm_bindgen(module = "/src/wasm/verdict.js")]
extern "C" {
    #[wasm_bindgen(js_name = newVerdict)]
    fn new_verdict(
        ok: bool,
        state: &JsValue,
        failures: &JsValue,
        source: &JsValue,
        read: &JsValue,
    ) -> JsValue;
    /// `JSON.parse`, as a snapshot's reader.
    #[cfg(feature = "client")]
    #[wasm_bindgen(thread_local_v2, js_name = parseJson)]
    static PARSE_JSON: JsValue;
}

// The JS verdict: what `verifyPayment`, `PortOneClient.verifyPayment` and `verifyWebhookV1`
// return (the last with `webhook` too), narrowed on `ok`; `VerdictV2` is the same verdict of a
// V2 payment (`verifyPaymentV2`).
#[wasm_bindgen(typescript_custom_section)]
const VERDICT_TS: &'static str = r#"
/**
 * The outcome of verifying a payment: narrow on `ok`. `payment` is the payment the verdict was
 * reached on, parsed on first access (from a copy: changing the input afterwards changes
 * nothing); `JSON.stringify(verdict)` includes it.
 */
export type Verdict = (
  | { ok: true; state: PaidState }
  | { ok: false; failures: Failure[] }
) & { readonly payment: PaymentAnnotation };

/**
 * The outcome of verifying a V2 payment ({@link verifyPaymentV2}): the same verdict as
 * {@link Verdict}, with `payment` a V2 {@link Payment} (narrow it on `status`).
 */
export type VerdictV2 = (
  | { ok: true; state: PaidState }
  | { ok: false; failures: Failure[] }
) & { readonly payment: Payment };
"#;

thread_local! {
    /// `read_snapshot` as a JS function, made once per instance, for the verdicts' getters.
    static READ_SNAPSHOT: JsValue =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(read_snapshot).into_js_value();
    /// `read_snapshot_v2`, the same for V2 payments.
    static READ_SNAPSHOT_V2: JsValue =
        Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(read_snapshot_v2)
            .into_js_value();
    /// The state strings, made once: a verified verdict then passes no text across.
    static STATE_PAID: JsValue = JsValue::from_str(PaidState::Paid.as_str());
    static STATE_VIRTUAL_ACCOUNT_ISSUED: JsValue =
        JsValue::from_str(PaidState::VirtualAccountIssued.as_str());
}

/// The verdict of `verifyPayment`: `payment` is read from `snapshot` (a string, or a copy of
/// the bytes that crossed) on first access, as `parsePayment` reads it.
pub(crate) fn verdict_of_snapshot(verdict: &Verdict, snapshot: &JsValue) -> JsValue {
    READ_SNAPSHOT.with(|read| build(verdict, snapshot, read))
}

/// The payment in `snapshot` (it can throw like `parsePayment` if a field the verdict does
/// not read is malformed).
fn read_snapshot(snapshot: JsValue) -> Result<JsValue, JsValue> {
    JSON::parse(&crate::payment_json(&json_bytes(&snapshot)?)?)
}

/// The verdict of `verifyPaymentV2`: `payment` is read from `snapshot` on first access, as
/// `parsePaymentV2` reads it.
pub(crate) fn verdict_of_snapshot_v2(verdict: &Verdict, snapshot: &JsValue) -> JsValue {
    READ_SNAPSHOT_V2.with(|read| build(verdict, snapshot, read))
}

/// The V2 payment in `snapshot` (it can throw like `parsePaymentV2`).
fn read_snapshot_v2(snapshot: JsValue) -> Result<JsValue, JsValue> {
    JSON::parse(&crate::payment_v2_json(&json_bytes(&snapshot)?)?)
}

/// The verdict of a payment already read into canonical JSON (the client's): `payment` is
/// `JSON.parse` of it on first access.
#[cfg(feature = "client")]
pub(crate) fn verdict_of_canonical(verdict: &Verdict, payment_json: &str) -> JsValue {
    PARSE_JSON.with(|read| build(verdict, &JsValue::from_str(payment_json), read))
}

fn build(verdict: &Verdict, source: &JsValue, read: &JsValue) -> JsValue {
    match verdict {
        Verdict::Verified { state } => {
            let cached = match state {
                PaidState::Paid => &STATE_PAID,
                PaidState::VirtualAccountIssued => &STATE_VIRTUAL_ACCOUNT_ISSUED,
            };
            // No text crosses for a verified verdict (a `&str` argument, even empty, costs a
            // TextDecoder call).
            let none = JsValue::UNDEFINED;
            cached.with(|state| new_verdict(true, state, &none, source, read))
        }
        Verdict::Rejected { failures } => {
            let failures = JsValue::from_str(&failures_json(failures));
            new_verdict(false, &JsValue::UNDEFINED, &failures, source, read)
        }
    }
}

/// The JSON text of `failures`, exactly as their `Serialize` writes them (tests/web.rs
/// compares), without serde: the browser build carries no serde or float code.
pub(crate) fn failures_json(failures: &[Failure]) -> String {
    fn observed(out: &mut String, value: &Observed) {
        match value {
            Observed::Absent => out.push_str("null"),
            Observed::Text(text) => push_string(out, text),
            Observed::Flag(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Observed::Amount(amount) if amount.is_exact_in_f64() => out.push_str(amount.as_str()),
            Observed::Amount(amount) => push_string(out, amount.as_str()),
        }
    }
    let mut out = String::from("[");
    for (index, failure) in failures.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":\"");
        out.push_str(failure.code.as_str());
        out.push_str("\",\"field\":");
        push_string(&mut out, &failure.field);
        out.push_str(",\"expected\":");
        observed(&mut out, &failure.expected);
        out.push_str(",\"actual\":");
        observed(&mut out, &failure.actual);
        out.push_str(",\"message\":");
        push_string(&mut out, &failure.message);
        out.push('}');
    }
    out.push(']');
    out
}
