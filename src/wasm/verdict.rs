//! The verdict as JavaScript sees it: `{ ok, state | failures }` plus a `payment` getter that
//! parses the payment on first access, so a verdict costs no more than its checks.

use wasm_bindgen::prelude::*;

use crate::verify::{PaidState, Verdict};

#[wasm_bindgen(inline_js = "
class PaymentVerdict {
  #source;
  #digest;
  #parse;
  #payment;
  constructor(ok, state, failures, source, digest, parse) {
    this.ok = ok;
    if (ok) this.state = state;
    else this.failures = failures;
    this.#source = source;
    this.#digest = digest;
    this.#parse = parse;
  }
  /** The verified payment, parsed on first access. */
  get payment() {
    if (this.#payment === undefined) this.#payment = this.#parse(this.#source, this.#digest);
    return this.#payment;
  }
  toJSON() {
    return this.ok
      ? { ok: true, state: this.state, payment: this.payment }
      : { ok: false, failures: this.failures, payment: this.payment };
  }
}
export function newVerdict(ok, state, failures, source, digest, parse) {
  return new PaymentVerdict(ok, state, failures, source, digest, parse);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = newVerdict)]
    fn new_verdict(
        ok: bool,
        state: &JsValue,
        failures: JsValue,
        source: &JsValue,
        digest: &JsValue,
        parse: &JsValue,
    ) -> JsValue;
}

thread_local! {
    /// The state strings, made once: a verdict then passes no text across the boundary.
    static STATE_PAID: JsValue = JsValue::from_str(PaidState::Paid.as_str());
    static STATE_VIRTUAL_ACCOUNT_ISSUED: JsValue =
        JsValue::from_str(PaidState::VirtualAccountIssued.as_str());
}

/// Builds the JS verdict; `source` (with `digest`) is what `parse` turns into the payment
/// when asked.
pub(crate) fn verdict_to_js(
    verdict: &Verdict,
    source: &JsValue,
    digest: &JsValue,
    parse: &JsValue,
) -> Result<JsValue, JsValue> {
    Ok(match verdict {
        Verdict::Verified { state } => {
            let cached = match state {
                PaidState::Paid => &STATE_PAID,
                PaidState::VirtualAccountIssued => &STATE_VIRTUAL_ACCOUNT_ISSUED,
            };
            cached.with(|state| new_verdict(true, state, JsValue::UNDEFINED, source, digest, parse))
        }
        Verdict::Rejected { failures } => {
            let failures = js_sys::JSON::parse(&crate::verify::failures_json(failures))?;
            new_verdict(false, &JsValue::UNDEFINED, failures, source, digest, parse)
        }
    })
}
