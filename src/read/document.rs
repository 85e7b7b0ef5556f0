//! Whole documents: a payment bare or inside PortOne's `{code, message, response}`
//! envelope, and the `request_pay` callback object.

use jiter::Peek;

use super::captures::{Capture, Captures};
use super::path::Path;
use super::reader::{invalid_type, EnvelopeKey, ObjectReader, Reader};
use super::scalar::{decode_string, Shape};
use super::schema::{Schema, PAYMENT, REQUEST_PAY};
use crate::error::{ErrorCode, ParseError};
use crate::lenient;

/// A document read: the kept values and, when asked for, the canonical JSON text.
#[derive(Debug)]
pub(crate) struct Read<'j> {
    pub captures: Captures<'j>,
    /// Canonical JSON (empty when only checking).
    pub json: String,
}

/// Strips a UTF-8 byte-order mark, which some HTTP stacks leave in front of a body.
pub(super) fn without_bom(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

/// Turns bytes into text: one UTF-8 check of the whole body, so strings need none.
pub(crate) fn utf8(input: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(input).map_err(|e| {
        ParseError::new(
            ErrorCode::InvalidJson,
            "",
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })
}

/// Positions the reader on the top-level object, or explains why there is none.
fn enter_object<'j>(input: &'j str, write: bool) -> Result<Reader<'j>, ParseError> {
    let mut reader = Reader::new(input, write);
    let root = Path::Root("");
    let peek = reader.peek(&root)?;
    if peek != Peek::Object {
        reader.skip(&root)?;
        reader.finish()?;
        return Err(ParseError::new(
            ErrorCode::InvalidInput,
            "",
            "expected a JSON object",
        ));
    }
    Ok(reader)
}

/// Reads a bare object with `schema`; errors have paths under `prefix`.
pub(crate) fn read_bare<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
    prefix: &str,
) -> Result<Read<'j>, ParseError> {
    let mut reader = enter_object(input, write)?;
    let mut json = String::new();
    let captures = reader.object(schema, &Path::Root(prefix), &mut json)?;
    reader.finish()?;
    Ok(Read { captures, json })
}

/// The callback object of `IMP.request_pay`. The canonical text starts with the computed
/// `success`.
pub(crate) fn read_request_pay(input: &str, write: bool) -> Result<(Read<'_>, bool), ParseError> {
    let input = without_bom(input);
    let mut reader = enter_object(input, write)?;
    let root = Path::Root("");
    let mut object = ObjectReader::new(&REQUEST_PAY);
    let mut key = reader.first_key(&REQUEST_PAY, &root)?;
    while let Some(k) = key {
        object.field(&mut reader, k, &root)?;
        key = reader.next_key(&REQUEST_PAY, object.hint, &root)?;
    }
    reader.finish()?;
    let success = request_pay_success(object.captures());
    let lead = if success {
        "\"success\":true"
    } else {
        "\"success\":false"
    };
    let mut json = String::new();
    let captures = object.finish(&reader, &root, &mut json, Some(lead))?;
    Ok((Read { captures, json }, success))
}

/// "The SDK reported no error": no `error_code`, no `false` flag, `status` not `failed`.
pub(crate) fn request_pay_success(captures: &Captures<'_>) -> bool {
    let has_error_code = captures
        .text(Capture::ErrorCode)
        .is_some_and(|c| !c.trim().is_empty());
    let flagged_false = captures.flag(Capture::ReportedSuccess) == Some(false)
        || captures.flag(Capture::ReportedImpSuccess) == Some(false);
    let failed = captures.text(Capture::Status) == Some("failed");
    !has_error_code && !flagged_false && !failed
}

/// A payment, bare or enveloped. An envelope with `code != 0` or no `response` is
/// `API_ERROR`; errors inside it have paths under `response`.
pub(crate) fn read_payment(input: &str, write: bool) -> Result<Read<'_>, ParseError> {
    let input = without_bom(input);
    match read_payment_in_one_pass(input, write) {
        Ok(read) => Ok(read),
        // A syntax error is final; a data error may be in the part that does not count (the
        // top-level payment fields of an envelope, or `response` next to a bare payment):
        // decide what the document is first, then read only that part.
        Err(err) if err.code() == ErrorCode::InvalidJson => Err(err),
        Err(_) => read_payment_in_two_passes(input, write),
    }
}

/// The envelope's own keys, as read from the top level.
#[derive(Default)]
struct EnvelopeKeys<'j> {
    code: Option<i64>,
    message: Option<String>,
    /// `response`, when present and not `null`: its text.
    response: Option<&'j str>,
    seen: [bool; 3],
}

