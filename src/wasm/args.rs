//! `verifyPayment`'s arguments into wasm memory in one crossing: the merchant's `expected`
//! and, when it is a string or a `Uint8Array`, the payment's bytes.
//!
//! Reading `expected` through one getter import per property, each value checked by one
//! more import (`is_undefined`, `is_null`, `as_string`, ...), and the payment by another
//! three (`length`, `memory`, `encodeInto`), took about twenty crossings of the boundary per
//! call: on a small payment that was half of `verifyPayment`. Here one JS function reads
//! the properties in the same order as the client's `expected_from_js`, stops where it would
//! stop, and writes what it read into a buffer kept between calls (`encodeInto` of the
//! payment into a view it also keeps). The checks it cannot make (a decimal string's
//! syntax, a blank `merchantUid`...) stay in Rust, in the same order, with the same errors.
//!
//! The payment goes in by one `encodeInto` of the whole string: wasm-bindgen's own string
//! passing copies the ASCII prefix a character at a time and then calls `encodeInto` for the
//! rest into a fresh allocation, which on a 1.4 KB payment with Korean text was a third of
//! `verifyPayment(string)`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::errors::{coded_error, invalid_expected as invalid};
use super::input::amount_from_number;
use crate::amount::Amount;
use crate::verify::{Expected, Want, DEFAULT_CURRENCY};

#[wasm_bindgen(inline_js = r#"
const encoder = new TextEncoder();
const HEADER = 32;
const NONE = 0xffffffff;
// Views of wasm memory, made again when it grows (the old buffer is then detached).
let bytes = null;
let data = null;
let tail = null;
let tailAt = -1;
let tailEnd = -1;
// The arguments read so far, until they are written (a call may stop half way).
let status = 0;
let payment, merchantUid, amountNumber, amountText, flags, currency, impUid;

const nullish = (value) => value === undefined || value === null;
const len = (text) => (text === undefined ? 0 : text.length);

// Node's Buffer writes a string's UTF-16 code units as a copy, where encodeInto transcodes
// (see src/utf16.rs); elsewhere encodeInto.
const NodeBuffer = typeof Buffer === "function" && typeof Buffer.from === "function" ? Buffer : undefined;
// What Buffer#write(..., "utf16le") calls after checking its arguments (a fifth of its cost).
const ucs2Write = NodeBuffer !== undefined && typeof NodeBuffer.prototype.ucs2Write === "function";
let wideTail = null;

function views(memory) {
  if (bytes === null || bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
    data = new DataView(memory.buffer);
    tail = null;
    wideTail = null;
  }
}

// Short strings by hand while they are ASCII (an encodeInto call costs more than the loop).
function put(text, at) {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) break;
    bytes[at + i] = unit;
  }
  if (i === n) return n;
  return i + encoder.encodeInto(text.slice(i), bytes.subarray(at + i)).written;
}

// Writes `text` (if any) at `end` and its length (or NONE) at `slot`; returns the new end.
function putText(text, slot, end) {
  if (text === undefined) {
    data.setUint32(slot, NONE, true);
    return end;
  }
  const written = put(text, end);
  data.setUint32(slot, written, true);
  return end + written;
}

function finish(next, memory, at, capacity) {
  status = next;
  // A string's UTF-8 takes up to three bytes per UTF-16 unit (its UTF-16, two).
  const room = payment === undefined ? 0 : typeof payment === "string" ? 3 * payment.length : payment.length;
  const needed =
    HEADER + room + 3 * (merchantUid.length + len(currency) + len(impUid) + len(amountText));
  if (needed > capacity) return -needed;
  views(memory);
  let end = at + HEADER;
  let kind = 0;
  if (payment !== undefined) {
    if (tail === null || tailAt !== end || tailEnd !== at + capacity) {
      tail = bytes.subarray(end, at + capacity);
      wideTail = wide && NodeBuffer !== undefined ? NodeBuffer.from(memory.buffer, end, capacity - HEADER) : null;
      tailAt = end;
      tailEnd = at + capacity;
    }
    let written;
    if (typeof payment !== "string") {
      bytes.set(payment, end);
      written = payment.length;
      kind = 16;
    } else if (wideTail !== null) {
      written = ucs2Write ? wideTail.ucs2Write(payment, 0, wideTail.length) : wideTail.write(payment, 0, "utf16le");
      kind = 8;
    } else {
      written = encoder.encodeInto(payment, tail).written;
    }
    data.setUint32(at + 16, written, true);
    end += written;
  } else {
    data.setUint32(at + 16, NONE, true);
  }
  end = putText(merchantUid, at, end);
  end = putText(currency, at + 4, end);
  end = putText(impUid, at + 8, end);
  putText(amountText, at + 12, end);
  data.setUint32(at + 20, flags | kind, true);
  data.setFloat64(at + 24, amountNumber, true);
  // After a decimal-string amount the rest is read next, and everything written again.
  if (next !== 5) clear(0);
  return next;
}

