//! Client options: what `PortOneClientOptions` accepts and refuses, and the runtime check.

use super::*;

fn options(json: &str) -> Result<portone_verify::client::ClientConfig, ClientError> {
    decode_argument::<PortOneClientOptions>(json.as_bytes(), "options")?.validate()
}

#[test]
fn options_have_defaults_and_are_checked() {
    let config = options(r#"{"apiKey":"k","apiSecret":"test_secret"}"#).unwrap();
    assert_eq!(config.base_url, "https://api.iamport.kr");
    assert_eq!(
        (
            config.timeout_ms,
            config.retry.max_retries,
            config.allow_browser
        ),
        (10_000, 2, false)
    );
    assert_eq!(config.tier, None);
    let config = options(
        r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"http://127.0.0.1:9/","tier":"T1","timeoutMs":50,"maxRetries":0,"dangerouslyAllowBrowser":true}"#,
    )
    .unwrap();
    assert_eq!(config.base_url, "http://127.0.0.1:9");
    assert_eq!(
        (
            config.timeout_ms,
            config.retry.max_retries,
            config.allow_browser
        ),
        (50, 0, true)
    );
    assert!(!format!("{config:?}").contains("test_secret"));

    let cases = [
        (r#"{"apiSecret":"test_secret"}"#, "options.apiKey"),
        (
            r#"{"apiKey":" ","apiSecret":"test_secret"}"#,
            "options.apiKey",
        ),
        (r#"{"apiKey":"k","apiSecret":""}"#, "options.apiSecret"),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"ftp://x"}"#,
            "options.baseUrl",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://"}"#,
            "options.baseUrl",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://a@b.c"}"#,
            "options.baseUrl",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","baseUrl":"https://x/?q=1"}"#,
            "options.baseUrl",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","tier":""}"#,
            "options.tier",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","tier":"T\n1"}"#,
            "options.tier",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","tier":"티어"}"#,
            "options.tier",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":0}"#,
            "options.timeoutMs",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":600001}"#,
            "options.timeoutMs",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","timeoutMs":-1}"#,
            "options.timeoutMs",
        ),
        (
            r#"{"apiKey":"k","apiSecret":"test_secret","maxRetries":11}"#,
            "options.maxRetries",
        ),
    ];
    for (json, path) in cases {
        let err = options(json).unwrap_err();
        assert_eq!(
            code_and_path(&err),
            (ClientErrorCode::InvalidArgument, Some(path)),
            "{json}"
        );
    }
    let err = options(r#"{"apiKey":"k","apiSecret":"test_secret","apiSecrett":"x"}"#).unwrap_err();
    assert_eq!(err.code(), ClientErrorCode::InvalidArgument);
}

#[test]
fn browsers_are_refused_unless_allowed() {
    let server = RuntimeGlobals::default();
    let page = RuntimeGlobals {
        window: true,
        document: true,
        import_scripts: false,
    };
    let worker = RuntimeGlobals {
        import_scripts: true,
        ..server
    };
    assert!(check_runtime(server, false).is_ok());
    assert!(
        check_runtime(
            RuntimeGlobals {
                window: true,
                ..server
            },
            false
        )
        .is_ok(),
        "a global with `window` only (Deno 1.x) is a server"
    );
    for browser in [page, worker] {
        assert_eq!(
            check_runtime(browser, false).unwrap_err().code(),
            ClientErrorCode::BrowserNotAllowed
        );
        assert!(check_runtime(browser, true).is_ok());
    }
}

#[test]
fn error_codes_have_stable_names() {
    let codes = [
        ClientErrorCode::NotFound,
        ClientErrorCode::Unauthorized,
        ClientErrorCode::BadRequest,
        ClientErrorCode::RateLimited,
        ClientErrorCode::ServerError,
        ClientErrorCode::ApiError,
        ClientErrorCode::Timeout,
        ClientErrorCode::Network,
        ClientErrorCode::InvalidResponse,
        ClientErrorCode::ResponseTooLarge,
        ClientErrorCode::InvalidArgument,
        ClientErrorCode::BrowserNotAllowed,
    ];
    let names: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        names,
        [
            "NOT_FOUND",
            "UNAUTHORIZED",
            "BAD_REQUEST",
            "RATE_LIMITED",
            "SERVER_ERROR",
            "API_ERROR",
            "TIMEOUT",
            "NETWORK",
            "INVALID_RESPONSE",
            "RESPONSE_TOO_LARGE",
            "INVALID_ARGUMENT",
            "BROWSER_NOT_ALLOWED"
        ]
    );
    for code in codes {
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            format!("\"{}\"", code.as_str())
        );
    }
}
