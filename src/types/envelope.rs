//! The `{code, message, response}` envelope around every V1 answer, and paged lists.

use serde::Serialize;
use tsify::Tsify;

use super::declare::wire;

wire! {
    /// PortOne's V1 response envelope. `code == 0` is success; any other code is a failure
    /// even with HTTP 200 (e.g. `1` when cancelling a payment that does not exist).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct Envelope<T> {
        /// `0` on success.
        code: i64,
        /// PortOne's message; usually `null` on success.
        message: Option<String>,
        /// The payload; `null` on failure.
        response: Option<T>,
    }
}

wire! {
    /// A page of results: `{total, previous, next, list}`; `previous`/`next` are `0` when
    /// there is no such page.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PagedList<T> {
        /// Number of matching items in all pages.
        total: i64,
        /// Previous page number, `0` if none.
        previous: i64,
        /// Next page number, `0` if none.
        next: i64,
        /// The items of this page.
        list: Vec<T>,
    }
}
