//! A forward scanner over one JSON text for the verify fast path: it finds each value's raw
//! bytes without copying or decoding them, and gives up (`None`) on anything it is not sure
//! jiter reads the same way, so its caller can hand the document to the jiter reader.
//!
//! It reads bytes, not `&str`: outside strings anything but ASCII fails the grammar, and a
//! string is checked as UTF-8 only when it holds a byte above ASCII, so the whole document
//! is never validated separately (that pass was 5-10% of the work).

use jiter::Jiter;

use super::text::{escape_len, utf8_len};
use super::words::{same, word_at, Key};

/// A position in the document.
#[derive(Clone)]
pub(crate) struct Scan<'j> {
    input: &'j [u8],
    at: usize,
}

/// Eight copies of a byte.
const fn lanes(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

impl<'j> Scan<'j> {
    /// A scan of a whole document, after its byte order mark if it has one.
    pub(crate) fn new(input: &'j [u8]) -> Self {
        let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        Scan { input, at: 0 }
    }

    /// Whether only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.space();
        self.at == self.input.len()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.input.get(self.at).copied()
    }

    /// Skips JSON whitespace.
    pub(crate) fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Skips whitespace and then `byte`, or fails.
    pub(crate) fn expect(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// The bytes from `start` to the cursor.
    fn since(&self, start: usize) -> Option<&'j [u8]> {
        self.input.get(start..self.at)
    }

    /// The eight bytes at the cursor as one number, if there are eight left.
    fn word(&self) -> Option<u64> {
        word_at(self.input, self.at)
    }

    /// Moves past the closing quote of the string whose opening quote is just behind the
    /// cursor; reports whether it holds a backslash. Control characters fail, and so do bytes
    /// above ASCII that are not UTF-8: they are checked where they are found, so a string is
    /// read once (a separate `from_utf8` of each non-ASCII string was a tenth of the work).
    /// On wasm32 (only the edge build has this module) with SIMD, sixteen bytes at a time.
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    fn string_end(&mut self) -> Option<bool> {
        let mut escaped = false;
        loop {
            self.skip_plain();
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.at += escape_len(self.input, self.at)?;
                }
                0..=0x1f => return None,
                // Text in Hangul and the like: the next character is likely one too.
                0x80..=0xff => loop {
                    self.at += utf8_len(self.input, self.at)?;
                    if self.peek()? < 0x80 {
                        break;
                    }
                },
                _ => self.at += 1,
            }
        }
    }

    /// Moves to the next quote, backslash, control character or byte above ASCII inside a
    /// string, sixteen bytes at a time (then eight, then the caller goes one by one).
    #[cfg(target_arch = "wasm32")]
    #[target_feature(enable = "simd128")]
    #[inline]
    fn skip_plain(&mut self) {
        use core::arch::wasm32::{
            i8x16_bitmask, i8x16_eq, i8x16_splat, i8x16_sub, u8x16_ge, u8x16_splat, v128,
            v128_load, v128_or,
        };
        while let Some(chunk) = self.input.get(self.at..self.at + 16) {
            // SAFETY: `chunk` is 16 bytes long, so the (unaligned) 16-byte load reads inside it.
            let bytes = unsafe { v128_load(chunk.as_ptr().cast::<v128>()) };
            // A byte below 0x20 or above 0x7f is at least 0x60 once 0x20 is taken off.
            let special = v128_or(
                v128_or(
                    i8x16_eq(bytes, i8x16_splat(b'"' as i8)),
                    i8x16_eq(bytes, i8x16_splat(b'\\' as i8)),
                ),
                u8x16_ge(i8x16_sub(bytes, i8x16_splat(0x20)), u8x16_splat(0x60)),
            );
            let mask = i8x16_bitmask(special);
            if mask != 0 {
                self.at += mask.trailing_zeros() as usize;
                return;
            }
            self.at += 16;
        }
        self.skip_plain_words();
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn skip_plain(&mut self) {
        self.skip_plain_words();
    }

    /// [`Scan::skip_plain`] eight bytes at a time.
    #[inline]
    fn skip_plain_words(&mut self) {
        while let Some(word) = self.word() {
            // A high bit in each byte that is a quote, a backslash, a control character or
            // above ASCII; the lowest one is exact (a borrow only runs upwards).
            let quote = word ^ lanes(b'"');
            let backslash = word ^ lanes(b'\\');
            let stop = ((quote.wrapping_sub(lanes(1)) & !quote)
                | (backslash.wrapping_sub(lanes(1)) & !backslash)
                | (word.wrapping_sub(lanes(0x20)) & !word)
                | word)
                & lanes(0x80);
            if stop != 0 {
                self.at += (stop.trailing_zeros() / 8) as usize;
                return;
            }
            self.at += 8;
        }
    }

    /// An object key without escapes, as UTF-8 bytes (an escaped key is left to the jiter
    /// reader).
    pub(crate) fn key(&mut self) -> Option<&'j [u8]> {
        self.expect(b'"')?;
        let start = self.at;
        if self.string_end()? {
            return None;
        }
        self.input.get(start..self.at - 1)
    }

    /// Skips one value and returns its bytes, checked as JSON (and as UTF-8).
    #[inline(always)]
    pub(crate) fn value(&mut self) -> Option<&'j [u8]> {
        self.token().map(|(raw, _)| raw)
    }

    /// [`Scan::value`], and whether it is a string that holds an escape.
    #[inline(always)]
    pub(crate) fn token(&mut self) -> Option<(&'j [u8], bool)> {
        self.space();
        let start = self.at;
        let raw = match self.peek()? {
            b'"' => return self.string(),
            b'-' | b'0'..=b'9' => {
                self.number()?;
                self.since(start)
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            // Empty lists (PortOne's usual histories) without jiter.
            b'[' if self.empty_list_next() => {
                self.at += 2;
                self.since(start)
            }
            b'[' | b'{' => self.nested(start),
            _ => None,
        }?;
        Some((raw, false))
    }

    /// A list or object (but `[]`), skipped by jiter and checked as UTF-8.
    #[inline(never)]
    fn nested(&mut self, start: usize) -> Option<&'j [u8]> {
        let rest = self.input.get(start..)?;
        let mut jiter = Jiter::new(rest);
        jiter.next_skip().ok()?;
        self.at += jiter.current_index();
        let raw = self.since(start)?;
        std::str::from_utf8(raw).ok()?;
        Some(raw)
    }

    /// Skips the string whose opening quote is next; returns its bytes (quotes included)
    /// and whether it holds an escape (each one checked as jiter checks it).
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Option<(&'j [u8], bool)> {
        let start = self.at;
        self.at += 1;
        let escaped = self.string_end()?;
        Some((self.since(start)?, escaped))
    }

    #[inline(always)]
    pub(crate) fn literal(&mut self, word: &'static [u8]) -> Option<&'j [u8]> {
        let raw = self.input.get(self.at..self.at + word.len())?;
        // Words, not `==` (a call to memcmp on wasm32, a byte at a time).
        same(raw, word).then(|| {
            self.at += word.len();
            raw
        })
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    #[inline]
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            // jiter refuses integer runs of 4300 digits and more.
            b'1'..=b'9' => (self.digits() < 4000).then_some(())?,
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            (self.digits() > 0).then_some(())?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            (self.digits() > 0).then_some(())?;
        }
        Some(())
    }

    /// Walks the members of the object whose `{` is next, calling `member` with the cursor
    /// before each key (it must read the key, the colon and the value).
    #[inline(always)]
    pub(crate) fn members(&mut self, member: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.sequence(b'{', b'}', member)
    }

    /// Walks the items of the list whose `[` is next, calling `item` with the cursor before
    /// each one (it must read the whole item).
    pub(crate) fn elements(&mut self, item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.sequence(b'[', b']', item)
    }

    /// Walks what stands between `open` (next) and `close`, separated by commas.
    #[inline(always)]
    fn sequence(
        &mut self,
        open: u8,
        close: u8,
        mut each: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.expect(open)?;
        self.space();
        if self.peek()? == close {
            self.at += 1;
            return Some(());
        }
        loop {
            each(self)?;
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                byte if byte == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Whether the value at the cursor is `[]` (a token, read by [`Scan::token`]).
    #[inline(always)]
    pub(crate) fn empty_list_next(&self) -> bool {
        self.input.get(self.at..self.at + 2) == Some(b"[]")
    }

    /// Reads the key `name` and its colon if they are next, written without escapes or
    /// whitespace between them ([`Scan::key_is`] without precomputed words).
    #[inline(always)]
    pub(crate) fn name_is(&mut self, name: &str) -> bool {
        self.space();
        let after = self.at + name.len() + 3;
        match self.input.get(self.at..after) {
            Some([b'"', text @ .., b'"', b':']) if same(text, name.as_bytes()) => {
                self.at = after;
                true
            }
            _ => false,
        }
    }

    /// Reads the key and colon `key` stands for if they are next, written without escapes or
    /// whitespace between them (anything else is left for [`Scan::key`]).
    #[inline(always)]
    pub(crate) fn key_is(&mut self, key: &Key) -> bool {
        self.space();
        let len = key.len;
        let after = self.at + len;
        let Some(window) = self.input.get(self.at..after) else {
            return false;
        };
        // Two or three words cover `"name":` for every documented key (`Key::new`).
        let matches = if len >= 8 {
            word_at(window, 0) == Some(key.first)
                && (len <= 16 || word_at(window, 8) == Some(key.middle))
                && word_at(window, len - 8) == Some(key.last)
                && (len <= 24 || same(window, &key.text))
        } else {
            same(window, &key.text)
        };
        if matches {
            self.at = after;
        }
        matches
    }
}
