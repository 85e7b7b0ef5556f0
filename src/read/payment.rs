//! A V1 payment, bare or inside PortOne's `{code, message, response}` envelope, read in one
//! pass in the usual case.

use jiter::Peek;

use super::captures::{Capture, Captures};
use super::document::{enter_object, without_bom, Read};
use super::envelope::{read_enveloped, EnvelopeKeys};
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
        Err(_) => read_enveloped(input, schema, write),
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
                // Present; its text is only needed by `read_enveloped`.
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
            // `response` is not an object: explained by `read_enveloped`.
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
