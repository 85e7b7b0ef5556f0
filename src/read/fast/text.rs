//! The two checks inside a string that the fast path makes as it scans, exactly as jiter and
//! `str::from_utf8` make them: an escape, and a character above ASCII.

/// The length of the escape at `at` (its backslash), or `None` for one jiter refuses: an
/// unknown escape, fewer than four hex digits, or a lone surrogate (a `\uD800`-`\uDBFF` not
/// followed by a `\uDC00`-`\uDFFF`, or the latter alone). Checked while scanning rather than
/// by jiter afterwards, which cost 15% of reading a V2 payment (its webhook log holds JSON
/// in strings).
pub(super) fn escape_len(input: &[u8], at: usize) -> Option<usize> {
    match *input.get(at + 1)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(2),
        b'u' => match hex4(input, at + 2)? {
            0xdc00..=0xdfff => None,
            0xd800..=0xdbff => {
                (input.get(at + 6..at + 8)? == b"\\u").then_some(())?;
                let low = hex4(input, at + 8)?;
                (0xdc00..=0xdfff).contains(&low).then_some(12)
            }
            _ => Some(6),
        },
        _ => None,
    }
}

/// The four hex digits at `at` as a number.
fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let digits = input.get(at..at + 4)?;
    digits.iter().try_fold(0, |n, &digit| {
        Some(n << 4 | char::from(digit).to_digit(16)?)
    })
}

/// The length of the UTF-8 sequence of two to four bytes at `at`, or `None`: the checks of
/// `str::from_utf8` (no overlong forms, no surrogates, nothing above U+10FFFF).
#[inline(always)]
pub(super) fn utf8_len(input: &[u8], at: usize) -> Option<usize> {
    let rest = input.get(at..)?;
    // Three bytes (U+0800..U+FFFF less the surrogates: Hangul, CJK) first, by arithmetic.
    if let [b0 @ 0xe0..=0xef, b1, b2, ..] = *rest {
        let point = u32::from(b0 & 0x0f) << 12 | u32::from(b1 & 0x3f) << 6;
        let valid = tail(b1) && tail(b2) && point >= 0x800 && !(0xd800..0xe000).contains(&point);
        return valid.then_some(3);
    }
    match *rest {
        [0xc2..=0xdf, b1, ..] if tail(b1) => Some(2),
        [0xf0, 0x90..=0xbf, b2, b3, ..] if tail(b2) && tail(b3) => Some(4),
        [0xf1..=0xf3, b1, b2, b3, ..] if tail(b1) && tail(b2) && tail(b3) => Some(4),
        [0xf4, 0x80..=0x8f, b2, b3, ..] if tail(b2) && tail(b3) => Some(4),
        _ => None,
    }
}

/// Whether `byte` continues a UTF-8 sequence (`10xxxxxx`).
fn tail(byte: u8) -> bool {
    byte & 0xc0 == 0x80
}
