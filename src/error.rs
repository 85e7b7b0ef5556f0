//! The crate's error: a stable code, the field path and a message.

use std::fmt;

use serde::Serialize;
use tsify::Tsify;

/// Stable error codes. They cross into JavaScript as `error.code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The input is not JSON (or not UTF-8), or is cut short.
    InvalidJson,
    /// The input is of a kind the function does not take (e.g. a number instead of an object).
    InvalidInput,
    /// A required field is missing.
    MissingField,
    /// A field has a value of the wrong type or form.
    InvalidField,
    /// PortOne answered with an envelope whose `code` is not 0, or whose `response` is null.
    ApiError,
    /// An argument from the caller (such as the expected order) is unusable.
    InvalidArgument,
}

impl ErrorCode {
    /// The code as JavaScript sees it, e.g. `"MISSING_FIELD"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::MissingField => "MISSING_FIELD",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::ApiError => "API_ERROR",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an input could not be parsed: a stable [`ErrorCode`], the dotted path of the field
/// (`""` for the whole input, e.g. `response.cancel_history[0].amount`), and a message.
/// For [`ErrorCode::ApiError`], PortOne's own `code` and `message` are kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ParseError {
    code: ErrorCode,
    path: String,
    message: String,
    api_code: Option<i64>,
    api_message: Option<String>,
}

impl ParseError {
    /// A new error for `path` (use `""` for the whole input).
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        ParseError {
            code,
            path: path.into(),
            message: message.into(),
            api_code: None,
            api_message: None,
        }
    }

    /// An `API_ERROR` carrying PortOne's `code` and `message`.
    pub fn api(api_code: i64, api_message: Option<String>) -> Self {
        let message = match &api_message {
            Some(m) => format!("PortOne answered code {api_code}: {m}"),
            None => format!("PortOne answered code {api_code}"),
        };
        ParseError {
            code: ErrorCode::ApiError,
            path: "code".to_owned(),
            message,
            api_code: Some(api_code),
            api_message,
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The dotted field path; empty for the input as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The human-readable message (never contains a secret or a token).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// PortOne's `code` for [`ErrorCode::ApiError`].
    pub fn api_code(&self) -> Option<i64> {
        self.api_code
    }

    /// PortOne's `message` for [`ErrorCode::ApiError`].
    pub fn api_message(&self) -> Option<&str> {
        self.api_message.as_deref()
    }

    /// The same error with `prefix` put in front of its path.
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = match (prefix.is_empty(), self.path.is_empty()) {
            (true, _) => self.path,
            (false, true) => prefix.to_owned(),
            (false, false) if self.path.starts_with('[') => format!("{prefix}{}", self.path),
            (false, false) => format!("{prefix}.{}", self.path),
        };
        self
    }
}
