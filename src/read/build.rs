//! Rust values from the canonical JSON the reader writes.
//!
//! The reader checks PortOne's JSON by the tolerant rules and writes it out canonically:
//! every field of the schema in order, texts as strings, integers, flags and exact amounts
//! as JSON values, absent fields as `null` or `[]`. Building a Rust value from that text is
//! then strict and mechanical: [`WireValue`] says, for each field type, which [`Kind`] reads
//! it and how its canonical form becomes the value. The `wire!` declarations implement it
//! for their structs, so a field's Rust type is also its reading rule.

use jiter::{Jiter, Peek};

use super::schema::Kind;
use super::union::tag_of;
use crate::amount::Amount;
use crate::error::{ErrorCode, ParseError};
use crate::json_writer::push_string;

/// A cursor over canonical JSON.
pub(crate) struct Canonical<'j> {
    text: &'j str,
    jiter: Jiter<'j>,
    /// The first key of the object just entered, until it is asked for.
    first_key: Option<Option<String>>,
}

impl<'j> Canonical<'j> {
    fn new(text: &'j str) -> Self {
        Canonical {
            text,
            jiter: Jiter::new(text.as_bytes()),
            first_key: None,
        }
    }

    /// Enters the object the cursor is on.
    pub(crate) fn begin_object(&mut self) -> Option<()> {
        self.expect(Peek::Object)?;
        let first = self.jiter.known_object().ok()?.map(str::to_owned);
        self.first_key = Some(first);
        Some(())
    }

    /// Moves to the next key of the current object, which must be `name`.
    pub(crate) fn key(&mut self, name: &str) -> Option<()> {
        let matches = match self.first_key.take() {
            Some(first) => first.as_deref() == Some(name),
            None => self.jiter.next_key().ok()? == Some(name),
        };
        matches.then_some(())
    }

    /// Leaves the current object, which must have no more keys.
    pub(crate) fn end_object(&mut self) -> Option<()> {
        let at_end = match self.first_key.take() {
            Some(first) => first.is_none(),
            None => self.jiter.next_key().ok()?.is_none(),
        };
        at_end.then_some(())
    }

    /// Whether the value under the cursor is `null` (consumed if so).
    pub(crate) fn null(&mut self) -> Option<bool> {
        if self.jiter.peek().ok()? == Peek::Null {
            self.jiter.known_null().ok()?;
            return Some(true);
        }
        Some(false)
    }

    /// The elements of the array under the cursor, each read by `element`.
    pub(crate) fn list<T>(
        &mut self,
        mut element: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut items = Vec::new();
        self.expect(Peek::Array)?;
        let mut next = self.jiter.known_array().ok()?;
        while next.is_some() {
            items.push(element(self)?);
            next = self.jiter.array_step().ok()?;
        }
        Some(items)
    }

    /// A text: a string, or a number (an open numeric code, `card_type`) as written.
    pub(crate) fn text(&mut self) -> Option<String> {
        match self.jiter.peek().ok()? {
            Peek::String => self.string(),
            _ => self.number().map(str::to_owned),
        }
    }

    /// The object under the cursor (consumed) as a cursor of its own, with the text of its
    /// field `tag`: how a union finds its variant.
    pub(crate) fn tagged(&mut self, tag: &str) -> Option<(Option<String>, Canonical<'j>)> {
        let raw = self.raw()?;
        Some((tag_of(raw, tag), Canonical::new(raw)))
    }

    fn string(&mut self) -> Option<String> {
        self.expect(Peek::String)?;
        self.jiter.known_str().ok().map(str::to_owned)
    }

    /// A number's text (skipped, not decoded: jiter's number decoding and its wrong-type
    /// reporting bring a float parser into the wasm builds).
    fn number(&mut self) -> Option<&'j str> {
        let peek = self.jiter.peek().ok()?;
        if !peek.is_num() {
            return None;
        }
        self.raw()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.raw()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// Whether the value under the cursor starts as `peek` says (`known_*` methods assume it;
    /// jiter's `next_*` ones would check it with that same float-bearing error path).
    fn expect(&mut self, peek: Peek) -> Option<()> {
        (self.jiter.peek().ok()? == peek).then_some(())
    }

    fn raw(&mut self) -> Option<&'j str> {
        let start = self.jiter.current_index();
        self.jiter.next_skip().ok()?;
        self.text.get(start..self.jiter.current_index())
    }
}

