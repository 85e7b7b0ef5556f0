//! Shared parts of the fuzz targets: the reference implementations the differential oracles
//! compare the crate with, and the input conventions of the targets.
//!
//! Every oracle failure panics with a message starting with `DISAGREEMENT`, so libFuzzer
//! saves the input as a `crash-*` artifact like any other crash.

pub mod decimal;
pub mod js;
pub mod payment;
pub mod payment_v2;
pub mod webhook;

/// Fails the run: two parts of the crate (or the crate and a reference) disagree.
#[macro_export]
macro_rules! disagree {
    ($($arg:tt)*) => {
        panic!("DISAGREEMENT: {}", format_args!($($arg)*))
    };
}

/// The error code and path of a parse error, for comparing two readers' refusals.
pub fn refusal(err: &portone_verify::ParseError) -> (String, String) {
    (err.code().as_str().to_owned(), err.path().to_owned())
}

/// Splits `data` at the first `0xFF` byte (never part of UTF-8 text): `(before, after)`.
pub fn split_ff(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xff) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

/// A reference reading of a redirect URL or query string: the query (after `?`, or the whole
/// text when it has an `=` and no `?`; before any `#`) decoded as `x-www-form-urlencoded`,
/// keeping the `parameters` named whose trimmed value is not empty, in order, repeats included.
pub fn query_parameters(input: &str, parameters: &[&str]) -> Vec<(String, String)> {
    let text = input.trim();
    let text = text.split('#').next().unwrap_or_default();
    let query = match text.split_once('?') {
        Some((_, query)) => query,
        None if text.contains('=') => text,
        None => "",
    };
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .filter(|(k, v)| !v.is_empty() && parameters.contains(&k.as_str()))
        .collect()
}

/// Whether two canonical JSON texts are the same JSON value. The reader writes strings with
/// their escapes as received (`"a\/b"`) and free-form values (`custom_data`) as received,
/// while a built struct writes decoded strings re-escaped (`"a/b"`) and its
/// `serde_json::Value` in serde's spelling (`1e3` becomes `1000.0`, a number beyond a double
/// `null`): the texts differ, the values must not, as serde_json or, failing that, as
/// JavaScript sees them (`JSON.stringify(JSON.parse(text))`, modelled by [`js`]), whatever the
/// order of an object's keys (serde_json's map is sorted; a number beyond a double, which
/// serde_json refuses, is `null` once JavaScript has read it).
pub fn same_json(a: &str, b: &str) -> bool {
    let serde = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
    let javascript = |t: &str| js::parse(t.as_bytes()).map(|o| js::stringify(&o.value));
    a == b
        || matches!((serde(a), serde(b)), (Some(x), Some(y)) if x == y)
        || matches!((javascript(a), javascript(b)), (Some(x), Some(y))
            if x == y || matches!((serde(&x), serde(&y)), (Some(x), Some(y)) if x == y))
}
