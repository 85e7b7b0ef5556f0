//! The merchant's `expected`, and `verifyPayment`'s payment when it is a string, a
//! `Uint8Array` or an `ArrayBuffer`, into wasm memory in one crossing: the one reader of
//! `expected`, V1's (`verifyPayment`, `PortOneClient`) and V2's (`verifyPaymentV2`, the V2
//! client), in `args.js`. The two differ only in their property names (V2: `paymentId`,
//! `allowTestChannel`, `orderName`, `storeId`), V2's amounts (whole; a bigint is taken too) and
//! the core's checks after reading ([`Want::validate`], [`ExpectedV2::validate`]).
//!
//! Reading `expected` through one getter import per property, each value checked by one more
//! import, and the payment by another three, took about twenty crossings per call: on a small
//! payment half of `verifyPayment`. Here one JS function reads the properties in their
//! documented order, stops at the first bad one, and writes what it read into a buffer kept
//! between calls; the payment goes in the same call (a string as its UTF-16 code units in the
//! edge build, see [`super::utf16`]).
//!
//! # The contract with `args.js`
//! - **Layout.** Rust owns the buffer's layout: [`LAYOUT`] names every offset and flag bit,
//!   and `args.js` receives it once (`install`) and uses those names only. Each text is written
//!   as its start and length from the buffer's start (length [`NONE`] when absent).
//! - **Outcomes.** A read writes what it read and returns the payment's *snapshot* (below;
//!   `undefined` when the payment did not cross); if the buffer is too small it writes only the
//!   size it needs ([`NEEDED`]), and Rust grows the buffer and calls `write_args`. Or it
//!   throws. No status codes: a bad `expected` is a coded error `args.js` makes where it
//!   checks, with `codedError` (`errors.js`, the one constructor `errors.rs` uses too);
//!   whatever a getter of `expected` throws is passed on as is.
//! - **The one check JS cannot make**, a decimal string's syntax, is [`Amount::parse`], which
//!   `args.js` calls (`checkAmount`) before it reads the next property: every entry point
//!   stops at the same first bad property. The checks after reading (an empty `merchantUid`,
//!   a negative amount) are [`Want::validate`], in the core.
//!
//! # Snapshots
//! The verdict's `payment` is read from the snapshot, never from the caller's value: a string
//! is its own (strings cannot change); bytes are copied once in JS and that copy is what
//! crosses into wasm, so what the verdict shows is exactly what was verified, whatever the
//! caller does to its buffer afterwards (an object is turned into JSON once, by the caller of
//! [`verify_args`], and that text is its snapshot). The copy is the cheapest correct one
//! measured: copies up to 16 KB share 64 KB slabs (one `ArrayBuffer` allocation per slab, as
//! Node's `Buffer` pool), 0.16 µs of CPU per 1.4 KB payment in Node where `slice()` takes
//! 1.16 µs (workerd: about 0.3 against 0.9 µs). A verdict keeps its slab alive until its
//! `payment` is read. Keeping the canonical JSON instead would need the full reader's pass
//! (`parse_payment`, ~6x `verify_payment_json` natively) on every call.
//!
//! # Measured
//! The one speed trick of the crossing, in `args.js`: in Node, a string crosses as its UTF-16
//! code units (`Buffer#ucs2Write`, a copy: 0.14 µs for the 1.4 KB benchmark payment in Node 20,
//! against 1.0 µs for `encodeInto`, which encodes a two-byte string, any Korean in it, one unit
//! at a time there) and [`super::utf16`] transcodes them. Everywhere else, Workers included, a
//! string takes `encodeInto`. workerd's `encodeInto` copies a two-byte string in bulk since
//! workerd 1.20261117 (0.14-0.2 µs for that payment, against 2.3-3.2 µs in 1.20261110 and
//! before), and there it beats `nodejs_compat`'s `Buffer`: `verifyPayment(string)` took 2.8 µs
//! through `encodeInto` against 3.2 µs through `Buffer` in workerd 1.20261123 (bare
//! `JSON.parse` 2.8 µs, one run of the same build). With the edge build's settings
//! (`scripts/edge-profile.sh`) it is 1.05-1.08x bare `JSON.parse` there, with and without
//! `nodejs_compat` (six runs of `bench/workerd.bench.mjs`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::args_buffer::{
    layout_object, write_into, Header, FLAGS, LAYOUT, NEEDED, PAYMENT, PAYMENT_IS_UTF16,
};
use super::errors::coded_error;
use crate::amount::Amount;
use crate::verify::{Expected, ExpectedV2, Want};

