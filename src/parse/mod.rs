//! Parsers: JSON (or a query string) in, typed values or a [`ParseError`](crate::ParseError)
//! out. Pure functions over bytes and strings; nothing here panics.

mod callback;
mod error_path;
pub(crate) mod json;
mod payment;
mod payment_v2;
mod redirect;
mod response_v2;

pub use callback::{parse_request_pay_response, request_pay_response_json};
pub use payment::{parse_enveloped, parse_payment, payment_json};
pub(crate) use payment_v2::read_payment_v2;
#[cfg(feature = "fast-verify")]
pub(crate) use payment_v2::PAYMENT_V2;
pub use payment_v2::{parse_payment_v2, payment_v2_json};
#[cfg(feature = "webhook")]
pub(crate) use redirect::form_object;
pub use redirect::{parse_redirect_query, redirect_query_json};
pub use response_v2::{
    parse_payment_response_v2, parse_redirect_query_v2, payment_response_v2_json,
    redirect_query_v2_json,
};
