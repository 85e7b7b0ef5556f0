//! A V2 webhook request into wasm memory in one crossing: `verifyWebhookV2`'s secret, raw
//! body, headers and `options.now`, and the V2 client's `verifyWebhook` body and headers, read
//! by `webhook.js`.
//!
//! # Measured
//! Reading them through `js-sys` (a `Reflect::get` for `get`, `Object.entries`, an `Array` per
//! header value, a string crossing per name, value, body and secret: about 30 imports a call)
//! was 37% of `verifyWebhookV2` in a CPU profile in Node on the bench webhook (the headers
//! alone 29%). Here one JS function reads them and writes every text into a buffer kept between
//! calls, the strings with one `encodeInto` when all are ASCII. With this reader and the secret
//! cache (`crate::webhook::SecretInput::keyed`) the call went from 14.2 to 9.1 µs of CPU.
//!
//! # The contract with `webhook.js`
//! - **Layout.** Rust owns it: [`LAYOUT`] names every offset and tag, `webhook.js` receives it
//!   once (`install_webhook`, with the three header names) and uses those names only. Every
//!   text (the body, the secret, each header value) is an entry: its tag, then its start (from
//!   the buffer's start) and length.
//! - **Outcomes.** A read writes what it read; if the buffer is too small it writes only the
//!   size it needs ([`NEEDED`]), and Rust grows the buffer and calls `write_webhook`. Or it
//!   throws: `INVALID_INPUT` for a raw body that is not a string or bytes, `INVALID_ARGUMENT`
//!   for a bad `options.now`, in that order (made with `errors.js`' `codedError`), or what a
//!   getter of the headers object throws.
//! - **Headers.** JS finds the values whose names lower-case (`toLowerCase()`, as the SDK) to
//!   one of the three and writes each as an entry tagged with the name's index, a non-string
//!   value without text; [`WebhookHeaders`] decides what counts (a header given twice, an
//!   empty value).
//! - **Secret.** Tagged text or bytes, absent when it is neither: the caller refuses a wrong
//!   type only after the headers and the timestamp, as the SDK does.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::args_buffer::{layout_object, u32_at, write_into};
use super::errors::coded_error;
use crate::webhook::{SecretInput, WebhookHeaders, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};

#[wasm_bindgen(module = "/src/wasm/webhook.js")]
extern "C" {
    /// Gives `webhook.js` the layout and the header names (in slot order).
    fn install_webhook(layout: &JsValue, names: &JsValue);
    /// Reads the request and writes it at `at`, or only the capacity it needs (then
    /// [`write_webhook`]).
    #[wasm_bindgen(catch)]
    fn read_webhook(
        secret: &JsValue,
        body: &JsValue,
        headers: &JsValue,
        options: &JsValue,
        memory: &JsValue,
        at: u32,
        capacity: u32,
    ) -> Result<(), JsValue>;
    /// Writes what the last `read_webhook` read into the grown buffer.
    fn write_webhook(memory: &JsValue, at: u32, capacity: u32);
}

/// 0 when everything was written, else the capacity needed.
const NEEDED: u32 = 0;
/// `options.now` or `Date.now()` (f64 milliseconds).
const NOW_MS: u32 = 8;
/// How many entries follow at [`ENTRIES`]; their texts follow them.
const COUNT: u32 = 16;
/// The entries, [`ENTRY`] bytes each: a tag, then the start (from the buffer's start) and length
/// of its text, the length [`NONE`] for a header value that is not a string.
const ENTRIES: u32 = 20;
const ENTRY: u32 = 12;
const NONE: u32 = u32::MAX;
/// Tags: 0 to 2 are header values (the index in [`NAMES`]), then the raw body and the secret.
const BODY: u32 = 3;
const SECRET_TEXT: u32 = 4;
const SECRET_BYTES: u32 = 5;

/// The layout by the names `webhook.js` uses: the only place its numbers are written down.
const LAYOUT: [(&str, u32); 9] = [
    ("needed", NEEDED),
    ("nowMs", NOW_MS),
    ("count", COUNT),
    ("entries", ENTRIES),
    ("entry", ENTRY),
    ("none", NONE),
    ("body", BODY),
    ("secretText", SECRET_TEXT),
    ("secretBytes", SECRET_BYTES),
];

