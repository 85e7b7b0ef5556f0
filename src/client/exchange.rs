//! One attempt of one request, the same for V1's [`Client`](super::Client) and V2's
//! [`ClientV2`](super::v2::ClientV2): sent through the [`Transport`], cut at the timeout (the
//! body read included) and at the size cap, its status judged by the API's own rule. The
//! retry decision after it is [`Attempts`](super::Attempts), also shared.

use super::body::{receive, Received};
use super::deadline::within;
use super::error::{ClientError, ClientErrorCode};
use super::request::ApiRequest;
use super::response;
use super::transport::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// The bounds of one attempt.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The attempt, its body included, is cut after this long (`TIMEOUT`).
    pub timeout_ms: u32,
    /// A body longer than this is refused unread (`RESPONSE_TOO_LARGE`).
    pub max_response_bytes: u32,
}

/// How an API turns a non-2xx answer into its error: `(operation, status, body,
/// retry_after_ms)` → `Err` for an error status, `Ok` for a 2xx.
pub(crate) type StatusCheck = fn(&str, u16, &[u8], Option<u64>) -> Result<(), ClientError>;

/// One exchange, cut at the timeout (the body read included) and at the size cap; a non-2xx
/// status is an error made by `check`.
pub(crate) async fn attempt<T: Transport>(
    transport: &T,
    request: &ApiRequest,
    http: HttpRequest,
    limits: Limits,
    check: StatusCheck,
) -> Result<HttpResponse, ClientError> {
    let Limits {
        timeout_ms,
        max_response_bytes: max_bytes,
    } = limits;
    let exchange = async {
        let head = transport.send(http).await?;
        receive(head, max_bytes).await
    };
    let received = match within(exchange, transport.sleep(timeout_ms.into())).await {
        Some(Ok(received)) => received,
        Some(Err(err)) => return Err(transport_error(request, &err)),
        None => return Err(timeout_error(request, timeout_ms)),
    };
    let answer = match received {
        Received::Whole(answer) => answer,
        // An error status decides the outcome (and whether to retry) on its own; its
        // oversized body is only left unread.
        Received::TooLarge {
            status, headers, ..
        } if response::status_code(status).is_some() => HttpResponse {
            status,
            headers,
            body: Vec::new(),
        },
        Received::TooLarge {
            status, declared, ..
        } => return Err(too_large_error(request, status, declared, max_bytes)),
    };
    let retry_after_ms = answer
        .header("retry-after")
        .and_then(|value| response::parse_retry_after(value, transport.now_ms()));
    check(
        request.operation,
        answer.status,
        &answer.body,
        retry_after_ms,
    )?;
    Ok(answer)
}

/// Said of a request that may have reached PortOne and must not be sent again blindly.
fn caveat(request: &ApiRequest) -> &'static str {
    if request.idempotent {
        ""
    } else {
        "; the request may have reached PortOne: check before sending it again"
    }
}

fn timeout_error(request: &ApiRequest, timeout_ms: u32) -> ClientError {
    let (operation, caveat) = (request.operation, caveat(request));
    ClientError::new(
        ClientErrorCode::Timeout,
        format!("{operation}: no answer from PortOne within {timeout_ms} ms{caveat}"),
    )
}

fn too_large_error(
    request: &ApiRequest,
    status: u16,
    declared: Option<u64>,
    max_bytes: u32,
) -> ClientError {
    let operation = request.operation;
    let size = match declared {
        Some(_) => "by its Content-Length",
        None => "counted while it streamed",
    };
    let caveat = if request.idempotent {
        ""
    } else {
        "; PortOne accepted the request: check before sending it again"
    };
    ClientError::new(
        ClientErrorCode::ResponseTooLarge,
        format!(
            "{operation}: PortOne's answer (HTTP {status}) is over maxResponseBytes \
             ({max_bytes}) {size} and was not read{caveat}"
        ),
    )
    .with_status(status)
}

fn transport_error(request: &ApiRequest, err: &TransportError) -> ClientError {
    let (operation, reason) = (request.operation, err.message());
    match err.kind() {
        TransportErrorKind::Network => ClientError::new(
            ClientErrorCode::Network,
            format!(
                "{operation}: the request to PortOne failed: {reason}{}",
                caveat(request)
            ),
        ),
        TransportErrorKind::Unsupported => {
            ClientError::new(ClientErrorCode::Network, format!("{operation}: {reason}"))
        }
        TransportErrorKind::InvalidHeader(name) => ClientError::invalid_argument(
            if name == "Tier" { "options.tier" } else { "" },
            format!("{operation}: the {name} header value is not a valid HTTP header value"),
        ),
    }
}
