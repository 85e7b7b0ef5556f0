//! The V1 REST client for runtimes that hold the API secret (Cloudflare Workers, Node).
//!
//! Pure core, thin glue: everything decidable without I/O lives here as plain Rust —
//! building each request ([`endpoints`] → [`ApiRequest`]), judging each answer
//! ([`response`]), the token cache ([`TokenCache`]) and the retry policy ([`Attempts`]).
//! The WebAssembly build adds the `PortOneClient` JavaScript class, which only performs
//! `fetch`, timers and value conversion. A Rust program can drive the same core with any
//! HTTP client:
//!
//! ```
//! use portone_verify::client::{endpoints, response, GetPaymentOptions};
//! let request = endpoints::get_payment("imp_123", &GetPaymentOptions::default())?;
//! assert_eq!(request.url("https://api.iamport.kr"), "https://api.iamport.kr/payments/imp_123");
//! // … send it with `Authorization: Bearer <token>`, then:
//! let body = br#"{"code":0,"message":null,"response":{"imp_uid":"imp_123","merchant_uid":"o1",
//!   "amount":1004,"cancel_amount":0,"currency":"KRW","status":"paid","sandbox":false}}"#;
//! response::check_status(request.operation, 200, body, None)?;
//! let payment: portone_verify::PaymentAnnotation = response::decode(body)?;
//! assert_eq!(payment.merchant_uid, "o1");
//! # Ok::<(), portone_verify::client::ClientError>(())
//! ```

mod arguments;
mod core;
mod deadline;
pub mod endpoints;
mod error;
mod json_object;
mod methods;
#[cfg(feature = "native-client")]
mod native;
mod options;
mod params;
mod request;
pub mod response;
mod retry;
mod shared_token;
mod token;
mod transport;
mod types;
mod verification;
#[cfg(feature = "webhook")]
mod webhook_flow;

pub use self::core::Client;
pub use arguments::{Argument, FromArguments};
pub use error::{ClientError, ClientErrorCode};
pub use json_object::JsonObject;
pub use methods::Answer;
#[cfg(feature = "native-client")]
pub use native::{NativeClient, OneshotSignal, ReqwestTransport};
pub use options::{
    check_runtime, ClientConfig, PortOneClientOptions, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS,
    MAX_TIMEOUT_MS,
};
pub use params::{
    decode_argument, BillingKeyPaymentsOptions, CancelPaymentRequest, FindAllPaymentsOptions,
    FindPaymentOptions, GetPaymentOptions, GetPaymentsQuery, PaymentsByStatusOptions,
    PreparePaymentOptions,
};
pub use request::{encode_component, ApiRequest, Method};
pub use retry::{Attempts, Next, RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};
pub use token::{TokenCache, HARD_MARGIN_MS, REFRESH_MARGIN_MS};
pub use transport::{
    HttpRequest, HttpResponse, Signal, Transport, TransportError, TransportErrorKind,
    RESPONSE_HEADERS,
};
pub use types::{PaymentPrepareAnnotation, PaymentsResult};
pub use verification::PaymentCheck;
#[cfg(feature = "webhook")]
pub use webhook_flow::WebhookCheck;
