//! The `{code, message, response}` envelope around every V1 answer, and paged lists.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::lenient;

/// PortOne's V1 response envelope. `code == 0` is success; any other code is a failure even
/// with HTTP 200 (e.g. `1` when cancelling a payment that does not exist).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct Envelope<T> {
    /// `0` on success.
    #[serde(deserialize_with = "lenient::required_int")]
    pub code: i64,
    /// PortOne's message; usually `null` on success.
    #[serde(default, deserialize_with = "lenient::text")]
    pub message: Option<String>,
    /// The payload; `null` on failure.
    #[serde(default = "Option::default")]
    pub response: Option<T>,
}

/// A page of results: `{total, previous, next, list}`; `previous`/`next` are `0` when there
/// is no such page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PagedList<T> {
    /// Number of matching items in all pages.
    #[serde(deserialize_with = "lenient::required_int")]
    pub total: i64,
    /// Previous page number, `0` if none.
    #[serde(deserialize_with = "lenient::required_int")]
    pub previous: i64,
    /// Next page number, `0` if none.
    #[serde(deserialize_with = "lenient::required_int")]
    pub next: i64,
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub list: Vec<T>,
}