impl<'j> EnvelopeKeys<'j> {
    /// Reads `code` or `message` (both are checked in every document, bare or not).
    fn read(
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
    fn mark(&mut self, key: EnvelopeKey) -> Result<(), ParseError> {
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

    fn is_envelope(&self, has_imp_uid: bool) -> bool {
        !has_imp_uid && (self.code.is_some() || self.response.is_some())
    }

    /// `API_ERROR` for a failed envelope, else the response's text.
    fn response(&self) -> Result<&'j str, ParseError> {
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
        Shape::Str(inner) => lenient::int_from_text(inner).map(Some),
        Shape::Number(token) => lenient::int_from_number(token).map(Some),
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

/// The usual case in one pass: the top-level fields are read as a bare payment and
/// `response` as an enveloped one at the same time; whichever the document is wins.
fn read_payment_in_one_pass(input: &str, write: bool) -> Result<Read<'_>, ParseError> {
    let mut reader = enter_object(input, write)?;
    let root = Path::Root("");
    let response_root = Path::Root("response");
    let mut envelope = EnvelopeKeys::default();
    let mut bare = ObjectReader::new(&PAYMENT);
    let mut enveloped: Option<(Captures<'_>, String)> = None;
    let mut key = reader.first_key(&PAYMENT, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(EnvelopeKey::Response) if reader.peek(&root)? == Peek::Object => {
                envelope.mark(EnvelopeKey::Response)?;
                let mut json = String::new();
                let captures = reader.object(&PAYMENT, &response_root, &mut json)?;
                // Present; its text is only needed by the two-pass reading.
                envelope.response = Some("");
                enveloped = Some((captures, json));
            }
            Some(key) => envelope.read(&mut reader, key, &root)?,
            None => bare.field(&mut reader, k, &root)?,
        }
        key = reader.next_key(&PAYMENT, bare.hint, &root)?;
    }
    reader.finish()?;
    let has_imp_uid = bare.captures().text(Capture::ImpUid).is_some();
    if envelope.is_envelope(has_imp_uid) {
        envelope.response()?;
        match enveloped {
            Some((captures, json)) => Ok(Read { captures, json }),
            // `response` is not an object: explained by the two-pass reading.
            None => Err(ParseError::new(
                ErrorCode::InvalidInput,
                "response",
                "expected a JSON object",
            )),
        }
    } else {
        let mut json = String::new();
        let captures = bare.finish(&reader, &root, &mut json, None)?;
        Ok(Read { captures, json })
    }
}

/// Decides what the document is from its top level, then reads that part alone.
fn read_payment_in_two_passes(input: &str, write: bool) -> Result<Read<'_>, ParseError> {
    let mut reader = enter_object(input, false)?;
    let root = Path::Root("");
    let mut envelope = EnvelopeKeys::default();
    let mut has_imp_uid = false;
    let mut key = reader.first_key(&PAYMENT, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(key) => envelope.read(&mut reader, key, &root)?,
            None if k.index == Some(0) => has_imp_uid = reader.skip_raw(&root)? != "null",
            None => reader.skip(&root)?,
        }
        key = reader.next_key(&PAYMENT, 0, &root)?;
    }
    reader.finish()?;
    if !envelope.is_envelope(has_imp_uid) {
        return read_bare(input, &PAYMENT, write, "");
    }
    let response = envelope.response()?;
    read_bare(response, &PAYMENT, write, "response").map_err(|err| match err.code() {
        ErrorCode::InvalidInput => err.within("response"),
        _ => err,
    })
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

/// Reads the top level of `input` as PortOne's envelope: `code` and `message` by the
/// tolerant rules, `response` as text, other keys skipped (checked as JSON only).
#[cfg(feature = "client")]
pub(crate) fn read_envelope(input: &str) -> Result<Envelope<'_>, ParseError> {
    let input = without_bom(input);
    let mut reader = enter_object(input, false)?;
    let root = Path::Root("");
    let mut keys = EnvelopeKeys::default();
    let mut key = reader.first_key(&PAYMENT, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(envelope_key) => keys.read(&mut reader, envelope_key, &root)?,
            None => reader.skip(&root)?,
        }
        key = reader.next_key(&PAYMENT, 0, &root)?;
    }
    reader.finish()?;
    Ok(Envelope {
        code: keys.code,
        message: keys.message,
        response: keys.response,
    })
}

/// Reads an answer of `schema`, bare or (usually) inside the envelope, as
/// [`crate::parse_enveloped`] does: an envelope with `code != 0` or no `response` is
/// `API_ERROR`; errors inside it have paths under `response`.
#[cfg(feature = "client")]
pub(crate) fn read_enveloped<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
) -> Result<Read<'j>, ParseError> {
    let input = without_bom(input);
    let envelope = read_envelope(input)?;
    let keys = EnvelopeKeys {
        code: envelope.code,
        message: envelope.message,
        response: envelope.response,
        seen: [false; 3],
    };
    if !keys.is_envelope(false) {
        return read_bare(input, schema, write, "");
    }
    let response = keys.response()?;
    read_bare(response, schema, write, "response").map_err(|err| match err.code() {
        ErrorCode::InvalidInput => err.within("response"),
        _ => err,
    })
}
