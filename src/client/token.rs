//! The access-token cache: a small state machine over an injected clock.
//!
//! A token lives 30 minutes by PortOne's clock. The cache converts the token's remaining
//! lifetime (`expired_at - now`, both PortOne's) into the local clock at the moment the
//! token request was *sent*, which corrects any skew between the two clocks and errs on
//! the early side by the request's latency. It then hands the token out until
//! [`REFRESH_MARGIN_MS`] before that local expiry (PortOne extends a token fetched in its
//! last minute, so a refresh then is cheap). A token whose whole remaining life is short is
//! used until [`HARD_MARGIN_MS`] before expiry instead, so a server that does not extend
//! tokens cannot make every call fetch a new one.

use crate::types::AuthAnnotation;

/// Stop handing out a token this long before its (local) expiry: 60 s.
pub const REFRESH_MARGIN_MS: f64 = 60_000.0;
/// Never hand out a token closer than this to its expiry: 5 s.
pub const HARD_MARGIN_MS: f64 = 5_000.0;

/// The cached token and until when (local UNIX milliseconds) it may be handed out.
#[derive(Clone, Default, PartialEq)]
pub struct TokenCache {
    entry: Option<Entry>,
}

#[derive(Clone, PartialEq)]
struct Entry {
    token: String,
    /// Local time after which the token is no longer handed out.
    usable_until_ms: f64,
    /// Local time at which PortOne will consider it expired.
    expires_at_ms: f64,
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        TokenCache::default()
    }

    /// The token to use at `now_ms` (local UNIX milliseconds), or `None` when a token
    /// must be fetched.
    pub fn current(&self, now_ms: f64) -> Option<&str> {
        self.entry
            .as_ref()
            .filter(|e| now_ms < e.usable_until_ms)
            .map(|e| e.token.as_str())
    }

    /// Stores a token PortOne issued for a request sent at `sent_at_ms` (local time, taken
    /// just before sending). Returns the token, which the caller uses for the call that
    /// fetched it even when it is too short-lived to cache.
    pub fn store(&mut self, auth: &AuthAnnotation, sent_at_ms: f64) -> String {
        let remaining_ms = (auth.expired_at.saturating_sub(auth.now)) as f64 * 1000.0;
        let expires_at_ms = sent_at_ms + remaining_ms;
        let margin = if remaining_ms > 2.0 * REFRESH_MARGIN_MS {
            REFRESH_MARGIN_MS
        } else {
            HARD_MARGIN_MS
        };
        let usable_until_ms = expires_at_ms - margin;
        self.entry = (usable_until_ms > sent_at_ms).then(|| Entry {
            token: auth.access_token.clone(),
            usable_until_ms,
            expires_at_ms,
        });
        auth.access_token.clone()
    }

    /// Drops `token` after PortOne rejected it (HTTP 401). A different cached token (one a
    /// concurrent call already refreshed) is kept.
    pub fn invalidate(&mut self, token: &str) {
        if self.entry.as_ref().is_some_and(|e| e.token == token) {
            self.entry = None;
        }
    }

    /// Empties the cache.
    pub fn clear(&mut self) {
        self.entry = None;
    }

    /// When the cached token expires by the local clock, if there is one.
    pub fn expires_at_ms(&self) -> Option<f64> {
        self.entry.as_ref().map(|e| e.expires_at_ms)
    }
}

/// Redacts the token.
impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.entry {
            None => f.write_str("TokenCache(empty)"),
            Some(e) => f
                .debug_struct("TokenCache")
                .field("token", &"[REDACTED]")
                .field("usable_until_ms", &e.usable_until_ms)
                .field("expires_at_ms", &e.expires_at_ms)
                .finish(),
        }
    }
}
