//! JavaScript glue: converts values and errors, nothing else. Compiled only for wasm32.

mod args;
#[cfg(feature = "client")]
mod args_v2;
#[cfg(feature = "client")]
pub mod client;
pub(crate) mod errors;
mod exports;
pub use exports::{
    parse_payment, parse_redirect_query, parse_request_pay_response, verify_payment,
};
pub(crate) mod input;
#[cfg(feature = "fast-verify")]
mod utf16;
mod verdict;
#[cfg(feature = "webhook")]
mod webhook;
