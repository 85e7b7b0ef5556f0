//! Whole documents: a bare object of one schema, and the `IMP.request_pay` callback object
//! (whose canonical JSON starts with the computed `success`).

use jiter::Peek;

use super::captures::{Capture, Captures};
use super::path::Path;
use super::reader::{ObjectReader, Reader};
use super::schema::Schema;
use crate::error::{ErrorCode, ParseError};

/// A document read: the kept values and, when asked for, the canonical JSON text.
#[derive(Debug)]
pub(crate) struct Read<'j> {
    pub captures: Captures<'j>,
    /// Canonical JSON (empty when only checking).
    pub json: String,
}

/// Strips a UTF-8 byte-order mark, which some HTTP stacks leave in front of a body.
pub(crate) fn without_bom(input: &str) -> &str {
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
pub(crate) fn enter_object<'j>(input: &'j str, write: bool) -> Result<Reader<'j>, ParseError> {
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
    let mut reader = enter_object(without_bom(input), write)?;
    let mut json = String::with_capacity(input.len() + 128);
    let captures = reader.object(schema, &Path::Root(prefix), &mut json)?;
    reader.finish()?;
    Ok(Read { captures, json })
}

/// The callback object of `IMP.request_pay` (`schema`) as canonical JSON that starts with the
/// computed `success` ([`request_pay_success`]).
pub(crate) fn request_pay_json(input: &str, schema: &'static Schema) -> Result<String, ParseError> {
    result_json(input, schema, request_pay_success)
}

/// V2's `PortOne.requestPayment` result as canonical JSON that starts with the computed
/// `success`: "no `code`", as the SDK decides it (`code` given with any value, blank
/// included, means the payment failed; `null` counts as absent).
pub(crate) fn payment_response_v2_json(
    input: &str,
    schema: &'static Schema,
) -> Result<String, ParseError> {
    result_json(input, schema, |captures| {
        captures.text(Capture::ErrorCode).is_none()
    })
}

/// A browser-side result object as canonical JSON led by `"success":` what `success` says.
fn result_json(
    input: &str,
    schema: &'static Schema,
    success: fn(&Captures<'_>) -> bool,
) -> Result<String, ParseError> {
    let input = without_bom(input);
    let mut reader = enter_object(input, true)?;
    let root = Path::Root("");
    let mut object = ObjectReader::new(schema);
    let mut key = reader.first_key(schema, &root)?;
    while let Some(k) = key {
        object.field(&mut reader, k, &root)?;
        key = reader.next_key(schema, object.hint, &root)?;
    }
    reader.finish()?;
    let lead = if success(object.captures()) {
        "\"success\":true"
    } else {
        "\"success\":false"
    };
    let mut json = String::new();
    object.finish(&reader, &root, &mut json, Some(lead))?;
    Ok(json)
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
