//! Reads wire objects field by field with `jiter`, checking each value with PortOne's
//! tolerant rules and, when asked, writing the canonical JSON text of the object.

use jiter::{Jiter, JiterError, Peek};

use super::captures::{Captured, Captures};
use super::keys::Key;
use super::path::Path;
use super::scalar::{self, scalar, Shape};
use super::schema::{Field, Kind, Schema, TEXT_ITEM};
use crate::error::{ErrorCode, ParseError};

/// A cursor over one JSON text.
pub(crate) struct Reader<'j> {
    input: &'j str,
    jiter: Jiter<'j>,
    /// Whether canonical text is written (parsing) or only checked (verifying).
    write: bool,
}

/// Checks the whole value `raw` of `field` (any kind, lists and objects included) with the
/// jiter reader, writing nothing.
#[cfg(feature = "fast-verify")]
pub(crate) fn check_value(field: &Field, raw: &str) -> Result<(), ParseError> {
    let mut reader = Reader::new(raw, false);
    let mut captures = Captures::default();
    reader.value(
        field,
        &Path::Root(""),
        &mut String::new(),
        false,
        &mut captures,
    )?;
    reader.finish()
}

impl<'j> Reader<'j> {
    pub(crate) fn new(input: &'j str, write: bool) -> Self {
        Reader {
            input,
            jiter: Jiter::new(input.as_bytes()),
            write,
        }
    }

