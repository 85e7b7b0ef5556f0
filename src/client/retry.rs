//! The retry policy: which failures are retried for which request, and how long to wait.
//!
//! - A request that is not idempotent (a cancellation, a pre-registration) is never resent
//!   after it may have reached PortOne: no retry on network errors, timeouts, 5xx or 429.
//! - Idempotent requests (every `GET`, and the token request) are retried on network
//!   errors, timeouts, 5xx and 429, at most `max_retries` times, with exponential backoff
//!   and jitter; a `Retry-After` is honoured up to [`RetryPolicy::max_retry_after_ms`]
//!   (a longer one ends the call instead of waiting).
//! - Other 4xx are final, except the one HTTP 401 of an authenticated call: the token is
//!   dropped, a fresh one fetched and the call resent once (for any method: a 401 means
//!   PortOne refused the request before acting on it).

use super::error::{ClientError, ClientErrorCode};

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Largest `maxRetries` accepted.
pub const MAX_RETRIES_LIMIT: u32 = 10;

/// Bounds and delays of retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: never retry).
    pub max_retries: u32,
    /// Delay before the first retry, before jitter.
    pub base_delay_ms: u64,
    /// Largest backoff delay.
    pub max_delay_ms: u64,
    /// Longest `Retry-After` honoured; a longer one fails the call at once.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new(DEFAULT_MAX_RETRIES)
    }
}

impl RetryPolicy {
    /// `max_retries` retries, backoff from 250 ms doubling up to 4 s, `Retry-After` up to 30 s.
    pub fn new(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            base_delay_ms: 250,
            max_delay_ms: 4_000,
            max_retry_after_ms: 30_000,
        }
    }

    /// The backoff before retry number `retry` (0 for the first): `base * 2^retry`, capped,
    /// then "equal jitter" with `random` in `[0, 1)`: between half and all of it.
    pub fn backoff_ms(&self, retry: u32, random: f64) -> u64 {
        let exp = self
            .base_delay_ms
            .saturating_mul(1u64 << retry.min(20))
            .min(self.max_delay_ms);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let half = exp / 2;
        half + ((exp - half) as f64 * random) as u64
    }

    /// The longest a call of an idempotent request can take with `timeout_ms` per attempt:
    /// every attempt timing out, every wait at its cap, plus a second of slack. Used to
    /// stop waiting on a shared token request that will never settle.
    pub fn worst_case_ms(&self, timeout_ms: u32) -> u64 {
        let attempts = u64::from(self.max_retries) + 1;
        let longest_wait = self.max_delay_ms.max(self.max_retry_after_ms);
        attempts
            .saturating_mul(u64::from(timeout_ms))
            .saturating_add(u64::from(self.max_retries).saturating_mul(longest_wait))
            .saturating_add(1_000)
    }

    /// Whether a failure may be retried at all for an idempotent request.
    pub fn is_transient(err: &ClientError) -> bool {
        matches!(
            err.code(),
            ClientErrorCode::Network
                | ClientErrorCode::Timeout
                | ClientErrorCode::ServerError
                | ClientErrorCode::RateLimited
        )
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Drop the token that was rejected, get a fresh one and resend at once.
    RefreshToken,
    /// Wait this many milliseconds, then resend.
    Retry {
        /// The delay.
        delay_ms: u64,
    },
    /// Give up: the error is final.
    Fail,
}

/// The attempts of one call: counts retries and the single token refresh.
#[derive(Clone, Debug)]
pub struct Attempts {
    policy: RetryPolicy,
    idempotent: bool,
    authenticated: bool,
    retries: u32,
    refreshed: bool,
}

impl Attempts {
    /// The attempts of a call of a request with these properties
    /// (see [`ApiRequest`](super::request::ApiRequest)).
    pub fn new(policy: RetryPolicy, idempotent: bool, authenticated: bool) -> Self {
        Attempts {
            policy,
            idempotent,
            authenticated,
            retries: 0,
            refreshed: false,
        }
    }

    /// Decides what follows the failure `err`; `random` in `[0, 1)` jitters the backoff.
    pub fn after(&mut self, err: &ClientError, random: f64) -> Next {
        if err.code() == ClientErrorCode::Unauthorized && err.status() == Some(401) {
            if self.authenticated && !self.refreshed {
                self.refreshed = true;
                return Next::RefreshToken;
            }
            return Next::Fail;
        }
        if !self.idempotent
            || !RetryPolicy::is_transient(err)
            || self.retries >= self.policy.max_retries
        {
            return Next::Fail;
        }
        let delay_ms = match err.retry_after_ms() {
            Some(wait) if wait > self.policy.max_retry_after_ms => return Next::Fail,
            Some(wait) => wait,
            None => self.policy.backoff_ms(self.retries, random),
        };
        self.retries += 1;
        Next::Retry { delay_ms }
    }

    /// Retries made so far (the token refresh not counted).
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// Whether the token was refreshed once already.
    pub fn refreshed(&self) -> bool {
        self.refreshed
    }
}
