//! Parsers: JSON (or a query string) in, typed values or a [`ParseError`](crate::ParseError)
//! out. Pure functions over bytes and strings; nothing here panics.

mod callback;
mod error_path;
pub(crate) mod json;
mod payment;
mod redirect;

pub use callback::{parse_request_pay_response, request_pay_response_json};
pub use payment::{parse_enveloped, parse_payment, payment_json};
pub use redirect::{parse_redirect_query, redirect_query_json};
