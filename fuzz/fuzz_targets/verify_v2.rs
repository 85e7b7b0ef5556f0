//! Verifying a V2 payment body. Input: one flag byte (the expectation, see
//! `payment_v2::expected_for`), then the body.
//!
//! Oracles:
//! - `verify_payment_v2_json` (the fast path of `read/fast/object.rs` first, as the edge build
//!   runs it, then the checking reader when the fast path gives up; nothing built) reaches the verdict of
//!   `verify_payment_v2(&parse_payment_v2(body)?)`, and refuses exactly what `parse_payment_v2`
//!   refuses, with the same code and path; so a body the reader refuses never verifies;
//! - a verified body really matches the order (`payment_v2::really_matches`: the parsed
//!   payment, and the body read by serde_json, the reference decimal and chrono: the id,
//!   exactly the total, the currency, nothing cancelled, `PAID` (or an allowed
//!   `VIRTUAL_ACCOUNT_ISSUED` before its deadline), a `LIVE` channel unless test channels are
//!   allowed, the store and order name when required).
#![no_main]

use fuzz_support::{disagree, payment_v2, refusal};
use libfuzzer_sys::fuzz_target;
use portone_verify::{parse_payment_v2, verify_payment_v2, verify_payment_v2_json, Verdict};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let expected = payment_v2::expected_for(flags, body);
    let parsed = parse_payment_v2(body);
    let by_parser = parsed.as_ref().map(|p| verify_payment_v2(p, &expected));
    let verdict = verify_payment_v2_json(body, &expected);
    match (&verdict, &by_parser) {
        (Ok(a), Ok(b)) if a == b => {}
        (Err(a), Err(b)) if refusal(a) == refusal(b) => {}
        (a, b) => disagree!("verify_payment_v2_json {a:?}, parse_payment_v2 + verify_payment_v2 {b:?}"),
    }
    if let (Ok(Verdict::Verified { state }), Ok(payment)) = (&verdict, &parsed) {
        if let Err(why) = payment_v2::really_matches(body, payment, &expected, *state) {
            disagree!("{why}");
        }
    }
});
