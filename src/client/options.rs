//! The client's options, checked once into a [`ClientConfig`].

use tsify::Tsify;

use super::arguments::options;
use super::base_url::check_base_url;
use super::error::ClientError;
use super::redact::MIN_SECRET_CHARS;
use super::retry::{RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES_LIMIT};

/// PortOne's V1 API host.
pub const DEFAULT_BASE_URL: &str = "https://api.iamport.kr";
/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// Largest timeout accepted (JavaScript timers overflow beyond 2^31 - 1 ms).
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// Default cap on one answer's body: 8 MiB.
///
/// PortOne's answers are small: a payment is about 1.5 KB, so `GET /payments` with its
/// maximum of 100 ids is about 150 KB and the largest page a list allows (1000 payments) about
/// 1.5 MB. 8 MiB leaves more than five times that for long cancellation histories and
/// `custom_data`, while a runaway answer stops long before it fills a Worker's 128 MB (the
/// body is held as bytes and again as the JSON handed to JavaScript).
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 8 * 1024 * 1024;
/// Smallest `maxResponseBytes` accepted (below it even one payment would be refused).
pub const MIN_RESPONSE_BYTES_LIMIT: u32 = 4 * 1024;
/// Largest `maxResponseBytes` accepted: 1 GiB.
pub const MAX_RESPONSE_BYTES_LIMIT: u32 = 1 << 30;

options! {
    /// Options of `new PortOneClient(options)`.
    ///
    /// The API secret is a server secret: the client refuses to run in a browser page or a
    /// browser worker unless `dangerouslyAllowBrowser` is set (see `check_runtime`).
    #[derive(Clone, Default, Tsify)]
    pub struct PortOneClientOptions {
        /// V1 REST API key (`imp_key`).
        api_key as "apiKey": String,
        /// V1 REST API secret (`imp_secret`), at least 8 characters. Never sent anywhere but
        /// `POST /users/getToken`, never in an error message.
        api_secret as "apiSecret": String,
        /// API origin; default `"https://api.iamport.kr"`. Must be `https://`; plain `http://`
        /// only for a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`: a local test server).
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
        /// Largest answer body read, in bytes; default 8 MiB (8388608), from 4096 to 1 GiB. A
        /// larger answer (by `Content-Length`, or counted while it streams) is refused with
        /// `RESPONSE_TOO_LARGE` and not retried.
        #[tsify(optional)]
        max_response_bytes as "maxResponseBytes": Option<u32>,
        /// Allow construction in a browser page or worker. Shipping the API secret to buyers
        /// gives them your PortOne account: only for trusted tooling.
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
            .field("max_response_bytes", &self.max_response_bytes)
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
    /// Largest answer body read, in bytes.
    pub max_response_bytes: u32,
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
            .field("max_response_bytes", &self.max_response_bytes)
            .field("allow_browser", &self.allow_browser)
            .finish()
    }
}

impl PortOneClientOptions {
    /// Checks the options and fills in defaults.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the path (e.g. `options.baseUrl`) for an empty key, a secret
    /// shorter than 8 characters, a base URL [`check_base_url`] refuses (plain `http://` to a
    /// host that is not loopback among them), an empty or non-ASCII tier, a timeout outside
    /// 1..=600000 ms, more than 10 retries, or `maxResponseBytes` outside 4096..=2^30. No
    /// message quotes a value.
    pub fn validate(self) -> Result<ClientConfig, ClientError> {
        let invalid = |path: &str, message: &str| Err(ClientError::invalid_argument(path, message));
        if self.api_key.trim().is_empty() {
            return invalid("options.apiKey", "apiKey must not be empty");
        }
        check_api_secret(&self.api_secret)?;
        if let Some(tier) = self.tier.as_deref() {
            if tier.trim().is_empty() || !tier.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
                return invalid(
                    "options.tier",
                    "tier must be a non-empty code of visible ASCII characters",
                );
            }
        }
        let common = CommonSettings::check(
            self.base_url.as_deref(),
            DEFAULT_BASE_URL,
            self.timeout_ms,
            self.max_retries,
            self.max_response_bytes,
        )?;
        Ok(ClientConfig {
            api_key: self.api_key,
            api_secret: self.api_secret,
            base_url: common.base_url,
            tier: self.tier,
            timeout_ms: common.timeout_ms,
            retry: common.retry,
            max_response_bytes: common.max_response_bytes,
            allow_browser: self.dangerously_allow_browser.unwrap_or(false),
        })
    }
}

/// The settings V1's and V2's clients share, checked the same way.
pub(crate) struct CommonSettings {
    pub base_url: String,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    pub max_response_bytes: u32,
}

/// The API secret rule of both clients' options: not blank, and at least
/// [`MIN_SECRET_CHARS`] characters (a shorter one could not be redacted from messages without
/// garbling them, see `ClientError::redacted`; PortOne's secrets are long random strings).
///
/// # Errors
/// `INVALID_ARGUMENT` at `options.apiSecret`; the message never quotes the secret.
pub(crate) fn check_api_secret(secret: &str) -> Result<(), ClientError> {
    if secret.trim().is_empty() {
        return Err(ClientError::invalid_argument(
            "options.apiSecret",
            "apiSecret must not be empty",
        ));
    }
    if secret.chars().count() < MIN_SECRET_CHARS {
        return Err(ClientError::invalid_argument(
            "options.apiSecret",
            "apiSecret must have at least 8 characters",
        ));
    }
    Ok(())
}

impl CommonSettings {
    /// Checks `baseUrl` (default `default_base_url`), `timeoutMs`, `maxRetries` and
    /// `maxResponseBytes` and fills in their defaults.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the option's path, as [`PortOneClientOptions::validate`] says.
    pub(crate) fn check(
        base_url: Option<&str>,
        default_base_url: &str,
        timeout_ms: Option<u32>,
        max_retries: Option<u32>,
        max_response_bytes: Option<u32>,
    ) -> Result<CommonSettings, ClientError> {
        let invalid = |path: &str, message: &str| Err(ClientError::invalid_argument(path, message));
        let base_url = match base_url {
            None => default_base_url.to_owned(),
            Some(url) => check_base_url(url)?,
        };
        let timeout_ms = timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        if timeout_ms == 0 || timeout_ms > MAX_TIMEOUT_MS {
            return invalid(
                "options.timeoutMs",
                "timeoutMs must be between 1 and 600000",
            );
        }
        let max_retries = max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > MAX_RETRIES_LIMIT {
            return invalid("options.maxRetries", "maxRetries must be between 0 and 10");
        }
        let max_response_bytes = max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if !(MIN_RESPONSE_BYTES_LIMIT..=MAX_RESPONSE_BYTES_LIMIT).contains(&max_response_bytes) {
            return invalid(
                "options.maxResponseBytes",
                "maxResponseBytes must be between 4096 and 1073741824",
            );
        }
        Ok(CommonSettings {
            base_url,
            timeout_ms,
            retry: RetryPolicy::new(max_retries),
            max_response_bytes,
        })
    }
}
