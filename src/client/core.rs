//! [`Client`]: the V1 REST client over any [`Transport`]. This file holds the call policy:
//! a token on every authenticated request, retries of idempotent requests only, one token
//! refresh after a 401, and no secret in any error; each attempt (its timeout and size cap)
//! is [`exchange::attempt`], which V2's client shares.

use std::fmt;
use std::sync::Arc;

use super::endpoints;
use super::error::ClientError;
use super::exchange::{self, Limits};
use super::options::ClientConfig;
use super::redact::Redactor;
use super::request::ApiRequest;
use super::response;
use super::retry::{Attempts, Next};
use super::shared_token::SharedToken;
use super::transport::{HttpRequest, HttpResponse, Transport};
use crate::types::AuthAnnotation;

/// A PortOne V1 REST client: one access token shared by all calls (and by all clones of the
/// client) and renewed before it expires, bounded retries of reads, typed results, and errors
/// with a stable [`ClientErrorCode`] that never contain the API secret or a token.
///
/// Generic over its [`Transport`]; with the `native-client` feature
/// `NativeClient` is this client over `reqwest`. Cloning is cheap and
/// shares the token.
///
/// The policy, for every call:
/// - authenticated requests carry a token from the cache or from the one token request in
///   flight, which concurrent calls share;
/// - each attempt, its answer's body included, is cut at [`ClientConfig::timeout_ms`]
///   (`TIMEOUT`);
/// - a body longer than [`ClientConfig::max_response_bytes`] is refused by its
///   `Content-Length` before it is read, or as soon as the count while it streams passes the
///   cap, and left unread (`RESPONSE_TOO_LARGE`, never retried: it is no transient fault);
///   an error status (4xx, 5xx) with such a body keeps its own code and retries;
/// - only idempotent requests (every `GET`, and `getToken`) are retried, after network
///   errors, timeouts, 5xx and 429, with backoff ([`RetryPolicy`](super::RetryPolicy));
///   cancellations and pre-registrations are sent once;
/// - an HTTP 401 drops the token, and the call is resent once with a fresh one (any method:
///   a 401 proves PortOne did not act on the request).
pub struct Client<T: Transport> {
    inner: Arc<Inner<T>>,
}

struct Inner<T: Transport> {
    transport: T,
    config: ClientConfig,
    tokens: SharedToken<T::Signal>,
}

impl<T: Transport> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
        }
    }
}

/// Shows the configuration (secret redacted), never a token.
impl<T: Transport> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client with validated settings ([`PortOneClientOptions::validate`]) over `transport`.
    /// Nothing is sent until the first call.
    ///
    /// [`PortOneClientOptions::validate`]: super::PortOneClientOptions::validate
    pub fn new(config: ClientConfig, transport: T) -> Self {
        Client {
            inner: Arc::new(Inner {
                transport,
                config,
                tokens: SharedToken::new(),
            }),
        }
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Sends any V1 request (see [`endpoints`](super::endpoints)) with the client's policy and
    /// resolves to its 2xx answer, unread.
    ///
    /// # Errors
    /// The [`ClientError`] of the last attempt, secrets redacted.
    pub async fn send(&self, request: &ApiRequest) -> Result<HttpResponse, ClientError> {
        self.call(request).await.map_err(|err| self.redact(err))
    }

    /// The same error with the API secret and every token issued lately taken out, in any
    /// form ([`ClientError::redacted`]). Every public method applies it; transports need not.
    pub fn redact(&self, err: ClientError) -> ClientError {
        err.redacted_by(&self.redactor())
    }

    /// What takes the API secret and the tokens issued lately out of a text.
    pub(crate) fn redactor(&self) -> Redactor {
        Redactor::from_owned(self.secrets())
    }

    /// [`Client::send`] without redaction: the retry loop.
    pub(super) async fn call(&self, request: &ApiRequest) -> Result<HttpResponse, ClientError> {
        let transport = self.transport();
        let mut attempts = Attempts::new(
            self.config().retry,
            request.idempotent,
            request.authenticated,
        );
        loop {
            let token = match request.authenticated {
                true => Some(self.token().await?),
                false => None,
            };
            let err = match self.attempt(request, token.as_deref()).await {
                Ok(answer) => return Ok(answer),
                Err(err) => err,
            };
            match attempts.after(&err, transport.random()) {
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        self.inner.tokens.invalidate(token);
                    }
                }
                Next::Retry { delay_ms } => transport.sleep(delay_ms).await,
                Next::Fail => return Err(err),
            }
        }
    }

    /// A usable token (see [`SharedToken::get`]).
    async fn token(&self) -> Result<String, ClientError> {
        let config = self.config();
        let bound_ms = config.retry.worst_case_ms(config.timeout_ms);
        let tokens = &self.inner.tokens;
        tokens
            .get(self.transport(), bound_ms, || self.fetch_token())
            .await
    }

    /// `POST /users/getToken`, retried like any idempotent request: PortOne's answer and when
    /// the successful attempt was sent.
    async fn fetch_token(&self) -> Result<(AuthAnnotation, f64), ClientError> {
        let (config, transport) = (self.config(), self.transport());
        let request = endpoints::get_token(&config.api_key, &config.api_secret);
        let mut attempts = Attempts::new(config.retry, request.idempotent, false);
        loop {
            let sent_at_ms = transport.now_ms();
            let answer = self.attempt(&request, None).await;
            let err = match answer.and_then(|answer| response::decode_token(&answer.body)) {
                Ok(auth) => return Ok((auth, sent_at_ms)),
                Err(err) => err,
            };
            match attempts.after(&err, transport.random()) {
                Next::Retry { delay_ms } => transport.sleep(delay_ms).await,
                Next::RefreshToken | Next::Fail => return Err(err),
            }
        }
    }

    /// The texts no error may contain: the API secret and the tokens issued lately.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut secrets = self.inner.tokens.issued();
        secrets.push(self.config().api_secret.clone());
        secrets
    }

    /// One exchange ([`exchange::attempt`]) with `token`, its status read as V1's.
    async fn attempt(
        &self,
        request: &ApiRequest,
        token: Option<&str>,
    ) -> Result<HttpResponse, ClientError> {
        let config = self.config();
        let http = HttpRequest {
            method: request.method,
            url: request.url(&config.base_url),
            headers: request.headers(token, config.tier.as_deref()),
            body: request.body.clone(),
        };
        let limits = Limits {
            timeout_ms: config.timeout_ms,
            max_response_bytes: config.max_response_bytes,
        };
        exchange::attempt(
            self.transport(),
            request,
            http,
            limits,
            response::check_status,
        )
        .await
    }
}
