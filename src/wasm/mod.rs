//! JavaScript glue: converts values and errors, nothing else. Compiled only for wasm32.

mod args;
mod args_buffer;
#[cfg(feature = "client")]
pub mod client;
pub(crate) mod errors;
mod exports;
mod exports_v2;
pub use exports::{
    parse_payment, parse_redirect_query, parse_request_pay_response, verify_payment,
};
pub use exports_v2::{
    parse_payment_response_v2, parse_payment_v2, parse_redirect_query_v2, verify_payment_v2,
};
pub(crate) mod input;
#[cfg(feature = "fast-verify")]
mod utf16;
mod verdict;
#[cfg(feature = "webhook")]
mod webhook;
#[cfg(feature = "webhook")]
pub(crate) mod webhook_args;
