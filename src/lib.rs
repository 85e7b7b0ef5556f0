//! # portone-verify
//!
//! Prove a PortOne (formerly I'mport) V1 or V2 payment is real before shipping an order.
//!
//! - [`types`]: PortOne's wire payloads as serde types (TypeScript types are generated); V2's
//!   in [`types::v2`].
//! - [`parse_request_pay_response`], [`parse_redirect_query`], [`parse_payment`]: tolerant
//!   parsers with field-path errors; for V2 [`parse_payment_response_v2`],
//!   [`parse_redirect_query_v2`], [`parse_payment_v2`].
//! - [`verify_payment`] / [`verify_payment_json`] (V2: [`verify_payment_v2`] /
//!   [`verify_payment_v2_json`]): the verdict, with every failure listed.
//!
//! The browser callback is never proof of payment. Proof is the payment fetched from
//! PortOne's API with your secret, checked against your own order:
//!
//! ```
//! use portone_verify::{verify_payment_json, Amount, Expected};
//! let body = br#"{"code":0,"message":null,"response":{"imp_uid":"imp_1","merchant_uid":"order-1",
//!   "amount":1004,"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}}"#;
//! let order = Expected::new("order-1", Amount::parse("1004").unwrap());
//! let verdict = verify_payment_json(body, &order)?;
//! assert!(verdict.is_ok());
//! # Ok::<(), portone_verify::ParseError>(())
//! ```
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod amount;
#[cfg(feature = "client")]
pub mod client;
mod error;
/// Crate internals for the fuzz targets in `fuzz/`; not an API (see `src/fuzzing.rs`).
#[cfg(all(feature = "fuzzing", not(target_arch = "wasm32")))]
#[doc(hidden)]
pub mod fuzzing;
mod json_writer;
pub(crate) mod parse;
mod read;
pub mod types;
/// The UTF-16 transcoder is wasm glue (`wasm/utf16.rs`); its property test runs natively.
#[cfg(all(test, feature = "fast-verify", not(target_arch = "wasm32")))]
#[path = "wasm/utf16.rs"]
mod utf16;
mod verify;
/// The JavaScript exports (`parsePayment`, `verifyPayment`, …); public so wasm tests can call
/// them directly. Compiled only for wasm32.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
#[cfg(feature = "webhook")]
pub mod webhook;

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use amount::Amount;
pub use error::{ErrorCode, ParseError};
pub use parse::{
    parse_enveloped, parse_payment, parse_payment_response_v2, parse_payment_v2,
    parse_redirect_query, parse_redirect_query_v2, parse_request_pay_response, payment_json,
    payment_response_v2_json, payment_v2_json, redirect_query_json, redirect_query_v2_json,
    request_pay_response_json,
};
pub use types::{PaymentAnnotation, RequestPayResponse};
pub use verify::{
    verify_payment, verify_payment_json, verify_payment_str, verify_payment_v2,
    verify_payment_v2_json, Expected, ExpectedV2, Failure, FailureCode, Observed, PaidState,
    Verdict,
};
