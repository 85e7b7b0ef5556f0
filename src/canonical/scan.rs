//! A forward scanner over one JSON text for the verify fast path: it finds each value's raw
//! bytes without copying or decoding them, and gives up (`None`) on anything it is not sure
//! jiter reads the same way, so its caller can hand the document to the jiter reader.
//!
//! It reads bytes, not `&str`: outside strings anything but ASCII fails the grammar, and a
//! string is checked as UTF-8 only when it holds a byte above ASCII, so the whole document
//! is never validated separately (that pass was 5-10% of the work).

use jiter::{Jiter, Peek};

/// A position in the document.
pub(crate) struct Scan<'j> {
    input: &'j [u8],
    at: usize,
}

/// Eight copies of a byte.
const fn lanes(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// A high bit in each of the eight bytes of `word` that is zero (exact for the lowest one).
const fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(lanes(1)) & !word & lanes(0x80)
}

impl<'j> Scan<'j> {
    pub(crate) fn new(input: &'j [u8]) -> Self {
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

    /// Moves past the closing quote of the string whose opening quote is just behind the
    /// cursor; reports whether it holds a backslash. Control characters fail, and so does
    /// a string that holds bytes above ASCII which are not UTF-8.
    fn string_end(&mut self) -> Option<bool> {
        let start = self.at;
        let mut escaped = false;
        // Every byte read, OR-ed: its high bit says whether the string may be non-ASCII.
        let mut seen = 0u64;
        loop {
            let word = self
                .input
                .get(self.at..self.at + 8)
                .and_then(|chunk| <[u8; 8]>::try_from(chunk).ok())
                .map(u64::from_le_bytes);
            if let Some(word) = word {
                let special = zero_bytes(word ^ lanes(b'"'))
                    | zero_bytes(word ^ lanes(b'\\'))
                    | (word.wrapping_sub(lanes(0x20)) & !word & lanes(0x80));
                seen |= word;
                if special == 0 {
                    self.at += 8;
                    continue;
                }
                self.at += (special.trailing_zeros() / 8) as usize;
            }
            match self.peek()? {
                b'"' => {
                    if seen & lanes(0x80) != 0 {
                        std::str::from_utf8(self.input.get(start..self.at)?).ok()?;
                    }
                    self.at += 1;
                    return Some(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.at += 2; // the escaped character is checked by jiter afterwards
                }
                0..=0x1f => return None,
                byte => {
                    seen |= u64::from(byte) << 56;
                    self.at += 1;
                }
            }
        }
    }

    /// An object key without escapes (an escaped key is left to the jiter reader).
    pub(crate) fn key(&mut self) -> Option<&'j str> {
        self.expect(b'"')?;
        let start = self.at;
        if self.string_end()? {
            return None;
        }
        std::str::from_utf8(self.input.get(start..self.at - 1)?).ok()
    }

    /// Skips one value and returns its bytes, checked as JSON (and as UTF-8).
    pub(crate) fn value(&mut self) -> Option<&'j [u8]> {
        self.space();
        let start = self.at;
        match self.peek()? {
            b'"' => {
                self.at += 1;
                let escaped = self.string_end()?;
                let raw = self.since(start)?;
                // Escapes are checked by jiter, as the reader does.
                (!escaped || jiter_accepts(raw)).then_some(raw)
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
                self.since(start)
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'[' | b'{' => {
                let rest = self.input.get(start..)?;
                let mut jiter = Jiter::new(rest);
                jiter.next_skip().ok()?;
                self.at += jiter.current_index();
                let raw = self.since(start)?;
                std::str::from_utf8(raw).ok()?;
                Some(raw)
            }
            _ => None,
        }
    }

    pub(crate) fn literal(&mut self, word: &'static [u8]) -> Option<&'j [u8]> {
        let raw = self.input.get(self.at..self.at + word.len())?;
        (raw == word).then(|| {
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
    pub(crate) fn members(
        &mut self,
        mut member: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.expect(b'{')?;
        self.space();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            member(self)?;
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Reads the key `"name"` and its colon if they are next (a key without escapes).
    pub(crate) fn key_is(&mut self, name: &str) -> bool {
        self.space();
        let after = self.at + name.len() + 2;
        let matches = self.input.get(self.at..after).is_some_and(|quoted| {
            quoted.first() == Some(&b'"')
                && quoted.last() == Some(&b'"')
                && quoted
                    .get(1..quoted.len() - 1)
                    .is_some_and(|key| same(key, name.as_bytes()))
        });
        if matches {
            self.at = after;
        }
        matches
    }
}

/// `a == b` for slices of equal length, eight bytes at a time (wasm32's `memcmp` goes a
/// byte at a time).
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut a_words = a.chunks_exact(8);
    let mut b_words = b.chunks_exact(8);
    a.len() == b.len()
        && a_words
            .by_ref()
            .zip(b_words.by_ref())
            .all(|(x, y)| word(x) == word(y))
        && tail(a_words.remainder()) == tail(b_words.remainder())
}

/// Up to seven bytes as one number (slices of equal length compare alike).
fn tail(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |acc, &b| acc << 8 | u64::from(b))
}

fn word(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes).map_or(0, u64::from_le_bytes)
}

/// Whether jiter reads the string token `raw` (quotes included), escapes and all.
fn jiter_accepts(raw: &[u8]) -> bool {
    let mut jiter = Jiter::new(raw);
    matches!(jiter.peek(), Ok(Peek::String)) && jiter.known_str().is_ok()
}