#[wasm_bindgen(module = "/src/wasm/args.js")]
extern "C" {
    /// Gives `args.js` the layout, the decimal check and whether strings cross as UTF-16.
    fn install(layout: &JsValue, check_amount: &JsValue, utf16: bool);
    /// Reads `expected` (V1's, or V2's when `v2`; a missing V2 `paymentId` is `default_id`
    /// when given) and `payment` if it can cross, and writes them at `at`, or only the capacity
    /// it needs (then [`write_args`]); returns the payment's snapshot.
    #[wasm_bindgen(catch)]
    fn read_args(
        payment: &JsValue,
        expected: &JsValue,
        memory: &JsValue,
        at: u32,
        capacity: u32,
        v2: bool,
        default_id: Option<&str>,
    ) -> Result<JsValue, JsValue>;
    /// Writes what the last `read_args` read into the grown buffer; answers as it does.
    fn write_args(memory: &JsValue, at: u32, capacity: u32) -> JsValue;
}

/// Buffers above this size are not kept after the call.
const KEPT_CAPACITY: usize = 256 * 1024;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// A string payment's UTF-8, when it crossed as UTF-16.
    #[cfg(feature = "fast-verify")]
    static UTF8: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static MEMORY: JsValue = wasm_bindgen::memory();
    /// `install`, called on first use.
    static INSTALLED: () = {
        let layout = layout_object(&LAYOUT);
        let check = Closure::<dyn Fn(String) -> bool>::new(|text: String| {
            Amount::parse(text.trim()).is_some()
        });
        // Whether the engine may hand over a string's UTF-16 code units, transcoded by
        // `super::utf16`: in the edge build.
        install(&layout, &check.into_js_value(), cfg!(feature = "fast-verify"));
    };
}

/// `verifyPayment`'s (or `verifyPaymentV2`'s) arguments as read.
pub(crate) enum Args<R, E> {
    /// The payment crossed: what the caller's closure made of it, and its snapshot.
    Crossed { result: R, snapshot: JsValue },
    /// The payment is of another type (it is the caller's to turn into JSON, outside the
    /// buffer: a `toJSON` may call back into wasm): the expectation.
    Other(E),
}

