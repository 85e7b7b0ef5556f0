//! Schema-driven reading of PortOne's JSON into canonical JSON.
//!
//! One reader (on `jiter`, borrowing from the input) applies the tolerant rules of
//! [`crate::lenient`] to every field of a wire type, reports errors with their field path,
//! keeps the few values a caller needs ([`Capture`]) and, when asked, writes the
//! object's canonical JSON: every field in declaration order, texts as strings, integers and
//! flags as such, amounts as exact decimals, absent fields as `null` or `[]`. That text is
//! exactly what the serde types serialise to, so JavaScript gets it through one `JSON.parse`
//! and Rust through one strict `serde_json` pass; no serde code is needed in either wasm build.

mod captures;
mod document;
#[cfg(feature = "fast-verify")]
mod fast;
#[cfg(feature = "client")]
mod lists;
mod path;
mod reader;
mod scalar;
pub(crate) mod schema;
#[cfg(feature = "webhook")]
mod webhook;

pub(crate) use captures::{Capture, Captures};
#[cfg(feature = "client")]
pub(crate) use document::{read_envelope, read_enveloped, Envelope};
pub(crate) use document::{read_payment, read_request_pay, utf8};
#[cfg(feature = "fast-verify")]
pub(crate) use fast::read_payment_fast;
#[cfg(feature = "client")]
pub(crate) use lists::{payment_list, payment_page};
pub(crate) use path::Path;
#[cfg(feature = "webhook")]
pub(crate) use webhook::{read_webhook_v1, webhook_v2_json};
