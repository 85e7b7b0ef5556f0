//! The client's base URL rule: `https://` for any host, plain `http://` only for a loopback
//! host, so the API secret and tokens never cross a network in cleartext.

use super::error::ClientError;

/// Checks a `baseUrl` option and returns it without a trailing slash.
///
/// Accepted: `https://host[:port][/path-prefix]` for any host, and `http://` with a loopback
/// host only — `localhost` (any letter case), an IPv4 address in `127.0.0.0/8` written as four
/// decimal numbers, or `[::1]` (so written) — for a local test server. Anything else is
/// refused before a request exists.
///
/// # Errors
/// `INVALID_ARGUMENT` at `options.baseUrl` for another scheme, plain `http://` to any other
/// host, no host, user info (`user@`), a bad port, a query, a fragment or whitespace.
///
/// ```
/// use portone_verify::client::check_base_url;
/// assert_eq!(check_base_url("https://api.iamport.kr/").unwrap(), "https://api.iamport.kr");
/// assert!(check_base_url("http://127.0.0.1:8787").is_ok());
/// assert!(check_base_url("http://api.iamport.kr").is_err());
/// ```
pub fn check_base_url(url: &str) -> Result<String, ClientError> {
    match problem(url.as_bytes()) {
        Some(message) => Err(ClientError::invalid_argument("options.baseUrl", message)),
        None => {
            let mut kept = url.to_owned();
            while kept.ends_with('/') {
                kept.pop();
            }
            Ok(kept)
        }
    }
}

/// What is wrong with `url` as a base URL, if anything. Byte by byte (std's string searchers
/// and `std::net`'s parsers would add kilobytes to the WebAssembly build).
fn problem(url: &[u8]) -> Option<&'static str> {
    let (rest, plain) = match (url.strip_prefix(b"https://"), url.strip_prefix(b"http://")) {
        (Some(rest), _) => (rest, false),
        (None, Some(rest)) => (rest, true),
        (None, None) => return Some("baseUrl must start with https://"),
    };
    let odd = |b: &u8| matches!(b, b'?' | b'#' | b'\\' | b'@') || *b <= b' ' || *b == 0x7f;
    if url.iter().any(odd) {
        return Some("baseUrl must not contain user@, a query, a fragment, \\ or spaces");
    }
    let authority = rest.split(|&b| b == b'/').next().unwrap_or_default();
    let Some(host) = host_of(authority) else {
        return Some("baseUrl must name a host (and a port from 1 to 65535)");
    };
    (plain && !is_loopback(host)).then_some(
        "baseUrl must use https://: http:// sends the secret in cleartext, so it is allowed only \
         for localhost, 127.0.0.0/8 or [::1]",
    )
}

/// The host of `host[:port]` or `[v6][:port]`; `None` without a host or with a bad port.
fn host_of(authority: &[u8]) -> Option<&[u8]> {
    let host_end = match authority.first() {
        Some(b'[') => authority.iter().position(|&b| b == b']')? + 1,
        _ => authority
            .iter()
            .position(|&b| b == b':')
            .unwrap_or(authority.len()),
    };
    let (host, after) = authority.split_at_checked(host_end)?;
    let port_ok = match after.strip_prefix(b":") {
        None => after.is_empty(),
        Some(port) => number(port, 5).is_some_and(|port| (1..=65_535).contains(&port)),
    };
    let host = host
        .strip_prefix(b"[")
        .map_or(host, |h| h.strip_suffix(b"]").unwrap_or(h));
    (!host.is_empty() && port_ok).then_some(host)
}

/// `localhost`, `127.x.y.z` (four decimal numbers from 0 to 255, without leading zeros: a URL
/// parser reads `0127` as octal) or `::1` (the bracketed host's inside).
fn is_loopback(host: &[u8]) -> bool {
    if host.eq_ignore_ascii_case(b"localhost") || host == b"::1" {
        return true;
    }
    let mut parts = 0;
    for part in host.split(|&b| b == b'.') {
        let octet = number(part, 3)
            .filter(|&n| n <= 255 && (part.len() == 1 || part.first() != Some(&b'0')));
        if octet.is_none() || (parts == 0 && octet != Some(127)) {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

/// The decimal number `digits` writes (1 to `max_len` ASCII digits).
fn number(digits: &[u8], max_len: usize) -> Option<u32> {
    if digits.is_empty() || digits.len() > max_len {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientErrorCode;

    fn refused(url: &str) -> String {
        let err = check_base_url(url).expect_err(url);
        assert_eq!(err.code(), ClientErrorCode::InvalidArgument, "{url}");
        assert_eq!(err.path(), Some("options.baseUrl"), "{url}");
        err.message().to_owned()
    }

    #[test]
    fn https_goes_anywhere_and_http_only_to_loopback() {
        for (url, kept) in [
            ("https://api.iamport.kr", "https://api.iamport.kr"),
            ("https://api.iamport.kr/", "https://api.iamport.kr"),
            (
                "https://10.0.0.5:8443/prefix/",
                "https://10.0.0.5:8443/prefix",
            ),
            ("http://localhost", "http://localhost"),
            ("http://LocalHost:8787/", "http://LocalHost:8787"),
            ("http://127.0.0.1:9", "http://127.0.0.1:9"),
            ("http://127.255.3.4/v1", "http://127.255.3.4/v1"),
            ("http://[::1]:8080", "http://[::1]:8080"),
        ] {
            assert_eq!(check_base_url(url).unwrap(), kept);
        }
        for url in [
            "http://api.iamport.kr",
            "http://api.iamport.kr:80/",
            "http://10.0.0.5",
            "http://192.168.0.1:8080",
            "http://128.0.0.1",
            "http://0.0.0.0",
            "http://[::2]",
            "http://[::ffff:127.0.0.1]",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "http://127.1",
            "http://0x7f.0.0.1",
            "http://2130706433",
            "http://localhost.",
            "http://0127.0.0.1",
            "http://127.0.0.01",
            "http://127.0.0.256",
            "http://127.0.0",
            "http://127.0.0.1.2",
            "http://[0:0:0:0:0:0:0:1]",
        ] {
            assert!(refused(url).contains("cleartext"), "{url}");
        }
    }

    #[test]
    fn malformed_urls_are_refused() {
        for url in [
            "api.iamport.kr",
            "ftp://x",
            "HTTP://localhost",
            "https://",
            "http://",
            "http://:80",
            "https://a@b.c",
            "http://evil.example@127.0.0.1",
            "http://127.0.0.1\\@evil.example",
            "https://x/?q=1",
            "https://x/#f",
            "https://x /",
            "http://127.0.0.1:0",
            "http://127.0.0.1:65536",
            "http://127.0.0.1:8o",
            "http://[::1",
            "http://[::1]x",
        ] {
            refused(url);
        }
    }
}