    /// The text from byte `start` to the cursor.
    fn since(&self, start: usize) -> &'j str {
        self.input
            .get(start..self.jiter.current_index())
            .unwrap_or_default()
    }

    pub(crate) fn syntax(&self, err: &JiterError, path: &Path<'_>) -> ParseError {
        let at = self.jiter.error_position(err.index);
        let message = format!(
            "{} at line {} column {}",
            err.error_type, at.line, at.column
        );
        ParseError::new(ErrorCode::InvalidJson, path.render(), message)
    }

    pub(crate) fn peek(&mut self, path: &Path<'_>) -> Result<Peek, ParseError> {
        self.jiter.peek().map_err(|e| self.syntax(&e, path))
    }

    /// Skips one value (any shape), checking its syntax.
    pub(crate) fn skip(&mut self, path: &Path<'_>) -> Result<(), ParseError> {
        self.jiter.next_skip().map_err(|e| self.syntax(&e, path))
    }

    /// Skips one value and returns its text.
    pub(crate) fn skip_raw(&mut self, path: &Path<'_>) -> Result<&'j str, ParseError> {
        let peek = self.peek(path)?;
        let start = self.jiter.current_index();
        self.jiter
            .known_skip(peek)
            .map_err(|e| self.syntax(&e, path))?;
        Ok(self.since(start))
    }

    /// Checks that nothing but whitespace follows.
    pub(crate) fn finish(&mut self) -> Result<(), ParseError> {
        self.jiter
            .finish()
            .map_err(|e| self.syntax(&e, &Path::Root("")))
    }

    /// Enters the object the cursor is on (already peeked) and returns its first key's
    /// schema index: `Some(None)` for a key the schema does not have, `None` at the end.
    pub(crate) fn first_key(
        &mut self,
        schema: &Schema,
        path: &Path<'_>,
    ) -> Result<Option<Key>, ParseError> {
        match self.jiter.known_object() {
            Ok(key) => Ok(key.map(|k| Key::of(k, schema, 0))),
            Err(e) => Err(self.syntax(&e, path)),
        }
    }

    /// The next key of the current object (see [`Reader::first_key`]).
    pub(crate) fn next_key(
        &mut self,
        schema: &Schema,
        hint: usize,
        path: &Path<'_>,
    ) -> Result<Option<Key>, ParseError> {
        match self.jiter.next_key() {
            Ok(key) => Ok(key.map(|k| Key::of(k, schema, hint))),
            Err(e) => Err(self.syntax(&e, path)),
        }
    }

    /// Reads one field's value, writes its canonical text to `out` and returns the value
    /// when `keep` asks for it.
    /// Values a nested object keeps are kept in `captures` (a payment's `amount.total`).
    fn value(
        &mut self,
        field: &Field,
        path: &Path<'_>,
        out: &mut String,
        keep: bool,
        captures: &mut Captures<'j>,
    ) -> Result<Option<Captured<'j>>, ParseError> {
        match field.kind {
            Kind::Texts => {
                self.list(path, out, |reader, path, out| {
                    let raw = reader.skip_raw(path)?;
                    let out = reader.write.then_some(out);
                    scalar(&TEXT_ITEM, raw, path, out, false).map(|_| ())
                })?;
                Ok(None)
            }
            Kind::List(schema) => {
                self.objects(schema, path, out)?;
                Ok(None)
            }
            Kind::Object(schema) => {
                match self.peek(path)? {
                    Peek::Null if !field.required => {
                        self.jiter.known_null().map_err(|e| self.syntax(&e, path))?;
                        if self.write {
                            out.push_str("null");
                        }
                    }
                    Peek::Object => {
                        captures.merge(self.object(schema, path, out)?);
                    }
                    other => return Err(invalid_type(path, other, "an object")),
                }
                Ok(None)
            }
            // `null` is refused as serde refuses it for a struct (only absence is a default).
            #[cfg(feature = "webhook")]
            Kind::Record(schema) => match self.peek(path)? {
                Peek::Object => {
                    captures.merge(self.object(schema, path, out)?);
                    Ok(None)
                }
                other => Err(invalid_type(path, other, "an object")),
            },
            _ => {
                let raw = self.skip_raw(path)?;
                scalar(field, raw, path, self.write.then_some(out), keep)
            }
        }
    }

    /// Reads a list of objects (or `null`, as empty) with `schema`, writing `[a,b]`; returns
    /// how many there were.
    pub(crate) fn objects(
        &mut self,
        schema: &'static Schema,
        path: &Path<'_>,
        out: &mut String,
    ) -> Result<usize, ParseError> {
        self.list(path, out, |reader, path, out| match reader.peek(path)? {
            Peek::Object => reader.object(schema, path, out).map(|_| ()),
            other => Err(invalid_type(path, other, "an object")),
        })
    }

    /// Reads a list (or `null`, as empty), calling `element` for each item and writing
    /// `[a,b]`; returns the number of items.
    fn list(
        &mut self,
        path: &Path<'_>,
        out: &mut String,
        mut element: impl FnMut(&mut Self, &Path<'_>, &mut String) -> Result<(), ParseError>,
    ) -> Result<usize, ParseError> {
        match self.peek(path)? {
            Peek::Null => {
                self.jiter.known_null().map_err(|e| self.syntax(&e, path))?;
                if self.write {
                    out.push_str("[]");
                }
                return Ok(0);
            }
            Peek::Array => {}
            other => return Err(invalid_type(path, other, "a list")),
        }
        if self.write {
            out.push('[');
        }
        let mut next = self
            .jiter
            .known_array()
            .map_err(|e| self.syntax(&e, path))?;
        let mut index = 0;
        while next.is_some() {
            if self.write && index > 0 {
                out.push(',');
            }
            element(self, &Path::Index(path, index), out)?;
            index += 1;
            next = self.jiter.array_step().map_err(|e| self.syntax(&e, path))?;
        }
        if self.write {
            out.push(']');
        }
        Ok(index)
    }

    /// Reads the object the cursor is on (already peeked) with `schema`, writing its
    /// canonical text to `out`.
    pub(crate) fn object(
        &mut self,
        schema: &'static Schema,
        path: &Path<'_>,
        out: &mut String,
    ) -> Result<Captures<'j>, ParseError> {
        if let Some(union) = &schema.union {
            // Through the union's own pointer: builds whose schemas have no union (V1 only)
            // link none of the union reading.
            let raw = self.skip_raw(path)?;
            return (union.read)(raw, union, self.write, path, out);
        }
        let mut object = ObjectReader::new(schema);
        let mut key = self.first_key(schema, path)?;
        while let Some(k) = key {
            object.field(self, k, path)?;
            key = self.next_key(schema, object.hint, path)?;
        }
        object.finish(self, path, out, None)
    }
}

/// The state of one object being read: which fields were seen, their canonical text and the
/// kept values. Fed key by key, so an envelope's top level can be read as a payment at once.
pub(crate) struct ObjectReader<'j> {
    schema: &'static Schema,
    seen: u64,
    /// Canonical text of the fields read so far, and where each one's is.
    text: String,
    spans: Vec<(u32, u32)>,
    captures: Captures<'j>,
    /// The index after the last field read (see [`Schema::find`]).
    pub hint: usize,
}

