//! The input kinds of `verifyPayment` agree. Input: one flag byte (the expectation), then the
//! body.
//!
//! - String input: the edge build takes a JavaScript string as its UTF-16 code units and
//!   transcodes them (`fuzzing::utf16_to_utf8`). For a body that is UTF-8 the transcoded bytes
//!   must be the body itself (so the verdict is the bytes' verdict); for other bytes, read as
//!   UTF-16LE code units (lone surrogates included), they must be what `TextEncoder` gives
//!   (`String::from_utf16_lossy`), and verifying them must not fail in any other way.
//! - Object input: `JSON.parse` then `JSON.stringify` (modelled in `js`). Where that is
//!   lossless (no repeated key, every number printed back as written) the verdict on the
//!   re-serialised text is the body's: both verified alike, both rejected with the same
//!   failures, or both refused. Where it is lossy, only that it runs.
#![no_main]

use fuzz_support::{disagree, js, payment};
use libfuzzer_sys::fuzz_target;
use portone_verify::fuzzing;
use portone_verify::verify_payment_json;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let expected = payment::expected_for(flags, body);
    let verdict = verify_payment_json(body, &expected);

    match std::str::from_utf8(body) {
        Ok(text) => {
            let units: Vec<u16> = text.encode_utf16().collect();
            let transcoded = fuzzing::utf16_to_utf8(&units);
            if transcoded != body {
                disagree!("the UTF-16 transcoder changed the text: {transcoded:?}");
            }
        }
        Err(_) => {
            let units: Vec<u16> = body
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            let transcoded = fuzzing::utf16_to_utf8(&units);
            if transcoded != String::from_utf16_lossy(&units).into_bytes() {
                disagree!("the UTF-16 transcoder is not TextEncoder on {units:?}");
            }
            let _ = verify_payment_json(&transcoded, &expected);
        }
    }

    if let Some(object) = js::parse(body) {
        let text = js::stringify(&object.value);
        let from_object = verify_payment_json(text.as_bytes(), &expected);
        if object.lossless {
            match (&verdict, &from_object) {
                (Ok(a), Ok(b)) if a == b => {}
                (Err(_), Err(_)) => {}
                (a, b) => disagree!("text {a:?}, object (as {text}) {b:?}"),
            }
        }
    }
});