// A getter of `expected` may throw: the exception is kept for Rust to throw on (so no Rust
// frame is left half way, holding its buffer).
let thrown;
export function take_thrown() {
  const error = thrown;
  thrown = undefined;
  return error;
}

// Whether this build reads a payment as UTF-16 code units (the edge build).
let wide = false;

export function read_args(given, expected, memory, at, capacity, utf16) {
  wide = utf16;
  try {
    return readArgs(given, expected, memory, at, capacity);
  } catch (error) {
    thrown = error;
    return clear(11);
  }
}

export function read_rest(expected, memory, at, capacity) {
  try {
    return readRest(expected, memory, at, capacity);
  } catch (error) {
    thrown = error;
    return clear(11);
  }
}

// As wasm-bindgen's `instanceof` check (which a throwing Symbol.hasInstance makes false).
function isBytes(value) {
  try {
    return value instanceof Uint8Array;
  } catch (_) {
    return false;
  }
}

function readArgs(given, expected, memory, at, capacity) {
  clear(0);
  if (typeof expected !== "object" || expected === null) return 1;
  const uid = expected.merchantUid;
  if (nullish(uid)) return 2;
  if (typeof uid !== "string") return 3;
  const amount = expected.amount;
  flags = 0;
  amountNumber = NaN;
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) return 4;
    amountNumber = amount;
    // Whole numbers below 2^53 are printed in Rust; others as JavaScript prints them.
    if (!(Number.isInteger(amount) && Math.abs(amount) < 9007199254740992)) amountText = String(amount);
  } else if (typeof amount === "string") {
    amountText = amount;
    flags = 4;
  } else {
    return 4;
  }
  merchantUid = uid;
  // A string or a Uint8Array (the caller's bytes, copied) crosses with expected.
  if (typeof given === "string" || isBytes(given)) payment = given;
  // A decimal string is checked in Rust before the other properties are read.
  if (flags === 4) return finish(5, memory, at, capacity);
  return readRest(expected, memory, at, capacity);
}

function readRest(expected, memory, at, capacity) {
  const virtualAccount = expected.allowVirtualAccountIssued;
  if (!nullish(virtualAccount)) {
    if (typeof virtualAccount !== "boolean") return clear(6);
    if (virtualAccount) flags |= 1;
  }
  const sandbox = expected.allowSandbox;
  if (!nullish(sandbox)) {
    if (typeof sandbox !== "boolean") return clear(7);
    if (sandbox) flags |= 2;
  }
  const cur = expected.currency;
  if (!nullish(cur)) {
    if (typeof cur !== "string") return clear(8);
    currency = cur;
  }
  const imp = expected.impUid;
  if (!nullish(imp)) {
    if (typeof imp !== "string") return clear(9);
    impUid = imp;
  }
  return finish(0, memory, at, capacity);
}

function clear(next) {
  payment = merchantUid = currency = impUid = amountText = undefined;
  return next;
}