impl<'j> ObjectReader<'j> {
    pub(crate) fn new(schema: &'static Schema) -> Self {
        ObjectReader {
            schema,
            seen: 0,
            text: String::with_capacity(128),
            spans: Vec::new(),
            captures: Captures::default(),
            hint: 0,
        }
    }

    /// The values kept so far.
    pub(crate) fn captures(&self) -> &Captures<'j> {
        &self.captures
    }

    /// Reads the value of `key`: a schema field is checked (and written), anything else is
    /// skipped.
    pub(crate) fn field(
        &mut self,
        reader: &mut Reader<'j>,
        key: Key,
        path: &Path<'_>,
    ) -> Result<(), ParseError> {
        let Some((index, field)) = key
            .index
            .and_then(|i| Some((i, self.schema.fields.get(i)?)))
        else {
            return reader.skip(path);
        };
        let path = Path::Key(path, field.name);
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return Err(ParseError::new(
                ErrorCode::InvalidField,
                path.render(),
                format!("duplicate field `{}`", field.name),
            ));
        }
        self.seen |= bit;
        self.hint = index + 1;
        let start = self.text.len();
        let kept = reader.value(
            field,
            &path,
            &mut self.text,
            field.capture.is_some(),
            &mut self.captures,
        )?;
        if reader.write {
            if self.spans.is_empty() {
                self.spans.resize(self.schema.fields.len(), (0, 0));
            }
            if let Some(span) = self.spans.get_mut(index) {
                *span = (to_u32(start), to_u32(self.text.len()));
            }
        }
        if let (Some(capture), Some(kept)) = (field.capture, kept) {
            self.captures.keep(capture, kept);
        }
        Ok(())
    }

    /// Checks required fields and writes `{…}` with every field in schema order (absent ones
    /// as `null` or `[]`), after `lead` (e.g. a computed `"success":true,`).
    pub(crate) fn finish(
        self,
        reader: &Reader<'j>,
        path: &Path<'_>,
        out: &mut String,
        lead: Option<&str>,
    ) -> Result<Captures<'j>, ParseError> {
        let missing = self.schema.required & !self.seen;
        if missing != 0 {
            let index = missing.trailing_zeros() as usize;
            let name = self.schema.fields.get(index).map_or("", |f| f.name);
            return Err(ParseError::new(
                ErrorCode::MissingField,
                Path::Key(path, name).render(),
                format!("missing field `{name}`"),
            ));
        }
        if reader.write {
            out.push('{');
            if let Some(lead) = lead {
                out.push_str(lead);
            }
            let mut first = lead.is_none();
            for (index, field) in self.schema.fields.iter().enumerate() {
                if field.hidden {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                out.push('"');
                out.push_str(field.name);
                out.push_str("\":");
                let span = self
                    .spans
                    .get(index)
                    .filter(|_| self.seen & (1u64 << (index % 64)) != 0);
                match span.and_then(|&(s, e)| self.text.get(s as usize..e as usize)) {
                    Some(text) => out.push_str(text),
                    None => match field.kind {
                        Kind::Texts | Kind::List(_) => out.push_str("[]"),
                        #[cfg(feature = "webhook")]
                        Kind::Record(schema) => {
                            let path = Path::Key(path, field.name);
                            ObjectReader::new(schema).finish(reader, &path, out, None)?;
                        }
                        _ => out.push_str("null"),
                    },
                }
            }
            out.push('}');
        }
        Ok(self.captures)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `INVALID_FIELD` for a value of the wrong JSON type, known from its first byte.
pub(crate) fn invalid_type(path: &Path<'_>, peek: Peek, expected: &str) -> ParseError {
    let shape = match peek {
        Peek::Null => Shape::Null,
        Peek::True => Shape::Bool(true),
        Peek::False => Shape::Bool(false),
        Peek::String => Shape::Str(""),
        Peek::Array => Shape::List,
        Peek::Object => Shape::Object,
        _ => Shape::Number(""),
    };
    scalar::invalid_type(path, shape, expected)
}
