//! Verifying a V1 payment body. Input: one flag byte (the expectation, see
//! `payment::expected_for`), then the body.
//!
//! Oracles:
//! - the fast path and the full reader reach the same verdict (`fuzzing::verify_fast` against
//!   `verify_payment(&parse_payment(body)?)`);
//! - `verify_payment_json` (fast path, then the checking reader) agrees with that verdict, and
//!   refuses exactly what `parse_payment` refuses, with the same code and path; so a body the
//!   reader refuses never verifies;
//! - the checking reader (`fuzzing::reader_accepts`) and the writing one (`parse_payment`)
//!   accept the same bodies;
//! - `verify_payment_str` is `verify_payment_json`;
//! - a verified body really matches the order (`payment::really_matches`: the parsed payment
//!   and the body read by serde_json and the reference decimal).
#![no_main]

use fuzz_support::{disagree, payment, refusal};
use libfuzzer_sys::fuzz_target;
use portone_verify::fuzzing;
use portone_verify::{parse_payment, verify_payment, verify_payment_json, verify_payment_str, Verdict};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let expected = payment::expected_for(flags, body);
    let parsed = parse_payment(body);
    let by_reader = parsed.as_ref().map(|p| verify_payment(p, &expected));
    let verdict = verify_payment_json(body, &expected);

    if let Some(fast) = fuzzing::verify_fast(body, &expected) {
        match &by_reader {
            Ok(full) if *full == fast => {}
            Ok(full) => disagree!("fast path {fast:?}, reader {full:?}"),
            Err(err) => disagree!("fast path {fast:?}, but the reader refuses: {err:?}"),
        }
    }
    match (&verdict, &by_reader) {
        (Ok(a), Ok(b)) if a == b => {}
        (Err(a), Err(b)) if refusal(a) == refusal(b) => {}
        (a, b) => disagree!("verify_payment_json {a:?}, parse_payment + verify_payment {b:?}"),
    }
    match (fuzzing::reader_accepts(body), &parsed) {
        (Ok(()), Ok(_)) => {}
        (Err(a), Err(b)) if refusal(&a) == refusal(b) => {}
        (a, b) => disagree!("checking reader {a:?}, writing reader {:?}", b.as_ref().map(|_| ())),
    }
    if let Ok(text) = std::str::from_utf8(body) {
        if verify_payment_str(text, &expected) != verdict {
            disagree!("verify_payment_str differs from verify_payment_json");
        }
    }
    if let (Ok(Verdict::Verified { state }), Ok(payment)) = (&verdict, &parsed) {
        if let Err(why) = payment::really_matches(body, payment, &expected, *state) {
            disagree!("{why}");
        }
    }
});
