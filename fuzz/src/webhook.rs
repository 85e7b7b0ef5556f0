//! Reference rules for V2 webhook verification (Standard Webhooks, as PortOne's JavaScript SDK
//! applies them), written from the specifications rather than from `src/webhook/`: WHATWG
//! forgiving-base64 (`atob`), ECMAScript `Number.parseInt(text, 10)`, and the HMAC-SHA256 of
//! `{id}.{timestamp}.{body}`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// WHATWG "forgiving-base64 decode"; `None` is failure (where `atob` throws).
pub fn atob(text: &str) -> Option<Vec<u8>> {
    // 1. Remove ASCII whitespace.
    let mut data: Vec<char> = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' '))
        .collect();
    // 2. A length that is a multiple of 4 may end in one or two `=`: drop them.
    if data.len() % 4 == 0 {
        for _ in 0..2 {
            if data.last() == Some(&'=') {
                data.pop();
            }
        }
    }
    // 3. A remainder of 1 fails.
    if data.len() % 4 == 1 {
        return None;
    }
    // 4-5. Only the alphabet; six bits each, leftover bits dropped.
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in data {
        let value = ALPHABET.iter().position(|&a| a as char == c)? as u32;
        buffer = buffer << 6 | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Standard base64 with padding.
pub fn btoa(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// ECMAScript WhiteSpace and LineTerminator code points.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{b}' | '\u{c}' | '\u{feff}' // TAB VT FF ZWNBSP
            | '\u{20}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' // Zs
            | '\u{202f}' | '\u{205f}' | '\u{3000}'
            | '\u{a}' | '\u{d}' | '\u{2028}' | '\u{2029}' // LineTerminator
    )
}

/// `Number.parseInt(text, 10)`, `None` for `NaN`. Values beyond ±10^30 are clamped there
/// (far outside any timestamp window, as the double JavaScript computes would be).
pub fn parse_int(text: &str) -> Option<i128> {
    let rest = text.trim_start_matches(js_space);
    let (sign, rest) = match rest.as_bytes().first() {
        Some(b'-') => (-1, &rest[1..]),
        Some(b'+') => (1, &rest[1..]),
        _ => (1, rest),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let magnitude: i128 = if trimmed.len() > 30 {
        10i128.pow(30)
    } else {
        trimmed.parse().unwrap_or(0)
    };
    Some(sign * magnitude)
}

/// HMAC-SHA256 of `{id}.{timestamp}.{body}` under `key`.
pub fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// Whether any `v1,<base64>` entry of `header` (entries split on single spaces, the signature
/// between the first and second comma) decodes to `expected`.
pub fn signature_matches(header: &str, expected: &[u8]) -> bool {
    header.split(' ').any(|entry| {
        let mut parts = entry.split(',');
        parts.next() == Some("v1")
            && parts.next().and_then(atob).is_some_and(|sig| sig == expected)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_rules() {
        assert_eq!(atob("aGk="), Some(b"hi".to_vec()));
        assert_eq!(atob(" a G\nk "), Some(b"hi".to_vec()));
        assert_eq!(atob("aGl="), Some(b"hi".to_vec()));
        assert_eq!(atob("aGk=="), None);
        assert_eq!(atob("a"), None);
        assert_eq!(atob("YQ=="), Some(b"a".to_vec()));
        assert_eq!(btoa(b"hi"), "aGk=");
        assert_eq!(btoa(b"abc"), "YWJj");
        assert_eq!(parse_int(" \u{feff}+12abc"), Some(12));
        assert_eq!(parse_int("-7.9"), Some(-7));
        assert_eq!(parse_int("\u{85}1"), None);
        // The Standard Webhooks test vector.
        let key = atob("C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        let sig = mac(
            &key,
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            "1649367553",
            br#"{"email":"test@example.com","username":"test_user"}"#,
        );
        assert_eq!(btoa(&sig), "tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
    }
}
