//! Lists of payments as the client receives them: the array of `GET /payments` and the page
//! `{total, previous, next, list}` of the listing endpoints.

use super::document::read_bare;
use super::path::Path;
use super::reader::Reader;
use super::schema::{PAYMENT, PAYMENT_PAGE};
use crate::error::{ErrorCode, ParseError};

/// The canonical JSON of a list of payments (`null` reads as empty) and how many there
/// are; errors have paths under `prefix` (`response[1].merchant_uid`).
pub(crate) fn payment_list(input: &str, prefix: &str) -> Result<(String, usize), ParseError> {
    let mut reader = Reader::new(input, true);
    let mut json = String::new();
    let count = reader.objects(&PAYMENT, &Path::Root(prefix), &mut json)?;
    reader.finish()?;
    Ok((json, count))
}

/// The canonical JSON of a page of payments. A bare array (as PortOne's docs show for the
/// billing-key payments) becomes the one page: `total` its length, no previous or next.
pub(crate) fn payment_page(input: &str, prefix: &str) -> Result<String, ParseError> {
    if input.trim_start().starts_with('[') {
        let (list, total) = payment_list(input, prefix)?;
        return Ok(format!(
            r#"{{"total":{total},"previous":0,"next":0,"list":{list}}}"#
        ));
    }
    match read_bare(input, &PAYMENT_PAGE, true, prefix) {
        Ok(read) => Ok(read.json),
        Err(err) if err.code() == ErrorCode::InvalidInput => Err(err.within(prefix)),
        Err(err) => Err(err),
    }
}
