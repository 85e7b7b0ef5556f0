//! Lists as the client receives them: an array of objects (`GET /payments`) and a page
//! `{total, previous, next, list}` (the listing endpoints).

use super::document::read_bare;
use super::path::Path;
use super::reader::Reader;
use super::schema::Schema;
use crate::error::{ErrorCode, ParseError};

/// The canonical JSON of a list of `item` objects (`null` reads as empty) and how many there
/// are; errors have paths under `prefix` (`response[1].merchant_uid`).
pub(crate) fn list_json(
    input: &str,
    item: &'static Schema,
    prefix: &str,
) -> Result<(String, usize), ParseError> {
    let mut reader = Reader::new(input, true);
    let mut json = String::new();
    let count = reader.objects(item, &Path::Root(prefix), &mut json)?;
    reader.finish()?;
    Ok((json, count))
}

/// The canonical JSON of a `page` whose `list` holds `item` objects. A bare array (as
/// PortOne's docs show for the billing-key payments) becomes the one page: `total` its
/// length, no previous or next.
pub(crate) fn page_json(
    input: &str,
    page: &'static Schema,
    item: &'static Schema,
    prefix: &str,
) -> Result<String, ParseError> {
    if input.trim_start().starts_with('[') {
        let (list, total) = list_json(input, item, prefix)?;
        return Ok(format!(
            r#"{{"total":{total},"previous":0,"next":0,"list":{list}}}"#
        ));
    }
    match read_bare(input, page, true, prefix) {
        Ok(read) => Ok(read.json),
        Err(err) if err.code() == ErrorCode::InvalidInput => Err(err.within(prefix)),
        Err(err) => Err(err),
    }
}
