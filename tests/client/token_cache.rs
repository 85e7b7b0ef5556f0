//! The token cache: when a token is used, refreshed or dropped.

use super::*;

fn auth(token: &str, now: i64, expired_at: i64) -> AuthAnnotation {
    serde_json::from_value(
        serde_json::json!({ "access_token": token, "now": now, "expired_at": expired_at }),
    )
    .unwrap()
}

#[test]
fn tokens_are_cached_until_shortly_before_expiry() {
    let mut cache = TokenCache::new();
    assert_eq!(cache.current(0.0), None);
    let sent = 1_000_000.0;
    assert_eq!(
        cache.store(&auth("tok_a", 1_700_000_000, 1_700_001_800), sent),
        "tok_a"
    );
    assert_eq!(cache.current(sent), Some("tok_a"));
    let expiry = sent + 1_800_000.0;
    assert_eq!(cache.expires_at_ms(), Some(expiry));
    assert_eq!(
        cache.current(expiry - REFRESH_MARGIN_MS - 1.0),
        Some("tok_a")
    );
    assert_eq!(cache.current(expiry - REFRESH_MARGIN_MS), None);
    assert!(!format!("{cache:?}").contains("tok_a"));
}

#[test]
fn token_expiry_is_corrected_for_clock_skew() {
    // PortOne's clock is a day ahead of ours and the token has 30 minutes left by its clock:
    // we count those 30 minutes on our own clock from the moment we sent the request.
    let mut cache = TokenCache::new();
    let local_sent = 1_700_000_000_000.0;
    let portone_now = 1_700_086_400;
    cache.store(
        &auth("tok_skew", portone_now, portone_now + 1800),
        local_sent,
    );
    assert_eq!(cache.expires_at_ms(), Some(local_sent + 1_800_000.0));
    assert_eq!(cache.current(local_sent + 1_700_000.0), Some("tok_skew"));
    assert_eq!(cache.current(local_sent + 1_750_000.0), None);
    // Behind by an hour: same lifetime, not "expired an hour ago" nor "valid for 90 minutes".
    let mut cache = TokenCache::new();
    cache.store(
        &auth("tok_behind", 1_699_996_400, 1_699_998_200),
        local_sent,
    );
    assert_eq!(cache.current(local_sent + 1_000.0), Some("tok_behind"));
    assert_eq!(cache.expires_at_ms(), Some(local_sent + 1_800_000.0));
}

#[test]
fn short_lived_tokens_use_the_hard_margin_and_dying_ones_are_not_cached() {
    let mut cache = TokenCache::new();
    cache.store(&auth("tok_short", 100, 190), 0.0); // 90 s left: no point refreshing early
    assert_eq!(cache.current(80_000.0), Some("tok_short"));
    assert_eq!(cache.current(90_000.0 - HARD_MARGIN_MS), None);
    // 3 s left: returned for the call that fetched it, not cached.
    assert_eq!(cache.store(&auth("tok_dying", 100, 103), 0.0), "tok_dying");
    assert_eq!(cache.current(0.0), None);
    // Already expired or nonsense: never cached.
    cache.store(&auth("tok_past", 100, 50), 0.0);
    assert_eq!(cache.current(0.0), None);
}

#[test]
fn invalidation_only_drops_the_rejected_token() {
    let mut cache = TokenCache::new();
    cache.store(&auth("tok_new", 0, 1800), 0.0);
    cache.invalidate("tok_old"); // a concurrent call's stale token
    assert_eq!(cache.current(1.0), Some("tok_new"));
    cache.invalidate("tok_new");
    assert_eq!(cache.current(1.0), None);
}