// After the buffer grew: writes what the last call read.
export function write_args(memory, at, capacity) {
  return finish(status, memory, at, capacity);
}
"#)]
extern "C" {
    /// Reads `expected` (and `payment` when it is a string): 0 when all of it was written at
    /// `at`, `-n` when `n` bytes are needed (then [`write_args`]), else a [`Stop`] code.
    fn read_args(
        payment: &JsValue,
        expected: &JsValue,
        memory: &JsValue,
        at: u32,
        capacity: u32,
        utf16: bool,
    ) -> i32;
    /// Reads the properties after a decimal-string `amount` (see [`Stop::AmountText`]).
    fn read_rest(expected: &JsValue, memory: &JsValue, at: u32, capacity: u32) -> i32;
    /// Writes what the last call read into the grown buffer; returns that call's result.
    fn write_args(memory: &JsValue, at: u32, capacity: u32) -> i32;
    /// What a getter threw (after [`Stop`] code 11).
    fn take_thrown() -> JsValue;
}

/// The header the JS side writes before the texts: five lengths, flags, the amount.
const HEADER: usize = 32;
/// A length for "absent".
const NONE: u32 = u32::MAX;
/// Buffers above this size are not kept after the call.
const KEPT_CAPACITY: usize = 256 * 1024;

/// Whether a string payment may cross as UTF-16 code units (where the engine has a fast way
/// to write them), turned into UTF-8 by [`super::utf16`]: in the edge build.
const UTF16: bool = cfg!(feature = "fast-verify");

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// A string payment's UTF-8, when it crossed as UTF-16.
    #[cfg(feature = "fast-verify")]
    static UTF8: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// Where `read_args` stopped, with the error the client's `expected_from_js` gives there.
fn stop_error(code: i32) -> JsValue {
    match code {
        1 => coded_error(
            "INVALID_ARGUMENT",
            "expected must be an object like { merchantUid, amount }",
            Some("expected"),
        )
        .into(),
        2 => invalid("merchantUid", "merchantUid is required"),
        3 => invalid("merchantUid", "merchantUid must be a string"),
        6 => invalid(
            "allowVirtualAccountIssued",
            "allowVirtualAccountIssued must be a boolean",
        ),
        7 => invalid("allowSandbox", "allowSandbox must be a boolean"),
        8 => invalid("currency", "currency must be a string"),
        9 => invalid("impUid", "impUid must be a string"),
        4 => amount_error(),
        11 => take_thrown(),
        _ => coded_error(
            "INVALID_ARGUMENT",
            "expected cannot be read",
            Some("expected"),
        )
        .into(),
    }
}

fn amount_error() -> JsValue {
    invalid(
        "amount",
        "amount must be a finite number or a decimal string",
    )
}

/// What the JS side wrote.
struct Header<'b> {
    buffer: &'b [u8],
}

impl<'b> Header<'b> {
    fn u32_at(&self, at: usize) -> u32 {
        self.buffer
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(NONE, u32::from_le_bytes)
    }

    /// The five texts in the order they were written: payment, merchantUid, currency,
    /// impUid, amount.
    fn texts(&self) -> [Option<&'b [u8]>; 5] {
        let mut at = HEADER;
        [16, 0, 4, 8, 12].map(|slot| {
            let len = self.u32_at(slot);
            if len == NONE {
                return None;
            }
            let text = self.buffer.get(at..at + len as usize);
            at += len as usize;
            text
        })
    }

    fn flags(&self) -> u32 {
        self.u32_at(20)
    }

    fn amount(&self) -> Option<Amount> {
        let text = self.texts()[4].and_then(|t| std::str::from_utf8(t).ok());
        if self.flags() & 4 != 0 {
            return Amount::parse(text?.trim());
        }
        let number = self
            .buffer
            .get(24..32)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(f64::from_le_bytes)?;
        amount_from_number(number, || text.map(str::to_owned))
    }
}

/// A text `encodeInto` or the ASCII loop wrote (always UTF-8).
fn text(bytes: Option<&[u8]>) -> Option<&str> {
    bytes.and_then(|b| std::str::from_utf8(b).ok())
}

/// `verifyPayment`'s arguments: the result of the closure for a string or `Uint8Array`
/// payment, or the expectation for a payment of another type (read by the caller, outside
/// the buffer: a `toJSON` may call back into wasm).
pub(crate) enum Args<R> {
    Read(R),
    Other(Expected),
}