/// Builds `T` from canonical JSON the reader wrote for `T`'s schema.
///
/// # Errors
/// Never for text the reader wrote; anything else is `INVALID_INPUT` ("internal").
pub(crate) fn build<T: WireValue>(canonical: &str) -> Result<T, ParseError> {
    let mut cursor = Canonical::new(canonical);
    T::from_canonical(&mut cursor)
        .filter(|_| cursor.jiter.finish().is_ok())
        .ok_or_else(|| {
            ParseError::new(
                ErrorCode::InvalidInput,
                "",
                "internal: the canonical JSON does not fit its type",
            )
        })
}

/// A Rust type a wire field can have: how the reader reads it and how it is built from its
/// canonical JSON.
pub(crate) trait WireValue: Sized {
    /// The tolerant rule that reads the field.
    const KIND: Kind;
    /// Whether the field must be present (and not `null`).
    const REQUIRED: bool = false;
    /// The value of its canonical JSON (`None`: not this type's canonical form).
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self>;
    /// Writes the value's canonical JSON (what the reader writes for it).
    fn write(&self, out: &mut String);
}

/// The canonical JSON of a value: what the reader writes for the JSON it was read from.
pub(crate) fn to_canonical_json<T: WireValue>(value: &T) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

/// `Option<T>` of a required `T`: the same rule, `null` or absent allowed.
macro_rules! optional {
    ($($type:ty),* $(,)?) => {$(
        impl WireValue for Option<$type> {
            const KIND: Kind = <$type as WireValue>::KIND;
            fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
                if cursor.null()? {
                    return Some(None);
                }
                <$type as WireValue>::from_canonical(cursor).map(Some)
            }
            fn write(&self, out: &mut String) {
                match self {
                    Some(value) => value.write(out),
                    None => out.push_str("null"),
                }
            }
        }
    )*};
}

impl WireValue for String {
    const KIND: Kind = Kind::Text;
    const REQUIRED: bool = true;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        cursor.string()
    }
    fn write(&self, out: &mut String) {
        push_string(out, self);
    }
}

impl WireValue for i64 {
    const KIND: Kind = Kind::Int;
    const REQUIRED: bool = true;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        cursor.number()?.parse().ok()
    }
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl WireValue for bool {
    const KIND: Kind = Kind::Flag;
    const REQUIRED: bool = true;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        cursor.flag()
    }
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl WireValue for Amount {
    const KIND: Kind = Kind::Amount;
    const REQUIRED: bool = true;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        Amount::parse(cursor.number()?)
    }
    fn write(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

/// Any JSON value, kept as received (`custom_data`).
impl WireValue for serde_json::Value {
    const KIND: Kind = Kind::Any;
    const REQUIRED: bool = true;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        let raw = cursor.raw()?;
        value_from_json(raw).or_else(|| value_from_json(&beyond_f64_as_null(raw)))
    }
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

optional!(String, i64, bool, Amount, serde_json::Value);

/// serde_json's value of `text`, as deep as the reader reads: the reader checked it with jiter
/// (at most 200 levels), and serde_json's own limit of 128 refused values JavaScript was
/// handed (found by fuzzing, tests/fuzz_regressions.rs).
fn value_from_json(text: &str) -> Option<serde_json::Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = <serde_json::Value as serde::Deserialize>::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// `text` (JSON the reader accepted) with each number beyond what an `f64` holds written as
/// `null`: serde_json refuses to read such a number, and writes a non-finite one as `null`
/// (JavaScript reads it as `Infinity`, which `JSON.stringify` writes as `null`). Only for
/// values serde_json refused (found by fuzzing, tests/fuzz_regressions.rs).
fn beyond_f64_as_null(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied, mut in_string) = (0, 0, false);
    while let Some(&byte) = bytes.get(at) {
        match (in_string, byte) {
            (true, b'\\') => at += 2,
            (true, b'"') | (false, b'"') => {
                in_string = !in_string;
                at += 1;
            }
            (false, b'-' | b'0'..=b'9') => {
                let len = bytes
                    .get(at..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .count();
                let token = text.get(at..at + len).unwrap_or_default();
                if token.parse::<f64>().is_ok_and(f64::is_infinite) {
                    out.push_str(text.get(copied..at).unwrap_or_default());
                    out.push_str("null");
                    copied = at + len;
                }
                at += len;
            }
            _ => at += 1,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// A list of texts; `null` reads as empty.
impl WireValue for Vec<String> {
    const KIND: Kind = Kind::Texts;
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        cursor.list(Canonical::string)
    }
    fn write(&self, out: &mut String) {
        write_list(out, self);
    }
}

/// `[a,b]` of the values' canonical JSON.
pub(crate) fn write_list<T: WireValue>(out: &mut String, items: &[T]) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        item.write(out);
    }
    out.push(']');
}