/// Header tags, in the order of the names given to `webhook.js`.
const NAMES: [&str; 3] = [HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE];

/// Buffers above this size are not kept after the call.
const KEPT_CAPACITY: usize = 64 * 1024;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static MEMORY: JsValue = wasm_bindgen::memory();
    /// `install_webhook`, called on first use.
    static INSTALLED: () = {
        let layout = layout_object(&LAYOUT);
        let names: Array = NAMES.iter().map(|name| JsValue::from_str(name)).collect();
        install_webhook(&layout, &names);
    };
}

/// A webhook request as read.
pub(crate) struct WebhookRequest<'b> {
    /// The raw body's bytes.
    pub body: &'b [u8],
    pub headers: WebhookHeaders,
    /// `None` when the secret is neither a string nor a `Uint8Array`.
    pub secret: Option<SecretInput<'b>>,
    /// `options.now` or `Date.now()`, in milliseconds.
    pub now_ms: f64,
}

/// Reads a request (`secret` and `options` are `undefined` for the client) and calls `then`
/// with it.
pub(crate) fn read_request<R>(
    secret: &JsValue,
    body: &JsValue,
    headers: &JsValue,
    options: &JsValue,
    then: impl FnOnce(WebhookRequest<'_>) -> Result<R, JsValue>,
) -> Result<R, JsValue> {
    INSTALLED.with(|_| ());
    SCRATCH.with(|scratch| {
        // A getter of the headers may call verifyWebhookV2 again: that call has a buffer of its
        // own.
        let mut fresh = Vec::new();
        let mut kept = scratch.try_borrow_mut();
        let buffer = kept.as_deref_mut().unwrap_or(&mut fresh);
        MEMORY.with(|memory| {
            write_into(
                buffer,
                NEEDED,
                |at, capacity| {
                    read_webhook(secret, body, headers, options, memory, at, capacity)
                        .map(|()| JsValue::UNDEFINED)
                },
                |at, capacity| {
                    write_webhook(memory, at, capacity);
                    JsValue::UNDEFINED
                },
                unreadable,
            )
        })?;
        let result = then(request(buffer).ok_or_else(unreadable)?);
        if buffer.len() > KEPT_CAPACITY {
            *buffer = Vec::new();
        }
        result
    })
}

/// What `webhook.js` wrote; `None` if an entry points outside the buffer (it cannot).
fn request(buffer: &[u8]) -> Option<WebhookRequest<'_>> {
    let mut headers = WebhookHeaders::new();
    let mut body = None;
    let mut secret = None;
    let mut entry = ENTRIES;
    for _ in 0..u32_at(buffer, COUNT) {
        let text = bytes(buffer, entry);
        match (u32_at(buffer, entry), text) {
            (BODY, Some(text)) => body = Some(text),
            (SECRET_TEXT, Some(text)) => {
                secret = Some(SecretInput::Text(std::str::from_utf8(text).ok()?));
            }
            (SECRET_BYTES, Some(text)) => secret = Some(SecretInput::Bytes(text)),
            (tag, Some(text)) => headers.insert(name(tag)?, std::str::from_utf8(text).ok()?),
            (tag, None) => headers.insert_unreadable(name(tag)?),
        }
        entry += ENTRY;
    }
    let now_ms = buffer
        .get(NOW_MS as usize..NOW_MS as usize + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(f64::from_le_bytes)?;
    Some(WebhookRequest {
        body: body?,
        headers,
        secret,
        now_ms,
    })
}

fn name(tag: u32) -> Option<&'static str> {
    NAMES.get(tag as usize).copied()
}

/// The text of the entry at `entry`; `None` for [`NONE`].
fn bytes(buffer: &[u8], entry: u32) -> Option<&[u8]> {
    let len = u32_at(buffer, entry + 8);
    if len == NONE {
        return None;
    }
    let start = u32_at(buffer, entry + 4) as usize;
    buffer.get(start..start.checked_add(len as usize)?)
}

/// For what cannot happen: a buffer that is still too small, or an entry outside it.
fn unreadable() -> JsValue {
    coded_error(
        "INVALID_INPUT",
        "the webhook request cannot be read",
        Some(""),
    )
    .into()
}
