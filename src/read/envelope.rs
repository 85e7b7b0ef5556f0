//! PortOne's V1 `{code, message, response}` envelope: its own keys by the tolerant rules, and
//! the one decision every reader of it makes (is this an envelope, and did it fail?).

use jiter::Peek;

use super::document::{enter_object, read_bare, without_bom, Read};
use super::keys::EnvelopeKey;
use super::path::Path;
use super::reader::{invalid_type, Reader};
use super::scalar::{decode_string, Shape};
use super::schema::Schema;
use super::tolerant;
use crate::error::{ErrorCode, ParseError};

/// What a V1 document is, decided from its top level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Document {
    /// A bare payload: it has its own `imp_uid`, or neither `code` nor `response`.
    Bare,
    /// An envelope whose `response` holds the payload (`code` is 0 or absent).
    Enveloped,
    /// An envelope that failed: `code` is not 0, or `response` is absent or `null`.
    Failed,
}

/// The one rule for telling a bare payload from an envelope (the jiter reader and the verify
/// fast path both decide with it).
pub(crate) fn classify(has_imp_uid: bool, code: Option<i64>, has_response: bool) -> Document {
    if has_imp_uid || (code.is_none() && !has_response) {
        Document::Bare
    } else if code.unwrap_or(0) != 0 || !has_response {
        Document::Failed
    } else {
        Document::Enveloped
    }
}

/// The envelope's own keys, as read from the top level.
#[derive(Default)]
pub(crate) struct EnvelopeKeys<'j> {
    pub code: Option<i64>,
    pub message: Option<String>,
    /// `response`, when present and not `null`: its text.
    pub response: Option<&'j str>,
    pub seen: [bool; 3],
}

impl<'j> EnvelopeKeys<'j> {
    /// Reads `code` or `message` (both are checked in every document, bare or not).
    pub(crate) fn read(
        &mut self,
        reader: &mut Reader<'j>,
        key: EnvelopeKey,
        root: &Path<'_>,
    ) -> Result<(), ParseError> {
        let path = Path::Key(root, key.name());
        self.mark(key)?;
        match key {
            EnvelopeKey::Code => self.code = envelope_code(reader, &path)?,
            EnvelopeKey::Message => self.message = envelope_message(reader, &path)?,
            EnvelopeKey::Response => {
                let raw = reader.skip_raw(&path)?;
                self.response = (raw != "null").then_some(raw);
            }
        }
        Ok(())
    }

    /// Notes that `key` was read; a second time is a duplicate.
    pub(crate) fn mark(&mut self, key: EnvelopeKey) -> Result<(), ParseError> {
        match self.seen.get_mut(key as usize) {
            Some(seen) if *seen => {
                let name = key.name();
                Err(ParseError::new(
                    ErrorCode::InvalidField,
                    name,
                    format!("duplicate field `{name}`"),
                ))
            }
            Some(seen) => {
                *seen = true;
                Ok(())
            }
            None => Ok(()),
        }
    }

    pub(crate) fn is_envelope(&self, has_imp_uid: bool) -> bool {
        classify(has_imp_uid, self.code, self.response.is_some()) != Document::Bare
    }

    /// `API_ERROR` for a failed envelope, else the response's text.
    pub(crate) fn response(&self) -> Result<&'j str, ParseError> {
        let code = self.code.unwrap_or(0);
        if code != 0 {
            return Err(ParseError::api(code, self.message.clone()));
        }
        self.response.ok_or_else(|| {
            ParseError::new(
                ErrorCode::ApiError,
                "response",
                "the envelope's response is null",
            )
        })
    }
}

fn envelope_code(reader: &mut Reader<'_>, path: &Path<'_>) -> Result<Option<i64>, ParseError> {
    let peek = reader.peek(path)?;
    let raw = reader.skip_raw(path)?;
    code_of(raw).ok_or_else(|| invalid_type(path, peek, "an integer"))
}

