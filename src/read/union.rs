//! Objects told apart by one field (a [`Union`], e.g. V2's `Payment` on `status`).

use jiter::{Jiter, Peek};

use super::captures::Captures;
use super::path::Path;
use super::reader::Reader;
use super::schema::Union;
use crate::error::ParseError;

/// Reads `raw` (one JSON object, its syntax already checked) as the variant of `union` its
/// tag names, writing its canonical text when `write`: every [`Union`]'s `read`.
pub(crate) fn read_union<'j>(
    raw: &'j str,
    union: &Union,
    write: bool,
    path: &Path<'_>,
    out: &mut String,
) -> Result<Captures<'j>, ParseError> {
    let schema = union.variant(tag_of(raw, union.tag).as_deref());
    let mut variant = Reader::new(raw, write);
    variant.peek(path)?;
    variant.object(schema, path, out)
}

/// The text of the string field `tag` of the JSON object `raw` (its first occurrence).
/// Only peeks and skips by what it peeked: jiter's `next_object`/`next_skip` can report a
/// wrong type, which pulls its float parser into the wasm builds (for the message).
pub(crate) fn tag_of(raw: &str, tag: &str) -> Option<String> {
    let mut jiter = Jiter::new(raw.as_bytes());
    if jiter.peek().ok()? != Peek::Object {
        return None;
    }
    let mut key = jiter.known_object().ok()?.map(|k| k == tag);
    while let Some(is_tag) = key {
        let peek = jiter.peek().ok()?;
        if is_tag {
            return match peek {
                Peek::String => jiter.known_str().ok().map(str::to_owned),
                _ => None,
            };
        }
        jiter.known_skip(peek).ok()?;
        key = jiter.next_key().ok()?.map(|k| k == tag);
    }
    None
}
