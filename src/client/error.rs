//! [`ClientError`]: what can go wrong talking to PortOne, with a stable [`ClientErrorCode`].

use std::fmt;

use serde::Serialize;
use tsify::Tsify;

use super::redact::Redactor;
use crate::error::{ErrorCode, ParseError};

/// Stable client error codes. They cross into JavaScript as `error.code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClientErrorCode {
    /// HTTP 404: PortOne has no such payment (or order, customer, prepared amount).
    NotFound,
    /// HTTP 401 (or 403) that one token refresh did not cure, or credentials PortOne rejects.
    Unauthorized,
    /// HTTP 400 (and other 4xx without a code of their own): PortOne rejected the parameters.
    BadRequest,
    /// HTTP 429 after the allowed retries.
    RateLimited,
    /// HTTP 5xx after the allowed retries.
    ServerError,
    /// HTTP 200 with an envelope `code != 0` (`apiCode` / `apiMessage` say why).
    ApiError,
    /// No answer within `timeoutMs` (after the allowed retries).
    Timeout,
    /// The request could not be sent or the answer not received (after the allowed retries).
    Network,
    /// The answer is not JSON, is cut short, or does not have the documented shape.
    InvalidResponse,
    /// The answer's body is larger than `maxResponseBytes` (by its `Content-Length`, or
    /// counted while it streamed); it was not read further. Not retried: the same request
    /// would get the same answer. `status` is the HTTP status it came with.
    ResponseTooLarge,
    /// An argument or option from the caller is unusable (`path` names it).
    InvalidArgument,
    /// The client was created in a browser without `dangerouslyAllowBrowser`.
    BrowserNotAllowed,
    /// V2: HTTP 403 (`FORBIDDEN`): the API secret may not do this (e.g. another store's
    /// payment).
    Forbidden,
    /// V2: HTTP 400 (`INVALID_REQUEST`): PortOne refused the request's values.
    InvalidRequest,
    /// V2: a validly signed webhook that names no payment (`BillingKey.*`): nothing to verify.
    /// Answer it with 200 so that PortOne does not send it again.
    WebhookWithoutPayment,
}

impl ClientErrorCode {
    /// The code as JavaScript sees it, e.g. `"NOT_FOUND"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientErrorCode::NotFound => "NOT_FOUND",
            ClientErrorCode::Unauthorized => "UNAUTHORIZED",
            ClientErrorCode::BadRequest => "BAD_REQUEST",
            ClientErrorCode::RateLimited => "RATE_LIMITED",
            ClientErrorCode::ServerError => "SERVER_ERROR",
            ClientErrorCode::ApiError => "API_ERROR",
            ClientErrorCode::Timeout => "TIMEOUT",
            ClientErrorCode::Network => "NETWORK",
            ClientErrorCode::InvalidResponse => "INVALID_RESPONSE",
            ClientErrorCode::ResponseTooLarge => "RESPONSE_TOO_LARGE",
            ClientErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ClientErrorCode::BrowserNotAllowed => "BROWSER_NOT_ALLOWED",
            ClientErrorCode::Forbidden => "FORBIDDEN",
            ClientErrorCode::InvalidRequest => "INVALID_REQUEST",
            ClientErrorCode::WebhookWithoutPayment => "WEBHOOK_WITHOUT_PAYMENT",
        }
    }
}

impl fmt::Display for ClientErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed client call: a stable [`ClientErrorCode`], a message, and what is known about
/// the cause (HTTP status, PortOne's own `code`/`message`, the offending field path, a
/// `Retry-After` delay).
///
/// Messages are built by this crate from fixed text, field paths and PortOne's messages;
/// the transport glue additionally runs [`ClientError::redacted`] with the API secret and
/// the access token, so neither can appear in an error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ClientError {
    code: ClientErrorCode,
    message: String,
    status: Option<u16>,
    path: Option<String>,
    api: Option<ApiKind>,
    api_message: Option<String>,
    retry_after_ms: Option<u64>,
}

