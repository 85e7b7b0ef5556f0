//! The transport seam: the little the [`Client`](super::Client) needs from a runtime — send one
//! HTTP request and hand back its status, headers and body as a stream of chunks, wait, tell
//! the time, draw a random number, and wake one call from another. Everything else (tokens,
//! retries, timeouts, the size cap on answers, reading them) is the client's, so every
//! transport behaves the same.
//!
//! Two transports exist: the WebAssembly build's (the global `fetch`, `setTimeout`, `Date.now`)
//! and, with the `native-client` feature, `ReqwestTransport`.

use std::fmt;
use std::future::Future;

use super::request::Method;

/// The response headers the client reads (lower-case). A transport hands over at least these.
pub const RESPONSE_HEADERS: &[&str] = &["retry-after", "content-length"];

/// A runtime's HTTP, timer, clock, randomness and cross-call wake-up, as the client uses them.
///
/// Futures are returned as `impl Future`: whether the client's futures are `Send` follows from
/// the concrete transport (the wasm one holds JavaScript values and is single-threaded; the
/// `reqwest` one is `Send`, so its client's futures run on a multi-threaded tokio runtime).
pub trait Transport {
    /// Fires a [`Transport::signal`]'s waiting half.
    type Signal: Signal;
    /// The unread body of an answer.
    type Body: ResponseBody;

    /// Sends `request` and resolves once the answer's status and headers are in, its body
    /// unread. Redirects must not be followed (a 3xx is an answer: following it would send
    /// the token elsewhere). Dropping the future must abandon the exchange; the client does
    /// that when its timeout passes.
    ///
    /// # Errors
    /// A [`TransportError`] when no answer arrived.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<ResponseHead<Self::Body>, TransportError>>;

    /// Resolves after `ms` milliseconds. Dropping it early should release the timer.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;

    /// The current time, UNIX milliseconds (used for the token's expiry and `Retry-After`).
    fn now_ms(&self) -> f64;

    /// A number in `[0, 1)`: the jitter of retry delays.
    fn random(&self) -> f64;

    /// A one-shot wake-up between two calls of one client: the waiting call makes it and keeps
    /// the future; the call it waits for fires the [`Signal`]. The future also resolves when
    /// the `Signal` is dropped unfired, or never (the client bounds every wait). The waiting
    /// call then resumes in its own context: in Cloudflare Workers each request's I/O belongs
    /// to that request, so the wasm transport resolves a promise the waiter created.
    fn signal(&self) -> (Self::Signal, impl Future<Output = ()>);
}

/// An answer's status and headers (at least those of [`RESPONSE_HEADERS`]), with its body
/// still unread.
#[derive(Debug)]
pub struct ResponseHead<B> {
    /// The HTTP status.
    pub status: u16,
    /// Header names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// The body, read chunk by chunk by the client.
    pub body: B,
}

/// The body of an answer as the client reads it: chunk by chunk, so that it can stop at its
/// size cap ([`ClientConfig::max_response_bytes`](super::ClientConfig::max_response_bytes))
/// without holding more.
pub trait ResponseBody {
    /// The next chunk, `None` at the end of the body. Dropping the body before its end must
    /// abandon it (close the connection, cancel the stream): the client does that when the
    /// body is over its cap or the timeout passes.
    ///
    /// # Errors
    /// A [`TransportError`] when the body cannot be read to its end.
    fn next_chunk(&mut self) -> impl Future<Output = Result<Option<Vec<u8>>, TransportError>>;
}

/// A body already in memory, handed over in one chunk (for transports that answer from
/// memory, e.g. in tests).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BufferedBody(Option<Vec<u8>>);

impl BufferedBody {
    /// A body of these bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        BufferedBody(Some(bytes))
    }
}

impl ResponseBody for BufferedBody {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        Ok(self.0.take())
    }
}

/// The firing half of [`Transport::signal`].
pub trait Signal {
    /// Wakes the waiting call.
    fn fire(self);
}

/// One HTTP request, ready for the wire.
///
/// `Debug` shows neither the body (the token request carries the API secret) nor the
/// `Authorization` header's value.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Header names and values, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, if any.
    pub body: Option<String>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| match *name {
                "Authorization" => (*name, "[REDACTED]"),
                _ => (*name, value.as_str()),
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("[{} bytes]", b.len())),
            )
            .finish()
    }
}

/// What came back, read whole: the status, the headers of [`RESPONSE_HEADERS`] (or more), the
/// body bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of the header `name` (case-insensitive).
    ///
    /// ```
    /// use portone_verify::client::HttpResponse;
    /// let response = HttpResponse {
    ///     status: 429,
    ///     headers: vec![("Retry-After".into(), "1".into())],
    ///     body: Vec::new(),
    /// };
    /// assert_eq!(response.header("retry-after"), Some("1"));
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The same answer with its body unread again (for transports that answer from memory).
    pub fn into_head(self) -> ResponseHead<BufferedBody> {
        ResponseHead {
            status: self.status,
            headers: self.headers,
            body: BufferedBody::new(self.body),
        }
    }
}

/// Why a transport got no answer. The client turns it into a
/// [`ClientError`](super::ClientError) naming the operation (and redacts secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

/// The kinds of [`TransportError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// The request could not be sent or the answer not read (becomes `NETWORK`).
    Network,
    /// The runtime lacks what the transport needs, e.g. `fetch` (becomes `NETWORK`).
    Unsupported,
    /// The HTTP stack refused this header's value (becomes `INVALID_ARGUMENT`).
    InvalidHeader(&'static str),
}

impl TransportError {
    /// A failure of kind `kind`; `message` says why, without secrets where possible (the client
    /// redacts the API secret and tokens anyway).
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }

    /// The kind.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Why.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token_and_the_body() {
        let request = HttpRequest {
            method: Method::Post,
            url: "http://127.0.0.1/p".into(),
            headers: vec![("Authorization", "Bearer tok123".into())],
            body: Some("{\"imp_secret\":\"sec456\"}".into()),
        };
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("tok123") && !debug.contains("sec456"),
            "{debug}"
        );
    }
}