/// The envelope's `code` from its raw value: `Some(None)` for `null`, `None` when it is not
/// an integer (or a string holding one).
pub(crate) fn code_of(raw: &str) -> Option<Option<i64>> {
    match Shape::of(raw) {
        Shape::Null => Some(None),
        Shape::Str(inner) => tolerant::int_from_text(inner).map(Some),
        Shape::Number(token) => tolerant::int_from_number(token).map(Some),
        _ => None,
    }
}

fn envelope_message(
    reader: &mut Reader<'_>,
    path: &Path<'_>,
) -> Result<Option<String>, ParseError> {
    let peek = reader.peek(path)?;
    let raw = reader.skip_raw(path)?;
    match peek {
        Peek::Null => Ok(None),
        Peek::Array | Peek::Object => Err(invalid_type(path, peek, "a string")),
        Peek::String => Ok(Some(decode_string(raw))),
        _ => Ok(Some(raw.to_owned())),
    }
}

/// The envelope's own fields of a client answer, with `response` left as text.
#[cfg(feature = "client")]
#[derive(Debug)]
pub(crate) struct Envelope<'j> {
    /// `code` (`None` when absent or `null`).
    pub code: Option<i64>,
    /// `message`.
    pub message: Option<String>,
    /// The text of `response`; `None` when it is absent or `null`.
    pub response: Option<&'j str>,
}

/// A schema without fields: the envelope's own keys are told apart by [`Key::envelope`].
#[cfg(feature = "client")]
static NO_FIELDS: Schema = Schema::new(&[]);

/// Reads the top level of `input` as PortOne's envelope: `code` and `message` by the
/// tolerant rules, `response` as text, other keys skipped (checked as JSON only).
#[cfg(feature = "client")]
pub(crate) fn read_envelope(input: &str) -> Result<Envelope<'_>, ParseError> {
    let input = without_bom(input);
    let mut reader = enter_object(input, false)?;
    let root = Path::Root("");
    let mut keys = EnvelopeKeys::default();
    let mut key = reader.first_key(&NO_FIELDS, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(envelope_key) => keys.read(&mut reader, envelope_key, &root)?,
            None => reader.skip(&root)?,
        }
        key = reader.next_key(&NO_FIELDS, 0, &root)?;
    }
    reader.finish()?;
    Ok(Envelope {
        code: keys.code,
        message: keys.message,
        response: keys.response,
    })
}

/// Reads an answer of `schema`, bare or (usually) inside the envelope, as
/// [`crate::parse_enveloped`] does: the document is decided from its top level by
/// [`classify`] (a schema with `imp_uid` counts a non-null top-level `imp_uid`, so a payment
/// is told apart as [`crate::parse_payment`] tells it), then that part alone is read. An
/// envelope with `code != 0` or no `response` is `API_ERROR`; errors inside it have paths
/// under `response`.
pub(crate) fn read_enveloped<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
) -> Result<Read<'j>, ParseError> {
    let input = without_bom(input);
    let imp_uid = schema.find("imp_uid", 0);
    let mut reader = enter_object(input, false)?;
    let root = Path::Root("");
    let mut keys = EnvelopeKeys::default();
    let mut has_imp_uid = false;
    let mut key = reader.first_key(schema, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(key) => keys.read(&mut reader, key, &root)?,
            None if k.index.is_some() && k.index == imp_uid => {
                has_imp_uid = reader.skip_raw(&root)? != "null";
            }
            None => reader.skip(&root)?,
        }
        key = reader.next_key(schema, 0, &root)?;
    }
    reader.finish()?;
    if !keys.is_envelope(has_imp_uid) {
        return read_bare(input, schema, write, "");
    }
    let response = keys.response()?;
    read_bare(response, schema, write, "response").map_err(|err| match err.code() {
        ErrorCode::InvalidInput => err.within("response"),
        _ => err,
    })
}
