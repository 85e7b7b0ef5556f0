//! Keys and byte strings compared a machine word at a time (the fast path's key matching).

/// An object key as written, `"name":`, with the words [`Scan::key_is`] compares.
#[derive(Debug)]
pub(crate) struct Key {
    pub(super) text: Vec<u8>,
    pub(super) len: usize,
    /// Bytes 0..8, 8..16 and the last eight (when there are eight).
    pub(super) first: u64,
    pub(super) middle: u64,
    pub(super) last: u64,
}

impl Key {
    pub(crate) fn new(name: &str) -> Key {
        let mut text = Vec::with_capacity(name.len() + 3);
        text.push(b'"');
        text.extend_from_slice(name.as_bytes());
        text.extend_from_slice(b"\":");
        let len = text.len();
        Key {
            first: word_at(&text, 0).unwrap_or(0),
            middle: word_at(&text, 8).unwrap_or(0),
            last: word_at(&text, len.saturating_sub(8)).unwrap_or(0),
            text,
            len,
        }
    }
}

/// `a == b`, eight bytes at a time with the last word overlapping (wasm32's `memcmp` goes a
/// byte at a time, and a byte loop for the tail cost a quarter of the key matching).
#[inline(always)]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            if word_at(a, at) != word_at(b, at) {
                return false;
            }
            at += 8;
        }
        word_at(a, n - 8) == word_at(b, n - 8)
    } else if n >= 4 {
        half_at(a, 0) == half_at(b, 0) && half_at(a, n - 4) == half_at(b, n - 4)
    } else {
        a == b
    }
}

/// The eight bytes at `at` as one number (`None` past the end).
#[inline(always)]
pub(super) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

/// The four bytes at `at` as one number (`None` past the end).
#[inline(always)]
fn half_at(bytes: &[u8], at: usize) -> Option<u32> {
    let chunk = bytes.get(at..at + 4)?;
    <[u8; 4]>::try_from(chunk).ok().map(u32::from_le_bytes)
}
