//! The REST client's pure pieces: requests as data, responses → results, the token cache and
//! the retry policy. No I/O; the client over its transports is tested against the local
//! PortOne server in `tests/native_client/` (reqwest) and `tests/node/client-*.test.mjs` (fetch).
#![cfg(feature = "client")]

use portone_verify::client::{
    check_runtime, decode_argument, endpoints, response, Attempts, BillingKeyPaymentsOptions,
    CancelPaymentRequest, ClientError, ClientErrorCode, FindAllPaymentsOptions, FindPaymentOptions,
    GetPaymentOptions, GetPaymentsQuery, Method, Next, PaymentPrepareAnnotation,
    PaymentsByStatusOptions, PortOneClientOptions, RetryPolicy, RuntimeGlobals, TokenCache,
    HARD_MARGIN_MS, REFRESH_MARGIN_MS,
};
use portone_verify::types::{AuthAnnotation, PaymentBalance};
use portone_verify::{Amount, PaymentAnnotation};

const PAYMENT: &str = r#"{"imp_uid":"imp_1","merchant_uid":"order-1","amount":1004,"cancel_amount":0,
  "currency":"KRW","status":"paid","sandbox":false}"#;

fn envelope(response: &str) -> String {
    format!(r#"{{"code":0,"message":null,"response":{response}}}"#)
}

fn code_and_path(err: &ClientError) -> (ClientErrorCode, Option<&str>) {
    (err.code(), err.path())
}

mod options;
mod requests;
mod responses;
mod retry_policy;
mod token_cache;
