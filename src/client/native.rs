//! The client for Rust servers: [`ReqwestTransport`] (`reqwest` with rustls, tokio's timer)
//! and [`NativeClient`]. Feature `native-client`; never in the WebAssembly builds.

use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderValue;

use super::core::Client;
use super::error::{ClientError, ClientErrorCode};
use super::options::PortOneClientOptions;
use super::request::Method;
use super::transport::{
    HttpRequest, ResponseBody, ResponseHead, Signal, Transport, TransportError, TransportErrorKind,
    RESPONSE_HEADERS,
};

/// The V1 client over `reqwest`: its futures are `Send`, for any tokio runtime.
///
/// ```no_run
/// # async fn no_run() -> Result<(), portone_verify::client::ClientError> {
/// use portone_verify::client::{NativeClient, PortOneClientOptions};
/// use portone_verify::{Amount, Expected};
/// let client = NativeClient::from_options(PortOneClientOptions {
///     api_key: std::env::var("IMP_KEY").unwrap_or_default(),
///     api_secret: std::env::var("IMP_SECRET").unwrap_or_default(),
///     ..Default::default()
/// })?;
/// let order = Expected::new("order-1", Amount::parse("1004").expect("an amount"));
/// let checked = client.verify_payment("imp_123456789012", &order).await?;
/// if checked.is_ok() { /* ship the order */ }
/// # Ok(()) }
/// ```
pub type NativeClient = Client<ReqwestTransport>;

impl Client<ReqwestTransport> {
    /// Validates `options` ([`PortOneClientOptions::validate`]) and builds the client over a
    /// new [`ReqwestTransport`]. Nothing is sent until the first call; call it inside a tokio
    /// runtime.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` (with the option's path) for unusable options; `NETWORK` when the
    /// HTTP client cannot be built.
    pub fn from_options(options: PortOneClientOptions) -> Result<Self, ClientError> {
        let config = options.validate()?;
        Ok(Client::new(config, ReqwestTransport::new()?))
    }
}

/// [`Transport`] over a `reqwest::Client`: HTTP/1.1 with rustls and the Mozilla root
/// certificates bundled (no system OpenSSL), redirects never followed, timers from tokio.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    http: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with its own connection pool; proxies from the environment
    /// (`HTTPS_PROXY`, `NO_PROXY`, …) apply as in `reqwest`.
    ///
    /// # Errors
    /// `NETWORK` when `reqwest` cannot build its client (e.g. no TLS backend).
    pub fn new() -> Result<Self, ClientError> {
        Self::builder()
            .build()
            .map(Self::with_client)
            .map_err(|err| {
                ClientError::new(
                    ClientErrorCode::Network,
                    format!("the HTTP client cannot be built: {}", error_chain(&err)),
                )
            })
    }

    /// The settings [`ReqwestTransport::new`] starts from (rustls, no redirects), to adjust
    /// (e.g. `.no_proxy()`) before [`ReqwestTransport::with_client`].
    pub fn builder() -> reqwest::ClientBuilder {
        reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
    }

    /// A transport over your own `reqwest::Client`. It must not follow redirects (a redirect
    /// would carry the token elsewhere): start from [`ReqwestTransport::builder`].
    pub fn with_client(http: reqwest::Client) -> Self {
        ReqwestTransport { http }
    }
}

/// Wakes a call waiting for another's token request ([`Transport::signal`]).
#[derive(Debug)]
pub struct OneshotSignal(tokio::sync::oneshot::Sender<()>);

impl Signal for OneshotSignal {
    fn fire(self) {
        // The waiter may have stopped waiting: nothing to do then.
        let _ = self.0.send(());
    }
}

/// The body of a `reqwest` answer, read chunk by chunk; dropping it before its end closes the
/// connection.
#[derive(Debug)]
pub struct ReqwestBody(reqwest::Response);

impl ResponseBody for ReqwestBody {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
        let chunk = self.0.chunk().await.map_err(network)?;
        Ok(chunk.map(Vec::from))
    }
}

impl Transport for ReqwestTransport {
    type Signal = OneshotSignal;
    type Body = ReqwestBody;

    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<ResponseHead<ReqwestBody>, TransportError>> {
        let built = self.build(request);
        async move {
            let response = built?.send().await.map_err(network)?;
            let status = response.status().as_u16();
            let headers = RESPONSE_HEADERS
                .iter()
                .filter_map(|name| {
                    let value = response.headers().get(*name)?.to_str().ok()?;
                    Some(((*name).to_owned(), value.to_owned()))
                })
                .collect();
            Ok(ResponseHead {
                status,
                headers,
                body: ReqwestBody(response),
            })
        }
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        tokio::time::sleep(Duration::from_millis(ms))
    }

    fn now_ms(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64() * 1000.0)
    }

    fn random(&self) -> f64 {
        fastrand::f64()
    }

    fn signal(&self) -> (OneshotSignal, impl Future<Output = ()>) {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        (OneshotSignal(sender), async move {
            let _ = receiver.await;
        })
    }
}

impl ReqwestTransport {
    fn build(&self, request: HttpRequest) -> Result<reqwest::RequestBuilder, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.http.request(method, &request.url);
        for (name, value) in request.headers {
            let invalid = || TransportError::new(TransportErrorKind::InvalidHeader(name), name);
            let value = HeaderValue::from_str(&value).map_err(|_| invalid())?;
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        Ok(builder)
    }
}

fn network(err: reqwest::Error) -> TransportError {
    TransportError::new(TransportErrorKind::Network, error_chain(&err))
}

/// The error and its sources, `: `-separated (reqwest's own text alone is often only
/// "error sending request").
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
