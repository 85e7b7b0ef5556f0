//! The retry policy: what is retried, how often and after how long.

use super::*;

fn err(code: ClientErrorCode, status: Option<u16>) -> ClientError {
    let err = ClientError::new(code, "x");
    match status {
        Some(status) => err.with_status(status),
        None => err,
    }
}

#[test]
fn idempotent_reads_retry_transient_failures_a_bounded_number_of_times() {
    let policy = RetryPolicy::new(2);
    for failure in [
        err(ClientErrorCode::Network, None),
        err(ClientErrorCode::Timeout, None),
        err(ClientErrorCode::ServerError, Some(500)),
        err(ClientErrorCode::ServerError, Some(503)),
        err(ClientErrorCode::RateLimited, Some(429)),
    ] {
        let mut attempts = Attempts::new(policy, true, true);
        assert!(
            matches!(attempts.after(&failure, 0.5), Next::Retry { .. }),
            "{failure:?}"
        );
        assert!(matches!(attempts.after(&failure, 0.5), Next::Retry { .. }));
        assert_eq!(attempts.after(&failure, 0.5), Next::Fail);
        assert_eq!(attempts.retries(), 2);
    }
    let mut never = Attempts::new(RetryPolicy::new(0), true, true);
    assert_eq!(
        never.after(&err(ClientErrorCode::Network, None), 0.5),
        Next::Fail
    );
}

#[test]
fn non_idempotent_requests_are_never_retried() {
    for failure in [
        err(ClientErrorCode::Network, None),
        err(ClientErrorCode::Timeout, None),
        err(ClientErrorCode::ServerError, Some(502)),
        err(ClientErrorCode::RateLimited, Some(429)),
        err(ClientErrorCode::InvalidResponse, Some(200)),
    ] {
        let mut attempts = Attempts::new(RetryPolicy::new(10), false, true);
        assert_eq!(attempts.after(&failure, 0.5), Next::Fail, "{failure:?}");
    }
}

#[test]
fn client_errors_are_final_except_one_token_refresh() {
    for failure in [
        err(ClientErrorCode::BadRequest, Some(400)),
        err(ClientErrorCode::NotFound, Some(404)),
        err(ClientErrorCode::Unauthorized, Some(403)),
        err(ClientErrorCode::ApiError, Some(200)),
        err(ClientErrorCode::InvalidResponse, Some(200)),
    ] {
        let mut attempts = Attempts::new(RetryPolicy::new(2), true, true);
        assert_eq!(attempts.after(&failure, 0.5), Next::Fail, "{failure:?}");
    }
    let unauthorized = err(ClientErrorCode::Unauthorized, Some(401));
    for idempotent in [true, false] {
        let mut attempts = Attempts::new(RetryPolicy::new(2), idempotent, true);
        assert_eq!(attempts.after(&unauthorized, 0.5), Next::RefreshToken);
        assert!(attempts.refreshed());
        assert_eq!(attempts.after(&unauthorized, 0.5), Next::Fail);
    }
    // The token request itself: bad credentials are final.
    let mut token = Attempts::new(RetryPolicy::new(2), true, false);
    assert_eq!(token.after(&unauthorized, 0.5), Next::Fail);
}

#[test]
fn the_refresh_does_not_use_up_retries() {
    let mut attempts = Attempts::new(RetryPolicy::new(1), true, true);
    assert_eq!(
        attempts.after(&err(ClientErrorCode::Unauthorized, Some(401)), 0.5),
        Next::RefreshToken
    );
    assert!(matches!(
        attempts.after(&err(ClientErrorCode::Network, None), 0.5),
        Next::Retry { .. }
    ));
    assert_eq!(
        attempts.after(&err(ClientErrorCode::Network, None), 0.5),
        Next::Fail
    );
}

#[test]
fn a_call_has_a_worst_case_duration() {
    // 3 attempts of 10 s, 2 waits of at most 30 s (Retry-After cap), 1 s slack.
    assert_eq!(RetryPolicy::new(2).worst_case_ms(10_000), 91_000);
    assert_eq!(RetryPolicy::new(0).worst_case_ms(500), 1_500);
    assert!(RetryPolicy::new(10).worst_case_ms(u32::MAX) > 0);
}

#[test]
fn backoff_grows_with_jitter_and_retry_after_is_honoured_within_a_cap() {
    let policy = RetryPolicy::new(10);
    assert_eq!(
        (policy.backoff_ms(0, 0.0), policy.backoff_ms(0, 1.0)),
        (125, 250)
    );
    assert_eq!(
        (policy.backoff_ms(1, 0.0), policy.backoff_ms(1, 1.0)),
        (250, 500)
    );
    assert_eq!(policy.backoff_ms(30, 1.0), policy.max_delay_ms);
    assert_eq!(policy.backoff_ms(0, f64::NAN), 125);
    for retry in 0..12 {
        let (low, high) = (
            policy.backoff_ms(retry, 0.0),
            policy.backoff_ms(retry, 0.999),
        );
        assert!(low <= high && high <= policy.max_delay_ms);
    }

    let mut attempts = Attempts::new(policy, true, true);
    let limited = err(ClientErrorCode::RateLimited, Some(429)).with_retry_after_ms(Some(1000));
    assert_eq!(
        attempts.after(&limited, 0.0),
        Next::Retry { delay_ms: 1000 }
    );
    let too_long = err(ClientErrorCode::RateLimited, Some(429))
        .with_retry_after_ms(Some(policy.max_retry_after_ms + 1));
    assert_eq!(attempts.after(&too_long, 0.0), Next::Fail);
}
