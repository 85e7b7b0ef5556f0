//! Crate internals for the differential fuzz targets in `fuzz/` (the `fuzzing` feature, native
//! builds only). Not an API: it exposes exactly what an oracle must see separately and nothing
//! else, and may change with the code it exposes.
//!
//! - [`verify_fast`]: the verdict of the verify fast path (`read/fast/`), when it settles a body.
//! - [`reader_accepts`]: whether the jiter reader, as `verify_payment_json` runs it after the
//!   fast path gives up (checking only, no canonical JSON), accepts a body.
//! - [`utf16_to_utf8`]: the transcoder the edge build turns JavaScript strings into UTF-8 with.
//!
//! The reader's own verdict needs nothing from here:
//! `verify_payment(&parse_payment(body)?, expected)`.

use crate::error::ParseError;
use crate::read;
use crate::types::declare::sealed::Declared;
use crate::types::PaymentAnnotation;
use crate::verify::{Expected, Verdict};

/// The payment schema with the fast path's precomputed keys.
#[cfg(feature = "fast-verify")]
static FAST: read::FastSchema = read::FastSchema::new(<PaymentAnnotation as Declared>::SCHEMA);

/// The verdict the verify fast path reaches on `input`, or `None` when it leaves `input` to the
/// jiter reader (always `None` without the `fast-verify` feature).
///
/// `verify_payment_json` returns the fast path's verdict whenever the fast path settles a body
/// (it tries it first): so when the fast path settles `input`, this is that verdict.
pub fn verify_fast(input: &[u8], expected: &Expected) -> Option<Verdict> {
    #[cfg(feature = "fast-verify")]
    {
        let settled = read::read_payment_fast(input, &FAST, |captures| captures.facts().is_some());
        if settled == Some(true) {
            return crate::verify_payment_json(input, expected).ok();
        }
    }
    let _ = (input, expected);
    None
}

/// Whether the jiter reader accepts `input` as a payment, read as verification reads it
/// (checking only, no canonical JSON written).
///
/// # Errors
/// The reader's error.
pub fn reader_accepts(input: &[u8]) -> Result<(), ParseError> {
    let schema = <PaymentAnnotation as Declared>::SCHEMA;
    read::read_payment(read::utf8(input)?, schema, false).map(|_| ())
}

// The transcoder lives with the wasm glue (`wasm/utf16.rs`); natively it runs its word-at-a-time
// path (the SIMD one is wasm32's). Under `cargo test` the crate root already compiles it.
#[cfg(all(test, feature = "fast-verify"))]
use crate::utf16;
#[cfg(not(all(test, feature = "fast-verify")))]
#[path = "wasm/utf16.rs"]
mod utf16;

/// The UTF-8 that the edge build makes of a JavaScript string's UTF-16 code units (each lone
/// surrogate becomes U+FFFD, as `TextEncoder` does).
pub fn utf16_to_utf8(units: &[u16]) -> Vec<u8> {
    let bytes: Vec<u8> = units.iter().flat_map(|unit| unit.to_le_bytes()).collect();
    let mut out = vec![0; utf16::capacity(bytes.len())];
    let written = utf16::utf16_to_utf8(&bytes, &mut out);
    out.truncate(written);
    out
}
