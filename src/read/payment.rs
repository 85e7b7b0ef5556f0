//! A V1 payment, bare or inside PortOne's `{code, message, response}` envelope, read in one
//! pass in the usual case.

use jiter::Peek;

use super::captures::{Capture, Captures};
use super::document::{enter_object, read_bare, without_bom, Read};
use super::envelope::EnvelopeKeys;
use super::keys::EnvelopeKey;
use super::path::Path;
use super::reader::ObjectReader;
use super::schema::Schema;
use crate::error::{ErrorCode, ParseError};

/// A payment, bare or enveloped. An envelope with `code != 0` or no `response` is
/// `API_ERROR`; errors inside it have paths under `response`.
pub(crate) fn read_payment<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
) -> Result<Read<'j>, ParseError> {
    let input = without_bom(input);
    match read_payment_in_one_pass(input, schema, write) {
        Ok(read) => Ok(read),
        // A syntax error is final; a data error may be in the part that does not count (the
        // top-level payment fields of an envelope, or `response` next to a bare payment):
        // decide what the document is first, then read only that part.
        Err(err) if err.code() == ErrorCode::InvalidJson => Err(err),
        Err(_) => read_payment_in_two_passes(input, schema, write),
    }
}

/// The usual case in one pass: the top-level fields are read as a bare payment and
/// `response` as an enveloped one at the same time; whichever the document is wins.
fn read_payment_in_one_pass<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
) -> Result<Read<'j>, ParseError> {
    let mut reader = enter_object(input, write)?;
    let root = Path::Root("");
    let response_root = Path::Root("response");
    let mut envelope = EnvelopeKeys::default();
    let mut bare = ObjectReader::new(schema);
    let mut enveloped: Option<(Captures<'_>, String)> = None;
    let mut key = reader.first_key(schema, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(EnvelopeKey::Response) if reader.peek(&root)? == Peek::Object => {
                envelope.mark(EnvelopeKey::Response)?;
                let mut json = String::new();
                let captures = reader.object(schema, &response_root, &mut json)?;
                // Present; its text is only needed by the two-pass reading.
                envelope.response = Some("");
                enveloped = Some((captures, json));
            }
            Some(key) => envelope.read(&mut reader, key, &root)?,
            None => bare.field(&mut reader, k, &root)?,
        }
        key = reader.next_key(schema, bare.hint, &root)?;
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
fn read_payment_in_two_passes<'j>(
    input: &'j str,
    schema: &'static Schema,
    write: bool,
) -> Result<Read<'j>, ParseError> {
    let imp_uid = schema.find("imp_uid", 0);
    let mut reader = enter_object(input, false)?;
    let root = Path::Root("");
    let mut envelope = EnvelopeKeys::default();
    let mut has_imp_uid = false;
    let mut key = reader.first_key(schema, &root)?;
    while let Some(k) = key {
        match k.envelope {
            Some(key) => envelope.read(&mut reader, key, &root)?,
            None if k.index.is_some() && k.index == imp_uid => {
                has_imp_uid = reader.skip_raw(&root)? != "null"
            }
            None => reader.skip(&root)?,
        }
        key = reader.next_key(schema, 0, &root)?;
    }
    reader.finish()?;
    if !envelope.is_envelope(has_imp_uid) {
        return read_bare(input, schema, write, "");
    }
    let response = envelope.response()?;
    read_bare(response, schema, write, "response").map_err(|err| match err.code() {
        ErrorCode::InvalidInput => err.within("response"),
        _ => err,
    })
}
