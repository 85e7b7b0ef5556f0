//! The buffer `args.js` writes `verifyPayment`'s arguments into: its layout (the one place its
//! offsets and flag bits are written down; `args.js` receives them by name) and [`Header`],
//! which reads it back on the Rust side.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::errors::invalid_expected;
use super::input::amount_from_number;
use crate::amount::Amount;
use crate::verify::{Expected, ExpectedV2, Want};

/// Byte offsets from the buffer's start (a text's slot holds its start, then its length).
pub(super) const PAYMENT: u32 = 0;
/// `merchantUid` (V1) or `paymentId` (V2).
pub(super) const ID: u32 = 8;
pub(super) const CURRENCY: u32 = 16;
pub(super) const IMP_UID: u32 = 24;
pub(super) const AMOUNT_TEXT: u32 = 32;
pub(super) const FLAGS: u32 = 40;
/// 0 when everything was written, else the capacity needed to write it.
pub(super) const NEEDED: u32 = 44;
/// The amount when it is a number (f64).
pub(super) const AMOUNT_NUMBER: u32 = 48;
/// `nowMs` (f64; NaN when the deadline of a virtual account is not asked about).
pub(super) const NOW_MS: u32 = 56;
/// V2's `orderName` and `storeId`.
pub(super) const ORDER_NAME: u32 = 64;
pub(super) const STORE_ID: u32 = 72;
/// Where the texts start.
pub(super) const HEADER: u32 = 80;
/// A length for "absent".
pub(super) const NONE: u32 = u32::MAX;
/// Bits of the flags.
pub(super) const ALLOW_VIRTUAL_ACCOUNT_ISSUED: u32 = 1;
pub(super) const ALLOW_SANDBOX: u32 = 2;
pub(super) const AMOUNT_IS_TEXT: u32 = 4;
pub(super) const PAYMENT_IS_UTF16: u32 = 8;
pub(super) const ALLOW_TEST_CHANNEL: u32 = 16;

/// The layout by the names `args.js` uses: the only place its numbers are written down.
pub(super) const LAYOUT: [(&str, u32); 18] = [
    ("payment", PAYMENT),
    ("id", ID),
    ("currency", CURRENCY),
    ("impUid", IMP_UID),
    ("amountText", AMOUNT_TEXT),
    ("flags", FLAGS),
    ("needed", NEEDED),
    ("amountNumber", AMOUNT_NUMBER),
    ("nowMs", NOW_MS),
    ("orderName", ORDER_NAME),
    ("storeId", STORE_ID),
    ("header", HEADER),
    ("none", NONE),
    ("allowVirtualAccountIssued", ALLOW_VIRTUAL_ACCOUNT_ISSUED),
    ("allowSandbox", ALLOW_SANDBOX),
    ("amountIsText", AMOUNT_IS_TEXT),
    ("paymentIsUtf16", PAYMENT_IS_UTF16),
    ("allowTestChannel", ALLOW_TEST_CHANNEL),
];

/// The little-endian `u32` at byte `at` of `buffer` (`u32::MAX`, "absent", past its end).
pub(super) fn u32_at(buffer: &[u8], at: u32) -> u32 {
    buffer
        .get(at as usize..at as usize + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(u32::MAX, u32::from_le_bytes)
}

/// Has a JS module write its arguments into `buffer`, by the protocol `args.js` and
/// `webhook.js` share: `read` gets the buffer's address and capacity (at least a page) and
/// either writes everything or only, at `needed_at`, the capacity it needs; then the buffer
/// grows to exactly that and `rewrite` writes what `read` read. Returns what the last call
/// answered; `unreadable` is the error for what cannot happen (still too small after the
/// grow, an address beyond 4 GB).
pub(super) fn write_into(
    buffer: &mut Vec<u8>,
    needed_at: u32,
    read: impl FnOnce(u32, u32) -> Result<JsValue, JsValue>,
    rewrite: impl FnOnce(u32, u32) -> JsValue,
    unreadable: fn() -> JsValue,
) -> Result<JsValue, JsValue> {
    if buffer.len() < 4096 {
        buffer.resize(4096, 0);
    }
    let mut answer = read_at(buffer, read, unreadable)?;
    let needed = u32_at(buffer, needed_at);
    if needed != 0 {
        buffer.resize(needed as usize, 0);
        answer = read_at(buffer, |at, capacity| Ok(rewrite(at, capacity)), unreadable)?;
        // The size asked for is exact: one grow is enough.
        if u32_at(buffer, needed_at) != 0 {
            return Err(unreadable());
        }
    }
    Ok(answer)
}

/// Calls `js` with the buffer's address and capacity.
fn read_at(
    buffer: &mut [u8],
    js: impl FnOnce(u32, u32) -> Result<JsValue, JsValue>,
    unreadable: fn() -> JsValue,
) -> Result<JsValue, JsValue> {
    match (
        u32::try_from(buffer.as_mut_ptr() as usize),
        u32::try_from(buffer.len()),
    ) {
        (Ok(at), Ok(capacity)) => js(at, capacity),
        _ => Err(unreadable()), // not on wasm32, where both fit
    }
}

/// A buffer layout (`LAYOUT` here, or `webhook_args.rs`'s) as the plain object its JS module
/// receives once: each offset or bit by its name.
pub(super) fn layout_object(layout: &[(&str, u32)]) -> Object {
    let object = Object::new();
    for &(name, value) in layout {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from(value));
    }
    object
}

