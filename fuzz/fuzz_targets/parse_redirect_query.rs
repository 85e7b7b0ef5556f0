//! Parsing the `m_redirect_url` query. Input: the URL or query text (bytes that are not
//! UTF-8 are read lossily, as a browser's URL would hold U+FFFD).
//!
//! - `parse_redirect_query` and `redirect_query_json` agree (same refusal; the struct writes
//!   the JSON);
//! - a reference reading of the query (the part after `?` up to `#`, or the whole text when it
//!   has no `?` but a `=`; `application/x-www-form-urlencoded`; values trimmed, empty ones
//!   absent): no PortOne parameter is `INVALID_INPUT`; a parameter given twice is refused;
//!   otherwise `imp_uid`, `merchant_uid` and `error_code` are the values given, and `success`
//!   is false whenever `error_code` is given or a flag says `false`.
#![no_main]

use fuzz_support::{disagree, query_parameters, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::Wire;
use portone_verify::{parse_redirect_query, redirect_query_json, ErrorCode};

const PARAMETERS: [&str; 6] = ["imp_uid", "merchant_uid", "imp_success", "success", "error_code", "error_msg"];

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = parse_redirect_query(&input);
    match (&parsed, redirect_query_json(&input)) {
        (Ok(response), Ok(json)) if same_json(&response.to_canonical_json(), &json) => {}
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_redirect_query {a:?}, redirect_query_json {b:?}"),
    }

    let given = query_parameters(&input, &PARAMETERS);
    let value = |name: &str| -> Option<&str> {
        given.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    };
    let repeated = PARAMETERS
        .iter()
        .any(|name| given.iter().filter(|(k, _)| k == name).count() > 1);
    match &parsed {
        Err(err) if given.is_empty() && err.code() == ErrorCode::InvalidInput => {}
        _ if given.is_empty() => disagree!("no PortOne parameter, yet {parsed:?}"),
        Err(_) => {}
        Ok(_) if repeated => disagree!("a parameter given twice was accepted: {parsed:?}"),
        Ok(response) => {
            if response.imp_uid.as_deref() != value("imp_uid")
                || response.merchant_uid.as_deref() != value("merchant_uid")
                || response.error_code.as_deref() != value("error_code")
            {
                disagree!("the query says {given:?}, the parser {response:?}");
            }
            let says_false = |name| value(name).is_some_and(|v| v.eq_ignore_ascii_case("false"));
            if response.success
                && (value("error_code").is_some() || says_false("success") || says_false("imp_success"))
            {
                disagree!("success although the query reports an error: {given:?}");
            }
        }
    }
});

