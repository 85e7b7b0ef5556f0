//! Amount parsing and comparison against the reference decimal (`fuzz_support::decimal`).
//! Input: one mode byte, then text (or bytes).
//!
//! - `Amount::parse` accepts exactly what the reference accepts, with the same value; its text
//!   is canonical (plain digits, no leading or trailing zeros, no `-0`) and parses to itself;
//!   `is_zero`, `is_negative`, `as_integer` and `is_exact_in_f64` say what the value is;
//! - two amounts (text split at the first 0xFF) are equal exactly when the reference values
//!   are, and equal amounts hash alike;
//! - `Amount::from_f64` of eight bytes gives back the same double through `to_f64`;
//! - serde's `Deserialize` of a JSON token (a number, or a string holding one) is
//!   `Amount::parse` of the number's text.
#![no_main]

use std::hash::{BuildHasher, RandomState};

use fuzz_support::{decimal, disagree, split_ff};
use libfuzzer_sys::fuzz_target;
use portone_verify::Amount;

fn check_one(text: &str) -> Option<(Amount, decimal::Decimal)> {
    let amount = Amount::parse(text);
    let reference = decimal::parse(text);
    match (&amount, &reference) {
        (None, None) => return None,
        (Some(a), Some(r)) => {
            let canonical = a.as_str();
            if canonical != r.plain() {
                disagree!("{text:?} parsed as {canonical}, reference {}", r.plain());
            }
            if Amount::parse(canonical).as_ref() != Some(a) {
                disagree!("{canonical} does not parse to itself");
            }
            if a.is_zero() != r.is_zero() || a.is_negative() != (r.negative && !r.is_zero()) {
                disagree!("{text:?}: zero/negative wrong");
            }
            if a.as_integer() != r.as_i64() {
                disagree!("{text:?}: as_integer {:?}, reference {:?}", a.as_integer(), r.as_i64());
            }
            let significant = if r.is_zero() { 0 } else { r.digits() };
            if a.is_exact_in_f64() != (significant <= 15 && canonical.len() <= 300) {
                disagree!("{text:?}: is_exact_in_f64 {}", a.is_exact_in_f64());
            }
            if !a.to_f64().is_finite() {
                disagree!("{text:?}: accepted, but its f64 is {}", a.to_f64());
            }
        }
        (a, r) => disagree!("{text:?}: Amount {a:?}, reference {r:?}"),
    }
    Some((amount?, reference?))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                check_one(text);
            }
        }
        1 => {
            let (a, b) = split_ff(rest);
            let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
                return;
            };
            if let (Some((x, rx)), Some((y, ry))) = (check_one(a), check_one(b)) {
                if (x == y) != (rx == ry) {
                    disagree!("{a:?} == {b:?} is {}, reference {}", x == y, rx == ry);
                }
                let hasher = RandomState::new();
                if x == y && hasher.hash_one(&x) != hasher.hash_one(&y) {
                    disagree!("equal amounts {a:?} and {b:?} hash differently");
                }
            }
        }
        2 => {
            let Some(bytes) = rest.get(..8) else { return };
            let value = f64::from_le_bytes(bytes.try_into().expect("eight bytes"));
            match Amount::from_f64(value) {
                Some(amount) if amount.to_f64() == value || (value == 0.0 && amount.is_zero()) => {
                    check_one(amount.as_str());
                }
                None if !value.is_finite() => {}
                other => disagree!("from_f64({value:e}) gave {other:?}"),
            }
        }
        _ => {
            let Ok(token) = std::str::from_utf8(rest) else { return };
            let Ok(amount) = serde_json::from_str::<Amount>(token) else {
                return;
            };
            let token = token.trim();
            let inner = token.strip_prefix('"').and_then(|t| t.strip_suffix('"')).map(str::trim);
            if Amount::parse(inner.unwrap_or(token)).as_ref() != Some(&amount) {
                disagree!("the token {token:?} deserialised as {amount:?}");
            }
        }
    }
});
