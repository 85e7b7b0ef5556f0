//! Strings into wasm memory by one `TextEncoder.encodeInto`, into a buffer kept between calls.
//!
//! wasm-bindgen's own string passing copies the ASCII prefix a character at a time and then
//! calls `encodeInto` for the rest into a fresh allocation: on a 1.4 KB payment with Korean
//! text that was a third of `verifyPayment(string)`. One `encodeInto` of the whole string
//! into a reused buffer costs less than half as much (see `bench/`).

use std::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const encoder = new TextEncoder();
export function encode_into(text, memory, at, capacity) {
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, at, capacity)).written;
}
"#)]
extern "C" {
    /// Writes `text` as UTF-8 at `at` in wasm memory (at most `capacity` bytes); returns how
    /// many bytes were written. Lone surrogates become U+FFFD, as in every string crossing.
    fn encode_into(text: &JsString, memory: &JsValue, at: u32, capacity: u32) -> u32;
}

/// Buffers above this size are not kept after the call.
const KEPT_CAPACITY: usize = 256 * 1024;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` with the UTF-8 bytes of `text`.
pub(crate) fn with_utf8<R>(text: &JsString, f: impl FnOnce(&[u8]) -> R) -> R {
    // Each UTF-16 unit becomes at most three bytes (a surrogate pair, two units, four).
    let capacity = (text.length() as usize).saturating_mul(3);
    SCRATCH.with(|scratch| {
        let Ok(mut buffer) = scratch.try_borrow_mut() else {
            // Re-entered (cannot happen: `f` never calls back into JS): a fresh buffer.
            return f(String::from(text).as_bytes());
        };
        if buffer.len() < capacity {
            buffer.resize(capacity, 0);
        }
        let (Ok(at), Ok(capacity)) = (
            u32::try_from(buffer.as_mut_ptr() as usize),
            u32::try_from(capacity),
        ) else {
            return f(String::from(text).as_bytes()); // not on wasm32, where both fit
        };
        let written = encode_into(text, &wasm_bindgen::memory(), at, capacity);
        let result = f(buffer.get(..written as usize).unwrap_or_default());
        if buffer.len() > KEPT_CAPACITY {
            *buffer = Vec::new();
        }
        result
    })
}