/// What `args.js` wrote.
pub(super) struct Header<'b> {
    pub(super) buffer: &'b [u8],
}

impl<'b> Header<'b> {
    pub(super) fn u32_at(&self, at: u32) -> u32 {
        u32_at(self.buffer, at)
    }

    /// The bytes of the text whose slot is at `slot`.
    pub(super) fn bytes(&self, slot: u32) -> Option<&'b [u8]> {
        let len = self.u32_at(slot + 4);
        if len == NONE {
            return None;
        }
        let start = self.u32_at(slot) as usize;
        self.buffer.get(start..start + len as usize)
    }

    /// A text `encodeInto` or the ASCII loop wrote (always UTF-8).
    pub(super) fn text(&self, slot: u32) -> Option<&'b str> {
        self.bytes(slot).and_then(|b| std::str::from_utf8(b).ok())
    }

    pub(super) fn f64_at(&self, slot: u32) -> Option<f64> {
        let at = slot as usize;
        self.buffer
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(f64::from_le_bytes)
    }

    /// `nowMs` as whole milliseconds, when it was given (or filled in with `Date.now()`).
    pub(super) fn now_ms(&self) -> Option<i64> {
        #[allow(clippy::cast_possible_truncation)] // finite and checked by args.js
        self.f64_at(NOW_MS)
            .filter(|now| now.is_finite())
            .map(|now| now.floor() as i64)
    }

    pub(super) fn amount(&self) -> Result<Amount, JsValue> {
        let text = self.text(AMOUNT_TEXT);
        let amount = if self.u32_at(FLAGS) & AMOUNT_IS_TEXT != 0 {
            text.and_then(|text| Amount::parse(text.trim()))
        } else {
            self.f64_at(AMOUNT_NUMBER)
                .and_then(|number| amount_from_number(number, || text.map(str::to_owned)))
        };
        amount.ok_or_else(|| invalid_expected("amount", "expected.amount cannot be read"))
    }

    /// V1's expectation, borrowing its texts from the buffer (checked by the caller).
    pub(super) fn want<'a>(&'a self, amount: &'a Amount) -> Want<'a> {
        let flags = self.u32_at(FLAGS);
        Want {
            merchant_uid: self.text(ID).unwrap_or_default(),
            amount,
            currency: self.text(CURRENCY).unwrap_or(Expected::DEFAULT_CURRENCY),
            imp_uid: self.text(IMP_UID),
            allow_virtual_account_issued: flags & ALLOW_VIRTUAL_ACCOUNT_ISSUED != 0,
            allow_sandbox: flags & ALLOW_SANDBOX != 0,
            now_ms: self.now_ms(),
        }
    }

    /// V2's expectation, checked ([`ExpectedV2::validate`]).
    pub(super) fn expected_v2(&self) -> Result<ExpectedV2, JsValue> {
        let flags = self.u32_at(FLAGS);
        let text = |slot| self.text(slot).map(str::to_owned);
        let mut expected = ExpectedV2::new(self.text(ID).unwrap_or_default(), self.amount()?)
            .allow_virtual_account_issued(flags & ALLOW_VIRTUAL_ACCOUNT_ISSUED != 0)
            .allow_test_channel(flags & ALLOW_TEST_CHANNEL != 0);
        if let Some(currency) = self.text(CURRENCY) {
            expected = expected.with_currency(currency);
        }
        expected.order_name = text(ORDER_NAME);
        expected.store_id = text(STORE_ID);
        expected.now_ms = self.now_ms();
        expected.validate()?;
        Ok(expected)
    }
}
