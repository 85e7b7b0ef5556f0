//! The client's options and the runtime check that keeps the API secret out of browsers.

use tsify::Tsify;

use super::arguments::options;
use super::error::{ClientError, ClientErrorCode};
use super::retry::{RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};

/// PortOne's V1 API host.
pub const DEFAULT_BASE_URL: &str = "https://api.iamport.kr";
/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Largest timeout accepted (JavaScript timers overflow beyond 2^31 - 1 ms).
pub const MAX_TIMEOUT_MS: u32 = 600_000;

options! {
    /// Options of `new PortOneClient(options)`.
    ///
    /// The API secret is a server secret: the client refuses to run where `window` and
    /// `document` exist unless `dangerouslyAllowBrowser` is set.
    #[derive(Clone, Default, Tsify)]
    pub struct PortOneClientOptions {
        /// V1 REST API key (`imp_key`).
        api_key as "apiKey": String,
        /// V1 REST API secret (`imp_secret`). Never sent anywhere but `POST /users/getToken`.
        api_secret as "apiSecret": String,
        /// API origin; default `"https://api.iamport.kr"`.
        #[tsify(optional)]
        base_url as "baseUrl": Option<String>,
        /// Sub-merchant code sent as the `Tier` header (agency accounts).
        #[tsify(optional)]
        tier as "tier": Option<String>,
        /// Timeout of each attempt in milliseconds; default 10000.
        #[tsify(optional)]
        timeout_ms as "timeoutMs": Option<u32>,
        /// Retries of idempotent reads after network errors, timeouts, 5xx and 429; default 2,
        /// at most 10. Cancellations and pre-registrations are never retried.
        #[tsify(optional)]
        max_retries as "maxRetries": Option<u32>,
        /// Allow construction where `window` and `document` exist (a browser). Shipping the
        /// API secret to buyers gives them your PortOne account: only for trusted tooling.
        #[tsify(optional)]
        dangerously_allow_browser as "dangerouslyAllowBrowser": Option<bool>,
    }
}

/// Redacts the secret.
impl std::fmt::Debug for PortOneClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortOneClientOptions")
            .field("api_key", &self.api_key)
            .field("api_secret", &"[REDACTED]")
            .field("base_url", &self.base_url)
            .field("tier", &self.tier)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("dangerously_allow_browser", &self.dangerously_allow_browser)
            .finish()
    }
}

/// Validated settings of a client.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// `imp_key`.
    pub api_key: String,
    /// `imp_secret`.
    pub api_secret: String,
    /// Origin (and optional path prefix) without a trailing slash.
    pub base_url: String,
    /// `Tier` header value.
    pub tier: Option<String>,
    /// Per-attempt timeout.
    pub timeout_ms: u32,
    /// Retry bounds.
    pub retry: RetryPolicy,
    /// Whether a browser-like runtime is allowed.
    pub allow_browser: bool,
}

/// Redacts the secret.
impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("api_key", &self.api_key)
            .field("api_secret", &"[REDACTED]")
            .field("base_url", &self.base_url)
            .field("tier", &self.tier)
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .field("allow_browser", &self.allow_browser)
            .finish()
    }
}

impl PortOneClientOptions {
    /// Checks the options and fills in defaults.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the path (e.g. `options.baseUrl`) for an empty key or secret,
    /// a base URL that is not `http(s)://host…` or has a query or fragment, an empty or
    /// non-ASCII tier,
    /// a timeout outside 1..=600000 ms, or more than 10 retries.
    pub fn validate(self) -> Result<ClientConfig, ClientError> {
        let invalid = |path: &str, message: &str| Err(ClientError::invalid_argument(path, message));
        if self.api_key.trim().is_empty() {
            return invalid("options.apiKey", "apiKey must not be empty");
        }
        if self.api_secret.trim().is_empty() {
            return invalid("options.apiSecret", "apiSecret must not be empty");
        }
        let base_url = match self.base_url.as_deref() {
            None => DEFAULT_BASE_URL.to_owned(),
            Some(url) => check_base_url(url)?,
        };
        if let Some(tier) = self.tier.as_deref() {
            if tier.trim().is_empty() || !tier.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
                return invalid(
                    "options.tier",
                    "tier must be a non-empty code of visible ASCII characters",
                );
            }
        }
        let timeout_ms = self.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        if timeout_ms == 0 || timeout_ms > MAX_TIMEOUT_MS {
            return invalid(
                "options.timeoutMs",
                "timeoutMs must be between 1 and 600000",
            );
        }
        let max_retries = self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > MAX_RETRIES_LIMIT {
            return invalid("options.maxRetries", "maxRetries must be between 0 and 10");
        }
        Ok(ClientConfig {
            api_key: self.api_key,
            api_secret: self.api_secret,
            base_url,
            tier: self.tier,
            timeout_ms,
            retry: RetryPolicy::new(max_retries),
            allow_browser: self.dangerously_allow_browser.unwrap_or(false),
        })
    }
}

fn check_base_url(url: &str) -> Result<String, ClientError> {
    let invalid = |message: &str| Err(ClientError::invalid_argument("options.baseUrl", message));
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return invalid("baseUrl must start with https:// (or http:// for a local server)");
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains('@') {
        return invalid("baseUrl must name a host (and no user info)");
    }
    if url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        return invalid("baseUrl must not contain a query, a fragment or spaces");
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Refuses a browser-like runtime (both `window` and `document` exist) unless allowed.
///
/// # Errors
/// `BROWSER_NOT_ALLOWED`.
pub fn check_runtime(
    has_window: bool,
    has_document: bool,
    allow_browser: bool,
) -> Result<(), ClientError> {
    if has_window && has_document && !allow_browser {
        return Err(ClientError::new(
            ClientErrorCode::BrowserNotAllowed,
            "PortOneClient holds your API secret and must run on a server; it refuses to run in a \
             browser (set dangerouslyAllowBrowser only for trusted tooling)",
        ));
    }
    Ok(())
}
