//! Where in a JSON document serde_json stopped, as a field path (`inner[1].n`): the path of
//! the innermost value holding the byte its error points at. One walk with `jiter`, run only
//! for an error, instead of tracking the path through every deserialisation.

use jiter::{Jiter, Peek};

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
    let mut walk = Walk {
        input,
        offset,
        blame,
        path: Vec::new(),
        found: None,
    };
    let mut jiter = Jiter::new(input);
    let _ = walk.value(&mut jiter);
    walk.found.unwrap_or_else(|| render(&walk.path))
}

/// One step of a path.
enum Segment {
    Key(String),
    Index(usize),
}

fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

struct Walk<'i> {
    input: &'i [u8],
    offset: usize,
    blame: Blame,
    path: Vec<Segment>,
    /// The path of the innermost value blamed, once one ended.
    found: Option<String>,
}

impl Walk<'_> {
    /// Walks one value; an `Err` is a syntax error, where the walk stops with `path` as it
    /// was.
    fn value(&mut self, jiter: &mut Jiter<'_>) -> Result<(), ()> {
        let peek = jiter.peek().map_err(drop)?;
        let start = jiter.current_index();
        match peek {
            Peek::Object => {
                let mut key = jiter.known_object().map_err(drop)?;
                while let Some(k) = key {
                    self.path.push(Segment::Key(k.to_owned()));
                    self.value(jiter)?;
                    self.path.pop();
                    if self.found.is_some() {
                        return Ok(());
                    }
                    key = jiter.next_key().map_err(drop)?;
                }
            }
            Peek::Array => {
                let mut next = jiter.known_array().map_err(drop)?;
                let mut index = 0;
                while next.is_some() {
                    self.path.push(Segment::Index(index));
                    self.value(jiter)?;
                    self.path.pop();
                    if self.found.is_some() {
                        return Ok(());
                    }
                    index += 1;
                    next = jiter.array_step().map_err(drop)?;
                }
            }
            other => jiter.known_skip(other).map_err(drop)?,
        }
        let mut end = jiter.current_index();
        if self.blame == Blame::InsideOrAfter {
            let gap = self.input.get(end..).unwrap_or_default();
            end += gap.iter().take_while(|b| b.is_ascii_whitespace()).count() + 1;
        }
        if (start..end).contains(&self.offset) {
            self.found = Some(render(&self.path));
        }
        Ok(())
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
