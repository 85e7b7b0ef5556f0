//! The two JavaScript parsing rules the official SDK's verifier relies on, reproduced so that
//! every input is accepted or rejected as the SDK would: `atob` (WHATWG forgiving-base64) and
//! `Number.parseInt(text, 10)`.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// Standard alphabet, no padding (already removed), any trailing bits: what `atob` decodes.
const FORGIVING: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// `atob(text)` as bytes, `None` where `atob` throws: ASCII whitespace is removed, one or two
/// trailing `=` are dropped when the length is a multiple of 4, a length of 1 mod 4 or any
/// character outside `A-Za-z0-9+/` fails, and non-zero trailing bits are accepted.
pub(crate) fn atob(text: &str) -> Option<Vec<u8>> {
    // ASCII whitespace never occurs inside a multi-byte UTF-8 sequence: filtering bytes is
    // filtering characters. Signatures and secrets have none: no copy then.
    let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ');
    let filtered: Vec<u8>;
    let mut data = text.as_bytes();
    if data.iter().any(is_space) {
        filtered = data.iter().copied().filter(|b| !is_space(b)).collect();
        data = &filtered;
    }
    if data.len().is_multiple_of(4) {
        let padding = data
            .iter()
            .rev()
            .take(2)
            .take_while(|&&b| b == b'=')
            .count();
        data = data.get(..data.len() - padding)?;
    }
    if data.len() % 4 == 1
        || !data
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    {
        return None;
    }
    FORGIVING.decode(data).ok()
}

/// `Number.parseInt(text, 10)`: leading JavaScript whitespace, an optional sign, then as many
/// decimal digits as there are (the rest is ignored). `None` is `NaN`. Saturates at the `i64`
/// range, which changes nothing for a ±300 s window.
pub(crate) fn parse_int(text: &str) -> Option<i64> {
    let rest = text.trim_start_matches(is_js_whitespace);
    let (negative, digits) = match rest.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, rest.strip_prefix('+').unwrap_or(rest)),
    };
    let mut value: Option<i64> = None;
    for byte in digits.bytes().take_while(u8::is_ascii_digit) {
        let digit = i64::from(byte - b'0');
        let shifted = value.unwrap_or(0).saturating_mul(10);
        value = Some(if negative {
            shifted.saturating_sub(digit)
        } else {
            shifted.saturating_add(digit)
        });
    }
    value
}

/// ECMAScript `WhiteSpace` and `LineTerminator` (what `parseInt` skips). Differs from
/// [`char::is_whitespace`]: U+FEFF is included, U+0085 is not.
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atob_is_forgiving_like_the_browser() {
        assert_eq!(atob("aGk="), Some(b"hi".to_vec()));
        assert_eq!(atob("aGk"), Some(b"hi".to_vec()));
        assert_eq!(atob(" a G\nk= "), Some(b"hi".to_vec()));
        assert_eq!(
            atob("aGl="),
            Some(b"hi".to_vec()),
            "non-zero trailing bits are accepted"
        );
        assert_eq!(atob(""), Some(Vec::new()));
        assert_eq!(atob("YQ=="), Some(b"a".to_vec()));
        assert_eq!(
            atob("aGk=="),
            None,
            "padding that does not complete a quantum"
        );
        assert_eq!(atob("aG=k"), None);
        assert_eq!(atob("a"), None);
        assert_eq!(atob("a==="), None);
        assert_eq!(
            atob("aGk-"),
            None,
            "URL-safe alphabet is not base64 for atob"
        );
        assert_eq!(atob("é"), None);
    }

    #[test]
    fn parse_int_reads_a_leading_integer() {
        assert_eq!(parse_int("1649367553"), Some(1_649_367_553));
        assert_eq!(parse_int(" \u{FEFF}\t+12abc"), Some(12));
        assert_eq!(parse_int("-7.9"), Some(-7));
        assert_eq!(parse_int("1e3"), Some(1));
        assert_eq!(parse_int("0x10"), Some(0));
        assert_eq!(parse_int("99999999999999999999999"), Some(i64::MAX));
        assert_eq!(parse_int("-99999999999999999999999"), Some(i64::MIN));
        assert_eq!(parse_int("hello"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_int("+-1"), None);
        assert_eq!(
            parse_int("\u{85}1"),
            None,
            "NEL is not JavaScript whitespace"
        );
    }
}
