//! [`ClientV2`]: the V2 REST client over any [`Transport`]. The call policy is V1's, shared:
//! each attempt is [`exchange::attempt`] (timeout, size cap), retries are [`Attempts`]
//! (idempotent requests only), errors are redacted by the same [`Redactor`]. What differs is
//! V2's: `Authorization: PortOne <apiSecret>` on every request (no token, so a 401 is final)
//! and V2's error bodies ([`response::check_status`]).

use std::fmt;
use std::sync::Arc;

use super::endpoints::headers_v2;
use super::options::ClientConfigV2;
use super::response::{self, AnswerV2};
use crate::client::error::ClientError;
use crate::client::exchange::{self, Limits};
use crate::client::redact::Redactor;
use crate::client::request::ApiRequest;
use crate::client::retry::{Attempts, Next};
use crate::client::transport::{HttpRequest, HttpResponse, Transport};

/// A PortOne V2 REST client: `Authorization: PortOne <apiSecret>` on every request, bounded
/// retries of reads, typed results, and errors with a stable
/// [`ClientErrorCode`](crate::client::ClientErrorCode) that never contain the API secret or
/// the webhook secret.
///
/// The policy is V1's [`Client`](crate::client::Client)'s, from the same code:
/// - each attempt, its answer's body included, is cut at `timeout_ms` (`TIMEOUT`);
/// - a body over `max_response_bytes` is refused unread (`RESPONSE_TOO_LARGE`, not retried);
/// - only `GET`s are retried, after network errors, timeouts, 5xx and 429, with backoff and
///   `Retry-After`; a cancellation or pre-registration is sent once, whatever happens;
/// - a 401 is final (there is no token to refresh).
///
/// Generic over its [`Transport`]; with the `native-client` feature
/// [`NativeClientV2`](super::NativeClientV2) is this client over `reqwest`. Cloning is cheap.
pub struct ClientV2<T: Transport> {
    inner: Arc<Inner<T>>,
}

struct Inner<T: Transport> {
    transport: T,
    config: ClientConfigV2,
}

impl<T: Transport> Clone for ClientV2<T> {
    fn clone(&self) -> Self {
        ClientV2 {
            inner: self.inner.clone(),
        }
    }
}

/// Shows the configuration (secrets redacted).
impl<T: Transport> fmt::Debug for ClientV2<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientV2")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> ClientV2<T> {
    /// A client with validated settings
    /// ([`PortOneClientV2Options::validate`](super::PortOneClientV2Options::validate)) over
    /// `transport`. Nothing is sent until the first call.
    pub fn new(config: ClientConfigV2, transport: T) -> Self {
        ClientV2 {
            inner: Arc::new(Inner { transport, config }),
        }
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfigV2 {
        &self.inner.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Sends any V2 request (see [`endpoints`](super::endpoints)) with the client's policy and
    /// resolves to its 2xx answer, unread.
    ///
    /// # Errors
    /// The [`ClientError`] of the last attempt, secrets redacted.
    pub async fn send(&self, request: &ApiRequest) -> Result<HttpResponse, ClientError> {
        self.call(request).await.map_err(|err| self.redact(err))
    }

    /// Sends `request` and reads its answer as `answer`'s canonical JSON (one method for every
    /// endpoint: the WebAssembly build holds one state machine for it).
    ///
    /// # Errors
    /// As [`ClientV2::send`], and `INVALID_RESPONSE` for an answer of the wrong shape.
    pub async fn answer_json(
        &self,
        request: &ApiRequest,
        answer: AnswerV2,
    ) -> Result<String, ClientError> {
        let result = match self.call(request).await {
            Ok(received) => answer.read(&received),
            Err(err) => Err(err),
        };
        result.map_err(|err| self.redact(err))
    }

    /// The same error with the API secret and the webhook secret taken out, in any form
    /// ([`ClientError::redacted`]). Every public method applies it.
    pub fn redact(&self, err: ClientError) -> ClientError {
        err.redacted_by(&self.redactor())
    }

    /// What takes the secrets out of a text.
    pub(crate) fn redactor(&self) -> Redactor {
        let config = self.config();
        let mut secrets = vec![config.api_secret.clone()];
        secrets.extend(config.webhook_secret.clone());
        Redactor::from_owned(secrets)
    }

    /// [`ClientV2::send`] without redaction: the retry loop.
    pub(crate) async fn call(&self, request: &ApiRequest) -> Result<HttpResponse, ClientError> {
        let (config, transport) = (self.config(), self.transport());
        // No token: a 401 is final, so the attempts know of no refresh.
        let mut attempts = Attempts::new(config.retry, request.idempotent, false);
        let limits = Limits {
            timeout_ms: config.timeout_ms,
            max_response_bytes: config.max_response_bytes,
        };
        loop {
            let http = HttpRequest {
                method: request.method,
                url: request.url(&config.base_url),
                headers: headers_v2(request, &config.api_secret),
                body: request.body.clone(),
            };
            let check = response::check_status;
            let err = match exchange::attempt(transport, request, http, limits, check).await {
                Ok(answer) => return Ok(answer),
                Err(err) => err,
            };
            match attempts.after(&err, transport.random()) {
                Next::Retry { delay_ms } => transport.sleep(delay_ms).await,
                Next::RefreshToken | Next::Fail => return Err(err),
            }
        }
    }
}