/// What kind of error PortOne's answer named: V1's envelope `code`, or V2's error `type`
/// (an error has one or the other; one field keeps `ClientError` small).
#[derive(Clone, Debug, PartialEq, Eq)]
enum ApiKind {
    Code(i64),
    Type(String),
}

impl ClientError {
    /// A new error with only a code and a message.
    pub fn new(code: ClientErrorCode, message: impl Into<String>) -> Self {
        ClientError {
            code,
            message: message.into(),
            status: None,
            path: None,
            api: None,
            api_message: None,
            retry_after_ms: None,
        }
    }

    /// An `INVALID_ARGUMENT` error for the argument at `path` (e.g. `"options.page"`).
    pub fn invalid_argument(path: impl Into<String>, message: impl Into<String>) -> Self {
        ClientError::new(ClientErrorCode::InvalidArgument, message).with_path(path)
    }

    /// An `INVALID_RESPONSE` error for the response field at `path` (`""` for the body).
    pub fn invalid_response(path: impl Into<String>, message: impl Into<String>) -> Self {
        ClientError::new(ClientErrorCode::InvalidResponse, message).with_path(path)
    }

    /// Turns a parse failure of a PortOne answer into a client error: `API_ERROR` (with
    /// PortOne's code and message) for an envelope whose `code != 0`, else `INVALID_RESPONSE`
    /// with the field path.
    pub fn from_response_parse(err: ParseError) -> Self {
        match (err.code(), err.api_code()) {
            (ErrorCode::ApiError, Some(api_code)) => {
                ClientError::new(ClientErrorCode::ApiError, err.message())
                    .with_api(Some(api_code), err.api_message().map(str::to_owned))
            }
            _ => ClientError::invalid_response(
                err.path(),
                format!("PortOne's answer is malformed: {}", err.message()),
            ),
        }
    }

    /// Turns a parse failure of a caller's argument into `INVALID_ARGUMENT` under `prefix`.
    pub fn from_argument_parse(err: &ParseError, prefix: &str) -> Self {
        let path = ParseError::new(err.code(), err.path(), "")
            .within(prefix)
            .path()
            .to_owned();
        ClientError::invalid_argument(path, err.message())
    }

    /// The same error with an HTTP status.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The same error with a field path.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The same error with PortOne's own envelope `code` and `message`.
    #[must_use]
    pub fn with_api(mut self, api_code: Option<i64>, api_message: Option<String>) -> Self {
        if let Some(code) = api_code {
            self.api = Some(ApiKind::Code(code));
        }
        self.api_message = api_message;
        self
    }

    /// The same error with the server's `Retry-After` delay.
    #[must_use]
    pub fn with_retry_after_ms(mut self, retry_after_ms: Option<u64>) -> Self {
        self.retry_after_ms = retry_after_ms;
        self
    }

    /// The same error with the `type` of a V2 error body (`PAYMENT_NOT_FOUND`, …).
    #[must_use]
    pub fn with_portone_type(mut self, portone_type: Option<String>) -> Self {
        if let Some(error_type) = portone_type {
            self.api = Some(ApiKind::Type(error_type));
        }
        self
    }

    /// The same error with a different message (used to add context such as the operation).
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The same error with each non-empty `secret` taken out of the message, the path and
    /// PortOne's message: every occurrence, as is, JSON-escaped or percent-encoded, becomes
    /// `[REDACTED]`. When a secret is shorter than 8 characters it cannot be searched for
    /// without garbling the texts or giving it away, so every text is replaced whole instead
    /// (the rule is in `src/client/redact.rs`).
    ///
    /// ```
    /// use portone_verify::client::{ClientError, ClientErrorCode};
    /// let err = ClientError::new(ClientErrorCode::Network, r#"echo {"imp_secret":"s3cr\/et!!"}"#);
    /// assert_eq!(err.redacted(&["s3cr/et!!"]).message(), r#"echo {"imp_secret":"[REDACTED]"}"#);
    /// ```
    #[must_use]
    pub fn redacted(self, secrets: &[&str]) -> Self {
        self.redacted_by(&Redactor::new(secrets.iter().copied()))
    }