/// Reads `verifyPayment`'s arguments; when the payment crossed, calls `verify` with the
/// expectation and the payment's UTF-8.
pub(crate) fn verify_args<R>(
    payment: &JsValue,
    expected: &JsValue,
    verify: impl FnOnce(&Want<'_>, &[u8]) -> R,
) -> Result<Args<R, Expected>, JsValue> {
    let (read, snapshot) = read(payment, expected, false, None, |header, payment| {
        let amount = header.amount()?;
        let want = header.want(&amount);
        want.validate()?;
        Ok(match payment {
            Some(bytes) => Ok(verify(&want, bytes)),
            None => Err(owned(want)),
        })
    })?;
    Ok(match read {
        Ok(result) => Args::Crossed { result, snapshot },
        Err(expected) => Args::Other(expected),
    })
}

/// Reads `verifyPaymentV2`'s arguments; when the payment crossed, calls `verify` with the
/// expectation and the payment's UTF-8.
pub(crate) fn verify_args_v2<R>(
    payment: &JsValue,
    expected: &JsValue,
    verify: impl FnOnce(&ExpectedV2, &[u8]) -> R,
) -> Result<Args<R, ExpectedV2>, JsValue> {
    let (read, snapshot) = read(payment, expected, true, None, |header, payment| {
        let expected = header.expected_v2()?;
        Ok(match payment {
            Some(bytes) => Ok(verify(&expected, bytes)),
            None => Err(expected),
        })
    })?;
    Ok(match read {
        Ok(result) => Args::Crossed { result, snapshot },
        Err(expected) => Args::Other(expected),
    })
}

/// `{ merchantUid, amount, currency?, impUid?, allowVirtualAccountIssued?, allowSandbox? }`
/// as the client reads it: with the same reader, order and errors as `verifyPayment`.
#[cfg(feature = "client")]
pub(crate) fn expected_from_js(expected: &JsValue) -> Result<Expected, JsValue> {
    let no_payment = &JsValue::UNDEFINED;
    read(no_payment, expected, false, None, |header, _| {
        let amount = header.amount()?;
        let want = header.want(&amount);
        want.validate()?;
        Ok(owned(want))
    })
    .map(|(expected, _)| expected)
}

/// An [`ExpectedV2`] as the V2 client reads it, with the same reader, order and errors as
/// `verifyPaymentV2`; a missing `paymentId` is `payment_id` when given (the client's
/// `verifyPayment(paymentId, expected)`).
#[cfg(feature = "client")]
#[allow(dead_code)] // for the V2 client (src/wasm/client/), which is written in parallel
pub(crate) fn expected_v2_from_js(
    expected: &JsValue,
    payment_id: Option<&str>,
) -> Result<ExpectedV2, JsValue> {
    let no_payment = &JsValue::UNDEFINED;
    read(no_payment, expected, true, payment_id, |header, _| {
        header.expected_v2()
    })
    .map(|(expected, _)| expected)
}

/// Reads the arguments into the buffer and calls `then` with what was read; the payment's
/// UTF-8 only if it crossed.
fn read<R>(
    payment: &JsValue,
    expected: &JsValue,
    v2: bool,
    default_id: Option<&str>,
    then: impl FnOnce(&Header<'_>, Option<&[u8]>) -> Result<R, JsValue>,
) -> Result<(R, JsValue), JsValue> {
    INSTALLED.with(|_| ());
    SCRATCH.with(|scratch| {
        // A getter of `expected` may call `verifyPayment` again: that call has a buffer of its
        // own.
        let mut fresh = Vec::new();
        let mut kept = scratch.try_borrow_mut();
        let buffer = kept.as_deref_mut().unwrap_or(&mut fresh);
        let snapshot = MEMORY.with(|memory| {
            write_into(
                buffer,
                NEEDED,
                |at, capacity| read_args(payment, expected, memory, at, capacity, v2, default_id),
                |at, capacity| write_args(memory, at, capacity),
                unreadable,
            )
        })?;
        let header = Header { buffer };
        let result = match header.bytes(PAYMENT) {
            Some(units) if header.u32_at(FLAGS) & PAYMENT_IS_UTF16 != 0 => {
                as_utf8(units, |utf8| then(&header, Some(utf8)))
            }
            payment => then(&header, payment),
        };
        if buffer.len() > KEPT_CAPACITY {
            *buffer = Vec::new();
        }
        Ok((result?, snapshot))
    })
}

/// For what cannot happen: a buffer that is still too small, or an address beyond 4 GB.
fn unreadable() -> JsValue {
    coded_error(
        "INVALID_ARGUMENT",
        "expected cannot be read",
        Some("expected"),
    )
    .into()
}

/// An owned copy of what was read.
fn owned(want: Want<'_>) -> Expected {
    Expected {
        merchant_uid: want.merchant_uid.to_owned(),
        amount: want.amount.clone(),
        currency: want.currency.to_owned(),
        imp_uid: want.imp_uid.map(str::to_owned),
        allow_virtual_account_issued: want.allow_virtual_account_issued,
        allow_sandbox: want.allow_sandbox,
        now_ms: want.now_ms,
    }
}

/// Calls `f` with the UTF-8 of the UTF-16LE code units `units`.
#[cfg(feature = "fast-verify")]
fn as_utf8<R>(units: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    UTF8.with(|utf8| {
        let mut fresh = Vec::new();
        let mut kept = utf8.try_borrow_mut();
        let out = kept.as_deref_mut().unwrap_or(&mut fresh); // cannot be borrowed: no JS runs
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
