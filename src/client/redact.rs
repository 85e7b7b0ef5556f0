//! Redaction of the API secret and access tokens from error texts, in whatever form a server,
//! a proxy or a network stack may have quoted them: as is, JSON-escaped, or percent-encoded.
//!
//! The rule, for each secret of at least [`MIN_SECRET_CHARS`] characters: every occurrence
//! in which each character is written either as itself or escaped — a JSON escape (`\"`,
//! `\\`, `\/`, `\n`…, `\uXXXX` in either case, a surrogate pair beyond the BMP) or the
//! percent-encoding of its UTF-8 bytes (`%XX` in either case, `+` for a space) — becomes
//! `[REDACTED]`. One rule covers `JSON.stringify`, serde, PHP's `\/` and `\uXXXX`,
//! `encodeURIComponent`, form encoding, and mixtures of them.
//!
//! A secret shorter than that cannot be searched for: replacing every `a` of a message would
//! garble it, and which messages were changed would give the secret away. So when any secret
//! is that short, every text is replaced whole by [`WITHHELD`], whatever it contains. The
//! client never gets there (it refuses such an API secret when it is created, and such a token
//! from PortOne); it covers [`ClientError::redacted`](super::ClientError::redacted) called
//! directly.

/// Shortest API secret or access token, in characters, the client accepts and can redact.
pub const MIN_SECRET_CHARS: usize = 8;

/// What replaces each occurrence of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// What replaces a whole text when a secret to redact is shorter than [`MIN_SECRET_CHARS`].
pub const WITHHELD: &str = "[withheld: a secret to redact is shorter than 8 characters]";

/// The secrets to take out of texts (see the module's rule).
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Vec<String>,
    withhold: bool,
}

/// Never shows the secrets.
impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redactor")
            .field("secrets", &self.secrets.len())
            .field("withhold", &self.withhold)
            .finish()
    }
}

impl Redactor {
    /// A redactor of these secrets (empty ones are ignored).
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        Redactor::from_owned(secrets.into_iter().map(str::to_owned).collect())
    }

    /// [`Redactor::new`] taking the secrets.
    pub(crate) fn from_owned(mut secrets: Vec<String>) -> Self {
        secrets.retain(|s| !s.is_empty());
        let withhold = secrets.iter().any(|s| s.chars().count() < MIN_SECRET_CHARS);
        Redactor { secrets, withhold }
    }

    /// `text` with the secrets taken out; `None` when nothing changes.
    pub(crate) fn apply(&self, text: &str) -> Option<String> {
        if self.withhold {
            return (text != WITHHELD).then(|| WITHHELD.to_owned());
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut at) = (0, 0);
        while let Some(&byte) = bytes.get(at) {
            let rest = bytes.get(at..).unwrap_or_default();
            let found = self
                .secrets
                .iter()
                .filter(|secret| may_start(byte, secret))
                .filter_map(|secret| occurrence_len(rest, secret))
                .max();
            let end = found.map(|len| at + len);
            match (end, text.get(copied..at)) {
                (Some(end), Some(before)) if end > at && text.is_char_boundary(end) => {
                    out.push_str(before);
                    out.push_str(REDACTED);
                    (copied, at) = (end, end);
                }
                _ => at += 1,
            }
        }
        if copied == 0 {
            return None;
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        Some(out)
    }
}

/// Whether an occurrence of `secret` can start with `byte` (its first byte, or an escape).
fn may_start(byte: u8, secret: &str) -> bool {
    secret.as_bytes().first() == Some(&byte) || matches!(byte, b'%' | b'+' | b'\\')
}

/// The length of the longest occurrence of `secret` (each character as itself or escaped)
/// at the start of `text`, if there is one. A depth-first search over (text offset, secret
/// offset): only at a `%`, `+` or `\\` in the secret can two readings both go on, so it
/// stays near linear; a step budget bounds any pathological case (it then finds nothing more).
fn occurrence_len(text: &[u8], secret: &str) -> Option<usize> {
    let wanted = secret.as_bytes();
    let mut pending = vec![(0usize, 0usize)];
    let mut longest = None;
    let mut budget = 8 * wanted.len() + 64;
    while let Some((at, done)) = pending.pop() {
        let Some(left) = budget.checked_sub(1) else {
            break;
        };
        budget = left;
        let Some(&want) = wanted.get(done) else {
            longest = longest.max(Some(at));
            continue;
        };
        let here = text.get(at..).unwrap_or_default();
        if here.first() == Some(&want) || (want == b' ' && here.first() == Some(&b'+')) {
            pending.push((at + 1, done + 1));
        }
        if percent_byte(here) == Some(want) {
            pending.push((at + 3, done + 1));
        }
        let next_char = secret.get(done..).and_then(|rest| rest.chars().next());
        if let Some(len) = next_char.and_then(|c| json_escape_len(here, c)) {
            pending.push((at + len, done + next_char.map_or(1, char::len_utf8)));
        }
    }
    longest
}

/// The byte of a `%XX` at the start of `text`.
fn percent_byte(text: &[u8]) -> Option<u8> {
    match text {
        [b'%', high, low, ..] => Some(hex_digit(*high)? << 4 | hex_digit(*low)?),
        _ => None,
    }
}

