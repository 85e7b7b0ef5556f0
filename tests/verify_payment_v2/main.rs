//! The V2 verification rules: every status and every failure code, on the V2 fixtures and on
//! the paid card payment with one field changed (`statuses`, `mismatches`), what is an error
//! rather than a verdict (`errors`), and the verdicts of the whole table, recorded in
//! `tests/golden/v2-verdicts.txt` (`golden`; `UPDATE_EXPECT=1` rewrites it).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod errors;
mod golden;
mod mismatches;
mod statuses;

use common::golden::mutate;
use common::v2_payment_fixture;
use portone_verify::{
    parse_payment_v2, verify_payment_v2, verify_payment_v2_json, Amount, ExpectedV2, FailureCode,
    Verdict,
};
use serde_json::Value;

/// The order the paid card fixture pays for.
fn order() -> ExpectedV2 {
    ExpectedV2::new("order-20240701-0001", Amount::from_i64(129000))
}

/// An order that matches fixture `name` in everything but its status, channel and currency.
fn order_for(payment: &Value) -> ExpectedV2 {
    ExpectedV2::new(
        payment["id"].as_str().unwrap(),
        Amount::parse(&payment["amount"]["total"].to_string()).unwrap(),
    )
}

/// The verdict of `input`, checked to be the same from the bytes and from the parsed payment.
fn verdict(input: &[u8], expected: &ExpectedV2) -> Verdict {
    let from_json = verify_payment_v2_json(input, expected).unwrap();
    let payment = parse_payment_v2(input).unwrap();
    assert_eq!(from_json, verify_payment_v2(&payment, expected));
    from_json
}

/// Expected failures: each code and field.
type Failures<'a> = Vec<(FailureCode, &'a str)>;

fn codes(verdict: &Verdict) -> Vec<(FailureCode, String)> {
    verdict
        .failures()
        .iter()
        .map(|f| (f.code, f.field.clone()))
        .collect()
}

fn changed(key: &str, value: Value) -> Vec<u8> {
    let base: Value = serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap();
    mutate(&base, key, &Some(value)).to_string().into_bytes()
}

fn changed_amount(key: &str, value: Value) -> Vec<u8> {
    let base: Value = serde_json::from_slice(&v2_payment_fixture("paid-card")).unwrap();
    let amount = mutate(&base["amount"], key, &Some(value));
    mutate(&base, "amount", &Some(amount))
        .to_string()
        .into_bytes()
}
