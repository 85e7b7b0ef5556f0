//! Schema-driven reading of PortOne's JSON into canonical JSON.
//!
//! One reader (on `jiter`, borrowing from the input) applies the tolerant rules of
//! [`tolerant`] to every field of a wire type, reports errors with their field path,
//! keeps the few values a caller needs ([`Capture`]) and, when asked, writes the
//! object's canonical JSON: every field in declaration order, texts as strings, integers and
//! flags as such, amounts as exact decimals, absent fields as `null` or `[]`. That text is
//! exactly what the serde types serialise to, so JavaScript gets it through one `JSON.parse`
//! and Rust through one strict `serde_json` pass; no serde code is needed in either wasm build.

mod build;
mod captures;
mod document;
mod envelope;
#[cfg(feature = "fast-verify")]
mod fast;
mod keys;
#[cfg(feature = "client")]
mod lists;
mod path;
mod payment;
mod reader;
mod scalar;
mod schema;
mod tolerant;
mod union;

pub(crate) use build::{build, to_canonical_json, write_list, Canonical, WireValue};
pub(crate) use captures::{Capture, Captures};
pub(crate) use document::{
    payment_response_v2_json, read_bare, request_pay_json, utf8, without_bom, Read,
};
pub(crate) use envelope::read_enveloped;
#[cfg(feature = "client")]
pub(crate) use envelope::{read_envelope, Envelope};
#[cfg(feature = "fast-verify")]
pub(crate) use fast::{read_object_fast, read_payment_fast, FastSchema};
#[cfg(feature = "client")]
pub(crate) use lists::{list_json, page_json};
pub(crate) use path::Path;
pub(crate) use payment::read_payment;
pub(crate) use scalar::text_value;
pub(crate) use schema::{Field, Kind, Schema, Union};
pub(crate) use tolerant::canonical_int;
pub(crate) use union::{read_union, tag_of as string_field};
