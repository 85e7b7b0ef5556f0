//! Reading the merchant's expectation from JSON (`Expected::from_json`). Input: the JSON.
//!
//! - an accepted expectation is valid (non-empty `merchantUid` and currency, amount not
//!   negative) and is what serde's derived `Deserialize` reads;
//! - a refusal is `INVALID_ARGUMENT` with a path under `expected`, whatever the input (deep
//!   nesting included: the error path is found by a bounded walk). Keys are not escaped in
//!   paths: an unknown key `[x` gives `expected[x`.
#![no_main]

use fuzz_support::disagree;
use libfuzzer_sys::fuzz_target;
use portone_verify::{ErrorCode, Expected};

fuzz_target!(|data: &[u8]| {
    match Expected::from_json(data) {
        Ok(expected) => {
            if expected.validate().is_err()
                || expected.merchant_uid.is_empty()
                || expected.amount.is_negative()
                || expected.currency.trim().is_empty()
            {
                disagree!("an invalid expectation was accepted: {expected:?}");
            }
            let unmarked = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            match serde_json::from_slice::<Expected>(unmarked) {
                Ok(by_serde) if by_serde == expected => {}
                other => disagree!("from_json {expected:?}, serde {other:?}"),
            }
        }
        Err(err) => {
            if err.code() != ErrorCode::InvalidArgument
                || !err.path().starts_with("expected")
            {
                disagree!("refused with {:?} at {:?}", err.code(), err.path());
            }
        }
    }
});