    /// [`ClientError::redacted`] with a prepared redactor.
    #[must_use]
    pub(crate) fn redacted_by(mut self, redactor: &Redactor) -> Self {
        let error_type = match &mut self.api {
            Some(ApiKind::Type(error_type)) => Some(error_type),
            _ => None,
        };
        let texts = [
            Some(&mut self.message),
            self.path.as_mut(),
            self.api_message.as_mut(),
            error_type,
        ];
        for text in texts.into_iter().flatten() {
            if let Some(clean) = redactor.apply(text) {
                *text = clean;
            }
        }
        self
    }

    /// The stable code.
    pub fn code(&self) -> ClientErrorCode {
        self.code
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status, when PortOne answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The argument or response field concerned, when there is one.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// PortOne's envelope `code`, when the answer carried one.
    pub fn api_code(&self) -> Option<i64> {
        match self.api {
            Some(ApiKind::Code(code)) => Some(code),
            _ => None,
        }
    }

    /// PortOne's envelope `message`, when the answer carried one.
    pub fn api_message(&self) -> Option<&str> {
        self.api_message.as_deref()
    }

    /// The `type` of PortOne's V2 error body (`PAYMENT_NOT_FOUND`, `ALREADY_PAID`, … kept as
    /// sent, unknown ones too), when the answer was one.
    pub fn portone_type(&self) -> Option<&str> {
        match &self.api {
            Some(ApiKind::Type(error_type)) => Some(error_type),
            _ => None,
        }
    }

    /// The delay the server asked for with `Retry-After`, in milliseconds.
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.retry_after_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_redacts_every_field() {
        let err = ClientError::new(ClientErrorCode::Network, "tok12345 and sec45678")
            .with_path("tok12345")
            .with_api(Some(1), Some("sec%3456%378".into()))
            .redacted(&["tok12345", "sec45678", ""]);
        assert_eq!(err.message(), "[REDACTED] and [REDACTED]");
        assert_eq!(err.path(), Some("[REDACTED]"));
        assert_eq!(err.api_message(), Some("[REDACTED]"));
    }

    #[test]
    fn a_short_secret_withholds_every_field_whole() {
        let err = ClientError::new(ClientErrorCode::NotFound, "PortOne found nothing")
            .with_path("impUid")
            .with_api(Some(1), Some("no such payment".into()))
            .redacted(&["x"]);
        let withheld = Some(super::super::redact::WITHHELD);
        assert_eq!(Some(err.message()), withheld);
        assert_eq!((err.path(), err.api_message()), (withheld, withheld));
        assert_eq!(err.code(), ClientErrorCode::NotFound);
    }

    #[test]
    fn client_maps_parse_errors() {
        let api = ClientError::from_response_parse(ParseError::api(-1, Some("nope".into())));
        assert_eq!(
            (api.code(), api.api_code(), api.api_message()),
            (ClientErrorCode::ApiError, Some(-1), Some("nope"))
        );
        let bad = ClientError::from_response_parse(ParseError::new(
            ErrorCode::InvalidField,
            "response.amount",
            "x",
        ));
        assert_eq!(
            (bad.code(), bad.path()),
            (ClientErrorCode::InvalidResponse, Some("response.amount"))
        );
        let arg = ClientError::from_argument_parse(
            &ParseError::new(ErrorCode::InvalidField, "page", "x"),
            "options",
        );
        assert_eq!(
            (arg.code(), arg.path()),
            (ClientErrorCode::InvalidArgument, Some("options.page"))
        );
    }
}
