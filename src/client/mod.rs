//! The V1 REST client (and, in [`v2`], the V2 client over the same policy) for servers that hold the API secret (Cloudflare Workers, Node, Rust).
//!
//! Pure core, thin glue. [`Client`] holds the whole policy as plain Rust — a token shared by
//! all calls (one request in flight for concurrent calls, one refresh after a 401), retries
//! of idempotent requests only, a timeout on every attempt, redaction of the secret and
//! tokens from every error (in any encoding), a size cap on every answer, typed results,
//! [`Client::verify_payment`] and the V1 webhook flow — written against a small seam,
//! [`Transport`]: send one request and stream its answer's body, sleep, the clock,
//! randomness, and a wake-up between calls. Two transports exist:
//! - the WebAssembly build's, over the global `fetch` (the `PortOneClient` JavaScript class
//!   is `Client` over it, plus value conversion);
//! - `ReqwestTransport` (feature `native-client`): `NativeClient` for Rust servers on
//!   tokio.
//!
//! The pieces below the client are usable alone: building each request ([`endpoints`] →
//! [`ApiRequest`]), judging each answer ([`response`]), the token cache ([`TokenCache`]) and
//! the retry policy ([`Attempts`]):
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
mod base_url;
mod body;
mod core;
mod deadline;
pub mod endpoints;
mod error;
mod exchange;
mod json_object;
mod methods;
#[cfg(feature = "native-client")]
mod native;
mod options;
mod params;
mod redact;
mod request;
pub mod response;
mod retry;
mod runtime;
mod shared_token;
mod token;
mod transport;
mod types;
pub mod v2;
mod verification;
#[cfg(feature = "webhook")]
mod webhook_flow;

pub use self::core::Client;
pub use crate::types::PaymentPrepareAnnotation;
pub use arguments::{Argument, ArgumentValue, FromArguments};
pub use base_url::check_base_url;
pub use error::{ClientError, ClientErrorCode};
pub use json_object::JsonObject;
pub use methods::Answer;
#[cfg(feature = "native-client")]
pub use native::{NativeClient, OneshotSignal, ReqwestBody, ReqwestTransport};
pub use options::{
    ClientConfig, PortOneClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES_LIMIT, MAX_TIMEOUT_MS, MIN_RESPONSE_BYTES_LIMIT,
};
pub use params::{
    decode_argument, BillingKeyPaymentsOptions, CancelPaymentRequest, FindAllPaymentsOptions,
    FindPaymentOptions, GetPaymentOptions, GetPaymentsQuery, PaymentsByStatusOptions,
    PreparePaymentOptions,
};
#[cfg(target_arch = "wasm32")]
pub(crate) use redact::Redactor;
pub use redact::{MIN_SECRET_CHARS, REDACTED, WITHHELD};
pub use request::{encode_component, ApiRequest, Method};
pub use retry::{Attempts, Next, RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};
pub use runtime::{check_runtime, RuntimeGlobals};
pub use token::{TokenCache, HARD_MARGIN_MS, REFRESH_MARGIN_MS};
pub use transport::{
    BufferedBody, HttpRequest, HttpResponse, ResponseBody, ResponseHead, Signal, Transport,
    TransportError, TransportErrorKind, RESPONSE_HEADERS,
};
pub use types::PaymentsResult;
pub use verification::PaymentCheck;
#[cfg(feature = "webhook")]
pub use webhook_flow::WebhookCheck;
