//! Where in a JSON document serde_json stopped, as a field path (`inner[1].n`): the path of
//! the innermost value holding the byte its error points at. One walk with `jiter`, run only
//! for an error, instead of tracking the path through every deserialisation.

use jiter::{Jiter, Peek};

use crate::read::Path;

/// The byte of `input` at serde_json's 1-based `line` and `column` (the last byte it read).
pub(crate) fn offset_of(input: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match input.iter().skip(start).position(|&b| b == b'\n') {
            Some(newline) => start += newline + 1,
            None => break,
        }
    }
    (start + column).saturating_sub(1)
}

/// Where serde_json's error position points, relative to the value at fault.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blame {
    /// Inside the value (a missing field: the `}` of its object).
    Inside,
    /// Inside the value or right after it (a value a visitor refused once it was read).
    InsideOrAfter,
}

/// The path of the innermost value of `input` that byte `offset` is blamed on; `""` for the
/// top-level value or an offset outside it. A syntax error ends the walk where it happened.
pub(crate) fn path_at(input: &[u8], offset: usize, blame: Blame) -> String {
    let walk = Walk {
        input,
        offset,
        blame,
    };
    match walk.value(&mut Jiter::new(input), &Path::Root(""), 0) {
        Ok(found) => found.unwrap_or_default(),
        Err(broken_off) => broken_off,
    }
}

/// How deep the walk goes: serde_json stops at 128 levels, so its errors are never deeper.
/// Deeper values are skipped whole (the walk recursed once per level of the input: a deep
/// enough input overflowed the stack; found by fuzzing, tests/fuzz_regressions.rs).
const MAX_DEPTH: usize = 130;

struct Walk<'i> {
    input: &'i [u8],
    offset: usize,
    blame: Blame,
}

impl Walk<'_> {
    /// Walks the value at `path`: `Some` with the path of the innermost value blamed, once
    /// one ended; `Err` with the path where a syntax error broke the walk off.
    fn value(
        &self,
        jiter: &mut Jiter<'_>,
        path: &Path<'_>,
        depth: usize,
    ) -> Result<Option<String>, String> {
        let broken = |_| path.render();
        let peek = jiter.peek().map_err(broken)?;
        let start = jiter.current_index();
        match peek {
            Peek::Object | Peek::Array if depth >= MAX_DEPTH => {
                jiter.known_skip(peek).map_err(broken)?
            }
            Peek::Object => {
                let mut key = jiter.known_object().map_err(broken)?.map(str::to_owned);
                while let Some(k) = key {
                    if let Some(found) = self.value(jiter, &Path::Key(path, &k), depth + 1)? {
                        return Ok(Some(found));
                    }
                    key = jiter.next_key().map_err(broken)?.map(str::to_owned);
                }
            }
            Peek::Array => {
                let mut next = jiter.known_array().map_err(broken)?;
                let mut index = 0;
                while next.is_some() {
                    if let Some(found) = self.value(jiter, &Path::Index(path, index), depth + 1)? {
                        return Ok(Some(found));
                    }
                    index += 1;
                    next = jiter.array_step().map_err(broken)?;
                }
            }
            other => jiter.known_skip(other).map_err(broken)?,
        }
        let mut end = jiter.current_index();
        if self.blame == Blame::InsideOrAfter {
            let gap = self.input.get(end..).unwrap_or_default();
            end += gap.iter().take_while(|b| b.is_ascii_whitespace()).count() + 1;
        }
        Ok((start..end).contains(&self.offset).then(|| path.render()))
    }
}

#[cfg(test)]
mod tests {
    use super::{offset_of, path_at, Blame};

    #[test]
    fn finds_the_innermost_value_at_an_offset() {
        let json = br#"{"a":{"b":[1,{"c":"x"}]},"d":true }"#;
        let at = |needle: &str, blame| {
            let start = std::str::from_utf8(json).unwrap().find(needle).unwrap();
            path_at(json, start, blame)
        };
        assert_eq!(at("\"x\"", Blame::Inside), "a.b[1].c");
        assert_eq!(at("1,", Blame::Inside), "a.b[0]");
        assert_eq!(at("{\"c\"", Blame::Inside), "a.b[1]");
        assert_eq!(at("true", Blame::Inside), "d");
        // Right after a value: that value, unless only inside counts.
        assert_eq!(at(",{\"c\"", Blame::InsideOrAfter), "a.b[0]");
        assert_eq!(at(",{\"c\"", Blame::Inside), "a.b");
        assert_eq!(at("]}", Blame::InsideOrAfter), "a.b[1]");
        assert_eq!(at(" }", Blame::InsideOrAfter), "d");
        assert_eq!(at("}]", Blame::Inside), "a.b[1]");
        assert_eq!(path_at(json, 0, Blame::Inside), "");
        assert_eq!(path_at(json, 999, Blame::Inside), "");
        // A truncated document: the path where the walk broke off.
        assert_eq!(path_at(br#"{"a":[{"b":"#, 999, Blame::Inside), "a[0].b");
        assert_eq!(offset_of(b"ab\ncd", 2, 2), 4);
        assert_eq!(offset_of(b"abcd", 1, 3), 2);
        assert_eq!(offset_of(b"", 1, 0), 0);
    }
}