/// A payment as it crossed: a string's UTF-8, or a copy of the caller's bytes.
pub(crate) enum Given<'a> {
    Text(&'a [u8]),
    Bytes(&'a [u8]),
}

/// Reads the merchant's expectation and, when `payment` is a string or a `Uint8Array`, calls
/// `on_read` with it and the payment's bytes. Errors are those of the client's
/// `expected_from_js`.
pub(crate) fn with_args<R>(
    payment: &JsValue,
    expected: &JsValue,
    on_read: impl FnOnce(&Want<'_>, Given<'_>) -> R,
) -> Result<Args<R>, JsValue> {
    SCRATCH.with(|scratch| {
        let Ok(mut buffer) = scratch.try_borrow_mut() else {
            // Cannot happen: nothing below calls back into wasm, and a JS exception is
            // caught in JS (see `take_thrown`).
            return Err(stop_error(10));
        };
        let buffer = &mut *buffer;
        MEMORY.with(|memory| {
            let mut status = call(buffer, |at, capacity| {
                read_args(payment, expected, memory, at, capacity, UTF16)
            });
            loop {
                match status {
                    0 => break,
                    // The buffer was too small and has grown (the size asked for is exact).
                    code if code < 0 => {
                        status = call(buffer, |at, capacity| write_args(memory, at, capacity));
                    }
                    5 => {
                        Header { buffer }.amount().ok_or_else(amount_error)?;
                        status = call(buffer, |at, capacity| {
                            read_rest(expected, memory, at, capacity)
                        });
                    }
                    code => return Err(stop_error(code)),
                }
            }
            let header = Header { buffer };
            let [payment_text, merchant_uid, currency, imp_uid, _] = header.texts();
            let amount = header.amount().ok_or_else(amount_error)?;
            let flags = header.flags();
            let want = Want {
                merchant_uid: text(merchant_uid).unwrap_or_default(),
                amount: &amount,
                currency: text(currency).unwrap_or(DEFAULT_CURRENCY),
                imp_uid: text(imp_uid),
                allow_virtual_account_issued: flags & 1 != 0,
                allow_sandbox: flags & 2 != 0,
            };
            want.validate()?;
            let Some(payment_text) = payment_text else {
                return Ok(Args::Other(want.to_expected()));
            };
            let result = if flags & 8 != 0 {
                as_utf8(payment_text, |text| on_read(&want, Given::Text(text)))
            } else if flags & 16 != 0 {
                on_read(&want, Given::Bytes(payment_text))
            } else {
                on_read(&want, Given::Text(payment_text))
            };
            if buffer.len() > KEPT_CAPACITY {
                *buffer = Vec::new();
            }
            Ok(Args::Read(result))
        })
    })
}

/// Calls `f` with the UTF-8 of the UTF-16LE code units `units`.
#[cfg(feature = "fast-verify")]
fn as_utf8<R>(units: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    UTF8.with(|utf8| {
        let mut fresh = Vec::new();
        let mut kept = utf8.try_borrow_mut();
        let out = match kept.as_deref_mut() {
            Ok(out) => out,
            Err(_) => &mut fresh, // cannot happen: nothing re-enters
        };
        let capacity = super::utf16::capacity(units.len());
        if out.len() < capacity {
            out.resize(capacity, 0);
        }
        let written = super::utf16::utf16_to_utf8(units, out);
        let result = f(out.get(..written).unwrap_or_default());
        if out.len() > KEPT_CAPACITY {
            *out = Vec::new();
        }
        result
    })
}

/// Never called: only the edge build asks for UTF-16.
#[cfg(not(feature = "fast-verify"))]
fn as_utf8<R>(units: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    f(units)
}

/// Calls `js` with the buffer's address and capacity (at least `HEADER`); a negative answer
/// grows the buffer to the size asked for, for the next call.
fn call(buffer: &mut Vec<u8>, js: impl FnOnce(u32, u32) -> i32) -> i32 {
    if buffer.len() < 4096 {
        buffer.resize(4096, 0);
    }
    let (Ok(at), Ok(capacity)) = (
        u32::try_from(buffer.as_mut_ptr() as usize),
        u32::try_from(buffer.len()),
    ) else {
        return 10; // not on wasm32, where both fit
    };
    let status = js(at, capacity);
    if status < 0 {
        let needed = status.unsigned_abs() as usize;
        if buffer.len() < needed {
            buffer.resize(needed, 0);
        }
    }
    status
}