/// The length of a JSON escape of `c` at the start of `text`.
fn json_escape_len(text: &[u8], c: char) -> Option<usize> {
    let short = match c {
        '"' => Some(b'"'),
        '\\' => Some(b'\\'),
        '/' => Some(b'/'),
        '\u{8}' => Some(b'b'),
        '\u{c}' => Some(b'f'),
        '\n' => Some(b'n'),
        '\r' => Some(b'r'),
        '\t' => Some(b't'),
        _ => None,
    };
    if let (Some(letter), [b'\\', second, ..]) = (short, text) {
        if letter == *second {
            return Some(2);
        }
    }
    let mut units = [0u16; 2];
    let mut at = 0;
    for unit in c.encode_utf16(&mut units).iter() {
        if utf16_escape(text.get(at..).unwrap_or_default()) != Some(*unit) {
            return None;
        }
        at += 6;
    }
    Some(at)
}

/// The code unit of a `\uXXXX` at the start of `text`.
fn utf16_escape(text: &[u8]) -> Option<u16> {
    match text {
        [b'\\', b'u', a, b, c, d, ..] => [a, b, c, d].iter().try_fold(0u16, |unit, digit| {
            Some(unit << 4 | u16::from(hex_digit(**digit)?))
        }),
        _ => None,
    }
}

fn hex_digit(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|digit| u8::try_from(digit).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact(secrets: &[&str], text: &str) -> String {
        Redactor::new(secrets.iter().copied())
            .apply(text)
            .unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn the_literal_secret_and_every_token_are_redacted() {
        assert_eq!(
            redact(
                &["sk_live_0123", "0a1b2c3d4e5f"],
                "a sk_live_0123 b 0a1b2c3d4e5f c sk_live_0123"
            ),
            "a [REDACTED] b [REDACTED] c [REDACTED]"
        );
        assert_eq!(Redactor::new(["sk_live_0123"]).apply("nothing here"), None);
        assert_eq!(Redactor::new([""]).apply("nothing here"), None);
    }

    #[test]
    fn json_escaped_forms_are_redacted() {
        let secret = "pa\"ss/wo\\rd\n키🔑";
        for quoted in [
            // JSON.stringify and serde_json
            serde_json::to_string(secret).unwrap(),
            // PHP's json_encode: `\/` and every non-ASCII character as `\uXXXX`
            r#""pa\"ss\/wo\\rd\n\ud0a4\ud83d\udd11""#.to_owned(),
            r#""pa\u0022ss\u002Fwo\u005Crd\u000A\uD0A4\uD83D\uDD11""#.to_owned(),
        ] {
            let text = format!("PortOne said {quoted} was wrong");
            assert_eq!(
                redact(&[secret], &text),
                "PortOne said \"[REDACTED]\" was wrong",
                "{text}"
            );
        }
    }

    #[test]
    fn percent_encoded_forms_are_redacted() {
        let secret = "s3cr3t+/= x~*키";
        for encoded in [
            crate::client::encode_component(secret),
            crate::client::encode_component(secret).to_lowercase(),
            form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>(),
            // encodeURIComponent keeps `*` and `~`; lower-case hex; some bytes left as they are
            "s3cr3t%2B%2F%3D%20x~*%ED%82%A4".to_owned(),
            "s3cr3t+%2f=%20x%7E*키".to_owned(),
        ] {
            let text = format!("GET /x?imp_secret={encoded}&y=1 failed");
            assert_eq!(
                redact(&[secret], &text),
                "GET /x?imp_secret=[REDACTED]&y=1 failed",
                "{encoded}"
            );
        }
    }

    #[test]
    fn a_secret_with_percent_signs_matches_both_readings() {
        let secret = "100%+real\\";
        for form in [
            "100%+real\\",
            "100%25%2Breal%5C",
            "100%+real\\\\",
            "100%25+real\\",
        ] {
            assert_eq!(
                redact(&[secret], &format!("<{form}>")),
                "<[REDACTED]>",
                "{form}"
            );
        }
    }

    #[test]
    fn a_short_secret_withholds_every_text_whole() {
        for text in ["a message with an a", "no match", ""] {
            let out = redact(&["a", "long_enough_token"], text);
            assert_eq!(out, WITHHELD, "{text}");
            assert!(!out.contains("a message"));
        }
        // Seven characters are too short, eight are enough.
        assert_eq!(redact(&["1234567"], "x"), WITHHELD);
        assert_eq!(redact(&["12345678"], "x 12345678"), "x [REDACTED]");
        assert_eq!(
            redact(&["키키키키키키키키"], "키키키키키키키키!"),
            "[REDACTED]!"
        );
    }

    #[test]
    fn partial_and_overlapping_occurrences() {
        assert_eq!(
            redact(&["abcdefgh"], "abcdefg abcdefgh"),
            "abcdefg [REDACTED]"
        );
        assert_eq!(
            redact(&["abcdefgh", "abcdefghij"], "abcdefghij abcdefgh"),
            "[REDACTED] [REDACTED]"
        );
        assert_eq!(
            redact(&["aaaaaaaa"], "aaaaaaaaaaaaaaaaa"),
            "[REDACTED][REDACTED]a"
        );
        assert!(!format!("{:?}", Redactor::new(["abcdefgh"])).contains("abcdefgh"));
    }
}
