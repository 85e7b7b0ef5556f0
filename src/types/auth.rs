//! `AuthAnnotation`: the answer of `POST /users/getToken`.

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;

wire! {
    /// An access token with its expiry and PortOne's clock (all UNIX seconds). A token lives 30
    /// minutes; `now` lets a client correct its own clock skew.
    #[derive(Clone, PartialEq, Eq, Serialize, Tsify)]
    pub struct AuthAnnotation {
        /// Bearer token for `Authorization: Bearer …`.
        access_token: String,
        /// When the token expires.
        expired_at: i64,
        /// PortOne's clock when the token was issued.
        now: i64,
    }
}

/// Redacts the token.
impl std::fmt::Debug for AuthAnnotation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthAnnotation")
            .field("access_token", &"[REDACTED]")
            .field("expired_at", &self.expired_at)
            .field("now", &self.now)
            .finish()
    }
}
