//! The V2 REST client (`https://api.portone.io`) for servers that hold the V2 API secret.
//!
//! [`ClientV2`] is V1's [`Client`](super::Client) policy over the same [`Transport`] seam —
//! the same attempt ([`exchange`](super::exchange): timeout, size cap), the same
//! [`Attempts`](super::Attempts) (reads only are retried), the same redaction, base-URL and
//! runtime checks — with V2's own parts: `Authorization: PortOne <apiSecret>` on every
//! request (no token exchange), V2's endpoints ([`endpoints`]), V2's error bodies
//! `{type, message}` mapped to stable codes ([`response::error_code`]), the verdict of
//! [`verify_payment_v2`](crate::verify_payment_v2) ([`ClientV2::verify_payment`]) and the
//! webhook flow ([`ClientV2::verify_webhook`]).
//!
//! ```
//! use portone_verify::client::v2::{endpoints, response, AnswerV2};
//! use portone_verify::client::{ClientErrorCode, HttpResponse};
//! let request = endpoints::get_payment("order-1", None)?;
//! assert_eq!(request.url("https://api.portone.io"), "https://api.portone.io/payments/order-1");
//! // … send it with `Authorization: PortOne <apiSecret>` (endpoints::headers_v2), then:
//! let body = r#"{"type":"PAYMENT_NOT_FOUND","message":"결제 건이 존재하지 않습니다."}"#.as_bytes();
//! let err = response::check_status("getPayment", 404, body, None).unwrap_err();
//! assert_eq!((err.code(), err.portone_type()), (ClientErrorCode::NotFound, Some("PAYMENT_NOT_FOUND")));
//! # Ok::<(), portone_verify::client::ClientError>(())
//! ```

mod core;
pub mod endpoints;
mod methods;
#[cfg(feature = "native-client")]
mod native;
mod options;
mod request_body;
pub mod response;
mod verify;
#[cfg(feature = "webhook")]
mod webhook;

pub use self::core::ClientV2;
#[cfg(feature = "native-client")]
pub use native::NativeClientV2;
pub use options::{
    ClientConfigV2, GetPaymentV2Options, PortOneClientV2Options, DEFAULT_BASE_URL_V2,
};
pub use request_body::read_request_body;
pub use response::AnswerV2;
pub use verify::PaymentCheckV2;
#[cfg(feature = "webhook")]
pub use webhook::{WebhookBodyV2, WebhookCheckV2};

#[allow(unused_imports)] // for the docs' links
use super::Transport;
