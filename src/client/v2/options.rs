//! The V2 client's options, checked once into a [`ClientConfigV2`].

use tsify::Tsify;

use crate::client::arguments::options;
use crate::client::error::ClientError;
use crate::client::options::{check_api_secret, CommonSettings};
use crate::client::redact::MIN_SECRET_CHARS;
use crate::client::retry::RetryPolicy;

/// PortOne's V2 API host.
pub const DEFAULT_BASE_URL_V2: &str = "https://api.portone.io";

options! {
    /// Options of `new PortOneClientV2(options)`.
    ///
    /// The API secret is a server secret: the client refuses to run in a browser page or a
    /// browser worker unless `dangerouslyAllowBrowser` is set (as `PortOneClient`).
    #[derive(Clone, Default, PartialEq, Eq, Tsify)]
    pub struct PortOneClientV2Options {
        /// V2 API secret (console → 결제 연동 → 연동 정보 → V2 API), at least 8 characters.
        /// Sent only as `Authorization: PortOne <apiSecret>`, never in an error message.
        api_secret as "apiSecret": String,
        /// The store whose payments are read, cancelled and pre-registered (`storeId`); needed
        /// only when the API secret is a merchant's with several stores. A call's own
        /// `storeId` wins.
        #[tsify(optional)]
        store_id as "storeId": Option<String>,
        /// The webhook secret (`whsec_…`) `verifyWebhook` checks signatures with. Never in an
        /// error message.
        #[tsify(optional)]
        webhook_secret as "webhookSecret": Option<String>,
        /// API origin; default `"https://api.portone.io"`. Must be `https://`; plain `http://`
        /// only for a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`: a local test server).
        #[tsify(optional)]
        base_url as "baseUrl": Option<String>,
        /// Timeout of each attempt in milliseconds; default 10000.
        #[tsify(optional)]
        timeout_ms as "timeoutMs": Option<u32>,
        /// Retries of reads (`GET`) after network errors, timeouts, 5xx and 429; default 2, at
        /// most 10. Cancellations and pre-registrations are never retried.
        #[tsify(optional)]
        max_retries as "maxRetries": Option<u32>,
        /// Largest answer body read, in bytes; default 8 MiB (8388608), from 4096 to 1 GiB.
        #[tsify(optional)]
        max_response_bytes as "maxResponseBytes": Option<u32>,
        /// Allow construction in a browser page or worker. Shipping the API secret to buyers
        /// gives them your PortOne account: only for trusted tooling.
        #[tsify(optional)]
        dangerously_allow_browser as "dangerouslyAllowBrowser": Option<bool>,
    }
}

/// Redacts the secrets.
impl std::fmt::Debug for PortOneClientV2Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortOneClientV2Options")
            .field("api_secret", &"[REDACTED]")
            .field("store_id", &self.store_id)
            .field(
                "webhook_secret",
                &self.webhook_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("dangerously_allow_browser", &self.dangerously_allow_browser)
            .finish()
    }
}

/// Validated settings of a V2 client.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientConfigV2 {
    /// The API secret.
    pub api_secret: String,
    /// The default store.
    pub store_id: Option<String>,
    /// The webhook secret, as given (`whsec_…` or bare base64).
    pub webhook_secret: Option<String>,
    /// Origin (and optional path prefix) without a trailing slash.
    pub base_url: String,
    /// Per-attempt timeout.
    pub timeout_ms: u32,
    /// Retry bounds.
    pub retry: RetryPolicy,
    /// Largest answer body read, in bytes.
    pub max_response_bytes: u32,
    /// Whether a browser-like runtime is allowed.
    pub allow_browser: bool,
}

/// Redacts the secrets.
impl std::fmt::Debug for ClientConfigV2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfigV2")
            .field("api_secret", &"[REDACTED]")
            .field("store_id", &self.store_id)
            .field(
                "webhook_secret",
                &self.webhook_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("allow_browser", &self.allow_browser)
            .finish()
    }
}

impl PortOneClientV2Options {
    /// Checks the options and fills in defaults.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` with the path (e.g. `options.webhookSecret`) for an API secret
    /// shorter than 8 characters, an empty `storeId`, a webhook secret that is shorter than 8
    /// characters or not base64 (after an optional `whsec_`), and the checks V1's options make
    /// of `baseUrl`, `timeoutMs`, `maxRetries` and `maxResponseBytes`. No message quotes a value.
    pub fn validate(self) -> Result<ClientConfigV2, ClientError> {
        let invalid = |path: &str, message: &str| Err(ClientError::invalid_argument(path, message));
        check_api_secret(&self.api_secret)?;
        if self
            .store_id
            .as_deref()
            .is_some_and(|s| s.trim().is_empty())
        {
            return invalid("options.storeId", "storeId must not be empty (omit it)");
        }
        if let Some(secret) = self.webhook_secret.as_deref() {
            if secret.chars().count() < MIN_SECRET_CHARS {
                return invalid(
                    "options.webhookSecret",
                    "webhookSecret must have at least 8 characters",
                );
            }
            #[cfg(feature = "webhook")]
            if let Err(err) = crate::webhook::WebhookSecret::parse(secret) {
                return invalid("options.webhookSecret", err.message());
            }
        }
        let common = CommonSettings::check(
            self.base_url.as_deref(),
            DEFAULT_BASE_URL_V2,
            self.timeout_ms,
            self.max_retries,
            self.max_response_bytes,
        )?;
        Ok(ClientConfigV2 {
            api_secret: self.api_secret,
            store_id: self.store_id,
            webhook_secret: self.webhook_secret,
            base_url: common.base_url,
            timeout_ms: common.timeout_ms,
            retry: common.retry,
            max_response_bytes: common.max_response_bytes,
            allow_browser: self.dangerously_allow_browser.unwrap_or(false),
        })
    }
}

options! {
    /// Options of `PortOneClientV2.getPayment`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Tsify)]
    pub struct GetPaymentV2Options {
        /// The payment's store (`storeId`); default the client's.
        #[tsify(optional)]
        store_id as "storeId": Option<String>,
    }
}
